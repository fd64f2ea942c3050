"""Reading order for one- and two-column pages, with titles spanning both columns.

Column edges are read from the whole document: most lines start at a column's
left edge and justified lines end at its right edge, so the most frequent
left and right ends are the columns. A line crossing the middle of the text
block spans the columns (a title over both, or one-column text); it cuts the
page into bands, and each band is read left column top to bottom, then right
column. One-column pages are bands of spanning lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from site_src.importer.pdf.extract import Line


@dataclass(frozen=True)
class Geometry:
    """The text block's columns in PDF points: left column, right column (None: one column)."""

    left: tuple[float, float]
    right: tuple[float, float] | None

    @property
    def block(self) -> tuple[float, float]:
        return self.left[0], (self.right or self.left)[1]

    @property
    def middle(self) -> float:
        return (self.block[0] + self.block[1]) / 2

    def column_of(self, line: Line) -> tuple[float, float]:
        """The column box a line sits in (the whole block for a spanning line)."""
        if self.right is not None:
            if line.x1 <= self.middle:
                return self.left
            if line.x0 >= self.middle:
                return self.right
        return self.block


def _frequent(values: list[float]) -> list[float]:
    """Positions (2 pt bins) shared by many lines: column edges, not indents or short lines."""
    counts = Counter(round(v / 2) * 2 for v in values)
    if not counts:
        return []
    top = max(counts.values())
    return sorted(float(v) for v, n in counts.items() if n >= max(2, 0.2 * top)) or [
        float(max(counts, key=counts.__getitem__))]


def geometry(lines: list[Line], page_width: float) -> Geometry:
    """Columns from the most frequent line starts and ends.

    The block runs from the leftmost frequent start to the rightmost frequent
    end; a frequent start right of its middle is a second column, and the
    frequent end left of the middle is where the first column stops.
    """
    starts, ends = _frequent([ln.x0 for ln in lines]), _frequent([ln.x1 for ln in lines])
    if not starts or not ends:
        return Geometry((0.0, page_width), None)
    left, right = min(starts), max(ends)
    mid = (left + right) / 2
    right_starts = [x for x in starts if x > mid]
    left_ends = [x for x in ends if x < mid]
    if right_starts and left_ends:
        return Geometry((left, max(left_ends)), (min(right_starts), right))
    return Geometry((left, right), None)


def reading_order(lines: list[Line], geo: Geometry) -> list[Line]:
    """A page's body lines in reading order (furniture already set aside)."""
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        ordered.extend(sorted(left, key=_top_down))
        ordered.extend(sorted(right, key=_top_down))
        left.clear()
        right.clear()

    for line in sorted(lines, key=_top_down):
        box = geo.column_of(line)
        if box == geo.block:
            flush()
            ordered.append(line)
        elif box == geo.left:
            left.append(line)
        else:
            right.append(line)
    flush()
    return ordered


def _top_down(line: Line) -> tuple[float, float]:
    return (-line.top, line.x0)
