"""Every kind of bad input from the editors' issue, through `python build.py check`.

Each test writes one bad file next to a valid article and asserts the exact
line the editor reads (file, line, column, message and fix), the summary and
the exit code. The valid article must never be reported: problems stay local.
"""

from __future__ import annotations

import pytest

from tests.editors.conftest import VALID_ARTICLE, Site

BAD = "content/2024/03/bad.md"

CASES = [
    pytest.param(
        "---\ntitle: 会议: 通知\ndate: 2024-03-14\n---\n\n正文。\n",
        f"{BAD}:2:10: error: front matter is not valid YAML: mapping values are not allowed "
        "here — a value containing `: ` must be quoted, e.g. title: \"会议: 通知\", "
        "or use the full-width colon ：",
        id="malformed-yaml-colon",
    ),
    pytest.param(
        "---\ntitle: 标题\nleaders: [陈斌\n---\n\n正文。\n",
        f"{BAD}:3:10: error: front matter is not valid YAML: expected ',' or ']', but got "
        "'<stream end>' (while parsing a flow sequence) — a `[` list is missing its closing "
        "`]` or a comma",
        id="malformed-yaml-unclosed-list",
    ),
    pytest.param(
        "---\ntitle: 标题\n  date: 2024-03-14\n---\n\n正文。\n",
        f"{BAD}:3:7: error: front matter is not valid YAML: mapping values are not allowed "
        "here — this line is indented: start each key at the beginning of the line (only keys "
        "under provenance are indented)",
        id="malformed-yaml-indent",
    ),
    pytest.param(
        "---\ntitle: \"标题\ndate: 2024-03-14\n---\n\n正文。\n",
        f"{BAD}:2:8: error: front matter is not valid YAML: found unexpected end of stream "
        "(while scanning a quoted scalar) — a quoted value is missing its closing quote",
        id="malformed-yaml-unclosed-quote",
    ),
    pytest.param(
        "---\ntitle: 标题\n\tdate: 2024-03-14\n---\n\n正文。\n",
        f"{BAD}:3:1: error: tab in the indentation — YAML indents with spaces: replace the tab "
        "with two spaces (only the keys under provenance are indented)",
        id="malformed-yaml-tab",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 2024-03-14\n\n正文。\n",
        f"{BAD}:1:1: error: front matter opened with `---` on line 1 is never closed — add a "
        "line `---` after the last front-matter key, before the report's text",
        id="front-matter-not-closed",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 2024-03-14\n\n会议指出：要加强管理。\n\n---\n\n更多。\n",
        f"{BAD}:5:1: error: front matter is not valid YAML: could not find expected ':' (while "
        "scanning a simple key) — the front matter runs into the report's text — add the "
        "closing `---` before line 5",
        id="front-matter-closed-too-late-by-a-rule",
    ),
    pytest.param(
        "---\ndate: 2024-03-14\nprovince: 浙江省\n---\n\n正文。\n",
        f"{BAD}:1:1: error: required key `title` is missing — add a line `title: …` "
        "(the report's headline) to the front matter",
        id="title-missing",
    ),
    pytest.param(
        "---\ntitle:\ndate: 2024-03-14\n---\n\n正文。\n",
        f"{BAD}:2:1: error: `title` is empty — write the report's headline after `title: `",
        id="title-empty",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 2024-13-01\n---\n\n正文。\n",
        f"{BAD}:3:7: error: date '2024-13-01' is not a valid date (month 13) — use "
        "YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14",
        id="date-month-13",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 2024-02-30\n---\n\n正文。\n",
        f"{BAD}:3:7: error: date '2024-02-30' is not a valid date (2024-02 has no day 30) — "
        "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14",
        id="date-day-30-february",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 2024/3/14\n---\n\n正文。\n",
        f"{BAD}:3:7: error: date '2024/3/14' is not written as YYYY-MM-DD, YYYY-MM or YYYY — "
        "write `date: 2024-03-14`",
        id="date-slashes",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 三月\n---\n\n正文。\n",
        f"{BAD}:3:7: error: date '三月' has no year — a date needs its year in digits: write "
        "e.g. `date: 2024-03` if it is 三月 of 2024, or leave `date` out if the year is unknown",
        id="date-chinese-month-only",
    ),
    pytest.param(
        "---\ntitle: 标题\ndate: 二〇二四年三月十四日\n---\n\n正文。\n",
        f"{BAD}:3:7: error: date '二〇二四年三月十四日' is not written as YYYY-MM-DD, YYYY-MM or "
        "YYYY — write `date: 2024-03-14`",
        id="date-chinese-numerals",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovince: 浙江\n---\n\n正文。\n",
        f"{BAD}:3:11: error: province '浙江' is not the full official name of a "
        "provincial-level division — did you mean '浙江省'?",
        id="province-short-name",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovince: Zhejiang\n---\n\n正文。\n",
        f"{BAD}:3:11: error: province 'Zhejiang' is not the full official name of a "
        "provincial-level division — did you mean '浙江省'?",
        id="province-pinyin",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovince: 火星\n---\n\n正文。\n",
        f"{BAD}:3:11: error: province '火星' is not a provincial-level division of China — use "
        "the full official name, e.g. 浙江省, 北京市, 广西壮族自治区",
        id="province-unknown",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovince: 浙江省\ncity: 扬州市\n---\n\n正文。\n",
        f"{BAD}:4:7: error: city '扬州市' is in 江苏省, not in 浙江省 — correct the city, or set "
        "`province: 江苏省`",
        id="city-in-other-province",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovince: 江苏省\ncity: 扬州\n---\n\n正文。\n",
        f"{BAD}:4:7: error: city '扬州' is not a prefecture-level city — did you mean '扬州市'?",
        id="city-short-name",
    ),
    pytest.param(
        "---\ntitle: 标题\nleaders: 陈斌\n---\n\n正文。\n",
        f"{BAD}:3:10: error: `leaders` must be a list, not a single value — write "
        "`leaders: [陈斌]`",
        id="string-where-list-belongs",
    ),
    pytest.param(
        "---\ntitle: 标题\nspeakers: 李四、王五\n---\n\n正文。\n",
        f"{BAD}:3:11: error: `speakers` must be a list, not a single value — write "
        "`speakers: [李四, 王五]`",
        id="string-of-names-where-list-belongs",
    ),
    pytest.param(
        "---\ntitle: 标题\nsource:\n  - 浙江省民政厅\n---\n\n正文。\n",
        f"{BAD}:4:3: error: `source` must be a single text value, not a list — write "
        "`source: 浙江省民政厅`",
        id="list-where-string-belongs",
    ),
    pytest.param(
        "---\ntitle: [标题一, 标题二]\n---\n\n正文。\n",
        f"{BAD}:2:8: error: `title` must be a single text value, not a list — write "
        "`title: 标题一`",
        id="title-as-list",
    ),
    pytest.param(
        "---\ntitle: 标题\nleaders: [陈斌, [李四]]\n---\n\n正文。\n",
        f"{BAD}:3:15: error: each item of `leaders` must be text, found a list — write "
        "`leaders: [name, name]` with one name per item",
        id="nested-list-in-leaders",
    ),
    pytest.param(
        "---\ntitle: 标题\nroles: 厅长\n---\n\n正文。\n",
        f"{BAD}:3:8: error: `roles` must be a mapping of name to role, not text — write "
        "`roles: {陈斌: 厅党组书记、厅长}`",
        id="roles-not-a-mapping",
    ),
    pytest.param(
        "---\ntitle: 标题\nslug: ../x\n---\n\n正文。\n",
        f"{BAD}:3:7: error: slug '../x' cannot be used in a URL — use lower-case ASCII "
        "letters, digits and single hyphens, e.g. zhejiang-0314",
        id="slug-dot-dot",
    ),
    pytest.param(
        "---\ntitle: 标题\nslug: a/b\n---\n\n正文。\n",
        f"{BAD}:3:7: error: slug 'a/b' cannot be used in a URL — use lower-case ASCII "
        "letters, digits and single hyphens, e.g. zhejiang-0314",
        id="slug-slash",
    ),
    pytest.param(
        "---\ntitle: 标题\nslug: Zhe Jiang.html\n---\n\n正文。\n",
        f"{BAD}:3:7: error: slug 'Zhe Jiang.html' cannot be used in a URL — use lower-case "
        "ASCII letters, digits and single hyphens, e.g. zhejiang-0314",
        id="slug-space-dot-uppercase",
    ),
    pytest.param(
        "",
        f"{BAD}:0:0: error: file is empty — write a front matter with at least a title, e.g. "
        "`---` / `title: …` / `---`, then the report's text — or delete the file",
        id="empty-file",
    ),
    pytest.param(
        "\n  \n",
        f"{BAD}:0:0: error: file is empty — write a front matter with at least a title, e.g. "
        "`---` / `title: …` / `---`, then the report's text — or delete the file",
        id="blank-file",
    ),
    pytest.param(
        "标题\n\n正文。\n",
        f"{BAD}:1:1: error: file does not start with a front matter (`---` on the first "
        "line) — start the file with `---`, then `title: …` and the other keys, then `---`",
        id="no-front-matter",
    ),
    pytest.param(
        "---\ntitle: 标题\ntitle: 标题二\n---\n\n正文。\n",
        f"{BAD}:3:1: error: key `title` appears twice (first on line 2) — keep only one of them",
        id="duplicate-key",
    ),
    pytest.param(
        "---\ntitle: 标题\nanonymised: yes please\n---\n\n正文。\n",
        f"{BAD}:3:13: error: `anonymised` must be true or false, found text — write "
        "`anonymised: true`, or leave the key out",
        id="flag-not-boolean",
    ),
    pytest.param(
        "---\ntitle: 标题\nprovenance:\n  file: 001_a.txt\n---\n\n正文。\n",
        f"{BAD}:4:3: error: `provenance` has no `line` — add `line:` under provenance "
        "(or remove provenance)",
        id="provenance-without-line",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bad_file_is_reported_with_its_line_and_fails(site: Site, text: str, expected: str):
    site.write("2024/03/bad.md", text)
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [expected, "1 error, 0 warnings in 2 files"]


def test_every_problem_in_every_file_is_reported_in_one_run(site: Site):
    site.write("2024/03/bad.md",
               "---\ntitle: 标题\ndate: 2024/3/14\nprovince: 浙江\nprovnce: 浙江省\n---\n正文\n")
    site.write("2024/04/worse.md", "---\ndate: 2024-13-01\n---\n正文\n")
    run = site.check()
    assert run.exit_code == 1
    assert [line.split(": ")[0] for line in run.stderr_lines[:-1]] == [
        f"{BAD}:3:7", f"{BAD}:4:11", f"{BAD}:5:1",
        "content/2024/04/worse.md:1:1", "content/2024/04/worse.md:2:7",
    ]
    assert run.summary == "4 errors, 1 warning in 3 files"


def test_misspelt_key_is_a_warning_that_fails_only_with_strict(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\nprovnce: 浙江省\n---\n\n正文。\n")
    expected = f"{BAD}:3:1: warning: unknown key `provnce` (ignored) — did you mean `province`?"
    run = site.check()
    assert run.exit_code == 0
    assert run.stderr_lines == [expected, "0 errors, 1 warning in 2 files"]
    strict = site.check("--strict")
    assert strict.exit_code == 1
    assert strict.stderr_lines == run.stderr_lines


def test_unknown_key_without_a_close_match_lists_the_known_keys(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\ncolour: red\n---\n\n正文。\n")
    run = site.check()
    assert run.stderr_lines[0] == (
        f"{BAD}:3:1: warning: unknown key `colour` (ignored) — known keys: title, title_origin, "
        "date, date_inferred, date_text, province, city, leaders, speakers, roles, source, slug, "
        "summary, tags, anonymised, provenance"
    )


def test_two_files_with_the_same_url_name_each_other(site: Site):
    site.write("2024/03/other.md", VALID_ARTICLE.replace("date: 2024-03-14",
                                                         "date: 2024-03-14\nslug: zhejiang-0314"))
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [
        "content/2024/03/other.md:4:7: error: this article has the same URL "
        "/2024/03/zhejiang-0314/ as content/2024/03/zhejiang-0314.md — give one of them a "
        "different `slug:` (or rename its file)",
        "content/2024/03/zhejiang-0314.md:1:1: error: this article has the same URL "
        "/2024/03/zhejiang-0314/ as content/2024/03/other.md — give one of them a different "
        "`slug:` (or rename its file)",
        "2 errors, 0 warnings in 2 files",
    ]


def test_files_in_different_folders_with_the_same_slug_and_date_collide(site: Site):
    """The URL comes from date + slug, not the folder: a misfiled copy still collides."""
    site.write("2023/zhejiang-0314.md", VALID_ARTICLE)
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines[0] == (
        "content/2023/zhejiang-0314.md:1:1: error: this article has the same URL "
        "/2024/03/zhejiang-0314/ as content/2024/03/zhejiang-0314.md — give one of them a "
        "different `slug:` (or rename its file)"
    )


def test_same_slug_in_different_months_is_fine(site: Site):
    site.write("2023/03/zhejiang-0314.md", VALID_ARTICLE.replace("2024-03-14", "2023-03-14"))
    run = site.check()
    assert (run.exit_code, run.stderr_lines) == (0, ["0 errors, 0 warnings in 2 files"])


def test_file_name_that_cannot_be_a_url_needs_a_slug(site: Site):
    site.write("2024/03/浙江 会议.md", "---\ntitle: 标题\ndate: 2024-03-15\n---\n\n正文。\n")
    run = site.check()
    assert run.stderr_lines[0] == (
        "content/2024/03/浙江 会议.md:1:1: error: file name '浙江 会议.md' cannot be used in a "
        "URL — rename the file or add `slug:` — use lower-case ASCII letters, digits and single "
        "hyphens, e.g. zhejiang-0314"
    )
    site.write("2024/03/浙江 会议.md",
               "---\ntitle: 标题\ndate: 2024-03-15\nslug: zhejiang-0315\n---\n\n正文。\n")
    assert site.check().exit_code == 0


def test_raw_html_and_script_are_warnings_saying_they_are_escaped(site: Site):
    site.write("2024/03/bad.md",
               "---\ntitle: 标题\n---\n\n正文<b>粗</b>。\n\n<script>alert(1)</script>\n")
    run = site.check()
    assert run.exit_code == 0
    assert run.stderr_lines == [
        f"{BAD}:5:3: warning: raw HTML `<b>` in the body will be shown as text, not as HTML — "
        "HTML in Markdown is disabled (it is escaped): use Markdown instead, or remove it",
        f"{BAD}:7:1: warning: `<script>` in the body will be shown as text and never run — "
        "remove it: articles cannot run scripts (HTML in Markdown is disabled)",
        "0 errors, 2 warnings in 2 files",
    ]
    assert site.check("--strict").exit_code == 1


def test_html_inside_code_is_not_reported(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\n---\n\n写作 `<b>` 即可。\n\n    <script>\n")
    assert site.check().stderr_lines == ["0 errors, 0 warnings in 2 files"]


def test_broken_internal_links_are_errors_with_their_line(site: Site):
    site.write("2024/03/bad.md", (
        "---\ntitle: 标题\ndate: 2024-03-15\n---\n\n"
        "见[上一篇](zhejiang-0314.md)和[另一篇](../02/zhejiang-0230.md)。\n"
        "又见[站内](/2024/03/zhejiang-0314/)、[坏](/2024/03/zhejiang-0341/)、[外](https://x.org/a.md)。\n"
    ))
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [
        f"{BAD}:6:32: error: link to ../02/zhejiang-0230.md points to no article (no file "
        "content/2024/02/zhejiang-0230.md) — did you mean zhejiang-0314.md?",
        f"{BAD}:7:37: error: link to /2024/03/zhejiang-0341/ points to no article — did you "
        "mean /2024/03/zhejiang-0314/?",
        "2 errors, 0 warnings in 2 files",
    ]


def test_relative_site_link_between_articles_is_checked(site: Site):
    site.write("2024/04/bad.md",
               "---\ntitle: 标题\ndate: 2024-04-01\n---\n\n[ok](../../03/zhejiang-0314/) "
               "[no](../../03/nothing-here/)\n")
    run = site.check()
    assert run.stderr_lines == [
        "content/2024/04/bad.md:6:36: error: link to ../../03/nothing-here/ points to no "
        "article — check the target's date folder and slug (URL = /YYYY/MM/<slug>/)",
        "1 error, 0 warnings in 2 files",
    ]


def test_bom_and_crlf_are_accepted_silently(site: Site):
    text = VALID_ARTICLE.replace("2024-03-14", "2024-03-15").replace("\n", "\r\n")
    path = site.write("2024/03/zhejiang-0315.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    run = site.check()
    assert (run.exit_code, run.stderr_lines) == (0, ["0 errors, 0 warnings in 2 files"])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "check must not rewrite the file"


GBK_TEXT = VALID_ARTICLE.replace("2024-03-14", "2024-03-15")


def test_gbk_file_is_named_and_not_converted_unless_asked(site: Site):
    path = site.write("2024/03/zhejiang-0315.md", GBK_TEXT.encode("gbk"))
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [
        "content/2024/03/zhejiang-0315.md:0:0: error: file is encoded in GBK/GB18030, not UTF-8 "
        "— convert it with `python build.py check --fix-encoding` (or save it as UTF-8 in your "
        "editor)",
        "1 error, 0 warnings in 2 files",
    ]
    assert path.read_bytes() == GBK_TEXT.encode("gbk"), "check changed the file unasked"

    fixed = site.check("--fix-encoding")
    assert fixed.exit_code == 0
    assert fixed.stderr_lines == [
        "content/2024/03/zhejiang-0315.md: converted from GBK/GB18030 to UTF-8",
        "0 errors, 0 warnings in 2 files",
    ]
    assert path.read_text(encoding="utf-8") == GBK_TEXT


def test_gb18030_only_characters_convert_too(site: Site):
    text = GBK_TEXT.replace("正文", "正文𠀀")  # outside GBK, inside GB18030
    path = site.write("2024/03/zhejiang-0315.md", text.encode("gb18030"))
    assert site.check().exit_code == 1
    assert site.check("--fix-encoding").exit_code == 0
    assert path.read_text(encoding="utf-8") == text


def test_binary_garbage_is_not_called_gbk(site: Site):
    site.write("2024/03/bad.md", b"---\ntitle: x\n---\n\x80\xff\xfe\x00")
    run = site.check("--fix-encoding")
    assert run.stderr_lines == [
        f"{BAD}:4:1: error: file is not valid UTF-8 (byte 0x80) — save it as UTF-8 in your "
        "editor",
        "1 error, 0 warnings in 2 files",
    ]


def test_missing_content_folder_is_an_error(tmp_path):
    project = Site(tmp_path)
    project.content.rmdir()
    run = project.check()
    assert run.exit_code == 1
    assert run.stderr_lines == [
        "content: error: no such folder — run from the project root or pass --content DIR"
    ]


def test_article_saved_with_another_extension_is_a_warning_not_silently_lost(site: Site):
    site.write("2024/03/zhejiang-0315.txt", VALID_ARTICLE)
    site.write("2024/03/zhejiang-0316.MD", VALID_ARTICLE)
    site.write("2024/03/photo.jpg", b"\xff\xd8")
    run = site.check()
    assert run.exit_code == 0
    assert run.stderr_lines == [
        "content/2024/03/zhejiang-0315.txt:0:0: warning: 'zhejiang-0315.txt' is not read: only "
        "files ending in `.md` are articles — rename it to zhejiang-0315.md (or move it out of "
        "content)",
        "content/2024/03/zhejiang-0316.MD:0:0: warning: 'zhejiang-0316.MD' is not read: only "
        "files ending in `.md` are articles — rename it to zhejiang-0316.md (or move it out of "
        "content)",
        "0 errors, 2 warnings in 1 file",
    ]


def test_hidden_files_are_not_articles(site: Site):
    site.write("2024/03/._zhejiang-0314.md", b"\x00\x05\x16\x07binary")
    site.write(".drafts/2024/03/draft.md", "---\ndate: 2024-13-01\n---\n")
    run = site.check()
    assert (run.exit_code, run.stderr_lines) == (0, ["0 errors, 0 warnings in 1 file"])


def test_city_without_province_is_a_warning_naming_the_province(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\ncity: 扬州市\n---\n\n正文。\n")
    run = site.check()
    assert (run.exit_code, run.stderr_lines) == (0, [
        f"{BAD}:3:1: warning: city '扬州市' is given without its province — add "
        "`province: 江苏省` so the report is listed under its province",
        "0 errors, 1 warning in 2 files",
    ])


def test_inferred_flag_without_a_date_is_a_warning(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\ndate_inferred: true\n---\n\n正文。\n")
    assert site.check().stderr_lines[0] == (
        f"{BAD}:3:1: warning: `date_inferred` is set but there is no `date` — remove "
        "`date_inferred`, or add the date")


def test_empty_slug_falls_back_to_the_file_name_which_must_be_safe(site: Site):
    site.write("2024/03/Bad Name.md", "---\ntitle: 标题\nslug:\n---\n\n正文。\n")
    assert site.check().stderr_lines[0] == (
        "content/2024/03/Bad Name.md:1:1: error: file name 'Bad Name.md' cannot be used in a URL "
        "— rename the file or add `slug:` — use lower-case ASCII letters, digits and single "
        "hyphens, e.g. zhejiang-0314")


KOREAN = ("---\ntitle: 서울시 복지국 회의 개최\ndate: 2024-03-16\n---\n\n"
          "복지국은 주간 회의를 열고 돌봄 서비스 개선 방안을 논의했다.\n")
JAPANESE = ("---\ntitle: 福祉局が会議を開催\ndate: 2024-03-16\n---\n\n"
            "福祉局は定例会議を開き、見守りサービスの改善について話し合った。\n")


@pytest.mark.parametrize(("text", "encoding"), [
    (KOREAN, "euc-kr"), (JAPANESE, "shift_jis"), (JAPANESE, "euc-jp"),
    # Short files, where a statistical detector (charset-normalizer 3.5) guesses wrong:
    ("---\ntitle: 회의\n---\n\n복지국 회의.\n", "euc-kr"),
    ("---\ntitle: 福祉局の会議\n---\n\n会議を開いた。\n", "shift_jis"),
])
def test_korean_and_japanese_files_are_not_converted_from_gbk(site: Site, text, encoding):
    """They decode as GB18030 too, into nonsense: refused, named as not UTF-8, left alone."""
    data = text.encode(encoding)
    path = site.write("2024/03/bad.md", data)
    run = site.check("--fix-encoding")
    assert run.exit_code == 1
    assert "converted" not in "\n".join(run.stderr_lines)
    assert run.stderr_lines[0].startswith(f"{BAD}:")
    assert "file is not valid UTF-8" in run.stderr_lines[0]
    assert run.stderr_lines[0].endswith(
        "— save it as UTF-8 in your editor (it does not read as Chinese in GBK/GB18030 "
        "either — Korean or Japanese? — so `--fix-encoding` leaves it alone)")
    assert path.read_bytes() == data


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
@pytest.mark.parametrize("text", [GBK_TEXT, "---\ntitle: 会议\n---\n\n正文。\n"])
def test_chinese_in_every_legacy_encoding_still_converts(site: Site, encoding: str, text: str):
    path = site.write("2024/03/zhejiang-0315.md", text.encode(encoding))
    assert site.check("--fix-encoding").exit_code == 0
    assert path.read_text(encoding="utf-8") == text
