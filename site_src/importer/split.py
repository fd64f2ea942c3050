"""Split a bulletin into report drafts: classify lines, cut at report starts, place titles.

The rules live in their own modules — credits.py (what closes a report),
openings.py (datelines, bylines, ledes), boundaries.py (weighing the cues),
titles.py (title lines, placement, derived titles); this module runs them in
order and keeps every raw piece in exactly one draft, so nothing is lost.
"""

from __future__ import annotations

import re

from site_src.importer import boundaries, credits, layout, openings, titles
from site_src.importer.drafts import Item, Kind, ReportDraft
from site_src.importer.layout import Piece
from site_src.importer.titles import derive_title, title_text
from site_src.model.article import Artefact, TitleOrigin

__all__ = ["ReportDraft", "derive_title", "title_text", "split_reports", "scan"]

# A standalone Latin word line (`TOPIC`), a page number (`- 3 -`, `12`), `专题`,
# or a masthead (`民政工作简报 2023年第1期`): page furniture.
_ARTEFACT = re.compile(
    r"^(?:[A-Za-z]{2,}(?:[ .\-][A-Za-z]+){0,3}|[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|专题|專題"
    r"|[\u4e00-\u9fff]{2,8}\s*(?:\d{4}\s*年\s*)?第\s*\d{1,3}\s*期)$"
)
LONG_REPORT_CHARS = 2000


def _piece(line_no: int, line: str, start: int, end: int) -> Piece | None:
    segment = line[start:end]
    stripped = segment.strip()
    if not stripped:
        return None
    col = start + (len(segment) - len(segment.lstrip())) + 1
    return Piece(line_no, col, stripped)


def scan(lines: list[str]) -> list[Item]:
    """Classify normalised raw lines into headings, artefacts, text and credits."""
    items: list[Item] = []
    tail_line = 0  # the line holding the second half of a wrapped credit
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line_no == tail_line:
            items.append(Item(Kind.CREDIT, _piece(line_no, line, 0, len(line))))
            continue
        following = next(((n, text) for n, text in enumerate(lines[line_no:], line_no + 1)
                          if text.strip()), (0, ""))
        cut = credits.wrapped_credit(line, following[1]) if following[0] else None
        if cut is not None and not layout.strip_heading_mark(line):
            before = _piece(line_no, line, 0, cut)
            items.extend([Item(Kind.TEXT, before)] if before else [])
            items.append(Item(Kind.CREDIT, _piece(line_no, line, cut, len(line))))
            tail_line = following[0]
            continue
        heading = layout.strip_heading_mark(line)
        if heading:
            text, col = heading
            items.append(Item(Kind.HEADING, Piece(line_no, col, text.strip())))
            continue
        if _ARTEFACT.match(line.strip()):
            items.append(Item(Kind.ARTEFACT, _piece(line_no, line, 0, len(line))))
            continue
        items.extend(_split_credits(line_no, line))
        if (following[0] and credits.reprint_line(line)
                and credits.REPRINT_TAIL.match(following[1])):
            tail_line = following[0]  # the reprint credit's date and page
    return _bylines_are_text(items)


def _bylines_are_text(items: list[Item]) -> list[Item]:
    """`（记者 张三 通讯员 李四）` under a heading, first in the file, or (led by
    记者) right before a date phrase opens a report: a byline, not a credit."""
    out: list[Item] = []
    for index, item in enumerate(items):
        units = [i for i in out if i.kind is not Kind.ARTEFACT]
        opening = not units or units[-1].kind is Kind.HEADING
        following = next((i for i in items[index + 1:] if i.kind is not Kind.ARTEFACT), None)
        lede_next = following is not None and following.kind is Kind.TEXT and bool(
            openings.LEADING_DATE.match(openings.strip_spaces(following.piece.text)))
        reporter = openings.strip_spaces(item.piece.text).startswith(("（记者", "（記者"))
        if item.kind is Kind.CREDIT and openings.is_dateline(item.piece.text) and (
                opening or (reporter and lede_next)):
            item = Item(Kind.TEXT, item.piece)
        out.append(item)
    return out


def _split_credits(line_no: int, line: str) -> list[Item]:
    items: list[Item] = []
    start = 0
    for begin, end in credits.credit_spans(line, titles.plain_title_text):
        before = _piece(line_no, line, start, begin)
        if before:
            items.append(Item(Kind.TEXT, before))
        items.append(Item(Kind.CREDIT, _piece(line_no, line, begin, end)))
        start = end
    rest = _piece(line_no, line, start, len(line))
    if rest:
        items.append(Item(Kind.TEXT, rest))
    return items


def attribution_source(piece: Piece) -> str:
    return credits.credit_source(piece.text) or ""


def _columns(items: list[Item]) -> dict[int, float]:
    """Wrap column around each text piece (keyed by id), from the whole file."""
    texts = [i.piece for i in items if i.kind is Kind.TEXT]
    widths = [layout.display_width(p.text) for p in texts]
    return {id(p): c for p, c in zip(texts, layout.local_widths(widths), strict=True)}


Chunk = tuple[boundaries.Start, list[Item]]


def _chunks(items: list[Item], starts: list[boundaries.Start]) -> list[Chunk]:
    """Cut the items at each report start; furniture before a start stays behind."""
    chunks: list[Chunk] = []
    at = {s.index: s for s in starts}
    pending: list[Item] = []  # artefacts before the first start
    for index, item in enumerate(items):
        if index in at:
            chunks.append((at[index], pending))
            pending = []
        (chunks[-1][1] if chunks else pending).append(item)
    if pending and chunks:
        chunks[0][1][:0] = pending
    return chunks


def split_reports(lines: list[str]) -> list[ReportDraft]:
    """Split a bulletin's normalised lines into report drafts with their titles."""
    items = scan(lines)
    columns = _columns(items)
    starts, misses = boundaries.find_starts(items, columns)
    if not starts:  # only furniture
        report = ReportDraft(artefacts=[Artefact(i.piece.line, i.piece.text) for i in items])
        _finish(report)
        return [report]
    reports: list[ReportDraft] = []
    # Dangling titles with the reports just before and after them.
    pending: list[tuple[list[Piece], int, int, bool]] = []  # indices into reports
    for start, chunk in _chunks(items, starts):
        report = ReportDraft(cues=list(start.cues), sure=start.sure)
        if not start.sure:
            report.flags.append(f"report start at line {chunk_line(chunk)} is a guess — check it "
                                f"({'; '.join(start.cues)}; score {start.score:.1f})")
        texts_seen = 0
        dangling: list[Piece] = []
        for item in chunk:
            if item.kind is Kind.ARTEFACT:
                report.artefacts.append(Artefact(item.piece.line, item.piece.text))
            elif item.kind is Kind.HEADING:
                report.heading = item.piece
                report.title_pieces = [item.piece]
                report.title_origin = TitleOrigin.HEADING
            elif item.kind is Kind.CREDIT:
                if _continues(report.attribution, item.piece):
                    report.credit_tail = item.piece
                    report.source = credits.credit_source(
                        report.attribution.text + item.piece.text)
                    continue
                if report.attribution is not None:  # two credits: the first is text
                    report.body.append(report.attribution)
                    if report.credit_tail is not None:
                        report.body.append(report.credit_tail)
                        report.credit_tail = None
                report.attribution = item.piece
                report.source = credits.credit_source(item.piece.text)
            elif texts_seen < start.run:
                dangling.append(item.piece)
                texts_seen += 1
            else:
                report.body.append(item.piece)
        only_title = not report.body and report.attribution is None and report.heading is None
        if only_title and reports:
            # Only a title and/or furniture: it belongs with the report before it.
            reports[-1].artefacts.extend(report.artefacts)
            if dangling:  # the report after it is the next one made, if any
                pending.append((dangling, len(reports) - 1, len(reports), start.after_body))
            continue
        if dangling:
            pending.append((dangling, len(reports) - 1, len(reports), start.after_body))
        reports.append(report)
    for pieces, before, following, after_body in pending:
        titles.place_title(pieces, reports[before] if before >= 0 else None,
                           reports[following] if following < len(reports) else None,
                           _paragraphs, after_body=after_body)
    _attach_artefacts(reports)
    _attach_misses(reports, misses)
    for report in reports:
        _finish(report)
    return reports


def _continues(credit: Piece | None, piece: Piece) -> bool:
    """Is this credit piece the second half of a credit the wrap cut (`（莫冠` / `婷）`)?"""
    return (credit is not None and "（" in credit.text and "）" not in credit.text
            and not piece.text.lstrip().startswith("（"))


def chunk_line(chunk: list[Item]) -> int:
    return next((i.piece.line for i in chunk if i.kind is not Kind.ARTEFACT), 0)


def _owned_lines(report: ReportDraft) -> list[int]:
    lines = [p.line for p in report.body + report.title_pieces + report.extra]
    credit = [p for p in (report.attribution, report.credit_tail) if p is not None]
    return lines + [p.line for p in credit]


def _attach_artefacts(reports: list[ReportDraft]) -> None:
    """Give each artefact to the report whose text comes last before it.

    `TOPIC` after an after-body title belongs with that title's report, not with
    the chunk of text it happened to be scanned with.
    """
    artefacts = sorted((a for r in reports for a in r.artefacts), key=lambda a: (a.line, a.text))
    for report in reports:
        report.artefacts = []
    for artefact in artefacts:
        owner, owner_line = reports[0], -1
        for report in reports:
            before = [line for line in _owned_lines(report) if line <= artefact.line]
            if before and max(before) > owner_line:
                owner, owner_line = report, max(before)
        owner.artefacts.append(artefact)


def _attach_misses(reports: list[ReportDraft], misses: list[boundaries.Start]) -> None:
    """Tell the editor about places that looked like a report start but did not score enough."""
    for miss in misses:
        owner = next((r for r in reversed(reports)
                      if r.body and min(p.line for p in r.body) <= miss.line), None)
        if owner is not None:
            owner.flags.append(
                f"line {miss.line} might start a new report "
                f"({'; '.join(miss.cues)}; score {miss.score:.1f}): kept in this one")


def _paragraphs(report: ReportDraft) -> list[list[Piece]]:
    paragraphs = layout.reflow(report.body) if report.body else []
    paragraphs.extend([p] for p in report.extra)
    if report.attribution:
        paragraphs.append([report.attribution]
                          + ([report.credit_tail] if report.credit_tail else []))
    return paragraphs


def _finish(report: ReportDraft) -> None:
    report.paragraphs = _paragraphs(report)
    if report.title_origin is None:
        report.title_origin = TitleOrigin.DERIVED
    if report.attribution is None:
        report.flags.append(
            "no attribution (credit line): the report's end is a guess from the next one's cues")
        length = sum(len(p.text) for p in report.body)
        if length > LONG_REPORT_CHARS:
            report.flags.append(f"long report ({length} characters) without attribution")
