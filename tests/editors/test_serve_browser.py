"""`python build.py serve` end to end, in Chromium: edit → the open page changes by itself.

The server runs as a real subprocess on a copy of a small content folder, the
page is never reloaded by the test, and the built folder is checked to hold no
trace of the reload script.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.editors.conftest import VALID_ARTICLE

pytestmark = pytest.mark.browser

ARTICLE_URL = "2024/03/zhejiang-0314/"
OTHER_ARTICLE = VALID_ARTICLE.replace("2024-03-14", "2024-03-20").replace(
    "浙江省民政厅召开党组（扩大）会议", "浙江省民政厅部署养老服务工作")


class ServeProcess:
    """`build.py serve --port 0` in a subprocess; its stdout lines are read in a thread."""

    def __init__(self, project: Path, out: Path):
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--out", str(out)],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUTF8": "1", "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for("Serving on http://", timeout=60)
        self.url = line.split("Serving on ", 1)[1].split(" ", 1)[0]

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> str:
        """The next output line containing `text` (earlier lines are kept in `seen`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"serve never printed {text!r}; output so far:\n"
                             + "\n".join(self.seen))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    content = tmp_path / "content" / "2024" / "03"
    content.mkdir(parents=True)
    (content / "zhejiang-0314.md").write_text(VALID_ARTICLE, encoding="utf-8")
    (content / "zhejiang-0320.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def server(project: Path):
    proc = ServeProcess(project, project / "served")
    yield proc
    proc.stop()
    assert proc.proc.returncode is not None


def test_edit_break_and_fix_a_file_while_the_page_is_open(browser, project: Path,
                                                          server: ServeProcess):
    article = project / "content/2024/03/zhejiang-0314.md"
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(server.url + ARTICLE_URL)
        assert "传达学习全国两会精神" in page.inner_text("main")
        page.evaluate("window.__notReloaded = true")

        # 1. Edit the text: the open page shows it without the test reloading.
        article.write_text(VALID_ARTICLE.replace("传达学习全国两会精神", "部署xylophonist专项行动"),
                           encoding="utf-8")
        page.wait_for_function("document.body && document.body.innerText.includes('xylophonist')")
        assert page.evaluate("window.__notReloaded") is None  # the page reloaded itself

        # 2. Break it: the error is shown in the page, with file, line and fix.
        article.write_text(VALID_ARTICLE.replace("date: 2024-03-14", "date: 2024-13-01"),
                           encoding="utf-8")
        page.wait_for_selector("#build-problems")
        problems = page.inner_text("#build-problems")
        assert ("content/2024/03/zhejiang-0314.md:3:7: error: date '2024-13-01' is not a valid "
                "date (month 13) — use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14") in problems
        assert server.proc.poll() is None

        # 3. Fix it: the page recovers by itself.
        article.write_text(VALID_ARTICLE, encoding="utf-8")
        page.wait_for_function("document.body.innerText.includes('传达学习全国两会精神')")
        assert page.query_selector("#build-problems") is None
    finally:
        context.close()


def test_search_is_reindexed_after_an_edit(browser, project: Path, server: ServeProcess):
    server.wait_for("search index updated", timeout=60)
    article = project / "content/2024/03/zhejiang-0320.md"
    edited = OTHER_ARTICLE.replace("传达学习全国两会精神", "xylophonist")
    article.write_text(edited, encoding="utf-8")
    server.wait_for("zhejiang-0320.md: rendered", timeout=30)
    server.wait_for("search index updated", timeout=60)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server.url)
        hits = page.evaluate("""async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.init();
            const search = await pagefind.search('xylophonist');
            return Promise.all(search.results.map(async r => (await r.data()).url));
        }""")
        assert hits == ["/2024/03/zhejiang-0320/"]
    finally:
        context.close()


def test_served_files_never_contain_the_reload_script(project: Path, server: ServeProcess):
    built = sorted((project / "served").rglob("*.html"))
    assert built, "serve built nothing into --out"
    assert [p for p in built if b"__livereload" in p.read_bytes()] == []
