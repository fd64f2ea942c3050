"""The front-matter codec: what `dump` writes, `load` reads back as the same Article.

One codec serves the importer, `new` and the loader; if `dump` could write
something `load` reads differently (or refuses), an imported or scaffolded file
would fail `check` or change meaning. The key order is the model's FIELDS.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_src.content import frontmatter
from site_src.model.article import (
    FIELDS,
    Artefact,
    Article,
    PartialDate,
    Provenance,
    TitleOrigin,
)

PATH = Path("content/2024/03/zhejiang-0314.md")
TEXT = st.text(alphabet=st.sampled_from(list("民政厅会议通知“”：，、 ab:#*-[]{}'\"!&|>%@`1")),
               min_size=1, max_size=40).map(str.strip).filter(bool)
NAMES = st.lists(st.sampled_from(["陈斌", "李丽", "王五", "买买提·艾力", "Li Wei"]),
                 max_size=3, unique=True).map(tuple)
PLACES = st.sampled_from([(None, None), ("浙江省", None), ("江苏省", "扬州市"),
                          ("内蒙古自治区", "呼和浩特市")])
DATES = st.one_of(st.none(), st.builds(PartialDate, st.integers(1990, 2030)),
                  st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12)),
                  st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)))
PROVENANCE = st.one_of(st.none(), st.builds(
    Provenance, st.sampled_from(["001_abc.txt", "2024/03 简报.txt"]), st.integers(1, 999),
    st.lists(st.builds(Artefact, st.integers(1, 999), TEXT), max_size=2).map(tuple),
    st.sampled_from([None, "sha256:" + "0" * 64])))


@st.composite
def articles(draw) -> Article:
    province, city = draw(PLACES)
    leaders = draw(NAMES)
    date = draw(DATES)
    return Article(
        title=draw(TEXT), body=draw(st.sampled_from(["", "正文。\n", "第一段\n\n第二段\n"])),
        date=date, date_inferred=date is not None and draw(st.booleans()),
        province=province, city=city, leaders=leaders, speakers=draw(NAMES),
        roles={name: draw(TEXT) for name in leaders if draw(st.booleans())},
        source=draw(st.sampled_from([None, "浙江省民政厅", "民政部"])),
        provenance=draw(PROVENANCE),
        slug=draw(st.sampled_from([None, "zhejiang-0314", "2024", "a-1"])),
        summary=draw(st.one_of(st.none(), TEXT)), tags=draw(NAMES),
        anonymised=draw(st.booleans()), title_origin=draw(st.sampled_from(list(TitleOrigin))),
        path=PATH)


@settings(max_examples=300, deadline=None)
@given(articles())
def test_load_reads_back_exactly_what_dump_wrote(article: Article):
    text = frontmatter.dump_file(article)
    loaded, problems = frontmatter.load(PATH, text)
    assert [p for p in problems if p.severity == "error"] == [], text
    assert loaded == article, text
    assert loaded.roles == article.roles  # not part of Article equality
    assert frontmatter.dump_file(loaded) == text


def test_keys_are_written_in_the_models_order():
    article = Article(title="标题", body="正文。\n", date=PartialDate(2024, 3, 14),
                      date_inferred=True, province="浙江省", leaders=("陈斌",),
                      roles={"陈斌": "厅长"}, source="浙江省民政厅", slug="zhejiang-0314",
                      summary="摘要", tags=("养老",), anonymised=True,
                      title_origin=TitleOrigin.HEADING, provenance=Provenance("f.txt", 3))
    keys = [line.split(":")[0] for line in frontmatter.dump(article).splitlines()
            if not line.startswith(" ")]
    order = [f.key for f in FIELDS]
    assert keys == [k for k in order if k not in ("city", "date_text")]


def test_a_hand_written_article_omits_what_says_nothing():
    assert frontmatter.dump(Article(title="标题", body="")) == (
        "title: 标题\nleaders: []\nspeakers: []\nroles: {}\n")
    inferred_without_date = replace(Article(title="x", body=""), date_inferred=True)
    assert "date_inferred" not in frontmatter.dump(inferred_without_date)
