"""From raw bulletins to a searchable site, through the real CLI, in a temp dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from site_src.content.load import load_content
from site_src.model.urls import article_path

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True
    )


def test_import_seeds_then_build(tmp_path: Path):
    raw = sorted(str(p) for p in (REPO / "raw").glob("*.txt"))
    content, out = tmp_path / "content", tmp_path / "public"
    imported = run("import", *raw, "--content", str(content), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    loaded = load_content(content)
    assert loaded.articles, "the importer produced no articles"

    built = run(
        "build",
        "--content",
        str(content),
        "--out",
        str(out),
        "--base-url",
        "https://example.org/minzheng/",
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    assert f"built {len(loaded.articles)} articles" in built.stderr
    for article in loaded.articles:
        page = out / article_path(article) / "index.html"
        assert page.is_file(), page
        assert article.title in page.read_text(encoding="utf-8")
    entries = [json.loads(e.read_text()) for e in (out / "pagefind").rglob("pagefind-entry.json")]
    assert sum(e["languages"]["zh-cn"]["page_count"] for e in entries) == len(loaded.articles)
    # Both reports chaired by 陈斌 of 浙江省民政厅 share one leader page.
    zhejiang = [a for a in loaded.articles if "陈斌" in a.leaders and a.province == "浙江省"]
    assert len(zhejiang) == 2  # raw 000 and 001 (issue 3)
    leader_pages = list((out / "leader").glob("chen-bin*/index.html"))
    assert any(
        all(a.title in p.read_text(encoding="utf-8") for a in zhejiang) for p in leader_pages
    )
