"""Input digests: one hash of exactly the inputs object a page is rendered from.

A page whose digest is unchanged since the live site was built is reused, so
anything left out of a digest would let an incremental build drift from a
clean one. Digests therefore err towards re-rendering: whole entries (bodies
included) go in, not the fields a template happens to read today. Indexes into
the site's entry list are left out (they shift when a report is added) — a
term counts only its number of entries, which is all its pages show of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from pathlib import Path

from site_src.model.article import Article, PartialDate
from site_src.model.people import Person
from site_src.model.site import Entry, Link, ListingPage, Term
from site_src.render.plan import Page


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


# Small records whose repr is complete and holds no entry: hashed as they print.
_PRINTED = (str, int, bool, float, type(None), PartialDate, Link, Person, bytes)


_MAPPING = "mapping"  # hashed once per object, sorted by key


class PageDigests:
    """Digests of the pages of one build; an entry or link table is hashed once however
    many pages show it."""

    def __init__(self, sources: Mapping[Path, str] | None = None) -> None:
        """`sources`: the digest of each content file's bytes, by path.

        An Article loaded from a file is a function of its path and bytes (and
        of the code, which every digest is compared under), so those stand for
        it: hashing 10,000 dataclass reprs took ≈ 0.3 s of a 3 s rebuild.
        """
        self._sources = sources or {}
        # id → (the object, kept alive so its id is not reused; its digest)
        self._memo: dict[int, tuple[object, str]] = {}
        self._fields: dict[type, tuple[str, ...] | str | None] = dict.fromkeys(_PRINTED)
        self._entry_fields = tuple(f.name for f in dataclasses.fields(Entry) if f.name != "article")

    def of(self, page: Page) -> str:
        return _hash(f"{page.make.__qualname__}\0{self._key(page.inputs)}")

    def _key(self, value: object) -> str:
        kind = type(value)
        if kind is tuple or kind is list:
            # Entries are most of what tuples hold, and each is hashed once: look them
            # up directly (an id in the memo is that very object, kept alive there).
            memo = self._memo
            return "(" + ",".join([memo[id(v)][1] if id(v) in memo else self._key(v)
                                   for v in value]) + ")"
        if kind is Entry:
            known = self._memo.get(id(value))
            if known is None:
                known = self._memo[id(value)] = (value, _hash(self._entry(value)))
            return known[1]
        if kind is Term or kind is ListingPage:
            return repr(dataclasses.replace(value, entries=())) + f"#{len(value.entries)}"
        try:
            names = self._fields[kind]
        except KeyError:
            names = self._fields[kind] = self._field_names(kind)
        if names is None:
            if kind is Link or kind is Person:  # one object per place/person, in many entries
                known = self._memo.get(id(value))
                if known is None:
                    known = self._memo[id(value)] = (value, repr(value))
                return known[1]
            return repr(value)
        if names is _MAPPING:
            known = self._memo.get(id(value))
            if known is None:
                text = repr(sorted(value.items()))  # type: ignore[attr-defined]
                known = self._memo[id(value)] = (value, _hash(text))
            return known[1]
        fields = [self._key(getattr(value, name)) for name in names]
        return kind.__name__ + "(" + ",".join(fields) + ")"

    @staticmethod
    def _field_names(kind: type) -> tuple[str, ...] | str | None:
        """A dataclass's fields to walk; _MAPPING for a mapping; None if printed whole."""
        if issubclass(kind, Mapping):
            return _MAPPING
        if dataclasses.is_dataclass(kind):
            return tuple(f.name for f in dataclasses.fields(kind))
        return None

    def _entry(self, entry: Entry) -> str:
        placed = ",".join([self._key(getattr(entry, name)) for name in self._entry_fields])
        return f"{self._article(entry.article)}\0{placed}"

    def _article(self, article: Article) -> str:
        source = self._sources.get(article.path) if article.path is not None else None
        return f"file {article.path}:{source}" if source else repr(article)
