"""Every internal link and asset of the built site resolves; every article is reachable.

A reader who follows any link must land on a page, and a reader with JavaScript
off must be able to reach every report from the home page by plain links.
"""

from __future__ import annotations

from collections import deque

import pytest

from .scan import html_files, is_remote, is_skipped, parse_page, resolve


def broken_references(site) -> list[str]:
    """`page -> url (why)` for every internal reference that lands nowhere."""
    broken = []
    for file in html_files(site.root):
        page = parse_page(site.root, file, site.prefix)
        for ref in page.refs:
            if is_skipped(ref.url) or ref.url.startswith("#") and not ref.url[1:]:
                continue
            target = resolve(site.root, page.url_path, ref.url, site.prefix, site.base_url)
            if target.reason == "external":
                continue
            where = f"{page.url_path} <{ref.tag} {ref.attr}={ref.url!r}>"
            if target.file is None:
                broken.append(f"{where}: {target.reason}")
            elif target.fragment and target.file.suffix == ".html":
                ids = parse_page(site.root, target.file, site.prefix).ids
                if target.fragment not in ids:
                    broken.append(f"{where}: no id={target.fragment!r} in the target page")
    return broken


@pytest.mark.parametrize("which", ["built_site", "built_site_subpath"])
def test_no_broken_internal_links_or_missing_assets(which, request):
    site = request.getfixturevalue(which)
    pages = html_files(site.root)
    assert len(pages) > 1, "the build wrote almost nothing"
    broken = broken_references(site)
    print(f"{which}: {len(pages)} pages crawled, {len(broken)} broken references")
    assert not broken, f"{len(broken)} broken internal references:\n" + "\n".join(broken[:60])


def test_every_article_has_its_page(built_site, articles):
    """One page per Markdown file, at the URL the shared URL scheme promises."""
    missing = []
    for art in articles:
        page_file = built_site.root / art.url_path / "index.html"
        if not page_file.is_file():
            missing.append(f"{art.source_path.name} → /{art.url_path}")
            continue
        page = parse_page(built_site.root, page_file)
        if "report" not in page.classes:
            missing.append(f"/{art.url_path} has no <article class=\"report\">")
    assert not missing, "articles without a page:\n" + "\n".join(missing)


def test_every_article_reachable_from_home_without_javascript(built_site, articles):
    """Breadth-first over <a href> from the home page: listings must lead to every report."""
    root, prefix = built_site.root, built_site.prefix
    seen = {root / "index.html"}
    queue = deque(seen)
    while queue:
        page = parse_page(root, queue.popleft(), prefix)
        for ref in page.refs:
            if ref.tag != "a" or is_skipped(ref.url) or is_remote(ref.url):
                continue
            target = resolve(root, page.url_path, ref.url, prefix, built_site.base_url)
            found = target.file
            if found is not None and found.suffix == ".html" and found not in seen:
                seen.add(found)
                queue.append(found)
    unreachable = [
        f"/{a.url_path}" for a in articles if root / a.url_path / "index.html" not in seen
    ]
    print(f"{len(seen)} pages reachable from home by links")
    assert not unreachable, "reports no link leads to:\n" + "\n".join(unreachable)


def test_checker_catches_broken_links(tmp_path):
    """Guard for the check itself: a dead link, a missing asset, a bad anchor, an escape."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#x">ok</a><a href="https://example.com/">ext</a>'
        '<a href="nope/">dead</a><img src="/missing.png"><a href="a/#y">bad anchor</a>'
        '<a href="../../etc/passwd">escape</a>',
        encoding="utf-8",
    )

    class Site:
        root, prefix, base_url = tmp_path, "/", "/"

    broken = broken_references(Site)
    assert len(broken) == 4, broken
    assert any("missing.png" in b for b in broken)
    assert any("id='y'" in b for b in broken)
