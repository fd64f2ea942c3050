"""No page makes the reader's browser contact another host (no CDN fonts, scripts, images).

Links a reader clicks (<a href>) and identifiers meant for machines (canonical,
alternate feeds, Open Graph) may be absolute; anything the page *loads* may not.
"""

from __future__ import annotations

from .scan import css_urls, html_files, is_remote, parse_page


def remote_loads(site) -> list[str]:
    found = []
    stylesheets = set()
    for file in html_files(site.root):
        page = parse_page(site.root, file, site.prefix)
        for ref in page.refs:
            if ref.fetched and is_remote(ref.url):
                found.append(f"{page.url_path}: <{ref.tag} {ref.attr}={ref.url!r}>")
        for css in page.inline_css:
            found += [
                f"{page.url_path}: inline CSS url({u})" for u in css_urls(css) if is_remote(u)
            ]
    stylesheets.update(p for p in site.root.rglob("*.css") if "pagefind" not in p.parts)
    for sheet in sorted(stylesheets):
        css = sheet.read_text(encoding="utf-8")
        name = sheet.relative_to(site.root)
        found += [f"{name}: url({u})" for u in css_urls(css) if is_remote(u)]
    return found


def test_scanner_sees_remote_loads(tmp_path):
    """Guard for the check itself: a CDN script and a web font must be caught."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><title>t</title>'
        '<script src="https://cdn.example/x.js"></script>'
        '<link rel="canonical" href="https://example.org/">'
        '<style>@font-face{src:url(https://fonts.example/a.woff2)}</style>',
        encoding="utf-8",
    )

    class Site:
        root, prefix, base_url = tmp_path, "/", "/"

    found = remote_loads(Site)
    assert len(found) == 2, found


def test_no_external_requests(built_site):
    found = remote_loads(built_site)
    assert not found, "pages load things from other hosts:\n" + "\n".join(found)
