"""What machines and lost readers find: sitemap, Atom feeds, robots.txt, 404 page, favicon."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .scan import html_files, is_remote, parse_page, resolve

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_sitemap_lists_every_article(built_site_subpath, articles):
    root = ET.parse(built_site_subpath.root / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP_NS}urlset"
    locs = [el.text.strip() for el in root.iter(f"{SITEMAP_NS}loc")]
    assert len(locs) == len(set(locs)), "sitemap lists a URL twice"
    outside = [u for u in locs if not u.startswith(built_site_subpath.base_url)]
    assert not outside, f"sitemap URLs not under the base URL: {outside[:5]}"
    missing = [a.url_path for a in articles if built_site_subpath.base_url + a.url_path not in locs]
    assert not missing, f"articles missing from sitemap.xml: {missing}"
    dead = [
        u for u in locs
        if resolve(built_site_subpath.root, "/minzheng/", u, "/minzheng/",
                   built_site_subpath.base_url).file is None
    ]
    assert not dead, f"sitemap URLs with no page: {dead[:10]}"


def feed_links(site) -> dict[str, set[str]]:
    """Atom feed URL → pages that advertise it with <link rel=alternate>."""
    feeds: dict[str, set[str]] = {}
    for file in html_files(site.root):
        page = parse_page(site.root, file, site.prefix)
        for ref in page.refs:
            if ref.tag == "link" and "alternate" in ref.rel.split() and (
                "atom" in ref.url or ref.url.endswith(".xml")
            ):
                feeds.setdefault(ref.url, set()).add(page.url_path)
    return feeds


def test_atom_feeds_are_valid_and_point_at_articles(built_site_subpath, articles):
    site = built_site_subpath
    feeds = feed_links(site)
    home_feeds = [u for u, pages in feeds.items() if site.prefix in pages]
    assert home_feeds, "the home page advertises no Atom feed"
    provinces = {a.province for a in articles if a.province}
    province_pages = {
        parse_page(site.root, f, site.prefix).url_path
        for f in html_files(site.root)
        if (rel := f.relative_to(site.root).parts)[0] == "province" and len(rel) == 3
    }
    assert len(province_pages) == len(provinces), (province_pages, provinces)
    per_province = {u for u, pages in feeds.items() if pages & province_pages} - set(home_feeds)
    assert len(per_province) >= len(provinces), (
        f"{len(provinces)} provinces but only {len(per_province)} province feeds advertised"
    )
    article_urls = {site.base_url + a.url_path for a in articles}
    for url in sorted(feeds):
        target = resolve(site.root, site.prefix, url, site.prefix, site.base_url)
        assert target.file is not None, f"feed {url}: {target.reason}"
        root = ET.parse(target.file).getroot()
        assert root.tag == f"{ATOM}feed", f"{url}: root element {root.tag}"
        for required in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{required}") is not None, f"{url}: no <{required}>"
        assert RFC3339.match(root.findtext(f"{ATOM}updated")), f"{url}: bad <updated>"
        entries = root.findall(f"{ATOM}entry")
        assert entries, f"{url}: no entries"
        for entry in entries:
            link = entry.find(f"{ATOM}link").get("href")
            assert link in article_urls, f"{url}: entry link {link} is not an article URL"
            assert RFC3339.match(entry.findtext(f"{ATOM}updated") or ""), f"{url}: {link} updated"
            assert entry.findtext(f"{ATOM}title"), f"{url}: entry without title"
            assert entry.findtext(f"{ATOM}id"), f"{url}: entry without id"


def test_robots_txt_points_at_sitemap(built_site_subpath):
    robots = (built_site_subpath.root / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"(?im)^user-agent:\s*\*", robots), robots
    assert f"Sitemap: {built_site_subpath.base_url}sitemap.xml" in robots, robots


def test_404_page_is_chinese_and_works_at_any_depth(built_site_subpath):
    """Hosts serve 404.html at the missing URL itself, so its links must not be relative."""
    site = built_site_subpath
    page = parse_page(site.root, site.root / "404.html", site.prefix)
    text = (site.root / "404.html").read_text(encoding="utf-8")
    assert page.lang == "zh-CN"
    assert HAN.search(page.title), f"404 title not in Chinese: {page.title!r}"
    assert re.search("找不到|未找到|不存在", text), "404 page does not say so in Chinese"
    relative = [
        r.url for r in page.refs
        if not is_remote(r.url) and not r.url.startswith(("/", "#", "mailto:", "data:"))
    ]
    assert not relative, f"404.html has relative URLs that break at other depths: {relative}"
    assert any(r.tag == "a" and r.url == site.prefix for r in page.refs), "no link to the home page"


def test_every_page_has_a_favicon(built_site):
    missing = []
    for file in html_files(built_site.root):
        page = parse_page(built_site.root, file)
        icons = [r for r in page.refs if r.tag == "link" and "icon" in r.rel.split()]
        if not icons or any(
            resolve(built_site.root, page.url_path, r.url, "/", "/").file is None for r in icons
        ):
            missing.append(page.url_path)
    assert not missing, "pages without a working favicon link:\n" + "\n".join(missing)
