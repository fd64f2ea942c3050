"""Names are spelled the same whether learned in the helper process or here (model/slugs.py).

`Pinyin.learn` transliterates new names in a helper process so pypinyin's
dictionaries never sit in the build; a slug that came out differently there
would move a person's page between a full build and a rebuild.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from site_src.model.article import Article
from site_src.model.people import spelled_out
from site_src.model.site import make_site
from site_src.model.slugs import Pinyin, place_slug, transliterate

NAMES = ["陈斌", "买买提·艾力", "单雄", "重庆", "Li Wei 李伟", "洛桑江村", "浙江", "乐清"]


def test_names_learned_in_the_helper_are_spelled_as_here() -> None:
    pinyin = Pinyin()
    pinyin.learn(NAMES)
    assert pinyin.known == {name: transliterate(name) for name in NAMES}
    assert pinyin.learned == len(NAMES)
    pinyin.learn(NAMES)  # nothing new: no helper process, nothing counted
    assert pinyin.learned == len(NAMES)


def test_a_failing_helper_falls_back_to_spelling_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kwargs):
        raise subprocess.CalledProcessError(1, "python")

    monkeypatch.setattr(subprocess, "run", broken)
    pinyin = Pinyin()
    pinyin.learn(["陈斌"])
    assert pinyin.known == {"陈斌": "chen-bin"}


def _articles() -> list[Article]:
    return [
        Article(title="甲", body="正文。\n", province="浙江省", city="杭州市", leaders=("陈斌",),
                speakers=("李丽",), source="浙江省民政厅", path=Path("content/a.md")),
        Article(title="乙", body="正文。\n", province="内蒙古自治区", leaders=("陈斌",),
                path=Path("content/b.md")),
        Article(title="丙", body="正文。\n", leaders=("陈斌",), source="某县民政局 办公室",
                path=Path("content/c.md")),
    ]


def test_everything_the_model_spells_is_learned_beforehand() -> None:
    articles = _articles()
    pinyin = Pinyin()
    pinyin.learn(spelled_out(articles))
    before = dict(pinyin.known)
    site = make_site(articles, pinyin=pinyin)
    assert pinyin.known == before, "the model spelled a text spelled_out() did not list"
    assert site == make_site(articles)  # same slugs as plain pypinyin
    assert place_slug("内蒙古自治区", pinyin) == "neimenggu"
