"""A PDF's text layer as positioned lines: what the layout stages read.

pypdfium2 (PDFium's bindings; Apache-2.0/BSD, wheels on PyPI) gives every
character with its box and font size. Characters are grouped into lines in
the order the producer drew them — a line is a run on one baseline — and the
page's reading order is decided later from the geometry (columns.py), never
from the drawing order. Spaces PDFium infers between words are kept as
single spaces: they separate Latin words and a title's two halves; the text
stages drop the ones Chinese text does not want.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from site_src.importer.bulletin import BulletinError


class PdfError(BulletinError):
    """A PDF the importer cannot read: encrypted, damaged, or without a text layer."""


class Char(NamedTuple):
    """One glyph (a NamedTuple: there are tens of thousands per bulletin)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    baseline: float


@dataclass(frozen=True)
class Line:
    """One printed line: its text, its box (PDF points, y upwards) and its largest font size."""

    page: int
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    size: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]


# PDFium's FPDF_GetLastError codes that explain a failed open.
_PASSWORD, _SECURITY, _FORMAT, _FILE = 4, 5, 3, 2


def open_error(name: str, err: Exception) -> PdfError:
    """The editor's message for a PDF PDFium refused to open."""
    code = getattr(err, "err_code", None)
    if code in (_PASSWORD, _SECURITY):
        return PdfError(
            f"{name}: the PDF is encrypted (it needs a password to open) — save an "
            "unprotected copy (print to PDF, or remove the password) and import that")
    if code == _FILE:
        return PdfError(f"{name}: cannot open the file — check that it exists and is readable")
    return PdfError(
        f"{name}: the PDF is damaged and cannot be read ({err}) — ask for the file "
        "again or re-save it from the original")


def read_pdf(path: Path, name: str) -> list[Page]:
    """Every page's lines; a clear PdfError for what cannot be imported."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise open_error(name, err) from None
    except OSError as err:
        raise PdfError(f"{name}: cannot open the file ({err.strerror or err}) — check "
                       "that it exists and is readable") from None
    try:
        pages = [_page(doc, i) for i in range(len(doc))]
    except pdfium.PdfiumError as err:
        raise PdfError(f"{name}: the PDF is damaged and cannot be read ({err})") from None
    finally:
        doc.close()
    if not pages:
        raise PdfError(f"{name}: the PDF has no pages — nothing to import")
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise PdfError(
            f"{name}: the PDF has no text layer (none of its {len(pages)} page(s) has "
            "selectable text: a scanned bulletin is only images) — OCR is out of scope: "
            "ask for the typeset PDF or a text version")
    return pages


def _page(doc: pdfium.PdfDocument, index: int) -> Page:
    page = doc[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(index + 1, width, height, tuple(group_lines(index + 1, em_sized(chars))))


def em_sized(chars: list[Char]) -> list[Char]:
    """Font sizes in page points, so they compare with positions.

    PDFium reports the size in text space; producers that draw under a scaled
    matrix (Chromium: 0.75) print it larger. A Han glyph's box is ~0.92 of
    its em whatever the producer, so the page's Han glyphs give the scale.
    """
    ratios = sorted((c.top - c.bottom) / c.size for c in chars
                    if c.size > 0 and "\u4e00" <= c.text <= "\u9fff" and c.top > c.bottom)
    if not ratios:
        return chars
    scale = ratios[len(ratios) // 2] / 0.92
    return [c._replace(size=c.size * scale) for c in chars]


def _chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """Every character with its box, baseline and size; PDFium's line breaks left out.

    Spaces PDFium generates between words are kept (size 0): they only
    separate. This loop is most of an import's time, hence the local names.
    """
    raw = textpage.raw
    left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))
    unicode, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    box, origin = pdfium_c.FPDFText_GetCharBox, pdfium_c.FPDFText_GetCharOrigin
    font_size = pdfium_c.FPDFText_GetFontSize
    chars = []
    for i in range(textpage.count_chars()):
        code = unicode(raw, i)
        if code in (0x0D, 0x0A, 0):
            continue
        text = chr(code)
        if text.isspace():
            chars.append(Char(" ", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
            continue
        if generated(raw, i):
            continue
        box(raw, i, left, right, bottom, top)
        origin(raw, i, x, y)
        chars.append(Char(text, left.value, right.value, bottom.value, top.value,
                          font_size(raw, i), y.value))
    return chars


def group_lines(page: int, chars: list[Char]) -> list[Line]:
    """Consecutive characters on one baseline, moving right, make a line.

    A character off the baseline by 0.4 of its size, or jumping back left
    or far right, starts a new line. Spaces only separate: a run of them
    becomes one space inside a line and nothing at its ends.
    """
    lines: list[Line] = []
    run: list[Char] = []
    text: list[str] = []
    pending_space = False
    last: Char | None = None
    for ch in chars:
        if not ch.size:
            pending_space = bool(run)
            continue
        if last is not None and not _continues(last, ch):
            lines.append(_line(page, run, text))
            run, text, pending_space = [], [], False
        if pending_space:
            text.append(" ")
            pending_space = False
        run.append(ch)
        text.append(ch.text)
        last = ch
    if run:
        lines.append(_line(page, run, text))
    return lines


def _continues(last: Char, ch: Char) -> bool:
    size = min(last.size, ch.size) or 1.0
    same_baseline = abs(ch.baseline - last.baseline) < 0.4 * size
    return same_baseline and last.x0 - 0.5 * size <= ch.x0 <= last.x1 + 3 * size


def _line(page: int, run: list[Char], text: list[str]) -> Line:
    return Line(
        page=page,
        text="".join(text),
        x0=min(c.x0 for c in run),
        x1=max(c.x1 for c in run),
        bottom=min(c.bottom for c in run),
        top=max(c.top for c in run),
        size=round(max(c.size for c in run), 1),
    )
