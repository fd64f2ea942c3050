"""Each article page tells the reader (and machines) what the Markdown says, at its precision.

Checked against the front matter read independently of the site code: title,
Chinese date at its precision (or 日期不详), provenance, JSON-LD NewsArticle
with the date only as precise as known, Open Graph, and one unbroken
previous/next chain through the whole archive.
"""

from __future__ import annotations

import json
import re

from .scan import parse_page, resolve

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _page(site, article):
    file = site.root / article.url_path / "index.html"
    return parse_page(site.root, file, site.prefix), file.read_text(encoding="utf-8")


def test_article_head_and_facts_match_the_front_matter(built_site_subpath, articles):
    site = built_site_subpath
    wrong = []
    for art in articles:
        page, html = _page(site, art)
        where = f"/{art.url_path}"
        if art.title not in page.title:
            wrong.append(f"{where}: <title> {page.title!r} lacks the title")
        if not page.meta.get("description", "").strip():
            wrong.append(f"{where}: empty meta description")
        if page.meta.get("og:title") != art.title:
            wrong.append(f"{where}: og:title {page.meta.get('og:title')!r}")
        if page.meta.get("og:url") != site.base_url + art.url_path:
            wrong.append(f"{where}: og:url {page.meta.get('og:url')!r}")
        shown_date = art.date.chinese() if art.date else "日期不详"
        if shown_date not in html:
            wrong.append(f"{where}: date {shown_date} not shown")
        if art.raw_file and art.raw_file not in html:
            wrong.append(f"{where}: provenance file {art.raw_file} not shown")
        blocks = LD_JSON.findall(html)
        if len(blocks) != 1:
            wrong.append(f"{where}: {len(blocks)} JSON-LD blocks")
            continue
        data = json.loads(blocks[0])
        if data.get("@type") != "NewsArticle" or data.get("headline") != art.title:
            wrong.append(f"{where}: JSON-LD {data.get('@type')} {data.get('headline')!r}")
        expected_date = art.date.iso() if art.date else None
        if data.get("datePublished") != expected_date:
            wrong.append(
                f"{where}: JSON-LD datePublished {data.get('datePublished')!r}, "
                f"front matter says {expected_date!r} (only the known precision)"
            )
    assert not wrong, "\n".join(wrong)


def test_previous_next_links_form_one_chain_through_the_archive(built_site, articles):
    """Following "next" from the oldest report visits every report once, oldest to newest."""
    site = built_site
    by_file = {site.root / a.url_path / "index.html": a for a in articles}
    links: dict[str, dict[str, str]] = {}
    for file, art in by_file.items():
        page = parse_page(site.root, file, site.prefix)
        rels = {}
        for ref in page.refs:
            if ref.tag == "a" and ref.rel in ("prev", "next"):
                target = resolve(site.root, page.url_path, ref.url, site.prefix, site.base_url)
                assert target.file in by_file, f"/{art.url_path}: {ref.rel} → {ref.url}"
                rels[ref.rel] = by_file[target.file].url_path
        links[art.url_path] = rels
    starts = [p for p, rels in links.items() if "prev" not in rels]
    assert len(starts) == 1, f"reports without a previous one (chain broken): {starts}"
    chain, current = [], starts[0]
    while current and current not in chain:
        chain.append(current)
        nxt = links[current].get("next")
        if nxt:
            assert links[nxt].get("prev") == current, f"{nxt}'s prev is not {current}"
        current = nxt
    assert sorted(chain) == sorted(links), "the prev/next chain misses or repeats reports"
