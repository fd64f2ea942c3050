"""The layout rules on hand-placed lines: columns, reading order, furniture, paragraphs.

Pages here are A4 in points (595 × 842), body text at 10.5 pt; no PDF needed.
"""

from __future__ import annotations

from site_src.importer.pdf import columns, furniture, headings, paragraphs
from site_src.importer.pdf.extract import Char, Line, Page, group_lines

W, H = 595.0, 842.0
LEFT, MID_END, RIGHT_START, RIGHT = 80.0, 300.0, 328.0, 550.0


def line(text, x0, x1, top, *, page=1, size=10.5) -> Line:
    return Line(page, text, x0, x1, top - size, top, size)


def two_columns(page=1, first_top=700.0, rows=6, indent_first=True):
    """Full lines in both columns, the first of each column indented."""
    lines = []
    for column, (x0, x1) in enumerate(((LEFT, MID_END), (RIGHT_START, RIGHT))):
        for row in range(rows):
            start = x0 + 21 if indent_first and row == 0 else x0
            lines.append(line(f"{'左右'[column]}{row}", start, x1, first_top - 17 * row,
                              page=page))
    return lines


def test_columns_are_the_frequent_starts_and_ends():
    geo = columns.geometry(two_columns(), W)
    assert geo.left == (80.0, 300.0) and geo.right == (328.0, 550.0)
    one = columns.geometry([line("x", LEFT, RIGHT, 700 - 17 * i) for i in range(8)], W)
    assert one.right is None and one.block == (80.0, 550.0)


def test_a_spanning_title_is_read_first_then_left_then_right():
    body = two_columns()
    title = line("标题", LEFT, 500.0, 740.0, size=17)
    geo = columns.geometry(body, W)
    order = [ln.text for ln in columns.reading_order([*reversed(body), title], geo)]
    assert order == ["标题"] + [f"左{i}" for i in range(6)] + [f"右{i}" for i in range(6)]


def test_page_numbers_running_headers_and_margin_labels_are_furniture():
    body = two_columns(page=1) + two_columns(page=2)
    header = [line("民政工作简报 2024年第3期", 250, 350, 820, page=p, size=8) for p in (1, 2)]
    number = [line(f"- {p} -", 290, 305, 30, page=p, size=9) for p in (1, 2)]
    label = line("TOPIC", 40, 70, 500, size=8)
    pages = [Page(p, W, H, tuple(ln for ln in [*body, *header, *number, label] if ln.page == p))
             for p in (1, 2)]
    geo = columns.geometry(body, W)
    repeated = furniture.repeated_shapes(pages)
    found = {(ln.page, ln.text) for page in pages for ln in page.lines
             if furniture.is_furniture(ln, page, repeated, 10.5, geo)}
    assert found == {(1, "- 1 -"), (2, "- 2 -"), (1, "TOPIC"),
                     (1, "民政工作简报 2024年第3期"), (2, "民政工作简报 2024年第3期")}


def test_paragraphs_from_indent_short_lines_and_column_ends():
    geo = columns.geometry(two_columns(), W)
    lines = [
        line("第一段开头", LEFT + 21, MID_END, 700),
        line("第一段结尾。", LEFT, 200, 683),           # stops short: the paragraph ends
        line("第二段不缩进也开始", LEFT, MID_END, 666),  # after a short line
        line("跨栏继续", LEFT, MID_END, 649),            # fills the column …
        line("右栏接着写完。", RIGHT_START, 450, 700),   # … and runs on in the next column
        line("第三段", RIGHT_START + 21, RIGHT, 683),
    ]
    blocks = paragraphs.blocks(lines, {1: geo}, 10.5)
    assert [b.text for b in blocks] == [
        "第一段开头第一段结尾。", "第二段不缩进也开始跨栏继续右栏接着写完。", "第三段"]


def test_a_wrapped_title_keeps_the_space_it_was_broken_at():
    geo = columns.geometry(two_columns(), W)
    title = [line("浙江省民政厅召开会议", LEFT, 230, 740, size=14),
             line("传达学习会议精神", LEFT, 200, 722, size=14)]
    (block,) = paragraphs.blocks(title, {1: geo}, 10.5)
    assert block.heading and block.text == "浙江省民政厅召开会议 传达学习会议精神"
    full = [line("浙江省民政厅召开党组扩大会议", LEFT, MID_END, 740, size=14),
            line("精神", LEFT, 120, 722, size=14)]
    assert paragraphs.blocks(full, {1: geo}, 10.5)[0].text == "浙江省民政厅召开党组扩大会议精神"


def test_masthead_is_the_largest_top_line_or_states_the_issue():
    first = [line("民政工作简报 2024年第3期", LEFT, 330, 780, size=28),
             line("标题", LEFT, 400, 740, size=17), *two_columns()]
    assert [ln.text for ln in headings.masthead_lines(first, 10.5, 28)] == [
        "民政工作简报 2024年第3期"]
    assert headings.masthead_lines(first[1:], 10.5, 28) == []


def test_characters_on_one_baseline_make_a_line_and_spaces_separate():
    def char(text, x, baseline, size=14.0):
        return Char(text, x, x + 10, baseline - 1, baseline + 9, size, baseline)

    space = Char(" ", 0, 0, 0, 0, 0.0, 0.0)
    chars = [char("会", 80, 700), char("议", 91, 700), space, char("H", 102, 700),
             char("“", 113, 703), char("下", 80, 683)]
    (first, second) = group_lines(1, chars)
    assert first.text == "会议 H“" and second.text == "下"
