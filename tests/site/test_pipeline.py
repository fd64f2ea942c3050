"""The whole build on the fixture content: pages, base URL, determinism, failures, search."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_src.content.diagnostics import ContentError
from site_src.pipeline import build_site, run_build

from .conftest import FIXTURE_CONTENT

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE_URLS = [
    "2024/03/zhejiang-0314/",
    "2024/03/hubei-0313/",
    "2024/03/yangzhou-0310/",
    "2024/02/hubei-0221/",
    "2024/02/neimenggu/",
    "2023/anhui/",
    "undated/anonymous/",
]


def tree(root: Path, skip: str = "pagefind") -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != skip
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "public"
    report = build_site(
        FIXTURE_CONTENT, out, base_url="https://example.github.io/minzheng/", search=True
    )
    assert report.articles == len(ARTICLE_URLS)
    assert report.search is not None and report.search.pages == len(ARTICLE_URLS)
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_article_and_listing_page_exists(site: Path):
    for url in ARTICLE_URLS:
        assert (site / url / "index.html").is_file(), url
    for path in [
        "index.html",
        "404.html",
        "search/index.html",
        "province/index.html",
        "province/hubei/index.html",
        "city/yangzhou/index.html",
        "year/2024/index.html",
        "year/undated/index.html",
        "leader/index.html",
        "leader/yang-ze-fa/index.html",
        "feed.xml",
        "province/hubei/feed.xml",
        "sitemap.xml",
        "robots.txt",
        "favicon.svg",
        "static/search.js",
    ]:
        assert (site / path).is_file(), path


def test_homonyms_from_fixtures_have_separate_pages(site: Path):
    # 陈斌 of 浙江省民政厅 and 陈斌 of 扬州市民政局; 李丽 of 湖北省民政厅 and of 扬州市民政局.
    people = sorted(p.name for p in (site / "leader").iterdir() if p.is_dir())
    assert people == [
        "chen-bin-yangzhou",
        "chen-bin-zhejiang",
        "jiang-hong",
        "li-li-hubei",
        "li-li-yangzhou",
        "yang-ze-fa",
        "yu-xiang-dong",
    ]
    index = read(site, "leader/index.html")
    assert "陈斌（浙江省民政厅）" in index and "陈斌（扬州市民政局）" in index
    # Grouped by the pinyin initial, with a jump list: C, J, L, Y.
    assert [f'href="#letter-{x}"' in index for x in "cjly"] == [True] * 4
    assert index.index('id="letter-c"') < index.index('id="letter-y"')


def test_internal_links_respect_the_base_path_and_resolve(site: Path):
    broken = []
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.relative_to(site).parts:
            continue
        for url in re.findall(r'(?:href|src)="([^"#?]*)', page.read_text(encoding="utf-8")):
            if url.startswith(("https://", "http://")):
                assert url.startswith(
                    ("https://example.github.io/minzheng/", "https://schema.org")
                ), url
                continue
            if not url:
                continue
            assert url.startswith("/minzheng/"), (page, url)
            target = site / url.removeprefix("/minzheng/")
            if url.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append((page.relative_to(site).as_posix(), url))
    assert broken == []


def test_canonical_and_og_url_are_absolute(site: Path):
    html = read(site, "2024/03/hubei-0313/index.html")
    assert (
        '<link rel="canonical" href="https://example.github.io/minzheng/2024/03/hubei-0313/">'
        in html
    )
    assert (
        '<meta property="og:url" content="https://example.github.io/minzheng/2024/03/hubei-0313/">'
        in html
    )


def test_only_article_bodies_are_indexed(site: Path):
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        count = page.read_text(encoding="utf-8").count("data-pagefind-body")
        assert count == (1 if rel.removesuffix("index.html") in ARTICLE_URLS else 0), rel
        assert '<html lang="zh-CN">' in page.read_text(encoding="utf-8"), rel


def test_search_bundle_is_chinese(site: Path):
    entries = [json.loads(e.read_text()) for e in (site / "pagefind").rglob("pagefind-entry.json")]
    assert all(list(entry["languages"]) == ["zh-cn"] for entry in entries)
    # The index is sharded by date (site_src/search/shards.py): every article in one shard.
    assert sum(e["languages"]["zh-cn"]["page_count"] for e in entries) == len(ARTICLE_URLS)
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    # The shadow copy Pagefind indexed is gone, and readers' pages are not spaced out.
    assert sorted(p.name for p in site.parent.iterdir()) == [".public-cache", "public"]
    assert "湖北省民政厅召开干部大会" in read(site, "2024/03/hubei-0313/index.html")


def test_article_page_carries_filters_sort_and_meta(site: Path):
    html = read(site, "2024/03/hubei-0313/index.html")
    assert 'data-pagefind-filter="province">湖北省<' in html
    assert 'data-pagefind-filter="year:2024年"' in html
    assert 'data-pagefind-filter="leader:杨泽发"' in html
    assert 'data-pagefind-filter="leader:李丽（湖北省民政厅）"' in html
    assert 'data-pagefind-sort="date:2024-03-13"' in html
    assert "（厅党组书记）" in html


def test_year_listing_groups_by_month(site: Path):
    html = read(site, "year/2024/index.html")
    assert html.index('id="m03"') < html.index('id="m02"')
    march = html[html.index('id="m03"') : html.index('id="m02"')]
    assert march.count('class="report-link"') == 3
    undated = read(site, "year/undated/index.html")
    assert 'class="month-index"' not in undated and "月份不详" not in undated


def test_home_has_latest_size_and_accessible_charts(site: Path):
    html = read(site, "index.html")
    assert html.count('class="report-link"') == len(ARTICLE_URLS)
    assert "<strong>7</strong> 篇报道" in html
    assert html.count('<svg role="img"') == 3  # provinces, months, years (2023–2024)
    assert "<desc id=" in html and '<details class="chart-data">' in html
    assert "<script" not in html  # browsing works without JavaScript
    # 5 fixture articles have a month; the year-only and the undated one are left out, and said so.
    assert "另有2篇报道日期不够精确，未计入。" in html
    assert "另有1篇报道日期不详，未计入。" in html


def test_atom_feeds_use_article_dates_not_build_time(site: Path):
    feed = ET.fromstring(read(site, "feed.xml"))
    assert feed.find(f"{ATOM}updated").text == "2024-03-14T00:00:00+08:00"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(ARTICLE_URLS)
    first_link = entries[0].find(f"{ATOM}link").get("href")
    assert first_link == "https://example.github.io/minzheng/2024/03/zhejiang-0314/"
    hubei = ET.fromstring(read(site, "province/hubei/feed.xml"))
    titles = [e.find(f"{ATOM}title").text for e in hubei.findall(f"{ATOM}entry")]
    assert titles == [
        "湖北省民政厅传达学习全国两会精神",
        "湖北省民政厅召开2024年全省民政工作视频会议",
    ]


def test_sitemap_lists_every_page_and_robots_points_at_it(site: Path):
    urls = [u.find(f"{SITEMAP}loc").text for u in ET.fromstring(read(site, "sitemap.xml"))]
    for url in ARTICLE_URLS:
        assert f"https://example.github.io/minzheng/{url}" in urls
    assert "https://example.github.io/minzheng/province/hubei/" in urls
    assert not any(u.endswith("404.html") for u in urls)
    assert "Sitemap: https://example.github.io/minzheng/sitemap.xml" in read(site, "robots.txt")


def test_404_is_chinese_and_works_from_any_depth(site: Path):
    html = read(site, "404.html")
    assert "找不到" in html
    assert 'rel="canonical"' not in html
    assert 'href="/minzheng/"' in html


def test_two_builds_are_byte_identical(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(FIXTURE_CONTENT, first, search=False)
    build_site(FIXTURE_CONTENT, second, search=False)
    assert tree(first) == tree(second)


def test_content_error_stops_before_touching_out(content_copy: Path, tmp_path: Path):
    out = tmp_path / "public"
    build_site(content_copy, out, search=False)
    before = tree(out)
    (content_copy / "2023" / "anhui.md").write_text(
        "---\ntitle: [unclosed\n---\n\n正文\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        build_site(content_copy, out, search=False)
    assert any("anhui.md" in str(p.path) for p in caught.value.problems)
    assert tree(out) == before


def test_run_build_exit_codes_and_messages(content_copy: Path, tmp_path: Path, capsys):
    out = tmp_path / "public"
    assert run_build(content_copy, out, base_url="/", search=False, strict=False) == 0
    err = capsys.readouterr().err
    assert "built 7 articles" in err
    assert "warning" in err  # the fixture's <script> is reported, not fatal
    assert run_build(content_copy, out, base_url="/", search=False, strict=True) == 1
    err = capsys.readouterr().err
    assert "<script>" in err and "left unchanged" in err


def test_run_build_refuses_foreign_out_dir(tmp_path: Path, capsys):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert run_build(FIXTURE_CONTENT, out, base_url="/", search=False, strict=False) == 1
    assert "refusing to replace" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "mine"


def test_long_listings_paginate_with_stable_urls(tmp_path: Path):
    content = tmp_path / "content"
    for i in range(45):
        path = content / "2024" / "03" / f"report-{i:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: 报道{i:02d}\ndate: 2024-03-{i % 28 + 1:02d}\n"
            "province: 浙江省\n---\n\n正文。\n",
            encoding="utf-8",
        )
    out = tmp_path / "public"
    build_site(content, out, base_url="/m/", search=False)
    first = read(out, "province/zhejiang/index.html")
    second = read(out, "province/zhejiang/page/2/index.html")
    third = read(out, "province/zhejiang/page/3/index.html")
    assert not (out / "province/zhejiang/page/1").exists()
    assert not (out / "province/zhejiang/page/4").exists()
    assert '<nav class="pagination"' in first
    assert '<a rel="next" href="/m/province/zhejiang/page/2/">' in first
    assert '<a rel="prev" href="/m/province/zhejiang/">' in second
    assert '<a rel="next" href="/m/province/zhejiang/page/3/">' in second
    assert third.count('class="report-link"') == 5
    assert "第 2/3 页" in second
