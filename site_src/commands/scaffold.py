"""`new`: start an article by hand with a front matter that already passes `check`.

The file is written by the importer's front-matter codec (content/frontmatter.py),
so hand-written and imported reports look alike in a diff, and follows the same
path/slug conventions (`content/2024/03/zhejiang-0314.md`, `-2` on collision).
It never overwrites a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click

from site_src.content import frontmatter
from site_src.content.dates import diagnose_date
from site_src.content.validate import SLUG_HINT
from site_src.model import gazetteer
from site_src.model.article import Article, PartialDate
from site_src.model.slugs import article_slug_base, is_safe_slug, numbered
from site_src.model.urls import content_relpath

_NAME_SEPARATORS = re.compile(r"[、,，;；\s]+")


@dataclass(frozen=True)
class NewArticle:
    """What the editor told `new` about the report."""

    title: str
    date: PartialDate | None = None
    province: str | None = None
    city: str | None = None
    leaders: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    source: str | None = None
    slug: str | None = None
    body: str = ""


class ScaffoldError(Exception):
    """The article cannot be created as asked (e.g. its file already exists)."""


# ----------------------------------------------------------------- input parsing
# Each raises click.BadParameter, so an interactive prompt asks again and a
# command-line option fails with the message.


def parse_title(text: str) -> str:
    title = text.strip()
    if not title:
        raise click.BadParameter("the title cannot be empty")
    return title


def parse_date(text: str) -> PartialDate | None:
    """`2024-03-14`, `2024-03`, `2024` or empty (date unknown)."""
    text = text.strip()
    if not text:
        return None
    try:
        return PartialDate.parse_iso(text)
    except ValueError:
        message, hint = diagnose_date(text)
        raise click.BadParameter(f"{message} — {hint}") from None


def parse_province(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if gazetteer.is_province(text):
        return text
    suggestion = gazetteer.suggest_province(text)
    if suggestion:
        raise click.BadParameter(f"'{text}' is not a full province name — did you mean "
                                 f"'{suggestion}'?")
    raise click.BadParameter(f"'{text}' is not a provincial-level division — use the full "
                             "official name, e.g. 浙江省, 北京市, 广西壮族自治区")


def parse_city(text: str, province: str | None) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not gazetteer.is_city(text):
        suggestion = gazetteer.canonical_city(text)
        hint = (f"did you mean '{suggestion}'?" if suggestion
                else "use the full name of a prefecture-level city, e.g. 扬州市")
        raise click.BadParameter(f"'{text}' is not a prefecture-level city — {hint}")
    city_province = gazetteer.province_of_city(text)
    if province and city_province != province:
        raise click.BadParameter(f"'{text}' is in {city_province}, not in {province}")
    return text


def parse_names(text: str) -> tuple[str, ...]:
    """`陈斌、李四` or `陈斌, 李四` → ("陈斌", "李四"); order kept, duplicates dropped."""
    names = [n for n in _NAME_SEPARATORS.split(text.strip()) if n]
    return tuple(dict.fromkeys(names))


def parse_slug(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not is_safe_slug(text):
        raise click.BadParameter(f"slug '{text}' cannot be used in a URL — {SLUG_HINT}")
    return text


# ----------------------------------------------------------------- writing


def front_matter(article: NewArticle) -> str:
    """The fenced YAML block, written by the site's codec: the importer's keys, order and style."""
    return "---\n" + frontmatter.dump(_article(article, article.slug)) + "---\n"


def _article(article: NewArticle, slug: str | None) -> Article:
    return Article(title=article.title, body=article.body, date=article.date,
                   province=article.province, city=article.city, leaders=article.leaders,
                   speakers=article.speakers, source=article.source, slug=slug)


def choose_path(content_dir: Path, article: NewArticle) -> Path:
    """content/ + the conventional path; `-2`, `-3`… if the slug is taken.

    An explicit slug is the editor's choice: if taken, refuse rather than rename.
    """
    if article.slug:
        path = content_dir / _relpath(article, article.slug)
        if path.exists():
            raise ScaffoldError(f"{path} already exists — choose another --slug "
                                "(nothing was written)")
        return path
    d = article.date
    base = article_slug_base(article.province, article.city,
                             d.month if d else None, d.day if d else None)
    try:
        slug = numbered(base, lambda s: not (content_dir / _relpath(article, s)).exists())
    except ValueError:
        raise ScaffoldError(f"too many articles named {base}-N in {content_dir}") from None
    return content_dir / _relpath(article, slug)


def _relpath(article: NewArticle, slug: str) -> str:
    return content_relpath(_article(article, slug))


def create_article(content_dir: Path, article: NewArticle) -> Path:
    """Write the new article's file and return its path; never overwrites anything."""
    if not content_dir.is_dir():  # most likely run from the wrong folder: do not litter it
        raise ScaffoldError(f"{content_dir}: no such folder — run from the project root "
                            "or pass --content DIR (nothing was written)")
    path = choose_path(content_dir, article)
    body = article.body.strip("\n")
    text = front_matter(article) + ("\n" + body + "\n" if body else "\n")
    _article_read, problems = frontmatter.load(path, text)
    problems = [p for p in problems if p.severity == "error"]
    if problems:  # a bug in this module, never an editor's mistake: refuse to write it
        raise ScaffoldError("internal error, the new front matter does not validate:\n"
                            + "\n".join(str(p) for p in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return path

