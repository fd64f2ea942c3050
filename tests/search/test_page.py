"""Issue 17.3: the lean search page, as a reader (and a screen reader) uses it.

The bundled content is built with the real CLI and served like a static host;
expected results come from the Markdown (tests/conftest.py), never hard-coded.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from site_src.model.gazetteer import lazy_pinyin
from tests.browser.search_ui import (
    LOAD_MORE,
    RESULT,
    RESULT_LINK,
    all_hits,
    open_filters,
    result_count,
    wait_settled,
)

pytestmark = pytest.mark.browser



@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN",
                                  is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


# Pagefind-style excerpts (spaced characters, <mark>, ". " joins) → what a reader sees.
EXCERPTS = [
    ("全 国 两 会 精 神. 3 月 14 日 召 开", "", "全国两会精神。3月14日召开……"),
    ("， 要 <mark>养</mark> <mark>老</mark> 服 务。", "", "要<mark>养老</mark>服务。"),
    ("日 期: 2024 年, 地 区", "", "日期：2024年，地区……"),
    ("&lt;img src=x&gt; 测 试", "", "&lt;img src=x&gt;测试……"),
    ("养 老 与 <mark>养</mark> <mark>老</mark>", "养老", "<mark>养老</mark>与<mark>养老</mark>……"),
    ("Pagefind is fast. It is 好", "", "Pagefind is fast. It is好……"),
]


@pytest.mark.parametrize(("raw", "term", "shown"), EXCERPTS)
def test_excerpts_read_as_chinese(tab, site_url, raw: str, term: str, shown: str) -> None:
    tab.goto(site_url + "search/")
    got = tab.evaluate("([e, t]) => window.minzhengSearch.readableExcerpt(e, t)", [raw, term])
    assert got == shown


def test_excerpts_on_the_page(tab, site_url) -> None:
    tab.goto(site_url + "search/?q=" + quote("民政"))
    wait_settled(tab)
    for text in tab.locator(".search-result-excerpt").all_inner_texts():
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text), text
        assert ". " not in text and not text.startswith(("，", "。", "、")), text
        assert not re.search(r"[\ud800-\udfff]", text), text
    assert tab.locator(".search-result-excerpt mark").count() > 0


def test_structure_status_and_more(tab, site_url, articles) -> None:
    expected = {a.url_path for a in articles if a.mentions("民政")}
    assert len(expected) > 10, "the content should have more than one page of 民政 results"
    tab.goto(site_url + "search/?q=" + quote("民政"))
    wait_settled(tab)
    status = tab.locator('[role="status"]')
    assert f"找到 {len(expected)} 篇" in status.inner_text()
    assert tab.locator(f"ol#search-results > li{RESULT}").count() == 10
    for item in tab.locator(RESULT).all():
        assert item.locator(RESULT_LINK).count() == 1
        assert item.locator(".search-result-excerpt").inner_text().strip()
    more = tab.locator(LOAD_MORE)
    assert more.is_visible() and more.inner_text() == "更多"
    more.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.querySelectorAll('.search-result').length > 10")
    wait_settled(tab)
    tab.wait_for_function("() => document.activeElement.closest('.search-result') !== null")
    focused = tab.evaluate("() => [...document.querySelectorAll('.search-result')]"
                           ".indexOf(document.activeElement.closest('.search-result'))")
    assert focused == 10, "focus did not move to the first result 更多 added"
    hits = all_hits(tab, "/")
    assert {h.url_path for h in hits} == expected


def test_filters_fetched_only_when_opened_in_pinyin_order(tab, site_url) -> None:
    fetched: list[str] = []
    tab.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    tab.goto(site_url + "search/?q=" + quote("民政"))
    wait_settled(tab)
    assert not [p for p in fetched if "/filter/" in p or p.endswith("filters.json")], fetched
    open_filters(tab)
    assert [p for p in fetched if "/filter/" in p] and any(
        p.endswith("filters.json") for p in fetched)
    groups = tab.locator(".search-filter-group legend").all_inner_texts()
    assert groups == ["省份", "城市", "年份", "领导"]
    provinces = tab.locator('.search-filter-group:has(input[name="province"]) '
                            ".search-filter-value").all_inner_texts()
    assert provinces == sorted(provinces, key=lambda v: (lazy_pinyin(v), v))
    counts = [int(re.sub(r"\D", "", c)) for c in tab.locator(
        '.search-filter-group:has(input[name="province"]) .search-filter-count').all_inner_texts()]
    assert 0 < sum(counts) <= result_count(tab)


def test_filter_without_query_browses(tab, site_url, articles) -> None:
    hubei = {a.url_path for a in articles if a.province == "湖北省"}
    tab.goto(site_url + "search/?province=" + quote("湖北省"))
    hits = all_hits(tab, "/")
    assert {h.url_path for h in hits} == hubei
    assert parse_qs(urlsplit(tab.url).query) == {"province": ["湖北省"]}
    assert tab.locator('input[name="province"][value="湖北省"]').is_checked()


def test_date_sort(tab, site_url, articles) -> None:
    by_path = {a.url_path: a for a in articles}
    tab.goto(site_url + "search/?q=" + quote("民政") + "&sort=date-desc")
    keys = [by_path[h.url_path].date.sort_key() if by_path[h.url_path].date else "0000"
            for h in all_hits(tab, "/")]
    assert keys == sorted(keys, reverse=True)
    tab.select_option("#search-sort", "date-asc")
    tab.wait_for_function("() => location.search.includes('date-asc')")
    wait_settled(tab)
    tab.wait_for_timeout(300)
    keys = [by_path[h.url_path].date.sort_key() if by_path[h.url_path].date else "0000"
            for h in all_hits(tab, "/")]
    assert keys == sorted(keys)


def test_keyboard_order_is_visual_order(tab, site_url) -> None:
    tab.goto(site_url + "search/?q=" + quote("民政"))
    wait_settled(tab)
    open_filters(tab)
    tab.locator("#search-q").focus()
    seen = []
    for _ in range(40):
        tab.keyboard.press("Tab")
        box = tab.evaluate("() => { const e = document.activeElement;"
                           " if (!e.closest('#search-form')) return null;"
                           " const r = e.getBoundingClientRect(); return [r.top, r.left]; }")
        if box is None:
            break
        seen.append(box)
    assert len(seen) > 10, "Tab did not reach the filters"
    rows = [(round(top), left) for top, left in seen]
    assert rows == sorted(rows), f"Tab order differs from what is on screen: {rows}"


def test_phone_width_and_site_fonts(phone, site_url) -> None:
    phone.goto(site_url + "search/?q=" + quote("民政"))
    wait_settled(phone)
    open_filters(phone)
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the search page scrolls sideways on a phone ({width}px)"
    fonts = phone.evaluate("""() => [document.body, ...document.querySelectorAll(
        '#search-q, #search-sort, .search-result-title a, .search-result-excerpt,'
        + ' .search-filter-value, #search-status')].map(e => getComputedStyle(e).fontFamily)""")
    assert len(set(fonts)) == 1, f"the search page does not use the site's fonts: {set(fonts)}"


def test_every_category_under_browse(tab, site_url) -> None:
    tab.goto(site_url + "search/")
    headings = tab.locator(".browse h3").all_inner_texts()
    assert headings == ["省份", "城市", "年份", "领导"]


_DRAWN_AT = """
window.__drawnAt = null;
new MutationObserver(() => {
  if (window.__drawnAt === null &&
      document.querySelector('.search-result .search-result-title a[href]')) {
    window.__drawnAt = performance.now();
    window.__statusThen = document.getElementById('search-status').textContent;
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_first_results_drawn_from_the_newest_shard_before_older_ones_load(
        browser, site_url, articles) -> None:
    """Progressive: the newest shard answers first; older shards are fetched after."""
    expected = {a.url_path for a in articles if a.mentions("民政")}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.add_init_script(_DRAWN_AT)
    tab.goto(site_url + "search/?q=" + quote("民政"))
    hits = all_hits(tab, "/")
    assert {h.url_path for h in hits} == expected  # the complete answer, every shard
    timing = tab.evaluate("""() => ({
      drawn: window.__drawnAt, status: window.__statusThen,
      shards: performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/pagefind/shard-')).map(e => e.startTime)})""")
    context.close()
    assert timing["shards"], "no older shard was fetched: the site has one shard only"
    assert timing["drawn"] < min(timing["shards"]), timing
    assert "较新的报道" in timing["status"], timing
