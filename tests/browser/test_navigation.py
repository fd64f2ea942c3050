"""Issue 5: on a phone and a desktop, browse home → province → article; filter the search."""

from __future__ import annotations

from playwright.sync_api import expect

from .navigate import go_home_province_article, visible_link
from .search_ui import (
    all_hits,
    apply_filter,
    filter_box,
    open_filters,
    result_count,
    wait_results_changed,
    wait_settled,
    watch_results,
)


def test_home_province_article(page, viewport, site_url, articles, screenshot):
    province, article = go_home_province_article(
        page, site_url, "/", articles, shoot=lambda name: screenshot(page, f"{name}-{viewport}")
    )
    assert article.province == province, (
        f"the {province} listing led to a report from {article.province}: {article.title}"
    )
    assert page.locator("article.report h1").inner_text().strip() == article.title
    # The article links back to its province (the reader can go on browsing).
    back = visible_link(page, "/", lambda p: p.startswith("province/"), scope="article.report")
    assert back.inner_text().strip() == province


def test_no_horizontal_scroll_on_any_main_page(page, viewport, site_url, articles):
    """Responsive: nothing wider than the screen on home, a listing, an article, search."""
    paths = ["", "province/", articles[0].url_path, "search/?q=民政"]
    too_wide = []
    for path in paths:
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            too_wide.append(f"/{path}: {width}px on a {page.viewport_size['width']}px screen")
    assert not too_wide, "\n".join(too_wide)


def _newest_first_key(article) -> str:
    return article.date.sort_key() if article.date else "0000-00-00"


def test_search_filter_province_and_sort_by_date(page, viewport, site_url, articles, screenshot):
    query = "民政"
    hubei = {a.url_path: a for a in articles if a.province == "湖北省"}
    expected = {p for p, a in hubei.items() if a.mentions(query)}
    assert expected, "the content should have 湖北省 reports mentioning 民政"
    page.goto(site_url + "search/?q=" + query)
    wait_settled(page)
    unfiltered = all_hits(page, "/")
    assert any(h.url_path not in hubei for h in unfiltered), "query too narrow to test a filter"

    # Issue 3: filters for province, city, year and leader (all four groups drawn).
    open_filters(page)
    expect(page.locator(".search-filter-group")).to_have_count(4)
    apply_filter(page, "湖北省")
    filtered = result_count(page)
    watch_results(page)
    page.locator("#search-sort").select_option("date-desc")
    # Same number of results once re-sorted: a sort that dropped the filter never settles.
    wait_results_changed(page, count=filtered)
    hits = all_hits(page, "/")
    screenshot(page, f"search-filters-{viewport}")

    not_hubei = [f"{h.title} (/{h.url_path})" for h in hits if h.url_path not in hubei]
    assert not not_hubei, "results outside 湖北省 after filtering:\n" + "\n".join(not_hubei)
    missing = expected - {h.url_path for h in hits}
    assert not missing, f"湖北省 reports mentioning {query} not shown: {sorted(missing)}"
    keys = [_newest_first_key(hubei[h.url_path]) for h in hits]
    assert keys == sorted(keys, reverse=True), f"not newest first: {keys}"
    # The filter is still ticked after sorting (sorting must not reset it).
    assert filter_box(page, "湖北省", "province").is_checked()
