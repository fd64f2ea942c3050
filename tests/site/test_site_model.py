"""The site model: URLs, people identity, order, neighbours, related, pagination."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from site_src.model.site import (
    DuplicateURLError,
    TermKind,
    make_site,
    months_of,
    paginate,
)

from .conftest import make_article


def terms(site, kind):
    return {t.label: t for t in site.terms[kind]}


def test_homonymous_leaders_in_different_provinces_get_separate_pages():
    site = make_site(
        [
            make_article("zj", province="浙江省", leaders=("陈斌",), source="浙江省民政厅"),
            make_article(
                "zj2", "2024-02-01", province="浙江省", leaders=("陈斌",), source="浙江省民政厅"
            ),
            make_article(
                "js", province="江苏省", city="扬州市", leaders=("陈斌",), source="扬州市民政局"
            ),
        ]
    )
    people = site.terms[TermKind.LEADER]
    assert sorted(p.slug for p in people) == ["chen-bin-yangzhou", "chen-bin-zhejiang"]
    by_slug = {p.slug: p for p in people}
    assert len(by_slug["chen-bin-zhejiang"].entries) == 2
    assert by_slug["chen-bin-zhejiang"].note == "浙江省民政厅"
    assert by_slug["chen-bin-yangzhou"].label == "陈斌（扬州市民政局）"


def test_unique_name_gets_plain_slug_and_label():
    site = make_site([make_article("a", leaders=("杨泽发",), source="湖北省民政厅")])
    (person,) = site.terms[TermKind.LEADER]
    assert (person.slug, person.label, person.url) == ("yang-ze-fa", "杨泽发", "leader/yang-ze-fa/")


def test_organisation_falls_back_to_city_then_province():
    site = make_site(
        [
            make_article("a", province="湖北省", leaders=("李丽",)),
            make_article("b", province="江苏省", city="扬州市", speakers=("李丽",)),
        ]
    )
    notes = sorted(t.note for t in site.terms[TermKind.LEADER])
    assert notes == ["扬州市", "湖北省"]


def test_same_name_same_place_different_organisations_still_unique_slugs():
    site = make_site(
        [
            make_article("a", province="湖北省", leaders=("王伟",), source="湖北省民政厅"),
            make_article("b", province="湖北省", leaders=("王伟",), source="湖北日报"),
        ]
    )
    slugs = sorted(t.slug for t in site.terms[TermKind.LEADER])
    assert slugs == ["wang-wei-hubei", "wang-wei-hubei-2"]


def test_entries_newest_first_and_neighbours():
    site = make_site(
        [
            make_article("old", "2023"),
            make_article("new", "2024-03-14"),
            make_article("mid", "2024-03"),
            make_article("undated", None),
        ]
    )
    assert [e.url for e in site.entries] == [
        "2024/03/new/",
        "2024/03/mid/",
        "2023/old/",
        "undated/undated/",
    ]
    assert site.older(0).url == "2024/03/mid/"
    assert site.newer(0) is None
    assert site.older(3) is None
    assert site.newer(3).url == "2023/old/"


def test_urls_for_taxonomies():
    site = make_site(
        [
            make_article("a", province="内蒙古自治区", city=None),
            make_article("b", None, province="陕西省"),
        ]
    )
    provinces = terms(site, TermKind.PROVINCE)
    assert provinces["内蒙古自治区"].url == "province/neimenggu/"
    assert provinces["陕西省"].url == "province/shaanxi/"
    years = [t.url for t in site.terms[TermKind.YEAR]]
    assert years == ["year/2024/", "year/undated/"]


def test_cities_with_the_same_pinyin_are_told_apart_by_province():
    # 抚州市 (Jiangxi) and 福州市 (Fujian) are both "fuzhou".
    site = make_site(
        [
            make_article("a", province="江西省", city="抚州市"),
            make_article("b", province="福建省", city="福州市"),
        ]
    )
    urls = sorted(t.url for t in site.terms[TermKind.CITY])
    assert urls == ["city/fuzhou-fujian/", "city/fuzhou-jiangxi/"]


def test_related_prefers_shared_person_then_province_then_date():
    site = make_site(
        [
            make_article(
                "a", "2024-03-14", province="湖北省", leaders=("杨泽发",), source="湖北省民政厅"
            ),
            make_article(
                "b", "2022-01-01", province="湖北省", leaders=("杨泽发",), source="湖北省民政厅"
            ),
            make_article("c", "2024-03-13", province="湖北省"),
            make_article("d", "2024-03-14", province="浙江省"),
        ]
    )
    index = {e.url: i for i, e in enumerate(site.entries)}
    related = [site.entries[j].url for j in site.related[index["2024/03/a/"]]]
    assert related == ["2022/01/b/", "2024/03/c/"]
    assert site.related[index["2024/03/d/"]] == ()


def test_pagination_urls_are_stable():
    pages = paginate("province/zhejiang/", tuple(range(45)), page_size=20)
    assert [p.url for p in pages] == [
        "province/zhejiang/",
        "province/zhejiang/page/2/",
        "province/zhejiang/page/3/",
    ]
    assert pages[2].entries == tuple(range(40, 45))
    assert pages[1].page_url(1) == "province/zhejiang/"
    assert paginate("x/", ())[0].count == 1


def test_months_grouping_newest_first_unknown_last():
    site = make_site(
        [make_article("a", "2024-03-14"), make_article("b", "2024-01"), make_article("c", "2024")]
    )
    (year,) = site.terms[TermKind.YEAR]
    grouped = months_of(site, year.entries)
    assert [m for m, _ in grouped] == [3, 1, None]


def test_two_articles_on_one_url_fail():
    with pytest.raises(DuplicateURLError):
        make_site([make_article("same"), make_article("same", title="另一篇")])


def test_pagination_nav_shows_ends_and_neighbours_with_gaps():
    pages = paginate("year/2024/", tuple(range(200)), page_size=10)
    assert pages[0].nav_numbers() == [1, 2, 3, None, 20]
    assert pages[9].nav_numbers() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert pages[19].nav_numbers() == [1, None, 18, 19, 20]


# ------------------------------------------------- related: the fast ranking equals the plain one


def reference_related(entries, window=4, count=4):
    """The ranking written the obvious way (site.py's _related before it was optimised)."""
    def keys(e):
        return [*dict.fromkeys((*e.leaders, *e.speakers)),
                *([e.province.label] if e.province else [])]

    def day(e):
        d = e.article.date
        return -(10**6) if d is None else d.year * 372 + ((d.month or 6) - 1) * 31 + (d.day or 15)

    groups = {}
    for i, e in enumerate(entries):
        for key in keys(e):
            groups.setdefault(key, []).append(i)
    result = []
    for i, e in enumerate(entries):
        candidates = set()
        for key in keys(e):
            ids = groups[key]
            pos = ids.index(i)
            candidates.update(ids[max(0, pos - window): pos + window + 1])
        candidates.discard(i)
        people = set(e.leaders) | set(e.speakers)

        def score(j, e=e, people=people):
            other = entries[j]
            points = (4 * len(people & (set(other.leaders) | set(other.speakers)))
                      + 2 * (e.province is not None and other.province == e.province)
                      + (e.city is not None and other.city == e.city))
            return (-points, abs(day(e) - day(other)), other.url)

        result.append(tuple(sorted(candidates, key=score)[:count]))
    return tuple(result)


def synthetic_articles(n, seed):
    """Many reports over few provinces, cities and (homonymous) names, some undated."""
    rng = random.Random(seed)
    places = [("浙江省", ["杭州市", "宁波市", None]), ("江苏省", ["扬州市", "南京市", None]),
              ("湖北省", ["武汉市", None]), (None, [None])]
    names = ["陈斌", "王伟", "李娜", "张敏", "刘洋", "周新"]
    articles = []
    for k in range(n):
        province, cities = rng.choice(places)
        date = rng.choice([None, f"{rng.randint(2019, 2024)}",
                           f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}",
                           f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-"
                           f"{rng.randint(1, 28):02d}"])
        leaders = tuple(rng.sample(names, rng.randint(0, 2)))
        speakers = tuple(rng.sample(names, rng.randint(0, 3)))
        source = rng.choice([None, f"{province or ''}民政厅", "某局"])
        articles.append(make_article(f"r{k}", date, province=province, city=rng.choice(cities),
                                     leaders=leaders, speakers=speakers, source=source))
    return articles


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_related_equals_the_plain_reference_ranking(seed):
    site = make_site(synthetic_articles(300, seed))
    expected = reference_related(site.entries)
    assert site.related == expected
    assert sum(map(len, expected)) > 900  # the set exercises full related lists


# ------------------------------------------------- source paths without resolving every file


def test_source_relpath_is_lexical_under_the_content_folder(tmp_path, monkeypatch):
    content = tmp_path / "content"
    articles = [make_article("a", path=content / "2024" / "03" / "a.md"),
                make_article("b", "2023", path=content / "2023" / "b.md")]
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: pytest.fail("resolved"))
    site = make_site(articles, content)
    assert [e.source_relpath for e in site.entries] == ["2024/03/a.md", "2023/b.md"]


def test_source_relpath_of_a_relative_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    articles = [make_article("a", path=Path("2024/a.md")),
                make_article("b", "2023", path=Path("content/2023/b.md"))]
    assert [e.source_relpath for e in make_site(articles, Path(".")).entries] == [
        "2024/a.md", "content/2023/b.md"]
    assert [e.source_relpath for e in make_site(articles, Path("content")).entries] == [
        "2024/a.md", "2023/b.md"]  # 2024/a.md is outside content/: kept as it is


def test_source_relpath_through_a_symlinked_content_folder(tmp_path):
    real = tmp_path / "real"
    (real / "2024").mkdir(parents=True)
    (real / "2024" / "a.md").write_text("x")
    alias = tmp_path / "alias"
    alias.symlink_to(real, target_is_directory=True)
    site = make_site([make_article("a", path=real / "2024" / "a.md")], alias)
    assert site.entries[0].source_relpath == "2024/a.md"
    site = make_site([make_article("a", path=alias / "2024" / "a.md")], real)
    assert site.entries[0].source_relpath == "2024/a.md"
    assert make_site([make_article("a", path=Path("x/../a.md"))]).entries[0].source_relpath \
        == "a.md"


def test_entries_of_one_place_share_their_links():
    site = make_site([make_article("a", city="杭州市"),
                      make_article("b", "2024-02", city="杭州市")])
    first, second = site.entries
    assert first.province is second.province and first.city is second.city
    assert first.year is second.year
    assert first.province.url == "province/zhejiang/" and first.year.url == "year/2024/"
