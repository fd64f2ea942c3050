"""The import scorer must count what the importer got right, wrong and missing — no more, no less.

Hand-made bulletins with invented reports: alignment of articles to gold
reports, the right/wrong/missing split, boundaries, the title rules, the
masthead year, and one run through the real importer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench import import_quality as iq
from bench import import_score as sc

REPO = Path(__file__).resolve().parents[2]

LINES = [
    "# 湖南省民政厅召开党组会议 研究部署养老服务工作",  # 1
    "",
    "5月8日,湖南省民政厅召开党组会议,研究部署养老服务工作。厅党组书记、厅长张明远主持会议并讲话。",
    "",
    "会议强调,要扎实推进养老服务体系建设,办好民生实事。",
    "",
    "(据湖南省民政厅)",
    "",
    "# 扬州市民政局召开社会救助工作推进会",  # 9
    "",
    "6月3日,江苏省扬州市民政局召开社会救助工作推进会。局党组书记、局长李文华主持会议,"
    "副局长王晓东通报了上半年工作情况。",
    "",
    "(据扬州市民政局)",
    "",
    "本报讯(记者 周达)近日,安徽省民政厅举办全省婚姻登记业务培训班,各地分管负责同志参加培训。",  # 15
    "",
    "(据安徽省民政厅)",
]
ENTRY = {"layout": "test", "masthead_year": None, "reports": [
    {"id": "h1", "start_line": 1, "title_printed": "heading", "credit": True},
    {"id": "h2", "start_line": 9, "title_printed": "heading", "credit": True},
    {"id": "h3", "start_line": 15, "title_printed": "none", "credit": True},
]}


def _gold(**changes) -> dict:
    gold = {
        "h1": {"title": "湖南省民政厅召开党组会议 研究部署养老服务工作", "province": "湖南省",
               "city": None, "date": None, "date_text": "5月8日", "leaders": ["张明远"],
               "speakers": [], "source": "湖南省民政厅"},
        "h2": {"title": "扬州市民政局召开社会救助工作推进会", "province": "江苏省",
               "city": "扬州市", "date": None, "date_text": "6月3日", "leaders": ["李文华"],
               "speakers": ["王晓东"], "source": "扬州市民政局"},
        "h3": {"title": None, "province": "安徽省", "city": None, "date": None, "date_text": None,
               "leaders": [], "speakers": [], "source": "安徽省民政厅"},
    }
    for key, value in changes.items():
        rid, name = key.split("__")
        gold[rid][name] = value
    return gold


def _got(line: int, first: int, last: int, **meta) -> sc.Got:
    """An article starting at raw `line` whose text is raw lines first..last."""
    text = sc.norm("".join(LINES[first - 1:last]).lstrip("# "))
    return sc.Got(line, meta, text)


RIGHT = [
    _got(1, 3, 7, title="湖南省民政厅召开党组会议 研究部署养老服务工作", province="湖南省",
         leaders=["张明远"], source="湖南省民政厅"),
    _got(9, 11, 13, title="扬州市民政局召开社会救助工作推进会", province="江苏省", city="扬州市",
         leaders=["李文华"], speakers=["王晓东"], source="扬州市民政局"),
    _got(15, 15, 17, title="安徽省民政厅举办全省婚姻登记业务培训班", province="安徽省",
         source="安徽省民政厅"),
]


def _score(gots, gold=None, masthead=None) -> dict[tuple[str, str], str]:
    golds = sc.gold_reports(LINES, ENTRY, gold or _gold())
    checks = sc.score_bulletin("t.txt", golds, gots, masthead)
    return {(c.report, c.field): c.outcome for c in checks}


def test_a_faithful_import_is_all_right() -> None:
    outcomes = _score(RIGHT)
    assert set(outcomes.values()) == {"right"}
    assert len(outcomes) == 1 + 3 * 8


def test_wrong_and_missing_are_counted_apart() -> None:
    gots = list(RIGHT)
    gots[0] = _got(1, 3, 7, title=RIGHT[0].meta["title"], province="湖北省", city="武汉市",
                   leaders=["张明远", "李文华"], source="湖南省民政厅", date="2024-05-08")
    gots[1] = _got(9, 11, 13, title=RIGHT[1].meta["title"], leaders=["李文华"],
                   speakers=["王晓东"])
    outcomes = _score(gots)
    assert outcomes["h1", "province"] == "wrong"  # another value
    assert outcomes["h1", "city"] == "wrong"  # a value where the gold has none
    assert outcomes["h1", "leaders"] == "wrong"  # a chair from another report
    assert outcomes["h1", "date"] == "wrong"  # an invented year
    assert outcomes["h2", "province"] == "missing"
    assert outcomes["h2", "city"] == "missing"
    assert outcomes["h2", "source"] == "missing"
    assert outcomes["h2", "speakers"] == "right"


def test_a_merged_report_is_missing_and_the_merge_a_wrong_boundary() -> None:
    merged = _got(9, 11, 17, title=RIGHT[1].meta["title"], province="江苏省", city="扬州市",
                  leaders=["李文华"], speakers=["王晓东"], source="扬州市民政局")
    outcomes = _score([RIGHT[0], merged])
    assert outcomes["*", "count"] == "wrong"
    assert outcomes["h2", "boundaries"] == "wrong"  # right start, wrong end
    assert outcomes["h2", "province"] == "right"
    assert {v for (rid, _), v in outcomes.items() if rid == "h3"} == {"missing"}


def test_articles_are_aligned_by_text_when_the_start_line_is_off() -> None:
    late = _got(11, 11, 13, **RIGHT[1].meta)  # the title line was not taken as the start
    outcomes = _score([RIGHT[0], late, RIGHT[2]])
    assert outcomes["h2", "boundaries"] == "wrong"
    assert outcomes["h2", "leaders"] == "right"  # aligned, so its fields are scored
    assert outcomes["*", "count"] == "right"


def test_a_split_report_makes_the_count_and_the_end_wrong() -> None:
    first_half = _got(1, 3, 3, **RIGHT[0].meta)
    second_half = _got(5, 5, 7, title="会议强调")
    outcomes = _score([first_half, second_half, RIGHT[1], RIGHT[2]])
    assert outcomes["*", "count"] == "wrong"
    assert outcomes["h1", "boundaries"] == "wrong"
    assert outcomes["h2", "boundaries"] == "right"


def test_a_title_after_the_body_and_its_artefact_do_not_move_the_end() -> None:
    lines = [*LINES[2:7], " 湖南省民政厅召开党组会议", "研究部署养老服务工作", "", "- 7 -", "",
             *LINES[8:]]
    entry = {**ENTRY, "reports": [{**ENTRY["reports"][0], "start_line": 1,
                                   "title_printed": "after-body"},
                                  *[{**r, "start_line": r["start_line"] + 2}
                                    for r in ENTRY["reports"][1:]]]}
    golds = sc.gold_reports(lines, entry, _gold())
    assert golds[0].tail == sc.norm("(据湖南省民政厅)")[-8:]
    kept = sc.article_text([*LINES[2:7], "- 7 -"])  # the importer kept the artefact as text
    gots = [sc.Got(1, RIGHT[0].meta, kept),
            sc.Got(11, RIGHT[1].meta, RIGHT[1].text), sc.Got(17, RIGHT[2].meta, RIGHT[2].text)]
    checks = sc.score_bulletin("t.txt", golds, gots)
    assert {c.outcome for c in checks} == {"right"}, [c for c in checks if c.outcome != "right"]


@pytest.mark.parametrize(("title", "outcome"), [
    ("安徽省民政厅举办全省婚姻登记业务培训班", "right"),  # a clause of the first sentence
    ("本报讯（记者周达）近日", "wrong"),  # a dateline
    ("各地分管负责同志参加培训", "right"),
    ("安徽省民政厅召开会议", "wrong"),  # not in the text
    ("近日", "wrong"),  # a date phrase names nothing
])
def test_derived_titles(title: str, outcome: str) -> None:
    gots = [RIGHT[0], RIGHT[1], _got(15, 15, 17, **{**RIGHT[2].meta, "title": title})]
    assert _score(gots)["h3", "title"] == outcome


def test_printed_titles_compare_without_spaces_and_punctuation_width() -> None:
    gold = _gold(h2__title="扬州市民政局: 召开社会救助工作推进会")
    gots = [RIGHT[0], _got(9, 11, 13, **{**RIGHT[1].meta,
                                        "title": "扬州市民政局：召开社会救助工作推进会"}), RIGHT[2]]
    assert _score(gots, gold)["h2", "title"] == "right"
    assert _score(RIGHT, gold)["h2", "title"] == "wrong"


def test_a_masthead_year_completes_a_month_and_day() -> None:
    dated = [_got(1, 3, 7, **{**RIGHT[0].meta, "date": "2024-05-08"}), RIGHT[1], RIGHT[2]]
    assert _score(dated, masthead=2024)["h1", "date"] == "right"
    assert _score(dated)["h1", "date"] == "wrong"
    assert _score(RIGHT, masthead=2024)["h1", "date"] == "missing"
    assert sc.expected_date({"date": "2023", "date_text": "5月8日"}, 2024) == "2023"


def test_summary_shares_add_up() -> None:
    gots = [RIGHT[0], _got(9, 11, 13, title=RIGHT[1].meta["title"], province="浙江省")]
    summary = sc.summarise(sc.score_bulletin(
        "t.txt", sc.gold_reports(LINES, ENTRY, _gold()), gots))
    for row in summary.values():
        assert row["right"] + row["wrong"] + row["missing"] == row["checks"]
    assert summary["total"]["checks"] == 1 + 3 * 8
    assert summary["province"] == {"checks": 3, "right": 1, "wrong": 1, "missing": 1}
    assert "| **total** | 25 |" in sc.table(summary)


def test_the_real_importer_on_a_hand_made_corpus(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    (folder / "t.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"t.txt": ENTRY}), encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(_gold(), ensure_ascii=False), "utf-8")
    monkeypatch.chdir(REPO)
    out = tmp_path / "score.json"
    result = CliRunner().invoke(iq.main, ["--corpus", str(tmp_path), "--json", str(out), "-v"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text("utf-8"))
    for name in ("count", "boundaries", "province", "leaders", "source"):
        assert report["summary"][name]["right"] == report["summary"][name]["checks"], name
    assert not [c for c in report["cases"] if c["field"] == "title" and c["report"] != "h3"]
    assert "| boundaries | 3 | 100.0% | 0.0% | 0.0% |" in result.output


def test_without_gold_or_manifest_it_says_what_is_missing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(iq.main, ["--corpus", str(tmp_path)])
    assert result.exit_code != 0
    assert "manifest.json" in result.output


def test_verbose_names_a_report_without_article_once(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    (folder / "t.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    ghost = {"id": "h9", "start_line": 13, "title_printed": "none", "credit": True}
    entry = {**ENTRY, "reports": [*ENTRY["reports"][:2], ghost, ENTRY["reports"][2]]}
    (folder / "manifest.json").write_text(json.dumps({"t.txt": entry}), encoding="utf-8")
    gold = {**_gold(), "h9": {"title": None, "province": "江苏省", "leaders": [], "speakers": []}}
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(iq.main, ["--corpus", str(tmp_path), "-v"])
    assert result.exit_code == 0, result.output
    assert "missing t.txt (test) #h9: no article (starts at line 13" in result.output
    assert "#h9 province" not in result.output
    assert "wrong   t.txt (test) #* count: expected 4, got 3" in result.output
