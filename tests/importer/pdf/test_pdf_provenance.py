"""Provenance in PDF terms: the shared codec's optional `page`, and the dry-run table."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.content import frontmatter
from site_src.importer.command import run_import
from site_src.model.article import Artefact, Article, Provenance


def test_page_round_trips_through_the_codec():
    article = Article(title="标题", body="正文。", provenance=Provenance(
        "b.pdf", 7, (Artefact(2, "- 2 -", page=2), Artefact(9, "TOPIC", page=1)), page=3))
    text = frontmatter.dump_file(article)
    assert "  page: 3\n  line: 7\n" in text
    assert "- {page: 2, line: 2, text: '- 2 -'}" in text
    loaded, problems = frontmatter.load(Path("x.md"), text)
    assert not problems and loaded.provenance == article.provenance


def test_text_provenance_has_no_page():
    article = Article(title="标题", body="正文。", provenance=Provenance("b.txt", 7))
    assert "page" not in frontmatter.dump_file(article)


def test_a_page_below_one_is_refused():
    text = "---\ntitle: 标题\nprovenance:\n  file: b.pdf\n  page: 0\n  line: 3\n---\n\n正文。\n"
    article, problems = frontmatter.load(Path("x.md"), text)
    assert article is None or article.provenance is None
    assert any("provenance.page" in p.message and "page number" in p.message for p in problems)


@pytest.mark.browser
def test_dry_run_names_pages(seed_pdfs, tmp_path, capsys):
    pdf = seed_pdfs["003_df3ba8f9d111c8cf"].pdf
    assert run_import([pdf], tmp_path, dry_run=True, force=False) == 0
    out = capsys.readouterr().out
    assert f"{pdf.name}: " in out
    assert "artefact dropped: page 1 line" in out and "'TOPIC'" in out
    assert "artefact dropped: page 2 line 1 '民政工作简报 2024年第3期'" in out
    assert not list(tmp_path.rglob("*.md"))
