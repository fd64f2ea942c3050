"""What the splitter works on: classified raw pieces and the report drafts built from them.

Kept apart from the rules (boundaries.py, titles.py, split.py) so each rule
module can read and fill a draft without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from site_src.importer import layout
from site_src.importer.layout import Piece
from site_src.model.article import Artefact, TitleOrigin


class Kind(Enum):
    HEADING = "heading"
    ARTEFACT = "artefact"
    TEXT = "text"
    CREDIT = "credit"  # `（据…）`, `（来源：…）`, `来源：…`, `（XX民政）`, `（文/…）`…


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
    attribution: Piece | None = None  # the credit line that closes the report
    credit_tail: Piece | None = None  # its second half when the wrap cut it: `（莫冠` / `婷）`
    source: str | None = None
    artefacts: list[Artefact] = field(default_factory=list)
    extra: list[Piece] = field(default_factory=list)  # a title no report would take
    flags: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)  # why the report starts where it does
    sure: bool = True  # the cues were strong enough for the editor not to check
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
