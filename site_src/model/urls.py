"""Where each page lives. One place decides URLs so links, sitemap and checks agree.

URLs are ASCII and stable: an article's URL depends only on its date and slug
(`/2024/03/zhejiang-0314/`), never on its position in a listing.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

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


class SourceRelpath:
    """An article file's posix path under content/, for resolving links between .md files.

    Paths found by the loader lie lexically under content_dir, so a string
    prefix decides (resolving every path cost ~1 s per 10,000 articles); only
    a path outside it (a symlink, another spelling) is resolved, and the
    content folder itself at most once.
    """

    def __init__(self, content_dir: Path | None):
        self.content_dir = content_dir
        self._resolved_dir: Path | None = None
        text = content_dir.as_posix() if content_dir is not None else ""
        self._everything = text == "."  # Path(".") is the prefix of every relative path
        self._prefix = text if text.endswith("/") else text + "/"

    def __call__(self, path: Path | None) -> str | None:
        if path is None:
            return None
        text = path.as_posix()
        if self.content_dir is None:
            return posixpath.normpath(text)
        if self._everything and not path.is_absolute():
            return text
        if text.startswith(self._prefix):
            return text[len(self._prefix):]
        if self._resolved_dir is None:
            self._resolved_dir = self.content_dir.resolve()
        try:
            return path.resolve().relative_to(self._resolved_dir).as_posix()
        except ValueError:
            return posixpath.normpath(text)
