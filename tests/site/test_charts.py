"""Home-page chart geometry: what is counted, and the text alternative."""

from __future__ import annotations

from site_src.charts import province_chart, timeline_chart
from site_src.site import make_site

from .conftest import make_article


def test_province_chart_counts_most_first_and_summarises():
    site = make_site(
        [
            make_article("a", province="湖北省"),
            make_article("b", "2024-02-01", province="湖北省"),
            make_article("c", province="浙江省"),
        ]
    )
    chart = province_chart(site)
    assert [(b.label, b.value) for b in chart.bars] == [("湖北省", 2), ("浙江省", 1)]
    assert chart.bars[0].width > chart.bars[1].width
    assert "湖北省2篇" in chart.summary
    assert chart.bars[0].url == "province/hubei/"


def test_timeline_fills_empty_months_between_first_and_last():
    site = make_site(
        [
            make_article("a", "2023-11-02"),
            make_article("b", "2024-02-03"),
            make_article("c", "2024"),
        ]
    )
    chart = timeline_chart(site)
    assert [b.label for b in chart.bars] == ["2023年11月", "2023年12月", "2024年1月", "2024年2月"]
    assert [b.value for b in chart.bars] == [1, 0, 0, 1]
    assert chart.note == "另有1篇报道日期不够精确，未计入。"
    assert "2024年" in [t[2] for t in chart.ticks]


def test_timeline_switches_to_years_for_long_spans():
    site = make_site([make_article("a", "2010-01-01"), make_article("b", "2024-05-01")])
    chart = timeline_chart(site)
    assert chart.title == "每年报道数量"
    assert len(chart.bars) == 15  # every year from 2010 to 2024, empty ones included
    assert [b.value for b in chart.bars if b.value] == [1, 1]
