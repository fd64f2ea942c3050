"""Turn one page's inputs into its HTML: Jinja2 templates plus Markdown bodies.

Each `render_*` function takes only what its page shows and returns a string,
so pages can be rendered in any order or in worker processes, and a change to
one article only needs the pages that show it re-rendered.

Safety: templates autoescape and fail on undefined names (StrictUndefined);
Markdown is rendered with raw HTML disabled, so `<script>` in a body is shown
as text, never executed.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token

from site_src.model.site import KIND_LABELS, Entry, ListingPage, Term, TermKind
from site_src.render.charts import Chart

SITE_TITLE = "民政简报档案"
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
DESCRIPTION_LIMIT = 120  # characters of the first sentence used as meta description

_markdown = MarkdownIt("commonmark", {"html": False})
_SENTENCE_END = re.compile(r"^(.+?[。！？!?])")


@dataclass(frozen=True)
class Chrome:
    """What every page needs besides its own content: where the site lives.

    `base_path` is the URL path of the site root (`/` or `/minzheng/`) used for
    every link; `base_url` is the absolute root when known (canonical, og:url).
    """

    base_path: str = "/"
    base_url: str | None = None
    stylesheet: str = "static/style.css"
    # content-relative .md path → article URL, for links between articles
    article_links: Mapping[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """Root-relative URL of a site path (`2024/03/x/` → `/minzheng/2024/03/x/`)."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        """Absolute URL when the base URL is known, else root-relative."""
        return (self.base_url or self.base_path) + path


class BaseURLError(ValueError):
    """`--base-url` is neither an http(s) URL nor a path starting with `/`."""


def split_base_url(base_url: str) -> tuple[str, str | None]:
    """`https://x.github.io/minzheng` → (`/minzheng/`, `https://x.github.io/minzheng/`)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
        raise BaseURLError(f"--base-url {base_url!r} must be http(s)://host/path/ or /path/")
    if not parts.scheme and not parts.path.startswith("/"):
        raise BaseURLError(
            f"--base-url {base_url!r} must start with https:// (or be a path starting with /)"
        )
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/"):
        path += "/"
    path = re.sub(r"/{2,}", "/", path)
    if parts.scheme and parts.netloc:
        return path, f"{parts.scheme}://{parts.netloc}{path}"
    return path, None


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """Jinja2 set up so mistakes fail loudly (undefined names) and text is escaped."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(SITE_TITLE=SITE_TITLE, KIND_LABELS=KIND_LABELS, TermKind=TermKind)
    return env


def stylesheet_version(css: bytes) -> str:
    """Content hash appended to the stylesheet URL so caches refresh on change."""
    return hashlib.sha256(css).hexdigest()[:10]


# ---------------------------------------------------------------- Markdown


def render_markdown(body: str, source_relpath: str | None, chrome: Chrome) -> str:
    """Markdown body → HTML; `.md` links to other articles become their URLs."""
    tokens = _markdown.parse(body)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):  # the page title is the only h1
            level = min(int(token.tag[1]) + 1, 6)
            token.tag = f"h{level}"
        for child in token.children or ():
            if child.type == "link_open":
                _rewrite_link(child, source_relpath, chrome)
    return _markdown.renderer.render(tokens, _markdown.options, {})


def _rewrite_link(token: Token, source_relpath: str | None, chrome: Chrome) -> None:
    href = str(token.attrGet("href") or "")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if parts.path.endswith(".md") and source_relpath is not None:
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(source_relpath), unquote(parts.path))
        )
        if target in chrome.article_links:
            token.attrSet("href", chrome.url(chrome.article_links[target]) + fragment)
    elif parts.path.startswith("/") and chrome.base_path != "/":
        token.attrSet("href", chrome.base_path + parts.path.lstrip("/") + fragment)


def plain_text(body: str) -> str:
    """The readable text of a Markdown body, one line per block."""
    lines = []
    for token in _markdown.parse(body):
        if token.type == "inline":
            lines.append(
                "".join(
                    c.content for c in token.children or () if c.type in ("text", "code_inline")
                )
            )
    return "\n".join(line for line in lines if line)


def description(entry: Entry) -> str:
    """Meta description: the editor's summary, else the body's first sentence."""
    if entry.article.summary:
        return entry.article.summary
    first_block = entry.article.body.strip().split("\n\n", 1)[0]
    first = plain_text(first_block).split("\n", 1)[0]
    match = _SENTENCE_END.match(first)
    sentence = match.group(1) if match else first
    if len(sentence) > DESCRIPTION_LIMIT:
        sentence = sentence[: DESCRIPTION_LIMIT - 1] + "…"
    return sentence


def json_ld(entry: Entry, chrome: Chrome, summary: str | None = None) -> str:
    """schema.org NewsArticle; the date only as precisely as it is known."""
    a = entry.article
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "inLanguage": "zh-CN",
        "url": chrome.absolute(entry.url),
        "mainEntityOfPage": chrome.absolute(entry.url),
        "description": description(entry) if summary is None else summary,
    }
    if a.date:
        data["datePublished"] = a.date.iso()
    if a.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": a.source}
    places = [p for p in (a.province, a.city) if p]
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": p} for p in places]
    people = [p.name for p in (*entry.leaders, *entry.speakers)]
    if people:
        data["mentions"] = [{"@type": "Person", "name": n} for n in people]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # `</script>` inside a string must not end the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------- pages


def render_article(
    env: Environment,
    chrome: Chrome,
    entry: Entry,
    older: Entry | None,
    newer: Entry | None,
    related: Sequence[Entry],
) -> str:
    """An article page from its entry, its neighbours in time and its related reports."""
    summary = description(entry)
    return env.get_template("article.html").render(
        chrome=chrome,
        entry=entry,
        body_html=render_markdown(entry.article.body, entry.source_relpath, chrome),
        description=summary,
        json_ld=json_ld(entry, chrome, summary),
        older=older,
        newer=newer,
        related=related,
        page_url=entry.url,
    )


def render_listing(
    env: Environment,
    chrome: Chrome,
    term: Term,
    page: ListingPage,
    entries: Sequence[Entry],
    months: Sequence[tuple[int | None, Sequence[Entry]]] = (),
) -> str:
    """A term's listing page; year listings also pass their entries grouped by month."""
    return env.get_template("listing.html").render(
        chrome=chrome,
        term=term,
        page=page,
        entries=entries,
        months=months,
        page_url=page.url,
    )


def render_term_index(
    env: Environment, chrome: Chrome, kind: TermKind, terms: Sequence[Term]
) -> str:
    """The index of one taxonomy (all provinces, all people…) with counts."""
    return env.get_template("terms.html").render(
        chrome=chrome, kind=kind, terms=terms, page_url=f"{kind}/"
    )


@dataclass(frozen=True)
class HomeInputs:
    """Everything the home page shows, computed from the site model beforehand."""

    latest: Sequence[Entry]
    report_count: int
    counts: Mapping[TermKind, int]
    first_date: str | None
    last_date: str | None
    charts: Sequence[Chart]


def render_home(env: Environment, chrome: Chrome, home: HomeInputs) -> str:
    """The home page: no script, so it works with JavaScript off."""
    return env.get_template("home.html").render(chrome=chrome, home=home, page_url="")


def render_search(
    env: Environment, chrome: Chrome, browse: Sequence[tuple[TermKind, Sequence[Term]]]
) -> str:
    """Search page; `browse` gives links that work when JavaScript is off."""
    return env.get_template("search.html").render(chrome=chrome, browse=browse, page_url="search/")


def render_not_found(env: Environment, chrome: Chrome) -> str:
    # No canonical URL: the page stands in for any missing address.
    return env.get_template("404.html").render(chrome=chrome, page_url=None)
