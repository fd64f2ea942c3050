"""How a report opens: newspaper datelines, bylines and ledes.

A new report without a title or credit before it still shows where it
starts: a dateline (`本报讯`, `XX日报讯`, `深圳商报2020年4月21日讯`, `本网双牌讯`,
`人民网西安8月26日电`), a byline line (`■ 记者 正道`, `商铮 报道`), or a lede —
a date phrase and an organisation doing something (`6月19日上午，XX市民政局召开…`).
The same patterns keep datelines and bylines out of derived titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_src.importer.reading import kept_count, reading

_HAN = r"\u4e00-\u9fff"
_DAY = r"(?:\d{4}年)?(?:\d{1,2}月\d{1,2}日?)?"  # `4月30讯` drops its 日
# `本报讯`, `本报合作讯`, `本网双牌讯`, `新乡日报讯`, `深圳商报2020年4月21日讯`,
# `人民网西安8月26日电`.
DATELINE = re.compile(
    rf"^■?(?:本[报報网網台臺]|[{_HAN}]{{1,10}}?(?:日[报報]|晚[报報]|商[报報]|时[报報]|[报報网網台臺]"
    rf"|融媒体?|新闻|新聞|客户端))(?:合作)?[•·・]?[{_HAN}]{{0,6}}?{_DAY}(?:讯|訊|电|電|消息)"
    r"(?!息|话|話|视|視|影|子|力|报|報|网|網|台)"
)
# Where the news came from, before the lede's date: `据闵行区介绍，`, `据区民政局消息，`,
# or how the reporter learnt it: `记者5日从XX民政厅获悉，`.
_ACCORDING = re.compile(
    rf"^(?:据[{_HAN}]{{1,12}}?(?:介绍|消息|报道|通报)|(?:本报)?记者[^，。]{{0,30}}?(?:获悉|了解到|得知))[，,]")
# A bracketed byline right after the dateline or at the very start: `（记者 张三 通讯员 李四）`.
BYLINE_BRACKET = re.compile(r"^（\s*(?:[^（）]{0,12}?[记記]者|通[讯訊][员員])[^（）]{0,40}）")
# A byline on a line of its own: `■ 记者 正道`, `商铮 报道`, `记者 张三 通讯员 李四`.
# A byline run into the lede behind a box mark: `□通讯员 张三 为庆祝…`, `■记者 李四 王五 近日…`.
BYLINE_INLINE = re.compile(rf"^[■□]\s*(?:(?:记者|記者|通讯员|通訊員)\s*(?:[{_HAN}·]{{2,4}}\s+)+)+")
BYLINE_LINE = re.compile(
    rf"^(?:■\s*)?(?:(?:记者|通讯员)\s*[{_HAN}·\s]{{2,20}}|[{_HAN}\s]{{2,12}}报道)$")
# `3月14日`, `3月`, a span `12月2日-3日`, `3月24至25日`, `11月30日至12月1日`.
# Numbers may be written in Chinese (`二〇二四年三月十四日`).
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_WHEN = (rf"(?:(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?:{_N}[\-—至~～])?{_N}月"
         rf"(?:{_N}日?\s*[至\-—~～]\s*(?:{_N}月)?{_N}日|{_N}[日号])?")
_TIME_OF_DAY = r"(?:上午|下午|晚上|晚间|晚|早上|中午)?"
# `今天（8月10日）`: a paper's relative day with the date in brackets.
_VAGUE = (r"(?:近日|日前|近期|前不久|昨日|昨天|今天|今日|日前|当天|此前)"
          r"(?:[（(]\d{1,2}月\d{1,2}日[）)])?")
# The date phrase a lede opens with, up to its comma.
LEADING_DATE = re.compile(rf"^(?:{_WHEN}{_TIME_OF_DAY}|{_VAGUE}{_TIME_OF_DAY})[，,]?\s*")
# A lede's date: its comma may be missing after a full date (`4月4日在…`, `4月4日全国…后`);
# a day alone (`12日，`) refers back to a month named before: no lede.
_LEDE_DATE = re.compile(
    rf"^(?:{_WHEN}{_TIME_OF_DAY}(?:，|(?=[\u4e00-\u9fff]))|{_VAGUE}{_TIME_OF_DAY}，)")
_EVENT = re.compile(
    r"召开|召開|举行|舉行|举办|舉辦|开展|组织|启动|调研|調研|考察|走访|深入|赴|来到|到|会见|"
    r"出席|视察|看望|慰问|检查|座谈|主持|建立|签署|签订|会商|发布|印发|部署|召集|通过|率|带领|带队")
_PURPOSE_THEN_DATE = re.compile(rf"[，。](?:{_WHEN}{_TIME_OF_DAY}|{_VAGUE}{_TIME_OF_DAY})，")
# A topic sentence a report may open with before its dated lede: `今年是…之年`,
# `近年来…`, `民生是…之本`, `XX始终高度重视…`, `为…`.
# A season or festival drawing near, the usual opening of a visit or relief report
# (`新春佳节将至，`, `2018年春节临近，`, `值此中秋和国庆…来临之际，`).
_SEASON = (r"[^。，；]{0,12}?(?:春节|新春|佳节|中秋|国庆|元旦|端午|重阳|清明|八一|建军节|七一"
           r"|岁末|年关|节日|寒冬|冬季|汛期)[^。，；]{0,8}?(?:将至|临近|来临|到来|之际|前夕)")
_PREAMBLE = re.compile(
    r"^(?:今年是|今年以来|去年以来|近年来|近期以来|当前|随着|为了?|[^。，；]{2,16}是[^。；]{2,40}?"
    r"之(?:年|基|本|源|要|举)|(?:[^。，；]{2,20}[后时]，)?[^。，；]{2,16}(?:(?:始终|一直|历来)?高度重视|始终[将把])"
    r"|“[^”。，]{1,12}”作为"  # `“七夕”作为中国传统节日…。为…，8月10日，市民政局…
    rf"|{_SEASON})")  # `新春佳节将至，为…，1月24日，县民政局…`
# After a topic sentence, a date right before a bureau is that bureau's lede,
# whatever its verb (`…高度重视…。1月5日上午，XX民政厅就将…向省委作出汇报`).
_BUREAU_FIRST = re.compile(rf"^[{_HAN}]{{2,12}}?(?:民政厅|民政廳|民政局|人民政府)")
# A date phrase later in the paragraph (after `，` or `。`); its comma may be missing
# (`4月22日在县政府召开…`).
_LATER_DATE = re.compile(rf"(?<=[，。])(?:{_WHEN}{_TIME_OF_DAY}|{_VAGUE}{_TIME_OF_DAY})，?")
# A newspaper lede names the meeting before its date (`…，全市养老工作推进会昨天举行。`).
_MEETING_THEN_DATE = re.compile(
    rf"(?<=[，。])(?P<actor>[{_HAN}“”]{{2,30}}?(?:会议|大会|会))(?:{_WHEN}|{_VAGUE}){_TIME_OF_DAY}"
    rf"(?:在[^，。；]{{1,20}})?(?:召开|举行|开幕)")
# The organisation a lede names before its verb: `XX市民政局`, `省民政厅党组`, `区政府`.
_ORG = re.compile(
    rf"[{_HAN}]{{0,12}}?(?:民政厅|民政廳|民政局|民政部|民政所|社会事业局|人民政府|政府|委员会|民政系统|民政)"
)
# Who acts in a lede: a civil-affairs body, a government, an official, a meeting, a place.
_ACTOR = re.compile(
    r"民政|政府|厅|廳|局|部|委员会|市长|省长|县长|区长|书记|主任|会议|會議|[省市县区州盟旗镇乡]")
# Party committees and the centre act in reports about something else (`省委召开…`).
# A committee member who heads the government acts as the government
# (`县委副书记、县长X到县民政局调研`).
_NOT_ACTOR = re.compile(
    r"^(?:(?:省委|市委|县委|区委|州委)(?!(?:常委|副?书记)、(?:代理|代)?[省市县区州]长)"
    r"|党中央|中央|国务院|中共中央)")
# The closing sentence of many reports: who else attended.
CLOSING = re.compile(
    r"(?:参加|出席|陪同|列席|参会|参与|參加)(?:了)?(?:会议|會議|调研|活动|座谈|学习|本次|此次)?"
    r"[^。！？]{0,12}[。！？]$|参加[。！？]$")
# The same closing sentence printed without its full stop (`…约700人参加会议`).
CLOSING_BARE = re.compile(r"(?:参加|出席|列席|陪同|參加)(?:了)?(?:会议|會議|调研|活动|座谈)$")


def strip_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_dateline(text: str) -> bool:
    """Does a line open with a newspaper dateline (`本报讯`, `XX日报讯`, `…8月26日电`)?

    Read without conversion leftovers: `德州新聞網(wǎng)訊` is a dateline too.
    """
    read = reading(text)
    return (bool(DATELINE.match(strip_spaces(read))) or bool(BYLINE_BRACKET.match(read.strip()))
            or bool(re.match(r"[■□]\s*(?:记者|記者|通讯员|通訊員)", read.strip())))


def is_byline_line(text: str) -> bool:
    """A line that is only a byline (`■ 记者 正道`, `商铮 报道`)."""
    return bool(BYLINE_LINE.match(text.strip()))


def strip_dateline(text: str) -> str:
    """The lede without its dateline, byline and `据X介绍，`.

    `本报讯（记者 张三）近日，…` → `近日，…`.
    """
    text = text.strip()
    for _ in range(3):
        inline = BYLINE_INLINE.match(text)
        dense = text[inline.end():] if inline else text.lstrip("■ \u3000")
        m = DATELINE.match(strip_spaces(reading(dense[:60])))
        if m:  # cut as many raw characters as the dense match covers
            dense = dense[kept_count(dense, m.end()):].lstrip()
        b = BYLINE_BRACKET.match(reading(dense))
        if b:
            dense = dense[kept_count(dense, len(strip_spaces(b.group(0)))):].lstrip()
        according = _ACCORDING.match(strip_spaces(reading(dense[:40])))
        if according:
            dense = dense[kept_count(dense, according.end()):].lstrip()
        if dense == text:
            break
        text = dense
    return text


def lede_subject(text: str) -> str | None:
    """Who acts in a lede (a joint actor `A与B政府` whole), when the text opens as a lede.

    `6月19日上午，XX市民政局召开…` → `XX市民政局`; `1月8日，全省民政工作会议召开`
    → `全省民政工作会议`. A text that does not open with a date phrase, or whose
    first clause has no event verb or no actor before it, gives None — so
    `3月12日上午，省委召开…` inside a report is no lede.
    """
    text = strip_spaces(reading(strip_dateline(text)))
    if text.startswith("为"):  # `为推进…，12月1日，XX民政局召开…`: the purpose first
        dated = _PURPOSE_THEN_DATE.search(text[:160])
        text = text[dated.start() + 1 :] if dated else text
    m = _LEDE_DATE.match(text)
    return _acting(text[m.end():]) if m else None


def _acting(rest: str) -> str | None:
    """The actor of the clause after a lede's date phrase."""
    clauses = re.split(r"[，。；：！？]", rest, maxsplit=2)
    # A scene-setting clause may come first (`冒着小雨，`, `全国会议结束后，`).
    first = clauses[0]
    after = rest[len(first) : len(first) + 1]
    if not _EVENT.search(first) and len(clauses) > 1 and after == "，":
        return _actor(clauses[1]) or _scene_then_actor(rest[len(first) + 1 :])
    return _actor(first)


def _scene_then_actor(rest: str) -> str | None:
    """The actor after more scene-setting: the people listed before their verb
    (`春节前夕，市委常委甲，副主席乙及市民政局人员一行到…`), or, after a sentence
    that only sets the scene (`气温骤降，寒意渐浓。`), the one its purpose clause
    leads to (`为…，XX镇镇长甲带领…`)."""
    sentence, _, following = rest.partition("。")
    if _EVENT.search(sentence):
        return _actor(sentence.split("；")[0])
    if following.startswith("为"):
        for clause in re.split(r"[，；]", following.split("。")[0])[1:3]:
            if actor := _actor(clause):
                return actor
    return None


# A lede that opens with a day alone (`22日至23日，省民政厅…到我市调研`).
_BARE_DAY = re.compile(
    rf"^(\d{{1,2}})日(?:[至\-—~～](\d{{1,2}})日)?{_TIME_OF_DAY}(?:，|(?=[\u4e00-\u9fff]))")
# The days a text's dates name: `3月11日至12日` → 11–12, `6日` → 6.
_DAYS = re.compile(r"(?<![\d年])(?:\d{1,2}月)?(\d{1,2})日(?:[至\-—~～](?:\d{1,2}月)?(\d{1,2})日)?")
REFERS_BACK = 3  # days after the report's own dates that a bare day still continues


@dataclass(frozen=True)
class BareDay:
    actor: str
    first: int
    last: int


def bare_day_lede(text: str) -> BareDay | None:
    """A lede whose date is a day alone (`22日至23日，XX厅…调研`), with its actor, or None.

    Inside a report such a day refers back to the report's month (`3月5日…。6日，…`);
    boundaries.py decides with `refers_back` whether it belongs to the report before.
    """
    text = strip_spaces(reading(strip_dateline(text)))
    m = _BARE_DAY.match(text)
    actor = _acting(text[m.end():]) if m else None
    if not actor:
        return None
    return BareDay(actor, int(m[1]), int(m[2] or m[1]))


# A dated event: `3月11日`, `3月11日至12日`, `11月30日至12月1日` → (month, first day, last day).
_EVENT_DAYS = re.compile(
    r"(\d{1,2})月(\d{1,2})日?(?:[至\-—~～](?:(\d{1,2})月)?(\d{1,2})日)?")


def _ordinal(month: int, day: int) -> int:
    return month * 31 + day


def another_day(opening: str, lede: str) -> bool:
    """Is a lede dated on another day than the report it follows (`opening`: that
    report's title and first sentence)? Not when either names no month and day,
    nor when the lede's day falls within the report's days or REFERS_BACK after them
    (`5月8日…` then `5月9日，…` continues the same visit)."""
    read = strip_spaces(reading(strip_dateline(lede)))
    new = _EVENT_DAYS.match(read) if LEADING_DATE.match(read) else None
    if not new and _PREAMBLE.match(read):  # `春节临近，为…，县民政局从2月7日开始…`
        new = _EVENT_DAYS.search(read.split("。")[0])
    if not new:
        return False
    day = _ordinal(int(new[1]), int(new[2]))
    spans = []
    for m in _EVENT_DAYS.finditer(strip_spaces(opening)):
        first = _ordinal(int(m[1]), int(m[2]))
        last = _ordinal(int(m[3] or m[1]), int(m[4])) if m[4] else first
        spans.append((first, last))
    if not spans:  # `近日，…` then `8月17日上午，…召开`: a dated event is another report's
        return bool(re.search(rf"{_VAGUE}{_TIME_OF_DAY}，", strip_spaces(opening)))
    return not any(a <= day <= b + REFERS_BACK for a, b in spans)


def refers_back(opening: str, day: BareDay) -> bool:
    """Does a bare day continue a report whose title and first sentence are `opening`?

    It does when it falls within the days that opening names, or up to
    REFERS_BACK days after them (`3月11日至12日…` then `12日，…`, `5日…` then `6日，…`).
    """
    for m in _DAYS.finditer(strip_spaces(opening)):
        first, last = int(m[1]), int(m[2] or m[1])
        if first <= day.first <= last + REFERS_BACK:
            return True
    return False


def _actor(clause: str) -> str | None:
    """The actor before the first event verb that has one (`社会组织`, `座谈会` are nouns)."""
    for verb in _EVENT.finditer(clause):
        actor = clause[: verb.start()]
        if actor and _ACTOR.search(actor):
            if _NOT_ACTOR.match(actor):
                return None
            org = _ORG.search(actor)
            joint = re.match(r"[^与和、]+[与和][^与和、]+?(?:政府|厅|局|部|委员会)", actor)
            return (joint.group(0) if joint else org.group(0) if org else actor)[:20]
    return None


def preamble_lede(text: str) -> str | None:
    """Who acts in a lede that follows a topic sentence (`今年是…之年。为…，3月26日，
    XX办公室到XX民政局调研`, or `为…，全市XX推进会昨天举行`), when the text opens
    with such a sentence; else None.

    Only the first 200 characters count: the lede must come right after the preamble.
    """
    text = strip_spaces(reading(strip_dateline(text)))
    if not _PREAMBLE.match(text) or _LEDE_DATE.match(text):
        return None
    for m in _LATER_DATE.finditer(text[:200]):
        rest = text[m.start():]
        if not rest[: m.end() - m.start()].endswith("，"):
            rest = rest[: m.end() - m.start()] + "，" + rest[m.end() - m.start():]
        subject = lede_subject(rest)
        bureau = _BUREAU_FIRST.match(rest[m.end() - m.start() :].lstrip("，"))
        if subject or bureau:
            return subject or bureau.group(0)
    meeting = _MEETING_THEN_DATE.search(text[:200])
    if meeting:
        return meeting["actor"]
    if re.match(_SEASON, text):  # `春节临近，为…，县委责成县民政局…进行了慰问。`
        sentence = text.split("。")[0]
        bureau = _SEASON_BUREAU.search(sentence)
        if bureau and _EVENT.search(sentence, bureau.end()):
            return re.split(r"责成|要求|安排|组织|领导|由|和|与|及|、", bureau.group(0))[-1]
    return None


# The civil-affairs body a season's first sentence sets to work.
_SEASON_BUREAU = re.compile(rf"[{_HAN}]{{0,8}}?(?:民政局|民政厅|民政廳|民政部门|民政办)")
