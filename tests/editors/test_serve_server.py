"""The serve machinery without a browser: rebuilds, error page, reload stream, script injection."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from site_src.commands.serve import LiveSite
from site_src.commands.serve_http import LIVERELOAD_PATH, Handler, error_page
from tests.editors.conftest import VALID_ARTICLE

BAD_DATE = VALID_ARTICLE.replace("date: 2024-03-14", "date: 2024-13-01")


@pytest.fixture
def live(tmp_path: Path):
    content = tmp_path / "content"
    article = content / "2024/03/zhejiang-0314.md"
    article.parent.mkdir(parents=True)
    article.write_text(VALID_ARTICLE, encoding="utf-8")
    site = LiveSite(content, tmp_path / "out", tmp_path)
    site.rebuild("initial build")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, live=site))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    site.article = article
    yield site
    site.stopping.set()
    with site.changed:
        site.changed.notify_all()
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_pages_get_the_reload_script_but_the_built_files_do_not(live):
    status, page = fetch(live.url + "2024/03/zhejiang-0314/")
    assert status == 200
    assert page.count(LIVERELOAD_PATH) == 1
    assert page.index(LIVERELOAD_PATH) < page.rindex("</body>")
    assert "const built = 1;" in page
    built = (live.out_dir / "2024/03/zhejiang-0314/index.html").read_text(encoding="utf-8")
    assert LIVERELOAD_PATH not in built
    status, icon = fetch(live.url + "favicon.svg")
    assert status == 200 and LIVERELOAD_PATH not in icon


def test_reload_stream_announces_each_build(live):
    with urllib.request.urlopen(live.url + LIVERELOAD_PATH.lstrip("/"), timeout=10) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        assert stream.readline() == b"event: build\n"
        assert stream.readline() == b"data: 1\n"
        assert stream.readline() == b"\n"
        live.rebuild("test")
        assert stream.readline() == b"event: build\n"
        assert stream.readline() == b"data: 2\n"


def test_broken_content_is_shown_on_every_page_until_fixed(live):
    live.article.write_text(BAD_DATE, encoding="utf-8")
    live.rebuild("broken")
    for path in ("", "2024/03/zhejiang-0314/", "no/such/page/"):
        status, page = fetch(live.url + path)
        assert status == 500
        assert ("content/2024/03/zhejiang-0314.md:3:7: error: date &#x27;2024-13-01&#x27; is not "
                "a valid date (month 13)") in page
        assert "const built = 2;" in page
    assert (live.out_dir / "2024/03/zhejiang-0314/index.html").is_file()  # last good site kept

    live.article.write_text(VALID_ARTICLE, encoding="utf-8")
    live.rebuild("fixed")
    status, page = fetch(live.url + "2024/03/zhejiang-0314/")
    assert status == 200 and "build-problems" not in page


def test_a_crashing_build_is_reported_not_raised(live, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("template exploded")

    monkeypatch.setattr("site_src.commands.serve.build_site", explode)
    live.rebuild("crash")
    status, page = fetch(live.url)
    assert status == 500
    assert "RuntimeError: template exploded" in page


def test_missing_page_is_a_404_with_the_script(live):
    status, page = fetch(live.url + "nothing/here/")
    assert status == 404
    assert LIVERELOAD_PATH in page


def test_error_page_escapes_what_it_shows():
    page = error_page("content/x.md:2:8: error: title '<script>alert(1)</script>'", 7).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'lang="zh-CN"' in page and "const built = 7;" in page


def test_folders_are_never_listed(live, tmp_path):
    """`/pagefind/` is the search bundle's folder: a 404, not a list of its files (12.12)."""
    bundle = tmp_path / "snapshot/site/pagefind"
    bundle.mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    with live.changed:
        live.search_dir = bundle
    assert fetch(live.url + "pagefind/pagefind-entry.json") == (200, "{}")
    for path in ("pagefind/", "pagefind", "static/", "2024/"):
        status, page = fetch(live.url + path)
        assert status == 404, path
        assert "pagefind-entry.json" not in page and "Directory listing" not in page


def test_an_idle_connection_is_closed_after_the_timeout(live, monkeypatch):
    """A client that connects and sends nothing must not hold a server thread forever."""
    import socket
    import time

    from site_src.commands import serve_http

    assert serve_http.Handler.timeout == serve_http.IDLE_TIMEOUT_SECONDS <= 60
    monkeypatch.setattr(serve_http.Handler, "timeout", 0.5)
    port = int(live.url.rsplit(":", 1)[1].strip("/"))
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
        assert idle.recv(1024) == b""  # closed by the server, not by our own timeout
    assert time.monotonic() - started < 5
    assert fetch(live.url)[0] == 200  # and the server still answers
