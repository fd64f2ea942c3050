"""The site model: where every article sits and which listings hold it.

Built once from `list[Article]` and read by every render function. Everything
here is plain data (entries, terms, pages) in a deterministic order, so each
page can be rendered from its own small inputs — in any order, in any process.

People (site_src/model/people.py) are identified by name *and* organisation, so
two 陈斌 in different provinces never share a page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from site_src.content.load import collector_paused
from site_src.model.article import Article
from site_src.model.people import Person, identify_people, place_slugs, spelled_out
from site_src.model.related import related_entries
from site_src.model.slugs import Pinyin
from site_src.model.urls import SourceRelpath, article_path

PAGE_SIZE = 20  # entries per listing page
UNDATED_SLUG = "undated"


class TermKind(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    YEAR = "year"
    LEADER = "leader"


KIND_LABELS = {
    TermKind.PROVINCE: "省份",
    TermKind.CITY: "城市",
    TermKind.YEAR: "年份",
    TermKind.LEADER: "领导",
}


@dataclass(frozen=True)
class Link:
    """Text and site-relative URL (no leading slash; "" is the home page)."""

    label: str
    url: str


@dataclass(frozen=True)
class Entry:
    """An article placed in the site: its URL and links to every listing it is in."""

    article: Article
    url: str
    source_relpath: str | None  # posix path under content/, for resolving .md links
    province: Link | None
    city: Link | None
    year: Link
    leaders: tuple[Person, ...]
    speakers: tuple[Person, ...]


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (a province, a city, a year, a person) and its entries."""

    kind: TermKind
    label: str
    slug: str
    note: str  # organisation of a person, province of a city; "" otherwise
    entries: tuple[int, ...]  # indexes into Site.entries, newest first
    chaired: int = 0  # people only: how many of the entries they chaired

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class Site:
    """Every entry newest first, every taxonomy, and each entry's related entries."""

    entries: tuple[Entry, ...]
    terms: dict[TermKind, tuple[Term, ...]]
    related: tuple[tuple[int, ...], ...]  # per entry, indexes of related entries

    def older(self, index: int) -> Entry | None:
        """The previous report in time (rel=prev), None for the oldest."""
        return self.entries[index + 1] if index + 1 < len(self.entries) else None

    def newer(self, index: int) -> Entry | None:
        """The next report in time (rel=next), None for the newest."""
        return self.entries[index - 1] if index > 0 else None


@dataclass(frozen=True)
class ListingPage:
    """One page of a paginated listing; page 1 lives at the term's own URL."""

    url: str
    number: int
    count: int  # number of pages
    entries: tuple[int, ...]
    first_url: str  # page 1, for the pagination nav

    def page_url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    def nav_numbers(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: first, last and a few around this one; None marks a gap."""
        keep = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in keep:
                numbers.append(n)
            elif numbers and numbers[-1] is not None:
                numbers.append(None)
        return numbers


def make_site(articles: Iterable[Article], content_dir: Path | None = None,
              pinyin: Pinyin | None = None) -> Site:
    """Place every article: URLs, taxonomies, neighbours and related reports.

    `pinyin` transliterates names for their slugs (remembering them); plain
    pypinyin without it.
    """
    with collector_paused():
        return _make_site(list(articles), content_dir, pinyin)


def _make_site(articles: list[Article], content_dir: Path | None, pinyin: Pinyin | None) -> Site:
    urls = {id(a): article_path(a) for a in articles}  # computed once, used three times
    ordered = sorted(articles, key=lambda a: (a.sort_key, urls[id(a)]), reverse=True)
    if pinyin is not None:
        pinyin.learn(spelled_out(ordered))
    people = identify_people(ordered, pinyin)
    provinces, cities = place_slugs(ordered, urls, pinyin)
    links = _Links(provinces, cities)
    relpath = SourceRelpath(content_dir)
    entries = tuple(_make_entry(a, urls[id(a)], relpath(a.path), links, people)
                    for a in ordered)
    _check_unique_urls(entries)
    terms = {
        TermKind.PROVINCE: _group(entries, TermKind.PROVINCE),
        TermKind.CITY: _group(entries, TermKind.CITY),
        TermKind.YEAR: _group(entries, TermKind.YEAR),
        TermKind.LEADER: _group_people(entries),
    }
    return Site(entries=entries, terms=terms, related=related_entries(entries))


def paginate(
    term_url: str, entries: tuple[int, ...], page_size: int = PAGE_SIZE
) -> list[ListingPage]:
    """Split a listing into pages with stable URLs: `x/`, `x/page/2/`, …"""
    count = max(1, -(-len(entries) // page_size))
    pages = []
    for number in range(1, count + 1):
        chunk = entries[(number - 1) * page_size : number * page_size]
        url = term_url if number == 1 else f"{term_url}page/{number}/"
        pages.append(ListingPage(url, number, count, chunk, term_url))
    return pages


def months_of(site: Site, entries: Iterable[int]) -> list[tuple[int | None, list[int]]]:
    """Group a year's entries by month (newest month first; unknown month last)."""
    groups: dict[int | None, list[int]] = defaultdict(list)
    for i in entries:
        date = site.entries[i].article.date
        groups[date.month if date else None].append(i)
    months = sorted((m for m in groups if m is not None), reverse=True)
    ordered = [(m, groups[m]) for m in months]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


# ---------------------------------------------------------------- entries


class _Links:
    """One Link object per province, city and year, shared by all their entries.

    10,000 entries otherwise hold 30,000 small Links (and their URL strings)
    that say the same few hundred things.
    """

    def __init__(self, provinces: dict[str, str], cities: dict[str, str]):
        self.province = {n: Link(n, f"{TermKind.PROVINCE}/{slug}/")
                         for n, slug in provinces.items()}
        self.city = {n: Link(n, f"{TermKind.CITY}/{slug}/") for n, slug in cities.items()}
        self._years: dict[int | None, Link] = {
            None: Link("日期不详", f"{TermKind.YEAR}/{UNDATED_SLUG}/")}

    def year(self, year: int | None) -> Link:
        link = self._years.get(year)
        if link is None:
            link = self._years[year] = Link(f"{year}年", f"{TermKind.YEAR}/{year}/")
        return link


def _make_entry(
    article: Article,
    url: str,
    source_relpath: str | None,
    links: _Links,
    people: dict[tuple[str, str | None], Person],
) -> Entry:
    org = article.source or article.city or article.province
    return Entry(
        article=article,
        url=url,
        source_relpath=source_relpath,
        province=links.province[article.province] if article.province else None,
        city=links.city[article.city] if article.city else None,
        year=links.year(article.date.year if article.date else None),
        leaders=tuple(people[(n, org)] for n in _unique(article.leaders)),
        speakers=tuple(
            people[(n, org)] for n in _unique(article.speakers) if n not in article.leaders
        ),
    )


def _unique(names: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(names))


class DuplicateURLError(ValueError):
    """Two articles claim one URL (Zola checks the same): neither may silently win."""


def _check_unique_urls(entries: tuple[Entry, ...]) -> None:
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.url in seen:
            first = seen[e.url].article.path or seen[e.url].article.title
            raise DuplicateURLError(
                f"{first} and {e.article.path or e.article.title} both map to /{e.url}"
            )
        seen[e.url] = e


# ---------------------------------------------------------------- taxonomies


def _group(entries: tuple[Entry, ...], kind: TermKind) -> tuple[Term, ...]:
    groups: dict[Link, list[int]] = defaultdict(list)
    notes: dict[Link, str] = {}
    for i, e in enumerate(entries):
        link = getattr(e, kind.value)
        if link is not None:
            groups[link].append(i)
            if kind is TermKind.CITY and e.article.province:
                notes.setdefault(link, e.article.province)
    terms = [
        Term(kind, link.label, link.url.split("/")[1], notes.get(link, ""), tuple(ids))
        for link, ids in groups.items()
    ]
    if kind is TermKind.YEAR:  # newest year first, undated last
        return tuple(
            sorted(
                terms,
                key=lambda t: (t.slug == UNDATED_SLUG, -int(t.slug) if t.slug.isdigit() else 0),
            )
        )
    return tuple(sorted(terms, key=lambda t: (-len(t.entries), t.slug)))


def _group_people(entries: tuple[Entry, ...]) -> tuple[Term, ...]:
    groups: dict[Person, list[int]] = defaultdict(list)
    chaired: Counter[Person] = Counter()
    for i, e in enumerate(entries):
        for p in e.leaders:
            groups[p].append(i)
            chaired[p] += 1
        for p in e.speakers:
            groups[p].append(i)
    terms = [
        Term(TermKind.LEADER, p.label, p.slug, p.organisation or "", tuple(ids), chaired[p])
        for p, ids in groups.items()
    ]
    return tuple(sorted(terms, key=lambda t: t.slug))
