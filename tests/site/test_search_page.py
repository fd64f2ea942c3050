"""The search page's own script: URL state, Chinese filter labels, sort, no-results hint.

Uses the shared fixtures of tests/conftest.py (the bundled content built through
the CLI, served on 127.0.0.1, Debian Chromium via Playwright).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser



def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _settled(tab) -> None:
    tab.wait_for_function(
        "() => { const s = document.getElementById('search-status');"
        " return s.hasAttribute('data-run')"
        " && !document.querySelector('.search-result[aria-busy]'); }"
    )


def _box(value: str, key: str = "province") -> str:
    return f'#search-filter-groups input[name="{key}"][value="{value}"]'


def test_deep_link_restores_query_and_filters(tab, site_url):
    tab.goto(f"{site_url}search/?q=陈斌&province=浙江省")
    tab.wait_for_selector(".search-result")
    _settled(tab)
    assert tab.input_value("#search-q") == "陈斌"
    assert tab.locator("label[for=search-q]").inner_text() == "搜索报道"
    tab.wait_for_selector(_box("浙江省"))
    assert tab.is_checked(_box("浙江省"))
    names = tab.locator(".search-filter-group legend").all_inner_texts()
    assert names == ["省份", "城市", "年份", "领导"]
    titles = tab.locator(".search-result-title").all_inner_texts()
    assert titles and all("浙江" in t for t in titles)


def test_ticking_a_filter_and_typing_update_the_url(tab, site_url):
    tab.goto(f"{site_url}search/")
    tab.fill("#search-q", "民政")
    tab.wait_for_selector(".search-result")
    tab.click("#search-filters summary")
    tab.check(_box("湖北省"))
    tab.wait_for_function("() => location.search.includes('province=')")
    state = query(tab)
    assert state["q"] == ["民政"]
    assert state["province"] == ["湖北省"]


def test_sort_change_keeps_query_and_filters(tab, site_url):
    tab.goto(f"{site_url}search/?q=民政&province=湖北省")
    tab.wait_for_selector(".search-result")
    tab.select_option("#search-sort", "date-desc")
    tab.wait_for_function("() => location.search.includes('sort=')")
    _settled(tab)
    state = query(tab)
    assert state == {"q": ["民政"], "province": ["湖北省"], "sort": ["date-desc"]}
    tab.reload()
    tab.wait_for_selector(".search-result")
    assert tab.input_value("#search-sort") == "date-desc"
    tab.wait_for_selector(_box("湖北省"))
    assert tab.is_checked(_box("湖北省"))


def test_no_results_with_filters_suggests_removing_them(tab, site_url):
    tab.goto(f"{site_url}search/?q=陈斌&province=湖北省")
    tab.wait_for_selector("#search-hint:not([hidden])")
    with tab.expect_navigation():
        tab.click("#search-hint-clear")
    tab.wait_for_selector(".search-result")
    assert query(tab) == {"q": ["陈斌"]}
    assert tab.is_hidden("#search-hint")


def test_the_search_page_has_one_search_box(tmp_path):
    """On /search/ the page's own box is the search: no second one in the header
    (every other page keeps the header box, tests/browser/test_look.py)."""
    from site_src.pipeline import build_site

    content = tmp_path / "content" / "2024" / "03"
    content.mkdir(parents=True)
    (content / "a.md").write_text("---\ntitle: 民政工作会议\ndate: 2024-03-14\n---\n正文。\n",
                                  encoding="utf-8")
    out = tmp_path / "public"
    build_site(tmp_path / "content", out, search=False)
    search_page = (out / "search" / "index.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert search_page.count('role="search"') == 1
    assert 'class="header-search"' not in search_page
    assert 'class="header-search"' in home
