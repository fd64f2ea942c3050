"""Rules added after probe8 (16 reports none of the earlier sets lists, measured
first on main, then used to find failure kinds): staff blocks 一审/二审/三审,
datelines of a news app (`XX客户端XX讯`), dates written `N月N号`, the reporter's
source clause after the date, an organisation run into its staff labels in a
credit, bare names listed with `、` before a speaking clause, and a document title
naming a higher body in the lede, a standing commitment (`X始终将…`) before a
lede dated by a span of months (`3-5月`). All wording is invented."""

from site_src.importer.bulletin import normalised_lines
from site_src.importer.metadata import credit_source, read_metadata
from site_src.importer.people import find_people
from site_src.importer.split import split_reports
from site_src.importer.titles import derive_title
from tests.importer.probe_helpers import openings as _starts


def test_a_staff_block_of_numbered_reviews_ends_a_report():
    text = "\n".join([
        "9月3日，南岭区民政局联合消防大队检查敬老院。",
        "检查组强调，要落实值班制度。",
        "一审：方晓",
        "二审：何 平",
        "三审：周立",
        "北川网讯（记者：林舟）3月2日上午，北川县民政局召开工作会议。",
        "会议部署了全年任务。",
    ])
    assert _starts(text) == ["9月3日，南", "北川网讯（记"]


def test_a_news_app_dateline_opens_a_report_and_stays_out_of_the_title():
    text = "\n".join([
        "6月1日，东坪县民政局开展儿童节慰问。",
        "慰问组送去了学习用品。",
        "新北江客户端江城讯（新北江·北江日报记者 王一）6月2日因节日临近，各地开展关爱活动。",
        "省民政厅指导各地做好服务。",
    ])
    assert _starts(text) == ["6月1日，东", "新北江客户端"]
    title = derive_title(
        "新北江客户端江城讯（新北江·北江日报记者 王一）6月2日因节日临近，各地开展关爱活动。")
    assert "客户端" not in title and "记者" not in title


def test_a_date_written_with_hao_opens_a_lede():
    text = "\n".join([
        "5月6日，东岭县民政局召开养老服务工作会议。",
        "各乡镇分管负责人作了交流。",
        "4月12号，市政协副主席陈远带领调研组，对全市殡葬改革进行专题调研。",
        "调研组召开了座谈会。",
    ])
    assert _starts(text) == ["5月6日，东", "4月12号，"]


def test_the_reporters_source_clause_after_the_date_is_no_title():
    title = derive_title(
        "本报讯（记者 田野）昨日，记者从市民政局获悉，全市救助站已接待返乡人员30名。")
    assert "记者" not in title and "获悉" not in title
    assert title.startswith("全市救助站")


def test_an_organisation_run_into_its_staff_labels_is_the_source():
    assert credit_source(["正文。", "（江城广播电视台编辑：李木三审：赵林）"]) == "江城广播电视台"
    assert credit_source(["正文。", "（江城广播电视台 编辑：李木 三审：赵林）"]) == "江城广播电视台"


def test_bare_names_listed_before_a_speaking_clause_all_speak():
    text = ("司长甲乙丙，副主任丁戊己，厅长庚辛等出席会议。会上，甲乙丙、丁戊己就做好下步工作"
            "提出具体要求。庚辛介绍了本省情况。")
    assert find_people(text).speakers == ("甲乙丙", "丁戊己", "庚辛")


def test_a_higher_bodys_document_in_the_lede_keeps_the_county_report_local():
    text = ("为认真贯彻落实上级安全生产部署、《国务院办公厅关于加强养老服务监管的意见》精神，"
            "9月25日，西秀区民政局联合区市场监管局开展养老机构检查。")
    meta = read_metadata("", [text])
    assert (meta.province, meta.city) == ("贵州省", "安顺市")


def test_a_standing_commitment_then_a_month_span_opens_a_report():
    text = "\n".join([
        "2月1日，北坪县民政局开展走访慰问。",
        "慰问组送去了米面油。",
        "市民政局始终将救助工作摆在首位，持续开展排查。3-5月，市民政局联合财政局深入各乡镇核查。",
        "核查组逐户登记。",
    ])
    assert _starts(text) == ["2月1日，北", "市民政局始终"]


def test_an_organisation_then_its_labelled_staff_in_brackets_closes_a_report():
    text = "\n".join([
        "4月2日，市人大常委会副主任陈远带领调研组调研殡葬改革。会议要求，要加快公墓建设。",
        "（江城广播电视台 编辑：李木 三审：赵林）",
        "北湖大学入选社会工作培训基地",
        "本报北湖讯 11月3日，北湖大学与省民政厅签约。",
    ])
    reports = split_reports(normalised_lines(text))
    assert len(reports) == 2
    assert "赵林" in reports[0].attribution.text
    assert "".join(p.text for p in reports[1].title_pieces) == "北湖大学入选社会工作培训基地"
