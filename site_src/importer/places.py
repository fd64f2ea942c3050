"""Province and city of one report, read as a careful editor would.

A reader places a report from several cues in its own text — the
organisation (`江西省民政厅`, `淄博市民政局`), a newspaper in the dateline
(`河南日报讯`), an official's title (`上海市副市长`), the counties and cities it
names — and only when they agree. Every place name is looked up in the
gazetteer; anything unclear leaves the field empty, because a wrong province
misfiles the report in every listing while an empty one only waits for an editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from site_src.model import gazetteer

_HAN = r"[\u4e00-\u9fff]"
# Words after a place that make it the report's own organisation, its
# dateline newspaper or an official's seat: strong evidence.
_ORG_AFTER = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?(?:民政厅|民政局|民政(?=[）)\s]|$)|人民政府|政府|省委|市委|县委|区委|州委|旗委"
    r"|日报|晚报|商报|融媒|新闻网|电视台|广播电视台|代表团)|(?:常务)?副?(?:省长|市长|县长|区长|州长|主席))"
)
# Short names that are everyday words first (来宾 guests, 长治久安, 白银 silver…):
# they count only with their suffix (`来宾市`).
_RISKY_SHORT = frozenset({
    "来宾", "中山", "白银", "阿里", "大同", "长治", "安康", "三明", "兴安", "红河", "普洱",
    "海西", "海北", "海东", "黄山", "白山", "保山", "文山", "通化", "吉安", "承德", "阳江",
    "玉树", "果洛", "黄南", "林芝", "山南", "那曲", "昌都", "德宏", "大理", "楚雄", "迪庆",
    "怒江", "庆阳", "平凉", "定西", "武威", "张掖", "金昌", "酒泉", "天水", "合作", "东方",
})
# Who the report is from: a provincial body (city none), a national one (city
# none), or a city/county one. The first cue in the headline or lede decides.
_LEVEL = re.compile(
    r"(?P<nation>民政部(?!门)|国务院|全国)"
    r"|(?P<province>民政厅|民政廳|全省|省委|省政府|省人民政府|副省长|厅党组|厅长|廳長|厅机关"
    r"|自治区党委|自治区人民政府|省民政工作[会會])"
    r"|(?P<city>民政局|全市|全县|全州|全盟|全旗|市委|县委|州委|市政府|县政府|市人民政府|县人民政府"
    r"|副市长|副县长|副区长|局党组|局长)"
)
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# A county's short name counts only before its own organisation (`梁山融媒`,
# `滕州民政事业`): alone, many are plain words (合作, 公安, 复兴, 大城市).
_SHORT_BEFORE = re.compile(
    r"^(?:民政|融媒|新闻网|网(?:讯|訊|消息)|县委|县政府|市委|市政府|区委|区政府|人民政府|籍)")
# Short county names that are words in a report's own voice (全州民政 "the whole prefecture").
_SHORT_WORDS = frozenset({"全州", "城关", "合作", "东方", "和平", "新华", "公安", "复兴",
                          "平安", "安定", "前进", "红旗", "解放", "光明", "东风", "太平",
                          # 巴州区 (巴中) — but 巴州 is also 巴音郭楞州's short name
                          "巴州", "互助", "通道"})
# A speech studied at the meeting names where it was given, not where the
# report is from (`习近平总书记在浙江考察时的重要讲话`, `…考察上海时对…的重要讲话`,
# `…视察重庆重要讲话重要指示精神`).
_STUDIED = re.compile(
    r"在[^，。；、“”]{1,12}?(?:考察|视察|调研)时"
    r"|(?<=总书记)(?:考察|视察)[^，。；、“”]{1,10}?(?:时|重要讲话|重要指示)")
# Not where the report is from either: where a wire agency filed (`据新华社北京电`),
# nor a province only named in a document's title (`传达了《河北省民政厅…的通知》`: a
# higher level's paper; a county's own `《X县民政局关于表彰…的决定》` still counts).
_WIRE = re.compile(
    r"(?:新华社|中新社|新华网|中新网)\s*[\u4e00-\u9fff]{2,8}?\s*(?:\d{1,2}月\d{1,2}日)?电")
_DOCUMENT = re.compile(
    r"《[^《》]{2,80}?(?:通知|意见|方案|办法|条例|规定|规划|决定|报告|情况|细则|纲要|指引|标准|计划|清单|公告|通报|函)》")
# The report's own county or city (`在我县召开`): a local report, whatever it hosts.
_LOCAL = re.compile(r"我县|我市|本县|本市|我旗")
# A purpose clause names the meetings it carries out, not who reports
# (`为深入贯彻全省…会议精神，…`).
_PURPOSE = re.compile(r"(?:为了?)?(?:深入)?(?:贯彻|落实|学习)[^。；]*?(?:精神|部署|要求)")


@dataclass(frozen=True)
class Mention:
    """One place name in the text: where it points, and whether it names the report's own body."""

    name: str
    province: str
    city: str | None
    strong: bool
    pos: int


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str | None]]:
    places = gazetteer.place_names()
    names = {k: v for k, v in places.items() if k not in _RISKY_SHORT}
    names.update(gazetteer.district_names())
    # An autonomous prefecture's short name with 州 (`迪庆州委`, `凉山州民政局`).
    names.update({f"{k}州": v for k, v in places.items()
                  if v[1] and v[1].endswith("自治州") and k != v[1] and v[1].startswith(k)})
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    keys = sorted(_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


@lru_cache(maxsize=1)
def _short_pattern() -> re.Pattern[str]:
    keys = sorted(gazetteer.district_short_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def mentions(text: str) -> list[Mention]:
    """Every gazetteer place named in text, longest name first at each position.

    Short county names (`梁山`, `滕州`) count only before an organisation
    (`梁山融媒`, `滕州民政`).
    """
    names = _names()
    found: list[Mention] = []
    for m in _pattern().finditer(text):
        if _read_across_a_word(text, m.start(), m.group(0)):
            continue
        province, city = names[m.group(0)]
        strong = bool(_ORG_AFTER.match(text[m.end() : m.end() + 12]))
        found.append(Mention(m.group(0), province, city, strong, m.start()))
    shorts = gazetteer.district_short_names()
    taken = {i for f in found for i in range(f.pos, f.pos + len(f.name))}
    for m in _short_pattern().finditer(text):
        if m.start() in taken or _is_inside_word(text, m.start(), m.end()):
            continue
        if not _SHORT_BEFORE.match(text[m.end() : m.end() + 4]):
            continue
        if m.group(0) in _SHORT_WORDS or (m.start() > 0 and text[m.start() - 1] in "全本我该各"):
            continue
        province, city = shorts[m.group(0)]
        found.append(Mention(m.group(0), province, city, True, m.start()))
    return sorted(found, key=lambda f: f.pos)


# What may come right before a county's two-character name (`在成县`, `陇南市成县`);
# after any other character the name is read across a word (`责成县民政局`, `完成县级…`).
_BEFORE_SHORT_COUNTY = frozenset(
    "在对到赴与和及同向往去至由从于了将把被等为是的省市州区盟旗、来驻抵共即")


def _read_across_a_word(text: str, start: int, name: str) -> bool:
    before = text[start - 1] if start else ""
    if len(name) != 2 or not name.endswith("县") or not re.match(_HAN, before):
        return False
    # after its province or city without suffix (`江苏沛县`, `菏泽单县`) it is the county
    return before not in _BEFORE_SHORT_COUNTY and not any(
        text[max(0, start - n) : start] in _names() for n in (2, 3))


def _is_inside_word(text: str, start: int, end: int) -> bool:
    """A short name glued to a masked or Latin neighbour is not a place (`*梁山`)."""
    return (start > 0 and text[start - 1] in "*＊") or (end < len(text) and text[end] in "*＊")


def report_level(opening: str, province: str | None = None) -> str | None:
    """`nation`, `province` or `city`: who the report is from, by the first cue of its opening.

    `全区` is the whole region in an autonomous region's report (广西), a
    district elsewhere.
    """
    opening = _DOCUMENT.sub("", _PURPOSE.sub("", opening))  # `《国务院办公厅…意见》` is no cue
    if _LOCAL.search(opening):
        return "city"
    if province and province.endswith("自治区") and re.search("全区|自治区", opening):
        return "province"
    m = _LEVEL.search(opening)
    return m.lastgroup if m else None


def report_place(
    title: str, text: str, *, anonymised: bool, people: tuple[str, ...] = ()
) -> tuple[str | None, str | None]:
    """(province, city) a careful reader gives the report, or None where the text is unclear.

    `title` is the printed headline (or ""), `text` the body with its credit.
    The province: the one all places point to; when they disagree, the one of
    the report's own organisation (strong mentions), if those agree. The city:
    only for a report from a city or county body, the one prefecture named.
    `people` are the names the text introduces with a title: a name is no
    place (`局长白朝阳` does not name 朝阳市).
    """
    if anonymised:
        return None, None
    whole = _STUDIED.sub(_blank, f"{title}\n{text}")
    whole = _WIRE.sub(_blank, whole)
    for name in sorted(people, key=len, reverse=True):
        whole = whole.replace(name, "　" * len(name))
    documents = [m.span() for m in _DOCUMENT.finditer(whole)]
    found = [f for f in _without_visitors(mentions(whole), whole)
             if f.city or not any(start <= f.pos < end for start, end in documents)]
    local = report_level(f"{title}\n{_opening(text)}") == "city"
    province = _province(found, whole, len(title) + 1 + len(_opening(text)), local)
    if province is None or province in _MUNICIPALITIES:
        return province, None
    level = report_level(f"{title}\n{_opening(text)}", province)
    if level in ("nation", "province"):
        return province, None
    cities = _unique([f.city for f in found if f.city and f.province == province])
    if len(cities) == 1:
        return province, cities[0]
    if level is None:  # several cities and no telling whose report it is
        return province, None
    strong_cities = _unique(
        [f.city for f in found if f.city and f.strong and f.province == province]
    )
    return province, strong_cities[0] if len(strong_cities) == 1 else None


def _province(found: list[Mention], text: str, opening_end: int, local: bool) -> str | None:
    provinces = _unique([f.province for f in found])
    if len(provinces) != 1:
        strong = _host(text) or _unique([f.province for f in found if f.strong])
        if len(strong) != 1:
            strong = _issuer(found, text, opening_end)
        if len(strong) != 1:
            return None
        # Two reports run together: a city body's report whose credit (the
        # second report's) names a province its headline and first sentence do
        # not — rather none than the wrong one. (A provincial body visiting
        # another province is no such case: `省民政厅…深入新疆…（江西民政）`.)
        opening = {f.province for f in found if f.pos < opening_end}
        if local and opening and strong[0] not in opening:
            return None
        provinces = strong
    province = provinces[0]
    # A provincial body (`省民政厅`) is not in a municipality: a lone 北京 there
    # is where a national meeting was held, not the report's province.
    if province in _MUNICIPALITIES and re.search(r"省民政厅|全省|我省|省委", text):
        return None
    return province


# A visit told by its host: `考察组来鄄城县考察`, `莅临我县` with the host named.
_COME_TO = re.compile(
    r"(?:来|来到|莅临)(?P<place>[\u4e00-\u9fff]{2,6}?)(?:考察|调研|检查|指导|交流|学习|视察|参观|开展)")


# Visitors the report's own county or city hosts: `天长市民政局…一行6人来我县开展…`.
_VISIT_HERE = re.compile(r"[^，。；！？\n]{1,80}?(?:赴|来|到|来到|莅临)(?:我|本)(?:县|市|区|旗)")


# What a delegation came to do at the place it came to (`…一行来白水县殡葬管理所学习考察`).
_VISIT_VERB = re.compile(r"[^，。；！？\n]{0,12}?(?:考察|调研|检查|指导|交流|学习|视察|参观)")


# Where the report's own people went to learn (`…负责人前往湖南长沙开展学习交流活动`):
# a destination, not the report's place.
_STUDY_TRIP = re.compile(
    r"(?:前往|赴|到)(?P<place>[^，。；！？\n]{2,12}?)(?:开展|进行)?"
    r"(?:考察学习|学习考察|学习交流|交流学习|学习|参观|取经)")


def _without_visitors(found: list[Mention], text: str) -> list[Mention]:
    """Drop the visitors' county or city when the text speaks as their host
    (`X市民政局…来我县`, `X县…一行来白水县考察`: `来` is said where one is): the
    report is the host's. A province alone stays (a provincial bureau visiting
    one of its own cities names the report's province)."""
    spans = [m.span() for m in _VISIT_HERE.finditer(text)]
    for host in found:
        if (re.search(r"(?:来|来到|莅临)$", text[max(0, host.pos - 2) : host.pos])
                and _VISIT_VERB.match(text, host.pos + len(host.name))):
            opens = max(text.rfind(mark, 0, host.pos) for mark in "。；！？\n") + 1
            spans.append((opens, host.pos))
    trips = [m.span("place") for m in _STUDY_TRIP.finditer(text)]
    return [f for f in found
            if not (f.city and any(start <= f.pos < end for start, end in spans))
            and not any(start <= f.pos < end for start, end in trips)]


def _host(text: str) -> list[str]:
    """The host's province when the report speaks as the host (`我县`, `我市`) of a
    delegation that came to a named place (`…考察组来鄄城县考察`): the visitors'
    bureau is named first, but the report is the host's."""
    if not _LOCAL.search(text):
        return []
    names, shorts = _names(), gazetteer.district_short_names()
    hosts = _unique([(names.get(m["place"]) or shorts.get(m["place"]) or (None,))[0]
                     for m in _COME_TO.finditer(text)])
    return hosts if len(hosts) == 1 and hosts[0] else []


def _issuer(found: list[Mention], text: str, end: int) -> list[str]:
    """The province of the bureau the headline or opening names first (`福建省民政厅…赴广东`)."""
    for f in found:
        if f.pos < end and re.match(r"[^，。]{0,4}?民政(?:厅|局)", text[f.pos + len(f.name) :]):
            return [f.province]
    return []


def _blank(m: re.Match[str]) -> str:
    return "　" * len(m.group(0))


def _opening(text: str) -> str:
    return re.split(r"[。！？\n]", text.lstrip(), maxsplit=1)[0]


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))
