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

from site_src.model.article import ROLE_LIMIT

_HAN = r"[\u4e00-\u9fff]"
_ROLE_WORD = (
    r"(?:一级|二级|三级|四级)?主任科员|(?:副|常务副|代理|代)?(?:书记|厅长|局长|主任|部长|处长|科长|组长|秘书长|主席|会长|院长|站长|市长|省长"
    r"|区长|县长|镇长|乡长|州长|盟长|旗长|理事长|司长|所长|馆长|校长|社长|主委|总经理|董事长)"
    r"|(?:一级|二级|三级|四级|副)?(?:巡视员|调研员)|(?:宣传|组织|统战)部长|党组成员|党委委员|纪检监察组组长|委员|常委|负责人"
    r"|参事|领导(?!班子|小组|干部|同志|成员|们)"
)
_ROLE_UNIT = (
    rf"(?:挂职|驻厅|驻局|分管)?(?:厅|局|处|省|市|区|县|州|部|站|院|中心)?(?:机关党委|党组|党委|纪检监察组|纪委|委)?"
    rf"(?:{_ROLE_WORD})"
)
_ORG_END = (
    r"(?:民政厅|民政局|民政部|政府|党委|人大|政协|常委会|委员会|办公室|中心|研究所|总会|协会|学会|联合会|商会|基金会|促进会|研究会"
    r"|局|处|司|部|办|小组|(?=[科股]长)"
    r"|委|(?:省|市|县|区|州|盟|旗|镇|乡)(?![市县区委]))(?!长)"
)
_ORG = rf"{_HAN}{{0,14}}?{_ORG_END}"
# An organisation between two roles (`副局长、社会团体管理局局长`) holds no role word,
# so a role list never swallows a name (`厅长于勇和民政部…副司长`).
_INNER_ORG = rf"(?:(?!长|书记|主任|委员|[和与及]){_HAN}){{1,14}}?{_ORG_END}"
_ROLES = rf"{_ROLE_UNIT}(?:[、，,](?:{_INNER_ORG})?{_ROLE_UNIT}|{_ROLE_UNIT})*"
# A name starts a clause: nothing Han right before the role (or `由`, `会议由…主持`).
_START = rf"(?:(?<!{_HAN})|(?<=[由请和与、及]))"
# Most names are two or three Han characters. Longer ones are names of minority
# peoples — with a middle dot (`阿力木江·肉孜`) or without (`洛桑江村`, `次仁平措`):
# read only when the two- and three-character readings fail, never starting
# with a common Han surname (`王五随即讲话` is 王五, not 王五随即) and holding
# no word that follows a name (`等`, `在`, `一行`…).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮普阙浦戈伏鹿薄邸雍辜羊逯揭桓"
)
_AFTER_NAME = (
    "的了在对为和与及等是将从由把被就也并又各向到说代表随即亲专特重当现逐共同率带领一行首还再"
    "分别详细简要短充全深刻系原具出席参会见志主持讲话发言致辞通报传达部署提指强调汇介绍解读示求宣"
)
_LONG_NAME = rf"(?![{_SURNAMES}])(?:(?![{_AFTER_NAME}]){_HAN}){{4,6}}"
_DOTTED_NAME = rf"{_HAN}{{1,6}}·{_HAN}{{1,6}}"
# A third character that follows a name (`王强在会上`, `张苑作报告`) is not part of it.
_NAME = (rf"(?P<name>{_HAN}{{2}}(?:(?![在的了等和与及是对就向省市县区局厅作做前]){_HAN})?"
         rf"|{_DOTTED_NAME}|{_LONG_NAME})")
_NAME_LAZY = rf"(?P<name>{_HAN}{{2,3}}?)"  # before a title: `周凯副市长` is 周凯
_ADVERB = (
    r"(?:现场|原文|再次|充分|全面|详细|具体|简要|重点|深刻|系统|分别|也|还|随后|最后|首先|一并|先后|一是)"
)
_BETWEEN = (
    rf"(?:同志)?(?:在[^，。；]{{0,20}}?[中上后时][，,：:]?|(?:出席|参加|会见)[^。；]{{0,12}}?并"
    rf"|到会并|会上|一行)?{_ADVERB}?"
)
_SPEAKS = (
    r"(?:作|做)(?:了)?[^，。；]{0,12}?(?:报告|讲话|发言|总结|说明|辅导|部署|点评)|讲话|发言|致辞|通报|传达"
    r"|部署|提出(?:了)?[^，。；]{0,6}?(?:要求|意见|建议)|提出要|指出|强调|汇报|介绍|解读|表示|要求|宣读|领学"
    r"|带头学习|组织学习|肯定|希望|讲授|主讲|总结|回顾|解疑释惑|(?:高度)?评价|进行了?分析|勉励|讲解|致以|致(?:欢迎|开幕|闭幕)[辞词]"
)
# Speaking opens the clause (`李丽作工作报告`) or ends a short phrase about
# what was spoken on (`白楠生就全市情况作了汇报`, `宋晓东对媒体提出要求`).
_CLAUSE_SPEAKS = (
    rf"{_BETWEEN}(?:{_SPEAKS}|(?:针对|对|就|向|从|用|以|代表|结合)[^。；]{{0,40}}?(?:{_SPEAKS}))"
)
_BEFORE = rf"{_START}(?:{_ORG})?(?P<role>{_ROLES})"
# `…主持`, `…共同主持`, `…第一时间主持召开`.
_CHAIR_ADVERB = r"(?:共同|一同|第一时间|亲自|专门|随即)?"
_LEADER = re.compile(rf"{_BEFORE}{_NAME}(?:同志)?(?:[、和与]{_HAN}{{2,3}})*{_CHAIR_ADVERB}主持")
# `市民政局淡利锋局长主持会议`: the name before its title.
_NAME_FIRST_CHAIR = re.compile(
    rf"{_START}(?:{_ORG})?{_NAME_LAZY}(?P<role>{_ROLE_WORD})(?:同志)?主持"
)
# `会议由民政部培训中心民政政策理论研究所所长成海军主持`: the organisation may be long.
_CHAIRED_BY = re.compile(
    rf"由(?:{_HAN}{{0,24}}?{_ORG_END})?(?P<role>{_ROLES})?{_NAME}(?:同志)?主持")
_SPEAKER = re.compile(rf"{_BEFORE}{_NAME}{_CLAUSE_SPEAKS}")
# A bureau before a name and its title (`社管局谢田全局长`, `民政部社会事务司刘涛副司长`);
# never a party committee (`省委易炼红书记` reports another body's meeting).
_STAFF_ORG = rf"{_HAN}{{0,14}}?(?:局|厅|司|处|办|中心|科|股|室|所|站|院)"
# `张百璘副市长充分肯定`, `田培忠副局长出席会议并讲话`: the name before its title.
_NAME_FIRST = re.compile(
    rf"{_START}(?:{_STAFF_ORG})?{_NAME_LAZY}(?P<role>{_ROLE_WORD}){_CLAUSE_SPEAKS}")
_MENTION_END = (
    r"(?=[，。、；：（）(),\s]|出席|参加|陪同|等|同志|在|主持|作|做|到|率|带|一行|表示|指出|强调|和|与|及"
    r"|赴|来|前来|前往|深入|走访|调研|先后|针对|对|就|向|从|用|以|会见|接受)"
)
_MENTION = re.compile(rf"{_BEFORE}{_NAME}{_MENTION_END}")
_NAME_FIRST_MENTION = re.compile(
    rf"{_START}(?:{_STAFF_ORG})?{_NAME_LAZY}(?P<role>{_ROLE_WORD}){_MENTION_END}")
# More people listed with a speaker: `主席陈武、部长李立国在会上讲话`.
_LIST_TAIL = re.compile(
    rf"(?:[、和与及](?:{_ORG})?(?:{_ROLES})?{_HAN}{{2,3}}(?:同志)?)+{_CLAUSE_SPEAKS}"
)
# Titled people listed with commas before `分别` speak each in turn
# (`局长甲，主任乙分别介绍了…`): the first is not followed by `、`.
_SEVERALLY_TAIL = re.compile(
    rf"(?:，{_HAN}{{0,16}}?(?:{_ROLES}){_HAN}{{2,3}}?(?:同志)?)+(?=分别){_CLAUSE_SPEAKS}"
)
_TITLE_ONLY = re.compile(
    rf"(?<!{_HAN}{{2}})(?P<surname>{_HAN})"
    r"(?P<title>副?(?:厅长|局长|主任|部长|处长|科长|书记|市长|区长|县长|省长|镇长|乡长))"
    rf"{_CLAUSE_SPEAKS}"
)
_INSTRUCTS = r"(?:作出|做出|作了|作)了?(?:重要)?(?:书面)?批示"
# A written instruction or a letter is not a speech at the event.
_NOT_SPEECH = re.compile(r"批示|贺信|贺电|致信|题词")
# Characters that cannot start or end a Chinese personal name here.
_NOT_NAME = re.compile(
    r"^[在对为和与及等是将从由把被就也都已并又各局厅处科股室办]|[在的了等和与及是对就向省市县区局厅副]$"
    r"|同志$|[会议们]|党组|党委"
    # words that qualify a title, not a person (`分管副主任对…作了点评`)
    r"|^(?:分管|主管|主要|相关|有关|时任|现任|原任|全体|部分|其他|其它|各位)$"
)


@dataclass(frozen=True)
class People:
    leaders: tuple[str, ...]
    speakers: tuple[str, ...]
    roles: dict[str, str]
    named: tuple[str, ...] = ()  # everyone a role title introduces, speaking or not


def _masked(name: str) -> bool:
    return "*" in name


def find_people(text: str) -> People:
    """Chairs (`主持`) and other speakers of one report, in order of appearance.

    The role keeps its wording minus the organisation (`湖北省民政厅党组书记` → `党组书记`).
    A chair who also speaks is a leader only.
    """
    leaders: dict[str, str] = {}
    for pattern in (_LEADER, _CHAIRED_BY, _NAME_FIRST_CHAIR):
        for m in pattern.finditer(text):
            for name in _names_at(text, m):
                leaders.setdefault(name, m["role"] or "")
    titled = _titled_people(text)
    for name, role in titled.items():
        if re.search(rf"(?<!{_HAN}){re.escape(name)}(?:同志)?(?:共同)?主持", text):
            leaders.setdefault(name, role)
    leaders = dict(sorted(leaders.items(), key=lambda kv: text.find(kv[0])))
    speakers: dict[str, str] = {}

    instructing = {
        n for n in titled
        if re.search(rf"{re.escape(n)}[^。；，]{{0,50}}?{_INSTRUCTS}", text)
    }

    def add(name: str, role: str) -> None:
        if _ok(name) and name not in leaders and name not in instructing:
            speakers.setdefault(name, role)

    for pattern in (_SPEAKER, _NAME_FIRST):
        for m in _matches(pattern, text):
            before_meeting = text[max(0, m.start() - 4) : m.start()].find("会前") >= 0
            relayed = text.startswith("精神", m.end())  # `X市长讲话精神`: a speech passed on
            if not _NOT_SPEECH.search(m.group(0)) and not before_meeting and not relayed:
                add(m["name"], m["role"])
    for m in _MENTION.finditer(text):
        tail = _LIST_TAIL.match(text, m.end()) or _SEVERALLY_TAIL.match(text, m.end())
        if tail and _ok(m["name"]) and not _NOT_SPEECH.search(tail.group(0)):
            add(m["name"], m["role"])
            for name in _listed(text, m.end()):
                add(name, titled.get(name, ""))
    for name, role in titled.items():
        if _speaks_later(text, name):
            add(name, role)
    for m in _TITLE_ONLY.finditer(text):
        name = _resolve(m["surname"], m["title"], titled)
        if name:
            add(name, titled[name])
    ordered = sorted(speakers, key=text.find)
    found = [*leaders.items(), *((n, speakers[n]) for n in ordered)]
    roles = {n: r for n, r in found if r and len(r) <= ROLE_LIMIT}  # a longer one is a misread
    return People(tuple(leaders), tuple(ordered), roles, tuple(dict.fromkeys([*leaders, *titled])))


_LISTED_WITH = re.compile(rf"、(?P<name>{_HAN}{{2,3}}?)(?=[、，。；,]|等|出席|参加|陪同)")
_LIST_ITEM = re.compile(
    rf"[、和与及](?:{_ORG})?(?:{_ROLES})?(?P<name>{_HAN}{{2,3}}?)(?:同志)?"
    rf"(?=[、和与及]|{_CLAUSE_SPEAKS})"
)


def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match, the next one searched from the end of this one's name (they may overlap)."""
    found, pos = [], 0
    while m := pattern.search(text, pos):
        found.append(m)
        pos = m.end("name")
    return found


def _listed(text: str, pos: int) -> list[str]:
    """The names listed after a speaker's (`、赵济红`, `和…副司长佘瑞东`) up to the verb."""
    names = []
    while m := _LIST_ITEM.match(text, pos):
        names.append(m["name"])
        pos = m.end()
    return names


def _speaks_later(text: str, name: str) -> bool:
    """A person introduced with a title who later opens a clause speaking (`董浩指出`),
    alone or first of bare names listed with `、` (`甲、乙就…提出要求`)."""
    # …or after its bureau (`县民政局刘李军同志表示`)
    bare = re.compile(rf"(?:(?<!{_HAN})|(?<=[局厅处办委室站所]))"
                      rf"{re.escape(name)}(?:同志)?(?:、{_HAN}{{2,3}}?(?:同志)?)*{_CLAUSE_SPEAKS}")
    return any(not _NOT_SPEECH.search(m.group(0)) for m in bare.finditer(text))


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
    for pattern in (_MENTION, _NAME_FIRST_MENTION):
        for m in pattern.finditer(text):
            if _ok(m["name"]):
                people.setdefault(m["name"], m["role"])
                pos = m.end()
                while item := _LISTED_WITH.match(text, pos):  # `巡视员宋称意、付卫兵，`
                    if _ok(item["name"]):
                        people.setdefault(item["name"], m["role"])
                    pos = item.end()
    return people


def _resolve(surname: str, title: str, titled: dict[str, str]) -> str | None:
    """`王` + `区长` → the one person named earlier with that surname and title."""
    core = title.removeprefix("副")
    matches = [n for n, role in titled.items() if n.startswith(surname) and core in role]
    return matches[0] if len(matches) == 1 else None
