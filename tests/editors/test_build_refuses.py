"""From the editor's side: bad content never half-publishes, and `<script>` never runs.

`build` on a folder with a bad file must exit non-zero with the same message
`check` prints, and leave the previously built site byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, serve_directory
from tests.editors.conftest import VALID_ARTICLE, Site


def build(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--out", str(out), *extra],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONUTF8": "1"},
    )


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("relpath", "text", "expected"), [
    ("2024/03/bad.md", "---\ntitle: 标题\ndate: 2024-13-01\n---\n\n正文。\n",
     "content/2024/03/bad.md:3:7: error: date '2024-13-01' is not a valid date (month 13) — "
     "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14"),
    ("2024/03/bad.md", "---\ntitle: 标题\nslug: ../x\n---\n\n正文。\n",
     "content/2024/03/bad.md:3:7: error: slug '../x' cannot be used in a URL — use lower-case "
     "ASCII letters, digits and single hyphens, e.g. zhejiang-0314"),
    ("2024/03/bad.md", "---\ntitle: 标题\ndate: 2024-03-14\n\n正文。\n",
     "content/2024/03/bad.md:1:1: error: front matter opened with `---` on line 1 is never "
     "closed — add a line `---` after the last front-matter key, before the report's text"),
], ids=["bad-date", "path-trick-slug", "unclosed-front-matter"])
def test_build_refuses_bad_content_and_keeps_the_previous_site(site: Site, relpath: str,
                                                               text: str, expected: str):
    out = site.root / "public"
    first = build(site.root, out, "--no-search")
    assert first.returncode == 0, first.stderr
    before = tree_digest(out)
    assert "2024/03/zhejiang-0314/index.html" in before

    site.write(relpath, text)
    second = build(site.root, out, "--no-search")
    assert second.returncode != 0
    assert expected in second.stderr.splitlines()
    assert tree_digest(out) == before
    assert not (site.root / "x").exists() and not (out.parent / "x").exists()


def test_warnings_do_not_stop_the_build_unless_strict(site: Site):
    site.write("2024/03/zhejiang-0315.md", VALID_ARTICLE.replace("2024-03-14", "2024-03-15")
               .replace("province: 浙江省", "province: 浙江省\nprovnce: 浙江省"))
    out = site.root / "public"
    relaxed = build(site.root, out, "--no-search")
    assert relaxed.returncode == 0, relaxed.stderr
    assert ("content/2024/03/zhejiang-0315.md:5:1: warning: unknown key `provnce` (ignored) — "
            "did you mean `province`?") in relaxed.stderr.splitlines()
    before = tree_digest(out)
    strict = build(site.root, out, "--no-search", "--strict")
    assert strict.returncode != 0
    assert tree_digest(out) == before


SCRIPT_ARTICLE = VALID_ARTICLE.replace(
    "（据浙江省民政厅）",
    "<script>window.__pwned = 'block'; document.title = 'pwned'</script>\n\n"
    "行内<img src=x onerror=\"window.__pwned='inline'\">与<b>粗体</b>。\n\n"
    "[链接](javascript:window.__pwned='link')\n\n（据浙江省民政厅）",
)


@pytest.mark.browser
def test_script_in_a_markdown_body_is_shown_as_text_and_never_runs(site: Site, browser):
    site.write("2024/03/zhejiang-0314.md", SCRIPT_ARTICLE)
    check = site.check()
    assert check.exit_code == 0
    assert ("content/2024/03/zhejiang-0314.md:12:1: warning: `<script>` in the body will be "
            "shown as text and never run — remove it: articles cannot run scripts (HTML in "
            "Markdown is disabled)") in check.stderr_lines
    out = site.root / "public"
    result = build(site.root, out, "--no-search")
    assert result.returncode == 0, result.stderr
    with serve_directory(out) as url:
        context = browser.new_context(locale="zh-CN")
        dialogs: list[str] = []
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(url + "2024/03/zhejiang-0314/")
            page.wait_for_load_state("load")
            text = page.inner_text("main")
            assert "<script>window.__pwned = 'block'; document.title = 'pwned'</script>" in text
            assert "<img src=x onerror=\"window.__pwned='inline'\">" in text
            links = page.eval_on_selector_all("main a", "as => as.map(a => a.getAttribute('href'))")
            assert not [h for h in links if h and h.startswith("javascript:")]
            assert page.evaluate("window.__pwned") is None
            assert page.title() != "pwned"
            assert dialogs == []
            assert page.query_selector("main script") is None
            assert page.query_selector("main img[src=x]") is None
        finally:
            context.close()


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_a_mistyped_content_folder_is_refused_and_the_site_kept(tmp_path: Path,
                                                                command: str) -> None:
    """A typo in --content must not build (and publish) an empty site over the real one."""
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("the site", "utf-8")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), command, "--content", str(tmp_path / "contnet"),
         *(["--out", str(out)] if command == "build" else [])],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"{tmp_path / 'contnet'}: error: no such folder — run from "
                                     "the project root or pass --content DIR")
    assert (out / "index.html").read_text("utf-8") == "the site"
