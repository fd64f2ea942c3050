"""Serialise an imported report as Markdown with YAML front matter — and read it back.

The files are the archive's source of truth and editors change them by hand,
so the format is fixed (keys in one order, unquoted dates, flow lists), text
that Markdown would interpret is escaped (`*市民政局` must stay literal), and
each file carries a digest of itself so a later import can tell an editor's
change from its own earlier output.
"""

from __future__ import annotations

import hashlib
import re

import frontmatter
import yaml

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


def _scalar(value: str | int) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _flow(value: list | dict) -> str:
    dumped = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10**6
    )
    return dumped.removesuffix("\n")


def front_matter(article: Article, digest: str | None) -> str:
    """YAML lines in the contract's key order; optional keys only when they say something."""
    lines = [f"title: {_scalar(article.title)}", f"title_origin: {article.title_origin.value}"]
    if article.date is not None:
        lines.append(f"date: {article.date.iso()}")
        if article.date_inferred:
            lines.append("date_inferred: true")
    if article.province:
        lines.append(f"province: {_scalar(article.province)}")
    if article.city:
        lines.append(f"city: {_scalar(article.city)}")
    lines.append(f"leaders: {_flow(list(article.leaders))}")
    lines.append(f"speakers: {_flow(list(article.speakers))}")
    lines.append(f"roles: {_flow(dict(article.roles))}")
    if article.source:
        lines.append(f"source: {_scalar(article.source)}")
    if article.anonymised:
        lines.append("anonymised: true")
    prov = article.provenance
    if prov is not None:
        lines += ["provenance:", f"  file: {_scalar(prov.file)}", f"  line: {prov.line}"]
        if prov.artefacts:
            lines.append("  artefacts:")
            lines += [f"  - {_flow({'line': a.line, 'text': a.text})}" for a in prov.artefacts]
        if digest:
            lines.append(f"  digest: sha256:{digest}")
    return "\n".join(lines) + "\n"


def body_markdown(paragraphs: list[str]) -> str:
    """Paragraph texts → escaped Markdown paragraphs separated by one blank line."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


def digest_of(text: str) -> str:
    """sha256 of a file's text with its own `digest:` line left out."""
    return hashlib.sha256(_DIGEST_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def render(article: Article) -> str:
    """The complete file text, digest included."""
    body = article.body.strip("\n")
    draft = f"---\n{front_matter(article, None)}---\n\n{body}\n"
    digest = digest_of(draft)
    return f"---\n{front_matter(article, digest)}---\n\n{body}\n"


def refresh_digest(text: str) -> str:
    """The text with its digest line recomputed (for tools that rewrite a file on purpose)."""
    return _DIGEST_LINE.sub(f"  digest: sha256:{digest_of(text)}\n", text, count=1)


def stored_digest_matches(text: str) -> bool | None:
    """True if a file is exactly as imported, False if edited, None if it has no digest."""
    m = _DIGEST_LINE.search(text)
    if not m:
        return None
    return digest_of(text) == m.group(1)


def read_back(text: str) -> tuple[dict, list[str]]:
    """Parse a rendered file: (front matter, unescaped paragraphs) — what a reader gets."""
    post = frontmatter.loads(text)
    paragraphs = [p for p in re.split(r"\n\s*\n", post.content.strip()) if p.strip()]
    return dict(post.metadata), [unescape_markdown(p) for p in paragraphs]
