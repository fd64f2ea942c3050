"""One Page per output file, and a page's digest changes whenever its rendering does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from site_src.build.digest import PageDigests
from site_src.content.load import load_content
from site_src.model.article import Article, PartialDate
from site_src.model.site import make_site
from site_src.output.swap import MARKER
from site_src.pipeline import build_site
from site_src.render.pages import Chrome, make_environment
from site_src.render.plan import plan_pages, render_page, stylesheet_path

from .conftest import FIXTURE_CONTENT

CHROME = Chrome("/", None, stylesheet_path())


def _articles() -> list[Article]:
    return load_content(FIXTURE_CONTENT).articles


def _rendered_and_digests(articles: list[Article]) -> dict[str, tuple[str | bytes, str]]:
    site = make_site(articles, FIXTURE_CONTENT)
    env, digests = make_environment(), PageDigests()
    return {
        page.relpath: (render_page(env, CHROME, page), digests.of(page))
        for page in plan_pages(site, CHROME)
    }


def test_every_file_a_build_writes_is_one_page(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(FIXTURE_CONTENT, out, search=False)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    site = make_site(_articles(), FIXTURE_CONTENT)
    planned = [p.relpath for p in plan_pages(site, CHROME)]
    assert len(planned) == len(set(planned))
    assert written == {*planned, MARKER}


EDITS = {
    "title": lambda a: dataclasses.replace(a, title=a.title + "（更正）"),
    "body": lambda a: dataclasses.replace(a, body=a.body + "\n补充一段。\n"),
    "date": lambda a: dataclasses.replace(a, date=PartialDate(2019, 5, 6)),
    "leader": lambda a: dataclasses.replace(a, leaders=(*a.leaders, "周新")),
    "summary": lambda a: dataclasses.replace(a, summary="新的摘要。"),
    "city": lambda a: dataclasses.replace(a, city=None),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_page_whose_output_changes_has_a_new_digest(edit: str) -> None:
    articles = _articles()
    before = _rendered_and_digests(articles)
    for k in range(len(articles)):
        changed = [EDITS[edit](a) if i == k else a for i, a in enumerate(articles)]
        after = _rendered_and_digests(changed)
        for relpath in before.keys() & after.keys():
            (old_output, old_digest), (new_output, new_digest) = before[relpath], after[relpath]
            if old_output != new_output:
                assert old_digest != new_digest, (edit, k, relpath)
        if changed[k] != articles[k]:
            assert any(before[r][1] != after[r][1] for r in before.keys() & after.keys())
