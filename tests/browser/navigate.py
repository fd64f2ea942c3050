"""Find and follow links the way a reader would: only links that are actually visible."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

PROVINCE_PAGE = re.compile(r"^province/[a-z0-9-]+/$")


def site_path(url: str, prefix: str) -> str:
    """Site-relative path of a URL on the served site ("province/zhejiang/")."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(prefix), f"{url} is outside the site {prefix}"
    return path[len(prefix):]


def visible_link(page, prefix: str, wanted, scope: str = "main"):
    """First visible <a> inside `scope` whose site-relative path satisfies `wanted(path)`."""
    hrefs = page.eval_on_selector_all(f"{scope} a[href]", "els => els.map(a => a.href)")
    for index, href in enumerate(hrefs):
        if not href.startswith(("http://", "https://")):
            continue
        if urlsplit(href).netloc != urlsplit(page.url).netloc:
            continue
        path = unquote(urlsplit(href).path)
        if not path.startswith(prefix) or not wanted(path[len(prefix):]):
            continue
        link = page.locator(f"{scope} a[href]").nth(index)
        if link.is_visible():
            return link
    raise AssertionError(f"no visible link in {scope} of {page.url} matches {wanted}")


def follow(page, link) -> None:
    """Click a link and wait for the new page to load (works with JavaScript off too)."""
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state("domcontentloaded")


def go_home_province_article(page, site_url: str, prefix: str, articles, shoot=None):
    """Home → a province listing → one of its reports. Returns (province name, article)."""
    by_path = {a.url_path: a for a in articles}
    page.goto(site_url)
    if shoot:
        shoot("home")
    try:
        link = visible_link(page, prefix, PROVINCE_PAGE.match)
    except AssertionError:  # no province link on the home page itself: go via the index
        follow(page, visible_link(page, prefix, lambda p: p == "province/", scope="body"))
        link = visible_link(page, prefix, PROVINCE_PAGE.match)
    follow(page, link)
    province = page.locator("main h1").inner_text().strip()
    if shoot:
        shoot("listing")
    follow(page, visible_link(page, prefix, lambda p: p in by_path))
    article = by_path[site_path(page.url, prefix)]
    page.locator("article.report").wait_for()
    if shoot:
        shoot("article")
    return province, article
