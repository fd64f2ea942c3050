"""The dry-run table pads and truncates by terminal cells, so Chinese columns line up."""

from site_src.importer.table import cells, pad, truncate


def test_wide_characters_take_two_cells():
    assert cells("浙江省") == 6
    assert cells("2024-03-14") == 10
    assert cells("（据）") == 6
    assert cells("“实”") == 4  # curly quotes are narrow in most terminals


def test_pad_fills_to_the_same_cell_width():
    assert cells(pad("浙江省", 10)) == 10
    assert cells(pad("abc", 10)) == 10
    assert pad("浙江省民政厅", 4) == "浙江省民政厅"


def test_truncate_marks_the_cut_and_respects_the_limit():
    title = "内蒙古自治区民政厅举行2024年第七次党组（扩大）会议"
    short = truncate(title, 20)
    assert short.endswith("…") and cells(short) <= 20
    assert title.startswith(short[:-1])
    assert truncate("短标题", 20) == "短标题"
