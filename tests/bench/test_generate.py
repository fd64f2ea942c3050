"""The benchmark corpus must be reproducible and valid, or its numbers mean nothing."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import frontmatter

from bench.generate import make_reports, raw_bulletins, write_hugo, write_ours
from site_src.content.load import load_content
from site_src.model.article import Precision

N = 50


def _tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def _write(root: Path, seed: int) -> None:
    reports = make_reports(N, seed)
    write_ours(reports, root / "content")
    write_hugo(reports, root / "hugo", page_size=20)


def test_same_seed_gives_byte_identical_corpus(tmp_path: Path) -> None:
    _write(tmp_path / "a", seed=7)
    _write(tmp_path / "b", seed=7)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len([k for k in first if k.startswith("content/")]) == N
    assert first == second
    assert raw_bulletins(30_000, seed=7) == raw_bulletins(30_000, seed=7)


def test_other_seed_gives_other_corpus(tmp_path: Path) -> None:
    _write(tmp_path / "a", seed=7)
    _write(tmp_path / "b", seed=8)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_corpus_loads_without_errors(tmp_path: Path) -> None:
    _write(tmp_path, seed=1)
    result = load_content(tmp_path / "content")
    assert [str(p) for p in result.problems] == []
    assert len(result.articles) == N


def test_hugo_pages_carry_the_same_reports(tmp_path: Path) -> None:
    reports = make_reports(N, 1)
    write_hugo(reports, tmp_path, page_size=20)
    pages = sorted((tmp_path / "content" / "reports").rglob("*.md"))
    pages = [p for p in pages if p.name != "_index.md"]
    assert len(pages) == N
    by_url = {frontmatter.load(p)["url"]: frontmatter.load(p) for p in pages}
    for report in reports:
        page = by_url["/" + report.url_path]
        assert page["title"] == report.title
        assert page["provinces"] == [report.province]
        assert page.content.strip() == report.body.strip()


def test_corpus_has_the_shapes_the_site_must_handle() -> None:
    reports = make_reports(2000, 1)
    precisions = {r.date.precision if r.date else None for r in reports}
    assert precisions == {Precision.DAY, Precision.MONTH, Precision.YEAR, None}
    assert len({r.province for r in reports}) == 34
    assert any(r.city for r in reports)
    provinces_by_leader: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        for name in report.leaders:
            provinces_by_leader[name].add(report.province)
    homonyms = [name for name, provinces in provinces_by_leader.items() if len(provinces) > 1]
    assert len(homonyms) >= 5


def test_raw_text_has_attributions_and_both_layouts() -> None:
    files = raw_bulletins(60_000, seed=1)
    total = sum(len(text.encode("utf-8")) for _, text in files)
    assert 60_000 <= total < 90_000
    texts = [text for _, text in files]
    assert all("（据" in text for text in texts)
    assert any(text.startswith("## ") for text in texts)  # one long line per paragraph
    assert any(not text.startswith("## ") for text in texts)  # hard-wrapped
