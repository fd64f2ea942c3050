"""Golden parity: a bulletin imported from its PDF gives the Markdown its clean text gives.

The PDFs are the seed bulletins' golden reports printed by Chromium in a real
bulletin layout (conftest.py); the clean text is the same bulletin as text.
Every field of every article must agree; only provenance differs (it names
the PDF, its page and line).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from site_src.content import frontmatter
from site_src.importer.command import run_import
from site_src.importer.pdf.extract import read_pdf
from site_src.importer.pdf.laid_out import lay_out
from site_src.model.article import Article
from tests.regenerate_golden import seeds

pytestmark = pytest.mark.browser

# Every field an article has, but where it came from (and the file it was loaded from).
FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in ("provenance", "path"))
SEEDS = [seed.stem for seed in seeds()]


def imported(files: list[Path], folder: Path) -> dict[str, Article]:
    assert run_import(files, folder, dry_run=False, force=False) == 0
    articles = {}
    for path in sorted(folder.rglob("*.md")):
        article, problems = frontmatter.load(path, path.read_text(encoding="utf-8"))
        assert article is not None, problems
        articles[path.relative_to(folder).as_posix()] = article
    return articles


@pytest.mark.parametrize("seed", SEEDS)
def test_laid_out_text_is_the_clean_text(seed_pdfs, seed):
    """Reading order, paragraphs, headings and the masthead line, exactly."""
    printed = seed_pdfs[seed]
    laid = lay_out(read_pdf(printed.pdf, printed.pdf.name))
    assert laid.text == printed.text.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_import_equals_text_import_field_for_field(seed_pdfs, seed, tmp_path):
    printed = seed_pdfs[seed]
    from_pdf = imported([printed.pdf], tmp_path / "pdf")
    from_text = imported([printed.text], tmp_path / "text")
    assert sorted(from_pdf) == sorted(from_text)
    for relpath, article in from_pdf.items():
        for key in FIELDS:
            assert getattr(article, key) == getattr(from_text[relpath], key), (relpath, key)
        assert article.provenance.file == printed.pdf.name
        assert article.provenance.page is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_another_house_style_gives_the_same_markdown(variant_pdfs, seed, tmp_path):
    printed = variant_pdfs[seed]
    laid = lay_out(read_pdf(printed.pdf, printed.pdf.name))
    assert laid.text == printed.text.read_text(encoding="utf-8")
    assert {d.text for d in laid.dropped} >= {"TOPIC", "第 1 页", "民政工作简报 · 2024年第3期"}
    from_pdf = imported([printed.pdf], tmp_path / "pdf")
    from_text = imported([printed.text], tmp_path / "text")
    assert {k: [getattr(a, f) for f in FIELDS] for k, a in from_pdf.items()} == {
        k: [getattr(a, f) for f in FIELDS] for k, a in from_text.items()}


def test_every_printed_report_and_title_arrives(seed_pdfs, tmp_path):
    """All golden reports of all seeds, with their printed titles as headings."""
    files = [seed_pdfs[s].pdf for s in SEEDS]
    articles = imported(files, tmp_path)
    bodies = "\n".join(a.body for a in articles.values())
    titles = {a.title for a in articles.values() if a.title_origin.value == "heading"}
    for seed in SEEDS:
        for report in seed_pdfs[seed].reports:
            assert report.paragraphs[0][:30] in bodies.replace("\\", "")
            if report.title:
                assert report.title in titles


def test_furniture_is_dropped_with_its_page(seed_pdfs, tmp_path):
    printed = seed_pdfs["001_512dbbe89473570f"]
    articles = imported([printed.pdf], tmp_path)
    artefacts = [a for art in articles.values() for a in art.provenance.artefacts]
    pages = max(a.page for a in artefacts)
    assert pages >= 2, "the report must run on across a page break"
    found = {(a.page, a.text) for a in artefacts}
    assert (1, "TOPIC") in found
    for page in range(1, pages + 1):
        assert (page, f"- {page} -") in found
    for page in range(2, pages + 1):
        assert (page, "民政工作简报 2024年第3期") in found
    bodies = "".join(a.body for a in articles.values())
    assert "TOPIC" not in bodies and "- 2 -" not in bodies


def test_masthead_is_the_first_text_line_and_a_report_runs_across_pages(seed_pdfs):
    printed = seed_pdfs["001_512dbbe89473570f"]
    laid = lay_out(read_pdf(printed.pdf, printed.pdf.name))
    assert laid.lines[0] == "民政工作简报 2024年第3期"
    assert laid.origin(1) == (1, 1)
    assert laid.lines[1].startswith("## ")  # the title spanning both columns comes next
    pages_of_paragraph = [{page for page, _ in laid.origins[i:i + 2]}
                          for i in range(len(laid.origins) - 1)]
    assert any(len(pages) == 2 for pages in pages_of_paragraph)


def test_short_fixture_reports(fixture_pdf, tmp_path):
    laid = lay_out(read_pdf(fixture_pdf.pdf, fixture_pdf.pdf.name))
    assert laid.text == fixture_pdf.text.read_text(encoding="utf-8")
    from_pdf = imported([fixture_pdf.pdf], tmp_path / "pdf")
    from_text = imported([fixture_pdf.text], tmp_path / "text")
    assert sorted(from_pdf) == sorted(from_text)
    for relpath, article in from_pdf.items():
        assert [getattr(article, k) for k in FIELDS] == [
            getattr(from_text[relpath], k) for k in FIELDS]
    assert any(a.anonymised for a in from_pdf.values())


def test_one_column_layout(one_column_pdf, tmp_path):
    from_pdf = imported([one_column_pdf.pdf], tmp_path / "pdf")
    from_text = imported([one_column_pdf.text], tmp_path / "text")
    assert sorted(from_pdf) == sorted(from_text)
    for relpath, article in from_pdf.items():
        assert [getattr(article, k) for k in FIELDS] == [
            getattr(from_text[relpath], k) for k in FIELDS]


def test_pdf_and_text_in_one_call(seed_pdfs, tmp_path):
    pdf = seed_pdfs["002_fdd4c42acbd74dcf"].pdf
    raw = Path(__file__).resolve().parents[3] / "raw" / "003_df3ba8f9d111c8cf.txt"
    articles = imported([pdf, raw], tmp_path)
    files = {a.provenance.file for a in articles.values()}
    assert files == {pdf.name, raw.name}
