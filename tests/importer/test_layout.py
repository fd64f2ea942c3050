"""Reflow, space and punctuation rules, each on the smallest text that shows it."""

import pytest

from site_src.importer.layout import (
    Piece,
    collapse_spaces,
    display_width,
    normalise_punctuation,
    paragraph_text,
    reflow,
    strip_heading_mark,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("会议指出, 要认真", "会议指出， 要认真"),
        ("召开党组(扩大)会议", "召开党组（扩大）会议"),
        ("(据浙江省民政厅)", "（据浙江省民政厅）"),
        ("其中:社区依法", "其中：社区依法"),
        ("是否到位?要", "是否到位？要"),
        ("加油!", "加油！"),
        ("问题;要", "问题；要"),
        ("新增保障对象 1,086人", "新增保障对象 1,086人"),
        ("上午10:30召开", "上午10:30召开"),
        ("将*.*万人纳入", "将*.*万人纳入"),
        ("Hello, world (test)", "Hello, world (test)"),
        ("借调(抽调)的30余名", "借调（抽调）的30余名"),
        ("第(3)项", "第（3）项"),
        ("(据浙江省民政厅）", "（据浙江省民政厅）"),
        ("2024年,", "2024年，"),
    ],
)
def test_ascii_punctuation_becomes_full_width_only_in_chinese_text(raw, expected):
    assert normalise_punctuation(raw) == expected


def test_normalisation_keeps_every_column():
    raw = " 会议指出, 要(扩大)1,086人 "
    assert len(normalise_punctuation(raw)) == len(raw)


@pytest.mark.parametrize(
    ("raw", "title", "expected"),
    [
        ("抓好抓实 2024", False, "抓好抓实2024"),
        ("展研讨 9次；通过", False, "展研讨9次；通过"),
        ("会议指出， 要认真", False, "会议指出，要认真"),
        ("诞辰 130 周年", False, "诞辰130周年"),
        ("Hello  world", False, "Hello world"),
        ("编号 12 34", False, "编号12 34"),
        ("“实”字当头 推动主题教育", False, "“实”字当头推动主题教育"),
        ("“实”字当头 推动主题教育", True, "“实”字当头 推动主题教育"),
        ("会议 传达学习", True, "会议 传达学习"),
        ("民政局： 夯实", True, "民政局：夯实"),
        ("召开 2024 年全省", True, "召开2024年全省"),
        ("  前后空格  ", True, "前后空格"),
        ("全角\u3000空格", False, "全角空格"),
    ],
)
def test_spaces_from_the_wrap_go_typeset_gaps_stay(raw, title, expected):
    assert collapse_spaces(raw, title=title) == expected


def test_display_width_counts_ascii_as_half():
    assert display_width("会议指出") == 4
    assert display_width("2024年") == 3
    assert display_width("研讨 9次") == 3.5


def test_heading_marks_are_recognised_only_with_a_space():
    assert strip_heading_mark("## 江苏省民政厅召开会议") == ("江苏省民政厅召开会议", 4)
    assert strip_heading_mark("#标签") is None
    assert strip_heading_mark("正文") is None


def _pieces(lines):
    return [Piece(n, 1, text) for n, text in enumerate(lines, start=1)]


def _texts(lines):
    return [paragraph_text(p) for p in reflow(_pieces(lines))]


# Lines 25-63 of raw/000 (blank lines dropped): a 14-cell column, first lines indented.
HARD_WRAPPED = [
    "政事业高质量发展。要树牢为民",
    "情怀，坚持以人民为中心的发展",
    "思想，深入践行“民政为民、民政",
    "爱民”工作理念，用心用情用力",
    "开展各项民生工作，让人民群众",
    "的获得感、幸福感、安全感更加",
    "充实。要谋好民生实事，以时不",
    "我待的紧迫感、更加扎实的工作",
    "作风、更加昂扬的精神状态，集",
    "全厅之智、聚全厅之力、凝全厅",
    "之心，精心谋划、抓好抓实 2024",
    "年重点工作，努力推动共同富裕",
    "取得更为明显的实质性进展。",
    "会议强调，要认真学习贯彻",
    "习近平总书记在纪念毛泽东同",
    "志诞辰 130 周年座谈会上的重",
    "要讲话精神，始终不忘初心、牢",
    "记使命，坚定信心、迎难而上，推",
    "动民政事业高质量发展迈上新",
    "台阶、再上新水平，在奋力谱写",
    "中国式现代化浙江篇章中彰显",
    "民政担当展现民政作为。",
]


def test_hard_wrapped_lines_join_until_a_short_sentence_final_line():
    paragraphs = _texts(HARD_WRAPPED)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("抓实2024年重点工作，努力推动共同富裕取得更为明显的实质性进展。")
    assert paragraphs[1].startswith("会议强调，要认真学习贯彻习近平总书记在纪念毛泽东同志诞辰130")
    assert paragraphs[1].endswith("在奋力谱写中国式现代化浙江篇章中彰显民政担当展现民政作为。")


def test_a_full_width_sentence_end_continues_the_paragraph():
    lines = HARD_WRAPPED[:6] + ["度，推动老年友好型社会建设。", "四是以推进高品质普惠养老服"]
    lines += HARD_WRAPPED[6:12] + ["务为重点。"]
    paragraphs = _texts(lines)
    assert len(paragraphs) == 1
    assert "社会建设。四是以推进" in paragraphs[0]


def test_a_short_line_without_sentence_end_never_ends_a_paragraph():
    lines = HARD_WRAPPED[:6] + ["研究部署", "主题教育工作，扎实推进落实。"]
    paragraphs = _texts(lines)
    assert len(paragraphs) == 1
    assert "研究部署主题教育工作" in paragraphs[0]


def test_one_line_subheading_after_a_full_line_is_its_own_paragraph():
    lines = [
        "领，组织党员围绕“学什么、怎么",
        "学、如何做”研讨交流 315人次。",
        "掌握实情，调查研究谋实招。",
        "坚持把调查研究与解决突出问题",
        "结合起来，实行问题大梳理、难题",
        "大排查，真正把情况摸清、把问题",
        "找准、把对策提实，确保每个问题",
        "都有务实管用的破解之策。",
    ]
    assert _texts(lines) == [
        "领，组织党员围绕“学什么、怎么学、如何做”研讨交流315人次。",
        "掌握实情，调查研究谋实招。",
        "坚持把调查研究与解决突出问题结合起来，实行问题大梳理、难题大排查，"
        "真正把情况摸清、把问题找准、把对策提实，确保每个问题都有务实管用的破解之策。",
    ]


def test_an_indented_next_line_starts_a_new_paragraph():
    # `取得更为明显的实质性进展。` is 13 of 14 cells (not clearly short); the
    # paragraph ends there because the next line is indented (12 cells).
    lines = HARD_WRAPPED[:13] + ["会议强调，要认真学习贯彻"] + HARD_WRAPPED[14:]
    assert len(_texts(lines)) == 2
    unindented = HARD_WRAPPED[:13] + ["会议强调，要认真学习贯彻落实"] + HARD_WRAPPED[14:]
    assert len(_texts(unindented)) == 1


LONG = "会议指出，" + "全省民政系统要以高度的政治自觉认真学习研究和贯彻落实，" * 4


def test_long_lines_are_paragraphs_and_a_page_break_cut_is_joined():
    lines = [
        LONG + "蕴含着沉甸甸的思想力",
        "量、改革含量和民生分量。" + LONG + "增强了信心。",
        LONG + "凝聚了共识。",
        "厅领导班子成员参加会议。",
    ]
    paragraphs = _texts(lines)
    assert len(paragraphs) == 3
    assert "沉甸甸的思想力量、改革含量" in paragraphs[0]
    assert paragraphs[2] == "厅领导班子成员参加会议。"


def test_reflow_never_splits_a_sentence():
    lines = HARD_WRAPPED + ["厅领导班子成员，厅机关各", "局处室主要负责人参加会议。"]
    for paragraph in _texts(lines):
        assert paragraph[-1] in "。！？；：”）"
