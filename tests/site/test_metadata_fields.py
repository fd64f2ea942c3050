"""Fields added for the importer's metadata: `date_text`, long `source` credits, short slugs."""

from __future__ import annotations

from pathlib import Path

from site_src.content import frontmatter
from site_src.model.article import Article
from site_src.model.site import TermKind, make_site
from site_src.model.slugs import ORGANISATION_SLUG_LIMIT, organisation_slug

from .conftest import make_article
from .test_render import _article_html

LONG_CREDIT = "江南省长宁市民政局社会救助科 办公室"  # 18 characters: over the old 15


def _roundtrip(article: Article) -> tuple[Article | None, list]:
    text = frontmatter.dump_file(article)
    return frontmatter.load(Path("content/undated/x.md"), text)


def test_date_text_is_written_after_date_inferred_and_read_back():
    article = Article(title="标题", body="正文。", date_text="12月2日", province="浙江省")
    text = frontmatter.dump_file(article)
    assert "date_text: 12月2日\nprovince: 浙江省\n" in text
    loaded, problems = _roundtrip(article)
    assert problems == [] and loaded is not None and loaded.date_text == "12月2日"


def test_a_real_credit_fits_the_source_limit_and_a_runaway_one_does_not():
    loaded, problems = _roundtrip(Article(title="标题", body="正文。", source=LONG_CREDIT))
    assert problems == [] and loaded is not None and loaded.source == LONG_CREDIT
    too_long, problems = _roundtrip(Article(title="标题", body="正文。", source="民" * 61))
    assert too_long is None and any("source" in p.message for p in problems)


def test_an_undated_page_shows_the_date_as_written():
    html = _article_html(make_article("a", None, date_text="12月2日"))
    assert "日期不详（原文：12月2日）" in html


def test_organisation_part_of_a_namesake_slug_is_capped():
    long_org = "江南省长宁市社会组织发展培育服务中心综合办公室"
    assert len(organisation_slug(long_org)) <= ORGANISATION_SLUG_LIMIT
    assert organisation_slug("民政厅") == "min-zheng-ting"
    site = make_site([
        make_article("a", province=None, leaders=("陈斌",), source=long_org),
        make_article("b", province=None, leaders=("陈斌",), source="东江日报"),
    ])
    slugs = sorted(p.slug for p in site.terms[TermKind.LEADER])
    assert all(len(s) <= len("chen-bin-") + ORGANISATION_SLUG_LIMIT for s in slugs)
    assert len(set(slugs)) == 2
