"""Atom feeds, sitemap.xml and robots.txt: how readers' tools and crawlers find reports.

Feed timestamps come from the articles' own dates, never the build time, so two
builds of the same content are byte-identical. Entry ids are tag URIs fixed to
the article path, so moving the site to another base URL does not make feed
readers show every report again.
"""

from __future__ import annotations

from collections.abc import Sequence

from site_src.model.article import PartialDate
from site_src.model.site import Entry
from site_src.render.pages import SITE_TITLE, Chrome, description, render_markdown

FEED_LIMIT = 50  # newest entries per feed
TAG_AUTHORITY = "minzheng-archive,2024"
_EPOCH = "1970-01-01T00:00:00+08:00"


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape writes it — whose import
    pulls in urllib.request, http.client and email (13 ms on every build)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def atom_timestamp(date: PartialDate | None) -> str:
    """Atom needs a full timestamp: the first moment of the known period (China time)."""
    if date is None:
        return _EPOCH
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00+08:00"


def feed_id(path: str) -> str:
    """A permanent Atom id for a site path, independent of where the site is hosted."""
    return f"tag:{TAG_AUTHORITY}:/{path}"


def _link(rel: str, media_type: str, href: str, indent: str) -> str:
    return f'{indent}<link rel="{rel}" type="{media_type}" href={quoteattr(href)}/>'


def atom_feed(
    chrome: Chrome, title: str, feed_path: str, page_path: str, entries: Sequence[Entry]
) -> str:
    """An Atom 1.0 feed of the newest entries (already sorted newest first)."""
    shown = entries[:FEED_LIMIT]
    updated = max((atom_timestamp(e.article.date) for e in shown), default=_EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_id(feed_path))}</id>",
        f"  <updated>{updated}</updated>",
        _link("self", "application/atom+xml", chrome.absolute(feed_path), "  "),
        _link("alternate", "text/html", chrome.absolute(page_path), "  "),
        f"  <author><name>{escape(SITE_TITLE)}</name></author>",
    ]
    for e in shown:
        a = e.article
        lines += [
            "  <entry>",
            f"    <title>{escape(a.title)}</title>",
            f"    <id>{escape(feed_id(e.url))}</id>",
            _link("alternate", "text/html", chrome.absolute(e.url), "    "),
            f"    <updated>{atom_timestamp(a.date)}</updated>",
        ]
        if a.date and a.date.day is not None:
            lines.append(f"    <published>{atom_timestamp(a.date)}</published>")
        if a.source:
            lines.append(f"    <author><name>{escape(a.source)}</name></author>")
        for label in (x.label for x in (e.province, e.city) if x):
            lines.append(f"    <category term={quoteattr(label)}/>")
        lines.append(f"    <summary>{escape(description(e))}</summary>")
        body = render_markdown(a.body, e.source_relpath, chrome)
        lines.append(f'    <content type="html">{escape(body)}</content>')
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def sitemap(chrome: Chrome, pages: Sequence[tuple[str, PartialDate | None]]) -> str:
    """Every page URL (sorted); articles carry `lastmod` at their date's precision."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, date in sorted(pages, key=lambda p: p[0]):
        lastmod = f"<lastmod>{date.iso()}</lastmod>" if date else ""
        lines.append(f"  <url><loc>{escape(chrome.absolute(path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(chrome: Chrome) -> str:
    """Allow everything and point crawlers at the sitemap."""
    text = "User-agent: *\nAllow: /\n"
    if chrome.base_url is None:
        text += "# Build with --base-url https://… to give crawlers an absolute sitemap URL.\n"
    return text + f"Sitemap: {chrome.absolute('sitemap.xml')}\n"
