"""Report boundaries from weighed cues: credits, datelines, bylines, titles, furniture, ledes."""

import pytest

from site_src.importer import conservation
from site_src.importer.bulletin import import_bulletin, normalised_lines
from site_src.importer.credits import credit_source, credit_spans
from site_src.importer.openings import is_dateline, lede_subject, strip_dateline
from site_src.importer.split import split_reports
from site_src.importer.titles import derive_title, plain_title_text, title_text
from site_src.model.article import TitleOrigin


def _drafts(text):
    return split_reports(normalised_lines(text))


@pytest.mark.parametrize(("credit", "source"), [
    ("（据浙江省民政厅）", "浙江省民政厅"),
    ("（来源：中国社会报2022年1月11日）", "中国社会报"),
    ("（來源：中國社會報2022年1月11日）", "中國社會報"),
    ("来源：厅机关党委", "厅机关党委"),
    ("来源：社会事业局  梅济民", "社会事业局"),
    ("信息来源: 梁山融媒", "梁山融媒"),
    ("稿源：天津市民政局  编辑：王某", "天津市民政局"),
    ("编审：张三 编辑：李四 供稿：办公室", "办公室"),
    ("（江西民政）", "江西民政"),
    ("（台州市民政局 办公室）", "台州市民政局办公室"),
    ("（澧县民政局 谢玉竹）", "澧县民政局"),
    ("（临澧县民政局供稿）", "临澧县民政局"),
    ("（文/陈晓雨；图/赵海鸥）", None),
    ("（记者 周小禾 通讯员 林晓川）", None),
    ("（莫小婷）", None),
    ("（责任编辑：凌薇）", None),
])
def test_a_credit_gives_its_organisation_or_none_for_writers(credit, source):
    assert credit_source(credit) == source


def _is_title(text):
    return plain_title_text(text)


@pytest.mark.parametrize(("line", "found"), [
    ("会议要求抓好落实。（江西民政）", ["（江西民政）"]),
    ("要求。 （记者 张三 通讯员 李四）", ["（记者 张三 通讯员 李四）"]),
    ("来源：厅机关党委", ["来源：厅机关党委"]),
    ("稿件来源：林小河", ["稿件来源：林小河"]),
    ("文章来源:东湖县民政局", ["文章来源:东湖县民政局"]),
    ("全年增长三成（据统计）", []),
    ("加强领导。（一）", []),  # a list number, not a credit
    ("召开党组（扩大）", []),  # no sentence end before it
    ("（江西民政）会议要求", []),  # text after it: not at the line's end
])
def test_credits_are_found_at_the_end_of_a_line_after_a_sentence(line, found):
    assert [line[a:b] for a, b in credit_spans(line, _is_title)] == found


@pytest.mark.parametrize(("text", "dateline"), [
    ("本报讯（记者 张三 通讯员 李四）近日，", True),
    ("本報訊 1月10日，", True),
    ("南湖日报讯 11月21日，", True),
    ("深圳商报2020年4月21日讯 近日，", True),
    ("人民网西安8月26日电（记者 王五）今天上午，", True),
    ("本网双牌讯（通讯员 张三）", True),
    ("（记者 张三 通讯员 李四）昨日，", True),
    ("会议报告指出，", False),
    ("各地网格员讯息", False),
])
def test_datelines(text, dateline):
    assert is_dateline(text) is dateline


def test_strip_dateline_leaves_the_lede():
    lede = "本报讯（记者 张三 通讯员 李四）近日，区民政局召开会议"
    assert strip_dateline(lede) == "近日，区民政局召开会议"
    assert strip_dateline("深圳商报2020年4月21日讯 近日，") == "近日，"


@pytest.mark.parametrize(("text", "actor"), [
    ("6月19日上午，扬州市民政局召开全市会议。", "扬州市民政局"),
    ("2024年2月21日，湖北省民政厅在武汉召开会议。", "湖北省民政厅"),
    ("1月8日上午，全省民政工作会议召开。", "全省民政"),
    ("3月12日上午，省委召开全省领导干部会议。", None),  # another body's event, inside a report
    ("会议指出，要抓好落实。", None),
])
def test_lede_actor(text, actor):
    assert lede_subject(text) == actor


@pytest.mark.parametrize(("lede", "title"), [
    ("本报讯（记者 孙立 通讯员 何雨）2月20日，2025年全省民政工作会议在省城召开。",
     "2025年全省民政工作会议在省城召开"),
    ("深圳商报2020年4月21日讯 近日，深圳市民政局召开会议。", "深圳市民政局召开会议"),
    ("人民网西安8月26日电（记者 王五）今天上午，全省民政工作会议召开。", "全省民政工作会议召开"),
    ("8月3日上午，区民政局召开座谈会。", "区民政局召开座谈会"),
])
def test_derived_titles_never_hold_a_dateline_or_byline(lede, title):
    assert derive_title(lede) == title


@pytest.mark.parametrize(("lede", "title"), [
    # a title line run into its lede: the title ends where the dated lede begins
    ("北塘区民政局赴邻市考察养老服务2023年5月9日，北塘区民政局局长一行5人赴邻市考察。",
     "北塘区民政局赴邻市考察养老服务"),
    ("西岭县救助站开展冬季巡查2022年12月1日上午，救助站组织巡查。", "西岭县救助站开展冬季巡查"),
    # a date the clause leads into stays
    ("年度培训班定于2023年6月2日，在县城举行。", "年度培训班定于2023年6月2日"),
])
def test_a_derived_title_ends_where_the_dated_lede_begins(lede, title):
    assert derive_title(lede) == title


@pytest.mark.parametrize("line", ["稿件来源：林小河", "来源:东湖日报", "信息来源：东湖县民政局"])
def test_a_credit_line_is_never_a_title(line):
    assert not plain_title_text(line)


def test_a_title_does_not_leave_a_bracket_open():
    assert not plain_title_text("会议学习了《中共中央关于进一步全面深化改革 推进中")
    assert plain_title_text("会议学习《决定》精神")


REPORT_A = ("3月5日，湖州市民政局召开社会救助工作会议，部署全年任务。局长钱一鸣主持会议。\n"
            "各区县民政局负责同志参加会议。\n")
REPORT_B = "6月19日上午，衢州市民政局召开儿童福利工作推进会。副局长方卫东出席会议并讲话。\n"


def test_a_lede_with_another_actor_after_an_attendance_sentence_starts_a_report():
    first, second = _drafts(REPORT_A + REPORT_B)
    assert second.start_line == 3 and second.title_origin is TitleOrigin.DERIVED
    assert title_text(second) == "衢州市民政局召开儿童福利工作推进会"
    assert any("lede" in cue for cue in second.cues)


def test_a_lede_with_the_same_actor_on_the_next_day_stays_in_the_report():
    text = "3月5日，湖州市民政局召开社会救助工作会议。\n3月6日，湖州市民政局召开推进会。\n"
    (draft,) = _drafts(text)
    assert any("might start a new report" in flag for flag in draft.flags)


def test_a_lede_with_the_same_actor_on_another_day_starts_an_unsure_report():
    # The same body's next report (real bulletins print them one after the other).
    text = "3月5日，湖州市民政局召开社会救助工作会议。\n4月1日，湖州市民政局召开推进会。\n"
    first, second = _drafts(text)
    assert second.start_line == 2 and not second.sure
    assert any("another day" in cue for cue in second.cues)


def test_another_bodys_meeting_inside_a_report_is_not_a_boundary():
    text = ("3月14日，浙江省民政厅召开党组会议。\n3月12日上午，省委召开全省领导干部会议。\n"
            "（据浙江省民政厅）\n")
    assert len(_drafts(text)) == 1


def test_a_dateline_starts_a_report_without_any_credit_before_it():
    text = REPORT_A + "本报讯（记者 周一）近日，衢州市民政局召开会议。副局长方卫东讲话。\n"
    first, second = _drafts(text)
    assert second.start_line == 3 and second.sure
    assert title_text(second) == "衢州市民政局召开会议"


@pytest.mark.parametrize("credit", ["（来源：湖州市民政局）", "来源：厅机关党委",
                                    "（文/张小；图/李大）", "（湖州民政）", "(来源:湖州市民政局)"])
def test_every_form_of_credit_ends_a_report(credit):
    text = REPORT_A + credit + "\n为深入贯彻落实会议精神，区民政局开展专项行动。\n"
    first, second = _drafts(text)
    assert first.attribution is not None and second.start_line == 4


def test_a_title_line_before_a_lede_starts_a_report():
    text = REPORT_A + "衢州市民政局召开儿童福利工作推进会\n" + REPORT_B
    first, second = _drafts(text)
    assert second.title_origin is TitleOrigin.INLINE and second.start_line == 3


def test_a_title_below_its_body_with_furniture_then_the_next_reports_title():
    text = (REPORT_A + " 湖州市民政局召开\n社会救助工作会议\n\n专题\n"
            " 衢州市民政局召开推进会\n" + REPORT_B)
    first, second = _drafts(text)
    assert first.title_origin is TitleOrigin.AFTER_BODY
    assert title_text(first) == "湖州市民政局召开社会救助工作会议"
    assert [a.text for a in first.artefacts] == ["专题"]
    assert second.title_origin is TitleOrigin.INLINE
    assert title_text(second) == "衢州市民政局召开推进会"


def test_a_byline_under_a_heading_opens_the_report_not_closes_one():
    text = ("# 全市民政工作座谈会召开\n\n（记者 庄小婷 通讯员 张小岩）\n\n"
            "昨日上午，全市民政工作座谈会召开。\n")
    (draft,) = _drafts(text)
    assert draft.attribution is None and draft.body[0].line == 3


def test_two_credits_in_a_row_close_one_report():
    text = REPORT_A + "（钱小芳）\n（来源：中国社会报2022年1月11日）\n" + REPORT_B
    first, second = _drafts(text)
    assert first.source == "中国社会报" and second.start_line == 5


def test_a_masthead_is_furniture_not_a_title():
    (report,) = import_bulletin("x.txt", "民政工作简报 2024年第3期\n\n" + REPORT_A)
    assert report.article.title_origin is TitleOrigin.DERIVED
    assert [a.text for a in report.article.provenance.artefacts] == ["民政工作简报 2024年第3期"]


def test_an_attendance_sentence_without_full_stop_still_ends_a_report():
    text = "3月5日，湖州市民政局召开会议。约700人参加会议\n" + REPORT_B
    assert len(_drafts(text)) == 2


def test_a_paragraphs_first_line_as_wide_as_the_column_is_no_title():
    wrapped = ("3月5日，湖州市民政局召开全市\n民政工作会议，部署全年任务。\n"
               "会议通报了年度民政工作\n优胜单位名单，民政工作优胜\n"
               "位获通报表扬，会议通报了相\n关情况，各单位要学习先进。\n")
    (draft,) = _drafts(wrapped)
    assert draft.title_origin is TitleOrigin.DERIVED and not draft.title_pieces


def test_a_reporter_byline_before_a_date_phrase_opens_the_next_report():
    text = REPORT_A + "（记者 庄小婷 通讯员 张小岩）\n昨日上午，全市民政工作座谈会召开。\n"
    first, second = _drafts(text)
    assert first.attribution is None and second.start_line == 3


def test_an_attendance_sentence_cut_by_the_wrap_without_full_stop_ends_a_report():
    text = "3月5日，湖州市民政局召开会议。约700人参\n加会议\n" + REPORT_B
    assert len(_drafts(text)) == 2


def test_a_credit_cut_by_the_wrap_is_one_credit_with_its_source():
    text = ("3月5日，湖州市民政局召开会议，部署全年任务。局\n\n长钱一鸣主持会议。(社\n\n"
            "会事务处)\n\n6月19日上午，衢州市民政局召开推进会。\n")
    first, second = import_bulletin("x.txt", text)
    conservation.check("x.txt", normalised_lines(text), [first, second])
    assert first.article.source == "社会事务处"
    assert first.article.body.endswith("主持会议。\n\n（社会事务处）")
    assert second.article.provenance.line == 7


def test_a_purpose_clause_then_a_dated_lede_starts_a_report():
    text = (REPORT_A + "为推进殡葬改革，进一步提升服务水平，12月1日，临澧县民政局"
            "主持召开殡葬改革座谈会。\n")
    first, second = _drafts(text)
    assert second.start_line == 3
    assert lede_subject("为进一步做好工作，会议要求各地加强领导。") is None


def test_a_sidebar_word_after_a_column_wide_line_is_no_title_below_a_body():
    wrapped = ("3月5日，湖州市民政局召开全\n市会议，部署年度各项工作。\n"
               "各区义工协会、关爱协会、邻\nNEWS\n里互助协会等社会组织代表也\n纷纷发言，谈论分析现状和问\n"
               "题，提出意见建议共十余条。\n")
    (draft,) = _drafts(wrapped)
    assert draft.title_origin is TitleOrigin.DERIVED
    assert [a.text for a in draft.artefacts] == ["NEWS"]


@pytest.mark.parametrize(("text", "actor"), [
    ("近日，四川省民政厅组织部分地区民政部门学习。", "四川省民政厅"),
    ("1月17日下午，在台儿庄社会组织中心会议室召开座谈会。", "在台儿庄社会组织中心会议室"),
    ("6月13日至14日，全国殡葬政策座谈会在山东省召开。", "全国殡葬政策座谈会在山东省"),
])
def test_a_noun_that_looks_like_a_verb_does_not_hide_the_actor(text, actor):
    assert lede_subject(text) == actor


def test_a_byline_line_after_furniture_shows_a_title_below_its_body():
    wrapped = ("3月5日，湖州市民政局召开全\n市会议，部署年度各项工作。\n"
               "局长钱一鸣出席会议并讲\n话。\n 奋力推动民政工作保持全\n"
               "市一流 湖州市民政工作会议召开\n\nTOPIC\n\n商铮 报道\n"
               "本报讯 2月28日，全市民政\n工作会召开，总结经验。\n")
    first, second = _drafts(wrapped)
    assert first.title_origin is TitleOrigin.AFTER_BODY and second.start_line == 10


def test_a_joint_actor_is_compared_whole():
    """`民政部与自治区政府` is another actor than `民政部党组`: a new report."""
    assert lede_subject("4月24日，民政部与自治区政府建立合作机制。") == "民政部与自治区政府"
    text = ("12月13日，民政部党组召开会议，传达学习会议精神。\n"
            "4月24日，民政部与自治区政府建立部区合作机制会商制度。\n")
    assert [d.start_line for d in _drafts(text)] == [1, 2]
