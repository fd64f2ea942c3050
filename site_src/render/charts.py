"""Geometry for the home page's inline SVG charts (no JavaScript, no chart library).

Readers would rather see the archive's shape than read counts, so the home page
draws reports per province and per month. This module only computes numbers
(bar positions, labels); the template draws them and adds a data table as the
accessible text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_src.model.site import Site, TermKind

MAX_MONTH_COLUMNS = 24  # the monthly chart shows at most this many latest months


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str | None  # site-relative listing the bar stands for
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    key: str  # used for element ids
    title: str
    summary: str  # one-sentence text alternative
    width: int
    height: int
    horizontal: bool
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, float, str, str], ...] = ()  # (x, y, text, text-anchor)
    note: str = ""  # what the chart leaves out


def province_chart(site: Site) -> Chart:
    """Horizontal bars: reports per province, most first."""
    terms = site.terms[TermKind.PROVINCE]
    label_width, bar_space, row = 112, 210, 24
    top = max((len(t.entries) for t in terms), default=1)
    bars = tuple(
        Bar(
            label=t.label,
            value=len(t.entries),
            url=t.url,
            x=label_width,
            y=i * row + 4,
            width=round(max(2, bar_space * len(t.entries) / top), 1),
            height=row - 8,
        )
        for i, t in enumerate(terms)
    )
    leading = "、".join(f"{b.label}{b.value}篇" for b in bars[:3])
    summary = f"共{len(bars)}个省级行政区有报道" + (f"，最多的是{leading}。" if bars else "。")
    return Chart(
        key="provinces",
        title="各省报道数量",
        summary=summary,
        width=label_width + bar_space + 40,
        height=max(row, len(bars) * row),
        horizontal=True,
        bars=bars,
    )


def _counts(site: Site) -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    by_month: dict[tuple[int, int], int] = {}
    by_year: dict[int, int] = {}
    for e in site.entries:
        d = e.article.date
        if d is None:
            continue
        by_year[d.year] = by_year.get(d.year, 0) + 1
        if d.month is not None:
            by_month[(d.year, d.month)] = by_month.get((d.year, d.month), 0) + 1
    return by_month, by_year


def monthly_chart(site: Site) -> Chart:
    """Columns per month, for the latest MAX_MONTH_COLUMNS months up to the newest report."""
    by_month, _ = _counts(site)
    slots: list[tuple[str, int, str, str, str]] = []  # label, value, url, tick, year tick
    first = (0, 0)
    if by_month:
        last = max(by_month)
        first = max(min(by_month), _months_before(last, MAX_MONTH_COLUMNS - 1))
        year, month = first
        while (year, month) <= last:
            year_tick = f"{year}年" if month == 1 or not slots else ""
            value = by_month.get((year, month), 0)
            tick = f"{month}月"
            slots.append(
                (f"{year}年{month}月", value, f"year/{year}/#m{month:02d}", tick, year_tick)
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    left_out = len(site.entries) - sum(slot[1] for slot in slots)
    older = sum(v for k, v in by_month.items() if k < first) if by_month else 0
    reason = "更早或日期不够精确" if older else "日期不够精确"
    note = f"另有{left_out}篇报道{reason}，未计入。" if left_out else ""
    return _columns("months", "每月报道数量", slots, note)


def yearly_chart(site: Site) -> Chart | None:
    """Columns per year, when the archive covers more than one year."""
    _, by_year = _counts(site)
    if not by_year or max(by_year) == min(by_year):
        return None
    slots = [
        (f"{year}年", by_year.get(year, 0), f"year/{year}/", f"{year}", "")
        for year in range(min(by_year), max(by_year) + 1)
    ]
    left_out = len(site.entries) - sum(by_year.values())
    note = f"另有{left_out}篇报道日期不详，未计入。" if left_out else ""
    return _columns("years", "每年报道数量", slots, note)


def _months_before(month: tuple[int, int], count: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 - count
    return (index // 12, index % 12 + 1)


def _columns(key: str, title: str, slots: list[tuple[str, int, str, str, str]], note: str) -> Chart:
    column, chart_height, base = 28, 120, 140
    top = max((slot[1] for slot in slots), default=1) or 1
    bars = []
    ticks = []
    for i, (label, value, url, tick, year_tick) in enumerate(slots):
        height = round(chart_height * value / top, 1)
        x = 8 + i * column
        bars.append(Bar(label, value, url, x, base - height, column - 6, height))
        ticks.append((x + (column - 6) / 2, base + 14, tick, "middle"))
        if year_tick:
            ticks.append((x, base + 28, year_tick, "start"))
    busiest = max(bars, key=lambda b: (b.value, b.label), default=None)
    summary = (
        f"从{bars[0].label}到{bars[-1].label}，报道最多的是{busiest.label}（{busiest.value}篇）。"
        if busiest
        else "没有可以按时间统计的报道。"
    )
    return Chart(
        key=key,
        title=title,
        summary=summary,
        width=max(16 + len(bars) * column, 120),
        height=base + 34,
        horizontal=False,
        bars=tuple(bars),
        ticks=tuple(ticks),
        note=note,
    )
