"""Issue 17.1/17.2: date-ordered shards, indexed one by one, re-indexed only when changed.

The plan is checked on synthetic page lists; the cache on the bundled content
built with the real CLI: a rebuild re-indexes exactly the shard whose page
changed, and the result equals a clean index of the same pages (byte for byte
where Pagefind is deterministic, and in what the search page gets from it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_src.search.index import index_site
from site_src.search.shards import IndexedPage, plan_shards, read_pages
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

    undated = next(p for p in read_pages(site) if p.date == "0000-00-00")
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
    assert len(answers["all"]) == len(read_pages(site))
