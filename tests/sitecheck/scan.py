"""Read a built site the way a crawler does: every page, every reference it makes.

Kept separate from the checks so each check states one rule about the site and
this module only answers "what does this page point at, and where does it land".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that make the browser fetch something (as opposed to <a href>, which navigates).
_RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("image", "xlink:href"),
}
_FETCHING_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
    "prefetch", "manifest", "mask-icon",
}
_NAV_ATTRS = {("a", "href"), ("area", "href"), ("form", "action"), ("use", "href"),
              ("use", "xlink:href")}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass(frozen=True)
class Ref:
    """One URL a page mentions, and whether loading the page fetches it."""

    tag: str
    attr: str
    url: str
    fetched: bool  # loaded with the page (script, stylesheet, image…), not a navigation
    rel: str = ""


@dataclass
class Page:
    """What a crawler learns from one HTML file."""

    path: Path  # on disk
    url_path: str  # as served, e.g. "/minzheng/2024/03/x/"
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # name/property → content
    classes: set[str] = field(default_factory=set)
    title: str = ""
    inline_css: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        page = self.page
        if tag == "html":
            page.lang = a.get("lang")
        if "id" in a:
            page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            page.ids.add(a["name"])
        page.classes.update(a.get("class", "").split())
        if "style" in a:
            page.inline_css.append(a["style"])
        if tag == "title":
            self._in_title = True
        if tag == "style":
            self._in_style = True
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key and "content" in a:
                page.meta[key] = a["content"]
        rel = a.get("rel", "").lower()
        for attr, value in a.items():
            if (tag, attr) in _RESOURCE_ATTRS:
                urls = _srcset_urls(value) if attr == "srcset" else [value]
                page.refs.extend(Ref(tag, attr, u, fetched=True) for u in urls)
            elif (tag, attr) in _NAV_ATTRS:
                page.refs.append(Ref(tag, attr, value, fetched=False, rel=rel))
            elif tag == "link" and attr == "href":
                fetched = bool(set(rel.split()) & _FETCHING_LINK_RELS)
                page.refs.append(Ref(tag, attr, value, fetched=fetched, rel=rel))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
        if self._in_style:
            self.page.inline_css.append(data)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def html_files(root: Path) -> list[Path]:
    """Every HTML page of the site, except Pagefind's own bundle."""
    return sorted(p for p in root.rglob("*.html") if "pagefind" not in p.relative_to(root).parts)


def served_path(root: Path, file: Path, prefix: str) -> str:
    """The URL path a static host serves `file` at (index.html → its folder)."""
    rel = file.relative_to(root).as_posix()
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return prefix + rel


@cache
def _parse_cached(path: Path, url_path: str, mtime_ns: int) -> Page:
    page = Page(path=path, url_path=url_path)
    parser = _PageParser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def parse_page(root: Path, file: Path, prefix: str = "/") -> Page:
    return _parse_cached(file, served_path(root, file, prefix), file.stat().st_mtime_ns)


def is_skipped(url: str) -> bool:
    return not url.strip() or url.strip().lower().startswith(_SKIP_SCHEMES)


def is_remote(url: str) -> bool:
    """A URL the browser would fetch from another host (absolute or protocol-relative)."""
    u = url.strip().lower()
    return u.startswith(("http://", "https://", "//"))


@dataclass(frozen=True)
class Target:
    """Where an internal URL lands in the output folder (None: outside the site)."""

    file: Path | None
    fragment: str
    reason: str = ""


def resolve(root: Path, page_url_path: str, url: str, prefix: str, base_url: str) -> Target:
    """Map a reference on a page to the file a static host would answer with.

    Absolute URLs count as internal when they start with the site's public base
    URL (canonical, og:url, feeds); other absolute URLs return None-file with
    reason "external".
    """
    absolute_base = base_url if "://" in base_url else None
    joined = urljoin("http://site.invalid" + page_url_path, url.strip())
    if absolute_base and url.strip().startswith(absolute_base):
        joined = "http://site.invalid" + prefix + url.strip()[len(absolute_base):]
    parts = urlsplit(joined)
    if parts.netloc != "site.invalid":
        return Target(None, "", "external")
    path = unquote(parts.path)
    if not path.startswith(prefix) and path + "/" != prefix:
        return Target(None, parts.fragment, f"outside the site root {prefix}")
    inner = path[len(prefix):] if path.startswith(prefix) else ""
    candidate = root / inner
    if inner == "" or inner.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return Target(None, parts.fragment, "escapes the output folder")
    if not candidate.is_file():
        return Target(None, parts.fragment, f"no file {candidate.relative_to(root)}")
    return Target(candidate, parts.fragment)


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import target in a stylesheet."""
    return [m.group(1) or m.group(2) for m in _CSS_URL.finditer(css)]
