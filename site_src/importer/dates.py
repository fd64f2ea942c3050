"""The date of one report's event, only as precise as its own text says.

A bulletin mixes reports from several years, and meetings talk about other
years (`总结2023年工作，部署2024年任务`, `明年`), so a year is taken only from
the date phrase itself, from the name of the same event (`2024年全市养老服务推进会`
held `6月19日`), or from the year an editor states for the whole file
(`import --year`, a masthead `民政工作简报 2023年第1期`). A month and day with
no year are kept as written (`date_text: 12月2日`) for the editor, never dated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from site_src.model.article import PartialDate

_CN_DIGITS = "〇零一二三四五六七八九"
_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = rf"\d{{4}}|[{_CN_DIGITS}]{{4}}"
_DASH = r"[-—–~～－至到]"
_DATE = re.compile(
    rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_NUM})\s*月"
    rf"(?:(?P<d>{_NUM})\s*(?:日(?:{_DASH}(?:(?:{_NUM})月)?(?:{_NUM})日)?|{_DASH}(?:{_NUM})日|号))?"
)
# Openings that say "recently", "yesterday", "today": no date at all.
_VAGUE = re.compile(
    r"^(?:近日|日前|近期|前不久|近来|最近|昨日|昨天|今天|今日|随即|日昨|本周|上周|近年来)"
)
# A dateline or byline before the event (`本报讯（记者 …）`, `深圳商报2020年4月21日讯`,
# `人民网西安8月26日电`): its date is the paper's, not the event's.
_DATELINE = re.compile(
    r"^[^。，！？]{0,30}?(?:(?<![通资视])讯|日电)\s*(?:[（(][^）)]{0,40}[）)])?\s*"
)
_BYLINE = re.compile(r"^\s*[（(](?:记者|通讯员|文|本报记者)[^）)]{0,40}[）)]\s*")
# The same event's name carrying a year: `2024年全市养老服务推进会`,
# `2017-2018年冬春救助专项行动部署会`. Not a year under review or in a plan.
_EVENT_YEAR = re.compile(
    rf"(?<![\d{_CN_DIGITS}])(?P<y>{_YEAR})(?:\s*{_DASH}\s*(?:{_YEAR}))?\s*年度?"
    r"(?P<name>[^，。；：！？（）\s\d][^，。；：！？（）\s\d]{1,29}?"
    r"(?:会议|大会|工作会|推进会|座谈会|务虚会|部署会|调度会|培训会|培训班|视频会|现场会|交流会|动员会|年会|宣传月|通气会"
    r"|收心会|总结会|表彰会|研讨会|报告会|发布会|协调会|联席会|汇报会|分析会|观摩会|活动))"
)
# A day without its month right before the event's verb (wire style: `民政部21日召开…`).
_BARE_DAY = re.compile(
    r"(?<![\d月年.])\d{1,2}日(?=(?:上午|下午|晚)?(?:在[^，。]{1,20})?(?:召开|举行|举办|开幕))")
# Words that make a sentence tell of an event or its actors (a literary opener has none:
# `鹊桥驾星，牵手文明，人间七夕佳令。`).
_ACTS = re.compile(r"召开|举行|举办|开展|调研|组织|启动|走访|慰问|座谈|考察|视察|部署|学习"
                   r"|出席|主持|召集|参加|会议|领导|民政|政府|厅|局|讯|电|到|赴|来")
_PLANNING = re.compile(
    r"(?:总结|部署|谋划|研究|回顾|安排|展望|筹备|规划|计划|贯彻|落实|学习|传达)[^，。；]{0,6}$"
)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))


def _plausible_year(year: int) -> bool:
    return 1949 <= year <= 2100


@dataclass(frozen=True)
class DatePhrase:
    """What the opening sentence says about when: year/month/day, each maybe unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    text: str = ""


def opening_sentence(lede: str) -> str:
    """The lede's first sentence without its dateline or byline."""
    sentences = re.split(r"[。！？]", lede.strip())
    sentence = sentences[0]
    if (re.match(r"为了?", sentence) or not _ACTS.search(sentence)) and not _DATE.search(
            sentence) and not _VAGUE.match(sentence) and len(sentences) > 1:
        # `为深入贯彻…。5月16日，…召开…`, `鹊桥驾星，…佳令。为…，X区于8月10日…举办`:
        # a purpose or a topic comes first, the event's sentence after it
        sentence = sentences[1]
    sentence = _DATELINE.sub("", sentence, count=1) if _DATELINE.match(sentence) else sentence
    return _BYLINE.sub("", sentence, count=1).strip(" ，,　")


def date_phrase(lede: str) -> DatePhrase:
    """The date of the event, read from the first sentence only.

    Later dates are about other events (`3月12日上午，省委召开…`); `近日`,
    `昨日` give nothing; a dateline's date is the paper's, not the event's.
    """
    sentence = opening_sentence(lede)
    vague = _VAGUE.match(sentence)
    if vague:  # `今天（8月10日）上午`: the paper gives the day in brackets
        bracketed = re.match(r"\s*[（(]\s*(\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[）)]",
                             sentence[vague.end():])
        if not bracketed:
            return DatePhrase(text=vague.group(0))
        sentence = bracketed.group(1)
    m = _DATE.search(sentence)
    if not m:
        return DatePhrase()
    year = _number(m["y"]) if m["y"] else None
    month = _number(m["m"])
    day = _number(m["d"]) if m["d"] else None
    if year is not None and not _plausible_year(year):
        year = None
    text = re.sub(r"\s", "", m.group(0))
    if not 1 <= month <= 12:
        return DatePhrase(year=year, text=text)
    return DatePhrase(year, month, day, text)


def event_year(title: str, opening: str) -> int | None:
    """The year in the name of the event the headline or opening sentence reports.

    `总结2023年工作` / `部署2024年任务` / `研究部署2026年工作的会议` are years
    under review or planned, not when the meeting was held.
    """
    years, held = [], []
    for text in (title, opening):
        for m in _EVENT_YEAR.finditer(text):
            if _PLANNING.search(text[max(0, m.start() - 6) : m.start()]):
                continue
            if re.search(r"工作的|任务的", m["name"]) or text.startswith("精神", m.end()):
                continue
            year = _number(m["y"])
            if _plausible_year(year):
                years.append(year)
                if re.search(r"(?:召开|举行|举办)了?$", text[: m.start()]):
                    held.append(year)
    # Two meetings held together (`召开2018年…工作会议暨2017年…年检会议`): the one convened.
    for found in (years, held):
        if len(set(found)) == 1:
            return found[0]
    return None


_NUMBERED = re.compile(
    rf"(?<![\d{_CN_DIGITS}])(?P<y>{_YEAR})\s*年\s*第\s*[\d一二三四五六七八九十]+\s*次"
)


def _numbered_session_year(opening: str) -> int | None:
    """`日前，…举行2024年第七次党组会议`: the Nth meeting of a year is held in that year."""
    years = {_number(m["y"]) for m in _NUMBERED.finditer(opening)}
    year = years.pop() if len(years) == 1 else None
    return year if year and _plausible_year(year) else None


@dataclass(frozen=True)
class DateFinding:
    date: PartialDate | None
    inferred: bool  # the year is not written in the date phrase itself
    year_from: str  # "date", "event", "bulletin" or "" (no year)
    text: str | None  # the date as written, when `date` is missing or less precise


def report_date(title: str, lede: str, bulletin_year: int | None = None) -> DateFinding:
    """The event's date from this report alone, or from the year stated for the whole file.

    `bulletin_year` is what an editor or the file's masthead says
    (`import --year`, `民政工作简报 2023年第1期`); it is used only when the
    report's own text gives a month but no year.
    """
    phrase = date_phrase(lede)
    if phrase.month is None:
        if phrase.year:
            return DateFinding(PartialDate(phrase.year), False, "date", None)
        numbered = _numbered_session_year(opening_sentence(lede))
        if numbered:
            return DateFinding(PartialDate(numbered), True, "event", None)
        day = _BARE_DAY.search(opening_sentence(lede)) if not phrase.text else None
        if day:  # `民政部21日召开2022年…会议`: the day's month is not given
            year = event_year(title, opening_sentence(lede))
            return DateFinding(PartialDate(year) if year else None, bool(year),
                               "event" if year else "", day.group(0))
        return DateFinding(None, False, "", None)
    year, year_from = phrase.year, "date"
    if year is None:
        year, year_from = event_year(title, opening_sentence(lede)), "event"
    if year is None:
        year = _season_year(lede, phrase.month)
    if year is None and bulletin_year is not None:
        year, year_from = bulletin_year, "bulletin"
    if year is None:
        return DateFinding(None, False, "", phrase.text)
    date = _partial(year, phrase)
    less_precise = phrase.day is not None and date.day is None
    return DateFinding(date, year_from != "date", year_from, phrase.text if less_precise else None)


# A festival drawing near, named with its year, that the report's visits are for
# (`2018年春节临近，…从2月7日开始…慰问`), and the months its eve may fall in: the
# year of a day in those months (a December day before 2019年春节 is in 2018).
_SEASON_YEAR = re.compile(
    rf"^(?P<y>{_YEAR})\s*年\s*(?P<f>春节|新春|清明|端午|中秋|国庆|重阳)"
    r"[^，。]{0,6}?(?:临近|将至|来临|前夕|期间|之际|到来)")
_SEASON_MONTHS = {"春节": (1, 2), "新春": (1, 2), "清明": (3, 4), "端午": (5, 6),
                  "中秋": (8, 9, 10), "国庆": (9, 10), "重阳": (9, 10, 11)}


def _season_year(lede: str, month: int | None) -> int | None:
    m = _SEASON_YEAR.match(lede.strip())
    if not m or month not in _SEASON_MONTHS[m["f"]]:
        return None
    year = _number(m["y"])
    return year if _plausible_year(year) else None


def _partial(year: int, phrase: DatePhrase) -> PartialDate:
    try:
        return PartialDate(year, phrase.month, phrase.day)
    except ValueError:
        try:
            return PartialDate(year, phrase.month)
        except ValueError:
            return PartialDate(year)
