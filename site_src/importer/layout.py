"""Undo what PDF extraction did to the text: wraps, stray spaces, ASCII punctuation.

Bulletins arrive as PDF text dumps. Some are hard-wrapped at ~14 CJK characters
a line, others have one line per paragraph cut by page breaks, and spaces and
ASCII commas appear where the typesetter never put them. These rules rebuild
what an editor would have typed, while every piece keeps its raw line and
column so the conservation check can prove nothing was lost.

Every rule here maps one character to one character or only touches
whitespace: normalised lines keep their raw columns.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

# --- characters -------------------------------------------------------------

_CJK_PUNCT_EXTRA = "“”‘’…—·"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(ch: str) -> bool:
    """A Chinese character proper (not punctuation)."""
    return bool(_HAN.match(ch))


def is_chinese(ch: str) -> bool:
    """Han characters, full-width punctuation and the curly quotes Chinese text uses."""
    return unicodedata.east_asian_width(ch) in ("W", "F") or ch in _CJK_PUNCT_EXTRA


def _is_latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def display_width(text: str) -> float:
    """Width in CJK cells: a Chinese character or full-width mark is 1, ASCII ½."""
    width = 0.0
    for ch in text:
        if ch.isspace() or unicodedata.combining(ch):
            continue
        width += 1.0 if is_chinese(ch) or unicodedata.east_asian_width(ch) == "A" else 0.5
    return width


# --- punctuation ------------------------------------------------------------

_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def _neighbour(line: str, index: int, step: int) -> str:
    """Nearest non-space character from index in direction step ('' at the edge)."""
    index += step
    while 0 <= index < len(line):
        if not line[index].isspace():
            return line[index]
        index += step
    return ""


def normalise_punctuation(line: str) -> str:
    """ASCII `, : ; ? ! ( )` become full-width where the text around them is Chinese.

    A mark is kept ASCII inside Latin or number runs (`1,086`, `10:30`): it
    changes only when a neighbouring character (the nearest non-space one on
    either side, within the line) is Chinese. A pair of parentheses changes as
    a pair when its content or its surroundings are Chinese.
    """
    chars = list(line)
    for i, ch in enumerate(chars):
        if ch in ",:;?!":
            before, after = _neighbour(line, i, -1), _neighbour(line, i, 1)
            if (before and is_chinese(before)) or (after and is_chinese(after)):
                chars[i] = _FULL_WIDTH[ch]
    for opening, closing in _paren_spans(line):
        content = line[opening + 1 : closing] if closing is not None else ""
        outside = [_neighbour(line, opening, -1)]
        if closing is not None:
            outside.append(_neighbour(line, closing, 1))
        else:
            outside.append(_neighbour(line, opening, 1))
        if any(is_chinese(c) for c in content) or any(c and is_chinese(c) for c in outside):
            chars[opening] = "（"
            if closing is not None:
                chars[closing] = "）"
    for i in _unmatched_closing(line):
        if any(c and is_chinese(c) for c in (_neighbour(line, i, -1), _neighbour(line, i, 1))):
            chars[i] = "）"
    return "".join(chars)


def _paren_spans(line: str) -> list[tuple[int, int | None]]:
    """ASCII `(` positions with their matching `)` (None when unclosed)."""
    stack: list[int] = []
    spans: list[tuple[int, int | None]] = []
    for i, ch in enumerate(line):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop(), i))
    spans.extend((i, None) for i in stack)
    return sorted(spans)


def _unmatched_closing(line: str) -> list[int]:
    depth, unmatched = 0, []
    for i, ch in enumerate(line):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                unmatched.append(i)
    return unmatched


def strip_heading_mark(line: str) -> tuple[str, int] | None:
    """`## 标题` → (`标题`, column of its first character), or None if not a heading."""
    m = re.match(r"^\s*#{1,6}[ \t\u3000]+(?=\S)", line)
    if not m:
        return None
    return line[m.end() :].rstrip(), m.end() + 1


# --- spaces -----------------------------------------------------------------

_SPACE_RUN = re.compile(r"\s+")


def collapse_spaces(text: str, *, title: bool = False) -> str:
    """Drop whitespace the wrap or the PDF introduced; keep what typesetting meant.

    A run of whitespace survives as one space only between two ASCII
    characters (`Hello world`, `Hello, world`, `12 34`) and, in titles only,
    between two Han characters (the gap between a title's two halves:
    `…“实”字当头 推动主题教育见行见效`). Next to Chinese punctuation, between a
    Han character and a digit or Latin letter (`抓实 2024年`, `研讨 9次`), and
    at both ends, whitespace goes.
    """
    text = text.strip()

    def keep(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1], text[m.end()]
        if _is_latin(before) and _is_latin(after):
            return " "
        if title and is_han(before) and is_han(after):
            return " "
        return ""

    return _SPACE_RUN.sub(keep, text)


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces a line wrap separated; a space only between Latin words."""
    if not left or not right:
        return left + right
    if _is_latin(left[-1]) and _is_latin(right[0]):
        return f"{left} {right}"
    return left + right


# --- reflow -----------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；…：!?][”’」』）)】》\"']*$")
# `压实责任，理论学习下实功。`: a short clause, a comma, a short clause, a full stop.
_SUBHEADING = re.compile(r"^[\u4e00-\u9fff]{3,6}，[\u4e00-\u9fff“”]{3,12}[。！]$")
# Median width above which a region is "one line per paragraph" (001, 002).
LONG_LINE_WIDTH = 40.0
_WINDOW = 6


@dataclass(frozen=True)
class Piece:
    """Text from one raw line, at its raw position (1-based line and column)."""

    line: int
    col: int
    text: str  # normalised punctuation, raw spacing, stripped


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def local_widths(widths: list[float]) -> list[float]:
    """For each line, the column it was wrapped at: the upper quartile of its neighbours' widths.

    Not the median: in a short stretch, indented first lines and short last lines
    can be half of all lines, and the column is what the full lines measure.
    """
    result = []
    for i in range(len(widths)):
        lo, hi = max(0, i - _WINDOW), min(len(widths), i + _WINDOW + 1)
        around = widths[lo:i] + widths[i + 1 : hi]
        if len(around) >= 2:
            result.append(statistics.quantiles(around, n=4)[2])
        else:
            result.append(around[0] if around else widths[i])
    return result


def _is_subheading(text: str, width: float, column: float) -> bool:
    """A one-line sentence like `掌握实情，调查研究谋实招。` standing alone as a heading."""
    return bool(_SUBHEADING.match(text)) and width <= column - 0.5


# A paragraph's last sentence with its writer's name run on (`…迈上新台阶。建敏`).
WRITER_RUN_ON = re.compile(r"[。！？]\s*[\u4e00-\u9fff]{2,3}\s*$")
_WRITER_APART = re.compile(r"[。！？]\s+[\u4e00-\u9fff]{2,3}\s*$")


def paragraph_breaks(pieces: list[Piece]) -> list[bool]:
    """breaks[i] is True when a paragraph ends after pieces[i].

    A line ends its paragraph only if it ends a sentence (so no sentence is ever
    split) and, in hard-wrapped regions, stops clearly short of the column the
    text was wrapped at (median width of the neighbouring lines). In regions of
    long lines every sentence-final line ends its paragraph and any other line
    is continued by the next one (a page break cut it).
    """
    widths = [display_width(p.text) for p in pieces]
    columns = local_widths(widths)
    breaks = []
    for i, piece in enumerate(pieces):
        if i == len(pieces) - 1:
            breaks.append(True)
            continue
        nxt = pieces[i + 1]
        # The next paragraph's first line is indented (~2 cells narrower) and runs on.
        next_indented = widths[i + 1] <= columns[i + 1] - 1.5 and not ends_sentence(nxt.text)
        if not ends_sentence(piece.text):
            # A last sentence with its writer run on (`…新台阶。建敏`) ends a paragraph
            # only where the next line is indented.
            # In long lines a writer set apart by a space (`…经验。 李宏丽`) ends it too.
            apart = columns[i] > LONG_LINE_WIDTH and bool(_WRITER_APART.search(piece.text))
            breaks.append(bool(WRITER_RUN_ON.search(piece.text)) and (next_indented or apart))
            continue
        column = columns[i]
        if column > LONG_LINE_WIDTH:
            breaks.append(True)
            continue
        short = widths[i] <= column - 1.5
        next_is_subheading = i + 2 < len(pieces) and _is_subheading(
            nxt.text, widths[i + 1], columns[i + 1]
        )
        breaks.append(short or next_indented or next_is_subheading)
    # A sub-heading also ends its own paragraph (the body resumes below it).
    for i in range(1, len(pieces) - 1):
        if breaks[i - 1] and _is_subheading(pieces[i].text, widths[i], columns[i]):
            breaks[i] = True
    return breaks


def reflow(pieces: list[Piece]) -> list[list[Piece]]:
    """Group consecutive line pieces into paragraphs."""
    paragraphs: list[list[Piece]] = []
    current: list[Piece] = []
    for piece, is_break in zip(pieces, paragraph_breaks(pieces), strict=True):
        current.append(piece)
        if is_break:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def paragraph_text(pieces: list[Piece], *, title: bool = False) -> str:
    """The clean text of a paragraph (or title) made of wrapped pieces."""
    text = ""
    for piece in pieces:
        text = join_wrapped(text, collapse_spaces(piece.text, title=title))
    return text
