"""Home-page chart geometry: what is counted, and the text alternative."""

from __future__ import annotations

from site_src.model.site import make_site
from site_src.render.charts import MAX_MONTH_COLUMNS, monthly_chart, province_chart, yearly_chart

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


def test_monthly_chart_fills_empty_months_between_first_and_last():
    site = make_site(
        [
            make_article("a", "2023-11-02"),
            make_article("b", "2024-02-03"),
            make_article("c", "2024"),
        ]
    )
    chart = monthly_chart(site)
    assert [b.label for b in chart.bars] == ["2023年11月", "2023年12月", "2024年1月", "2024年2月"]
    assert [b.value for b in chart.bars] == [1, 0, 0, 1]
    assert chart.note == "另有1篇报道日期不够精确，未计入。"
    assert "2024年" in [t[2] for t in chart.ticks]


def test_long_archives_show_the_latest_months_and_every_year():
    site = make_site([make_article("a", "2010-01-01"), make_article("b", "2024-05-01")])
    months = monthly_chart(site)
    assert len(months.bars) == MAX_MONTH_COLUMNS
    assert months.bars[-1].label == "2024年5月"
    assert months.note == "另有1篇报道更早或日期不够精确，未计入。"
    years = yearly_chart(site)
    assert years is not None and years.title == "每年报道数量"
    assert len(years.bars) == 15  # every year from 2010 to 2024, empty ones included
    assert [b.value for b in years.bars if b.value] == [1, 1]


def test_no_yearly_chart_for_a_single_year():
    assert (
        yearly_chart(make_site([make_article("a", "2024-03-01"), make_article("b", "2024")]))
        is None
    )
