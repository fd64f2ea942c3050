"""Date, place and people rules: each value only from a pattern the text supports."""

import pytest

from site_src.importer.metadata import (
    date_phrase,
    find_people,
    is_anonymised,
    most_common_year,
    place_of_organisation,
    places_named,
    report_place,
    resolve_dates,
    years_in,
)
from site_src.model.article import PartialDate

# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lede", "expected"),
    [
        ("3月14日，浙江省民政厅召开会议。3月12日上午，省委召开会议。", (None, 3, 14)),
        ("2024年2月21日，湖北省民政厅召开会议。", (2024, 2, 21)),
        ("二〇二四年三月十四日，召开会议。", (2024, 3, 14)),
        ("近日，安徽省民政厅党组召开会议，3月5日部署。", (None, None, None)),
        ("日前，内蒙古自治区民政厅举行会议。", (None, None, None)),
        ("会议于3月召开。", (None, 3, None)),
        ("厅领导参加会议。3月14日另行部署。", (None, None, None)),
        ("13月40日召开。", (None, None, None)),
    ],
)
def test_date_phrase_reads_only_the_first_sentence(lede, expected):
    phrase = date_phrase(lede)
    assert (phrase.year, phrase.month, phrase.day) == expected


def test_years_in_text_arabic_and_chinese_numerals():
    text = "总结2023年工作，部署2024年工作任务，学习二〇二四年新年贺词，诞辰130周年，12024年"
    assert years_in(text) == [2023, 2024, 2024]
    assert most_common_year([2023, 2024, 2024]) == 2024
    assert most_common_year([2023, 2024]) == 2024  # a tie goes to the later year
    assert most_common_year([]) is None


def test_year_from_the_report_then_from_the_bulletin_never_invented():
    findings = resolve_dates(
        [
            ("3月14日，浙江省民政厅召开会议。", "全国两会"),
            ("3月13日，湖北省民政厅召开会议。", "调整2024年社会救助标准"),
            ("近日，安徽省民政厅召开会议。", "年底将至"),
        ]
    )
    assert findings[0].date == PartialDate(2024, 3, 14) and findings[0].inferred
    assert findings[1].date == PartialDate(2024, 3, 13) and findings[1].inferred
    assert findings[1].year_from == "text"
    assert findings[2].date == PartialDate(2024) and findings[2].inferred


def test_no_year_anywhere_means_no_date():
    findings = resolve_dates([("3月14日，召开会议。", "正文"), ("近日，召开会议。", "正文")])
    assert [f.date for f in findings] == [None, None]


def test_invalid_day_keeps_the_month():
    (finding,) = resolve_dates([("2023年2月30日，召开会议。", "")])
    assert finding.date == PartialDate(2023, 2)
    assert finding.year_from == "date"


# --- places -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江省民政厅", ("浙江省", None)),
        ("扬州市民政局", ("江苏省", "扬州市")),
        ("江苏省扬州市民政局党委牢牢把握", ("江苏省", "扬州市")),
        ("青海省西宁市民政局：夯实城乡社区", ("青海省", "西宁市")),
        ("内蒙古自治区民政厅举行会议", ("内蒙古自治区", None)),
        ("广西民政厅", ("广西壮族自治区", None)),
        ("北京市民政局", ("北京市", None)),
        ("扬州市江都区民政局", ("江苏省", "扬州市")),
        ("*市民政局党组紧扣", (None, None)),
        ("在市民政局门户网站公开", (None, None)),
        ("湖北省民政厅在武汉召开会议", ("湖北省", None)),
        ("民政部部长在会上讲话", (None, None)),
    ],
)
def test_place_of_the_first_civil_affairs_bureau(text, expected):
    assert place_of_organisation(text) == expected


def test_report_place_prefers_the_attribution_and_respects_anonymity():
    texts = ["扬州市民政局", "标题", "江苏省扬州市民政局党委"]
    assert report_place(texts, anonymised=False) == ("江苏省", "扬州市")
    assert report_place(["", "", "湖北省民政厅召开"], anonymised=False) == ("湖北省", None)
    assert report_place(texts, anonymised=True) == (None, None)


def test_places_named_in_a_title():
    assert places_named("扬州市民政局：“实”字当头") == ["江苏省", "扬州市"]
    assert places_named("湖北省民政厅召开2024年全省民政工作视频会议") == ["湖北省"]
    assert places_named("召开党组会议") == []


def test_anonymised_by_asterisks():
    assert is_anonymised("*市民政局将*.*万人纳入低保")
    assert not is_anonymised("扬州市民政局")


# --- people -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leaders", "speakers", "roles"),
    [
        ("厅党组书记、厅长陈斌主持会议并讲话。", ["陈斌"], [], {"陈斌": "厅党组书记、厅长"}),
        ("近日，湖北省民政厅党组书记杨泽发主持召开党组会议。", ["杨泽发"], [],
         {"杨泽发": "党组书记"}),
        ("省民政厅党组书记、厅长谢晓军主持会议并讲话。", ["谢晓军"], [],
         {"谢晓军": "党组书记、厅长"}),
        ("厅党组书记杨泽发主持会议并讲话，厅长李丽作工作报告。", ["杨泽发"], ["李丽"],
         {"杨泽发": "厅党组书记", "李丽": "厅长"}),
        ("厅长李丽传达习近平总书记重要讲话和会议精神。", [], ["李丽"], {"李丽": "厅长"}),
        ("会议由厅党组书记、厅长姜宏主持。", ["姜宏"], [], {"姜宏": "厅党组书记、厅长"}),
        ("民政部部长陆治原在“部长通道”接受采访。", [], [], {}),
        ("省委易炼红书记对全省学习贯彻工作作出部署。", [], [], {}),
        ("李强总理所作政府工作报告。习近平总书记重要讲话。", [], [], {}),
        ("党委书记任组长；党委书记承担第一责任人职责。", [], [], {}),
        ("副厅长王小明通报情况，二级巡视员张伟发言。", [], ["王小明", "张伟"],
         {"王小明": "副厅长", "张伟": "二级巡视员"}),
    ],
)
def test_leaders_chair_speakers_report_mentions_are_neither(text, leaders, speakers, roles):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers
    assert people.roles == roles
