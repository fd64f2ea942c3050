"""Every output file as one `Page`: where it goes, what makes it, and the inputs it shows.

Articles, listings, term indexes, home, search, 404, feeds, sitemap, robots.txt
and static files are all Pages. A page's input digest (site_src/build/digest.py)
and its rendering (`render_page`) read the same `inputs` object, so what
decides that a page can be reused cannot drift from what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from jinja2 import Environment

from site_src.model.article import PartialDate
from site_src.model.site import (
    UNDATED_SLUG,
    Entry,
    ListingPage,
    Site,
    Term,
    TermKind,
    months_of,
    paginate,
)
from site_src.output.writer import page_file
from site_src.render import charts, feeds
from site_src.render.pages import (
    SITE_TITLE,
    Chrome,
    HomeInputs,
    render_article,
    render_home,
    render_listing,
    render_not_found,
    render_search,
    render_term_index,
    stylesheet_version,
)

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
LATEST_ON_HOME = 10
NO_LINKS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Page:
    """One output file: its path in the site, the function that makes it, and its inputs."""

    relpath: str
    make: Callable[[Environment, Chrome, object], str | bytes]
    inputs: object


@dataclass(frozen=True)
class ArticleInputs:
    entry: Entry
    older: Entry | None
    newer: Entry | None
    related: tuple[Entry, ...]
    links: Mapping[str, str]  # .md path → URL, when the body may link to another report


@dataclass(frozen=True)
class ListingInputs:
    term: Term
    page: ListingPage
    entries: tuple[Entry, ...]
    months: tuple[tuple[int | None, tuple[Entry, ...]], ...]  # year listings only


@dataclass(frozen=True)
class FeedInputs:
    title: str
    feed_path: str
    page_path: str
    entries: tuple[Entry, ...]  # newest first, at most FEED_LIMIT
    links: Mapping[str, str]


def _article(env: Environment, chrome: Chrome, i: ArticleInputs) -> str:
    chrome = replace(chrome, article_links=i.links) if i.links else chrome
    return render_article(env, chrome, i.entry, i.older, i.newer, i.related)


def _listing(env: Environment, chrome: Chrome, i: ListingInputs) -> str:
    return render_listing(env, chrome, i.term, i.page, i.entries, i.months)


def _feed(_env: Environment, chrome: Chrome, i: FeedInputs) -> str:
    chrome = replace(chrome, article_links=i.links) if i.links else chrome
    return feeds.atom_feed(chrome, i.title, i.feed_path, i.page_path, i.entries)


def _term_index(env: Environment, chrome: Chrome, i: tuple[TermKind, tuple[Term, ...]]) -> str:
    return render_term_index(env, chrome, *i)


def _home(env: Environment, chrome: Chrome, i: HomeInputs) -> str:
    return render_home(env, chrome, i)


def _search(env: Environment, chrome: Chrome, i: tuple) -> str:
    return render_search(env, chrome, i)


def _not_found(env: Environment, chrome: Chrome, _i: tuple) -> str:
    return render_not_found(env, chrome)


def _sitemap(_env: Environment, chrome: Chrome, i: tuple) -> str:
    return feeds.sitemap(chrome, i)


def _robots(_env: Environment, chrome: Chrome, _i: tuple) -> str:
    return feeds.robots_txt(chrome)


def _static(_env: Environment, _chrome: Chrome, data: bytes) -> bytes:
    return data


def stylesheet_path(static_dir: Path = STATIC_DIR) -> str:
    """The stylesheet's site path, named by its content so browsers refresh it on change."""
    return f"static/style.{stylesheet_version((static_dir / 'style.css').read_bytes())}.css"


def render_page(env: Environment, chrome: Chrome, page: Page) -> str | bytes:
    """The page's file content, from its inputs alone (besides the shared chrome)."""
    return page.make(env, chrome, page.inputs)


def plan_pages(site: Site, chrome: Chrome) -> list[Page]:
    """Every file of the site, articles first, each with the inputs that decide it."""
    links = {e.source_relpath: e.url for e in site.entries if e.source_relpath}
    pages = [_article_page(site, i, links) for i in range(len(site.entries))]
    in_sitemap: list[tuple[str, PartialDate | None]] = [
        (e.url, e.article.date) for e in site.entries
    ]
    for kind, terms in site.terms.items():
        for term in terms:
            for listing in paginate(term.url, term.entries):
                pages.append(_listing_page(site, term, listing))
                in_sitemap.append((listing.url, None))
        pages.append(Page(page_file(f"{kind}/"), _term_index, (kind, terms)))
        in_sitemap.append((f"{kind}/", None))
    pages += _feed_pages(site, links)
    browse = tuple((k, site.terms[k]) for k in (TermKind.PROVINCE, TermKind.YEAR))
    in_sitemap += [("", None), ("search/", None)]
    pages += [
        Page("index.html", _home, _home_inputs(site)),
        Page("search/index.html", _search, browse),
        Page("404.html", _not_found, ()),
        Page("sitemap.xml", _sitemap, tuple(in_sitemap)),
        Page("robots.txt", _robots, ()),
        Page(chrome.stylesheet, _static, (STATIC_DIR / "style.css").read_bytes()),
        Page("favicon.svg", _static, (STATIC_DIR / "favicon.svg").read_bytes()),
        Page("static/search.js", _static, (STATIC_DIR / "search.js").read_bytes()),
    ]
    return pages


def _article_page(site: Site, i: int, links: Mapping[str, str]) -> Page:
    entry = site.entries[i]
    inputs = ArticleInputs(
        entry,
        site.older(i),
        site.newer(i),
        tuple(site.entries[j] for j in site.related[i]),
        links if ".md" in entry.article.body else NO_LINKS,
    )
    return Page(page_file(entry.url), _article, inputs)


def _listing_page(site: Site, term: Term, listing: ListingPage) -> Page:
    by_month = term.kind is TermKind.YEAR and term.slug != UNDATED_SLUG
    months = months_of(site, listing.entries) if by_month else []
    inputs = ListingInputs(
        term,
        listing,
        tuple(site.entries[i] for i in listing.entries),
        tuple((m, tuple(site.entries[i] for i in ids)) for m, ids in months),
    )
    return Page(page_file(listing.url), _listing, inputs)


def _feed_pages(site: Site, links: Mapping[str, str]) -> list[Page]:
    """The site's feed and one per province: only their newest entries matter."""
    wanted = [(SITE_TITLE, "feed.xml", "", site.entries)]
    for term in site.terms[TermKind.PROVINCE]:
        entries = tuple(site.entries[i] for i in term.entries[: feeds.FEED_LIMIT])
        wanted.append((f"{SITE_TITLE}：{term.label}", f"{term.url}feed.xml", term.url, entries))
    pages = []
    for title, feed_path, page_path, entries in wanted:
        shown = tuple(entries[: feeds.FEED_LIMIT])
        linked = any(".md" in e.article.body for e in shown)
        inputs = FeedInputs(title, feed_path, page_path, shown, links if linked else NO_LINKS)
        pages.append(Page(feed_path, _feed, inputs))
    return pages


def _home_inputs(site: Site) -> HomeInputs:
    dated = [e.article.date for e in site.entries if e.article.date]
    found = (charts.province_chart(site), charts.monthly_chart(site), charts.yearly_chart(site))
    return HomeInputs(
        latest=tuple(site.entries[:LATEST_ON_HOME]),
        report_count=len(site.entries),
        counts=MappingProxyType({kind: len(terms) for kind, terms in site.terms.items()}),
        first_date=min(dated, key=PartialDate.sort_key).chinese() if dated else None,
        last_date=max(dated, key=PartialDate.sort_key).chinese() if dated else None,
        charts=tuple(chart for chart in found if chart is not None),
    )

