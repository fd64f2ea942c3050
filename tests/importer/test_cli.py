"""`python build.py import` as an editor uses it: dry run, idempotence, hand edits, bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_src.commands.cli import main
from site_src.importer import markdown_out

RAW = Path(__file__).resolve().parents[2] / "raw"
SEEDS = sorted(RAW.glob("*.txt"))


def _run(*args: str):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def test_help_explains_the_command():
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    assert "--dry-run" in result.output and "--force" in result.output


def test_dry_run_prints_a_table_per_bulletin_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    result = _run("--content", str(content), "--dry-run", *map(str, SEEDS))
    assert result.exit_code == 0
    assert not content.exists()
    out = result.output
    for seed in SEEDS:
        assert seed.name in out
    assert "000_a43bb39e2854c796.txt: 2 reports" in out
    assert "004_daa614e0ee93fbdd.txt: 1 report\n" in out
    assert "扬州市民政局：“实”字当头" in out and "inline" in out and "after-body" in out
    assert "2024-02-21 (day; year from event name)" in out
    assert "uncertain: no attribution" in out
    assert "placed by content" in out
    assert "artefact dropped: line 288 'TOPIC'" in out
    assert "undated/zhejiang-2.md (write)" in out


def test_dry_run_columns_line_up_for_chinese_text(tmp_path):
    from site_src.importer.table import cells

    result = _run("--content", str(tmp_path), "--dry-run", "--year", "2024", str(SEEDS[1]))
    rows = [line for line in result.output.splitlines() if line.startswith("  ") and "  " in line]
    header, *body = [r for r in rows if not r.lstrip().startswith(("!", "-"))]
    assert len(body) == 3
    # the date column starts at the same terminal cell in every row, CJK titles or not
    starts = {cells(row[: row.index("2024-")]) for row in body}
    assert starts == {cells(header[: header.index("date")])}


def test_import_then_reimport_is_unchanged(tmp_path):
    result = _run("--content", str(tmp_path), *map(str, SEEDS))
    assert result.exit_code == 0
    assert "11 reports from 5 bulletins: 11 written" in result.output
    first = _tree(tmp_path)
    assert len(first) == 11
    again = _run("--content", str(tmp_path), *map(str, SEEDS))
    assert again.exit_code == 0
    assert "0 written, 0 updated, 11 unchanged" in again.output
    assert _tree(tmp_path) == first


def test_a_hand_edited_file_is_kept_and_named_and_everything_else_is_written(tmp_path):
    _run("--content", str(tmp_path), *map(str, SEEDS[:4]))
    edited = tmp_path / "undated/zhejiang-2.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("陈斌主持", "陈斌同志主持"),
                      encoding="utf-8")
    hand_edit = edited.read_bytes()
    other = tmp_path / "undated/anhui.md"
    other.unlink()
    result = CliRunner().invoke(main, ["import", "--content", str(tmp_path), *map(str, SEEDS)])
    assert result.exit_code == 0  # the hand edit is the only issue: not a failure
    assert edited.read_bytes() == hand_edit
    assert other.exists()  # the deleted import is written again…
    assert (tmp_path / "undated/anonymous.md").exists()  # …and the new bulletin's report
    warning = next(line for line in result.stderr.splitlines() if str(edited) in line)
    assert "edited by hand" in warning and "--force" in warning
    assert "1 kept (edited by hand; --force replaces them)" in result.stdout


def test_force_overwrites_the_hand_edit(tmp_path):
    _run("--content", str(tmp_path), *map(str, SEEDS))
    original = _tree(tmp_path)
    edited = tmp_path / "undated/zhejiang-2.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("province: 浙江省", "province: 江苏省"), encoding="utf-8")
    assert _run("--content", str(tmp_path), *map(str, SEEDS)).exit_code == 0
    assert "province: 江苏省" in edited.read_text(encoding="utf-8")  # kept without --force
    result = _run("--content", str(tmp_path), "--force", *map(str, SEEDS))
    assert result.exit_code == 0
    assert _tree(tmp_path) == original


def test_an_older_unedited_import_is_updated(tmp_path):
    _run("--content", str(tmp_path), str(SEEDS[0]))
    target = tmp_path / "undated/zhejiang.md"
    older = target.read_text(encoding="utf-8").replace("title_origin: derived\n", "")
    stale = re.search(r"  digest: sha256:[0-9a-f]{64}\n", older).group()
    older = older.replace(stale, f"  digest: sha256:{markdown_out.digest_of(older)}\n")
    assert markdown_out.stored_digest_matches(older)
    target.write_text(older, encoding="utf-8")
    result = _run("--content", str(tmp_path), str(SEEDS[0]))
    assert result.exit_code == 0
    assert "update" in result.output
    assert "title_origin: derived" in target.read_text(encoding="utf-8")


def test_a_path_held_by_another_file_gets_a_numbered_slug(tmp_path):
    hand_written = tmp_path / "undated/anhui.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("---\ntitle: 编辑写的\n---\n\n正文\n", encoding="utf-8")
    result = _run("--content", str(tmp_path), str(SEEDS[2]))
    assert result.exit_code == 0
    assert hand_written.read_text(encoding="utf-8").startswith("---\ntitle: 编辑写的")
    assert (tmp_path / "undated/anhui-2.md").exists()


def test_colliding_reports_in_one_run_are_numbered_in_order(tmp_path):
    twin = tmp_path / "twin.txt"
    twin.write_text("近日，安徽省民政厅召开会议。\n（据安徽省民政厅）\n近日，安徽省民政厅再次召开会议。\n"
                    "（据安徽省民政厅）\n", encoding="utf-8")
    result = _run("--content", str(tmp_path / "c"), str(twin))
    assert result.exit_code == 0
    assert sorted(_tree(tmp_path / "c")) == ["undated/anhui-2.md", "undated/anhui.md"]
    assert "再次" in (tmp_path / "c/undated/anhui-2.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \r\n", "empty"),
        ("近日，浙江省民政厅召开会议。".encode("gbk"), "GBK"),
        (b"TOPIC\n\nPAGE\n", "no report text"),
    ],
)
def test_a_bad_raw_file_is_named_and_nothing_is_written(tmp_path, data, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    content = tmp_path / "content"
    result = _run("--content", str(content), str(SEEDS[0]), str(bad))
    assert result.exit_code == 1
    assert "bad.txt" in result.output and message in result.output
    assert not content.exists()


def test_bom_and_crlf_are_accepted(tmp_path):
    plain = tmp_path / "plain" / SEEDS[0].name
    windows = tmp_path / "windows" / SEEDS[0].name
    for path in (plain, windows):
        path.parent.mkdir()
    text = SEEDS[0].read_text(encoding="utf-8")
    plain.write_text(text, encoding="utf-8")
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert _run("--content", str(tmp_path / "a"), str(plain)).exit_code == 0
    assert _run("--content", str(tmp_path / "b"), str(windows)).exit_code == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_conservation_failure_names_file_and_line_and_writes_nothing(tmp_path, monkeypatch):
    lossy = markdown_out.escape_markdown

    def drop_asterisks(text: str) -> str:
        return lossy(text.replace("*", ""))

    monkeypatch.setattr(markdown_out, "escape_markdown", drop_asterisks)
    result = _run("--content", str(tmp_path), *map(str, SEEDS))
    assert result.exit_code == 1
    assert "004_daa614e0ee93fbdd.txt:3: conservation check failed" in result.output
    assert not any(tmp_path.iterdir())


def test_an_imported_file_with_broken_yaml_is_still_refused(tmp_path):
    _run("--content", str(tmp_path), str(SEEDS[0]))
    broken = tmp_path / "undated/zhejiang.md"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("leaders: [陈斌]", "leaders: [陈斌"), encoding="utf-8")
    broken_text = broken.read_bytes()
    result = _run("--content", str(tmp_path), str(SEEDS[0]))
    assert result.exit_code == 0  # kept and named, like any hand edit
    assert str(broken) in result.output and "kept" in result.output
    assert broken.read_bytes() == broken_text
    assert not (tmp_path / "undated/zhejiang-3.md").exists()


def test_the_same_file_named_twice_is_imported_once(tmp_path):
    result = _run("--content", str(tmp_path), str(SEEDS[0]), str(SEEDS[0]))
    assert result.exit_code == 0
    assert len(_tree(tmp_path)) == 2


def test_files_a_bulletin_no_longer_produces_are_named_not_deleted(tmp_path):
    _run("--content", str(tmp_path), str(SEEDS[0]))
    moved = tmp_path / "undated/zhejiang.md"
    stale = tmp_path / "2023/zhejiang.md"
    stale.parent.mkdir()
    stale.write_bytes(moved.read_bytes())
    result = _run("--content", str(tmp_path), str(SEEDS[0]))
    assert result.exit_code == 0
    assert f"warning: {stale}" in result.output
    assert stale.exists()


def test_dry_run_exits_as_the_real_run_would_and_writes_nothing(tmp_path):
    _run("--content", str(tmp_path), str(SEEDS[0]))
    edited = tmp_path / "undated/zhejiang.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "编辑补充。\n", encoding="utf-8")
    snapshot = _tree(tmp_path)
    result = _run("--content", str(tmp_path), "--dry-run", str(SEEDS[0]))
    assert result.exit_code == 0
    assert "undated/zhejiang.md (keep)" in result.output and "--force" in result.output
    assert _run("--content", str(tmp_path), "--dry-run", "--force", str(SEEDS[0])).exit_code == 0
    assert _tree(tmp_path) == snapshot


def test_year_option_dates_reports_that_give_a_month_and_day_only(tmp_path):
    result = _run("--content", str(tmp_path), "--year", "2023", str(SEEDS[1]))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "2023/03/zhejiang-0314.md").read_text(encoding="utf-8")
    assert "date: 2023-03-14\ndate_inferred: true\n" in text
    without = _run("--content", str(tmp_path / "plain"), str(SEEDS[1]))
    assert without.exit_code == 0
    plain = (tmp_path / "plain/undated/zhejiang.md").read_text(encoding="utf-8")
    assert "date:" not in plain and "date_text: 3月14日\n" in plain


def test_year_option_is_checked(tmp_path):
    result = _run("--content", str(tmp_path), "--year", "20x4", str(SEEDS[1]))
    assert result.exit_code != 0 and "--year" in result.output
