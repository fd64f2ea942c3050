"""Everything a build remembers between runs, behind one boundary.

`build_site` opens a BuildCache at the start and commits it at the end; no
other stage knows it exists. It remembers four things, each measured to earn
its place (bench/RESULTS.md), plus the folder where the search stage keeps its
shard indexes (`search/`):

- the **page digests** of the live site (`manifest.json`): a page whose inputs
  digest is unchanged is hard-linked from the live site instead of rendered;
  with them, what the search stage read of each page (its date and hash), so
  a reused page is not read and hashed again to find the shard that changed;
- the **spare copy**: after a swap the previous site is kept (`spare/`, with
  its record `spare.json`) and the next build updates it in place instead of
  creating ~13,000 folders and deleting as many;
- the **content records** (`content.jsonl`): what reading each content file
  produced, keyed by the hash of its bytes (content/records.py), so only
  changed files are parsed and validated again;
- the **pinyin of names** (`pinyin.json`), so a rebuild that meets no new
  name never imports pypinyin (≈ 0.4 s).

All live in a folder beside `--out` (`.public-cache/` for `--out public`),
never inside the published site, readable and writable by its owner only.
Records are JSON (nothing in the cache can run code) and carry one
fingerprint of the code, templates, static files and settings; site records
name the folder they describe by the identity of its marker file. Anything
that does not match exactly is ignored: the cache can make a build faster,
never different (tests/site/test_incremental.py). What it records is trusted
as written — a cache folder others could write is refused; `--clean` drops it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_src.content.records import FileRecords
from site_src.model.slugs import Pinyin
from site_src.output.files import FileStat, atomic_write, folders_of, scan_site
from site_src.output.swap import marker_identity
from site_src.output.writer import OutputError, SiteWriter
from site_src.search.shards import IndexedPage

MANIFEST = "manifest.json"
SPARE = "spare"
SPARE_MANIFEST = "spare.json"
CONTENT_RECORDS = "content.jsonl"
PINYIN = "pinyin.json"
SEARCH_BUNDLE = "pagefind"  # rewritten whole by every build with search, never reused


def cache_dir(out_dir: Path) -> Path:
    """The folder beside `out_dir` (never inside it) that holds what builds remember."""
    out_dir = Path(os.path.realpath(out_dir))
    return out_dir.parent / f".{out_dir.name}-cache"


@dataclass(frozen=True)
class SiteRecord:
    """What a site folder holds according to its record: as built, file by file."""

    marker: list[int]  # marker_identity of the folder
    files: dict[str, FileStat]  # every file but the search bundle
    pages: dict[str, str]  # page → input digest it was rendered from ({} if not reusable)
    # HTML page → [date, sha256] as the search index read it, None if not indexed
    search: dict[str, list[str] | None] = field(default_factory=dict)


def _read_record(path: Path, fingerprint: str) -> SiteRecord | None:
    """A record from JSON; its digests dropped if made by other code. None if unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
        marker = [int(n) for n in data["site"]]
        # Values are not converted one by one (0.13 s for two records at 10,000 pages):
        # a wrong type can only fail to equal what is on disk or computed, so never reuses.
        files = dict(zip(data["files"].keys(), map(tuple, data["files"].values()), strict=True))
        pages = data["pages"]
        search = data.get("search", {})
        same_code = data["fingerprint"] == fingerprint
        if not isinstance(pages, dict) or not isinstance(search, dict):
            raise TypeError("pages")
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return SiteRecord(marker, files, pages if same_code else {}, search)


def _refuse_untrusted(folder: Path) -> None:
    """What a build remembers ends up in the published site (the search bundle's code).

    So a cache folder someone else could have written — owned by another user,
    writable by group or others, or a symlink — is refused, as ssh refuses a
    key file others can write, rather than trusted or silently replaced.
    """
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        problem = "is not a plain folder"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to another user (uid {info.st_uid})"
    elif info.st_mode & 0o002:
        problem = "can be written by other users"
    else:
        return
    raise OutputError(f"refusing to use the build cache {folder}: it {problem} — delete it "
                      "(a clean build re-creates it) or build into a folder only you can write")


class BuildCache:
    """The page digests and spare copy of one `--out`, read at open, written at commit."""

    def __init__(self, out_dir: Path, fingerprint: str):
        self.live = Path(os.path.realpath(out_dir))
        self.folder = cache_dir(out_dir)
        _refuse_untrusted(self.folder)
        self.fingerprint = fingerprint
        self.spare: SiteRecord | None = None  # set once the spare copy is claimed and checked
        # what the search stage read of each reused page (shards.read_pages' `known`)
        self.known_pages: dict[str, IndexedPage | None] = {}
        self.records = _read_content_records(self.folder / CONTENT_RECORDS, fingerprint)
        self.pinyin = Pinyin(_read_pinyin(self.folder / PINYIN, fingerprint))
        self._live = _read_record(self.folder / MANIFEST, fingerprint)
        try:
            if self._live is not None and self._live.marker != marker_identity(self.live):
                self._live = None  # a record of another folder (or an older site)
        except OSError:  # no live site (deleted by hand, or never built)
            self._live = None

    @property
    def spare_dir(self) -> Path:
        """Where the site replaced by this build's swap is kept."""
        return self.folder / SPARE

    @property
    def search_dir(self) -> Path:
        """Where the search stage keeps its shard indexes between builds."""
        return self.folder / "search"

    def claim_spare(self, staging: Path) -> bool:
        """Move the spare copy to `staging` if it is exactly what its record says.

        The record is read and deleted first, and the rename comes before any
        check, so no other build can take or update the same copy and a crash
        from here on leaves nothing that looks trustworthy. A copy that fails
        a check is deleted.
        """
        record = _read_record(self.folder / SPARE_MANIFEST, self.fingerprint)
        with contextlib.suppress(FileNotFoundError):
            (self.folder / SPARE_MANIFEST).unlink()
        try:
            os.rename(self.spare_dir, staging)
        except OSError:  # no spare, or another build took it
            return False
        if _matches(staging, record):
            self.spare = record
            return True
        shutil.rmtree(staging, ignore_errors=True)
        return False

    def reuse(self, out: SiteWriter, relpath: str, digest: str) -> bool:
        """Keep a page whose inputs did not change instead of rendering it.

        Left as it is when the claimed spare holds it with this digest; else
        hard-linked from the live site if the live page has this digest and is
        still the file that was written (one edited by hand is rendered again).
        """
        if self.spare is not None and self.spare.pages.get(relpath) == digest:
            out.record(relpath, self.spare.files[relpath])
            self._note(self.spare, relpath)
            return True
        live = self._live
        if live is None or live.pages.get(relpath) != digest or relpath not in live.files:
            return False
        if not out.link_from(self.live, relpath, expected=live.files[relpath]):
            return False
        self._note(live, relpath)
        return True

    def _note(self, record: SiteRecord, relpath: str) -> None:
        """The reused page is the file its record describes: so is what search read of it."""
        if relpath in record.search:
            fact = record.search[relpath]
            with contextlib.suppress(TypeError, IndexError, KeyError):  # unusable: read again
                self.known_pages[relpath] = None if fact is None else IndexedPage(
                    relpath, str(fact[0]), str(fact[1]))

    def prune(self, out: SiteWriter) -> None:
        """Remove what the spare held that the new site lacks (before the index reads it)."""
        if self.spare is not None:
            out.remove_unwritten(self.spare.files)

    def keep_records(self) -> None:
        """Write the content records now and let go of them (≈ 10 MB at 10,000 files).

        They say what reading each file produced, true whatever the rest of the
        build does — also when it stops on a content error, so the next build
        re-reads only the files the editor fixed.
        """
        if self.records.changed:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write(self.folder / CONTENT_RECORDS, self.records.to_bytes(self.fingerprint))
        self.records = FileRecords()

    def commit(self, out: SiteWriter, pages: dict[str, str],
               search: Mapping[str, IndexedPage | None] | None = None) -> None:
        """Record the staging site's digests and files; valid once it becomes the live site.

        `search`: what the search stage read of each page (without search: what
        was known of the reused ones).

        Written just before the swap: the marker keeps its inode through the
        rename, so the record matches exactly the site that was swapped in. The
        live site's record becomes the spare's, as the live site becomes the spare.
        """
        data = {
            "fingerprint": self.fingerprint,
            "site": marker_identity(out.root),
            "pages": dict(sorted(pages.items())),
            "files": dict(sorted(out.written.items())),
            "search": {relpath: None if page is None else [page.date, page.digest]
                       for relpath, page in sorted((search or self.known_pages).items())},
        }
        self.folder.mkdir(mode=0o700, exist_ok=True)
        if self.pinyin.learned:
            known = dict(sorted(self.pinyin.known.items()))
            names = {"fingerprint": self.fingerprint, "pinyin": known}
            atomic_write(self.folder / PINYIN, json.dumps(names, ensure_ascii=False))
        with contextlib.suppress(FileNotFoundError):
            os.replace(self.folder / MANIFEST, self.folder / SPARE_MANIFEST)
        atomic_write(self.folder / MANIFEST, json.dumps(data, separators=(",", ":")))


def _read_content_records(path: Path, fingerprint: str) -> FileRecords:
    try:
        return FileRecords.from_bytes(path.read_bytes(), fingerprint)
    except OSError:
        return FileRecords()


def _read_pinyin(path: Path, fingerprint: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
        if data["fingerprint"] != fingerprint:
            return {}
        return {str(name): str(slug) for name, slug in data["pinyin"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def forget(out_dir: Path) -> None:
    """Drop everything builds remember beside `out_dir` (`build --clean`)."""
    shutil.rmtree(cache_dir(out_dir), ignore_errors=True)


def _matches(folder: Path, record: SiteRecord | None) -> bool:
    """The folder holds exactly the record's files, as written, and nothing else."""
    if record is None or not record.pages.keys() <= record.files.keys():
        return False
    try:
        if marker_identity(folder) != record.marker:
            return False
        bundle = folder / SEARCH_BUNDLE
        if os.path.lexists(bundle):
            if not stat.S_ISDIR(os.lstat(bundle).st_mode):
                return False
            shutil.rmtree(bundle)  # a new one is written if search is on
        found = scan_site(folder)
    except OSError:
        return False
    return found is not None and found == (record.files, folders_of(record.files))
