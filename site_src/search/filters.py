"""The order filter values are shown in, decided at build time (pagefind/filters.json).

Pagefind lists filter values in code-point order, which means nothing to a
Chinese reader (`上海市` before `北京市`). The build reads the values the pages
declare and writes them in pinyin order (years newest first); the search page
fetches this file with Pagefind's filter files, only when the reader opens the
filters.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from site_src.model.gazetteer import lazy_pinyin

FILE = "filters.json"
# `data-pagefind-filter="year:2024年"` (value inline) or `…="province">湖北省<` (element text).
_INLINE = re.compile(r'data-pagefind-filter="([A-Za-z_]+):([^"]*)"')
_TEXT = re.compile(r'data-pagefind-filter="([A-Za-z_]+)"[^>]*>([^<]*)<')


def page_filters(page: str) -> set[tuple[str, str]]:
    """(key, value) pairs a page declares, values unescaped as Pagefind reads them."""
    found = {(k, html.unescape(v).strip()) for k, v in _INLINE.findall(page)}
    found |= {(k, html.unescape(v).strip()) for k, v in _TEXT.findall(page)}
    return {(k, v) for k, v in found if v}


def _pinyin_key(value: str) -> tuple[tuple[str, ...], str]:
    return tuple(lazy_pinyin(value)), value


def filter_order(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Values per key: pinyin order, ties by code point; years newest first."""
    by_key: dict[str, set[str]] = {}
    for key, value in pairs:
        by_key.setdefault(key, set()).add(value)
    order = {}
    for key in sorted(by_key):
        if key == "year":
            order[key] = sorted(by_key[key], key=lambda v: (re.sub(r"\D", "", v).zfill(8), v),
                                reverse=True)
        else:
            order[key] = sorted(by_key[key], key=_pinyin_key)
    return order


def filters_json(pairs: Iterable[tuple[str, str]]) -> bytes:
    return json.dumps(filter_order(pairs), ensure_ascii=False, sort_keys=True).encode("utf-8")
