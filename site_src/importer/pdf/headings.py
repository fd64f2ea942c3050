"""Headings and the masthead, told apart from body text by font size.

A bulletin's body is set in one size; titles are larger, and the masthead
(the bulletin's name with its issue, `民政工作简报 2024年第3期`) is the largest
thing on the first page. The text layer Chromium and most typesetters write
carries no font weight PDFium can read reliably, so weight is not used: a
bold line at body size is body text.
"""

from __future__ import annotations

import re
from collections import Counter

from site_src.importer.pdf.extract import Line

# Larger than the body by this factor: a heading.
HEADING_RATIO = 1.15
# `2024年第3期`, `二〇二四年第三期`, `第3期`: the issue a masthead states.
ISSUE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*第\s*[\d一二三四五六七八九十]+\s*期")


def body_size(lines: list[Line]) -> float:
    """The font size most characters are set in."""
    counts: Counter[float] = Counter()
    for line in lines:
        counts[line.size] += len(line.text.replace(" ", ""))
    return max(counts, key=lambda s: (counts[s], -s)) if counts else 0.0


def is_heading(line: Line, body: float) -> bool:
    return body > 0 and line.size >= HEADING_RATIO * body


def masthead_lines(first_page: list[Line], body: float, largest: float) -> list[Line]:
    """The leading lines of page 1 that are the masthead (read top down).

    A line belongs to it when it is set in the document's largest size (well
    above the body) or states the issue; the first line that does neither
    ends it.
    """
    masthead = []
    for line in sorted(first_page, key=lambda ln: (-ln.top, ln.x0)):
        big = line.size >= largest - 0.05 and line.size >= 1.3 * body
        if not (big or ISSUE.search(line.text)):
            break
        masthead.append(line)
    return masthead


def same_heading(previous: Line, line: Line) -> bool:
    """A heading wrapped onto a second line: same size, right below."""
    gap = previous.bottom - line.top
    return abs(previous.size - line.size) <= 0.05 * line.size and -0.2 * line.size < gap < line.size
