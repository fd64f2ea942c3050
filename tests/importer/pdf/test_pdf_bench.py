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
