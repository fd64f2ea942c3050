"""The site model: where every article sits and which listings hold it.

Built once from `list[Article]` and read by every render function. Everything
here is plain data (entries, terms, pages) in a deterministic order, so each
page can be rendered from its own small inputs — in any order, in any process.

People are identified by name *and* organisation: common Chinese names recur
across provinces, and two 陈斌 in different provinces must not share a page.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from site_src.content.load import collector_paused
from site_src.model.article import Article
from site_src.model.slugs import organisation_slug, pinyin_slug, place_slug
from site_src.model.urls import article_path

PAGE_SIZE = 20  # entries per listing page
RELATED_COUNT = 4
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
class Person:
    """One person: a name within an organisation (source, else city, else province)."""

    name: str
    organisation: str | None
    slug: str
    label: str  # the name, qualified with the organisation when the name recurs

    @property
    def url(self) -> str:
        return f"{TermKind.LEADER}/{self.slug}/"


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


def make_site(articles: Iterable[Article], content_dir: Path | None = None) -> Site:
    """Place every article: URLs, taxonomies, neighbours and related reports."""
    with collector_paused():
        return _make_site(list(articles), content_dir)


def _make_site(articles: list[Article], content_dir: Path | None) -> Site:
    urls = {id(a): article_path(a) for a in articles}  # computed once, used three times
    ordered = sorted(articles, key=lambda a: (a.sort_key, urls[id(a)]), reverse=True)
    people = _identify_people(ordered)
    provinces = _province_slugs(ordered)
    cities = _city_slugs(ordered, urls)
    links = _Links(provinces, cities)
    relpath = _SourceRelpath(content_dir)
    entries = tuple(_make_entry(a, urls[id(a)], relpath(a.path), links, people)
                    for a in ordered)
    _check_unique_urls(entries)
    terms = {
        TermKind.PROVINCE: _group(entries, TermKind.PROVINCE),
        TermKind.CITY: _group(entries, TermKind.CITY),
        TermKind.YEAR: _group(entries, TermKind.YEAR),
        TermKind.LEADER: _group_people(entries),
    }
    return Site(entries=entries, terms=terms, related=_related(entries))


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


# ---------------------------------------------------------------- identities


def _organisation(article: Article) -> str | None:
    return article.source or article.city or article.province


def _identify_people(articles: list[Article]) -> dict[tuple[str, str | None], Person]:
    """One Person per (name, organisation); homonyms get the place in their slug."""
    places: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for a in articles:
        for name in (*a.leaders, *a.speakers):
            key = (name, _organisation(a))
            place = a.city or a.province
            places[key].update([place] if place else [])
    keys = sorted(places, key=lambda k: (k[0], k[1] or ""))
    names = Counter(name for name, _ in keys)
    candidates = []
    for key in keys:
        name, org = key
        base = pinyin_slug(name) or "person"
        if names[name] == 1:
            candidates.append((key, base))
            continue
        place = min(places[key].items(), key=lambda kv: (-kv[1], kv[0]))[0] if places[key] else None
        qualifier = place_slug(place) if place else organisation_slug(org or "")
        candidates.append((key, f"{base}-{qualifier}" if qualifier else base))
    slugs = _deduplicate(candidates)
    return {
        key: Person(
            name=key[0],
            organisation=key[1],
            slug=slugs[key],
            label=key[0] if names[key[0]] == 1 else f"{key[0]}（{key[1] or '单位不详'}）",
        )
        for key in keys
    }


def _province_slugs(articles: list[Article]) -> dict[str, str]:
    names = sorted({a.province for a in articles if a.province})
    return _deduplicate([(n, place_slug(n) or "province") for n in names])


def _city_slugs(articles: list[Article], urls: dict[int, str]) -> dict[str, str]:
    """Cities that share a pinyin (rare) are told apart by their province."""
    province_of = {}
    for a in sorted(articles, key=lambda a: urls[id(a)]):
        if a.city and a.city not in province_of:
            province_of[a.city] = a.province
    names = sorted(province_of)
    bases = Counter(place_slug(n) for n in names)
    candidates = []
    for n in names:
        base = place_slug(n) or "city"
        province = province_of[n]
        if bases[base] > 1 and province:
            base = f"{base}-{place_slug(province)}"
        candidates.append((n, base))
    return _deduplicate(candidates)


def _deduplicate(candidates: list[tuple[object, str]]) -> dict:
    """Keep each slug; the second, third… holder of a slug gets `-2`, `-3`…"""
    taken: set[str] = set()
    result = {}
    for key, slug in candidates:
        unique, n = slug, 1
        while unique in taken:
            n += 1
            unique = f"{slug}-{n}"
        taken.add(unique)
        result[key] = unique
    return result


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
    org = _organisation(article)
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


class _SourceRelpath:
    """An article file's posix path under content/, for resolving links between .md files.

    Paths found by the loader lie lexically under content_dir, so a string
    prefix decides (resolving every path cost ~1 s per 10,000 articles); only
    a path outside it (a symlink, another spelling) is resolved, and the
    content folder itself at most once.
    """

    def __init__(self, content_dir: Path | None):
        self.content_dir = content_dir
        self._resolved_dir: Path | None = None
        text = content_dir.as_posix() if content_dir is not None else ""
        self._everything = text == "."  # Path(".") is the prefix of every relative path
        self._prefix = text if text.endswith("/") else text + "/"

    def __call__(self, path: Path | None) -> str | None:
        if path is None:
            return None
        text = path.as_posix()
        if self.content_dir is None:
            return posixpath.normpath(text)
        if self._everything and not path.is_absolute():
            return text
        if text.startswith(self._prefix):
            return text[len(self._prefix):]
        if self._resolved_dir is None:
            self._resolved_dir = self.content_dir.resolve()
        try:
            return path.resolve().relative_to(self._resolved_dir).as_posix()
        except ValueError:
            return posixpath.normpath(text)


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


# ---------------------------------------------------------------- related


def _day_number(entry: Entry) -> int:
    d = entry.article.date
    if d is None:
        return -(10**6)
    return d.year * 372 + ((d.month or 6) - 1) * 31 + (d.day or 15)


def _related(
    entries: tuple[Entry, ...], window: int = RELATED_COUNT
) -> tuple[tuple[int, ...], ...]:
    """A few reports sharing a person or the province, closest in date first.

    Candidates are the nearest `window` entries on each side in the same
    person's and the same province's chronological lists, so the cost stays
    linear in the archive size (a leader may chair hundreds of meetings).
    Ranking: 4 points per shared person, 2 for the province, 1 for the city;
    then the nearest date; then the URL. People and keys are numbered once so
    the ~130,000 comparisons at 10,000 reports compare small ints, not dataclasses.
    """
    key_ids: dict[object, int] = {}
    groups: list[list[int]] = []
    placed: list[list[tuple[int, int]]] = []  # per entry: (key id, position in its group)
    for i, e in enumerate(entries):
        mine = []
        for key in _related_keys(e):
            k = key_ids.setdefault(key, len(key_ids))
            if k == len(groups):
                groups.append([])
            mine.append((k, len(groups[k])))
            groups[k].append(i)
        placed.append(mine)
    person_ids: dict[Person, int] = {}
    people = [frozenset(person_ids.setdefault(p, len(person_ids))
                        for p in (*e.leaders, *e.speakers)) for e in entries]
    days = [_day_number(e) for e in entries]
    provinces = [e.province for e in entries]
    cities = [e.city for e in entries]
    urls = [e.url for e in entries]
    related = []
    for i, mine in enumerate(placed):
        candidates: set[int] = set()
        for k, pos in mine:
            candidates.update(groups[k][max(0, pos - window) : pos + window + 1])
        candidates.discard(i)
        my_people, day, province, city = people[i], days[i], provinces[i], cities[i]

        def score(j: int, my_people=my_people, day=day, province=province, city=city) -> tuple:
            points = 4 * len(my_people & people[j])
            if province is not None and provinces[j] == province:
                points += 2
            if city is not None and cities[j] == city:
                points += 1
            return (-points, abs(day - days[j]), urls[j])

        related.append(tuple(sorted(candidates, key=score)[:RELATED_COUNT]))
    return tuple(related)


def _related_keys(entry: Entry) -> list[object]:
    keys: list[object] = list(dict.fromkeys((*entry.leaders, *entry.speakers)))
    if entry.province:
        keys.append(entry.province.label)
    return keys
