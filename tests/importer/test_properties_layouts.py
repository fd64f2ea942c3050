"""Generated bulletins in the corpus layouts: never a crash, nothing lost, idempotent.

The cues added for real bulletins (credits of every form, datelines and
bylines, ledes, titles below their body with furniture, mastheads, wrapped
credits) must keep the importer's three promises on any mix of them, and on
the typesetting of bench/corpus/layout.py with any seed.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus.layout import LAYOUTS, Report, render_bulletin
from tests.importer.test_properties import conserved_and_repeatable

ORGS = ["浙江省民政厅", "湖州市民政局", "区民政局", "省民政厅", "江西民政", "金华市人民政府"]
CREDITS = [
    "（据{org}）", "(据{org})", "（来源：{org}）", "(来源:{org})", "来源：{org}", "信息来源: {org}",
    "（{org}）", "（{org} 办公室）", "（文/张小；图/李大）", "（记者 王一 通讯员 赵二）",
    "（钱三）", "稿源：{org}  编辑：孙四", "（{org}供稿）", "（来源：中国社会报2022年1月11日）",
]
OPENINGS = [
    "本报讯（记者 周一 通讯员 吴二）近日，", "南湖日报讯 ", "本网双牌讯（通讯员 郑三）",
    "深圳商报2020年4月21日讯 近日，", "人民网西安8月26日电（记者 冯四）今天上午，",
    "6月19日上午，", "2024年3月5日，", "近日，", "日前，", "", "（记者 陈五 通讯员 褚六）昨日，",
]
EVENTS = ["召开全市养老服务推进会", "召开党组会议", "举办社区工作者培训班", "赴福建考察学习"]
SENTENCES = [
    "会议指出，要聚焦老年人急难愁盼问题。", "局长钱一鸣主持会议并讲话。",
    "副局长沈立群作工作报告。",
    "各县（市、区）民政局分管负责同志参加会议。", "会议强调，要压实责任，细化举措。",
    "3月12日上午，省委召开全省领导干部会议。", "全年增长三成（据统计）。", "约700人参加会议",
    "会议学习了《中共中央关于进一步全面深化改革 推进中国式现代化的决定》。",
]
FURNITURE = ["TOPIC", "专题", "- 12 -", "12", "NEWS"]


@st.composite
def corpus_report(draw) -> list[str]:
    org = draw(st.sampled_from(ORGS))
    lines: list[str] = []
    title = org + draw(st.sampled_from(EVENTS))
    where = draw(st.sampled_from(["heading", "inline", "after", "none"]))
    if where == "heading":
        lines += ["## " + title.replace("，", ","), ""]
    elif where == "inline":
        lines.append(" " + title)
    lede = draw(st.sampled_from(OPENINGS)) + org + draw(st.sampled_from(EVENTS)) + "。"
    body = [lede] + draw(st.lists(st.sampled_from(SENTENCES), max_size=4))
    width = draw(st.sampled_from([0, 13, 15]))
    for paragraph in body:
        if draw(st.booleans()):
            paragraph = paragraph.translate(str.maketrans("，：（）", ",:()"))
        parts = [paragraph[i : i + width] for i in range(0, len(paragraph), width)] if width \
            else [paragraph]
        for part in parts:
            lines.append(part)
            lines.extend([""] * draw(st.integers(0, 1)))
    if draw(st.booleans()):
        credit = draw(st.sampled_from(CREDITS)).format(org=org)
        if draw(st.booleans()) and lines and lines[-1].strip():
            lines[-1] += " " + credit
        else:
            lines.append(credit)
    if where == "after":
        lines += [" " + title[:6], title[6:], "", draw(st.sampled_from(FURNITURE))]
    return lines


@st.composite
def corpus_bulletin(draw) -> str:
    lines = ["民政工作简报 2024年第3期", ""] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 4))):
        lines += draw(corpus_report())
    return "\n".join(lines) + "\n"


def _check(text: str) -> None:
    conserved_and_repeatable(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_bulletin())
def test_corpus_cues_never_lose_a_character(text):
    _check(text)


PARAS = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map("".join)


@st.composite
def typeset(draw) -> str:
    """bench/corpus/layout.py's typesetting of generated reports, any layout and seed."""
    reports = []
    for n in range(draw(st.integers(2, 4))):
        org = draw(st.sampled_from(ORGS))
        title = draw(st.sampled_from(["", org + draw(st.sampled_from(EVENTS))]))
        lede = draw(st.sampled_from(OPENINGS)) + org + draw(st.sampled_from(EVENTS)) + "。"
        paras = (lede, *draw(st.lists(PARAS, max_size=3)))
        credit = draw(st.one_of(st.none(), st.sampled_from(CREDITS).map(
            lambda c, o=org: c.format(org=o))))
        reports.append(Report(f"{n:03d}", title, paras, credit, "2024"))
    layout = draw(st.sampled_from(LAYOUTS))
    rng = random.Random(draw(st.integers(0, 10_000)))
    lines, _ = render_bulletin(layout, reports, 2024 if layout == "g-masthead" else None, rng)
    return "\n".join(lines) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typeset())
def test_corpus_layouts_never_lose_a_character(text):
    _check(text)
