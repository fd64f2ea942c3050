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

from site_src.model.site import Entry, ListingPage, Term
from site_src.render.plan import Page


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


class PageDigests:
    """Digests of the pages of one build; an entry or link table is hashed once however
    many pages show it."""

    def __init__(self) -> None:
        # id → (the object, kept alive so its id is not reused; its digest)
        self._memo: dict[int, tuple[object, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}  # dataclass → its field names

    def of(self, page: Page) -> str:
        return _hash(f"{page.make.__qualname__}\0{self._key(page.inputs)}")

    def _key(self, value: object) -> str:
        kind = type(value)
        if kind is tuple or kind is list:
            return "(" + ",".join([self._key(v) for v in value]) + ")"
        if kind is Entry or isinstance(value, Mapping):
            known = self._memo.get(id(value))
            if known is None:
                text = repr(value) if kind is Entry else repr(sorted(value.items()))
                known = self._memo[id(value)] = (value, _hash(text))
            return known[1]
        if kind is Term or kind is ListingPage:
            return repr(dataclasses.replace(value, entries=())) + f"#{len(value.entries)}"
        names = self._fields.get(kind)
        if names is None:
            if not dataclasses.is_dataclass(kind):
                return repr(value)
            names = self._fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        fields = [self._key(getattr(value, name)) for name in names]
        return kind.__name__ + "(" + ",".join(fields) + ")"
