"""Date rule: the event's date from the report's own text; a year never borrowed."""

import pytest

from site_src.importer.dates import date_phrase, event_year, report_date
from site_src.model.article import PartialDate


@pytest.mark.parametrize(
    ("lede", "expected"),
    [
        ("3月14日，浙江省民政厅召开会议。3月12日上午，省委召开会议。", (None, 3, 14)),
        ("2024年2月21日，湖北省民政厅召开会议。", (2024, 2, 21)),
        ("二〇二四年三月十四日，召开会议。", (2024, 3, 14)),
        ("近日，安徽省民政厅党组召开会议，3月5日部署。", (None, None, None)),
        ("昨日，市民政局召开会议。", (None, None, None)),
        ("会议于3月召开。", (None, 3, None)),
        ("厅领导参加会议。3月14日另行部署。", (None, None, None)),
        ("13月40日召开。", (None, None, None)),
        # a dateline's date is the paper's, not the event's
        ("东江商报2021年5月6日讯 近日，市民政局召开会议。", (None, None, None)),
        ("本报讯（记者 孙立 通讯员 何雨）2月20日，全省会议召开。", (None, 2, 20)),
        ("新华网南都9月3日电 今天，会议召开。", (None, None, None)),
    ],
)
def test_date_phrase_reads_only_the_first_sentence(lede, expected):
    phrase = date_phrase(lede)
    assert (phrase.year, phrase.month, phrase.day) == expected


@pytest.mark.parametrize(
    ("title", "opening", "year"),
    [
        ("", "6月19日，2024年全市养老服务推进会召开", 2024),
        ("2021年全省民政工作会议召开", "1月8日上午，全省民政工作会议召开", 2021),
        ("", "11月30日，2017-2018年冬春救助专项行动部署会召开", 2017),
        ("", "12月20日，县民政局召开研究部署2026年工作的会议", None),
        ("", "3月11日，区民政局召开会议，总结2023年工作，部署2024年任务", None),
        ("", "12月16日，省民政厅召开党组会议，研究明年工作", None),
    ],
)
def test_event_year_only_from_the_same_event(title, opening, year):
    assert event_year(title, opening) == year


def test_month_day_without_a_year_is_kept_as_written():
    found = report_date("", "12月2日-3日，市民政局召开培训会。")
    assert found.date is None and found.text == "12月2日-3日"
    found = report_date("", "3月24至25日，全省会议在江城召开。")
    assert found.date is None and found.text == "3月24至25日"


def test_a_span_with_its_year_is_dated_by_its_first_day():
    found = report_date("", "2019年12月2日-3日，全省培训班举办。")
    assert found.date == PartialDate(2019, 12, 2) and not found.inferred and found.text is None


def test_bulletin_year_only_when_the_report_gives_none():
    found = report_date("", "5月6日，市民政局召开会议。", bulletin_year=2023)
    assert found.date == PartialDate(2023, 5, 6) and found.inferred
    assert found.year_from == "bulletin"
    own = report_date("", "2021年5月6日，市民政局召开会议。", bulletin_year=2023)
    assert own.date == PartialDate(2021, 5, 6) and not own.inferred
    vague = report_date("", "近日，市民政局召开会议。", bulletin_year=2023)
    assert vague.date is None and vague.text is None


def test_numbered_meeting_of_a_year_dates_a_vague_report_to_that_year():
    found = report_date("", "日前，江南省民政厅举行2022年第三次党组会议。")
    assert found.date == PartialDate(2022) and found.inferred


def test_invalid_day_keeps_the_month():
    found = report_date("", "2023年2月30日，召开会议。")
    assert found.date == PartialDate(2023, 2) and found.year_from == "date"


def test_a_purpose_clause_before_the_date_is_skipped():
    lede = "为深入贯彻全省会议精神，切实做好全年工作。5月16日下午，简阳市召开全市民政工作会。"
    assert date_phrase(lede).month == 5 and date_phrase(lede).day == 16


def test_the_convened_meeting_names_the_year_when_two_are_held_together():
    opening = "2月27日下午，区社团局召开2018年全区社会组织工作会议暨2017年年度检查工作会议"
    assert event_year("", opening) == 2018
