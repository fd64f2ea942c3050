"""Issue 5's look and feel, as a reader's browser renders it.

Responsive down to 360 px, a dark scheme that follows the system setting, a
print stylesheet for articles, and the header search box on every page.
"""

from __future__ import annotations

import pytest

from .search_ui import wait_settled, wait_stable

LUMINANCE_JS = """(selector) => {
  const c = getComputedStyle(document.querySelector(selector)).backgroundColor;
  const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.mark.parametrize("width", [360])
def test_narrowest_phone_has_no_horizontal_scroll(browser, site_url, articles, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="zh-CN")
    page = context.new_page()
    too_wide = []
    for path in ("", "province/", "leader/", articles[0].url_path, "search/?q=民政"):
        page.goto(site_url + path)
        if path.startswith("search/"):
            wait_settled(page)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide.append(f"/{path}: {scroll}px wide on a {width}px screen")
    context.close()
    assert not too_wide, "\n".join(too_wide)


def test_dark_scheme_follows_the_system(browser, site_url, articles):
    light = browser.new_context(color_scheme="light")
    dark = browser.new_context(color_scheme="dark")
    levels = {}
    for name, context in (("light", light), ("dark", dark)):
        page = context.new_page()
        page.goto(site_url + articles[0].url_path)
        levels[name] = page.evaluate(LUMINANCE_JS, "body")
        context.close()
    assert levels["light"] > 0.8, f"light scheme background luminance {levels['light']:.2f}"
    assert levels["dark"] < 0.3, f"dark scheme background luminance {levels['dark']:.2f}"


def test_print_stylesheet_keeps_the_article_and_drops_the_chrome(desktop_page, site_url, articles):
    page = desktop_page
    page.goto(site_url + articles[0].url_path)
    page.emulate_media(media="print")
    assert page.locator("article.report").is_visible()
    assert page.locator("article.report h1").is_visible()
    for chrome in ("header form[role=search]", ".site-nav", ".skip-link"):
        locator = page.locator(chrome)
        assert not locator.count() or not locator.first.is_visible() or (
            chrome == ".skip-link"  # off-screen until focused: not printed either
            and locator.first.bounding_box()["y"] < 0
        ), f"{chrome} is printed"
    assert page.evaluate(LUMINANCE_JS, "body") > 0.95, "print background is not white"


def test_header_search_box_on_every_kind_of_page(page, viewport, site_url, articles):
    for path in ("", "province/", articles[0].url_path, "year/"):
        page.goto(site_url + path)
        box = page.locator('header form[role="search"] input[name="q"]')
        assert box.is_visible(), f"/{path}: no visible search box in the header ({viewport})"
    box.fill("养老")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_settled(page)
    assert page.locator(".search-result").count() > 0


def test_search_deep_link_restores_filters(page, viewport, site_url, articles):
    """A shared link /search/?q=民政&province=湖北省 shows the same filtered results."""
    hubei = {a.url_path for a in articles if a.province == "湖北省"}
    page.goto(site_url + "search/?q=民政&province=湖北省")
    checkbox = page.locator('#search-filter-groups input[name="province"][value="湖北省"]')
    checkbox.first.wait_for(state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-filter-groups input[type=checkbox]')]"
        ".some(b => b.checked)"
    )
    wait_stable(page)
    links = page.eval_on_selector_all(
        ".search-result-title a", "els => els.map(a => new URL(a.href).pathname)"
    )
    assert links, "no results for the deep link"
    outside = [p for p in links if p.lstrip("/") not in hubei]
    assert not outside, f"deep link with province=湖北省 shows other provinces: {outside}"
    assert checkbox.first.is_checked()
