"""Issue 3: a reader searches the archive in a real browser and opens a result.

Expected results are computed from the Markdown (front matter and bodies), never
hard-coded, so the test follows the content.
"""

from __future__ import annotations

from .search_ui import RESULT, RESULT_LINK, all_hits, search_from_header


def mentioning(articles, word: str) -> dict[str, object]:
    return {
        a.url_path: a for a in articles
        if a.mentions(word) or word in a.leaders
    }


def test_chen_bin_finds_both_zhejiang_reports(desktop_page, site_url, articles, screenshot):
    expected = mentioning(articles, "陈斌")
    zhejiang_raw = {a.raw_file[:3] for a in expected.values() if a.province == "浙江省"}
    assert {"000", "001"} <= zhejiang_raw, (
        f"陈斌's Zhejiang reports should come from raw 000 and 001, got {zhejiang_raw}"
    )
    search_from_header(desktop_page, site_url, "陈斌")
    hits = all_hits(desktop_page, "/")
    screenshot(desktop_page, "search-chen-bin-desktop")
    found = {h.url_path for h in hits}
    missing = [f"{a.title} (/{p})" for p, a in expected.items() if p not in found]
    print(f"陈斌: {len(hits)} results, {len(expected)} reports mention the name")
    assert not missing, "reports mentioning 陈斌 missing from the results:\n" + "\n".join(missing)


def test_yanglao_finds_every_report_that_mentions_it(desktop_page, site_url, articles):
    expected = mentioning(articles, "养老")
    assert len(expected) >= 2, "the content should have several 养老 reports"
    search_from_header(desktop_page, site_url, "养老")
    hits = all_hits(desktop_page, "/")
    found = {h.url_path for h in hits}
    missing = [f"{a.title} (/{p})" for p, a in expected.items() if p not in found]
    unrelated = [f"{h.title} (/{h.url_path})" for h in hits if h.url_path not in expected]
    print(f"养老: {len(hits)} results, {len(expected)} reports mention it")
    assert not missing, "reports mentioning 养老 missing from the results:\n" + "\n".join(missing)
    assert not unrelated, "results that do not mention 养老:\n" + "\n".join(unrelated)
    excerpt_marks = desktop_page.locator(f"{RESULT} mark").count()
    assert excerpt_marks > 0, "result excerpts do not highlight the search term"


def test_open_a_result(desktop_page, site_url, articles, screenshot):
    by_path = {a.url_path: a for a in articles}
    search_from_header(desktop_page, site_url, "养老")
    link = desktop_page.locator(f"{RESULT} {RESULT_LINK}").first
    title = link.inner_text().strip()
    link.click()
    desktop_page.locator("article.report h1").wait_for()
    path = desktop_page.url.split("://", 1)[1].split("/", 1)[1].split("?")[0].split("#")[0]
    assert path in by_path, f"result opened {desktop_page.url}, not an article page"
    assert desktop_page.locator("article.report h1").inner_text().strip() == by_path[path].title
    assert title == by_path[path].title, "the result's title is not the article's title"
    assert "养老" in desktop_page.locator("article.report").inner_text()


def test_search_deep_link_under_subpath(desktop_page, subpath_site_url, articles):
    """GitHub Pages project site: /minzheng/search/?q=养老 works (bundle found under the prefix)."""
    desktop_page.goto(subpath_site_url + "search/?q=养老")
    assert desktop_page.locator("#search-q").input_value() == "养老"
    hits = all_hits(desktop_page, "/minzheng/")
    expected = set(mentioning(articles, "养老"))
    assert expected <= {h.url_path for h in hits}
