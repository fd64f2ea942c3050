"""Read one report's metadata from its own text — only what the text says.

Metadata drives every listing and search filter, so a wrong guess does more
harm than a blank. Every value here is computed from a single report after
the bulletin is split (never from a neighbouring report): place
(importer/places.py), people (importer/people.py), date (importer/dates.py)
and the source named in the report's credit (below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from site_src.importer.credits import DATE_TAIL, reprint_source, without_writer
from site_src.importer.dates import DateFinding, report_date
from site_src.importer.openings import lede_subject
from site_src.importer.people import find_people
from site_src.importer.places import report_place
from site_src.importer.reading import simplified, without_pinyin
from site_src.model import gazetteer

__all__ = ["ReportMetadata", "credit_source", "is_anonymised", "places_named", "read_metadata"]

_HAN = r"[\u4e00-\u9fff]"
# Endings that make a word an organisation (a bureau, an office, a paper, a
# site, a county's media centre, a ministry's account `江西民政`).
_ORG_END = re.compile(
    r"(?:厅|局|处|室|办|委|会|部|中心|报|网|站|台|社|媒|民政|组|科|股|所|院|政府|团|队|办公室|供稿)$"
)
_LABELLED = re.compile(r"^(?:信息来源|稿件来源|来源|稿源|供稿|供稿单位|据)\s*[：:]?\s*(?P<v>.+)$")
_WRITERS = re.compile(
    r"^(?:文|图|记者|通讯员|作者|撰稿|摄影|编辑|责任编辑|审核|编审|校对|本报记者|实习生"
    r"|终审|初审|复审|签发|监制|[一二三]审)"
)
_BRACKETED_END = re.compile(r"[（(](?P<v>[^（）()]{1,60})[）)]\s*$")
_PLAIN_CREDIT = re.compile(r"^(?:信息来源|稿件来源|来源|稿源|供稿)\s*[：:]\s*(?P<v>[^。]{1,60})$")
# A credit line of several labels: `编审：刘志德 编辑：闫丽 供稿：办公室`.
_IN_CREDIT_LINE = re.compile(
    r"^(?=[^。！？]{0,60}$)(?=.*(?:编辑|编审|审核|终审|责任编辑)\s*[：:]).*?"
    r"(?:供稿|来源|稿源|信息来源)\s*[：:]\s*(?P<v>[^\s：:]{2,30})"
)


def places_named(text: str) -> list[str]:
    """Official names of the provinces and prefectures a text mentions, in order.

    Used by the splitter to match a dangling title with its report.
    """
    names = gazetteer.place_names()
    found: list[str] = []
    for m in _place_pattern().finditer(text):
        province, city = names[m.group(0)]
        for name in (province, city):
            if name and name not in found:
                found.append(name)
    return found


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    names = sorted(gazetteer.place_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def is_anonymised(text: str) -> bool:
    """Names and figures masked with `*` (`*市民政局`, `*.*万人`)."""
    return "*" in text


def credit_source(paragraphs: list[str]) -> str | None:
    """The organisation named in the report's credit line, as written, or None.

    Credits come as `（据X）`, `（来源：X）`, `来源：X`, `（X民政）`,
    `（X民政局供稿）`, `（X省民政厅 办公室）`, `（澧县民政局 李四）`; a credit
    naming only writers (`（文/张三；图/李四）`, `（记者 张三）`, `（王五）`) has no
    source, and a dateline (`本报讯`) is not a credit. Only the last two
    paragraphs are read: a credit closes its report.
    """
    for text in reversed(paragraphs[-2:]):
        text = text.strip()
        if reprint_source(text):  # `------转自《人民日报》5月7日A12`
            return reprint_source(text)
        m = _BRACKETED_END.search(text) or _PLAIN_CREDIT.match(text) or _IN_CREDIT_LINE.search(text)
        if not m:
            continue
        source = _organisation(m["v"])
        if source:
            return source
    return None


def _organisation(credit: str) -> str | None:
    credit = credit.strip()
    labelled = _LABELLED.match(credit)
    if labelled:
        credit = labelled["v"].strip()
    elif _WRITERS.match(credit):
        return None
    credit = DATE_TAIL.sub("", credit)
    credit = re.sub(r"\s*供稿$", "", credit)
    # `荆门广播电视台编辑：郭铁三审：丁凡荣`: an organisation run into its staff labels.
    credit = re.sub(r"(?<=[台站网报社局厅心])(?=(?:责任编辑|编辑|审核|[一二三初复终]审|校对)"
                    r"[：:/])", " ", credit)
    # `凉山州新闻传媒中心记者 吉庆`: the paper before its writers' label.
    credit = re.sub(r"^(\S{2,20}?(?:中心|报社|报|网|台|社|融媒|传媒|媒体))(?:记者|通讯员|特约记者)",
                    r"\1 记者 ", credit)
    parts = [without_writer(p) for p in re.split(r"\s+", credit) if p]
    kept = []
    for part in parts:
        if _WRITERS.match(part):
            break
        if _ORG_END.search(part) and re.fullmatch(rf"[{_HAN[1:-1]}*＊A-Za-z0-9·]{{2,40}}", part):
            kept.append(part)
        elif kept:
            break
        else:
            return None  # a person's name, or not an organisation at all
    return " ".join(kept) or None


@dataclass(frozen=True)
class ReportMetadata:
    province: str | None
    city: str | None
    leaders: tuple[str, ...]
    speakers: tuple[str, ...]
    roles: dict[str, str]
    source: str | None
    anonymised: bool
    date: DateFinding


def read_metadata(
    title: str, paragraphs: list[str], bulletin_year: int | None = None
) -> ReportMetadata:
    """Everything the site files a report under, from this report's own title and paragraphs.

    `title` is the printed headline ("" when the report has none; a derived
    title repeats the lede and adds nothing); `bulletin_year` is the year an
    editor or the file's masthead states for every report in the file.
    """
    printed = without_pinyin(f"{title}\n" + "\n".join(paragraphs))
    title, *paragraphs = simplified(printed).split("\n")
    body = "\n".join(paragraphs)
    anonymised = is_anonymised(title + body)
    people = find_people(title + "\n" + body)
    province, city = report_place(title, body, anonymised=anonymised, people=people.named)
    # Two events run together (a second dated lede): the chairs are the first one's.
    second = next((i for i, p in enumerate(paragraphs) if i and lede_subject(p)), None)
    if second is not None:
        first_event = find_people(title + "\n" + "\n".join(paragraphs[:second]))
        kept = set(first_event.leaders) | set(people.speakers)
        people = replace(people, leaders=first_event.leaders,
                         roles={n: r for n, r in people.roles.items() if n in kept})
    # A byline paragraph (`商铮 报道`) before the lede says nothing about when.
    ledes = [p for p in paragraphs if len(p) > 16 or "。" in p]
    lede = ledes[0] if ledes else (paragraphs[0] if paragraphs else "")
    found = report_date(title, lede, bulletin_year)
    as_printed = _as_printed(printed, f"{title}\n{body}")
    return ReportMetadata(
        province=province,
        city=city,
        leaders=tuple(map(as_printed, people.leaders)),
        speakers=tuple(map(as_printed, people.speakers)),
        roles={as_printed(n): as_printed(r) for n, r in people.roles.items()},
        source=as_printed(credit_source(paragraphs)),
        anonymised=anonymised,
        date=replace(found, text=as_printed(found.text)),
    )


def _as_printed(printed: str, read: str):
    """The printed form of a value found in the simplified reading of the same text."""

    def lookup(value: str | None) -> str | None:
        if not value or printed == read:
            return value
        at = read.find(value)
        return printed[at : at + len(value)] if at >= 0 else value

    return lookup


def year_note(finding: DateFinding) -> str:
    """Where a date's year came from, for the dry-run table."""
    if finding.date is None:
        return ""
    notes = {"date": "", "event": "year from event name", "bulletin": "year of the bulletin"}
    return notes[finding.year_from]
