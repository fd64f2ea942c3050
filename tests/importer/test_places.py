"""Province and city as a careful reader gives them, from the report's own text."""

import pytest

from site_src.importer.places import report_place


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("", "浙江省民政厅召开会议。", ("浙江省", None)),
        ("", "扬州市民政局召开会议。", ("江苏省", "扬州市")),
        ("", "内蒙古自治区民政厅举行会议。", ("内蒙古自治区", None)),
        # municipalities are provinces, their districts give no city
        ("", "松江区民政局召开会议。", ("上海市", None)),
        ("", "上海市副市长到区里调研。", ("上海市", None)),
        # a county or district gives its prefecture (a county-level city too)
        ("", "金坛区召开全区民政工作会议。", ("江苏省", "常州市")),
        ("", "滕州市民政局召开会议。", ("山东省", "枣庄市")),
        ("", "县民政局召开会议，推广梁山经验。", (None, None)),  # a short name alone: a word
        ("", "县民政局召开会议。（信息来源：梁山融媒）", ("山东省", "济宁市")),
        ("", "2023年全州民政工作会议召开。", (None, None)),  # 全州: the whole prefecture
        # a purpose clause names others' meetings; the report is the city's
        ("", "为贯彻全省会议精神，5月6日，简阳市召开全市民政工作会。", ("四川省", "成都市")),
        ("", "全省座谈会在我县召开。滕州民政事业再上台阶。", ("山东省", "枣庄市")),
        # an autonomous region's 全区 meeting is regional: no city
        ("", "近日，全区推进会在柳州召开，玉林市民政局作交流发言。", ("广西壮族自治区", None)),
        # a provincial newspaper in the dateline; a provincial body gives no city
        ("", "河南日报讯 全省民政工作会议在郑州召开。", ("河南省", None)),
        # a named province's own meeting held in its capital: provincial, no city
        ("", "本报讯 日前，湖南省民政工作会议在长沙召开。", ("湖南省", None)),
        ("", "本報訊 日前，湖南省民政工作會議在长沙召開。", ("湖南省", None)),
        ("", "日前，湖南省民政廳在长沙召開座談會。", ("湖南省", None)),
        # a city report run into another one whose credit names another province
        ("我市召开全市养老工作会议", "9月3日，全市养老工作会议在诸暨市召开。\n"
         "5日，省调研组到我市调研。（来源：揭阳日报）", (None, None)),
        # a provincial body visiting another province keeps its credit's province
        ("", "近日，省民政厅厅长一行深入新疆调研。（江西民政）", ("江西省", None)),
        # 市民政局 whose city is named in the text
        ("", "近日，市民政局召开会议，部署淄博养老服务工作。", ("山东省", "淄博市")),
        # the issuing province when its body visits another
        ("", "福建省民政厅考察团赴广东学习。", ("福建省", None)),
        # unclear: nothing
        ("", "省民政厅召开党组会议。", (None, None)),
        ("", "区民政局召开会议。", (None, None)),
        ("", "省民政厅组织干部赴北京参加培训。", (None, None)),
        ("", "近日，江南市民政局与广东、广西同行交流。", (None, None)),
        ("", "*市民政局召开会议。", (None, None)),
    ],
)
def test_report_place(title, text, expected):
    assert report_place(title, text, anonymised="*" in text) == expected


def test_a_masked_report_gets_no_place_even_if_a_place_is_named():
    assert report_place("", "*市民政局学习浙江经验。", anonymised=True) == (None, None)


def test_where_a_studied_speech_was_given_is_not_the_report_place():
    text = "4月2日，民政部召开党组会议，传达学习习近平总书记在浙江考察时的重要讲话精神。"
    assert report_place("", text, anonymised=False) == (None, None)
