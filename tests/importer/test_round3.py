"""Rules added for unseen bulletins: conversion leftovers, a lede opening with a day
alone, minority names, credits run together with a writer or a date. All wording
is invented."""

import pytest

from site_src.importer.bulletin import import_bulletin, normalised_lines
from site_src.importer.credits import credit_source, credit_spans
from site_src.importer.metadata import credit_source as metadata_source
from site_src.importer.openings import (
    bare_day_lede,
    is_dateline,
    lede_subject,
    refers_back,
    strip_dateline,
)
from site_src.importer.people import find_people
from site_src.importer.reading import starts_with_reading
from site_src.importer.split import split_reports
from site_src.importer.titles import plain_title_text
from tests.importer.probe_helpers import start_lines as _starts

FIRST = ("5月8日，江州市民政局召开养老服务推进会，部署全年任务。局长柯一帆主持会议。\n"
         "各县区民政局分管负责同志参加会议。\n")


# --- conversion leftovers (traditional characters with pinyin readings) -------


def test_a_dateline_with_pinyin_readings_is_a_dateline():
    line = "江州新聞網(wǎng)訊（記者 柯一）3月5日，縣民政局召開村務會議。"
    assert is_dateline(line)
    assert strip_dateline(line) == "3月5日，縣民政局召開村務會議。"


def test_a_lede_is_read_through_pinyin_readings_and_traditional_characters():
    assert lede_subject("3月20日，全縣養老工作會(huì)議在縣福利中心召開(kāi)。")
    assert lede_subject("8月5日上午，區殯葬工作座談會在楊柳鎮召開。")


def test_a_line_the_next_ones_reading_runs_into_is_no_title():
    assert starts_with_reading("（duì）專家學者表示感謝，")
    assert not starts_with_reading("（一）加强组织领导")
    text = ("　　江州縣民政局召開會(huì)議，部署養老工作。局長柯一帆主持會議。\n\n"
            "　　會議要求，各鄉鎮要抓好落實。\n\n"
            "　　柯一帆代表縣委、縣政府對\n\n"
            "（duì）參會人員表示感謝，柯一帆代表縣委、縣政府強調要抓好落實。\n")
    assert _starts(text) == [1]


# --- a lede that opens with a day alone ----------------------------------------


def test_a_day_alone_the_report_before_does_not_name_starts_a_report():
    text = FIRST + "22日至23日，省民政厅副厅长柯二一行到云川县调研救助工作。\n"
    assert _starts(text) == [1, 3]


def test_a_day_alone_within_the_reports_own_days_continues_it():
    text = FIRST + "9日，省民政厅副厅长柯二一行到云川县调研救助工作。\n"
    assert _starts(text) == [1]
    day = bare_day_lede("12日，柯二一行赴云川县民政局调研。")
    assert day and (day.first, day.last) == (12, 12)
    assert refers_back("3月11日至12日，柯二率调研组到云川调研。", day)
    assert not refers_back("3月1日，柯二率调研组到云川调研。", day)


def test_the_report_before_a_day_alone_keeps_none_of_its_credit():
    text = FIRST + "22日至23日，省民政厅副厅长柯二一行到云川县调研救助工作。\n（来源：云川日报）\n"
    first, second = import_bulletin("x.txt", text)
    assert first.article.source is None
    assert second.article.source == "云川日报"


# --- names of minority peoples --------------------------------------------------


@pytest.mark.parametrize(("text", "leaders", "speakers"), [
    ("自治区副主席扎西顿旦主持会议并讲话。", ["扎西顿旦"], []),
    ("市委副书记、市长艾尔肯·吐尔洪出席会议并讲话。", [], ["艾尔肯·吐尔洪"]),
    ("自治区副主席阿不都克力木强调，要做好救助工作。", [], ["阿不都克力木"]),
    ("副主席格桑次旦在会上讲话，副部长柯一帆作报告。", [], ["格桑次旦", "柯一帆"]),
])
def test_names_of_four_characters_or_more_and_with_a_middle_dot(text, leaders, speakers):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers


@pytest.mark.parametrize("text", [
    "局长王小五随即讲话。", "局长王五简短讲话。", "副局长张三等人讲话。",
])
def test_a_han_name_never_takes_the_words_after_it(text):
    people = find_people(text)
    assert not any(len(n) > 3 for n in (*people.leaders, *people.speakers))


# --- credits ----------------------------------------------------------------------


@pytest.mark.parametrize(("credit", "source"), [
    ("（来源：云川日报2021.1.28）", "云川日报"),
    ("（来源：云川日报2021-01-28）", "云川日报"),
    ("（供稿：云川县民政局柯小河）", "云川县民政局"),
    ("（云川县民政局办公室）", "云川县民政局办公室"),
    ("（云川县民政局低保股）", "云川县民政局低保股"),
])
def test_a_credits_organisation_without_a_date_or_a_writer_run_on(credit, source):
    assert credit_source(credit) == source
    assert metadata_source(["会议要求，抓好落实。", credit]) == source


def test_a_reviewer_line_closes_a_report_and_is_no_title():
    assert credit_spans("审核人：柯小河", plain_title_text) == [(0, 7)]
    assert not plain_title_text("审核人：柯小河")
    text = FIRST + "审核人：柯小河\n11月6日，云川县民政局召开救助工作会议。\n"
    drafts = split_reports(normalised_lines(text))
    assert [d.start_line for d in drafts] == [1, 4]
    assert not any("柯小河" in p.text for p in drafts[1].title_pieces)


def test_a_labelled_credit_at_the_end_of_a_run_together_line_closes_the_report():
    line = "省调研组一行到云川调研。 副市长柯二参加调研。 来源：云川日报"
    assert credit_spans(line, plain_title_text) == [(len(line) - 7, len(line))]
    assert credit_spans("他说来源：群众", plain_title_text) == []
    text = line + "\n3月20日，全县民政工作会议在县福利中心召开。\n"
    first, second = import_bulletin("x.txt", text)
    assert first.article.source == "云川日报"
    assert second.draft.start_line == 2


@pytest.mark.parametrize("lede", [
    "3月24至25日，全省社会事务工作会议在云川召开。",
    "11月30日至12月1日，全省婚姻工作推进会在云川县召开。",
])
def test_a_span_written_without_its_first_day_mark_or_across_months_dates_a_lede(lede):
    assert lede_subject(lede)
    text = "民政工作简报 2015年第4期\n\n 全省社会事务工作会议在云川召开\n\n" + lede + "\n"
    (report,) = import_bulletin("x.txt", text)
    assert report.article.title == "全省社会事务工作会议在云川召开"


@pytest.mark.parametrize(("text", "leaders", "speakers"), [
    ("由省政府参事柯一帆一行来厅调研。柯一帆参事充分肯定了工作成绩。", [], ["柯一帆"]),
    ("分管副局长柯二就各镇工作现状进行了分析。", [], ["柯二"]),
    ("副县长柯小河及各乡镇分管领导参加会议。柯小河充分肯定了成绩。", [], ["柯小河"]),
    ("厅长柯一帆第一时间主持召开厅党组会议。", ["柯一帆"], []),
    ("座谈会由云川养老政策理论研究所所长柯二主持。", ["柯二"], []),
])
def test_more_roles_and_chairs(text, leaders, speakers):
    people = find_people(text)
    assert list(people.leaders) == leaders
    assert list(people.speakers) == speakers


def test_an_official_leading_a_team_opens_a_lede():
    lede = "2014年5月21日至23日，省民政厅副厅长柯一帆带领工作组，先后赴云川等4县调研。"
    assert lede_subject(lede) == "省民政厅"


def test_a_visit_told_by_its_host_is_the_hosts_report():
    from site_src.importer.places import report_place

    title = "南阳市民政系统考察组来鄄城县考察"
    body = ("本报讯 4月9日，南阳市民政局副局长柯一帆率队来鄄城考察交流养老工作。\n"
            "鄄城县委、县政府高度重视养老工作。柯一帆对我县工作给予了充分肯定。")
    assert report_place(title, body, anonymised=False) == ("山东省", "菏泽市")
    # Without the host's voice the visitors' bureau, named first, decides.
    assert report_place("", "4月9日，南阳市民政局副局长柯一帆率队赴鄄城县民政局考察交流。",
                        anonymised=False)[0] == "河南省"


@pytest.mark.parametrize(("title", "lede", "year"), [
    ("", "2月22日，春节后上班第一天，云川县民政局举行2018年春节收假收心会。", 2018),
    ("我县召开2013年全县民政、老龄工作会议",
     "3月20日，全县民政、老龄工作会议在县福利中心召开。", 2013),
])
def test_more_meeting_names_carry_the_events_year(title, lede, year):
    from site_src.importer.dates import report_date

    assert report_date(title, lede).date.year == year


def test_encouraging_is_speaking():
    assert find_people("副市长柯一帆出席。柯一帆勉励大家再创佳绩。").speakers == ("柯一帆",)


# --- a title printed below its body, across a page break ----------------------------

ACROSS_A_PAGE_BREAK = """\
　　3月5日，云川县民政局召开养

老服务推进会，部署全年任务。

局长柯一帆主持会议。各乡镇分

管负责同志参加会议。

 云川县民政局召开养老服务

- 12 -

推进会 部署全年重点任务

TOPIC

　　4月9日，江州市民政局召开社

会救助工作会议。副局长柯二出

席会议并讲话。

 江州市民政局召开社会救助
工作会议

专题
"""


def test_a_title_below_its_body_may_be_cut_by_a_page_number():
    first, second = import_bulletin("x.txt", ACROSS_A_PAGE_BREAK)
    assert first.article.title == "云川县民政局召开养老服务推进会 部署全年重点任务"
    assert list(first.article.leaders) == ["柯一帆"] and not first.article.speakers
    assert second.draft.start_line == 17
    assert second.article.title == "江州市民政局召开社会救助工作会议"


def test_a_title_wider_than_the_column_before_a_lede_dated_in_chinese_numerals():
    text = ("　　3月5日，云川县民政局召开养\n\n老服务推进会，部署全年任务。\n\n"
            "各乡镇分管负责同志参加会议。\n\n"
            " 江州市民政局召开二〇二四年全市社会救助工作会议\n\n"
            "　　二〇二四年三月十四日，江州\n\n市民政局召开社会救助工作会\n\n议。\n")
    first, second = import_bulletin("x.txt", text)
    assert second.draft.start_line == 7
    assert second.article.title == "江州市民政局召开二〇二四年全市社会救助工作会议"
    date = second.article.date
    assert (date.year, date.month, date.day) == (2024, 3, 14)


@pytest.mark.parametrize("lede", [
    "二〇二四年三月十四日，省民政厅召开党组会议。", "十二月二日至三日，县民政局召开会议。",
])
def test_a_lede_dated_in_chinese_numerals(lede):
    assert lede_subject(lede)


def test_an_association_is_an_organisation_before_a_role():
    people = find_people("区慈善总会会长柯一帆参加会议。柯一帆解读了方案。")
    assert people.speakers == ("柯一帆",)


def test_a_dateline_with_a_middle_dot_and_a_day_without_its_mark():
    line = "云川日报•云川在线4月30讯（通讯员 柯小河）为做好节日安全工作，4月30日，县民政局开展检查"
    assert is_dateline(line)
    assert strip_dateline(line).startswith("为做好节日安全工作")


def test_a_purpose_clause_does_not_borrow_the_next_paragraphs_date():
    text = ("近日，县救助局局长柯一帆一行到云川镇敬老院检查安全卫生工作。\n"
            "为了让老人们生活更舒适，镇政府对敬老院进行了全面翻修。\n"
            "6月14日，江州区民政局召开2023年全区社会组织工作会。\n")
    assert _starts(text) == [1, 3]


def test_a_topic_sentence_after_an_event_then_a_dated_bureau_starts_a_report():
    from site_src.importer.openings import preamble_lede

    text = (FIRST + "全省养老工作会召开后，云川省民政厅党组高度重视会议精神的贯彻落实。"
            "1月5日上午，云川省民政厅就将会议精神向省委、省政府作出汇报。\n")
    assert preamble_lede(text.splitlines()[2]) == "云川省民政厅"
    assert _starts(text) == [1, 3]
    # Without a dated bureau the topic sentence stays in the report.
    assert _starts(FIRST + "会后，各地高度重视，认真抓好落实。\n") == [1]


def test_a_title_below_its_body_whose_second_line_opens_with_a_reading():
    text = ("　　3月5日，云川县民政局召开养\n\n老服务推进会，部署全年任务。\n\n"
            " 全省养老服务推進(jìn)\n會(huì)在云川召開(kāi)\n\nTOPIC\n\n"
            "　　4月9日，江州市民政局召开社\n\n会救助工作会议。\n")
    first, second = import_bulletin("x.txt", text)
    assert first.article.title == "全省养老服务推進（jìn）會（huì）在云川召開（kāi）"
    assert second.draft.start_line == 10


def test_a_column_wide_title_before_a_topic_sentence_and_a_dated_bureau():
    text = ("　　3月5日，云川县民政局召开养\n\n老服务推进会，部署全年任务。\n\n"
            " 云川省积极贯彻全省养老工作会议精神\n\n"
            "　　全省养老工作会召开后，云川\n\n省民政厅党组高度重视会议精神\n\n"
            "的贯彻落实。1月5日上午，云川\n\n省民政厅就将会议精神向省委作\n\n出汇报。\n")
    first, second = import_bulletin("x.txt", text)
    assert second.draft.start_line == 5
    assert second.article.title == "云川省积极贯彻全省养老工作会议精神"
