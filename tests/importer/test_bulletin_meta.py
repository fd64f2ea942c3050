"""Metadata is per report: no year, chair or place crosses from a neighbour."""

from site_src.importer.bulletin import import_bulletin, masthead_year
from site_src.model.article import PartialDate

TWO_REPORTS = """# 长宁市民政局召开2022年全市养老服务推进会
2022年6月19日，淄博市民政局召开全市养老服务推进会。局长周一鸣主持会议。
（据淄博市民政局）
# 省民政厅召开党组会议
12月2日，江西省民政厅召开党组会议，研究部署2023年工作。厅长吴二主持会议。
（来源：江西民政）
"""


def test_no_year_chair_or_place_leaks_from_the_report_before():
    first, second = (r.article for r in import_bulletin("b.txt", TWO_REPORTS))
    assert first.date == PartialDate(2022, 6, 19) and first.city == "淄博市"
    assert second.date is None and second.date_text == "12月2日"
    assert second.leaders == ("吴二",) and second.province == "江西省" and second.city is None
    assert second.source == "江西民政"


def test_a_masthead_dates_every_report_that_gives_no_year():
    reports = import_bulletin("b.txt", "民政工作简报 2023年第1期\n\n" + TWO_REPORTS)
    assert len(reports) == 2 and reports[0].article.provenance.artefacts[0].line == 1
    first, second = (r.article for r in reports)
    assert first.date == PartialDate(2022, 6, 19) and not first.date_inferred
    assert second.date == PartialDate(2023, 12, 2) and second.date_inferred
    assert "front matter" not in reports[-1].text and "date_inferred: true" in reports[-1].text


def test_the_year_option_beats_the_masthead():
    reports = import_bulletin("b.txt", "民政工作简报 2023年第1期\n\n" + TWO_REPORTS, year=2021)
    assert reports[-1].article.date == PartialDate(2021, 12, 2)


def test_masthead_only_on_the_first_line_and_only_an_issue():
    assert masthead_year(["", "民政工作简报 2023年第1期", "正文"]) == 2023
    assert masthead_year(["民政信息 2019年第12期（总第88期）"]) == 2019
    assert masthead_year(["2023年全省民政工作会议召开"]) is None
    assert masthead_year(["正文", "民政工作简报 2023年第1期"]) is None
