"""An article page's HTML + CSS stays under 30 KB compressed (readers are mostly on phones)."""

from __future__ import annotations

import gzip
import statistics

from .scan import parse_page, resolve

BUDGET_BYTES = 30_000  # "under 30 KB compressed" (issue 5), counted in kB of 1,000 bytes


def gz(data: bytes) -> int:
    """Compressed size as a static host sends it (gzip level 6, like nginx/GitHub Pages)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site, html_file) -> tuple[int, int, int]:
    """(gzip HTML, gzip CSS it links, gzip JS it loads) in bytes."""
    page = parse_page(site.root, html_file, site.prefix)
    css = js = 0
    for ref in page.refs:
        if not ref.fetched:
            continue
        target = resolve(site.root, page.url_path, ref.url, site.prefix, site.base_url)
        if target.file is None:
            continue
        if "stylesheet" in ref.rel.split():
            css += gz(target.file.read_bytes())
        elif ref.tag == "script":
            js += gz(target.file.read_bytes())
    return gz(html_file.read_bytes()), css, js


def test_article_pages_within_budget(built_site, articles):
    rows = []
    for art in articles:
        html, css, js = page_weight(built_site, built_site.root / art.url_path / "index.html")
        rows.append((html + css, html, css, js, art.url_path))
    rows.sort(reverse=True)
    totals = [r[0] for r in rows]
    print(
        f"\narticle pages: {len(rows)}; HTML+CSS gzip bytes: min {min(totals)}, "
        f"median {statistics.median(totals):.0f}, max {max(totals)} (budget {BUDGET_BYTES})"
    )
    print(f"{'HTML+CSS':>9} {'HTML':>7} {'CSS':>7} {'JS':>7}  page")
    for total, html, css, js, url in rows[:5]:
        print(f"{total:>9} {html:>7} {css:>7} {js:>7}  /{url}")
    over = [f"/{url}: {total} bytes" for total, _, _, _, url in rows if total >= BUDGET_BYTES]
    assert not over, "article pages over the 30 KB budget:\n" + "\n".join(over)
    assert all(css > 0 for _, _, css, _, _ in rows), "an article page links no stylesheet"
