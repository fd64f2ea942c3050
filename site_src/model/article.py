"""The one content model every stage shares.

The importer produces these objects from raw bulletins, the loader produces them
from Markdown files, and the renderer only ever reads them. Keeping one typed
model (instead of metadata dicts) is what lets validation live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    """How a front-matter value is written and read (content/frontmatter.py, content/schema.py)."""

    TEXT = "text"  # one line of text
    SLUG = "slug"  # text; a bare number is accepted as its digits
    ORIGIN = "origin"  # one of TitleOrigin
    LIST = "list"  # flow list of texts: `[陈斌, 李丽]`
    FLAG = "flag"  # `true`, written only when true
    DATE = "date"  # PartialDate, unquoted `2024-03-14`
    ROLES = "roles"  # flow mapping name → position
    PROVENANCE = "provenance"  # block mapping: file, page (PDF), line, artefacts, digest


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter key: its kind, its length limit, and when it is written.

    The key is also the Article attribute's name. `limit` bounds each text in
    characters (0: no bound); `always` keys are written even when empty, so
    an editor sees where the names go; `needs` names a key without which this
one means nothing; `name` values are people or places,
    NFKC-normalised when read (a compatibility ideograph must not split a person).
    """

    key: str
    kind: Kind
    limit: int = 0
    always: bool = False
    name: bool = False
    needs: str | None = None  # written only along with this key


# Every key, in the order files are written. Other tools read the contract's
# keys (title, date, province, city, leaders, speakers, source, provenance) by
# these exact names. Limits keep every URL segment far below a file system's
# 255-byte name limit (docs/editors.md, "Limits").
FIELDS = (
    FieldSpec("title", Kind.TEXT, 200, always=True),
    FieldSpec("title_origin", Kind.ORIGIN),
    FieldSpec("date", Kind.DATE),
    FieldSpec("date_inferred", Kind.FLAG, needs="date"),
    FieldSpec("date_text", Kind.TEXT, 20),
    FieldSpec("province", Kind.TEXT, 20, name=True),
    FieldSpec("city", Kind.TEXT, 20, name=True),
    FieldSpec("leaders", Kind.LIST, 20, always=True, name=True),
    FieldSpec("speakers", Kind.LIST, 20, always=True, name=True),
    FieldSpec("roles", Kind.ROLES, 20, always=True, name=True),
    FieldSpec("source", Kind.TEXT, 60),
    FieldSpec("slug", Kind.SLUG, 80),
    FieldSpec("summary", Kind.TEXT, 500),
    FieldSpec("tags", Kind.LIST, 20),
    FieldSpec("anonymised", Kind.FLAG),
    FieldSpec("provenance", Kind.PROVENANCE, 200),
)
KNOWN_KEYS = tuple(f.key for f in FIELDS)
ROLE_LIMIT = 60  # characters of one position in `roles`


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known only as precisely as the text says (year, month or day).

    Bulletins often give `3月14日` with no year or `近日` with no day; storing
    what is known — and nothing more — keeps listings and JSON-LD honest.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        import datetime

        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            datetime.date(self.year, self.month, self.day)  # raises ValueError

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError otherwise."""
        m = _ISO_PARTIAL.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not YYYY-MM-DD, YYYY-MM or YYYY")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def chinese(self) -> str:
        if self.day is not None:
            return f"{self.year}年{self.month}月{self.day}日"
        if self.month is not None:
            return f"{self.year}年{self.month}月"
        return f"{self.year}年"

    def sort_key(self) -> str:
        """Sortable string; unknown month/day sort first within their period."""
        return f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}"


class TitleOrigin(StrEnum):
    """Where an article's title came from; shown discreetly to readers."""

    HEADING = "heading"  # a `#`/`##` line in the raw text
    INLINE = "inline"  # a plain line right after the previous attribution
    AFTER_BODY = "after-body"  # placed after its own report's body (layout quirk)
    DERIVED = "derived"  # made from the first sentence; not in the raw text
    EDITOR = "editor"  # written by hand


@dataclass(frozen=True)
class Artefact:
    """A piece of layout junk (e.g. `TOPIC`) dropped from the text, kept on record."""

    line: int
    text: str
    page: int | None = None  # set for a PDF: `line` then counts lines on that page


@dataclass(frozen=True)
class Provenance:
    """Where a report came from in the raw bulletin, and what was dropped near it."""

    file: str
    line: int
    artefacts: tuple[Artefact, ...] = ()
    # Hash of the file as the importer wrote it; a mismatch means an editor changed it.
    digest: str | None = None
    page: int | None = None  # set for a PDF: `line` then counts lines on that page


@dataclass(frozen=True)
class Article:
    """One report, as the site shows it.

    `body` is the Markdown source of the report (paragraphs separated by blank
    lines, the attribution `（据…）` as its last paragraph).
    """

    title: str
    body: str
    date: PartialDate | None = None
    date_inferred: bool = False  # the year is not in the date phrase (event name, --year, masthead)
    date_text: str | None = None  # the date as written when it has no year (`12月2日`)
    province: str | None = None
    city: str | None = None
    leaders: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    source: str | None = None
    provenance: Provenance | None = None
    slug: str | None = None  # editor override; otherwise derived by the site stage
    summary: str | None = None
    tags: tuple[str, ...] = ()
    anonymised: bool = False
    title_origin: TitleOrigin = TitleOrigin.EDITOR
    path: Path | None = None  # the Markdown file it was loaded from, if any

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest-first listings sort on this (reverse); ties break by title."""
        return (self.date.sort_key() if self.date else "0000-00-00", self.title)
