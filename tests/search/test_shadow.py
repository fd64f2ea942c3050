"""The shadow writer's fast tokenizer gives Pagefind exactly what a real HTML parser would.

site_src/search/text.py rewrites pages with a tokenizer that relies on the
site's own markup (every attribute value quoted and escaped). This test keeps
the general html.parser rewriter it replaced as the reference and checks the
two agree byte for byte on every page of a built site and on generated bodies
full of entities, quotes, brackets and Han text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_src.model.article import Article, PartialDate
from site_src.model.site import make_site
from site_src.pipeline import build_site
from site_src.render.pages import Chrome, make_environment, split_base_url
from site_src.render.plan import plan_pages, render_page, stylesheet_path
from site_src.search.text import _CAPTURING, _VOID, shadow_page, space_han

from ..site.conftest import FIXTURE_CONTENT


class _ShadowWriter(HTMLParser):
    """Re-emits a page with the text inside `data-pagefind-body` spaced out.

    A filter, meta or sort value that Pagefind would read from an element's text
    (`<a data-pagefind-filter="province">湖北省</a>`) keeps its exact value: it is
    moved to an empty sibling that names it in an attribute.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # (tag, opens the body?, captured attribute text + collected value or None)
        self.stack: list[tuple[str, bool, list[str] | None]] = []

    def _in_body(self) -> bool:
        return any(body for _, body, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opens_body = any(k == "data-pagefind-body" for k, _ in attrs)
        captured = None
        if opens_body or self._in_body():
            keys = [k for k, v in attrs if k in _CAPTURING and not re.search(r"[:\[]", v or "")]
            if keys:
                values = dict(attrs)
                captured = [" ".join(f'{k}="{html.escape(values[k] or "")}[data-value]"'
                                     for k in keys)]
                attrs = [(k, v) for k, v in attrs if k not in keys]
        text = "".join(f" {k}" if v is None else f' {k}="{html.escape(v)}"' for k, v in attrs)
        self.out.append(f"<{tag}{text}>")
        if tag not in _VOID:
            self.stack.append((tag, opens_body, captured))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(open_tag != tag for open_tag, _, _ in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:
            open_tag, _, captured = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if captured:
                value = html.escape("".join(captured[1:]).strip())
                self.out.append(f'<span {captured[0]} data-value="{value}"></span>')
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, captured in self.stack:
            if captured is not None:
                captured.append(data)
        text = space_han(data) if self._in_body() else data
        self.out.append(html.escape(text, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")




def reference_shadow(page: str) -> str:
    writer = _ShadowWriter()
    writer.feed(page)
    writer.close()
    return "".join(writer.out)


def body(shadow: str) -> str:
    """What Pagefind indexes: from the body's start tag to its end (`<article>` here).

    Outside it the fast writer copies the page as it is, the reference writes
    it back through html.parser (`&#39;` becomes `'`): no difference to Pagefind.
    """
    start = shadow.index("<article class=\"report\" data-pagefind-body>")
    return shadow[start:shadow.index("</article>", start)]


def same_for_pagefind(page: str) -> None:
    fast, reference = shadow_page(page), reference_shadow(page)
    assert body(fast) == body(reference)
    assert html.unescape(fast) == html.unescape(reference)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shadow") / "public"
    build_site(FIXTURE_CONTENT, out, search=False)
    return out


def test_every_page_of_a_built_site_is_rewritten_as_the_reference_does(built_site: Path):
    # only pages with a body are rewritten (write_shadow_site skips the others)
    pages = [p for p in sorted(built_site.rglob("*.html"))
             if "data-pagefind-body" in p.read_text("utf-8")]
    assert len(pages) >= 5
    for path in pages:
        page = path.read_text("utf-8")
        same_for_pagefind(page)


TEXT = st.text(alphabet=st.sampled_from(list("民政厅会议陈斌&<>\"'#*[]()ab1 、，。“”&amp;")),
               min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None)
@given(title=TEXT, body=st.lists(TEXT, min_size=1, max_size=4), name=TEXT, role=TEXT)
def test_generated_articles_are_rewritten_as_the_reference_does(title, body, name, role):
    article = Article(title=title, body="\n\n".join(body) + "\n", date=PartialDate(2024, 3),
                      province="浙江省", city="杭州市", leaders=(name,), roles={name: role},
                      source="浙江省民政厅", path=Path("content/2024/03/a.md"))
    site = make_site([article])
    chrome = Chrome(*split_base_url("/"), stylesheet_path())
    env = make_environment()
    page = next(p for p in plan_pages(site, chrome) if p.relpath.endswith("a/index.html"))
    text = render_page(env, chrome, page)
    same_for_pagefind(text)
