"""Split the archive into date-ordered shards, each indexed by its own Pagefind run.

Pagefind holds every page of a run in memory several times over (2.6–2.9 GB at
10,000 reports, issue 17), so one run over a growing archive eventually stops
fitting in a CI runner. Shards of at most `max_pages` pages, indexed one after
another, bound the peak at one shard's. A shard is a period (a year; a month,
then fixed-size runs, when a year is too big), so adding or editing a report
changes one shard's pages and only that shard is indexed again; the others are
taken from the cache, keyed by the digests of their pages.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_src.build.fingerprint import library_version

# Shard sizes, measured at 10,000 reports in bench/SEARCH.md ("Shard size"):
# shards of <= 1,000 pages bring the rebuild after one edit from 22.5 to
# 11.6-17.4 s CPU, leave the full build as it was (~90 s) and halve the largest
# process, for +12 % bytes on a complete answer. Many shards cost the reader
# (an entry and a meta file each) and the tiered ranking (WEIGHT_STEP ** n in
# index.py), so when small shards would make more than MAX_SHARDS, the archive
# is cut into shards of <= MAX_PAGES (Pagefind's memory bound) instead.
SMALL_PAGES = 1000
MAX_PAGES = 2500
MAX_SHARDS = 20
_DATE = re.compile(r'data-pagefind-sort="date:(\d{4})-(\d{2})-(\d{2})"')
_BODY = "data-pagefind-body"


@dataclass(frozen=True)
class IndexedPage:
    relpath: str  # inside the site, e.g. "2024/03/x/index.html"
    date: str  # "2024-03-14"; "0000-00-00" for undated reports
    digest: str  # sha256 of the page's bytes


@dataclass(frozen=True)
class Shard:
    key: str  # "undated", "2023", "2024-05", "2024-05-2"
    pages: tuple[IndexedPage, ...]

    def digest(self, fingerprint: str) -> str:
        """Same pages (paths and bytes) and same indexer → same index; anything else → another."""
        h = hashlib.sha256(fingerprint.encode())
        for page in self.pages:
            h.update(f"\0{page.relpath}\0{page.digest}".encode())
        return h.hexdigest()[:24]


def read_pages(site_dir: Path, known: Mapping[str, IndexedPage | None] | None = None,
               html: Iterable[str] | None = None) -> dict[str, IndexedPage | None]:
    """Every HTML page, as Pagefind would index it (None: no `data-pagefind-body`).

    `html` lists the pages (default: every `.html` outside `pagefind/` and
    dot-folders); `known` holds what is already known of pages whose bytes are
    unchanged since (the build reuses 12,700 of 12,769 pages after one edit,
    and reading and hashing them all took 1.7 s), the rest are read.
    """
    known = known or {}
    if html is None:
        html = [path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")]
        html = [rel for rel in html if not rel.startswith(("pagefind/", "."))]
    found: dict[str, IndexedPage | None] = {}
    for relpath in sorted(html):
        found[relpath] = known[relpath] if relpath in known else read_page(site_dir, relpath)
    return found


def read_page(site_dir: Path, relpath: str) -> IndexedPage | None:
    data = (site_dir / relpath).read_bytes()
    if _BODY.encode() not in data:
        return None
    match = _DATE.search(data.decode("utf-8", "replace"))
    date = "-".join(match.groups()) if match else "0000-00-00"
    return IndexedPage(relpath, date, hashlib.sha256(data).hexdigest())


def indexed(found: Mapping[str, IndexedPage | None]) -> list[IndexedPage]:
    """The pages that are indexed, in path order."""
    return [page for page in found.values() if page is not None]


def plan_shards(pages: list[IndexedPage], max_pages: int = MAX_PAGES) -> list[Shard]:
    """Shards, newest first, each at most `max_pages` pages.

    The newest year is a shard of its own (small: where new reports arrive, and
    what the page draws first). Older years, undated reports first, are packed
    oldest to newest into shards of whole years; a year over `max_pages` is cut
    by month, a month over it into runs. Editing a report changes no boundary,
    and adding one in the newest year touches only the newest shard.
    """
    by_year: dict[str, list[IndexedPage]] = {}
    for page in sorted(pages, key=lambda p: (p.date, p.relpath)):
        year = page.date[:4]
        by_year.setdefault("undated" if year == "0000" else year, []).append(page)
    years = list(by_year)  # "undated" sorts first ("0000")
    newest = years[-1:] if years and years[-1] != "undated" else []
    shards: list[Shard] = []
    packed: list[str] = []
    for year in years[: len(years) - len(newest)]:
        if packed and sum(len(by_year[y]) for y in packed) + len(by_year[year]) > max_pages:
            shards += _shard_of(packed, by_year, max_pages)
            packed = []
        packed.append(year)
    if packed:
        shards += _shard_of(packed, by_year, max_pages)
    if newest:
        shards += _shard_of(newest, by_year, max_pages)
    return shards[::-1]


def _shard_of(years: list[str], by_year: dict[str, list[IndexedPage]],
              max_pages: int) -> list[Shard]:
    """Whole years as one shard, or one big year cut by month (then runs)."""
    key = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    pages = [p for y in years for p in by_year[y]]
    if len(pages) <= max_pages or years == ["undated"] or len(years) > 1:
        return _runs(key, pages, max_pages)
    by_month: dict[str, list[IndexedPage]] = {}
    for page in pages:
        by_month.setdefault(f"{key}-{page.date[5:7]}", []).append(page)
    return [s for month, in_month in by_month.items() for s in _runs(month, in_month, max_pages)]


def _runs(key: str, pages: list[IndexedPage], max_pages: int) -> list[Shard]:
    if len(pages) <= max_pages:
        return [Shard(key, tuple(pages))]
    return [
        Shard(f"{key}-{n + 1}", tuple(pages[i : i + max_pages]))
        for n, i in enumerate(range(0, len(pages), max_pages))
    ]


def indexer_fingerprint() -> str:
    """What else decides a shard's index: Pagefind's version and binary, the shadow-page code."""
    text_code = (Path(__file__).parent / "text.py").read_bytes()
    parts = [
        library_version("pagefind", "pagefind"),
        os.environ.get("PAGEFIND_BINARY_PATH", ""),
        hashlib.sha256(text_code).hexdigest(),
        CHUNK_SIZE,
    ]
    return "\0".join(parts)


# Index chunks of ~1,000 words instead of Pagefind's default: with one Han
# character per word, a rare character's chunk otherwise drags tens of
# thousands of neighbours' positions with it (issue 17: 云南 115 → 8 KB).
# Honoured by Pagefind 1.5.2 and 1.6.0; undocumented, so measured in bench/SEARCH.md.
CHUNK_SIZE = "1000"


def choose_shards(pages: list[IndexedPage], max_pages: int | None = None) -> list[Shard]:
    """Small shards (cheap to re-index) unless there would be too many; then large ones.

    Crossing MAX_SHARDS as the archive grows re-indexes every shard once (all
    boundaries move); after that, an edit again touches one shard.
    """
    if max_pages:
        return plan_shards(pages, max_pages)
    small = plan_shards(pages, SMALL_PAGES)
    return small if len(small) <= MAX_SHARDS else plan_shards(pages, MAX_PAGES)


def max_pages_from_env() -> int | None:
    """MINZHENG_SHARD_PAGES fixes the shard size (tests and the benchmark use it)."""
    value = os.environ.get("MINZHENG_SHARD_PAGES", "")
    return int(value) if value.isdigit() and int(value) > 0 else None
