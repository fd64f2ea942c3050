"""The site model: URLs, people identity, order, neighbours, related, pagination."""

from __future__ import annotations

import pytest

from site_src.site import (
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
