"""Long listings paginate with stable URLs and lose no report between pages.

The bundled archive is too small to paginate, so this builds a synthetic one:
45 reports from one province (more than two pages of listing).
"""

from __future__ import annotations

import re

import pytest

from .scan import parse_page, resolve

COUNT = 45
ARTICLE = """---
title: 湖北省民政厅第{n}次工作会议
date: 2023-{month:02d}-{day:02d}
province: 湖北省
leaders: [李丽]
speakers: []
source: 湖北省民政厅
provenance:
  file: synthetic.txt
  line: {n}
---
湖北省民政厅召开第{n}次工作会议，研究养老服务工作。

（据湖北省民政厅）
"""


@pytest.fixture(scope="module")
def big_site(tmp_path_factory, build_site):
    content = tmp_path_factory.mktemp("many")
    for n in range(1, COUNT + 1):
        month, day = 1 + (n - 1) // 28, 1 + (n - 1) % 28
        folder = content / "2023" / f"{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"hubei-{n:03d}.md").write_text(
            ARTICLE.format(n=n, month=month, day=day), encoding="utf-8"
        )
    return build_site(content, tmp_path_factory.mktemp("many-site") / "public")


def _article_links(site, page) -> list[str]:
    found = []
    for ref in page.refs:
        if ref.tag != "a":
            continue
        target = resolve(site.root, page.url_path, ref.url, site.prefix, site.base_url)
        if target.file is not None and re.match(r"^2023/\d\d/hubei-\d{3}/index\.html$",
                                                target.file.relative_to(site.root).as_posix()):
            found.append(target.file.parent.name)
    return found


@pytest.mark.parametrize("listing", ["province/hubei/", "leader/li-li/", "year/2023/"])
def test_listing_pages_cover_every_report_once(big_site, listing):
    site = big_site
    file = site.root / listing / "index.html"
    assert file.is_file(), f"no listing at /{listing}"
    seen, pages = [], []
    while file is not None:
        page = parse_page(site.root, file, site.prefix)
        pages.append(page.url_path)
        seen += _article_links(site, page)
        next_refs = [r for r in page.refs if r.tag == "a" and r.rel == "next"]
        file = None
        if next_refs:
            file = resolve(site.root, page.url_path, next_refs[0].url, site.prefix, "/").file
            assert file is not None, f"{page.url_path}: rel=next {next_refs[0].url} is broken"
    assert len(pages) >= 3, f"{COUNT} reports should need 3 pages, got {pages}"
    assert pages[1] == f"/{listing}page/2/", f"unstable page URL: {pages[1]}"
    assert sorted(set(seen)) == sorted(f"hubei-{n:03d}" for n in range(1, COUNT + 1)), (
        f"{len(set(seen))} distinct reports over {pages}"
    )
    assert len(seen) == len(set(seen)), "a report is listed on two pages"
    assert parse_page(site.root, site.root / listing / "index.html").classes >= {"pagination"}
