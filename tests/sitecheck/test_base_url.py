"""A build for a GitHub Pages project site works when served under its subpath.

Built with `--base-url https://example.org/minzheng/` and served (gzip, like
Pages) under /minzheng/: crawling over HTTP from the home page, every page and
every asset it references answers 200, and nothing points outside /minzheng/.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from .scan import Page, _PageParser, html_files, is_remote, is_skipped, parse_page


def fetch(url: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def refs_in(html: bytes, url: str) -> list[str]:
    page = Page(path=None, url_path=urlsplit(url).path)  # type: ignore[arg-type]
    parser = _PageParser(page)
    parser.feed(html.decode("utf-8"))
    return [r.url for r in page.refs if not is_skipped(r.url) and not is_remote(r.url)]


def test_subpath_site_crawls_over_http(subpath_site_url):
    start = subpath_site_url
    prefix = urlsplit(start).path
    seen, queue, broken = {start}, deque([start]), []
    pages = 0
    while queue:
        url = queue.popleft()
        status, ctype, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: HTTP {status}")
            continue
        if not ctype.startswith("text/html"):
            continue
        pages += 1
        for ref in refs_in(body, url):
            target, _ = urldefrag(urljoin(url, ref))
            if not urlsplit(target).path.startswith(prefix):
                broken.append(f"{url}: {ref!r} leaves {prefix}")
            elif target not in seen:
                seen.add(target)
                queue.append(target)
    print(f"crawled {pages} pages and {len(seen) - pages} other files under {prefix}")
    assert pages > 1
    assert not broken, "\n".join(broken[:60])


def test_subpath_absolute_urls_use_the_base_url(built_site_subpath):
    """canonical and og:url carry the public address, not localhost or the bare root."""
    wrong = []
    for file in html_files(built_site_subpath.root):
        page = parse_page(built_site_subpath.root, file, built_site_subpath.prefix)
        if file.name == "404.html":
            continue
        canonical = [r.url for r in page.refs if r.tag == "link" and "canonical" in r.rel.split()]
        expected = "https://example.org" + page.url_path
        if canonical != [expected]:
            wrong.append(f"{page.url_path}: canonical {canonical} (expected {expected})")
        og_url = page.meta.get("og:url")
        if og_url is not None and og_url != expected:
            wrong.append(f"{page.url_path}: og:url {og_url}")
    assert not wrong, "\n".join(wrong[:40])
