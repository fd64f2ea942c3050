"""What a reader's first search costs on the wire, measured in the browser (issue 7).

Issue 7 asks that the first search on the 10,000-report archive transfer at most
200 KB when the site is served with gzip as static hosts serve it. A byte count
computed from files (bench/search_quality.py) misses what the real search page
does (its own CSS/JS, Pagefind's UI, the filters it loads before the first
search, the fragments of the results it draws), so this runs the real page:

1. builds the archive with the project's CLI (or reuses a built site),
2. serves it from 127.0.0.1 like GitHub Pages / Netlify: text types
   (.html .css .js .json .svg .xml .wasm …) gzip-compressed, Pagefind's binary
   files (`.pf_*`, `.pagefind` — already gzip'd by Pagefind) as they are,
3. opens `/search/?q=…` (and, separately, types the query into the box) in a
   fresh headless Chromium context, and sums what the browser received
   (Playwright's `request.sizes()`: encoded body + response headers) from the
   page load until the first results are drawn with their titles and links,
   split by kind of file.

The server also counts what it sent, so a request the browser did not report
(a worker's fetch, say) shows up as a mismatch instead of silently missing.

Run: `python -m bench.first_search` (see docs/search.md); `--write` puts the
table into bench/SEARCH.md.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gzip
import http.server
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import click

REPO_ROOT = Path(__file__).resolve().parent.parent
WORK = REPO_ROOT / "bench" / ".work"
DEFAULT_CONTENT = WORK / "corpus-n10000-s1" / "content"
DEFAULT_SITE = WORK / "first-search-n10000" / "site"
RESULTS_FILE = REPO_ROOT / "bench" / "SEARCH.md"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
BUDGET_10K = 200 * 1024  # issue 7, for the 10,000-report archive

# What GitHub Pages and Netlify compress on the fly: text types and wasm. Binary
# types (Pagefind's .pf_* and .pagefind files, already gzip'd) go out as stored.
COMPRESSIBLE = frozenset(
    [".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm",
     ".webmanifest"]
)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml",
    ".xml": "application/xml", ".txt": "text/plain", ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json", ".ico": "image/x-icon",
    ".png": "image/png", ".woff2": "font/woff2",
}

# Kinds of file, in table order: (label, test on the site-relative path).
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern)) for label, pattern in (
        ("search page (html)", r"^search/(index\.html)?$"),
        ("site css/js/icons", r"^(static/|favicon)"),
        ("Pagefind UI js+css", r"^pagefind/pagefind-(component-|modular-)?ui\.(js|css)$"),
        ("pagefind.js", r"^pagefind/pagefind\.js$"),
        ("pagefind-worker.js", r"^pagefind/pagefind-worker\.js$"),
        ("wasm", r"^pagefind/wasm\.[^/]+\.pagefind$"),
        ("entry + meta",
         r"^pagefind/(shard-[^/]+/)?(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)$"),
        ("shard list", r"^pagefind/shards\.json$"),
        ("filters", r"^pagefind/((shard-[^/]+/)?filter/|filters\.json$)"),
        ("index chunks", r"^pagefind/(shard-[^/]+/)?index/"),
        ("fragments", r"^pagefind/(shard-[^/]+/)?fragment/"),
        ("other", r""),
    )
)

# True once the first results are drawn with their titles and links: from the
# newest shard alone, on a page's first search (progressive), or from all.
RESULTS_SHOWN_JS = """() => {
  const results = document.querySelectorAll('.search-result');
  return results.length > 0 && !document.querySelector('.search-result[aria-busy]') &&
    [...results].every(r => r.querySelector('.search-result-title a[href]'));
}"""
# True once every shard has answered (the page marks its final answer with data-run).
ANSWER_COMPLETE_JS = """() => {
  const msg = document.getElementById('search-status');
  return msg && msg.hasAttribute('data-run') && /找到 \\d+ 篇/.test(msg.textContent) &&
    !document.querySelector('.search-result[aria-busy]');
}"""


def kind_of(path: str) -> str:
    """The table row a site-relative path (`pagefind/index/zh_1a2b.pf_index`) counts under."""
    for label, pattern in KINDS:
        if pattern.search(path):
            return label
    return "other"


# --------------------------------------------------------------------------- server


class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: compressible types gzip'd on the fly, everything else as stored.

    `sent` (shared, path → bytes of body + headers) records what went out, to
    cross-check what the browser reports.
    """

    def __init__(self, *args, sent: collections.Counter, lock: threading.Lock, **kwargs):
        self.sent = sent
        self.lock = lock
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_head(self):
        url_path = unquote(urlsplit(self.path).path)
        fs_path = Path(self.translate_path(self.path))
        if fs_path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the stdlib's redirect to the trailing slash
            fs_path = fs_path / "index.html"
        if not fs_path.is_file():
            self.send_error(404)
            return None
        data = fs_path.read_bytes()
        gzipped = fs_path.suffix in COMPRESSIBLE and "gzip" in self.headers.get(
            "Accept-Encoding", "")
        if gzipped:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        headers = [
            ("Content-Type", CONTENT_TYPES.get(fs_path.suffix, "application/octet-stream")),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "max-age=600"),
        ]
        if gzipped:
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        self.send_response(200)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        with self.lock:
            self.sent[url_path.lstrip("/")] += len(data)
        return _Body(data)


class _Body:
    """The file-like object SimpleHTTPRequestHandler.copyfile expects."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


@dataclass
class Server:
    url: str
    sent: collections.Counter  # path → body bytes sent
    lock: threading.Lock

    def take_sent(self) -> dict[str, int]:
        with self.lock:
            taken = dict(self.sent)
            self.sent.clear()
        return taken


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[Server]:
    """Serve `site_dir` at the root of a free port on 127.0.0.1, gzip like a static host."""
    sent: collections.Counter = collections.Counter()
    lock = threading.Lock()
    handler = functools.partial(GzipStaticHandler, directory=str(site_dir), sent=sent,
                                lock=lock)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="first-search", daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}/", sent, lock)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- browser


@dataclass
class Transfer:
    """One first search: bytes the browser received, per file, until results were shown."""

    query: str
    how: str  # "link" (/search/?q=…) or "typed"
    files: dict[str, int]  # site-relative path → encoded body + response headers
    bodies: dict[str, int]  # site-relative path → encoded body only
    late: dict[str, int] = field(default_factory=dict)  # fetched after the results were shown
    results: int = 0  # result count Pagefind announced
    server_only: tuple[str, ...] = ()  # sent by the server, not seen (or seen smaller) by Chromium

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = collections.Counter()
        for path, size in self.files.items():
            kinds[kind_of(path)] += size
        return dict(kinds)

    def count_of(self, kind: str) -> int:
        return sum(1 for path in self.files if kind_of(path) == kind)


def measure_first_search(browser, base_url: str, query: str, *, how: str = "link",
                         server: Server | None = None, timeout: float = 60_000,
                         settle_ms: int = 1500) -> Transfer:
    """Open the search page in a fresh context and count bytes until results are drawn.

    `how="link"` opens `/search/?q=…` (a shared search or the header form);
    `how="typed"` opens `/search/` and types the query into the page's box.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    if server is not None:
        server.take_sent()
    try:
        if how == "link":
            page.goto(base_url + "search/?q=" + quote(query))
        elif how == "typed":
            page.goto(base_url + "search/")
            box = page.locator("#search-q")
            box.wait_for(state="visible", timeout=timeout)
            box.click()
            page.keyboard.type(query, delay=60)
        else:
            raise ValueError(f"how must be 'link' or 'typed', not {how!r}")
        page.wait_for_function(RESULTS_SHOWN_JS, timeout=timeout, polling=50)
        shown = list(finished)
        page.wait_for_function(ANSWER_COMPLETE_JS, timeout=timeout, polling=50)
        message = page.locator("#search-status").inner_text()
        page.wait_for_timeout(settle_ms)  # the rest of the answer counts as "late"
        late = finished[len(shown):]
        transfer = Transfer(query, how, {}, {}, results=_first_number(message))
        for request in shown:
            if not request.url.startswith(base_url):
                continue  # data: URLs (Pagefind's CSS icons) cost nothing on the wire
            path, (body, headers) = _site_path(request.url, base_url), _received(request)
            transfer.files[path] = transfer.files.get(path, 0) + body + headers
            transfer.bodies[path] = transfer.bodies.get(path, 0) + body
        for request in late:
            if request.url.startswith(base_url):
                transfer.late[_site_path(request.url, base_url)] = sum(_received(request))
        if server is not None:
            sent = server.take_sent()
            seen = {_site_path(r.url, base_url): _received(r)[0] for r in finished
                    if r.url.startswith(base_url)}
            # The favicon is fetched by the browser itself, not always reported to the page.
            transfer.server_only = tuple(sorted(
                p for p, size in sent.items()
                if seen.get(p) != size and not p.startswith("favicon")))
        return transfer
    finally:
        context.close()


def _received(request) -> tuple[int, int]:
    """(encoded body, response headers) as Chromium received them.

    Chromium reports a body size of 0 for a worker's own script (Pagefind's
    `pagefind-worker.js`); its Content-Length header, which the browser did
    receive, then gives the encoded size.
    """
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if body == 0:
        response = request.response()
        length = response.header_value("content-length") if response else None
        body = int(length) if length else 0
    return body, sizes["responseHeadersSize"]


def _site_path(url: str, base_url: str) -> str:
    return unquote(urlsplit(url).path).removeprefix(urlsplit(base_url).path)


def _first_number(text: str) -> int:
    match = re.search(r"\d+", text.replace(",", ""))
    return int(match.group()) if match else 0


# --------------------------------------------------------------------------- queries


def pick_queries(content_dir: Path) -> list[tuple[str, str]]:
    """(kind, query): the archive's commonest leader, place, programme term, a 2-character
    word, and leader + place together — drawn from the Markdown, never hard-coded."""
    from bench.search_quality import PROGRAMME_TERMS, load_docs

    docs = load_docs(content_dir)
    names = collections.Counter(n for d in docs for n in d.names)
    places = collections.Counter(p.rstrip("省市") for d in docs for p in d.places[:1])
    programme = collections.Counter(
        {t: sum(t in d.text for d in docs) for t in PROGRAMME_TERMS if len(t) >= 3})
    short = collections.Counter(
        {t: sum(t in d.text for d in docs) for t in PROGRAMME_TERMS if len(t) == 2})
    leader = names.most_common(1)[0][0]
    with_leader = collections.Counter(
        d.places[0].rstrip("省市") for d in docs if leader in d.names and d.places)
    return [
        ("leader", leader),
        ("place", places.most_common(1)[0][0]),
        ("programme", programme.most_common(1)[0][0]),
        ("2-char", short.most_common(1)[0][0]),
        ("multi-word", f"{leader} {with_leader.most_common(1)[0][0]}"),
    ]


# --------------------------------------------------------------------------- report


def _kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def table(rows: list[tuple[str, Transfer]]) -> str:
    """Markdown: one column per (query, how), one row per kind of file, KB as received."""
    kinds = [label for label, _ in KINDS if any(t.by_kind().get(label) for _, t in rows)]
    head = "| kind of file | " + " | ".join(
        f"{kind}: {t.query} ({t.how})" for kind, t in rows) + " |"
    out = [head, "|---|" + "---:|" * len(rows)]
    for kind in kinds:
        cells = []
        for _, t in rows:
            size, count = t.by_kind().get(kind, 0), t.count_of(kind)
            cells.append(f"{_kb(size)} ({count})" if size else "–")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out.append("| **first results drawn, KB** | "
               + " | ".join(f"**{_kb(t.total)}**" for _, t in rows) + " |")
    out.append("| requests | " + " | ".join(str(len(t.files)) for _, t in rows) + " |")
    out.append("| rest of the answer (older shards), KB | "
               + " | ".join(_kb(sum(t.late.values())) for _, t in rows) + " |")
    out.append("| **complete answer, KB** | "
               + " | ".join(f"**{_kb(t.total + sum(t.late.values()))}**" for _, t in rows) + " |")
    out.append("| results announced | " + " | ".join(str(t.results) for _, t in rows) + " |")
    return "\n".join(out)


def build_site(content_dir: Path, out_dir: Path) -> float:
    """Build with the project's own CLI, search index included; returns seconds."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "build.py", "build", "--content", str(content_dir), "--out", str(out_dir)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise click.ClickException(f"build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - started


MARK_START = "<!-- first-search:start -->"
MARK_END = "<!-- first-search:end -->"


def write_results(block: str, target: Path = RESULTS_FILE) -> None:
    """Replace the block between the markers in bench/SEARCH.md (appended the first time)."""
    text = target.read_text(encoding="utf-8")
    section = f"{MARK_START}\n{block.strip()}\n{MARK_END}"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    target.write_text(text, encoding="utf-8")


@click.command()
@click.option("--content", "content_dir", default=DEFAULT_CONTENT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Archive to build (and to draw the queries from).")
@click.option("--site", "site_dir", default=DEFAULT_SITE, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Built site; built from --content first if missing, if its search.js is "
                   "not the repository's, or with --rebuild.")
@click.option("--rebuild", is_flag=True, help="Build the site even if it exists.")
@click.option("--query", "extra", multiple=True, help="Measure this query too (repeatable).")
@click.option("--how", "hows", multiple=True, default=("link", "typed"), show_default=True,
              type=click.Choice(["link", "typed"]))
@click.option("--write", is_flag=True, help="Put the table into bench/SEARCH.md.")
def main(content_dir: Path, site_dir: Path, rebuild: bool, extra: tuple[str, ...],
         hows: tuple[str, ...], write: bool) -> None:
    """Measure the bytes a reader's first search transfers (gzip, in Chromium)."""
    from playwright.sync_api import sync_playwright

    built_js = site_dir / "static" / "search.js"
    stale = not built_js.is_file() or built_js.read_bytes() != (
        REPO_ROOT / "static" / "search.js").read_bytes()
    if stale and not rebuild and site_dir.is_dir():
        click.echo(f"{site_dir} has another static/search.js than the repository: rebuilding",
                   err=True)
    if rebuild or stale or not (site_dir / "pagefind" / "pagefind.js").is_file():
        click.echo(f"building {content_dir} → {site_dir} …", err=True)
        click.echo(f"built in {build_site(content_dir, site_dir):.0f} s", err=True)
    queries = pick_queries(content_dir) + [("extra", q) for q in extra]
    reports = sum(1 for _ in (site_dir / "pagefind").rglob("fragment/*.pf_fragment"))
    rows: list[tuple[str, Transfer]] = []
    with serve(site_dir) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for how in hows:
                for kind, query in queries:
                    transfer = measure_first_search(browser, server.url, query, how=how,
                                                    server=server)
                    click.echo(f"{kind} {query!r} ({how}): {_kb(transfer.total)} KB, "
                               f"{len(transfer.files)} requests, {transfer.results} results"
                               + (f"; late {transfer.late}" if transfer.late else "")
                               + (f"; NOT SEEN BY THE BROWSER: {transfer.server_only}"
                                  if transfer.server_only else ""), err=True)
                    rows.append((kind, transfer))
        finally:
            browser.close()
    worst = max(t.total for _, t in rows)
    block = (
        f"First search on {reports:,} reports, gzip like a static host, "
        f"KB received by Chromium (body + headers; number of files in brackets), from "
        f"page load until the first results are drawn. Largest: {_kb(worst)} KB "
        f"(budget at 10,000 reports: {_kb(BUDGET_10K)} KB).\n\n" + table(rows)
    )
    click.echo(block)
    if write:
        write_results(block)
        click.echo(f"written to {RESULTS_FILE}", err=True)


if __name__ == "__main__":
    main()
