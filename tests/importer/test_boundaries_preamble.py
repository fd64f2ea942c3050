"""A report that opens with a topic sentence before its dated lede (no title, no credit)."""

from site_src.importer.bulletin import normalised_lines
from site_src.importer.openings import lede_subject, preamble_lede
from site_src.importer.split import split_reports

FIRST = ("5月8日，江州市民政局召开养老服务推进会，部署全年任务。局长柯一帆主持会议。\n"
         "各县区民政局分管负责同志参加会议。\n")


def _starts(text):
    return [d.start_line for d in split_reports(normalised_lines(text))]


def test_a_topic_sentence_then_a_dated_lede_of_another_body_starts_a_report():
    text = FIRST + ("明年是农村养老提质之年。为摸清互助幸福院运行情况，"
                    "6月2日，县妇联副主席魏小桐一行到县民政局走访调研。\n")
    assert _starts(text) == [1, 3]


def test_a_proverb_then_a_date_without_its_comma_starts_a_report():
    text = FIRST + ("养老是百姓关切之本。7月3日在县政府三楼召开全县养老工作会议，"
                    "副县长金一舟出席。\n")
    assert _starts(text) == [1, 3]


def test_a_topic_sentence_inside_a_report_without_a_lede_stays_in_it():
    text = FIRST + "今年是互助养老推广之年，各地要抓紧落实。\n"
    assert _starts(text) == [1]


def test_preamble_lede_needs_the_topic_sentence_and_an_actor():
    assert preamble_lede("当前正值汛期，8月1日，市民政局召开防汛工作会议。") == "市民政局"
    assert preamble_lede("会议强调，8月1日前，各地要完成排查。") is None  # no topic sentence
    assert preamble_lede("今年是关键之年，要把工作做细做实。") is None  # no dated lede


def test_a_lede_may_set_the_scene_before_its_actor_or_drop_the_dates_comma():
    assert lede_subject("9月9日，趁着秋收农闲，县民政局召开村务工作会。") == "县民政局"
    assert lede_subject("9月9日省民政厅召开村务工作会。") == "省民政厅"
    # the actor is given as the rules read it: simplified
    assert lede_subject("9月9日全省会议结束后，省民政廳召開黨組會議。") == "省民政厅"
    assert lede_subject("9月9日，趁着秋收农闲，各村要抓紧收割。") is None


def test_a_day_without_its_month_continues_the_report():
    text = FIRST + "10日，县民政局召开村务工作会。\n"
    assert _starts(text) == [1]
