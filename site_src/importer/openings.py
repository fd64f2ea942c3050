"""How a report opens: newspaper datelines, bylines and ledes.

A new report without a title or credit before it still shows where it
starts: a dateline (`本报讯`, `XX日报讯`, `深圳商报2020年4月21日讯`, `本网双牌讯`,
`人民网西安8月26日电`), a byline line (`■ 记者 正道`, `商铮 报道`), or a lede —
a date phrase and an organisation doing something (`6月19日上午，XX市民政局召开…`).
The same patterns keep datelines and bylines out of derived titles.
"""

from __future__ import annotations

import re

_HAN = r"\u4e00-\u9fff"
_DAY = r"(?:\d{4}年)?(?:\d{1,2}月\d{1,2}日)?"
# `本报讯`, `本报合作讯`, `本网双牌讯`, `新乡日报讯`, `深圳商报2020年4月21日讯`,
# `人民网西安8月26日电`.
DATELINE = re.compile(
    rf"^■?(?:本报|本网|本台|[{_HAN}]{{1,10}}?(?:日报|晚报|商报|时报|报|网|台|融媒体?|新闻))"
    rf"(?:合作)?[{_HAN}]{{0,4}}?{_DAY}(?:讯|电)(?!息|话|视|影|子|力|报|网|台)"
)
# A bracketed byline right after the dateline or at the very start: `（记者 张三 通讯员 李四）`.
BYLINE_BRACKET = re.compile(r"^（\s*(?:[^（）]{0,12}?记者|通讯员)[^（）]{0,40}）")
# A byline on a line of its own: `■ 记者 正道`, `商铮 报道`, `记者 张三 通讯员 李四`.
BYLINE_LINE = re.compile(
    rf"^(?:■\s*)?(?:(?:记者|通讯员)\s*[{_HAN}·\s]{{2,20}}|[{_HAN}\s]{{2,12}}报道)$")
_WHEN = (r"(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年)?\d{1,2}月(?:\d{1,2}日)?"
         r"(?:\s*[至\-—~～]\s*\d{1,2}日)?")
_TIME_OF_DAY = r"(?:上午|下午|晚上|晚间|晚|早上|中午)?"
_VAGUE = r"(?:近日|日前|近期|前不久|昨日|昨天|今天|今日|日前|当天|此前)"
# The date phrase a lede opens with, up to its comma.
LEADING_DATE = re.compile(rf"^(?:{_WHEN}{_TIME_OF_DAY}|{_VAGUE}{_TIME_OF_DAY})[，,]?\s*")
_LEDE_DATE = re.compile(rf"^(?:{_WHEN}{_TIME_OF_DAY}|{_VAGUE}{_TIME_OF_DAY})，")
_EVENT = re.compile(
    r"召开|举行|举办|开展|组织|启动|调研|考察|走访|深入|赴|来到|到|会见|出席|视察|看望|慰问|检查|座谈")
# The organisation a lede names before its verb: `XX市民政局`, `省民政厅党组`, `区政府`.
_ORG = re.compile(
    rf"[{_HAN}]{{0,12}}?(?:民政厅|民政局|民政部|民政所|社会事业局|人民政府|政府|委员会|民政系统|民政)"
)


def strip_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_dateline(text: str) -> bool:
    """Does a line open with a newspaper dateline (`本报讯`, `XX日报讯`, `…8月26日电`)?"""
    return bool(DATELINE.match(strip_spaces(text))) or bool(BYLINE_BRACKET.match(text.strip()))


def is_byline_line(text: str) -> bool:
    """A line that is only a byline (`■ 记者 正道`, `商铮 报道`)."""
    return bool(BYLINE_LINE.match(text.strip()))


def strip_dateline(text: str) -> str:
    """The lede without its dateline and byline: `本报讯（记者 张三）近日，…` → `近日，…`."""
    text = text.strip()
    for _ in range(3):
        dense = text.lstrip("■ \u3000")
        m = DATELINE.match(strip_spaces(dense[:40]))
        if m:
            # Cut as many raw characters as the dense match covers.
            count, cut = 0, 0
            while cut < len(dense) and count < m.end():
                count += not dense[cut].isspace()
                cut += 1
            dense = dense[cut:].lstrip()
        b = BYLINE_BRACKET.match(dense)
        if b:
            dense = dense[b.end():].lstrip()
        if dense == text:
            break
        text = dense
    return text


def lede_subject(text: str) -> str | None:
    """The organisation a lede opens with, when the line is a lede at all.

    `6月19日上午，XX市民政局召开…` → `XX市民政局`; a line that does not open with
    a date phrase, or names no civil-affairs body or government before an
    event verb, gives None (so `3月12日上午，省委召开…` inside a report is no lede).
    """
    text = strip_spaces(strip_dateline(text))
    m = _LEDE_DATE.match(text)
    if not m:
        return None
    clause = re.split(r"[，。；：！？]", text[m.end():], maxsplit=1)[0]
    verb = _EVENT.search(clause)
    if not verb:
        return None
    org = _ORG.search(clause[: verb.start()])
    return org.group(0) if org else None
