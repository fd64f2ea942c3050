"""bench/pdf_import.py measures what it says: every stage, on a real PDF."""

from __future__ import annotations

import pytest

from bench import pdf_import

pytestmark = pytest.mark.browser


def test_bench_times_every_stage(seed_pdfs):
    rows = pdf_import.measure(seed_pdfs["003_df3ba8f9d111c8cf"].pdf, runs=1)
    labels = [label for label, _ in rows]
    assert any("import_pdf" in label for label in labels)
    assert any("build.py import --dry-run" in label for label in labels)
    assert all(wall > 0 and cpu >= 0 for _, (wall, cpu) in rows)


def test_trimming_keeps_report_order():
    reports = [pdf_import.layouts.Report("甲", ("一。", "二。")),
               pdf_import.layouts.Report("乙", ("三。",))]
    assert pdf_import._trimmed(reports, 3) == reports
    assert pdf_import._trimmed(reports, 1) == [pdf_import.layouts.Report("甲", ("一。",))]


def test_make_pdf_explains_itself_and_refuses_an_unknown_seed(capsys, tmp_path):
    from tests.importer.pdf import make_pdf

    assert make_pdf.main(["--help"]) == 0
    assert "make_pdf /tmp/bulletin.pdf" in capsys.readouterr().out
    assert make_pdf.main([str(tmp_path / "x.pdf"), "no-such-seed"]) == 2
    assert "no seed 'no-such-seed'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
