"""How the rules read a text: without conversion leftovers, in simplified characters.

Mirror sites print reports in traditional characters, often with the pinyin
reading a converter left after some characters (`會(huì)議`, `德州新聞網(wǎng)訊`).
The rules are written in simplified characters and expect words unbroken, so
metadata, ledes and datelines are all looked for in this reading; values are
recorded as printed (the conversion maps one character to one).
"""

from __future__ import annotations

import re

# A reading in pinyin after a character, left by a conversion (`習(xí)近平`, `區（qū）`).
PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])[（(](?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]{2,6})[）)]")


# The same reading at the start of a line: the wrap cut it from its character.
_LEADING_READING = re.compile(
    r"^\s*[（(](?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]{2,6})[）)]")


def starts_with_reading(text: str) -> bool:
    """Does a line open with the pinyin reading of the previous line's last character
    (`…市政府對` ⏎ `(duì)專家…`)? Then the line before runs on into it."""
    return bool(_LEADING_READING.match(text))


def without_pinyin(text: str) -> str:
    """The text without pinyin readings, which cut names, places and words in two."""
    return PINYIN.sub("", text)


def simplified(text: str) -> str:
    """Traditional characters (mirror sites: `梁園區民政局召開`) read as simplified.

    The conversion maps one character to one, so a value found in the
    simplified text is cut from the same place of the printed one.
    """
    from hanziconv import HanziConv

    converted = HanziConv.toSimplified(text)
    return converted if len(converted) == len(text) else text


def reading(text: str) -> str:
    """What the boundary and metadata rules look at: no pinyin, simplified."""
    return simplified(without_pinyin(text))


def kept_count(text: str, dense: int) -> int:
    """How many raw characters of `text` cover the first `dense` characters of its
    reading with whitespace removed (pinyin readings and spaces count as covered)."""
    skip = {i for m in PINYIN.finditer(text) for i in range(*m.span())}
    count = cut = 0
    while cut < len(text) and count < dense:
        if cut not in skip and not text[cut].isspace():
            count += 1
        cut += 1
    while cut < len(text) and cut in skip:  # a reading right after the last character
        cut += 1
    return cut
