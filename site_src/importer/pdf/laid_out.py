"""A PDF's pages → the laid-out bulletin text the text importer reads, with its origins.

The text has the masthead as its first line (so the bulletin-wide rules, like
the year a masthead states, apply to PDFs exactly as to text), then one line
per paragraph and `## ` before each heading, in reading order. Every line
remembers the page and the page line it starts on, and the furniture set
aside is kept with its page and line and the text line it followed, so
provenance can name the PDF's own page and line.

Page lines are numbered per page in this order: the top band's furniture, the
masthead, the body in reading order, then the rest of the furniture (sidebars,
bottom band) top down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_src.importer.pdf import columns, furniture, headings, paragraphs
from site_src.importer.pdf.extract import Line, Page


@dataclass(frozen=True)
class Dropped:
    """Furniture set aside: where it was printed and the text line it came after (0: none)."""

    page: int
    line: int
    text: str
    after: int


@dataclass
class LaidOut:
    lines: list[str] = field(default_factory=list)
    origins: list[tuple[int, int]] = field(default_factory=list)  # (page, page line) per line
    dropped: list[Dropped] = field(default_factory=list)
    textless: list[int] = field(default_factory=list)  # pages with no body text at all

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def origin(self, text_line: int) -> tuple[int, int]:
        """The (page, page line) where a 1-based text line starts."""
        return self.origins[max(1, min(text_line, len(self.origins))) - 1]


def lay_out(pages: list[Page]) -> LaidOut:
    """The bulletin text of a PDF's pages, with the origin of every line and what was set aside."""
    all_lines = [ln for page in pages for ln in page.lines]
    body = headings.body_size(all_lines)
    banded = [ln for p in pages for ln in p.lines if furniture.band(ln, p) is None]
    geo = columns.geometry(banded or all_lines, pages[0].width)
    geos = {page.number: geo for page in pages}
    furn, masthead = _set_aside(pages, body, geo)

    numbered: dict[int, list[tuple[str, Line]]] = {}
    textless: list[int] = []
    ordered_body: list[Line] = []
    for page in pages:
        skip = set(map(id, furn[page.number])) | set(map(id, masthead))
        body_lines = columns.reading_order(
            [ln for ln in page.lines if id(ln) not in skip], geos[page.number])
        ordered_body += body_lines
        if not body_lines and not any(ln.page == page.number for ln in masthead):
            textless.append(page.number)
        numbered[page.number] = _numbered(page, furn[page.number], masthead, body_lines)
    page_line = {id(ln): (page_no, i) for page_no, items in numbered.items()
                 for i, (_, ln) in enumerate(items, start=1)}

    laid = LaidOut(textless=textless)
    text_line_of: dict[int, int] = {}
    if masthead:
        laid.lines.append(" ".join(ln.text.strip() for ln in masthead))
        laid.origins.append(page_line[id(masthead[0])])
        text_line_of.update((id(ln), 1) for ln in masthead)
    for block in paragraphs.blocks(ordered_body, geos, body):
        laid.lines.append(("## " if block.heading else "") + block.text)
        laid.origins.append(page_line[id(block.lines[0])])
        text_line_of.update((id(ln), len(laid.lines)) for ln in block.lines)

    after = 0  # the text line the next piece of furniture follows, in reading order
    for page in pages:
        for kind, ln in numbered[page.number]:
            if kind == "furniture":
                _, number = page_line[id(ln)]
                laid.dropped.append(Dropped(page.number, number, ln.text.strip(), after))
            else:
                after = text_line_of[id(ln)]
    return laid


def _set_aside(
    pages: list[Page], body: float, geo: columns.Geometry
) -> tuple[dict[int, list[Line]], list[Line]]:
    """Furniture per page, and the masthead (page 1's, else the first header stating the issue)."""
    repeated = furniture.repeated_shapes(pages)
    furn = {p.number: [ln for ln in p.lines if furniture.is_furniture(ln, p, repeated, body, geo)]
            for p in pages}
    on_first = set(map(id, furn[pages[0].number]))
    largest = max((ln.size for p in pages for ln in p.lines), default=0.0)
    masthead = headings.masthead_lines(
        [ln for ln in pages[0].lines if id(ln) not in on_first], body, largest)
    if not masthead:
        stated = [ln for p in pages for ln in furn[p.number] if headings.ISSUE.search(ln.text)]
        masthead = stated[:1]
        if masthead:
            page = masthead[0].page
            furn[page] = [ln for ln in furn[page] if ln is not masthead[0]]
    return furn, masthead


def _numbered(
    page: Page, furn: list[Line], masthead: list[Line], body_lines: list[Line]
) -> list[tuple[str, Line]]:
    """A page's lines in the order their numbers count: top band, masthead, body, the rest."""
    top = [ln for ln in furn if furniture.band(ln, page) == "top"]
    rest = [ln for ln in furn if all(ln is not t for t in top)]
    return (
        [("furniture", ln) for ln in _top_down(top)]
        + [("masthead", ln) for ln in masthead if ln.page == page.number]
        + [("body", ln) for ln in body_lines]
        + [("furniture", ln) for ln in _top_down(rest)]
    )


def _top_down(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda ln: (-ln.top, ln.x0))
