"""Where each page lives. One place decides URLs so links, sitemap and checks agree.

URLs are ASCII and stable: an article's URL depends only on its date and slug
(`/2024/03/zhejiang-0314/`), never on its position in a listing.
"""

from __future__ import annotations

from site_src.model.article import Article


def article_slug(article: Article) -> str:
    """The front-matter `slug` if the editor set one, else the Markdown file's stem."""
    if article.slug:
        return article.slug
    if article.path is not None:
        return article.path.stem
    raise ValueError(f"article {article.title!r} has neither a slug nor a file")


def article_path(article: Article) -> str:
    """Site-relative URL path of an article page, with a trailing slash."""
    slug = article_slug(article)
    d = article.date
    if d is None:
        return f"undated/{slug}/"
    if d.month is None:
        return f"{d.year:04d}/{slug}/"
    return f"{d.year:04d}/{d.month:02d}/{slug}/"


def content_relpath(article: Article) -> str:
    """Where the importer writes an article under content/ (mirrors its URL)."""
    return article_path(article).rstrip("/") + ".md"
