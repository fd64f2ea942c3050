"""Serialise an imported report as Markdown with YAML front matter.

The files are the archive's source of truth and editors change them by hand,
so the format is fixed — the site's own codec writes the front matter
(content/frontmatter.py: keys in one order, unquoted dates, flow lists) — text
that Markdown would interpret is escaped (`*市民政局` must stay literal), and
each file carries a digest of itself so a later import can tell an editor's
change from its own earlier output.
"""

from __future__ import annotations

import hashlib
import re

from site_src.content import frontmatter
from site_src.model.article import Article

# ASCII punctuation CommonMark may treat as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
# Markup that only counts at the start of a paragraph: headings, quotes,
# list bullets, setext/thematic lines, ordered-list numbers (`1.`, `1)`).
_BLOCK_START = re.compile(r"^(?:([#>+=\-])|(\d{1,9})([.)]))")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_DIGEST_LINE = re.compile(r"^  digest: sha256:([0-9a-f]{64})\n", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Backslash-escape what CommonMark would interpret, so the text renders as typed."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    m = _BLOCK_START.match(text)
    if m and m.group(1):
        text = "\\" + text
    elif m:
        text = m.group(2) + "\\" + text[len(m.group(2)) :]
    return text


def unescape_markdown(text: str) -> str:
    """Inverse of escape_markdown (and of any backslash escape of ASCII punctuation)."""
    return _ESCAPED.sub(r"\1", text)


def body_markdown(paragraphs: list[str]) -> str:
    """Paragraph texts → escaped Markdown paragraphs separated by one blank line."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


def digest_of(text: str) -> str:
    """sha256 of a file's text with its own `digest:` line left out."""
    return hashlib.sha256(_DIGEST_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def render(article: Article) -> str:
    """The complete file text, digest included (the site's codec writes the front matter)."""
    digest = digest_of(frontmatter.dump_file(article))
    return frontmatter.dump_file(article, digest)


def stored_digest_matches(text: str) -> bool | None:
    """True if a file is exactly as imported, False if edited, None if it has no digest."""
    m = _DIGEST_LINE.search(text)
    if not m:
        return None
    return digest_of(text) == m.group(1)
