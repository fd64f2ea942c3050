"""The hard cases of the five seed bulletins, as an editor reading them would decide."""

from pathlib import Path

import pytest

from site_src.importer.bulletin import decode, import_bulletin
from site_src.model.article import PartialDate, TitleOrigin

RAW = Path(__file__).resolve().parents[2] / "raw"


def _import(prefix: str):
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return import_bulletin(path.name, decode(path.read_bytes(), path.name))


@pytest.fixture(scope="module")
def seeds():
    return {prefix: _import(prefix) for prefix in ("000", "001", "002", "003", "004")}


def test_report_counts(seeds):
    assert {k: len(v) for k, v in seeds.items()} == {
        "000": 2, "001": 3, "002": 3, "003": 2, "004": 1,
    }


def test_000_untitled_zhejiang_then_yangzhou_with_glued_title(seeds):
    zhejiang, yangzhou = (r.article for r in seeds["000"])
    assert zhejiang.title == "浙江省民政厅召开党组理论学习中心组学习（扩大）会议"
    assert zhejiang.title_origin is TitleOrigin.DERIVED
    assert zhejiang.leaders == ("陈斌",)
    assert zhejiang.roles == {"陈斌": "厅党组书记、厅长"}
    assert zhejiang.date is None  # 日前; 二〇二四年 is the new-year speech studied, not the meeting
    assert zhejiang.body.endswith("参加会议。\n\n（据浙江省民政厅）")
    assert yangzhou.title == "扬州市民政局：“实”字当头 推动主题教育见行见效"
    assert yangzhou.title_origin is TitleOrigin.INLINE
    assert (yangzhou.province, yangzhou.city) == ("江苏省", "扬州市")
    assert yangzhou.source == "扬州市民政局"
    assert yangzhou.leaders == ()
    assert yangzhou.provenance.line == 104
    assert yangzhou.date is None  # no date of its own; never the other report's year


def test_000_subheadings_are_paragraphs(seeds):
    paragraphs = seeds["000"][1].article.body.split("\n\n")
    for heading in ("压实责任，理论学习下实功。", "掌握实情，调查研究谋实招。",
                    "重点发力，检视整改求实效。", "服务民生，推动发展出实绩。"):
        assert heading in paragraphs
    assert any(p.endswith("研讨交流315人次。") for p in paragraphs)
    assert "抓好抓实2024年重点工作" in seeds["000"][0].article.body


def test_001_three_headed_reports_with_inferred_year(seeds):
    zhejiang, jiangsu, hubei = (r.article for r in seeds["001"])
    assert zhejiang.title == (
        "浙江省民政厅召开党组（扩大）会议 传达学习全国两会精神和省委召开的全省领导干部会议精神"
    )
    assert zhejiang.title_origin is TitleOrigin.HEADING
    assert zhejiang.date is None and zhejiang.date_text == "3月14日"  # no year in the report
    assert zhejiang.leaders == ("陈斌",) and zhejiang.speakers == ()
    assert "沉甸甸的思想力量、改革含量和民生分量" in zhejiang.body
    assert "陆治原" not in zhejiang.leaders + zhejiang.speakers
    assert jiangsu.leaders == ("谢晓军",) and jiangsu.province == "江苏省"
    assert jiangsu.body.endswith("参加会议。\n\n（据江苏省民政厅）")
    assert hubei.date is None and hubei.date_text == "3月13日"  # 2024年 is a relief standard's
    assert (hubei.leaders, hubei.speakers) == (("杨泽发",), ("李丽",))
    assert hubei.roles == {"杨泽发": "厅党组书记", "李丽": "厅长"}
    assert [a.provenance.line for a in (zhejiang, jiangsu, hubei)] == [3, 27, 43]


def test_002_undated_reports_and_a_city_bureau(seeds):
    anhui, hubei, xining = (r.article for r in seeds["002"])
    assert all(a.date is None for a in (anhui, hubei, xining))  # 近日, no year anywhere
    assert anhui.leaders == ("余向东",)
    assert hubei.leaders == ("杨泽发",) and hubei.roles == {"杨泽发": "党组书记"}
    assert (xining.province, xining.city, xining.source) == ("青海省", "西宁市", "西宁市民政局")
    assert xining.title == "青海省西宁市民政局：夯实城乡社区基层基础 高效推动主题教育落实落地"


def test_003_title_after_body_and_topic_artefact(seeds):
    first, second = seeds["003"]
    hubei, neimenggu = first.article, second.article
    assert hubei.title == "湖北省民政厅召开2024年全省民政工作视频会议"
    assert hubei.title_origin is TitleOrigin.AFTER_BODY
    assert hubei.provenance.line == 1
    assert [(a.line, a.text) for a in hubei.provenance.artefacts] == [(288, "TOPIC")]
    assert "TOPIC" not in hubei.body + neimenggu.body
    assert hubei.date == PartialDate(2024, 2, 21)
    assert (hubei.leaders, hubei.speakers) == (("杨泽发",), ("李丽",))
    assert any("placed by content" in flag for flag in first.flags)
    assert neimenggu.title_origin is TitleOrigin.DERIVED
    assert neimenggu.title == (
        "内蒙古自治区民政厅举行2024年第七次党组（扩大）会议暨党组理论学习中心组2024年第二次集体学习会"
    )
    assert neimenggu.province == "内蒙古自治区" and neimenggu.leaders == ("姜宏",)
    assert neimenggu.date == PartialDate(2024) and neimenggu.provenance.line == 290
    assert "会议指出，要按照党中央和自治区党委工作部署，健全" in neimenggu.body


def test_004_anonymised_speech_without_attribution(seeds):
    (report,) = seeds["004"]
    speech = report.article
    assert speech.title == "在第二批主题教育阶段性汇报会上的发言"
    assert speech.anonymised
    assert (speech.province, speech.city, speech.source, speech.date) == (None, None, None, None)
    assert r"\*市民政局" in speech.body  # escaped, renders as a literal asterisk
    assert any("no attribution" in flag for flag in report.flags)
    assert any("long report" in flag for flag in report.flags)
    assert not any(f for r in seeds["001"] + seeds["002"] for f in r.flags)
    assert speech.body.split("\n\n")[0] == r"尊敬的\*组长，各位领导，同志们："
