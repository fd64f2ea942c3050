"""Which lines are titles, which report a dangling title belongs to, and derived titles.

Titles are printed four ways: a `#` heading before the body, a plain line
before it, a plain line (or two) *after* the body (then followed by page
furniture like `TOPIC`), or not at all. A dangling plain-line title is given
to the neighbouring report whose opening it matches best (place, organisation,
event words), because position alone is ambiguous. A report without a title
gets one derived from its lede's main clause — never from a dateline or byline.
"""

from __future__ import annotations

import re

from site_src.importer import credits, layout, openings
from site_src.importer.drafts import Item, Kind, ReportDraft
from site_src.importer.layout import Piece
from site_src.importer.metadata import places_named
from site_src.importer.reading import starts_with_reading
from site_src.model import gazetteer
from site_src.model.article import TitleOrigin

_TITLE_PUNCT = re.compile(r"[，。；！？,;!?]")
_LIST_ITEM = re.compile(r"^(?:[\d一二三四五六七八九十]+[、.．]|（[\d一二三四五六七八九十]+）)")
_MIN_HAN = 4
DERIVED_TITLE_MAX = 60
# A line within this many cells of the hard-wrapped column is a body line (an
# indented first line is ~2 short, and the wrap's rules make lines vary by ~1).
WRAP_SLACK = 3.5
# A clause that only says when (`8月3日上午`, `近日`) names nothing.
_ONLY_WHEN = re.compile(r"[\d〇零一二三四五六七八九十年月日号上中下午晚早前近今昨期间、至\-—]*")
# A full date closing a clause right after a name: a title line run into its
# lede (`…交流学习殡葬改革2019年8月14日，…`). A title ends where the dated lede begins.
_TRAILING_DATE = re.compile(
    r"(?<=[\u4e00-\u9fff》”）])\d{4}年\d{1,2}月\d{1,2}日(?:[上中下]午|晚)?$")
# …unless the words before it lead into the date (`会议定于2019年8月14日`).
_LEADS_INTO_DATE = ("于", "在", "至", "到", "从", "自", "是", "为", "的", "截止")


_PAIRS = ("《》", "“”", "（）", "【】")


def _balanced(text: str) -> bool:
    """A title closes what it opens; `…《中共中央关于…推进中` is a page-broken sentence."""
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def plain_title_text(text: str) -> bool:
    """Could this line be a title: 4+ Han, no sentence punctuation, at most 60 cells."""
    text = layout.collapse_spaces(text, title=True)
    if not _balanced(text):
        return False
    han = sum(1 for ch in text if layout.is_han(ch))
    return (han >= _MIN_HAN and not _TITLE_PUNCT.search(text) and not _LIST_ITEM.match(text)
            and not text.endswith(("：", "、")) and layout.display_width(text) <= 60
            and not openings.is_dateline(text) and not openings.is_byline_line(text)
            and not credits.CREDIT_LINE.match(text))  # a credit is never a title


def _texts_from(items: list[Item], k: int) -> list[tuple[int, Item]]:
    return [(i, items[i]) for i in range(k, min(len(items), k + 6))
            if items[i].kind is not Kind.ARTEFACT]


def title_run(items: list[Item], k: int, columns: dict[int, float]) -> int:
    """How many text items from items[k] form a plain-line title (0, 1 or 2)."""
    texts = _texts_from(items, k)
    if not texts or texts[0][1].kind is not Kind.TEXT:
        return 0
    first = texts[0][1].piece
    furnished = _furnished_run(items, texts, columns)
    if furnished:
        return furnished
    if len(texts) > 1 and texts[1][1].kind is Kind.TEXT and starts_with_reading(
            texts[1][1].piece.text):
        return 0  # `…市政府對` ⏎ `(duì)專家…`: the line runs on into the next
    width = layout.display_width(first.text)
    column = columns[id(first)]
    # A full line of a hard-wrapped column runs on into the next text line.
    runs_on = len(texts) > 1 and texts[1][1].kind is Kind.TEXT
    wrapped_line = (runs_on and column <= layout.LONG_LINE_WIDTH
                    and abs(width - column) <= WRAP_SLACK)
    if not plain_title_text(first.text) or wrapped_line:
        return 0
    if len(texts) < 2 or texts[1][1].kind is not Kind.TEXT:
        return 1
    second = texts[1][1].piece
    continues = (second.line == first.line + 1 and not _TITLE_PUNCT.search(second.text)
                 and not openings.is_dateline(second.text))
    if not continues:
        return 1
    if len(texts) == 2:
        return 2  # the chunk is nothing but this title (e.g. at the end of the file)
    after_index, after = texts[2]
    if after.kind is Kind.CREDIT:
        return 1  # the second line is the body the credit closes
    furniture_next = after_index > texts[1][0] + 1
    if furniture_next:
        return 2
    # A wrapped title stands apart from what follows: a blank line; and its
    # second half is no full line of the column (that would be body text).
    column2 = columns[id(second)]
    width2 = layout.display_width(second.text)
    full = column2 <= layout.LONG_LINE_WIDTH and abs(width2 - column2) <= 1
    return 2 if after.piece.line > second.line + 1 and not full else 1


def _furnished_run(items: list[Item], texts: list[tuple[int, Item]],
                   columns: dict[int, float]) -> int:
    """A title printed below its body fills the column but is followed by furniture (1 or 2)."""
    for run in (1, 2):
        if len(texts) < run or any(t.kind is not Kind.TEXT for _, t in texts[:run]):
            return 0
        pieces = [t.piece for _, t in texts[:run]]
        joined = "".join(p.text for p in pieces)
        if any(_TITLE_PUNCT.search(p.text) for p in pieces):
            return 0
        if not plain_title_text(joined) or (run == 2 and not _one_title(items, texts, pieces)):
            continue
        last = texts[run - 1][0]
        # A column-wide line before furniture may run on — a paragraph past a sidebar
        # word, or a title's first half past a page break (then run 2 takes both).
        if (last + 1 < len(items) and items[last + 1].kind is Kind.ARTEFACT
                and not _sidebar(items, last + 1, pieces[0], columns)):
            return run
    return 0


def _one_title(items: list[Item], texts: list[tuple[int, Item]], pieces: list[Piece]) -> bool:
    """Two lines of one title: on consecutive lines, or with only page furniture
    between them (`…召开养老服务` ⏎ `- 12 -` ⏎ `推进会` ⏎ `TOPIC`: a page break)."""
    if pieces[1].line == pieces[0].line + 1:
        return True
    between = items[texts[0][0] + 1 : texts[1][0]]
    return bool(between) and all(i.kind is Kind.ARTEFACT for i in between)


def _sidebar(items: list[Item], after: int, first: Piece, columns: dict[int, float]) -> bool:
    """A column-wide line before furniture, then text running on: a sidebar in a paragraph.

    A title printed below its body is followed (after the furniture) by the next
    report — a heading, a title, a dateline, a lede — or by nothing.
    """
    column = columns.get(id(first), 0.0)
    width = layout.display_width(first.text)
    if column > layout.LONG_LINE_WIDTH or abs(width - column) > WRAP_SLACK:
        return False
    nxt = next((i for i in items[after:] if i.kind is not Kind.ARTEFACT), None)
    if nxt is None or nxt.kind is not Kind.TEXT:
        return False
    text = nxt.piece.text
    title_next = plain_title_text(text) and abs(layout.display_width(text) - column) > WRAP_SLACK
    return not (openings.is_dateline(text) or openings.is_byline_line(text) or title_next
                or openings.LEADING_DATE.match(openings.strip_spaces(text)))


def furniture_after(items: list[Item], k: int, run: int) -> bool:
    """Is a title run starting at items[k] directly followed by page furniture?"""
    texts = _texts_from(items, k)
    if len(texts) < run:
        return False
    last = texts[run - 1][0]
    return last + 1 < len(items) and items[last + 1].kind is Kind.ARTEFACT


def place_title(pieces: list[Piece], before: ReportDraft | None,
                following: ReportDraft | None, paragraphs, *, after_body: bool = False) -> None:
    """Give a dangling title to the report before or after it, by content.

    `after_body`: furniture followed the title, as after a title printed below
    its body (seed 003): it goes to the report before unless that one has a title.
    """
    for r in (before, following):
        if r is not None and not r.paragraphs:
            r.paragraphs = paragraphs(r)
    title = layout.paragraph_text(pieces, title=True)
    can_before = before is not None and before.title_origin is None
    can_after = following is not None and following.title_origin is None and bool(following.body)
    if can_before and after_body:
        owner, origin = before, TitleOrigin.AFTER_BODY
        if can_after:
            scores = title_affinity(title, before), title_affinity(title, following)
            owner.flags.append(
                f"title at line {pieces[0].line} placed by content and the page furniture "
                f"after it (scores: report before {scores[0]:.2f}, report after {scores[1]:.2f})")
    elif can_before and can_after:
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


def affinity_text(title: str, context: str) -> float:
    """Share of the title's character pairs found in a text (0..1)."""
    han_title = "".join(ch for ch in title if layout.is_han(ch) or ch.isdigit())
    bigrams = {han_title[i : i + 2] for i in range(len(han_title) - 1)}
    return sum(1 for b in bigrams if b in context) / len(bigrams) if bigrams else 0.0


def title_affinity(title: str, report: ReportDraft) -> float:
    """How well a title names a report: shared places, organisation and event words.

    Character bigrams of the title found in the report's opening paragraph and
    credit (0..1), plus 1 when the most specific place the title names
    (its city, else its province) is named there too, minus 1 when it is not.
    """
    context = report.lede() + (report.source or "")
    overlap = affinity_text(title, context)
    named = places_named(title)
    if not named:
        return overlap
    cities = [p for p in named if gazetteer.is_city(p)]
    shared = set(cities or named) & set(places_named(context))
    return overlap + (1.0 if shared else -1.0)


def title_text(report: ReportDraft) -> str:
    """The title as printed, or one derived from the opening sentence."""
    if report.title_pieces:
        return layout.paragraph_text(report.title_pieces, title=True)
    return derive_title(_lede_for_title(report))


def _lede_for_title(report: ReportDraft) -> str:
    """The first paragraph that says something: bylines on their own line skipped."""
    for paragraph in report.paragraphs:
        text = layout.paragraph_text(paragraph)
        if report.attribution is not None and paragraph[0] is report.attribution:
            continue
        if openings.is_byline_line(text) or not openings.strip_dateline(text):
            continue
        return text
    return report.lede()


def derive_title(lede: str) -> str:
    """The lede's main clause: organisation + event, without dateline, byline and date.

    `日前，浙江省民政厅召开党组理论学习中心组学习（扩大）会议，传达…`
    → `浙江省民政厅召开党组理论学习中心组学习（扩大）会议`;
    `本报讯（记者 张三）近日，XX市民政局召开…` → `XX市民政局召开…`.
    """
    text = openings.strip_dateline(lede)
    # `昨日，记者从XX获悉，…`: how the reporter learnt it follows the date too
    text = openings.strip_dateline(openings.LEADING_DATE.sub("", text, count=1))
    sentence = re.split(r"(?<=[。！？])", text, maxsplit=1)[0]
    clauses = [c.strip() for c in re.split(r"[，。；：！？]", sentence)]
    first = next((c for c in clauses if len(c) >= _MIN_HAN and not _ONLY_WHEN.fullmatch(c)
                  and not openings.is_dateline(c)), "")
    if not first:
        first = sentence.strip()
    if not first or _ONLY_WHEN.fullmatch(first):
        return "无标题报告"
    # cut, never completed with an invented `…`
    return _without_trailing_date(first)[:DERIVED_TITLE_MAX]


def _without_trailing_date(clause: str) -> str:
    """Cut a full date that closes the clause: it is the lede's, not the title's."""
    date = _TRAILING_DATE.search(clause)
    if date is None:
        return clause
    head = clause[: date.start()]
    if sum(1 for ch in head if layout.is_han(ch)) < _MIN_HAN or head.endswith(_LEADS_INTO_DATE):
        return clause
    return head
