"""Shared fixtures for tests that look at the built site the way a reader would.

The site is built once per session through the real CLI (`python build.py build`
in a subprocess), so these tests exercise exactly what a user runs. It is then
served over HTTP from a tiny stdlib server (Pagefind cannot work from file://),
optionally under a subpath and gzip-compressed like GitHub Pages, and driven with
Debian Chromium through Playwright.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import pytest

from site_src.model.article import Article, PartialDate
from site_src.model.urls import article_path

REPO = Path(__file__).resolve().parent.parent
RAW_DIR = REPO / "raw"
BUNDLED_CONTENT = REPO / "content"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SUBPATH_BASE_URL = "https://example.org/minzheng/"
SUBPATH_PREFIX = "/minzheng/"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 900},
}
IN_CI = os.environ.get("CI") == "true"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: real-browser tests (Debian Chromium via Playwright)"
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """Failure snapshots describe this run only: drop the previous run's.

    And no test may pass on a machine that draws Chinese as boxes: without a font
    that covers Chinese, every page, screenshot and browser check is meaningless.
    """
    shutil.rmtree(ARTIFACTS / "failures", ignore_errors=True)
    missing = cjk_font_problem()
    if missing:
        pytest.exit(missing, returncode=1)


def cjk_font_problem() -> str | None:
    """Why this machine cannot render Chinese, or None when fontconfig has a Chinese font."""
    if not shutil.which("fc-list"):
        return ("fontconfig (fc-list) is missing, so no font can render Chinese — "
                "apt-get install fontconfig fonts-noto-cjk")
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    if not listed.stdout.strip():
        return ("no installed font covers Chinese (`fc-list :lang=zh` is empty): pages and "
                "screenshots would show boxes — apt-get install fonts-noto-cjk")
    return None


AXE_ROWS = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def axe_rows(request: pytest.FixtureRequest) -> list:
    """Accessibility tests append (page, viewport, impact, rule, nodes); summarised at the end."""
    return request.config.stash.setdefault(AXE_ROWS, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    rows = config.stash.get(AXE_ROWS, None)
    if rows is None:
        return
    rank = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    terminalreporter.section("axe-core violations by impact (all pages checked)")
    if not rows:
        terminalreporter.write_line("none")
    for page, viewport, impact, rule, nodes in sorted(
        rows, key=lambda r: (rank.get(r[2], 9), r[3], r[0], r[1])
    ):
        terminalreporter.write_line(f"{impact:<9} {rule:<28} {page:<8} {viewport:<8} {nodes} nodes")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ is a browser test, so `-m "not browser"` skips it."""
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if browser_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class ContentArticle:
    """What the Markdown says about one report: the truth the site is checked against."""

    source_path: Path
    title: str
    body: str
    date: PartialDate | None
    province: str | None
    city: str | None
    leaders: tuple[str, ...]
    raw_file: str | None
    url_path: str  # site-relative, e.g. "2024/03/zhejiang-0314/"

    def mentions(self, text: str) -> bool:
        return text in self.title or text in self.body


def _read_article(md: Path) -> ContentArticle:
    post = frontmatter.load(md)
    meta = post.metadata
    date = PartialDate.parse_iso(str(meta["date"])) if meta.get("date") is not None else None
    slug = meta.get("slug")
    url = article_path(
        Article(title=str(meta["title"]), body=post.content, date=date, slug=slug, path=md)
    )
    provenance = meta.get("provenance") or {}
    return ContentArticle(
        source_path=md,
        title=str(meta["title"]),
        body=post.content,
        date=date,
        province=meta.get("province"),
        city=meta.get("city"),
        leaders=tuple(meta.get("leaders") or ()),
        raw_file=provenance.get("file"),
        url_path=url,
    )


def _run(args: list[str], what: str, timeout: int = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONUTF8": "1"},
    )
    if proc.returncode != 0:
        pytest.fail(
            f"{what} failed (exit {proc.returncode}): {' '.join(args)}\n"
            f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return proc


@pytest.fixture(scope="session")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown the site is built from.

    A snapshot of the bundled `content/` when it has articles (what readers
    get); otherwise a fresh `python build.py import raw/*.txt` into a temp folder. Set
    MINZHENG_TEST_CONTENT to test another folder.
    """
    override = os.environ.get("MINZHENG_TEST_CONTENT")
    if override:
        return Path(override).resolve()
    target = tmp_path_factory.mktemp("content")
    if any(BUNDLED_CONTENT.rglob("*.md")):
        # A snapshot: every build of the session sees the same bytes even if an
        # editor (or another test) changes content/ meanwhile.
        shutil.copytree(BUNDLED_CONTENT, target, dirs_exist_ok=True)
        return target
    raws = sorted(str(p) for p in RAW_DIR.glob("*.txt"))
    _run(["build.py", "import", "--content", str(target), *raws], "import of raw/*.txt")
    return target


@pytest.fixture(scope="session")
def articles(content_dir: Path) -> list[ContentArticle]:
    """Every article of the content folder, read with python-frontmatter (not the site code)."""
    found = [_read_article(md) for md in sorted(content_dir.rglob("*.md"))]
    assert found, f"no articles under {content_dir}"
    return found


# --------------------------------------------------------------------------- builds


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the --out folder
    base_url: str  # what --base-url was
    content_dir: Path

    @property
    def prefix(self) -> str:
        """The URL path the site lives under ("/" or "/minzheng/")."""
        return urlsplit(self.base_url).path if "://" in self.base_url else self.base_url


def build_site(content: Path, out: Path, base_url: str = "/") -> BuiltSite:
    """Build through the CLI exactly as a user would; fail the test with the output if it fails."""
    args = ["build.py", "build", "--content", str(content), "--out", str(out)]
    if base_url != "/":
        args += ["--base-url", base_url]
    _run(args, "site build")
    assert (out / "index.html").is_file(), f"build exited 0 but wrote no {out}/index.html"
    return BuiltSite(root=out, base_url=base_url, content_dir=content)


@pytest.fixture(scope="session", name="build_site")
def build_site_fixture():
    """`build_site(content, out, base_url="/")`: one more CLI build, to compare builds."""
    return build_site


@pytest.fixture(scope="session")
def built_site(content_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built at the domain root (`--base-url /`).

    MINZHENG_TEST_SITE=public checks an existing build (made from the same
    content, with the default base URL) instead of building one.
    """
    existing = os.environ.get("MINZHENG_TEST_SITE")
    if existing:
        return BuiltSite(root=Path(existing).resolve(), base_url="/", content_dir=content_dir)
    return build_site(content_dir, tmp_path_factory.mktemp("site") / "public")


@pytest.fixture(scope="session")
def built_site_subpath(content_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built for a GitHub Pages project subpath (https://example.org/minzheng/)."""
    out = tmp_path_factory.mktemp("site-subpath") / "public"
    return build_site(content_dir, out, SUBPATH_BASE_URL)


# --------------------------------------------------------------------------- HTTP


_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`, like a static host (404.html for misses, gzip)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".webmanifest": "application/manifest+json",
    }

    def __init__(self, *args, prefix: str, use_gzip: bool, **kwargs):
        self.prefix = prefix
        self.use_gzip = use_gzip
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        path_only = unquote(urlsplit(path).path)
        if not path_only.startswith(self.prefix) and path_only + "/" != self.prefix:
            return str(Path(self.directory) / "\0outside-prefix")  # never exists
        inner = "/" + path_only[len(self.prefix):] if path_only != self.prefix.rstrip("/") else "/"
        return super().translate_path(inner)

    def send_head(self):
        fs_path = Path(self.translate_path(self.path))
        if fs_path.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # the stdlib's redirect to the trailing slash
        if fs_path.is_dir():
            fs_path = fs_path / "index.html"
        if not fs_path.is_file():
            return self._send_not_found()
        data = fs_path.read_bytes()
        encoding = None
        if self.use_gzip and fs_path.suffix in _COMPRESSIBLE and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        ):
            data = gzip.compress(data, mtime=0)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(fs_path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _BytesReader(data)

    def _send_not_found(self):
        page = Path(self.directory) / "404.html"
        data = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return _BytesReader(data)


class _BytesReader:
    """The file-like object SimpleHTTPRequestHandler.copyfile expects."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve_directory(root: Path, prefix: str = "/", use_gzip: bool = False) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (free port) under `prefix`; yields the site's base URL."""
    if not prefix.endswith("/") or not prefix.startswith("/"):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    handler = functools.partial(
        _StaticHandler, directory=str(root), prefix=prefix, use_gzip=use_gzip
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """Base URL of the root build, served over HTTP (ends with '/')."""
    with serve_directory(built_site.root) as url:
        yield url


@pytest.fixture(scope="session")
def subpath_site_url(built_site_subpath: BuiltSite) -> Iterator[str]:
    """Base URL of the subpath build served gzip-compressed under /minzheng/, like GitHub Pages."""
    with serve_directory(built_site_subpath.root, SUBPATH_PREFIX, use_gzip=True) as url:
        yield url


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian Chromium; browser tests skip without it only outside CI (in CI they must run)."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(path).exists() and not shutil.which(path):
        if IN_CI:
            pytest.fail(f"CI=true but Chromium is missing at {path}", pytrace=False)
        pytest.skip(f"Chromium not found at {path} (install Debian's chromium package)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """One headless Chromium for the session (a plain launch uses a fresh temp profile)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class ReaderLog:
    """What went wrong behind the reader's back: JS errors and requests that left the machine."""

    def __init__(self) -> None:
        self.js_errors: list[str] = []
        self.external_requests: list[str] = []
        self.failed_requests: list[str] = []
        self.console: list[str] = []  # kept for failure reports only

    def attach(self, context) -> None:
        context.on("request", self._on_request)
        context.on("requestfailed", self._on_failed)
        context.on("page", self._on_page)

    def _on_page(self, page) -> None:
        page.on("pageerror", lambda exc: self.js_errors.append(f"{page.url}: {exc}"))
        page.on("console", lambda msg: self.console.append(f"console.{msg.type}: {msg.text}"))

    def _on_request(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in ("127.0.0.1", "localhost"):
            self.external_requests.append(request.url)

    def _on_failed(self, request) -> None:
        # A navigation cancels the previous page's pending fetches: not a defect.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed_requests.append(f"{request.url} ({request.failure})")

    def problems(self) -> list[str]:
        return (
            [f"JS error: {e}" for e in self.js_errors]
            + [f"external request: {u}" for u in self.external_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )


def _new_context(browser, viewport_name: str, *, javascript: bool = True):
    size = VIEWPORTS[viewport_name]
    phone = viewport_name == "phone"
    return browser.new_context(
        viewport=size,
        locale="zh-CN",
        java_script_enabled=javascript,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )


@contextlib.contextmanager
def reader_page(browser, viewport_name: str, *, javascript: bool = True, node=None):
    """A fresh context + page; fails the test if the page threw or fetched anything external.

    When the test itself failed, the page as it was is saved to
    test-artifacts/failures/<test>.png (with its URL and the browser log in a .txt).
    """
    context = _new_context(browser, viewport_name, javascript=javascript)
    context.set_default_timeout(15_000)
    log = ReaderLog()
    log.attach(context)
    page = context.new_page()
    try:
        yield page
        report = getattr(node, "rep_call", None) if node is not None else None
        if report is not None and report.failed:
            _save_failure(page, node, log)
    finally:
        context.close()
    problems = log.problems()
    if problems:
        pytest.fail("the browser saw problems:\n  " + "\n  ".join(problems), pytrace=False)


def _save_failure(page, node, log: ReaderLog) -> None:
    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in node.name)
    with contextlib.suppress(Exception):  # best effort: the page may be gone
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    (folder / f"{name}.txt").write_text(
        f"{page.url}\n" + "\n".join(log.problems() + log.console), encoding="utf-8"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    """Run a test once per viewport: "phone" (375×812) and "desktop" (1280×900)."""
    return request.param


@pytest.fixture
def page(browser, viewport: str, request: pytest.FixtureRequest):
    """A page at the test's viewport (parametrised phone/desktop), with JS on."""
    with reader_page(browser, viewport, node=request.node) as p:
        yield p


@pytest.fixture
def no_js_page(browser, viewport: str, request: pytest.FixtureRequest):
    """A page at the test's viewport with JavaScript disabled (browsing must still work)."""
    with reader_page(browser, viewport, javascript=False, node=request.node) as p:
        yield p


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/ at the repository root (gitignored; CI uploads it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def phone_page(browser, request: pytest.FixtureRequest):
    with reader_page(browser, "phone", node=request.node) as p:
        yield p


@pytest.fixture
def desktop_page(browser, request: pytest.FixtureRequest):
    with reader_page(browser, "desktop", node=request.node) as p:
        yield p


def save_screenshot(page, name: str) -> Path:
    """Full-page PNG under test-artifacts/screenshots/ (kept by CI as an artefact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


@pytest.fixture(scope="session")
def screenshot():
    """`screenshot(page, name)` saves test-artifacts/screenshots/<name>.png and returns the path."""
    return save_screenshot


@pytest.fixture
def tab(browser):
    """A desktop-size Chinese tab; any uncaught script error on the page fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == [], errors
