"""ASCII slugs that a reader can pronounce: place and person names in pinyin.

Titles are never transliterated character by character (unreadable); only
proper names are, because their pinyin is how readers already know them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# Official romanisations that plain pinyin would collide or misspell.
_SPECIAL = {"陕西": "shaanxi", "陕西省": "shaanxi"}
# Suffixes dropped from place names before transliteration (浙江省 → zhejiang).
_PLACE_SUFFIXES = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州",
    "地区", "省", "市", "盟",
)
_SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Pinyin:
    """Transliterations, each worked out once and remembered.

    Importing pypinyin and reading its dictionaries costs ≈ 0.4 s, more than
    everything else a one-report rebuild does with names; the build keeps the
    names it has seen between runs (build/cache.py) and hands them in here.
    New names are best `learn`ed together, in a helper process: pypinyin's
    dictionaries (≈ 50 MB) then never sit in the build, which would carry them
    into every rendering process (bench/RESULTS.md, issue 14).
    """

    def __init__(self, known: dict[str, str] | None = None):
        self.known = dict(known or {})
        self.learned = 0  # names not known beforehand

    def learn(self, texts: Iterable[str]) -> None:
        """Transliterate the unknown `texts` in one helper process (in this one if it fails)."""
        unknown = sorted({t for t in texts if t not in self.known and t not in _SPECIAL})
        if not unknown:
            return
        package_root = str(Path(__file__).resolve().parents[2])  # this very code, not another
        env = {**os.environ,
               "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                           os.environ.get("PYTHONPATH")]))}
        try:
            done = subprocess.run([sys.executable, "-m", "site_src.model.slugs"],
                                  input=json.dumps(unknown), capture_output=True, text=True,
                                  env=env, check=True, timeout=600)
            found = json.loads(done.stdout)
            spelled = {t: str(found[t]) for t in unknown}
        except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError):
            spelled = {t: transliterate(t) for t in unknown}
        self.known.update(spelled)
        self.learned += len(spelled)

    def __call__(self, text: str) -> str:
        slug = self.known.get(text)
        if slug is None:
            slug = self.known[text] = transliterate(text)
            self.learned += 1
        return slug


def pinyin_slug(text: str, pinyin: Callable[[str], str] | None = None) -> str:
    """`陈斌` → `chen-bin`; non-Han ASCII letters and digits are kept, the rest dropped."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    return (pinyin or transliterate)(text)


def transliterate(text: str) -> str:
    """Plain pypinyin, syllables joined by hyphens (imported only when a name needs it)."""
    from pypinyin import lazy_pinyin

    parts = []
    for syllable in lazy_pinyin(text, errors=lambda chars: list(chars)):
        token = re.sub(r"[^a-z0-9]", "", syllable.lower().replace("ü", "v"))
        if token:
            parts.append(token)
    return "-".join(parts)


ORGANISATION_SLUG_LIMIT = 24  # characters; a `source` may be 60 Han characters long


def organisation_slug(name: str, limit: int = ORGANISATION_SLUG_LIMIT,
                      pinyin: Callable[[str], str] | None = None) -> str:
    """Pinyin of an organisation cut at a syllable, to tell namesakes apart in a short URL.

    A credit such as `江南省民政厅 办公室` is a fine label but far too long a
    URL segment (`jiang-nan-sheng-min-zheng-ting-ban-gong-shi`); the first
    syllables are as telling and keep file names short.
    """
    slug = pinyin_slug(name, pinyin)
    if len(slug) <= limit:
        return slug
    return slug[: limit + 1].rsplit("-", 1)[0] or slug[:limit]


def place_stem(name: str) -> str:
    """The part of a place name that is spelled out: `浙江省` → `浙江`."""
    for suffix in _PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def place_slug(name: str, pinyin: Callable[[str], str] | None = None) -> str:
    """`浙江省` → `zhejiang`, `内蒙古自治区` → `neimenggu`, `扬州市` → `yangzhou`."""
    if name in _SPECIAL:
        return _SPECIAL[name]
    short = place_stem(name)
    if short in _SPECIAL:
        return _SPECIAL[short]
    return pinyin_slug(short, pinyin).replace("-", "")


def is_safe_slug(slug: str) -> bool:
    """Lower-case ASCII words joined by single hyphens: no `/`, `..`, spaces or dots."""
    return bool(_SAFE_SLUG.match(slug))


def article_slug_base(
    province: str | None,
    city: str | None,
    month: int | None,
    day: int | None,
    *,
    anonymised: bool = False,
) -> str:
    """The readable part of an article's slug: place, then month-day when known.

    `zhejiang-0314`, `yangzhou-03`, `neimenggu`; the importer and `new` add
    `-2`, `-3`… on collision. The year is already in the URL (`/2024/03/…`).
    """
    place = city or province
    unplaced = "anonymous" if anonymised else "report"
    base = place_slug(place) if place else unplaced
    if month is not None and day is not None:
        return f"{base}-{month:02d}{day:02d}"
    if month is not None:
        return f"{base}-{month:02d}"
    return base


def numbered(base: str, is_free: Callable[[str], bool], limit: int = 10_000) -> str:
    """`base` if free, else the first free of `base-2`, `base-3`… (ValueError past `limit`)."""
    for n in range(1, limit):
        slug = base if n == 1 else f"{base}-{n}"
        if is_free(slug):
            return slug
    raise ValueError(f"more than {limit} slugs named {base}-N")


if __name__ == "__main__":  # the helper process of Pinyin.learn: JSON list in, JSON object out
    json.dump({text: transliterate(text) for text in json.load(sys.stdin)}, sys.stdout,
              ensure_ascii=False)
