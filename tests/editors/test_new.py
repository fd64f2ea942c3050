"""`python build.py new`: a new article that passes `check`, at the conventional path."""

from __future__ import annotations

import contextlib
from pathlib import Path

from click.testing import CliRunner

from site_src.commands.cli import main
from site_src.content.load import load_content
from site_src.model.article import PartialDate
from tests.editors.conftest import Site

ALL_OPTIONS = ["--title", "浙江省民政厅召开会议: 传达两会精神", "--date", "2024-03-14",
               "--province", "浙江省", "--city", "", "--leaders", "陈斌、李四",
               "--speakers", "王五", "--source", "浙江省民政厅"]


def new(site: Site, *args: str, input: str | None = None):
    with contextlib.chdir(site.root):
        return CliRunner().invoke(main, ["new", *args], input=input, catch_exceptions=False)


def test_new_with_options_writes_a_valid_article_in_the_importers_key_order(site: Site):
    result = new(site, *ALL_OPTIONS, "--body", "会议传达学习了全国两会精神。")
    assert result.exit_code == 0
    assert result.stdout == "content/2024/03/zhejiang-0314-2.md\n"  # -0314 is taken
    path = site.root / "content/2024/03/zhejiang-0314-2.md"
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: '浙江省民政厅召开会议: 传达两会精神'\n"
        "date: 2024-03-14\n"
        "province: 浙江省\n"
        "leaders: [陈斌, 李四]\n"
        "speakers: [王五]\n"
        "source: 浙江省民政厅\n"
        "---\n"
        "\n"
        "会议传达学习了全国两会精神。\n"
    )
    loaded = load_content(site.content)
    assert loaded.problems == []
    article = next(a for a in loaded.articles if a.path.name == "zhejiang-0314-2.md")
    assert (article.title, article.date, article.leaders, article.speakers) == (
        "浙江省民政厅召开会议: 传达两会精神", PartialDate(2024, 3, 14), ("陈斌", "李四"), ("王五",))
    assert site.check().exit_code == 0


def test_new_counts_up_until_a_free_name(site: Site):
    paths = [new(site, *ALL_OPTIONS, "--body", "正文。").stdout.strip() for _ in range(3)]
    assert paths == ["content/2024/03/zhejiang-0314-2.md", "content/2024/03/zhejiang-0314-3.md",
                     "content/2024/03/zhejiang-0314-4.md"]


def test_new_with_city_month_precision_and_no_body(site: Site):
    result = new(site, "--title", "扬州市民政局召开会议", "--date", "2024-03", "--province",
                 "江苏省", "--city", "扬州市", "--leaders", "", "--speakers", "", "--source", "")
    assert result.exit_code == 0
    assert result.stdout == "content/2024/03/yangzhou-03.md\n"
    assert "Now write the report's text" in result.stderr
    text = (site.root / "content/2024/03/yangzhou-03.md").read_text(encoding="utf-8")
    assert text == ("---\ntitle: 扬州市民政局召开会议\ndate: 2024-03\nprovince: 江苏省\n"
                    "city: 扬州市\nleaders: []\nspeakers: []\n---\n\n")
    run = site.check()
    assert run.exit_code == 0
    assert run.stderr_lines[0] == ("content/2024/03/yangzhou-03.md:8:1: warning: the report has "
                                   "no text — write its paragraphs below the closing `---`")


def test_new_without_date_goes_to_undated(site: Site):
    result = new(site, "--title", "某会议", "--date", "", "--province", "", "--city", "",
                 "--leaders", "", "--speakers", "", "--source", "", "--body", "正文。")
    assert result.stdout == "content/undated/report.md\n"
    assert site.check().exit_code == 0


def test_new_prompts_and_asks_again_after_a_bad_answer(site: Site):
    answers = "\n".join([
        "标题", "2024/3/14", "2024-03-15", "浙江", "浙江省", "扬州市", "杭州市",
        "陈斌", "", "浙江省民政厅",
    ]) + "\n"
    result = new(site, "--body", "正文。", input=answers)
    assert result.exit_code == 0, result.output
    assert "date '2024/3/14' is not written as YYYY-MM-DD, YYYY-MM or YYYY — write " \
           "`date: 2024-03-14`" in result.output
    assert "'浙江' is not a full province name — did you mean '浙江省'?" in result.output
    assert "'扬州市' is in 江苏省, not in 浙江省" in result.output
    assert result.stdout.splitlines()[-1].endswith("content/2024/03/hangzhou-0315.md")
    text = (site.root / "content/2024/03/hangzhou-0315.md").read_text(encoding="utf-8")
    assert "province: 浙江省\ncity: 杭州市\nleaders: [陈斌]\nspeakers: []\n" in text


def test_new_rejects_bad_options_and_writes_nothing(site: Site):
    before = sorted(p.relative_to(site.root) for p in site.content.rglob("*"))
    bad = [("--province", "Zhejiang", "'Zhejiang' is not a full province name — did you mean "
            "'浙江省'?"),
           ("--date", "2024-13-01", "date '2024-13-01' is not a valid date (month 13)"),
           ("--slug", "../x", "slug '../x' cannot be used in a URL")]
    for option, value, message in bad:
        args = list(ALL_OPTIONS)
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
        result = new(site, *args)
        assert result.exit_code == 2
        assert message in result.stderr
    assert sorted(p.relative_to(site.root) for p in site.content.rglob("*")) == before


def test_new_refuses_to_overwrite_an_existing_file(site: Site):
    existing = site.content / "2024/03/zhejiang-0314.md"
    original = existing.read_bytes()
    result = new(site, *ALL_OPTIONS, "--slug", "zhejiang-0314")
    assert result.exit_code == 1
    assert result.stderr == ("error: content/2024/03/zhejiang-0314.md already exists — choose "
                             "another --slug (nothing was written)\n")
    assert existing.read_bytes() == original


def test_new_refuses_without_a_content_folder(tmp_path: Path):
    """Run from the wrong folder, `new` must not create a stray content/ there."""
    project = Site(tmp_path)
    project.content.rmdir()
    result = new(project, *ALL_OPTIONS, "--body", "正文。")
    assert result.exit_code == 1
    assert result.stderr == ("error: content: no such folder — run from the project root or "
                             "pass --content DIR (nothing was written)\n")
    assert list(tmp_path.iterdir()) == []


def test_new_yes_asks_nothing_and_leaves_fields_empty(site: Site):
    result = new(site, "--yes", "--title", "某会议", "--province", "浙江省", "--body", "正文。",
                 input="")
    assert result.exit_code == 0, result.output
    assert "Date" not in result.output  # no prompt was printed
    text = (site.root / "content/undated/zhejiang.md").read_text(encoding="utf-8")
    assert text == ("---\ntitle: 某会议\nprovince: 浙江省\nleaders: []\nspeakers: []\n---\n\n"
                    "正文。\n")
    assert site.check().exit_code == 0


def test_new_yes_without_a_title_names_what_is_missing(site: Site):
    before = sorted(site.content.rglob("*"))
    result = new(site, "--yes", "--date", "2024", input="")
    assert result.exit_code == 2
    assert "--yes asks nothing, so give --title as an option" in result.stderr
    assert sorted(site.content.rglob("*")) == before


def test_new_without_a_terminal_says_which_answer_is_missing(site: Site):
    result = new(site, "--title", "某会议", input="")
    assert result.exit_code == 2
    assert ("no answer for --date (standard input ended) — give it as an option, or add --yes"
            in result.stderr)
    assert "Aborted" not in result.output


def test_option_errors_speak_in_the_house_voice(site: Site):
    result = new(site, *ALL_OPTIONS[:2], "--date", "2024/3/14", "--yes")
    assert result.exit_code == 2
    assert ("Error: --date: date '2024/3/14' is not written as YYYY-MM-DD, YYYY-MM or YYYY — "
            "write `date: 2024-03-14`") in result.stderr
    assert "Invalid value" not in result.stderr
