"""Where one report ends and the next begins: several cues, weighed together.

No single cue is reliable in real bulletins: many reports have no credit,
titles may be missing, a date-led paragraph may open a new report or continue
the old one. Each place where a report could start gets a score from the cues
there (see docs/importer.md, "Report boundaries"); a report starts where the
score reaches START, and the dry run shows the cues, flagging the unsure ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_src.importer import credits, layout, openings, titles
from site_src.importer.drafts import Item, Kind
from site_src.importer.reading import reading

START = 2.5  # a report starts here
SURE = 3.0  # … and the editor need not check it
CREDIT, HEADING, FURNISHED_TITLE, DATELINE = 3.0, 3.0, 3.0, 3.0
TITLE_LINE, TITLE_THEN_LEDE, TITLE_NAMES_NEXT, TITLE_WIDER = 1.5, 1.5, 1.0, 1.0
LEDE, NEW_ORGANISATION, ANOTHER_DAY, CLOSING = 1.5, 1.0, 1.0, 1.0
# Body sentences, not headlines: `会议重点学习了…`, `会上，…`.
_BODY_LIKE = re.compile(r"^(?:会议|会上|会前|会后|会中|同时|此外|其中|他|她|我们)|了|一行")
TITLE_MIN_HAN = 6  # a title-like line with no credit before it and no lede after it
COLUMN_SLACK = 4.0  # cells a title differs from a hard-wrapped column
TITLE_AFFINITY = 0.4


@dataclass
class Start:
    """A report start at items[index]: the cues and how many title lines lead it."""

    index: int
    score: float
    line: int = 0
    cues: list[str] = field(default_factory=list)
    run: int = 0  # leading plain-line title (0–2 text items), placed later by content
    after_body: bool = False  # the title run is followed by furniture (title below its body)

    @property
    def sure(self) -> bool:
        return self.score >= SURE


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 16 else text[:15] + "…"


def _paragraph_ends(items: list[Item]) -> dict[int, bool]:
    """Whether each text piece ends its paragraph by the reflow rules (keyed by id)."""
    pieces = [i.piece for i in items if i.kind is Kind.TEXT]
    if not pieces:
        return {}
    return {id(p): b for p, b in zip(pieces, layout.paragraph_breaks(pieces), strict=True)}


def _units(items: list[Item]) -> list[int]:
    return [i for i, item in enumerate(items) if item.kind is not Kind.ARTEFACT]


def _text_after_run(items: list[Item], units: list[int], u: int, run: int) -> str:
    """The first sentence (up to 8 lines) after a title run: the body it would open
    (a lede's first clause may be long: `今天上午，“…”——全省…现场会暨…在…举行`)."""
    text = ""
    for i in units[u + run : u + run + 8]:
        if items[i].kind is not Kind.TEXT:
            break
        text += items[i].piece.text
        if layout.ends_sentence(items[i].piece.text) or len(text) > 160:
            break
    return text


def _han(text: str) -> int:
    return sum(1 for ch in text if layout.is_han(ch))


def _closes(text: str) -> bool:
    """A line that can end a report: a sentence end, a bracket closing (a wrapped
    credit) or an attendance sentence printed without its full stop."""
    text = text.rstrip()
    return (layout.ends_sentence(text) or text.endswith("）")
            or bool(openings.CLOSING_BARE.search(openings.strip_spaces(text))))


def _opening_text(items: list[Item], units: list[int], u: int,
                  ends: dict[int, bool] | None = None) -> str:
    """Up to 200 characters of text from units[u] on: what a title would name.

    With `ends`, only the paragraph at units[u]: a lede is read within its own
    paragraph (a purpose clause must not borrow the next report's date).
    """
    text = ""
    for i in units[u : u + 12]:
        if items[i].kind is not Kind.TEXT or len(text) > 200:
            break
        text += items[i].piece.text
        if ends is not None and ends.get(id(items[i].piece), False):
            break
    return openings.strip_spaces(text)


def _title_run(items: list[Item], units: list[int], u: int, columns: dict[int, float],
               ends: dict[int, bool] | None = None) -> int:
    """Title lines at units[u]; a title as wide as the column counts when a lede follows it."""
    run = titles.title_run(items, units[u], columns)
    if not run and items[units[u]].kind is Kind.TEXT and titles.plain_title_text(
            items[units[u]].piece.text) and _lede_after(items, units, u, 1, ends):
        run = 1
    return run


def _lede_after(items: list[Item], units: list[int], u: int, run: int,
                ends: dict[int, bool] | None) -> bool:
    """Does a report open after the title run: a dateline, a lede, or (with `ends`,
    its paragraph read whole) a topic sentence and its dated lede?"""
    body = _text_after_run(items, units, u, run)
    if openings.is_dateline(body) or openings.lede_subject(body):
        return True
    return ends is not None and u + run < len(units) and bool(
        openings.preamble_lede(_opening_text(items, units, u + run, ends)))


def _cues_at(items: list[Item], units: list[int], u: int, columns: dict[int, float],
             ends: dict[int, bool], subject: str | None, after_title: bool) -> Start:
    """The cues for a report starting at units[u] (u ≥ 1).

    `after_title`: the unit before is the end of a title printed below its
    body and followed by furniture — the report before is over.
    """
    k, prev = units[u], items[units[u - 1]]
    item = items[k]
    start = Start(k, 0.0, item.piece.line)
    if prev.kind is Kind.CREDIT and item.kind is not Kind.CREDIT:
        start.score += CREDIT
        start.cues.append(f"credit before it (line {prev.piece.line} '{_short(prev.piece.text)}')")
    elif after_title:
        start.score += FURNISHED_TITLE
        start.cues.append("after a title printed below its body and page furniture")
    if item.kind is Kind.HEADING:
        start.score += HEADING
        start.cues.append("a # heading")
        return start
    if item.kind is not Kind.TEXT or prev.kind is Kind.HEADING:
        return start
    after_credit = prev.kind is Kind.CREDIT or after_title
    before = _sentence_before(items, units, u)
    prev_end = after_credit or (prev.kind is Kind.TEXT and (
        _closes(prev.piece.text) or bool(openings.CLOSING_BARE.search(before))
        or (ends.get(id(prev.piece), False) and bool(layout.WRITER_RUN_ON.search(prev.piece.text)))
        or bool(credits.reprint_source(before))))  # a reprint credit wrapped over lines
    if not prev_end:
        return start
    start.run = _title_run(items, units, u, columns, ends)
    text = item.piece.text
    if start.run:
        title = layout.paragraph_text([items[i].piece for i in units[u : u + start.run]])
        if titles.furniture_after(items, k, start.run):
            start.after_body = True
            if not after_credit:
                start.score += FURNISHED_TITLE
                start.cues.append(f"title line '{_short(title)}' followed by page furniture")
            return start
        if after_credit:
            return start
        lede_next = _lede_after(items, units, u, start.run, ends)
        column = columns.get(id(item.piece), 0.0)
        width = layout.display_width(text)
        wrapped = column <= layout.LONG_LINE_WIDTH and start.run == 1
        if not lede_next and (_han(title) < TITLE_MIN_HAN or _BODY_LIKE.search(title)
                              or (wrapped and abs(width - column) < COLUMN_SLACK)):
            # `会议指出`, `会议重点学习了…`, or a paragraph's first line as wide as the column.
            start.run = 0
            return start
        start.score += TITLE_LINE
        start.cues.append(f"title-like line '{_short(title)}' after a sentence end")
        if lede_next:
            start.score += TITLE_THEN_LEDE
            start.cues.append("a dateline or lede follows it")
        elif titles.affinity_text(title, _opening_text(items, units, u + start.run)) >= \
                TITLE_AFFINITY:
            start.score += TITLE_NAMES_NEXT
            start.cues.append("it names what follows")
        if wrapped and width >= column + COLUMN_SLACK:
            start.score += TITLE_WIDER
            start.cues.append("far wider than the hard-wrapped column")
        return start
    if after_credit:
        return start
    follows = _text_after_run(items, units, u + 1, 0) if u + 1 < len(units) else ""
    byline = openings.is_byline_line(text) and openings.is_dateline(follows)
    if openings.is_dateline(text) or byline:
        start.score += DATELINE
        start.cues.append(f"dateline or byline '{_short(text)}'")
        return start
    opening = _opening_text(items, units, u, ends)
    new_subject = openings.lede_subject(opening)
    closing = bool(openings.CLOSING.search(_sentence_before(items, units, u)))
    preamble = not new_subject and (ends.get(id(prev.piece), True) or closing)
    kind = "lede"
    if preamble:  # `今年是…之年。3月26日，XX办公室…`: a topic sentence, then the lede
        new_subject = openings.preamble_lede(opening)
        kind = "topic sentence then lede"
        bare = None if new_subject else openings.bare_day_lede(opening)
        if bare and subject and not openings.refers_back(subject, bare):
            # `22日至23日，XX厅…`: a day the report before does not name.
            new_subject, kind = bare.actor, "lede opening with a day alone"
    if new_subject:
        start.score += LEDE
        where = "a paragraph end" if ends.get(id(prev.piece), True) else "a sentence end"
        start.cues.append(f"{kind} '{_short(text)}' after {where}")
        if subject and new_subject not in subject:
            start.score += NEW_ORGANISATION
            start.cues.append(f"its actor {new_subject} is not in the report's opening")
        elif subject and openings.another_day(subject, opening):
            # The same body's next report: `5月29日，省民政厅召开…` after `3月20日，省民政厅…`.
            start.score += ANOTHER_DAY
            start.cues.append("it is dated on another day than the report's opening")
        if closing:
            start.score += CLOSING
            start.cues.append("the text before it closes like a report (who attended)")
    return start


def _sentence_before(items: list[Item], units: list[int], u: int) -> str:
    """The last sentence before units[u] (up to 4 lines back)."""
    text = ""
    for i in reversed(units[max(0, u - 4) : u]):
        if items[i].kind is not Kind.TEXT:
            break
        piece = items[i].piece.text
        if text and layout.ends_sentence(piece):
            break
        text = piece + text
    return openings.strip_spaces(text)


def find_starts(items: list[Item], columns: dict[int, float]) -> tuple[list[Start], list[Start]]:
    """Report starts (the first at the first text) and near misses (for the editor).

    A near miss is a place with some cues but not enough to start a report.
    """
    units = _units(items)
    if not units:
        return [], []
    ends = _paragraph_ends(items)
    first = Start(units[0], SURE, items[units[0]].piece.line, ["start of the file"])
    first.run = _title_run(items, units, 0, columns)
    first.after_body = False
    starts, misses = [first], []
    subject = _subject(items, units, 0, first.run)
    title_end = first.run if first.after_body else -1
    inside = first.run  # units before this one belong to the last start's title
    for u in range(1, len(units)):
        if u < inside:  # a title's second line (`…推進(jìn)` ⏎ `會(huì)在…召開`) starts nothing
            continue
        start = _cues_at(items, units, u, columns, ends, subject, u == title_end)
        if start.score >= START:
            starts.append(start)
            subject = _subject(items, units, u, start.run)
            inside = u + start.run
            if start.after_body:
                title_end = u + start.run
        elif start.score > 0:
            misses.append(start)
    return starts, misses


def _subject(items: list[Item], units: list[int], u: int, run: int) -> str | None:
    """What the report starting at units[u] is about: its title and first sentence.

    A later lede whose actor is not named there is another organisation's report.
    """
    title = ""
    while u + run < len(units) and items[units[u + run]].kind is Kind.HEADING:
        title += items[units[u + run]].piece.text
        run += 1  # a heading's report opens below it
    title += "".join(items[i].piece.text for i in units[u : u + run])
    opening = re.split(r"(?<=[。！？])", _text_after_run(items, units, u, run), maxsplit=1)[0]
    return openings.strip_spaces(reading(title + opening)) or None
