"""One raw bulletin → its reports as Articles, each with its rendered Markdown text.

This is the importer's pure core (text in, texts out): decoding and writing
files stay in `command.py`, so every rule can be tested on strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_src.importer import layout, markdown_out, metadata, split
from site_src.importer.split import ReportDraft
from site_src.model.article import Artefact, Article, Provenance, TitleOrigin


class BulletinError(Exception):
    """A raw file the importer cannot read as a bulletin (empty, not UTF-8, no text)."""


@dataclass
class ImportedReport:
    article: Article
    draft: ReportDraft
    text: str = ""  # the Markdown file's content
    date_note: str = ""  # where the year came from, for the dry-run table
    flags: list[str] = field(default_factory=list)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text with BOM and CRLF accepted; anything else is a clear error."""
    if not data.strip():
        raise BulletinError(f"{name}: the file is empty — nothing to import")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        hint = ""
        try:
            data.decode("gb18030")
            hint = " It looks like GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`."
        except UnicodeDecodeError:
            pass
        raise BulletinError(
            f"{name}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}).{hint}"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalised_lines(text: str) -> list[str]:
    """The raw lines after punctuation normalisation (what conservation compares)."""
    return [layout.normalise_punctuation(line) for line in text.split("\n")]


# A masthead stating the issue on the file's first line: `民政工作简报 2023年第1期`.
_MASTHEAD = re.compile(
    r"^\s*#*\s*[^\d。，,：:]{2,24}?\s*(?P<year>\d{4})\s*年\s*(?:第\s*[\d一二三四五六七八九十]+\s*期|\d{1,2}\s*月)"
    r"(?:\s*[（(]?\s*总第\s*\d+\s*期\s*[）)]?)?\s*$"
)


def _masthead(lines: list[str]) -> tuple[int, int] | None:
    """(line index, year) of a masthead stating the issue on the first non-blank line."""
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    m = _MASTHEAD.match(lines[index]) if index is not None else None
    if not m or not 1949 <= int(m["year"]) <= 2100:
        return None
    return index, int(m["year"])


def masthead_year(lines: list[str]) -> int | None:
    """The year a bulletin's masthead (its first non-blank line) gives its issue, if any."""
    found = _masthead(lines)
    return found[1] if found else None


def import_bulletin(name: str, text: str, year: int | None = None) -> list[ImportedReport]:
    """Split one bulletin into reports with metadata and rendered Markdown.

    `year` (`import --year`) is the year of every report whose own text gives
    none; without it, a masthead stating the issue (`… 2023年第1期`) does.
    Nothing else crosses from one report to another.
    """
    lines = normalised_lines(text)
    masthead = _masthead(lines)
    if masthead:  # furniture, not a report: kept on record as an artefact of the first one
        lines = [*lines[: masthead[0]], "", *lines[masthead[0] + 1 :]]
    drafts = split.split_reports(lines)
    if not any(d.body or d.title_pieces or d.attribution for d in drafts):
        raise BulletinError(f"{name}: no report text found (only layout furniture)")
    if masthead:
        raw = normalised_lines(text)[masthead[0]].strip().lstrip("#").strip()
        drafts[0].artefacts.insert(0, Artefact(masthead[0] + 1, raw))
    bulletin_year = year if year is not None else (masthead[1] if masthead else None)
    reports = [_report(name, draft, bulletin_year) for draft in drafts]
    for report in reports:
        report.text = markdown_out.render(report.article)
    return reports


def _report(name: str, draft: ReportDraft, bulletin_year: int | None) -> ImportedReport:
    title = split.title_text(draft)
    paragraphs = [layout.paragraph_text(p) for p in draft.paragraphs]
    printed_title = title if draft.title_pieces else ""
    meta = metadata.read_metadata(printed_title, paragraphs, bulletin_year)
    article = Article(
        title=title,
        body=markdown_out.body_markdown(paragraphs),
        date=meta.date.date,
        date_inferred=meta.date.inferred,
        date_text=meta.date.text,
        province=meta.province,
        city=meta.city,
        leaders=meta.leaders,
        speakers=meta.speakers,
        roles=meta.roles,
        source=meta.source or draft.source or None,
        anonymised=meta.anonymised,
        title_origin=draft.title_origin or TitleOrigin.DERIVED,
        provenance=Provenance(file=name, line=draft.start_line, artefacts=tuple(draft.artefacts)),
    )
    return ImportedReport(
        article=article,
        draft=draft,
        date_note=metadata.year_note(meta.date),
        flags=list(draft.flags),
    )
