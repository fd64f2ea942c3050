"""Decode an editor's file, and recognise legacy Chinese encodings without guessing.

Files must be UTF-8. A file saved as GBK/GB18030 (old Windows editors) is
named, and converted only when the editor asks (`check --fix-encoding`). GB18030
maps almost any byte sequence to *some* characters, so "it decodes" proves
nothing: Korean (EUC-KR) decodes to real but random common ideographs, Japanese
(Shift-JIS) to rare ones. A file is called Chinese only if the decoded text
reads like Chinese: common ideographs (in GB2312), no spaces between them (Korean
separates words, Chinese does not), and nothing unreadable. charset-normalizer
was measured and not used: it called a two-line Chinese file Korean (cp949) and
a short Japanese one Korean too; this rule decided all of them right.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_src.content.diagnostics import Problem
from site_src.content.parse import normalise_newlines

_UTF8_BOM = b"\xef\xbb\xbf"
_HAN = re.compile("[\u4e00-\u9fff]")
_SPACED_HAN = re.compile("[\u4e00-\u9fff] [\u4e00-\u9fff]")
_READABLE = re.compile("[\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def decode(path: Path, data: bytes) -> tuple[str | None, list[Problem], bool]:
    """UTF-8 text with BOM and CRLF normalised away, or a problem naming the encoding.

    Returns (text, problems, is_gbk). GBK/GB18030 files are recognised (and
    named) but not converted here: rewriting an editor's file needs consent.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 0, 0, "file is encoded in UTF-16, not UTF-8",
                              "save it as UTF-8 in your editor")], False
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if chinese_legacy_text(data) is not None:
            return None, [Problem(
                path, 0, 0, "file is encoded in GBK/GB18030, not UTF-8",
                "convert it with `python build.py check --fix-encoding` "
                "(or save it as UTF-8 in your editor)",
            )], True
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save it as UTF-8 in your editor"
        if _round_trips(data, "gb18030"):
            hint += (" (it does not read as Chinese in GBK/GB18030 either — Korean or "
                     "Japanese? — so `--fix-encoding` leaves it alone)")
        return None, [Problem(
            path, line, column, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", hint,
        )], False
    return normalise_newlines(text), [], False


def chinese_legacy_text(data: bytes) -> str | None:
    """The text, if the bytes are GBK/GB18030 that read as Chinese; else None.

    Requires an exact round trip, ≥ 95 % readable characters (ASCII, CJK
    ideographs and punctuation), ≥ 90 % of the ideographs in GB2312 (the 6,763
    in everyday use: Shift-JIS kana land outside it), and spaces between
    ideographs in under 5 % of them (EUC-KR Hangul lands inside GB2312, but
    Korean puts spaces between words).
    """
    if not _round_trips(data, "gb18030"):
        return None
    text = data.decode("gb18030")
    if len(_READABLE.findall(text)) < 0.95 * len(text):
        return None
    han = _HAN.findall(text)
    if not han:
        return None
    common = sum(1 for ch in han if _in_gb2312(ch))
    if common < 0.9 * len(han) or len(_SPACED_HAN.findall(text)) >= 0.05 * len(han):
        return None
    return text


def _round_trips(data: bytes, encoding: str) -> bool:
    try:
        return bool(data) and data.decode(encoding).encode(encoding) == data
    except UnicodeError:
        return False


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
