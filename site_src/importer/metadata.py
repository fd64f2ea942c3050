"""Read date, place and people from a report's text — only what the text says.

Metadata drives every listing and search filter, so a wrong guess does more
harm than a blank: each rule below takes a value only from a pattern the
bulletins actually use (an attribution, an organisation name, `3月14日`,
`…书记陈斌主持`) and otherwise leaves the field empty.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from site_src.model import gazetteer
from site_src.model.article import PartialDate

_HAN = r"[\u4e00-\u9fff]"
_CN_DIGITS = "〇零一二三四五六七八九"

# --- places -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    names = sorted(gazetteer.place_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _organisation_pattern() -> re.Pattern[str]:
    place = _place_pattern().pattern
    # 江苏省扬州市民政局, 内蒙古自治区民政厅; 扬州市江都区民政局 keeps its prefecture.
    return re.compile(rf"((?:{place})+)(?:{_HAN}{{1,5}}?[县区旗])?民政(?:厅|局)")


def places_named(text: str) -> list[str]:
    """Official names of the provinces and prefectures a text mentions, in order."""
    names = gazetteer.place_names()
    found: list[str] = []
    for m in _place_pattern().finditer(text):
        province, city = names[m.group(0)]
        for name in (province, city):
            if name and name not in found:
                found.append(name)
    return found


def place_of_organisation(text: str) -> tuple[str | None, str | None]:
    """(province, prefecture) of the first civil-affairs bureau named in text."""
    m = _organisation_pattern().search(text)
    if not m:
        return None, None
    names = gazetteer.place_names()
    province = city = None
    for part in _place_pattern().finditer(m.group(1)):
        part_province, part_city = names[part.group(0)]
        if province is None:
            province = part_province
        if part_city and city is None and part_province == province:
            city = part_city
    return province, city


def report_place(
    texts: list[str], *, anonymised: bool
) -> tuple[str | None, str | None]:
    """Province and city from the first text (attribution, title, lede) naming a bureau.

    An anonymised report hides its place on purpose: nothing is guessed.
    """
    if anonymised:
        return None, None
    for text in texts:
        province, city = place_of_organisation(text)
        if province:
            return province, city
    return None, None


def is_anonymised(text: str) -> bool:
    """Names and figures masked with `*` (`*市民政局`, `*.*万人`)."""
    return "*" in text


# --- people -----------------------------------------------------------------

_ROLE_WORD = (
    r"(?:副)?(?:书记|厅长|局长|主任|部长|处长|组长|秘书长|主席|会长|院长|站长|市长|省长|区长|县长"
    r"|理事长)|(?:一级|二级)?巡视员"
)
_ROLE_UNIT = rf"(?:厅|局|处|省|市|区|县)?(?:机关党委|党组|党委|纪检监察组)?(?:{_ROLE_WORD})"
_ROLES = rf"{_ROLE_UNIT}(?:、{_ROLE_UNIT})*"
_ORG = rf"{_HAN}{{1,12}}?(?:民政厅|民政局)"
_START = rf"(?:(?<!{_HAN})|(?<=由))"
_NAME = rf"{_HAN}{{2,3}}"
_LEADER = re.compile(rf"{_START}(?:{_ORG})?(?P<role>{_ROLES})(?P<name>{_NAME})主持")
_SPEAKER = re.compile(
    rf"{_START}(?:{_ORG})?(?P<role>{_ROLES})(?P<name>{_NAME})"
    r"(?=作|传达|通报|宣读|领学|解读|介绍|汇报|发言|讲话|讲授|主讲|部署|总结)"
)


@dataclass(frozen=True)
class People:
    leaders: tuple[str, ...]
    speakers: tuple[str, ...]
    roles: dict[str, str]


def find_people(text: str) -> People:
    """Who chaired (`…书记陈斌主持`) and who reported or spoke (`厅长李丽作工作报告`).

    A name counts only right after a role title and right before the verb; people
    merely mentioned (`民政部部长陆治原在…`, `易炼红书记`) match neither pattern.
    The role keeps its wording minus the organisation (`湖北省民政厅党组书记` → `党组书记`).
    """
    leaders: list[str] = []
    speakers: list[str] = []
    roles: dict[str, str] = {}
    for m in _LEADER.finditer(text):
        if m["name"] not in leaders:
            leaders.append(m["name"])
            roles.setdefault(m["name"], m["role"])
    for m in _SPEAKER.finditer(text):
        if m["name"] not in leaders and m["name"] not in speakers:
            speakers.append(m["name"])
            roles.setdefault(m["name"], m["role"])
    return People(tuple(leaders), tuple(speakers), roles)


# --- dates ------------------------------------------------------------------

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR = rf"\d{{4}}|[{_CN_DIGITS}]{{4}}"
_DATE = re.compile(rf"(?:(?P<y>{_YEAR})年)?(?P<m>{_NUM})月(?:(?P<d>{_NUM})日)?")
_VAGUE = re.compile(r"^(?:近日|日前|近期|前不久|日前|近来|最近)")
_YEAR_IN_TEXT = re.compile(rf"(?<![\d{_CN_DIGITS}])({_YEAR})年")


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


def date_phrase(lede: str) -> DatePhrase:
    """The date of the event, read from the first sentence only.

    Later dates in a report are about other events (`3月12日上午，省委召开…`).
    `近日`/`日前` give no month or day.
    """
    sentence = re.split(r"[。！？]", lede, maxsplit=1)[0]
    if _VAGUE.match(sentence):
        return DatePhrase(text=_VAGUE.match(sentence).group(0))
    m = _DATE.search(sentence)
    if not m:
        return DatePhrase()
    year = _number(m["y"]) if m["y"] else None
    month = _number(m["m"])
    day = _number(m["d"]) if m["d"] else None
    if year is not None and not _plausible_year(year):
        year = None
    if not 1 <= month <= 12:
        return DatePhrase(year=year, text=m.group(0))
    return DatePhrase(year, month, day, m.group(0))


def years_in(text: str) -> list[int]:
    """Explicit years (`2024年`, `二〇二四年`) in a text, in order."""
    years = []
    for m in _YEAR_IN_TEXT.finditer(text):
        year = _number(m.group(1))
        if _plausible_year(year):
            years.append(year)
    return years


def most_common_year(years: list[int]) -> int | None:
    """The year a text is about: the most mentioned one, the later on a tie."""
    if not years:
        return None
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y))


@dataclass(frozen=True)
class DateFinding:
    date: PartialDate | None
    inferred: bool  # the year is not written in the date phrase itself
    year_from: str  # "date", "text", "bulletin" or "" (no year anywhere)
    phrase: str


def resolve_dates(reports: list[tuple[str, str]]) -> list[DateFinding]:
    """Dates for each (lede, full text) of one bulletin; never the build date.

    The year comes from the date phrase itself, else the report's own explicit
    years, else the years of the other reports in the bulletin; a year not
    written in the date phrase itself is marked inferred (readers are told).
    A date with no year at all is left out rather than invented.
    """
    phrases = [date_phrase(lede) for lede, _ in reports]
    own = [
        phrase.year or most_common_year(years_in(text))
        for phrase, (_, text) in zip(phrases, reports, strict=True)
    ]
    findings = []
    for i, phrase in enumerate(phrases):
        year, year_from = own[i], ("date" if phrase.year else "text")
        if year is None:
            others = [y for j, y in enumerate(own) if j != i and y is not None]
            year, year_from = most_common_year(others), "bulletin"
        if year is None:
            findings.append(DateFinding(None, False, "", phrase.text))
            continue
        findings.append(
            DateFinding(_partial(year, phrase), year_from != "date", year_from, phrase.text)
        )
    return findings


def _partial(year: int, phrase: DatePhrase) -> PartialDate:
    try:
        return PartialDate(year, phrase.month, phrase.day)
    except ValueError:
        try:
            return PartialDate(year, phrase.month)
        except ValueError:
            return PartialDate(year)
