"""Who and where: one Person per name within an organisation, and the slugs of places.

People are identified by name *and* organisation: common Chinese names recur
across provinces, and two 陈斌 in different provinces must not share a page.
Slugs are pinyin (readable, site_src/model/slugs.py); the second holder of a
slug gets `-2`, the third `-3` (`slugs.numbered`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from site_src.model.article import Article
from site_src.model.slugs import (
    Pinyin,
    numbered,
    organisation_slug,
    pinyin_slug,
    place_slug,
    place_stem,
)

LEADER_PATH = "leader"  # TermKind.LEADER: the folder of people's pages


@dataclass(frozen=True)
class Person:
    """One person: a name within an organisation (source, else city, else province)."""

    name: str
    organisation: str | None
    slug: str
    label: str  # the name, qualified with the organisation when the name recurs

    @property
    def url(self) -> str:
        return f"{LEADER_PATH}/{self.slug}/"


def organisation(article: Article) -> str | None:
    """Who a person speaks for: the source, else the city, else the province."""
    return article.source or article.city or article.province


def spelled_out(articles: list[Article]) -> set[str]:
    """Every text the slugs below transliterate: for Pinyin.learn, all in one go."""
    texts: set[str] = set()
    for a in articles:
        texts.update(a.leaders, a.speakers)
        texts.update(place_stem(p) for p in (a.province, a.city) if p)
        org = organisation(a)
        if org:
            texts.add(org)
    return texts


def identify_people(articles: list[Article], pinyin: Pinyin | None = None
                    ) -> dict[tuple[str, str | None], Person]:
    """One Person per (name, organisation); homonyms get the place in their slug."""
    places: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    for a in articles:
        for name in (*a.leaders, *a.speakers):
            key = (name, organisation(a))
            place = a.city or a.province
            places[key].update([place] if place else [])
    keys = sorted(places, key=lambda k: (k[0], k[1] or ""))
    names = Counter(name for name, _ in keys)
    candidates = []
    for key in keys:
        name, org = key
        base = pinyin_slug(name, pinyin) or "person"
        if names[name] == 1:
            candidates.append((key, base))
            continue
        place = min(places[key].items(), key=lambda kv: (-kv[1], kv[0]))[0] if places[key] else None
        qualifier = (place_slug(place, pinyin) if place
                     else organisation_slug(org or "", pinyin=pinyin))
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


def place_slugs(
    articles: list[Article], urls: dict[int, str], pinyin: Pinyin | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Slugs of every province and every city named in `articles`."""
    return _province_slugs(articles, pinyin), _city_slugs(articles, urls, pinyin)


def _province_slugs(articles: list[Article], pinyin: Pinyin | None) -> dict[str, str]:
    names = sorted({a.province for a in articles if a.province})
    return _deduplicate([(n, place_slug(n, pinyin) or "province") for n in names])


def _city_slugs(articles: list[Article], urls: dict[int, str], pinyin: Pinyin | None
                ) -> dict[str, str]:
    """Cities that share a pinyin (rare) are told apart by their province."""
    province_of = {}
    for a in sorted(articles, key=lambda a: urls[id(a)]):
        if a.city and a.city not in province_of:
            province_of[a.city] = a.province
    names = sorted(province_of)
    bases = Counter(place_slug(n, pinyin) for n in names)
    candidates = []
    for n in names:
        base = place_slug(n, pinyin) or "city"
        province = province_of[n]
        if bases[base] > 1 and province:
            base = f"{base}-{place_slug(province, pinyin)}"
        candidates.append((n, base))
    return _deduplicate(candidates)


def _deduplicate(candidates: list[tuple[object, str]]) -> dict:
    """Keep each slug; the second, third… holder of a slug gets `-2`, `-3`…"""
    taken: set[str] = set()
    result = {}
    for key, slug in candidates:
        unique = numbered(slug, lambda s: s not in taken)
        taken.add(unique)
        result[key] = unique
    return result
