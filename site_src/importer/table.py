"""The dry-run table: what the importer decided for each report, and what it doubts.

Editors review an import before it touches content/, so the table shows each
decision an editor would check (title and where it came from, date and how
precise, place, people, first line), why each report starts where it does
(the boundary cues and how sure they are) and names every uncertain split.
Columns are padded by terminal cells so Chinese text lines up.
"""

from __future__ import annotations

import unicodedata

from site_src.importer.bulletin import ImportedReport

TITLE_CELLS = 34


def cells(text: str) -> int:
    """Terminal cells a string takes: wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def truncate(text: str, limit: int) -> str:
    if cells(text) <= limit:
        return text
    out = ""
    for ch in text:
        if cells(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def _date_cell(report: ImportedReport) -> str:
    date = report.article.date
    if date is None:
        return "-"
    note = f"; {report.date_note}" if report.date_note else ""
    return f"{date.iso()} ({date.precision.value}{note})"


def _row(index: int, report: ImportedReport, relpath: str, action: str) -> list[str]:
    art = report.article
    return [
        str(index),
        (f"p{art.provenance.page} l{art.provenance.line}" if art.provenance.page
         else str(art.provenance.line)),
        truncate(art.title, TITLE_CELLS),
        art.title_origin.value,
        _date_cell(report),
        art.province or "-",
        art.city or "-",
        "、".join(art.leaders) or "-",
        "、".join(art.speakers) or "-",
        art.source or "-",
        f"{relpath} ({action})",
    ]


HEADER = ["#", "line", "title", "origin", "date", "province", "city", "leaders", "speakers",
          "source", "file"]


def boundary_note(report: ImportedReport) -> str:
    """Why the report starts where it does, and whether the editor should check it."""
    cues = report.draft.cues or ["start of the file"]
    return f"starts at line {report.article.provenance.line}: {'; '.join(cues)} (sure)"


def bulletin_table(name: str, rows: list[tuple[ImportedReport, str, str]]) -> str:
    """Plain-text table for one bulletin, then its flags and artefacts."""
    table = [HEADER] + [_row(i, r, path, act) for i, (r, path, act) in enumerate(rows, start=1)]
    widths = [max(cells(row[c]) for row in table) for c in range(len(HEADER))]
    lines = [f"{name}: {len(rows)} report{'s' if len(rows) != 1 else ''}"]
    for row in table:
        padded = (pad(cell, width) for cell, width in zip(row, widths, strict=True))
        lines.append(("  " + "  ".join(padded)).rstrip())
    for i, (report, _, _) in enumerate(rows, start=1):
        if report.draft.sure:  # an unsure start is among the flags below
            lines.append(f"  - #{i} {boundary_note(report)}")
        for flag in report.flags:
            lines.append(f"  ! #{i} uncertain: {flag}")
        for artefact in report.article.provenance.artefacts:
            where = f"page {artefact.page} line" if artefact.page else "line"
            lines.append(f"  - #{i} artefact dropped: {where} {artefact.line} '{artefact.text}'")
    return "\n".join(lines) + "\n"
