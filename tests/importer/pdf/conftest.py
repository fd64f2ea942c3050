"""PDFs printed by Chromium once per session from the seed bulletins (and broken ones).

Chromium is slow on this machine, so every layout is printed once into a
session temp folder and shared by all PDF tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.importer.pdf import layouts
from tests.regenerate_golden import GOLDEN_DIR, seeds


@dataclass(frozen=True)
class Printed:
    name: str
    pdf: Path
    text: Path  # the same bulletin as clean text
    reports: list[layouts.Report]


def _print(browser, folder: Path, name: str, reports, **layout) -> Printed:
    text = folder / f"{name}.txt"
    text.write_text(layouts.clean_text(reports), encoding="utf-8")
    pdf = layouts.print_pdf(browser, layouts.html(reports, **layout), folder / f"{name}.pdf")
    return Printed(name, pdf, text, reports)


@pytest.fixture(scope="session")
def seed_pdfs(browser, tmp_path_factory) -> dict[str, Printed]:
    """Each seed bulletin's golden reports, laid out in two columns and printed to PDF."""
    folder = tmp_path_factory.mktemp("seed-pdfs")
    return {
        seed.stem: _print(browser, folder, seed.stem, layouts.from_golden(GOLDEN_DIR / seed.stem))
        for seed in seeds()
    }


@pytest.fixture(scope="session")
def variant_pdfs(browser, tmp_path_factory) -> dict[str, Printed]:
    """The seeds in another house style (centred titles, footer line, `第 n 页`, right label)."""
    folder = tmp_path_factory.mktemp("variant-pdfs")
    return {
        seed.stem: _print(browser, folder, seed.stem, layouts.from_golden(GOLDEN_DIR / seed.stem),
                          variant=True)
        for seed in seeds()
    }


@pytest.fixture(scope="session")
def fixture_pdf(browser, tmp_path_factory) -> Printed:
    """Short invented reports (layouts.FIXTURE): little text per column, ASCII, `*`."""
    return _print(browser, tmp_path_factory.mktemp("fixture"), "fixture", layouts.FIXTURE,
                  sidebar_top="40mm")


@pytest.fixture(scope="session")
def half_scanned_pdf(browser, tmp_path_factory) -> Path:
    """The fixture bulletin, then a page that is only an image (drawn shapes)."""
    html = layouts.html(layouts.FIXTURE).replace(
        "</body>", '<div style="break-before: page"><svg width="400" height="300">'
        '<rect x="10" y="10" width="380" height="20" fill="#444"/></svg></div></body>')
    return layouts.print_pdf(browser, html, tmp_path_factory.mktemp("half") / "half.pdf")


@pytest.fixture(scope="session")
def one_column_pdf(browser, tmp_path_factory) -> Printed:
    folder = tmp_path_factory.mktemp("one-column")
    reports = layouts.from_golden(GOLDEN_DIR / seeds()[1].stem)
    return _print(browser, folder, "one-column", reports, columns=1)


@pytest.fixture(scope="session")
def scanned_pdf(browser, tmp_path_factory) -> Path:
    """A 'scanned' page: only drawn shapes (an image of text), no text layer."""
    folder = tmp_path_factory.mktemp("scanned")
    page = browser.new_page()
    try:
        page.set_content('<svg width="500" height="700"><rect x="40" y="40" width="400" '
                         'height="30" fill="#333"/><rect x="40" y="90" width="380" height="12" '
                         'fill="#777"/></svg>')
        page.pdf(path=str(folder / "scanned.pdf"), format="A4")
    finally:
        page.close()
    return folder / "scanned.pdf"


def minimal_pdf(*, encrypted: bool) -> bytes:
    """A one-page PDF with no text; `encrypted` adds a Standard security handler.

    Its /U entry matches no password, so a reader needs one it cannot have:
    exactly what an editor's password-protected bulletin looks like to PDFium.
    """
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    if encrypted:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32
                       + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
