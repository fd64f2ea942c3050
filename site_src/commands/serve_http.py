"""The preview server's HTTP side: files from the live build, the reload stream, no listings.

Split from serve.py (the rebuild loop). Pages get the reload script on the way
out; folders are never listed (`/pagefind/` is the search bundle, not a page);
a connection that sends nothing for IDLE_TIMEOUT_SECONDS is closed, so idle or
half-open clients cannot keep threads forever.
"""

from __future__ import annotations

import contextlib
import html
import http.server
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from site_src.search.index import BUNDLE_DIR

if TYPE_CHECKING:
    from site_src.commands.serve import LiveSite

LIVERELOAD_PATH = "/__livereload"
IDLE_TIMEOUT_SECONDS = 30.0  # a request must arrive (and be read) within this
KEEPALIVE_SECONDS = 15.0
_RELOAD_SCRIPT = """<script>/* added by `build.py serve`, not part of the site */
(() => {{
  const built = {generation};
  const events = new EventSource("{path}");
  events.addEventListener("build", (e) => {{ if (Number(e.data) !== built) location.reload(); }});
}})();
</script>"""


def error_page(failure: str, generation: int) -> bytes:
    """What every page shows while the content is broken (with the reload script)."""
    script = _RELOAD_SCRIPT.format(generation=generation, path=LIVERELOAD_PATH)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>构建失败 Build failed</title>
<style>body{{font:16px/1.6 system-ui,sans-serif;margin:2rem;color:#222;background:#fff}}
h1{{color:#b00020;font-size:1.4rem}}pre{{white-space:pre-wrap;background:#fff3f3;
border-left:4px solid #b00020;padding:1rem;font-size:.9rem}}</style></head>
<body><main><h1 id="build-error">构建失败 · The site could not be rebuilt</h1>
<p>修改文件并保存后，本页会自动刷新。Fix the file and save: this page reloads by itself.</p>
<pre id="build-problems">{html.escape(failure)}</pre></main>
{script}
</body></html>
""".encode()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the live build, plus the reload stream and script injection."""

    timeout = IDLE_TIMEOUT_SECONDS  # socket timeout: an idle connection is closed

    def __init__(self, *args, live: LiveSite, **kwargs):
        self.live = live
        super().__init__(*args, directory=str(live.out_dir), **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = unquote(urlsplit(self.path).path)
        if path == LIVERELOAD_PATH:
            self._stream_builds()
            return
        with self.live.changed:
            failure, generation = self.live.failure, self.live.generation
            search_dir = self.live.search_dir
        if path.startswith(f"/{BUNDLE_DIR}/"):
            if search_dir is None:
                self.send_error(503, "search index is being built")
                return
            super().do_GET()
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not path.endswith("/"):
            super().do_GET()  # the stdlib's redirect to the trailing slash
            return
        if target.is_dir():
            target = target / "index.html"
        is_page = target.suffix == ".html" or not target.exists()
        if failure is not None and is_page:
            self._send(500, error_page(failure, generation), "text/html; charset=utf-8")
            return
        if target.suffix == ".html" and target.is_file():
            self._send(200, self._with_script(target.read_bytes(), generation),
                       "text/html; charset=utf-8")
            return
        if not target.exists():
            missing = Path(self.live.out_dir) / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<p>404</p>"
            self._send(404, self._with_script(body, generation), "text/html; charset=utf-8")
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        """`/pagefind/…` comes from the latest search snapshot, the rest from the build."""
        if unquote(urlsplit(path).path).startswith(f"/{BUNDLE_DIR}/"):
            with self.live.changed:
                search_dir = self.live.search_dir
            if search_dir is not None:
                self.directory = str(search_dir.parent)
        return super().translate_path(path)

    def list_directory(self, path: str) -> None:
        """Folders are not pages: a 404, never a listing of their files."""
        self.send_error(404, "no page here")
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    @staticmethod
    def _with_script(page: bytes, generation: int) -> bytes:
        script = _RELOAD_SCRIPT.format(generation=generation, path=LIVERELOAD_PATH).encode()
        end = page.rfind(b"</body>")
        return page[:end] + script + page[end:] if end >= 0 else page + script

    def _stream_builds(self) -> None:
        """Server-Sent Events: the current build number now, then after each build."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while not self.live.stopping.is_set():
                with self.live.changed:
                    if seen == self.live.generation:
                        self.live.changed.wait(timeout=KEEPALIVE_SECONDS)
                    current = self.live.generation
                if current != seen:
                    self.wfile.write(f"event: build\ndata: {current}\n\n".encode())
                    seen = current
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except OSError:  # the reader left, or stopped reading for IDLE_TIMEOUT_SECONDS
            return
