"""PDFs that cannot be imported: named, explained, exit 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.importer.command import run_import
from tests.importer.pdf.conftest import minimal_pdf


def _refused(files: list[Path], content: Path, capsys) -> str:
    assert run_import(files, content, dry_run=False, force=False) == 1
    assert not list(content.rglob("*.md")), "nothing may be written"
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_encrypted_pdf(tmp_path, capsys):
    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(minimal_pdf(encrypted=True))
    err = _refused([pdf], tmp_path / "content", capsys)
    assert "locked.pdf: the PDF is encrypted" in err and "password" in err


def test_damaged_pdf(tmp_path, capsys):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%% cut off here")
    err = _refused([pdf], tmp_path / "content", capsys)
    assert "broken.pdf: the PDF is damaged" in err


def test_page_without_text_is_no_text_layer(tmp_path, capsys):
    pdf = tmp_path / "blank.pdf"
    pdf.write_bytes(minimal_pdf(encrypted=False))
    err = _refused([pdf], tmp_path / "content", capsys)
    assert "blank.pdf: the PDF has no text layer" in err and "OCR is out of scope" in err


@pytest.mark.browser
def test_scanned_pdf_with_good_text_writes_nothing(scanned_pdf, tmp_path, capsys):
    raw = Path(__file__).resolve().parents[3] / "raw" / "001_512dbbe89473570f.txt"
    err = _refused([raw, scanned_pdf], tmp_path / "content", capsys)
    assert "scanned.pdf: the PDF has no text layer" in err and "scanned" in err
    assert "nothing written" in err


@pytest.mark.browser
def test_a_scanned_page_among_typeset_ones_is_flagged(half_scanned_pdf, tmp_path, capsys):
    assert run_import([half_scanned_pdf], tmp_path, dry_run=True, force=False) == 0
    out = capsys.readouterr().out
    assert "! #1 uncertain: page(s) 2 have no text but page furniture" in out and "OCR" in out
