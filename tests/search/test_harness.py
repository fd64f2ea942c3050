"""The harness's own arithmetic (truth sets, sampling, scoring) and the shadow
pages Pagefind indexes (site_src/search/text.py).

If these were wrong the recall figures in bench/SEARCH.md would be too, so
they are checked without a browser.
"""

from __future__ import annotations

import re

from bench.search_quality import (
    Doc,
    Query,
    add_hidden_keywords,
    docs_from_articles,
    draw_queries,
    sample_terms,
    score,
)
from site_src.model.article import Article, PartialDate
from site_src.search.text import shadow_page, space_han, write_shadow_site

HUBEI = Doc("/2024/03/hubei/", "湖北省民政厅召开会议\n党组书记杨泽发主持会议，推进低保扩围。",
            ("杨泽发",), ("湖北省",))
ZHEJIANG = Doc("/2024/03/zhejiang/", "浙江省民政厅党组会议\n厅长陈斌主持，湖北代表列席。",
               ("陈斌",), ("浙江省",))
NEIMENG = Doc("/2024/neimenggu/", "会议\n由内蒙古自治区民政厅举行，陈斌未出席。", (), ())


def test_truth_is_every_report_containing_the_text() -> None:
    queries = {q.text: q for q in draw_queries([HUBEI, ZHEJIANG, NEIMENG], terms=20)}
    assert queries["陈斌"].kind == "name"
    assert queries["陈斌"].expected == {ZHEJIANG.url, NEIMENG.url}  # named in text, not leader
    assert queries["湖北"].kind == "place"
    assert queries["湖北"].expected == {HUBEI.url, ZHEJIANG.url}  # short form, in running text
    assert queries["湖北省"].expected == {HUBEI.url}
    assert queries["内蒙古自治区"].expected == {NEIMENG.url}  # found by the gazetteer scan
    assert queries["低保扩围"].kind == "term"  # programme vocabulary, present → queried
    assert "适老化改造" not in queries  # absent from every text → not a query


def test_pair_queries_need_both_words() -> None:
    pairs = [q for q in draw_queries([HUBEI, ZHEJIANG, NEIMENG], terms=0, pairs=5)
             if q.kind == "pair"]
    assert {q.text for q in pairs} == {"杨泽发 湖北省", "陈斌 浙江省"}
    by_text = {q.text: q.expected for q in pairs}
    assert by_text["陈斌 浙江省"] == {ZHEJIANG.url}  # NEIMENG names 陈斌 but not 浙江省
    assert draw_queries([HUBEI], terms=0) == [q for q in draw_queries([HUBEI], terms=0)
                                               if q.kind != "pair"]


def test_sampled_terms_are_deterministic_han_substrings() -> None:
    docs = [HUBEI, ZHEJIANG, NEIMENG]
    first = sample_terms(docs, 30, seed=3)
    assert first == sample_terms(docs, 30, seed=3)
    assert first != sample_terms(docs, 30, seed=4)
    assert {len(t) for t in first} == {2, 3, 4, 5, 6}
    for term in first:
        assert any(term in d.text for d in docs), term
        assert all("\u4e00" <= ch <= "\u9fff" for ch in term), term


def test_score_counts_recall_over_pairs_and_precision_of_the_top_ten() -> None:
    queries = [
        Query("name", "陈斌", frozenset({"/a/", "/b/"})),
        Query("name", "李丽", frozenset({"/c/"})),
        Query("term", "扩围", frozenset({"/d/"})),
    ]
    results = {"陈斌": ["/x/", "/a/"], "李丽": ["/c/"], "扩围": []}
    name, term = score(queries, results)
    assert (name.kind, name.expected, name.found, name.perfect) == ("name", 3, 2, 1)
    assert abs(name.recall - 2 / 3) < 1e-9
    assert abs(name.precision_at_10 - (0.5 + 1.0) / 2) < 1e-9
    assert name.misses == (("陈斌", 1, 2),)
    assert (term.found, term.precision_at_10) == (0, 0.0)


def test_visible_text_resolves_markdown_escapes() -> None:
    article = Article(title="发言", body="\\*市民政局实施\\*.\\*万户\n\n（据\\*市）",
                      date=PartialDate(2024), slug="x")
    (doc,) = docs_from_articles([article])
    assert doc.url == "/2024/x/"
    assert "*市民政局实施*.*万户" in doc.text
    assert "\\" not in doc.text


def test_space_han_makes_each_character_a_word() -> None:
    assert space_han("陈斌主持2024年（扩大）").split() == [
        "陈", "斌", "主", "持", "2024", "年", "（", "扩", "大", "）"]
    # Pagefind ends a block with ". " in excerpts only if it does not end in a space.
    assert not space_han("召开会议").endswith(" ")
    assert space_han("ABC def") == "ABC def"


def test_shadow_page_spaces_only_the_indexed_body_and_keeps_filter_values() -> None:
    page = (
        '<!doctype html><html lang="zh-CN"><head><title>湖北</title></head><body>'
        '<nav>省份</nav><article data-pagefind-body>'
        '<h1 data-pagefind-meta="title">湖北会议</h1>'
        '<a data-pagefind-filter="province">湖北省</a>'
        '<span data-pagefind-filter="year:2024年">2024年</span><p>低保&amp;扩围<br>完成</p>'
        "</article></body></html>"
    )
    out = re.sub(" +", " ", shadow_page(page))  # how many spaces is Pagefind's business
    assert "<title>湖北</title>" in out and "<nav>省份</nav>" in out  # outside: untouched
    assert ('<h1> 湖 北 会 议</h1>'
            '<span data-pagefind-meta="title[data-value]" data-value="湖北会议">') in out
    assert '<span data-pagefind-filter="province[data-value]" data-value="湖北省"></span>' in out
    assert '<span data-pagefind-filter="year:2024年">2024 年</span>' in out  # inline: kept
    assert "<p> 低 保 &amp; 扩 围<br> 完 成</p>" in out


def test_shadow_site_holds_only_indexed_pages(tmp_path) -> None:
    site, shadow = tmp_path / "site", tmp_path / "shadow"
    (site / "2024" / "x").mkdir(parents=True)
    (site / "2024" / "x" / "index.html").write_text(
        '<html lang="zh-CN"><body><article data-pagefind-body><p>陈斌</p></article></body></html>',
        encoding="utf-8")
    home = '<html lang="zh-CN"><body>首页</body></html>'
    (site / "index.html").write_text(home, encoding="utf-8")
    assert write_shadow_site(site, shadow)[0] == 1
    assert [p.relative_to(shadow).as_posix() for p in shadow.rglob("*.html")] == [
        "2024/x/index.html"]
    shadowed = (shadow / "2024" / "x" / "index.html").read_text(encoding="utf-8")
    assert "<p> 陈 斌</p>" in re.sub(" +", " ", shadowed)


def test_hidden_keywords_go_inside_the_indexed_body() -> None:
    page = '<main><article class="report" data-pagefind-body><h1>标题</h1></article></main>'
    out = add_hidden_keywords(page, ["陈斌", "湖北"])
    assert out == ('<main><article class="report" data-pagefind-body><p hidden>陈斌 湖北</p>'
                   "<h1>标题</h1></article></main>")
    assert add_hidden_keywords(page, []) == page


def test_shadow_site_on_every_core_equals_the_serial_one(tmp_path, monkeypatch) -> None:
    """Large sites are rewritten by a pool: same files, same bytes, same count."""
    import site_src.search.text as search_text

    site = tmp_path / "site"
    for n in range(40):
        page = site / "2024" / f"{n:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        body = f'<main data-pagefind-body><h1>第{n}篇</h1><p>陈斌主持会议{n}。</p></main>'
        page.write_text(f'<html lang="zh-CN"><body>{body}</body></html>', "utf-8")
    (site / "index.html").write_text("<html><body>首页</body></html>", "utf-8")

    monkeypatch.setattr(search_text, "POOL_MIN_PAGES", 10**9)
    serial = tmp_path / "serial"
    assert write_shadow_site(site, serial)[0] == 40
    monkeypatch.setattr(search_text, "POOL_MIN_PAGES", 10)
    monkeypatch.setattr(search_text, "WORKERS", 2)
    monkeypatch.setattr(search_text, "safe_to_fork", lambda: True)
    forked = []
    import multiprocessing  # search/text.py imports it only when a pool runs

    real_pool = multiprocessing.get_context("fork").Pool

    def counting_pool(*args, **kwargs):
        forked.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(multiprocessing.get_context("fork"), "Pool", counting_pool)
    pooled = tmp_path / "pooled"
    assert write_shadow_site(site, pooled)[0] == 40
    assert forked, "the pool was not used"

    def tree(root):
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(pooled) == tree(serial) and len(tree(serial)) == 40
