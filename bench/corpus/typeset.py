"""Typesetting one bulletin page as a PDF extraction shows it (issue 13 corpus).

Hard wrap at a column measured in cells (Han = 1, ASCII = ½) with blank lines
after most lines, one line per paragraph, false page breaks inside a paragraph,
sidebar words, titles printed after their body with an artefact line, and
full-width punctuation turned ASCII in part of the text: the cues the
importer has to read through. Randomness comes only from the caller's rng.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

FULL_TO_ASCII = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")"})
NO_LINE_START = set("，。、；：？！”’）》」,.;:?!)")
NO_LINE_END = set("“‘（《「(")
SENTENCE_END = set("。！？；…!?;”’）)")
SIDEBARS = ("TOPIC", "NEWS", "FOCUS")
AFTER_TITLE_ARTEFACTS = ("TOPIC", "专题", "- {n} -", "{n}")


@dataclass(frozen=True)
class Style:
    """How one bulletin is typeset; drawn once per bulletin."""

    wrap: bool
    width: int  # cells per hard-wrapped line
    indent: str  # "" | "narrow" (first line 2 cells short) | "spaces" (and led by two U+3000)
    blank_after: float  # chance of a blank line after a line
    ascii_share: float  # share of paragraphs whose ，：（） the extraction turned ASCII
    heading_marks: tuple[str, ...]


def cells(ch: str) -> float:
    return 0.5 if ord(ch) < 128 else 1.0


def draw_style(layout: str, rng: random.Random) -> Style:
    wrap = layout == "a-wrap" or (layout != "b-lines" and rng.random() < 0.4)
    return Style(
        wrap=wrap,
        width=rng.randint(13, 16),
        indent=rng.choice(("", "narrow", "spaces")),
        blank_after=rng.choice((0.8, 0.9, 1.0)) if wrap else rng.choice((0.0, 1.0)),
        ascii_share=rng.choice((0.0, 0.3, 0.7, 1.0)),
        heading_marks=rng.choice((("#",), ("##",), ("#", "##"))),
    )


def wrap(text: str, width: float, first: float) -> list[str]:
    """Hard-wrap at `width` cells (first line: `first`); no closing mark starts a line."""
    lines, cur, used, limit = [], "", 0.0, first
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        glued = (ch in NO_LINE_START or prev in NO_LINE_END
                 or (ch.isascii() and ch.isalnum() and prev.isascii() and prev.isalnum()))
        if cur.strip() and used + cells(ch) > limit and not glued:
            lines.append(cur)
            cur, used, limit = "", 0.0, width
        cur += ch
        used += cells(ch)
    return lines + [cur] if cur.strip() else lines


class Page:
    """The bulletin being written: lines, and where each report starts."""

    def __init__(self, style: Style, rng: random.Random):
        self.style, self.rng, self.lines = style, rng, []

    def put(self, line: str, *, blank: bool | None = None) -> int:
        self.lines.append(line)
        number = len(self.lines)
        if blank if blank is not None else self.rng.random() < self.style.blank_after:
            self.lines.append("")
        return number

    def para(self, text: str, *, last: bool, sidebar: bool) -> int:
        """One paragraph; returns its first line's number."""
        style, rng = self.style, self.rng
        if rng.random() < style.ascii_share:
            text = text.translate(FULL_TO_ASCII)
        if not style.wrap:
            cut = _page_break_at(text, rng) if not last else None
            if cut is None:
                return self.put(text)
            first = self.put(text[:cut], blank=True)
            self.lines.extend([""] * (2 if style.blank_after else 0))
            self.put(text[cut:])
            return first
        if rng.random() < 0.5:  # PDFs often set digits apart from Chinese
            text = re.sub(r"(?<=[^\x00-\x7f])(\d+)(?=[^\x00-\x7f])", r" \1 ", text, count=1)
        lines = wrap(text, style.width, style.width - 2 if style.indent else style.width)
        if style.indent == "spaces":
            lines[0] = "\u3000\u3000" + lines[0]
        first = len(self.lines) + 1
        page_break = len(lines) > 4 and rng.random() < 0.25
        for i, line in enumerate(lines):
            self.put(line)
            if 0 < i < len(lines) - 2 and i == len(lines) // 2:
                if page_break:
                    self.lines.extend(["", "", ""])
                elif sidebar:
                    self.put(rng.choice(SIDEBARS), blank=True)
        return first


def _page_break_at(text: str, rng: random.Random) -> int | None:
    """Where a false page break cuts a long paragraph (never right after a sentence end)."""
    if len(text) < 40 or rng.random() > 0.3:
        return None
    for _ in range(10):
        cut = rng.randint(12, len(text) - 12)
        if text[cut - 1] not in SENTENCE_END and text[cut] not in NO_LINE_START \
                and not (text[cut - 1].isascii() and text[cut].isascii()):
            return cut
    return None


def last_text_line(lines: list[str]) -> int:
    return max(i for i, line in enumerate(lines) if line.strip())


def after_body_title(page: Page, title: str) -> None:
    """Title on one or two lines after the body, then an artefact line (as seed 003)."""
    if len(title) > 12:
        cut = page.rng.randint(len(title) * 2 // 5, len(title) * 3 // 5)
        while cut < len(title) - 1 and title[cut] in NO_LINE_START:
            cut += 1
        page.put(" " + title[:cut], blank=False)
        page.put(title[cut:], blank=True)
    else:
        page.put(" " + title, blank=True)
    artefact = page.rng.choice(AFTER_TITLE_ARTEFACTS).format(n=page.rng.randint(2, 40))
    page.put(artefact, blank=True)
