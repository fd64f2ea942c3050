"""Time `import` of a 20-page two-column bulletin PDF (issue 15: target ≤ 2 s).

The PDF is made here the way the tests make theirs: the seed bulletins'
golden reports, repeated, laid out in two columns (tests/importer/pdf/layouts.py)
and printed by Debian's Chromium through Playwright, trimmed paragraph by
paragraph until it is exactly PAGES pages. Then the import is timed in
process, stage by stage (median of --runs), and once end to end as a user
runs it (`python build.py import --dry-run FILE.pdf`, interpreter start included).

    .venv/bin/python -m bench.pdf_import            # prints a Markdown table
    .venv/bin/python -m bench.pdf_import --pdf /tmp/b.pdf   # reuse (or keep) the PDF
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from site_src.importer import conservation
from site_src.importer.bulletin import import_bulletin, normalised_lines
from site_src.importer.pdf.extract import read_pdf
from site_src.importer.pdf.laid_out import lay_out
from site_src.importer.pdf.reports import check_text_layer, import_pdf
from tests.importer.pdf import layouts
from tests.regenerate_golden import GOLDEN_DIR, seeds

ROOT = Path(__file__).resolve().parent.parent
PAGES = 20
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _pages(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _trimmed(reports: list[layouts.Report], keep: int) -> list[layouts.Report]:
    """The first `keep` paragraphs of the run of reports."""
    out = []
    for report in reports:
        if keep <= 0:
            break
        out.append(layouts.Report(report.title, report.paragraphs[:keep]))
        keep -= len(report.paragraphs)
    return out


def make_pdf(target: Path, pages: int = PAGES) -> Path:
    from playwright.sync_api import sync_playwright

    base = [r for seed in seeds() for r in layouts.from_golden(GOLDEN_DIR / seed.stem)]
    reports = base * 4
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        low, high = 1, sum(len(r.paragraphs) for r in reports)
        while low < high:  # fewest paragraphs that fill `pages` pages
            mid = (low + high) // 2
            layouts.print_pdf(browser, layouts.html(_trimmed(reports, mid)), target)
            if _pages(target) >= pages:
                high = mid
            else:
                low = mid + 1
        layouts.print_pdf(browser, layouts.html(_trimmed(reports, low)), target)
        browser.close()
    return target


def _median(fn, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (this process and its children).

    Both are reported: the machine is shared, so wall time also measures the
    other jobs; CPU time is what the import itself costs.
    """
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


def measure(pdf: Path, runs: int) -> list[tuple[str, tuple[float, float]]]:
    pages = read_pdf(pdf, pdf.name)
    laid = lay_out(pages)
    lines = normalised_lines(laid.text)
    reports = import_bulletin(pdf.name, laid.text)
    rows = [
        ("text layer: characters → lines (extract.py)", _median(lambda: read_pdf(pdf, "b"), runs)),
        ("furniture, columns, paragraphs, headings", _median(lambda: lay_out(pages), runs)),
        ("text-layer conservation", _median(lambda: check_text_layer("b", pages, laid), runs)),
        ("split → metadata → Markdown", _median(lambda: import_bulletin("b", laid.text), runs)),
        ("text conservation check", _median(
            lambda: conservation.check("b", lines, reports), runs)),
        ("**whole import_pdf (in process)**", _median(lambda: import_pdf(pdf), runs)),
    ]
    with tempfile.TemporaryDirectory() as content:
        command = [sys.executable, str(ROOT / "build.py"), "import", "--dry-run",
                   "--content", content, str(pdf)]
        rows.append(("`build.py import --dry-run` (process, startup included)", _median(
            lambda: subprocess.run(command, check=True, capture_output=True), runs)))
    return rows


def parity(folder: Path, variant: bool = False) -> list[str]:
    """Seed bulletins as PDF vs as clean text: reports, fields and characters that agree.

    `variant`: the second house style (centred titles, footer line, `第 n 页`).
    """
    import dataclasses
    from collections import Counter

    from playwright.sync_api import sync_playwright

    from site_src.model.article import Article, TitleOrigin

    keys = [f.name for f in dataclasses.fields(Article) if f.name not in ("provenance", "path")]
    lines, same_reports, reports, same_fields, fields, kept, layer = [], 0, 0, 0, 0, 0, 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for seed in seeds():
            bulletin = layouts.from_golden(GOLDEN_DIR / seed.stem)
            pdf = layouts.print_pdf(browser, layouts.html(bulletin, variant=variant),
                                    folder / f"{seed.stem}.pdf")
            from_pdf = [r.article for r in import_pdf(pdf)]
            from_text = [r.article for r in import_bulletin("t", layouts.clean_text(bulletin))]
            reports += max(len(from_pdf), len(from_text))
            for a, b in zip(from_pdf, from_text, strict=False):
                agree = sum(getattr(a, k) == getattr(b, k) for k in keys)
                same_fields, fields = same_fields + agree, fields + len(keys)
                same_reports += agree == len(keys)
            text = "".join(ln.text for page in read_pdf(pdf, "p") for ln in page.lines)
            chars = Counter(ch for ch in normalised_lines(text)[0] if not ch.isspace())
            found: Counter[str] = Counter()
            for art in from_pdf:
                found.update(art.title if art.title_origin is not TitleOrigin.DERIVED else "")
                found.update(conservation.paragraphs(art.body))
                found.update(a.text for a in art.provenance.artefacts)
            found = Counter(ch for ch in "".join(found.elements()) if not ch.isspace())
            kept, layer = kept + sum((chars & found).values()), layer + sum(chars.values())
            lines.append(f"| {seed.stem} | {_pages(pdf)} | {len(from_pdf)} | {len(from_text)} |")
        browser.close()
    return [
        "| seed | pages | reports (PDF) | reports (text) |", "| --- | ---: | ---: | ---: |",
        *lines, "",
        f"- reports identical field for field: {same_reports}/{reports} "
        f"({100 * same_reports / reports:.1f} %)",
        f"- fields identical: {same_fields}/{fields} ({100 * same_fields / fields:.1f} %)",
        f"- text-layer characters found in the articles or artefacts: {kept}/{layer} "
        f"({100 * kept / layer:.1f} %)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="PDF to time (made here if missing)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parity", action="store_true",
                        help="also print the seeds as PDFs and compare with their clean text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.parity:
            for variant in (False, True):
                print(f"house style {'2 (variant)' if variant else '1'}:\n")
                print("\n".join(parity(Path(tmp), variant)) + "\n")
        pdf = args.pdf or Path(tmp) / "bulletin-20-pages.pdf"
        if not pdf.exists():
            make_pdf(pdf)
        pages = read_pdf(pdf, pdf.name)
        chars = sum(len(ln.text.replace(" ", "")) for p in pages for ln in p.lines)
        reports = import_pdf(pdf)
        print(f"{len(pages)} pages, {chars} characters, {len(reports)} reports, "
              f"median of {args.runs} runs\n")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        print("| step | wall s | CPU s |\n| --- | ---: | ---: |")
        for label, (wall, cpu) in measure(pdf, args.runs):
            print(f"| {label} | {wall:.3f} | {cpu:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
