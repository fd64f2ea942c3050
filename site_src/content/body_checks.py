"""What validation looks for in a report's body: raw HTML and links to other articles.

Raw HTML is only a warning because it can do no harm: the renderer runs
markdown-it with HTML disabled, so it is shown as text. Links are collected per
file and resolved once every file is loaded, the same way the renderer resolves
them (a `.md` path relative to the file, or a site path like `/2024/03/x/`).
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from site_src.content.diagnostics import Problem, Severity

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Site paths of article pages: /2024/03/<slug>/, /2024/<slug>/, /undated/<slug>/.
_ARTICLE_URL = re.compile(r"^/(?:\d{4}/(?:\d{2}/)?|undated/)[^/]+/$")
_MONTH_SEGMENT = re.compile(r"^\d{2}$")
_HTML_TAG = re.compile(r"<\s*([A-Za-z][A-Za-z0-9-]*)")
# Only used to *find* raw HTML and links; rendering runs with HTML disabled.
_SCANNER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class InternalLink:
    """A Markdown link in a body that should lead to another article."""

    target: str
    line: int
    column: int


# Each warning locates its tag by searching its line: a 3 MB line of 200,000
# tags took 31 s and printed 200,000 lines. The rest are counted in one warning.
MAX_HTML_WARNINGS = 20


def scan_body(path: Path, body: str, first_line: int
              ) -> tuple[list[Problem], list[InternalLink]]:
    """Warnings for raw HTML, and the links to other articles, at file line numbers."""
    problems: list[Problem] = []
    links: list[InternalLink] = []
    if "<" not in body and "[" not in body:
        return problems, links  # no HTML and no link possible: skip the Markdown parse
    source_lines = body.split("\n")

    def column_of(line_index: int, needle: str) -> int:
        if 0 <= line_index < len(source_lines):
            found = source_lines[line_index].find(needle)
            if found >= 0:
                return found + 1
        return 1

    unnamed = 0  # HTML beyond the first MAX_HTML_WARNINGS: counted, not located

    for token in _SCANNER.parse(body):
        if token.map is None:
            continue
        if token.type == "html_block":
            if len(problems) >= MAX_HTML_WARNINGS:
                unnamed += 1
                continue
            problems.append(_html_warning(path, token.content, first_line + token.map[0],
                                          column_of(token.map[0], "<")))
            continue
        if token.type != "inline":
            continue
        line_index = token.map[0]
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line_index += 1
            elif child.type == "html_inline" and not child.content.startswith("</"):
                if len(problems) >= MAX_HTML_WARNINGS:
                    unnamed += 1
                    continue
                problems.append(_html_warning(path, child.content, first_line + line_index,
                                              column_of(line_index, child.content)))
            elif child.type == "link_open":
                href = unquote(str(child.attrGet("href") or ""))
                if _is_internal(href):
                    column = column_of(line_index, f"]({href}")
                    column = column + 2 if column > 1 else column_of(line_index, href)
                    links.append(InternalLink(href, first_line + line_index, column))
    if unnamed:
        problems.append(Problem(
            path, problems[-1].line, problems[-1].column,
            f"{unnamed} more raw HTML tags in the body (only the first {MAX_HTML_WARNINGS} "
            "are listed) will be shown as text",
            "remove them, or convert the HTML to Markdown", Severity.WARNING))
    return problems, links


def _html_warning(path: Path, html: str, line: int, column: int) -> Problem:
    tag = _HTML_TAG.search(html)
    name = tag.group(1).lower() if tag else "HTML"
    if name == "script":
        message = "`<script>` in the body will be shown as text and never run"
        hint = "remove it: articles cannot run scripts (HTML in Markdown is disabled)"
    else:
        shown = f"<{name}>" if tag else html.strip().split("\n")[0][:20]
        message = f"raw HTML `{shown}` in the body will be shown as text, not as HTML"
        hint = "HTML in Markdown is disabled (it is escaped): use Markdown instead, or remove it"
    return Problem(path, line, column, message, hint, Severity.WARNING)


def _is_internal(href: str) -> bool:
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return False
    path = urlsplit(href).path
    return path.endswith(".md") or path.startswith("/") or path.endswith("/")


def check_link(source: Path, source_url: str | None, link: InternalLink,
               known_files: set[str], known_urls: set[str]) -> Problem | None:
    """A problem if `link` (in file `source`, at URL `source_url`) leads to no article."""
    path = urlsplit(link.target).path
    if path.endswith(".md"):
        target = os.path.normpath(os.path.join(str(source.parent), path))
        if target in known_files:
            return None
        stems = {Path(f).stem: f for f in sorted(known_files)}
        close = difflib.get_close_matches(Path(target).stem, list(stems), n=1, cutoff=0.75)
        hint = (f"did you mean {os.path.relpath(stems[close[0]], source.parent)}?"
                if close else "link to an existing article's .md file, relative to this file")
        return Problem(source, link.line, link.column,
                       f"link to {link.target} points to no article (no file {target})", hint)
    if path.startswith("/"):
        url = path
    elif source_url is not None:
        url = posixpath.normpath(posixpath.join(source_url, path))
    else:
        return None
    url = url.rstrip("/") + "/"
    if not _ARTICLE_URL.match(url) or _MONTH_SEGMENT.match(url.rstrip("/").rsplit("/", 1)[-1]):
        return None  # a listing or other page the site stage owns, not an article
    if url in known_urls:
        return None
    close = difflib.get_close_matches(url, sorted(known_urls), n=1, cutoff=0.7)
    hint = (f"did you mean {close[0]}?" if close
            else "check the target's date folder and slug (URL = /YYYY/MM/<slug>/)")
    return Problem(source, link.line, link.column,
                   f"link to {link.target} points to no article", hint)
