"""The file format: escaping that renders back to the text, YAML that round-trips, digests."""

import datetime
import html
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from site_src.content import frontmatter as frontmatter_codec
from site_src.importer.conservation import paragraphs
from site_src.importer.markdown_out import (
    body_markdown,
    escape_markdown,
    render,
    stored_digest_matches,
    unescape_markdown,
)
from site_src.model.article import Artefact, Article, PartialDate, Provenance, TitleOrigin

MD = MarkdownIt("commonmark")


def _rendered_text(markdown: str) -> str:
    """The text a reader sees: rendered HTML with its one <p> wrapper removed."""
    out = MD.render(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    return html.unescape(out[3:-4])


@pytest.mark.parametrize(
    "text",
    [
        "*市民政局党组紧扣",
        "将*.*万人参照“单人户”纳入低保范围",
        "局领导*组长，*次，*个",
        "snake_case_name 和 __粗体__",
        "反斜杠\\结尾\\",
        "`代码` 与 [链接](http://x) 和 <b>标签</b> &amp;",
        "# 不是标题",
        "> 不是引用",
        "- 不是列表",
        "+ 不是列表",
        "1. 不是编号",
        "2) 不是编号",
        "=== 不是标题线",
        "~~不是删除线~~ | 不是表格 |",
        "1.086万人",
    ],
)
def test_escaped_text_renders_as_the_original_characters(text):
    assert _rendered_text(escape_markdown(text)) == text
    assert unescape_markdown(escape_markdown(text)) == text


def test_an_asterisk_left_unescaped_would_be_lost():
    # The control case: without escaping, CommonMark eats the asterisks.
    assert _rendered_text("*市民政局*") != "*市民政局*"


@given(st.text(alphabet=st.sampled_from(list("*_`[]<>&\\#>-+=~|!.)1 a中文，。")), min_size=1))
def test_escape_round_trips_for_any_text(text):
    text = text.strip()
    if text:
        assert unescape_markdown(escape_markdown(text)) == text
        assert _rendered_text(escape_markdown(text)) == text


def _article(**changes):
    base = dict(
        title="扬州市民政局：“实”字当头 推动主题教育见行见效",
        body=body_markdown(["第一段。", "（据扬州市民政局）"]),
        date=PartialDate(2024, 3, 14),
        date_inferred=True,
        province="江苏省",
        city="扬州市",
        leaders=("陈斌",),
        speakers=("李丽",),
        roles={"陈斌": "厅党组书记、厅长", "李丽": "厅长"},
        source="扬州市民政局",
        title_origin=TitleOrigin.INLINE,
        provenance=Provenance("000_x.txt", 104, (Artefact(288, "TOPIC"),)),
    )
    base.update(changes)
    return Article(**base)


def test_front_matter_keys_in_contract_order_and_round_trip():
    text = render(_article())
    keys = [line.split(":")[0] for line in text.split("---")[1].strip().splitlines()
            if not line.startswith(" ")]
    assert keys == ["title", "title_origin", "date", "date_inferred", "province", "city",
                    "leaders", "speakers", "roles", "source", "provenance"]
    meta = frontmatter.loads(text).metadata
    assert meta["title"] == "扬州市民政局：“实”字当头 推动主题教育见行见效"
    assert meta["date"] == datetime.date(2024, 3, 14)
    assert meta["date_inferred"] is True
    assert meta["leaders"] == ["陈斌"] and meta["speakers"] == ["李丽"]
    assert meta["roles"] == {"陈斌": "厅党组书记、厅长", "李丽": "厅长"}
    assert meta["provenance"]["file"] == "000_x.txt"
    assert meta["provenance"]["line"] == 104
    assert meta["provenance"]["artefacts"] == [{"line": 288, "text": "TOPIC"}]
    assert "slug:" not in text
    assert "leaders: [陈斌]" in text and "date: 2024-03-14\n" in text


@pytest.mark.parametrize(
    ("date", "loaded"),
    [(PartialDate(2024, 3), "2024-03"), (PartialDate(2024), 2024), (None, None)],
)
def test_partial_dates_are_unquoted(date, loaded):
    meta = frontmatter.loads(render(_article(date=date, date_inferred=False))).metadata
    assert meta.get("date") == loaded
    assert "date_inferred" not in meta


@pytest.mark.parametrize(
    "title", ["a: b", "- 列表", "*市民政局", "2024", "yes", "#话题", "'引号'", "[方括号]"]
)
def test_titles_that_look_like_yaml_are_quoted(title):
    assert frontmatter.loads(render(_article(title=title))).metadata["title"] == title


def test_optional_keys_are_omitted_when_empty():
    text = render(_article(province=None, city=None, source=None, date=None,
                           provenance=Provenance("f.txt", 1)))
    meta = frontmatter.loads(text).metadata
    for key in ("province", "city", "source", "date", "date_inferred", "anonymised"):
        assert key not in meta
    assert "artefacts" not in meta["provenance"]
    assert render(_article(anonymised=True)).count("anonymised: true") == 1


def test_the_site_loader_reads_back_the_article_and_unescaped_paragraphs():
    article = _article(body=body_markdown(["*市民政局", "第二段"]))
    loaded, problems = frontmatter_codec.load(Path("content/2024/03/yangzhou-0314.md"),
                                              render(article))
    assert problems == []
    assert paragraphs(loaded.body) == ["*市民政局", "第二段"]
    assert loaded.city == "扬州市"
    assert loaded.provenance.digest.startswith("sha256:")


def test_digest_detects_any_edit():
    text = render(_article())
    assert stored_digest_matches(text) is True
    assert stored_digest_matches(text.replace("第一段", "第一段改")) is False
    assert stored_digest_matches(text.replace("city: 扬州市", "city: 南京市")) is False
    assert stored_digest_matches("---\ntitle: x\n---\n\n正文\n") is None


def test_render_is_deterministic():
    assert render(_article()) == render(_article())
