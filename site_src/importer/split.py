"""Where one report ends and the next begins, and which title belongs to which.

A bulletin is a run of reports, each closed by an attribution `（据…）`. Titles
are the hard part: a `#` heading before the body, a plain line glued after the
previous attribution, a title printed *after* its own body (then followed by
page furniture like `TOPIC`), or none at all. A dangling plain-line title is
given to the neighbouring report whose opening paragraph it matches best (its
place, organisation and event words), because position alone is ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from site_src.importer import layout
from site_src.importer.layout import Piece
from site_src.importer.metadata import places_named
from site_src.model import gazetteer
from site_src.model.article import Artefact, TitleOrigin

# `（据浙江省民政厅）` — ASCII parentheses were already made full-width.
_ATTRIBUTION = re.compile(r"（\s*据\s*([^（）]{1,60}?)\s*）")
# Organisations end like this; `（据统计）` in running text is not an attribution.
_ORG_END = re.compile(
    r"(?:厅|局|部|委|委员会|会|办|办公室|院|社|网|报|台|站|中心|政府|处|室|组|所|馆|团|署|司)$"
)
# A standalone Latin word line (`TOPIC`) or a page number (`- 3 -`): page furniture.
_ARTEFACT = re.compile(r"^(?:[A-Za-z]{2,}(?:[ .\-][A-Za-z]+){0,3}|[-—–]\s*\d{1,3}\s*[-—–])$")
_TITLE_PUNCT = re.compile(r"[，。；！？、,;!?]")
_LEADING_DATE = re.compile(
    r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年)?(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"(?:上午|下午|晚上|晚)?(?:近日|日前|近期|前不久|日)?，"
)
DERIVED_TITLE_MAX = 60
LONG_REPORT_CHARS = 2000


class Kind(Enum):
    HEADING = "heading"
    ARTEFACT = "artefact"
    TEXT = "text"
    ATTRIBUTION = "attribution"


@dataclass(frozen=True)
class Item:
    kind: Kind
    piece: Piece


@dataclass
class ReportDraft:
    """One report as found in the raw text, before metadata is read from it."""

    body: list[Piece] = field(default_factory=list)
    heading: Piece | None = None
    title_pieces: list[Piece] = field(default_factory=list)
    title_origin: TitleOrigin | None = None
    attribution: Piece | None = None
    source: str | None = None
    artefacts: list[Artefact] = field(default_factory=list)
    extra: list[Piece] = field(default_factory=list)  # a title no report would take
    flags: list[str] = field(default_factory=list)
    paragraphs: list[list[Piece]] = field(default_factory=list)

    @property
    def title_first(self) -> bool:
        return self.title_origin in (TitleOrigin.HEADING, TitleOrigin.INLINE)

    @property
    def start_line(self) -> int:
        """Raw line where the report starts: its title if printed first, else its body."""
        if self.title_first and self.title_pieces:
            return self.title_pieces[0].line
        firsts = [p.line for p in self.body[:1] + self.title_pieces[:1]]
        if self.attribution:
            firsts.append(self.attribution.line)
        return min(firsts) if firsts else 1

    def lede(self) -> str:
        """The opening paragraph, where a report names who did what."""
        return layout.paragraph_text(self.paragraphs[0]) if self.paragraphs else ""


def _piece(line_no: int, line: str, start: int, end: int) -> Piece | None:
    segment = line[start:end]
    stripped = segment.strip()
    if not stripped:
        return None
    col = start + (len(segment) - len(segment.lstrip())) + 1
    return Piece(line_no, col, stripped)


def scan(lines: list[str]) -> list[Item]:
    """Classify normalised raw lines into headings, artefacts, text and attributions."""
    items: list[Item] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        heading = layout.strip_heading_mark(line)
        if heading:
            text, col = heading
            items.append(Item(Kind.HEADING, Piece(line_no, col, text.strip())))
            continue
        if _ARTEFACT.match(line.strip()):
            items.append(Item(Kind.ARTEFACT, _piece(line_no, line, 0, len(line))))
            continue
        items.extend(_split_attributions(line_no, line))
    return items


def _split_attributions(line_no: int, line: str) -> list[Item]:
    items: list[Item] = []
    start = 0
    for m in _ATTRIBUTION.finditer(line):
        rest = line[m.end() :].strip()
        if not _ORG_END.search(m.group(1).strip()):
            continue
        if rest and not _plain_title_text(rest):
            continue
        before = _piece(line_no, line, start, m.start())
        if before:
            items.append(Item(Kind.TEXT, before))
        items.append(Item(Kind.ATTRIBUTION, _piece(line_no, line, m.start(), m.end())))
        start = m.end()
    rest = _piece(line_no, line, start, len(line))
    if rest:
        items.append(Item(Kind.TEXT, rest))
    return items


def attribution_source(piece: Piece) -> str:
    m = _ATTRIBUTION.search(piece.text)
    return layout.collapse_spaces(m.group(1)) if m else ""


def _plain_title_text(text: str) -> bool:
    text = layout.collapse_spaces(text, title=True)
    han = sum(1 for ch in text if layout.is_han(ch))
    return han >= 4 and not _TITLE_PUNCT.search(text) and layout.display_width(text) <= 60


def _chunks(items: list[Item]) -> list[list[Item]]:
    """Cut the item stream after each attribution and before each heading."""
    chunks: list[list[Item]] = [[]]
    for item in items:
        has_text = any(i.kind is not Kind.ARTEFACT for i in chunks[-1])
        if item.kind is Kind.HEADING and has_text:
            chunks.append([])
        chunks[-1].append(item)
        if item.kind is Kind.ATTRIBUTION:
            chunks.append([])
    return [c for c in chunks if c]


def _columns(items: list[Item]) -> dict[int, float]:
    """Wrap column around each text piece (keyed by id), from the whole file."""
    texts = [i.piece for i in items if i.kind is Kind.TEXT]
    widths = [layout.display_width(p.text) for p in texts]
    return {id(p): c for p, c in zip(texts, layout.local_widths(widths), strict=True)}


def _title_run(chunk: list[Item], columns: dict[int, float]) -> int:
    """How many leading text items of a chunk form a plain-line title (0, 1 or 2)."""
    texts = [(k, i) for k, i in enumerate(chunk) if i.kind is not Kind.ARTEFACT]
    if not texts or texts[0][1].kind is not Kind.TEXT:
        return 0
    first = texts[0][1].piece
    width = layout.display_width(first.text)
    column = columns[id(first)]
    # A full line of a hard-wrapped column runs on into the next text line.
    runs_on = len(texts) > 1 and texts[1][1].kind is Kind.TEXT
    wrapped_line = runs_on and column <= layout.LONG_LINE_WIDTH and abs(width - column) <= 2.5
    if not _plain_title_text(first.text) or wrapped_line:
        return 0
    if len(texts) < 2 or texts[1][1].kind is not Kind.TEXT:
        return 1
    second = texts[1][1].piece
    continues = second.line == first.line + 1 and not _TITLE_PUNCT.search(second.text)
    if not continues:
        return 1
    if len(texts) == 2:
        return 2  # the chunk is nothing but this title (e.g. at the end of the file)
    after_index, after = texts[2]
    if after.kind is Kind.ATTRIBUTION:
        return 1  # the second line is the body the attribution closes
    # A wrapped title stands apart from what follows: a blank line or furniture.
    stands_apart = after.piece.line > second.line + 1 or after_index > texts[1][0] + 1
    return 2 if stands_apart else 1


def split_reports(lines: list[str]) -> list[ReportDraft]:
    """Split a bulletin's normalised lines into report drafts with their titles."""
    items = scan(lines)
    columns = _columns(items)
    reports: list[ReportDraft] = []
    # Dangling titles with the reports just before and after them.
    pending: list[tuple[list[Piece], ReportDraft | None, ReportDraft | None]] = []
    after_attribution = True
    for chunk in _chunks(items):
        report = ReportDraft()
        run = _title_run(chunk, columns) if after_attribution else 0
        texts_seen = 0
        dangling: list[Piece] = []
        for item in chunk:
            if item.kind is Kind.ARTEFACT:
                report.artefacts.append(Artefact(item.piece.line, item.piece.text))
            elif item.kind is Kind.HEADING:
                report.heading = item.piece
                report.title_pieces = [item.piece]
                report.title_origin = TitleOrigin.HEADING
            elif item.kind is Kind.ATTRIBUTION:
                report.attribution = item.piece
                report.source = attribution_source(item.piece)
            elif texts_seen < run:
                dangling.append(item.piece)
                texts_seen += 1
            else:
                report.body.append(item.piece)
        after_attribution = report.attribution is not None
        only_title = not report.body and report.attribution is None and report.heading is None
        if only_title and reports:
            # Only a title and/or furniture: it belongs with the report before it.
            reports[-1].artefacts.extend(report.artefacts)
            if dangling:
                pending.append((dangling, reports[-1], None))
            continue
        if dangling:
            pending.append((dangling, reports[-1] if reports else None, report))
        reports.append(report)
    for pieces, before, following in pending:
        _place_title(pieces, before, following)
    _attach_artefacts(reports)
    for report in reports:
        _finish(report)
    return reports


def _owned_lines(report: ReportDraft) -> list[int]:
    lines = [p.line for p in report.body + report.title_pieces + report.extra]
    return lines + ([report.attribution.line] if report.attribution else [])


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


def _place_title(
    pieces: list[Piece], before: ReportDraft | None, following: ReportDraft | None
) -> None:
    """Give a dangling title to the report before or after it, by content."""
    for r in (before, following):
        if r is not None and not r.paragraphs:
            r.paragraphs = _paragraphs(r)
    title = layout.paragraph_text(pieces, title=True)
    can_before = before is not None and before.title_origin is None
    can_after = following is not None and following.title_origin is None and bool(following.body)
    if can_before and can_after:
        score_before, score_after = title_affinity(title, before), title_affinity(title, following)
        if abs(score_before - score_after) < 0.15:
            owner, origin = following, TitleOrigin.INLINE
            following.flags.append(
                f"dangling title at line {pieces[0].line} matched no report by content "
                f"(scores {score_before:.2f} / {score_after:.2f}); kept with the report after it"
            )
        else:
            owner, origin = (
                (before, TitleOrigin.AFTER_BODY)
                if score_before > score_after
                else (following, TitleOrigin.INLINE)
            )
            owner.flags.append(
                f"title at line {pieces[0].line} placed by content "
                f"(scores: report before {score_before:.2f}, report after {score_after:.2f})"
            )
    elif can_after:
        owner, origin = following, TitleOrigin.INLINE
    elif can_before:
        owner, origin = before, TitleOrigin.AFTER_BODY
    else:
        owner = before if before is not None else following
        owner.extra.extend(pieces)
        owner.flags.append(
            f"dangling title at line {pieces[0].line} matched no report; kept as a paragraph"
        )
        return
    owner.title_pieces = list(pieces)
    owner.title_origin = origin


def title_affinity(title: str, report: ReportDraft) -> float:
    """How well a title names a report: shared places, organisation and event words.

    Character bigrams of the title found in the report's opening paragraph and
    attribution (0..1), plus 1 when the most specific place the title names
    (its city, else its province) is named there too, minus 1 when it is not.
    """
    context = report.lede() + (report.source or "")
    han_title = "".join(ch for ch in title if layout.is_han(ch) or ch.isdigit())
    bigrams = {han_title[i : i + 2] for i in range(len(han_title) - 1)}
    overlap = sum(1 for b in bigrams if b in context) / len(bigrams) if bigrams else 0.0
    named = places_named(title)
    if not named:
        return overlap
    cities = [p for p in named if gazetteer.is_city(p)]
    shared = set(cities or named) & set(places_named(context))
    return overlap + (1.0 if shared else -1.0)


def _paragraphs(report: ReportDraft) -> list[list[Piece]]:
    paragraphs = layout.reflow(report.body) if report.body else []
    paragraphs.extend([p] for p in report.extra)
    if report.attribution:
        paragraphs.append([report.attribution])
    return paragraphs


def _finish(report: ReportDraft) -> None:
    report.paragraphs = _paragraphs(report)
    if report.title_origin is None:
        report.title_origin = TitleOrigin.DERIVED
    if report.attribution is None:
        report.flags.append("no attribution （据…）: the report's end is a guess")
        length = sum(len(p.text) for p in report.body)
        if length > LONG_REPORT_CHARS:
            report.flags.append(f"long report ({length} characters) without attribution")


def title_text(report: ReportDraft) -> str:
    """The title as printed, or one derived from the opening sentence."""
    if report.title_pieces:
        return layout.paragraph_text(report.title_pieces, title=True)
    return derive_title(report.lede())


def derive_title(lede: str) -> str:
    """Organisation + event from the first sentence, without its date phrase.

    `日前，浙江省民政厅召开党组理论学习中心组学习（扩大）会议，传达…`
    → `浙江省民政厅召开党组理论学习中心组学习（扩大）会议`.
    """
    text = _LEADING_DATE.sub("", lede, count=1)
    first = re.split(r"[，。；：！？]", text, maxsplit=1)[0].strip()
    if len(first) < 4:
        first = re.split(r"[。；！？]", text, maxsplit=1)[0].strip()
    if not first:
        return "无标题报告"
    if len(first) > DERIVED_TITLE_MAX:
        first = first[: DERIVED_TITLE_MAX - 1] + "…"
    return first
