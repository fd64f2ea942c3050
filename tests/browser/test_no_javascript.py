"""Issue 5: browsing works with JavaScript off; only search needs it."""

from __future__ import annotations

from .navigate import PROVINCE_PAGE, follow, go_home_province_article, visible_link


def test_browse_home_listing_article_without_javascript(no_js_page, site_url, articles):
    province, article = go_home_province_article(no_js_page, site_url, "/", articles)
    assert article.province == province
    body = no_js_page.locator("article.report")
    assert body.is_visible()
    assert body.locator("h1").inner_text().strip() == article.title


def test_every_taxonomy_index_leads_to_a_report_without_javascript(no_js_page, site_url, articles):
    paths = {a.url_path for a in articles}
    for index in ("province/", "city/", "year/", "leader/"):
        no_js_page.goto(site_url + index)
        follow(no_js_page, visible_link(no_js_page, "/", lambda p, i=index: p.startswith(i)
                                        and p != i))
        follow(no_js_page, visible_link(no_js_page, "/", lambda p: p in paths))
        assert no_js_page.locator("article.report").is_visible(), index


def test_search_page_without_javascript_still_offers_browsing(no_js_page, site_url):
    no_js_page.goto(site_url + "search/?q=养老")
    # inner_text() is the rendered text only (Playwright's text locators skip <noscript>).
    assert "JavaScript" in no_js_page.locator("main").inner_text(), "no notice that search needs JS"
    visible_link(no_js_page, "/", PROVINCE_PAGE.match)  # the browse links are there
