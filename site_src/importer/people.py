"""Who chaired a report's event and who spoke at it — named people only.

Names drive the people pages, so a name is taken only where a role title
introduces it and a verb says what the person did: `厅长陈斌主持会议` (chair),
`副厅长李丽作工作报告`, `副市长郑桐出席并讲话` (speakers). People merely
mentioned (`习近平总书记`, `民政部部长陆治原在…`), attendees (`出席`, `参加`),
authors of an instruction read out (`批示`) match neither pattern. A person
referred to later by surname and title (`王区长强调`) counts for the one
named earlier with that title (`副区长王晓丽`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HAN = r"[\u4e00-\u9fff]"
_ROLE_WORD = (
    r"(?:副|常务副)?(?:书记|厅长|局长|主任|部长|处长|科长|组长|秘书长|主席|会长|院长|站长|市长|省长"
    r"|区长|县长|镇长|乡长|州长|盟长|旗长|理事长|司长|所长|馆长|校长|社长|主委|总经理|董事长)"
    r"|(?:一级|二级|三级|四级)?(?:巡视员|调研员)|党组成员|党委委员|纪检监察组组长|委员|常委"
)
_ROLE_UNIT = (
    rf"(?:厅|局|处|省|市|区|县|州|部|站|院|中心)?(?:机关党委|党组|党委|纪检监察组|纪委)?(?:{_ROLE_WORD})"
)
_ROLES = rf"{_ROLE_UNIT}(?:[、，,]?{_ROLE_UNIT})*"
_ORG = rf"{_HAN}{{1,14}}?(?:民政厅|民政局|民政部|政府|党委|人大|政协|委员会|办公室|中心)"
# A name starts a clause: nothing Han right before the role (or `由`, `会议由…主持`).
_START = rf"(?:(?<!{_HAN})|(?<=[由请和与、及]))"
_NAME = rf"(?P<name>{_HAN}{{2,3}})"
_BETWEEN = (
    r"(?:同志)?(?:在会上|在会议上|在讲话中|在总结讲话中|出席(?:会议|活动)?并|到会并|随后|最后|会上|一行)?"
)
_SPEAKS = (
    r"(?:作|做)(?:了)?[^，。；]{0,12}?(?:报告|讲话|发言|总结|说明|辅导|部署|点评)|讲话|发言|致辞|通报|传达|部署"
    r"|提出(?:了)?[^，。；]{0,4}?要求|指出|强调|汇报|介绍|解读|表示|要求|宣读|领学|带头学习|肯定|希望"
    r"|讲授|主讲|总结|解疑释惑"
)
_BEFORE = rf"{_START}(?:{_ORG})?(?P<role>{_ROLES})"
_LEADER = re.compile(rf"{_BEFORE}{_NAME}(?:同志)?(?:[、和与]{_HAN}{{2,3}})*(?:共同|一同)?主持")
_CHAIRED_BY = re.compile(rf"由(?:{_ORG})?(?P<role>{_ROLES})?{_NAME}(?:同志)?主持")
_SPEAKER = re.compile(rf"{_BEFORE}{_NAME}{_BETWEEN}(?:{_SPEAKS})")
_MENTION = re.compile(
    rf"{_BEFORE}{_NAME}(?=[，。、；：（）(),\s]|出席|参加|陪同|等|同志|在|主持|作|做|到|率|带|一行|表示|指出|强调)"
)
_TITLE_ONLY = re.compile(
    rf"(?<!{_HAN}{{2}})(?P<surname>{_HAN})(?P<title>副?(?:厅长|局长|主任|部长|处长|科长|书记|市长|区长|县长|省长))"
    rf"{_BETWEEN}(?:{_SPEAKS})"
)
# Characters that cannot start or end a Chinese personal name here.
_NOT_NAME = re.compile(r"^[在对向为于和与及等是将从由把被就也都已并又]|[在的了等和与及是]$|同志$")


@dataclass(frozen=True)
class People:
    leaders: tuple[str, ...]
    speakers: tuple[str, ...]
    roles: dict[str, str]


def _masked(name: str) -> bool:
    return "*" in name


def find_people(text: str) -> People:
    """Chairs (`主持`) and other speakers of one report, in order of appearance.

    The role keeps its wording minus the organisation (`湖北省民政厅党组书记` → `党组书记`).
    A chair who also speaks is a leader only.
    """
    leaders: dict[str, str] = {}
    for pattern in (_LEADER, _CHAIRED_BY):
        for m in pattern.finditer(text):
            for name in _names_at(text, m):
                leaders.setdefault(name, m["role"] or "")
    leaders = dict(sorted(leaders.items(), key=lambda kv: text.find(kv[0])))
    titled = _titled_people(text)
    speakers: dict[str, str] = {}
    for m in _SPEAKER.finditer(text):
        name = m["name"]
        if _ok(name) and name not in leaders:
            speakers.setdefault(name, m["role"])
    for m in _TITLE_ONLY.finditer(text):
        name = _resolve(m["surname"], m["title"], titled)
        if name and name not in leaders:
            speakers.setdefault(name, titled[name])
    ordered = sorted(speakers, key=text.find)
    roles = {**{n: r for n, r in leaders.items() if r}, **{n: speakers[n] for n in ordered}}
    return People(tuple(leaders), tuple(ordered), roles)


def _names_at(text: str, m: re.Match[str]) -> list[str]:
    """The chair's name, and co-chairs listed with it (`A、B共同主持`)."""
    names = [m["name"]]
    tail = text[m.end("name") : m.end()]
    names += re.findall(rf"[、和与]({_HAN}{{2,3}})(?=[、和与]|共同|一同|主持)", tail)
    return [n for n in names if _ok(n)]


def _ok(name: str) -> bool:
    return not _masked(name) and not _NOT_NAME.search(name)


def _titled_people(text: str) -> dict[str, str]:
    """Every name introduced by a role title (`副区长王晓丽`) → its role."""
    people: dict[str, str] = {}
    for m in _MENTION.finditer(text):
        if _ok(m["name"]):
            people.setdefault(m["name"], m["role"])
    return people


def _resolve(surname: str, title: str, titled: dict[str, str]) -> str | None:
    """`王` + `区长` → the one person named earlier with that surname and title."""
    core = title.removeprefix("副")
    matches = [n for n, role in titled.items() if n.startswith(surname) and core in role]
    return matches[0] if len(matches) == 1 else None
