"""Scoring the importer against a gold reading: pure functions, no I/O (issue 13).

Articles are aligned with gold reports (same start line first, then most text
in common) and every field is judged RIGHT, WRONG (a different value, or a
value where the gold has none) or MISSING (none where the gold has one), so
that an invented value never hides among honest gaps.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import click

FIELDS = ("count", "boundaries", "title", "province", "city", "date", "leaders", "speakers",
          "source")
TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（",
                         ")": "）"})
FURNITURE = re.compile(r"(?:TOPIC|NEWS|FOCUS|专题|[-—\d]+)$")
DATELINE = re.compile(r"报讯|日讯|记者|通讯员|本网|日电|^[^，。]{0,12}讯[（）]")
ONLY_WHEN = re.compile(r"[\d〇零一二三四五六七八九十年月日号上中下午晚早前近今昨期间，、至\-—]*")
# `3月14日`, `3月`; a span is dated by its first day (`3月24至25日`, the reading conventions).
MONTH_DAY = re.compile(r"^(\d{1,2})月(?:(\d{1,2})(?:日|(?=\s*[至\-—~～])))?")


def norm(text: str | None) -> str:
    """Text as compared: no whitespace, no Markdown escapes, Chinese punctuation full-width."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text or "")
    return re.sub(r"\s+", "", text).translate(TO_FULL)


@dataclass
class GoldReport:
    id: str
    start: int  # 1-based line where provenance.line must point
    printed: str  # heading | inline | after-body | none
    gold: dict
    span: str  # normalised text from its start to the next report's start
    tail: str = ""  # the last characters of its own text (credit or last sentence)


@dataclass
class Got:
    line: int
    meta: dict
    text: str  # normalised body


@dataclass
class Check:
    field: str
    file: str
    report: str
    outcome: str  # right | wrong | missing
    expected: object = None
    got: object = None


def gold_reports(lines: list[str], entry: dict, gold: dict) -> list[GoldReport]:
    """The manifest's reports of one bulletin, each with the text it spans."""
    reports = entry["reports"]
    out = []
    for i, rep in enumerate(reports):
        end = reports[i + 1]["start_line"] - 1 if i + 1 < len(reports) else len(lines)
        own = [ln for ln in lines[rep["start_line"] - 1:end] if ln.strip()]
        while own and FURNITURE.fullmatch(norm(own[-1])):
            own.pop()
        span = norm("".join(own))
        g = gold.get(rep["id"])
        if g is None:
            raise click.ClickException(f"gold has no report {rep['id']} (named in the manifest)")
        if rep["title_printed"] == "after-body":
            title = norm(g.get("title"))
            cut = span[: -len(title)] if title and span.endswith(title) else None
            span = cut if cut is not None else norm("".join(own[:-2]))
        out.append(GoldReport(rep["id"], rep["start_line"], rep["title_printed"], g, span,
                              span[-8:]))
    return out


def article_text(paragraphs: list[str]) -> str:
    """An article's body as compared: normalised, without trailing artefact paragraphs.

    An importer that keeps a `TOPIC` or a page number as text has not moved the
    report's end.
    """
    paras = [norm(p) for p in paragraphs if p.strip()]
    while paras and FURNITURE.fullmatch(paras[-1]):
        paras.pop()
    return "".join(paras)


def _bigrams(text: str) -> Counter:
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def align(golds: list[GoldReport], gots: list[Got]) -> list[int | None]:
    """Article index per gold report: same start line first, then the most text in common."""
    pairs: list[int | None] = [None] * len(golds)
    taken: set[int] = set()
    for i, g in enumerate(golds):
        for j, a in enumerate(gots):
            if a.line == g.start and j not in taken:
                pairs[i] = j
                taken.add(j)
    scored = []
    for i, g in enumerate(golds):
        want = _bigrams(g.span)
        for j, a in enumerate(gots):
            if pairs[i] is None and j not in taken and want:
                share = sum((want & _bigrams(a.text)).values()) / sum(want.values())
                scored.append((-share, abs(a.line - g.start), i, j))
    for neg, _, i, j in sorted(scored):
        if -neg >= 0.5 and pairs[i] is None and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _value_outcome(expected, got) -> str:
    if expected == got:
        return "right"
    return "missing" if got in (None, "", frozenset()) else "wrong"


def expected_date(g: dict, masthead_year: int | None) -> str | None:
    """The gold date; with a masthead year, a bare `M月D日` gold date_text takes that year."""
    m = MONTH_DAY.match(g.get("date_text") or "")
    if masthead_year and not g.get("date") and m:
        return f"{masthead_year}-{int(m[1]):02d}" + (f"-{int(m[2]):02d}" if m[2] else "")
    return g.get("date")


def title_outcome(g: GoldReport, got_title: str) -> str:
    """Printed: equal without spaces. Not printed: a clause of the first sentence, no dateline."""
    got = norm(got_title)
    if not got:
        return "missing"
    if g.printed != "none" and g.gold.get("title"):
        return "right" if got == norm(g.gold["title"]) else "wrong"
    first = re.split(r"(?<=[。！？])", g.span, maxsplit=1)[0]
    clause = got in first and not ONLY_WHEN.fullmatch(got)  # `8月3日上午` names nothing
    return "right" if clause and not DATELINE.search(got) else "wrong"


def score_bulletin(name: str, golds: list[GoldReport], gots: list[Got],
                   masthead_year: int | None = None) -> list[Check]:
    """Every check of one bulletin."""
    checks = [Check("count", name, "*", "right" if len(gots) == len(golds) else "wrong",
                    len(golds), len(gots))]
    gots = sorted(gots, key=lambda a: a.line)
    for gold, j in zip(golds, align(golds, gots), strict=True):
        g = gold.gold
        expected = {
            "title": g.get("title"),
            "province": g.get("province"), "city": g.get("city"), "source": g.get("source"),
            "date": expected_date(g, masthead_year),
            "leaders": frozenset(g.get("leaders") or ()),
            "speakers": frozenset(g.get("speakers") or ()),
        }
        if j is None:
            checks += [Check(f, name, gold.id, "missing", expected.get(f, gold.start))
                       for f in FIELDS[1:]]
            continue
        art = gots[j]
        nxt = gots[j + 1].line if j + 1 < len(gots) else None
        ok = art.line == gold.start and art.text.endswith(gold.tail)
        checks.append(Check("boundaries", name, gold.id, "right" if ok else "wrong",
                            (gold.start, gold.tail), (art.line, art.text[-8:], nxt)))
        checks.append(Check("title", name, gold.id, title_outcome(gold, art.meta.get("title", "")),
                            f"{gold.printed}: {g.get('title')}", art.meta.get("title")))
        got = {
            "province": art.meta.get("province"), "city": art.meta.get("city"),
            "source": art.meta.get("source"),
            "date": str(art.meta["date"]) if art.meta.get("date") is not None else None,
            "leaders": frozenset(art.meta.get("leaders") or ()),
            "speakers": frozenset(art.meta.get("speakers") or ()),
        }
        for f in ("province", "city", "date", "leaders", "speakers", "source"):
            want, have = expected[f], got[f]
            if f in ("province", "city", "source"):
                want, have = norm(want) or None, norm(have) or None
            checks.append(Check(f, name, gold.id, _value_outcome(want, have), want, have))
    return checks


def summarise(checks: list[Check], group=None) -> dict[str, dict[str, int]]:
    """Counts per field (or per `group(check)`, e.g. the bulletin's layout) and in total."""
    names = sorted({group(c) for c in checks}) if group else list(FIELDS)
    rows = {f: Counter() for f in (*names, "total")}
    for c in checks:
        for key in (group(c) if group else c.field, "total"):
            rows[key]["checks"] += 1
            rows[key][c.outcome] += 1
    keys = ("checks", "right", "wrong", "missing")
    return {f: {k: row[k] for k in keys} for f, row in rows.items()}


def table(summary: dict[str, dict[str, int]], label: str = "field") -> str:
    """A Markdown table: per row, checks and the right / wrong / missing shares."""
    out = [f"| {label} | checks | right | wrong | missing |", "|---|---:|---:|---:|---:|"]
    for f, row in summary.items():
        n = row["checks"] or 1
        cells = " | ".join(f"{100 * row[k] / n:.1f}%" for k in ("right", "wrong", "missing"))
        name = "**total**" if f == "total" else f
        out.append(f"| {name} | {row['checks']} | {cells} |")
    return "\n".join(out)
