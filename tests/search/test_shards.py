"""Issue 17.1/17.2: date-ordered shards, indexed one by one, re-indexed only when changed.

The plan is checked on synthetic page lists; the cache on the bundled content
built with the real CLI: a rebuild re-indexes exactly the shard whose page
changed, and the result equals a clean index of the same pages (byte for byte
where Pagefind is deterministic, and in what the search page gets from it).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from site_src.search.index import WEIGHT_STEP, index_site
from site_src.search.shards import (
    MAX_PAGES,
    MAX_SHARDS,
    SMALL_PAGES,
    IndexedPage,
    Shard,
    choose_shards,
    indexed,
    max_pages_from_env,
    plan_shards,
    read_pages,
)
from tests.conftest import serve_directory


def _pages(spec: dict[str, int]) -> list[IndexedPage]:
    """{"2021-03-05": 2, …} → that many pages on each date."""
    return [IndexedPage(f"{date}/{i}/index.html", date, f"{date}{i}")
            for date, n in spec.items() for i in range(n)]


def test_shards_are_bounded_date_ordered_newest_small() -> None:
    pages = _pages({"0000-00-00": 5, "2019-05-01": 40, "2020-01-02": 30, "2021-07-01": 30,
                    "2022-02-02": 90, "2022-09-09": 30, "2023-01-01": 8})
    shards = plan_shards(pages, max_pages=60)
    assert all(len(s.pages) <= 60 for s in shards)
    assert sorted(p.relpath for s in shards for p in s.pages) == sorted(p.relpath for p in pages)
    assert shards[0].key == "2023" and len(shards[0].pages) == 8  # the newest year alone
    newest = [max(p.date for p in s.pages) for s in shards]
    oldest = [min(p.date for p in s.pages) for s in shards]
    assert all(o >= n for o, n in zip(oldest, newest[1:], strict=False)), "shards overlap in time"
    assert [s.key for s in shards if s.key.startswith("2022")] == ["2022-09", "2022-02-2",
                                                                    "2022-02-1"]


def test_editing_or_adding_touches_one_shard() -> None:
    pages = _pages({"2019-05-01": 40, "2020-01-02": 30, "2021-07-01": 30, "2023-01-01": 8})
    before = {s.key: s.digest("x") for s in plan_shards(pages, max_pages=60)}
    edited = [IndexedPage(p.relpath, p.date, "changed") if i == 45 else p
              for i, p in enumerate(pages)]
    added = [*pages, IndexedPage("new/index.html", "2023-02-01", "new")]
    for changed in (edited, added):
        after = {s.key: s.digest("x") for s in plan_shards(changed, max_pages=60)}
        assert after.keys() == before.keys()
        assert sum(after[k] != before[k] for k in before) == 1


def _data(bundle: Path) -> dict[str, bytes]:
    """What Pagefind writes deterministically (fragments, word index), by path."""
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*"))
            if p.is_file() and p.parent.name in ("fragment", "index")}


def _answers(site: Path, browser) -> dict:
    """What the search page gets: every page, filter counts, a few queries (all shards)."""
    with serve_directory(site) as url:
        page = browser.new_page()
        page.goto(url + "search/")
        result = page.evaluate("""async () => {
          const s = window.minzhengSearch;
          const urls = async (r) => Promise.all(r.results.map(async x => (await x.data()).url));
          const out = {all: await urls(await s.search(null))};
          for (const q of ['民政', '养老', '测试增补语句', '湖北']) {
            const r = await s.search(s.toPagefindTerm(q), {});
            out[q] = [await urls(r), r.filters];
          }
          return out;
        }""")
        page.close()
    return result


@pytest.mark.browser
def test_incremental_index_equals_a_clean_one(built_site, browser, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MINZHENG_SHARD_PAGES", "4")
    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(built_site.root, site, ignore=shutil.ignore_patterns("pagefind"))
    first = index_site(site, cache_dir=cache)
    assert first.shards >= 3 and first.reindexed == first.shards
    assert index_site(site, cache_dir=cache).reindexed == 0, "nothing changed, yet re-indexed"

    undated = next(p for p in indexed(read_pages(site)) if p.date == "0000-00-00")
    page = site / undated.relpath
    html = page.read_text("utf-8")
    start = html.index("<p>", html.index("data-pagefind-body"))
    page.write_text(html[:start] + "<p>测试增补语句。</p>" + html[start:], "utf-8")
    again = index_site(site, cache_dir=cache)
    assert again.reindexed == 1, f"one page changed but {again.reindexed} shards were re-indexed"

    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("pagefind"))
    index_site(clean)
    ours, theirs = site / "pagefind", clean / "pagefind"
    assert _data(ours) == _data(theirs)
    # Meta and filter files name each other by hashes that change with every
    # Pagefind run (bench/SEARCH.md): they are compared by what the page reads.
    for name in ("filters.json", "shards.json"):
        assert (ours / name).read_bytes() == (theirs / name).read_bytes()
    answers = _answers(site, browser)
    assert answers == _answers(clean, browser)
    assert answers["测试增补语句"][0] == ["/" + undated.relpath.removesuffix("index.html")]
    assert len(answers["all"]) == len(indexed(read_pages(site)))


def _archive(per_year: int, years: range, undated: int = 0) -> list[IndexedPage]:
    """An archive like bench/generate.py's: `per_year` reports a year, spread over the months."""
    pages = [IndexedPage(f"undated/{i}/index.html", "0000-00-00", f"u{i}") for i in range(undated)]
    for year in years:
        pages += [IndexedPage(f"{year}/{i}/index.html", f"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                              f"{year}{i}") for i in range(per_year)]
    return pages


def _touched(pages: list[IndexedPage], i: int) -> list[Shard]:
    """The shards whose digest changes when page i is edited (default shard size)."""
    before = {s.key: s.digest("x") for s in choose_shards(pages)}
    edited = [IndexedPage(p.relpath, p.date, "edited") if n == i else p
              for n, p in enumerate(pages)]
    after = choose_shards(edited)
    assert {s.key for s in after} == before.keys()
    return [s for s in after if s.digest("x") != before[s.key]]


def test_an_edit_at_10000_reports_reindexes_one_shard_of_at_most_1000_pages() -> None:
    """bench/SEARCH.md "Shard size": ≤ 1,000 pages keeps the edit-one rebuild near 10 s."""
    pages = _archive(500, range(2005, 2025), undated=92)
    assert all(len(s.pages) <= 1000 for s in choose_shards(pages))
    for i in range(0, len(pages), 499):
        touched = _touched(pages, i)
        assert len(touched) == 1 and len(touched[0].pages) <= 1000


def test_too_many_small_shards_fall_back_to_large_ones() -> None:
    """50,000 reports: small shards would cut every year by month (hundreds of shards)."""
    pages = _archive(2400, range(2005, 2026))
    shards = choose_shards(pages)
    assert len(plan_shards(pages, SMALL_PAGES)) > MAX_SHARDS
    assert all(len(s.pages) <= MAX_PAGES for s in shards)
    assert WEIGHT_STEP ** (len(shards) - 1) > sys.float_info.min  # tiers stay distinct
    assert len(_touched(pages, 31_000)) == 1


def test_the_env_fixes_the_shard_size(monkeypatch) -> None:
    pages = _archive(500, range(2020, 2025))
    monkeypatch.setenv("MINZHENG_SHARD_PAGES", "300")
    assert max(len(s.pages) for s in choose_shards(pages, max_pages_from_env())) <= 300
    monkeypatch.setenv("MINZHENG_SHARD_PAGES", "")
    assert choose_shards(pages, max_pages_from_env()) == choose_shards(pages)
