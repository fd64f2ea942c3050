"""Proof that the import lost, duplicated or reordered nothing.

The check reads the generated Markdown back through the site's own loader
(content/frontmatter.py: it must pass `check`), unescapes its paragraphs, cuts
every title and paragraph back into the raw pieces it was built from, puts the
pieces and the recorded artefacts in raw order, and compares their characters
with the raw file's — whitespace aside, after the documented punctuation
normalisation and with `#` heading marks removed. Derived titles are not in the
raw text and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_src.content import frontmatter
from site_src.content.diagnostics import Severity
from site_src.content.syntax_hints import CONTROL, control_name
from site_src.importer import layout, markdown_out
from site_src.importer.bulletin import ImportedReport
from site_src.importer.layout import Piece
from site_src.model.article import Article, TitleOrigin


@dataclass
class ConservationError(Exception):
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: conservation check failed: {self.message}"


def _dense(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def reference(lines: list[str]) -> list[tuple[str, int]]:
    """Every non-whitespace character of the normalised raw file, with its line."""
    chars: list[tuple[str, int]] = []
    for number, line in enumerate(lines, start=1):
        heading = layout.strip_heading_mark(line)
        text = heading[0] if heading else line
        chars.extend((ch, number) for ch in _dense(text))
    return chars


def _cut(text: str, pieces: list[Piece]) -> list[tuple[int, int, str]]:
    """Cut a read-back text into its raw pieces by their lengths (whitespace aside)."""
    dense = _dense(text)
    placed, offset = [], 0
    for i, piece in enumerate(pieces):
        size = len(_dense(piece.text))
        end = len(dense) if i == len(pieces) - 1 else offset + size
        placed.append((piece.line, piece.col, dense[offset:end]))
        offset = end
    return placed


# The real path is chosen later (command.assign_paths); any URL-safe name lets the
# file-name rule pass, and problems are reported at the raw file's line anyway.
_READ_BACK_PATH = Path("imported-report.md")


def read_back(report: ImportedReport) -> Article:
    """The report's Markdown read by the site's own loader; an error here is a failed import.

    So an imported file always passes `check`: the importer never writes what
    the site would refuse.
    """
    article, problems = frontmatter.load(_READ_BACK_PATH, report.text)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if article is None or errors:
        first = errors[0] if errors else problems[0]
        raise ConservationError(
            report.article.provenance.file, report.draft.start_line,
            f"the Markdown written for this report does not pass `check` (its line "
            f"{first.line}:{first.column}: {first.message})")
    return article


def paragraphs(body: str) -> list[str]:
    """A body's paragraphs as typed: split at blank lines, Markdown escapes removed."""
    return [markdown_out.unescape_markdown(p)
            for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]


def _placed_pieces(report: ImportedReport) -> list[tuple[int, int, str]]:
    article = read_back(report)
    texts = paragraphs(article.body)
    draft = report.draft
    placed: list[tuple[int, int, str]] = []
    if article.title_origin is not TitleOrigin.DERIVED:
        placed += _cut(article.title, draft.title_pieces)
    if len(texts) != len(draft.paragraphs):
        first = draft.paragraphs[0][0] if draft.paragraphs else None
        raise ConservationError(
            report.article.provenance.file,
            first.line if first else draft.start_line,
            f"the Markdown has {len(texts)} paragraphs where the import built "
            f"{len(draft.paragraphs)} (a paragraph break inside the text?)",
        )
    for text, pieces in zip(texts, draft.paragraphs, strict=True):
        placed += _cut(text, pieces)
    artefacts = article.provenance.artefacts if article.provenance else ()
    placed += [(artefact.line, 0, artefact.text) for artefact in artefacts]
    return placed


def check(file: str, lines: list[str], reports: list[ImportedReport]) -> None:
    """Raise ConservationError naming the first raw line whose text is not accounted for."""
    for number, line in enumerate(lines, start=1):
        control = CONTROL.search(line)
        if control:  # the site leaves these out of a body, so no article could hold them
            raise ConservationError(
                file, number, f"invisible control character {control_name(control.group())} "
                "in the raw text — delete it from the raw file and import again")
    placed = sorted(p for report in reports for p in _placed_pieces(report))
    found = _dense("".join(text for _, _, text in placed))
    expected = reference(lines)
    for index, (ch, line) in enumerate(expected):
        if index >= len(found) or found[index] != ch:
            got = found[index : index + 12] or "(nothing)"
            want = "".join(c for c, _ in expected[index : index + 12])
            message = f"raw text '{want}…' but the articles have '{got}…'"
            raise ConservationError(file, line, message)
    if len(found) > len(expected):
        last = expected[-1][1] if expected else 1
        raise ConservationError(
            file, last, f"the articles have extra text '{found[len(expected):][:12]}…'"
        )
