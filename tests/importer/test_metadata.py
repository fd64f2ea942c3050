"""Per-report metadata: the source from a credit of every form, nothing from a neighbour."""

import pytest

from site_src.importer.metadata import credit_source, is_anonymised, places_named, read_metadata
from site_src.model.article import PartialDate


@pytest.mark.parametrize(
    ("last", "source"),
    [
        ("（据江南省民政厅）", "江南省民政厅"),
        ("会议要求，抓好落实。（据长宁市民政局）", "长宁市民政局"),
        ("（来源：东江日报）", "东江日报"),
        ("(来源:中国社会报2022年1月11日)", "中国社会报"),
        ("来源：厅机关党委", "厅机关党委"),
        ("信息来源: 梁河融媒", "梁河融媒"),
        ("（江南民政）", "江南民政"),
        ("（长宁市民政局供稿）", "长宁市民政局"),
        ("（江南省民政厅 办公室）", "江南省民政厅 办公室"),
        ("（长宁县民政局 李小四）", "长宁县民政局"),
        ("（宣传信息处）", "宣传信息处"),
        ("（文/张三；图/李四）", None),
        ("（记者 张三 通讯员 李四）", None),
        ("（王五）", None),
        ("（责任编辑：赵六）", None),
        ("本报讯（记者 张三）近日，会议召开。", None),
        ("会议审议通过了《实施办法（试行）》。", None),
    ],
)
def test_source_from_every_credit_form(last, source):
    assert credit_source(["会议指出，要抓好落实。", last]) == source


def test_a_writer_line_after_the_credit_does_not_hide_it():
    paragraphs = ["正文。", "（来源：长宁市民政局）", "（责任编辑：赵六）"]
    assert credit_source(paragraphs) == "长宁市民政局"


def test_places_named_in_a_title():
    assert places_named("扬州市民政局：“实”字当头") == ["江苏省", "扬州市"]
    assert places_named("湖北省民政厅召开2024年全省民政工作视频会议") == ["湖北省"]
    assert places_named("召开党组会议") == []


def test_anonymised_by_asterisks():
    assert is_anonymised("*市民政局将*.*万人纳入低保")
    assert not is_anonymised("扬州市民政局")


def test_metadata_of_a_whole_report():
    meta = read_metadata(
        "市民政局召开社会救助工作推进会 部署下半年重点任务",
        [
            "7月8日上午，淄博市民政局召开全市社会救助工作推进会。市民政局党组书记、局长周一鸣主持会议并讲话，"
            "副局长吴晓兰通报了上半年工作情况。副市长郑桐出席会议。",
            "（淄博市民政局）",
        ],
    )
    assert (meta.province, meta.city) == ("山东省", "淄博市")
    assert meta.date.date is None and meta.date.text == "7月8日"
    assert meta.leaders == ("周一鸣",) and meta.speakers == ("吴晓兰",)
    assert meta.source == "淄博市民政局"


def test_a_masked_report_gets_no_place_and_no_masked_name():
    meta = read_metadata("", ["12月16日，*省民政厅召开党组会议，研究明年工作。厅长**主持。",
                              "（来源：*省民政厅办公室）"])
    assert meta.anonymised and (meta.province, meta.city) == (None, None)
    assert meta.leaders == () and meta.date.date is None and meta.date.text == "12月16日"
    assert meta.source == "*省民政厅办公室"


def test_the_bulletin_year_dates_only_month_day_reports():
    meta = read_metadata("", ["5月6日，市民政局召开会议。"], bulletin_year=2023)
    assert meta.date.date == PartialDate(2023, 5, 6)


def test_traditional_text_is_read_and_values_kept_as_printed():
    meta = read_metadata(
        "",
        ["4月29日，河南省商丘市梁園區民政局召開全區民政工作會議，會議由黨組書記徐國立主持，"
         "局長王寶劍作工作報告。", "（辦公室 盧猛）"],
    )
    assert (meta.province, meta.city) == ("河南省", "商丘市")
    assert meta.leaders == ("徐國立",) and meta.speakers == ("王寶劍",)
    assert meta.roles == {"徐國立": "黨組書記", "王寶劍": "局長"}
    assert meta.source == "辦公室" and meta.date.text == "4月29日"


def test_source_from_a_line_of_several_credits():
    assert credit_source(["正文。", "编审：刘大德 编辑：闫小丽 供稿：办公室"]) == "办公室"
    assert credit_source(["正文。", "编审：刘大德 编辑：闫小丽"]) is None


def test_a_byline_paragraph_before_the_lede_is_skipped_for_the_date():
    paragraphs = ["方正 报道", "本报讯 2月28日，全市民政工作会召开。"]
    meta = read_metadata("", paragraphs, bulletin_year=2022)
    assert meta.date.date == PartialDate(2022, 2, 28)


def test_pinyin_readings_left_by_a_conversion_do_not_cut_names_or_places():
    meta = read_metadata("", [
        "3月2日，內(nèi)蒙古自治區(qū)民政廳召開會議，傳達學(xué)習(xí)馮(féng)小川總書記對民政工作的指示精神。"
        "廳長韓(hán)一鳴主持會議。",
    ])
    assert meta.province == "内蒙古自治区"
    assert meta.leaders == ("韓一鳴",)
    assert meta.speakers == ()


def test_two_events_run_together_keep_the_first_events_chairs():
    meta = read_metadata("", [
        "3月2日，北塘区民政局召开养老服务推进会。副局长林小河主持会议。",
        "5日上午，会议还部署了冬季救助。",
        "3月9日，西岭县民政局召开救助工作会议。局长周大川主持会议并讲话。",
    ])
    assert meta.leaders == ("林小河",)


def test_a_second_event_alone_gives_no_chair():
    meta = read_metadata("", [
        "3月2日，北塘区民政局召开养老服务推进会。",
        "3月9日，西岭县民政局召开救助工作会议。局长周大川主持会议。",
    ])
    assert meta.leaders == ()
