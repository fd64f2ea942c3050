"""One raw bulletin → its reports as Articles, each with its rendered Markdown text.

This is the importer's pure core (text in, texts out): decoding and writing
files stay in `command.py`, so every rule can be tested on strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from site_src.importer import layout, markdown_out, metadata, split
from site_src.importer.split import ReportDraft
from site_src.model.article import Article, Provenance, TitleOrigin


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


def import_bulletin(name: str, text: str) -> list[ImportedReport]:
    """Split one bulletin into reports with metadata and rendered Markdown."""
    lines = normalised_lines(text)
    drafts = split.split_reports(lines)
    if not any(d.body or d.title_pieces or d.attribution for d in drafts):
        raise BulletinError(f"{name}: no report text found (only layout furniture)")
    reports = [_report(name, draft) for draft in drafts]
    dates = metadata.resolve_dates(
        [(r.draft.lede(), _full_text(r)) for r in reports]
    )
    for report, found in zip(reports, dates, strict=True):
        report.article = replace(report.article, date=found.date, date_inferred=found.inferred)
        if found.date is not None:
            report.date_note = {
                "date": "",
                "text": "year from text",
                "bulletin": "year inferred from bulletin",
            }[found.year_from]
        report.text = markdown_out.render(report.article)
    return reports


def _full_text(report: ImportedReport) -> str:
    title = report.article.title if report.draft.title_pieces else ""
    return title + "".join(layout.paragraph_text(p) for p in report.draft.paragraphs)


def _report(name: str, draft: ReportDraft) -> ImportedReport:
    title = split.title_text(draft)
    paragraphs = [layout.paragraph_text(p) for p in draft.paragraphs]
    printed_title = title if draft.title_pieces else ""
    everything = printed_title + "".join(paragraphs)
    anonymised = metadata.is_anonymised(everything)
    people = metadata.find_people("".join(paragraphs))
    lede = draft.lede()
    province, city = metadata.report_place(
        [t for t in (draft.source or "", printed_title, lede) if t], anonymised=anonymised
    )
    article = Article(
        title=title,
        body=markdown_out.body_markdown(paragraphs),
        province=province,
        city=city,
        leaders=people.leaders,
        speakers=people.speakers,
        roles=people.roles,
        source=draft.source or None,
        anonymised=anonymised,
        title_origin=draft.title_origin or TitleOrigin.DERIVED,
        provenance=Provenance(file=name, line=draft.start_line, artefacts=tuple(draft.artefacts)),
    )
    return ImportedReport(article=article, draft=draft, flags=list(draft.flags))
