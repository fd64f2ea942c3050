"""Every character of the PDF's text layer is in an article or in its artefacts.

Read independently of the importer: PDFium's own text of each page against
the written Markdown files as the site loads them (printed titles, unescaped
paragraphs, artefacts). Whitespace aside, after the documented punctuation rule.
"""

from __future__ import annotations

from collections import Counter

import pypdfium2 as pdfium
import pytest

from site_src.content import frontmatter
from site_src.importer.command import run_import
from site_src.importer.conservation import paragraphs
from site_src.importer.layout import normalise_punctuation
from site_src.model.article import TitleOrigin
from tests.regenerate_golden import seeds

pytestmark = pytest.mark.browser


def text_layer(pdf) -> Counter[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()
    lines = text.replace("\r\n", "\n").split("\n")
    return Counter(ch for line in lines for ch in normalise_punctuation(line) if not ch.isspace())


def in_articles(folder) -> Counter[str]:
    found: Counter[str] = Counter()
    for path in folder.rglob("*.md"):
        article, _ = frontmatter.load(path, path.read_text(encoding="utf-8"))
        kept = [] if article.title_origin is TitleOrigin.DERIVED else [article.title]
        kept += paragraphs(article.body) + [a.text for a in article.provenance.artefacts]
        found.update(ch for text in kept for ch in text if not ch.isspace())
    return found


@pytest.mark.parametrize("seed", [s.stem for s in seeds()])
def test_text_layer_is_conserved(seed_pdfs, seed, tmp_path):
    pdf = seed_pdfs[seed].pdf
    assert run_import([pdf], tmp_path, dry_run=False, force=False) == 0
    layer, articles = text_layer(pdf), in_articles(tmp_path)
    assert sum(layer.values()) > 500
    assert articles == layer, (layer - articles, articles - layer)


def test_a_lost_line_fails_the_import(seed_pdfs, monkeypatch, tmp_path, capsys):
    """Fault injection: drop one body line between layout and text; nothing is written."""
    from site_src.importer.pdf import laid_out, reports

    original = laid_out.lay_out

    def lossy(pages):
        laid = original(pages)
        del laid.lines[3], laid.origins[3]
        return laid

    monkeypatch.setattr(reports, "lay_out", lossy)
    pdf = seed_pdfs["002_fdd4c42acbd74dcf"].pdf
    assert run_import([pdf], tmp_path, dry_run=False, force=False) == 1
    err = capsys.readouterr().err
    assert f"{pdf.name}: page" in err and "not all accounted for" in err
    assert not list(tmp_path.rglob("*.md"))
