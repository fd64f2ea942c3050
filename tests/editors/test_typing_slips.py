"""A Chinese typist's slips in front matter, named at their own line and column with the fix.

YAML alone reports `province：广东省` on line 4 as a missing `:` at 5:1 and never
names the full-width colon; these tests pin the exact line an editor reads.
"""

from __future__ import annotations

import pytest

from tests.editors.conftest import Site

BAD = "content/2024/03/bad.md"
HEAD = "---\ntitle: 标题\ndate: 2024-03-14\n"


@pytest.mark.parametrize(("line", "expected"), [
    pytest.param(
        "province：广东省",
        "4:9: error: full-width colon '：' after `province` — YAML needs an ASCII colon and a "
        "space: `province: 广东省`", id="full-width-colon"),
    pytest.param(
        "leaders ： [陈斌]",
        "4:9: error: full-width colon '：' after `leaders` — YAML needs an ASCII colon and a "
        "space: `leaders: [陈斌]`", id="full-width-colon-after-a-space"),
    pytest.param(
        "province:广东省",
        "4:10: error: no space after the colon of `province` — YAML needs a space after the "
        "colon: `province: 广东省`", id="no-space-after-colon"),
    pytest.param(
        "leaders: [陈斌，李丽]",
        "4:13: error: full-width comma '，' inside one `leaders` item — separate the items with "
        "an ASCII comma: `leaders: [陈斌, 李丽]`", id="full-width-comma-in-list"),
    pytest.param(
        "speakers: [陈斌、李丽、王五]",
        "4:14: error: full-width comma '、' inside one `speakers` item — separate the items "
        "with an ASCII comma: `speakers: [陈斌, 李丽, 王五]`", id="enumeration-comma-in-list"),
    pytest.param(
        "leaders: [“陈斌”]",
        "4:11: error: curly quotes “ around a name in `leaders` — names need no quotes: "
        "`leaders: [陈斌]`", id="curly-quotes-around-a-name"),
    pytest.param(
        "summary: “会议: 通知”",
        "4:10: error: curly quotes “ do not quote a value in YAML — use straight quotes: "
        "`summary: \"会议: 通知\"`", id="curly-quotes-meant-to-quote"),
    pytest.param(
        "\tprovince: 广东省",
        "4:1: error: tab in the indentation — YAML indents with spaces: replace the tab with "
        "two spaces (only the keys under provenance are indented)", id="tab-indent"),
    pytest.param(
        "provenance:\n  file：001.txt\n  line: 3",
        "5:7: error: full-width colon '：' after `file` — YAML needs an ASCII colon and a "
        "space: `file: 001.txt`", id="full-width-colon-under-provenance"),
])
def test_slip_is_named_at_its_own_line_and_column(site: Site, line: str, expected: str):
    site.write("2024/03/bad.md", f"{HEAD}{line}\n---\n\n正文。\n")
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [f"{BAD}:{expected}", "1 error, 0 warnings in 2 files"]


def test_every_slipped_line_is_reported_in_one_run(site: Site):
    site.write("2024/03/bad.md",
               "---\ntitle：标题\ndate: 2024-03-14\nprovince：广东省\n---\n\n正文。\n")
    assert site.check().stderr_lines[:2] == [
        f"{BAD}:2:6: error: full-width colon '：' after `title` — YAML needs an ASCII colon and "
        "a space: `title: 标题`",
        f"{BAD}:4:9: error: full-width colon '：' after `province` — YAML needs an ASCII colon "
        "and a space: `province: 广东省`",
    ]


@pytest.mark.parametrize("line", [
    "summary: 关于“十四五”规划的通知",  # curly quotes inside a value are text
    "summary: 会议：传达精神",  # a full-width colon inside a value is text
    "source: 浙江省民政厅",
    "tags: [养老服务, 社会救助]",
])
def test_full_width_punctuation_inside_values_is_text(site: Site, line: str):
    site.write("2024/03/fine.md", f"---\ntitle: 标题\ndate: 2024-03-15\n{line}\n---\n\n正文。\n")
    assert site.check().stderr_lines == ["0 errors, 0 warnings in 2 files"]
