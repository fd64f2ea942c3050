"""The corpus layout must be reproducible and lose nothing, or the import scores mean nothing.

Invented report texts (no real page's wording) are laid out with many seeds;
every character of every text must reach its bulletin in order (except a
headline the layout chose not to print, and the furniture it added), and
the manifest must point at each report's first line.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from bench.corpus import layout, typeset

PLACES = ("江北省", "湖东市", "青山县", "南川区", "云岭州")
NAMES = ("林一鸣", "赵小川", "孙立平", "钱多多", "周明月", "吴天和")


def _texts(n: int) -> list[tuple[str, str, str]]:
    """(id, text, page year) of n invented reports with and without headlines and credits."""
    rng = random.Random(n)
    out = []
    for i in range(n):
        place, name = rng.choice(PLACES), rng.choice(NAMES)
        title = "" if i % 3 == 0 else f"{place}民政局召开第{i}次工作会议：部署（下半年）重点任务"
        paras = [
            f"{i % 12 + 1}月{i % 28 + 1}日，{place}民政局召开工作会议，局长{name}主持会议并讲话。",
            "会议指出，要把兜底保障、养老服务和社区治理（含 2025 年项目）三项工作抓紧抓实，"
            "确保各项任务按期完成，让群众有更多获得感" + "、幸福感" * (i % 4) + "。",
            f"各科室负责同志{10 + i}人参加会议",
        ]
        credit = ["", f"（{place}民政局）", "来源：办公室  王五", "(文/赵六)"][i % 4]
        text = "\n".join([title, *paras, *([credit] if credit else [])]) + "\n"
        out.append((f"{i + 1:03d}", text, str(2020 + i % 3)))
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    rows = ["id\taddress\tpublisher_kind\tpage_date\tnotes"]
    for rid, text, year in _texts(17):
        (tmp_path / "texts" / f"{rid}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{rid}\thttp://example.org/{rid}\tcity-bureau\t{year}-05-01\t")
    (tmp_path / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _chars(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(layout.FULL_TO_ASCII)


FURNITURE = re.compile(r"TOPIC|NEWS|FOCUS|专题|- \d+ -|\d+|\S+ \d{4}年第\d+期")


def _expected(report: layout.Report, printed: str) -> str:
    title = report.title if printed != "none" else ""
    before, after = (title, "") if printed != "after-body" else ("", title)
    return _chars(before + "".join(report.paras) + (report.credit or "") + after)


def test_same_seed_same_bulletins_other_seed_other_bulletins(corpus: Path) -> None:
    reports = layout.read_reports(corpus)
    assert layout.lay_out(reports, 5) == layout.lay_out(reports, 5)
    assert layout.lay_out(reports, 5)[0] != layout.lay_out(reports, 6)[0]


@pytest.mark.parametrize("seed", range(12))
def test_every_character_of_every_text_is_laid_out_once_in_order(corpus: Path, seed: int) -> None:
    reports = {r.id: r for r in layout.read_reports(corpus)}
    files, manifest = layout.lay_out(list(reports.values()), seed)
    used = [rep["id"] for entry in manifest.values() for rep in entry["reports"]]
    assert sorted(used) == sorted(reports)
    for name, text in files.items():
        entry = manifest[name]
        assert 2 <= len(entry["reports"]) <= 5
        kept = [ln for ln in text.split("\n") if not FURNITURE.fullmatch(ln.strip())]
        laid = _chars("".join(ln.lstrip("#") for ln in kept))
        want = "".join(_expected(reports[rep["id"]], rep["title_printed"])
                       for rep in entry["reports"])
        assert laid == want, name


@pytest.mark.parametrize("seed", range(12))
def test_the_manifest_points_at_each_report_first_line(corpus: Path, seed: int) -> None:
    reports = {r.id: r for r in layout.read_reports(corpus)}
    files, manifest = layout.lay_out(list(reports.values()), seed)
    for name, text in files.items():
        lines = text.split("\n")
        entry = manifest[name]
        for rep in entry["reports"]:
            report = reports[rep["id"]]
            first = report.title if rep["title_printed"] in ("heading", "inline") \
                else report.paras[0]
            line = _chars(lines[rep["start_line"] - 1].lstrip("#"))
            assert line and _chars(first).startswith(line[:4]), (name, rep)
            assert rep["credit"] == (report.credit is not None)
        if entry["masthead_year"] is not None:
            assert lines[0].split()[-1].startswith(str(entry["masthead_year"]))
            assert {reports[r["id"]].year for r in entry["reports"]} == \
                {str(entry["masthead_year"])}


def test_all_layouts_and_title_placements_occur(corpus: Path) -> None:
    reports = layout.read_reports(corpus)
    layouts, printed = set(), set()
    for seed in range(12):
        _, manifest = layout.lay_out(reports, seed)
        layouts |= {e["layout"] for e in manifest.values()}
        printed |= {r["title_printed"] for e in manifest.values() for r in e["reports"]}
    assert layouts == set(layout.LAYOUTS)
    assert printed == {"heading", "inline", "after-body", "none"}


def test_credit_lines_are_recognised(corpus: Path) -> None:
    credits = {r.id: r.credit for r in layout.read_reports(corpus)}
    assert credits["002"].startswith("（") and credits["002"].endswith("民政局）")
    assert credits["001"] is None
    assert credits["003"].startswith("来源")


def test_hard_wrap_keeps_the_column_and_never_starts_a_line_with_a_closing_mark() -> None:
    text = "会议指出，要把兜底保障、养老服务和社区治理三项工作抓紧抓实，确保各项任务按期完成。" * 3
    lines = typeset.wrap(text, 14, 12)
    assert "".join(lines) == text
    assert all(ln[0] not in typeset.NO_LINE_START for ln in lines)
    assert all(sum(map(typeset.cells, ln)) <= 15 for ln in lines)
    assert sum(map(typeset.cells, lines[0])) <= 13


def test_the_cli_writes_bulletins_and_manifest(corpus: Path) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(layout.main, ["--corpus", str(corpus), "--seed", "3"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((corpus / "bulletins" / "manifest.json").read_text("utf-8"))
    assert sorted(p.name for p in (corpus / "bulletins").glob("b*.txt")) == sorted(manifest)


def test_texts_may_sit_directly_in_the_corpus_folder(corpus: Path) -> None:
    flat = corpus / "flat"
    flat.mkdir()
    for path in (corpus / "texts").glob("*.txt"):
        (flat / path.name).write_bytes(path.read_bytes())
    assert [r.id for r in layout.read_reports(flat)] == [r.id for r in layout.read_reports(corpus)]
