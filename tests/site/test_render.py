"""Rendering: Markdown safety, link rewriting, metadata, templates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from site_src.model.site import make_site
from site_src.render.pages import (
    BaseURLError,
    Chrome,
    description,
    json_ld,
    make_environment,
    render_article,
    render_markdown,
    split_base_url,
)

from .conftest import make_article


def test_raw_html_and_script_in_body_are_escaped():
    html = render_markdown(
        "正文<script>alert(1)</script>\n\n<div onclick=x>块</div>", None, Chrome()
    )
    assert "<script>" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_escaped_asterisks_stay_literal():
    html = render_markdown(r"\*市民政局，惠及\*.\*万人", None, Chrome())
    assert "*市民政局，惠及*.*万人" in html
    assert "<em>" not in html


def test_relative_md_links_become_article_urls_under_base_path():
    chrome = Chrome(
        base_path="/minzheng/", article_links={"2024/03/zhejiang-0314.md": "2024/03/zhejiang-0314/"}
    )
    html = render_markdown(
        "见[浙江](../03/zhejiang-0314.md#top)。", "2024/02/hubei-0221.md", chrome
    )
    assert 'href="/minzheng/2024/03/zhejiang-0314/#top"' in html


def test_site_absolute_links_get_the_base_path_and_external_links_are_kept():
    chrome = Chrome(base_path="/minzheng/")
    html = render_markdown("[a](/2024/03/x/) [b](https://www.mca.gov.cn/)", "2024/03/y.md", chrome)
    assert 'href="/minzheng/2024/03/x/"' in html
    assert 'href="https://www.mca.gov.cn/"' in html


def test_body_headings_are_demoted_below_the_page_title():
    assert "<h2>小标题</h2>" in render_markdown("# 小标题", None, Chrome())


def test_description_is_the_first_sentence():
    entry = make_site([make_article("a", body="3月14日，会议召开。第二句。\n\n第二段。")]).entries[
        0
    ]
    assert description(entry) == "3月14日，会议召开。"


def test_description_prefers_summary():
    entry = make_site([make_article("a", summary="编辑写的摘要")]).entries[0]
    assert description(entry) == "编辑写的摘要"


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2024-03-14", "2024-03-14"), ("2024-03", "2024-03"), ("2024", "2024"), (None, None)],
)
def test_json_ld_date_only_at_known_precision(date, expected):
    entry = make_site([make_article("a", date, title="标题</script><b>")]).entries[0]
    text = json_ld(entry, Chrome(base_path="/m/", base_url="https://example.org/m/"))
    assert "</script>" not in text
    data = json.loads(text)
    assert data["@type"] == "NewsArticle"
    assert data.get("datePublished") == expected
    assert data["headline"] == "标题</script><b>"
    assert data["url"].startswith("https://example.org/m/")


@pytest.mark.parametrize(
    ("base_url", "path", "absolute"),
    [
        ("/", "/", None),
        ("https://example.github.io/minzheng", "/minzheng/", "https://example.github.io/minzheng/"),
        ("https://example.org/", "/", "https://example.org/"),
        ("/minzheng", "/minzheng/", None),
    ],
)
def test_split_base_url(base_url, path, absolute):
    assert split_base_url(base_url) == (path, absolute)


@pytest.mark.parametrize("bad", ["example.org/minzheng", "ftp://example.org/", "https:///x/"])
def test_split_base_url_rejects_ambiguous_values(bad):
    with pytest.raises(BaseURLError):
        split_base_url(bad)


def _article_html(article, chrome=None):
    site = make_site([article])
    entry = site.entries[0]
    return render_article(make_environment(), chrome or Chrome(), entry, None, None, [])


def test_article_page_shows_chinese_date_and_links():
    html = _article_html(
        make_article(
            "a",
            "2024-03",
            province="江苏省",
            city="扬州市",
            leaders=("陈斌",),
            speakers=("李丽",),
            source="扬州市民政局",
        ),
        Chrome(base_path="/minzheng/"),
    )
    assert '<html lang="zh-CN">' in html
    assert "2024年3月" in html
    assert 'href="/minzheng/city/yangzhou/"' in html
    assert 'href="/minzheng/leader/chen-bin/"' in html
    assert 'href="/minzheng/leader/li-li/"' in html
    assert html.count("data-pagefind-body") == 1
    assert 'data-pagefind-filter="province">江苏省<' in html
    assert 'data-pagefind-sort="date:2024-03-00"' in html
    assert '<main id="main"' in html and '<article class="report"' in html


def test_tags_are_shown():
    html = _article_html(make_article("a", tags=("养老服务", "社会救助")))
    assert "<dt>主题</dt><dd>养老服务、社会救助</dd>" in html


def test_undated_article_says_date_unknown():
    html = _article_html(make_article("a", None))
    assert "日期不详" in html
    assert "<time" not in re.sub(r"<head>.*</head>", "", html, flags=re.S)


def test_derived_title_and_inferred_year_are_marked():
    html = _article_html(make_article("a", "2024-02", title_origin="derived", date_inferred=True))
    assert "标题由正文首句拟定" in html
    assert "年份推断" in html


def test_templates_fail_on_undefined_names(tmp_path: Path):
    (tmp_path / "t.html").write_text("{{ missing }}")
    with pytest.raises(UndefinedError):
        make_environment(tmp_path).get_template("t.html").render()


def test_templates_autoescape(tmp_path: Path):
    (tmp_path / "t.html").write_text("{{ value }}")
    out = make_environment(tmp_path).get_template("t.html").render(value="<b>")
    assert out == "&lt;b&gt;"
