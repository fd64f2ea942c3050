"""Page furniture: running headers and footers, page numbers, sidebar labels.

They are printed on the page but are not part of any report, so they are set
aside before reading order is decided and recorded as dropped artefacts with
their page (the conservation check counts them). A line is furniture when it
sits in the top or bottom band of the page and is a page number, is set
smaller than the body, or repeats on other pages in that band; or when it
sits outside the text block (a sidebar label in the margin); or when it is a
few Latin words in a size of their own (`TOPIC`).
"""

from __future__ import annotations

import re
from collections import Counter

from site_src.importer.pdf.columns import Geometry
from site_src.importer.pdf.extract import Line, Page

# Share of the page height at the top and at the bottom where furniture lives.
BAND = 0.08
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|[Pp](?:age|\.)\s*\d{1,4})$"
)
_LATIN_LABEL = re.compile(r"^[A-Za-z]{2,}(?:[ .\-][A-Za-z]+){0,3}$")


def band(line: Line, page: Page) -> str | None:
    if line.bottom >= page.height * (1 - BAND):
        return "top"
    if line.top <= page.height * BAND:
        return "bottom"
    return None


def _shape(text: str) -> str:
    """A running line with its page number masked, to find repeats."""
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def repeated_shapes(pages: list[Page]) -> set[tuple[str, str]]:
    """(band, shape) of lines found in the same band on two pages or more."""
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        shapes = {(where, _shape(ln.text)) for ln in page.lines if (where := band(ln, page))}
        seen.update(shapes)
    return {key for key, count in seen.items() if count >= 2}


def is_furniture(
    line: Line, page: Page, repeated: set[tuple[str, str]], body: float, geo: Geometry
) -> bool:
    where = band(line, page)
    text = line.text.strip()
    if where and (
        _PAGE_NUMBER.match(text) or line.size < 0.95 * body or (where, _shape(text)) in repeated
    ):
        return True
    left, right = geo.block
    if line.x1 < left - 0.5 * line.size or line.x0 > right + 0.5 * line.size:
        return True
    return bool(_LATIN_LABEL.match(text)) and abs(line.size - body) > 0.05 * body
