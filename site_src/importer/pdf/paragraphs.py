"""Lines → paragraphs and headings, from the geometry of the page.

A paragraph's first line is indented; its last line stops short of the
column's end; paragraphs may be set apart by extra space. A line that fills
its column and is followed by an unindented line continues the paragraph —
also across a column or a page break, which is how a report runs on from one
page to the next. Headings are the lines set larger than the body (a wrapped
title's lines make one heading). This is geometry, not guessing from the
characters: the text stages then only see whole paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_src.importer.layout import join_wrapped
from site_src.importer.pdf.columns import Geometry
from site_src.importer.pdf.extract import Line
from site_src.importer.pdf.headings import is_heading, same_heading

# A first line starts this many font sizes right of its column's edge.
INDENT = 0.8
# A last line stops this many font sizes short of its column's end.
SHORT = 1.0
# A wrapped title line this much short of the column was broken at a space.
TITLE_GAP = 1.5
# Baseline-to-baseline distance this many times the usual one parts paragraphs.
GAP = 1.4


@dataclass
class Block:
    heading: bool
    lines: list[Line] = field(default_factory=list)
    text: str = ""


def _indented(line: Line, geo: Geometry) -> bool:
    return line.x0 - geo.column_of(line)[0] > INDENT * line.size


def _short(line: Line, geo: Geometry) -> bool:
    return geo.column_of(line)[1] - line.x1 > SHORT * line.size


def _same_column(a: Line, b: Line, geo: Geometry) -> bool:
    return a.page == b.page and geo.column_of(a) == geo.column_of(b) and a.top > b.top


def _leading(previous: Line, line: Line) -> float:
    return previous.bottom - line.bottom  # baseline to baseline, near enough


def usual_leading(lines: list[Line], geos: dict[int, Geometry]) -> float:
    """The median line distance inside a column: what extra space is measured against."""
    gaps = sorted(
        _leading(a, b) for a, b in zip(lines, lines[1:], strict=False)
        if _same_column(a, b, geos[a.page]) and abs(a.size - b.size) < 0.05 * a.size
    )
    return gaps[len(gaps) // 2] if gaps else 0.0


def _starts_paragraph(previous: Line, line: Line, geo: Geometry, leading: float) -> bool:
    if _indented(line, geo) or _short(previous, geo):
        return True
    return (leading > 0 and _same_column(previous, line, geo)
            and _leading(previous, line) > GAP * leading)


def blocks(lines: list[Line], geos: dict[int, Geometry], body: float) -> list[Block]:
    """Reading-ordered body lines grouped into headings and paragraphs."""
    result: list[Block] = []
    previous: Line | None = None
    leading = usual_leading(lines, geos)
    for line in lines:
        geo = geos[line.page]
        heading = is_heading(line, body)
        current = result[-1] if result else None
        if current is not None and previous is not None and current.heading == heading and (
            same_heading(previous, line)
            if heading
            else not _starts_paragraph(previous, line, geo, leading)
        ):
            current.text = _join(current, previous, line, geos[previous.page])
            current.lines.append(line)
        else:
            result.append(Block(heading, [line], line.text.strip()))
        previous = line
    return result


def _join(block: Block, previous: Line, line: Line, geo: Geometry) -> str:
    """Append a wrapped line: a title broken at a space keeps it; text joins like the reflow."""
    text = line.text.strip()
    if block.heading:
        box = geo.column_of(previous)
        broke_at_space = previous.width < (box[1] - box[0]) - TITLE_GAP * previous.size
        if broke_at_space:
            return f"{block.text} {text}"
    return join_wrapped(block.text, text)
