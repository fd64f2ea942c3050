"""Discover and parse the editors' Markdown files into Articles.

This is the only place that reads `content/`: every command (check, build,
serve) sees the same articles and the same problems. Reading never stops at the
first bad file — each file's problems are collected, so an editor fixes
everything in one pass (MkDocs collects all config errors the same way).

Front matter is split here by hand rather than with python-frontmatter because
editors need line numbers: an unclosed `---` must be reported as such (the
library would silently treat the whole file as body), and YAML errors must point
at the file's line, not the front matter's.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_src.build.content_cache import ContentCache, ReadFile, file_digest
from site_src.content import validate
from site_src.content.diagnostics import Problem, Severity
from site_src.model.article import Article

_UTF8_BOM = b"\xef\xbb\xbf"
# libyaml parses front matter ~5x faster (10k files: the biggest cost of a load).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = "---"
# The YAML document inside the fences starts on the file's second line.
_FRONT_MATTER_FIRST_LINE = 2


@dataclass
class LoadResult:
    """The valid articles (sorted by path) and every problem in every file."""

    articles: list[Article]
    problems: list[Problem]
    files: list[Path] = field(default_factory=list)  # every .md file discovered
    legacy_encoded: list[Path] = field(default_factory=list)  # GBK/GB18030 files


@dataclass(frozen=True)
class ParsedFile:
    """A file split into its front-matter YAML tree and its Markdown body.

    The YAML is kept as nodes (not plain data) so validation can point at the
    exact line and column of every key and value.
    """

    path: Path
    front_matter: yaml.MappingNode
    body: str
    body_first_line: int  # file line number of the body's first line
    line_offset: int  # add to a node's 0-based mark line to get the file line


_MISNAMED_SUFFIXES = (".markdown", ".mdown", ".mkd", ".txt")


def discover(content_dir: Path) -> list[Path]:
    """Every Markdown file under content_dir, in a stable (sorted) order.

    Hidden files and folders (editor backups, macOS `._x.md`) are not articles.
    """
    return _walk(content_dir)[0]


def misnamed_files(content_dir: Path, others: list[Path] | None = None) -> list[Problem]:
    """Warn about files that look like articles but would be skipped (`x.MD`, `x.txt`).

    A report saved with the wrong extension would otherwise vanish from the site
    without a word. `others` are the non-`.md` files if the caller walked already.
    """
    problems = []
    for path in _walk(content_dir)[1] if others is None else others:
        if path.suffix.lower() not in (".md", *_MISNAMED_SUFFIXES):
            continue
        problems.append(Problem(
            path, 0, 0, f"'{path.name}' is not read: only files ending in `.md` are articles",
            f"rename it to {path.stem}.md (or move it out of {content_dir})", Severity.WARNING))
    return problems


def _walk(content_dir: Path) -> tuple[list[Path], list[Path]]:
    """The visible `.md` files and the other visible files, each sorted like Paths sort.

    One os.scandir walk instead of two rglob passes (which stat every file
    again): 10,000 files took 0.54 s with rglob. Like rglob, it does not
    descend into symlinked folders but does read symlinked files.
    """
    markdown: list[Path] = []
    others: list[Path] = []
    folders = [content_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(folder / name)
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            (markdown if name.endswith(".md") else others).append(folder / name)
    return sorted(markdown), sorted(others)


def load_content(content_dir: Path, *, cache: Path | None = None) -> LoadResult:
    """Read, parse and validate every article; never raises on bad content.

    With `cache` (a file in the build's cache folder), files whose bytes and
    whose reading code are unchanged are not parsed again (site_src/build/content_cache.py);
    the articles and problems are the same either way.
    """
    with collector_paused():
        return _load(content_dir, cache)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while building many small acyclic objects.

    Loading and placing 10,000 articles allocates ~10^6 objects and none of
    them form cycles, yet each 700 allocations start a collection that walks
    the ever-growing heap: 20-40 % of load_content and make_site. Reference
    counting still frees everything; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content_dir: Path, cache: Path | None) -> LoadResult:
    markdown, others = _walk(content_dir)
    store = ContentCache(cache, markdown) if cache is not None else None
    problems: list[Problem] = []
    legacy: list[Path] = []
    results: list[validate.FileResult] = []
    files: list[Path] = []
    try:
        for path in markdown:
            data = path.read_bytes()
            if store is None:
                read = read_file(path, data)
            else:
                digest = file_digest(data)
                read = store.get(path, digest)
                if read is None:
                    read = read_file(path, data)
                    store.put(path, digest, read)
            problems.extend(read.problems)
            if read.legacy_encoded:
                legacy.append(path)
            if read.result is not None:
                results.append(read.result)
                path = read.result.path  # the article's own (equal) Path: one object, not two
            files.append(path)
        if store is not None:
            store.save()
    finally:
        if store is not None:
            store.close()
    problems.extend(validate.validate_collection(results, files))
    problems.extend(misnamed_files(content_dir, others))
    articles = sorted(
        (r.article for r in results if r.article is not None and not r.has_errors),
        key=lambda a: str(a.path),
    )
    return LoadResult(articles, sorted(problems), files, legacy)


def read_file(path: Path, data: bytes) -> ReadFile:
    """Decode, parse and validate one file: everything about it that needs no other file."""
    text, problems, is_legacy = decode(path, data)
    if text is None:
        return ReadFile(tuple(problems), is_legacy, None)
    parsed, parse_problems = parse(path, text)
    if parsed is None:
        return ReadFile(tuple(problems + parse_problems), is_legacy, None)
    result = validate.validate_file(parsed)
    return ReadFile(tuple(problems + result.problems), is_legacy, result)


def decode(path: Path, data: bytes) -> tuple[str | None, list[Problem], bool]:
    """UTF-8 text with BOM and CRLF normalised away, or a problem naming the encoding.

    Returns (text, problems, is_gbk). GBK/GB18030 files are recognised (and
    named) but not converted here: rewriting an editor's file needs consent
    (`check --fix-encoding`).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 0, 0, "file is encoded in UTF-16, not UTF-8",
                              "save it as UTF-8 in your editor")], False
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if looks_like_gb18030(data):
            return None, [Problem(
                path, 0, 0, "file is encoded in GBK/GB18030, not UTF-8",
                "convert it with `python build.py check --fix-encoding` "
                "(or save it as UTF-8 in your editor)",
            )], True
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(
            path, line, column,
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            "save it as UTF-8 in your editor",
        )], False
    return normalise_newlines(text), [], False


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers and output never depend on the OS."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_gb18030(data: bytes) -> bool:
    """True if the bytes decode as GB18030 into mostly Chinese/ASCII text.

    GB18030 maps almost any byte sequence to *something*, so a strict decode
    alone would call random binary "GBK"; requiring readable text avoids that.
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    readable = sum(
        1 for ch in text
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
    )
    return readable >= 0.95 * len(text)


def parse(path: Path, text: str) -> tuple[ParsedFile | None, list[Problem]]:
    """Split front matter from body and compose the YAML, with file line numbers."""
    if not text.strip():
        return None, [Problem(
            path, 0, 0, "file is empty",
            "write a front matter with at least a title, e.g. `---` / `title: …` / `---`, "
            "then the report's text — or delete the file",
        )]
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return None, [Problem(
            path, 1, 1, "file does not start with a front matter (`---` on the first line)",
            "start the file with `---`, then `title: …` and the other keys, then `---`",
        )]
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None
    )
    if closing is None:
        return None, [Problem(
            path, 1, 1, "front matter opened with `---` on line 1 is never closed",
            "add a line `---` after the last front-matter key, before the report's text",
        )]
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    line_offset = _FRONT_MATTER_FIRST_LINE
    try:
        node = _compose(yaml_text)
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(path, exc, line_offset, lines[:closing])]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [Problem(path, 1, 1, f"front matter is not valid YAML: {exc}",
                              "fix the YAML syntax between the `---` lines")]
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + line_offset
        return None, [Problem(
            path, line, node.start_mark.column + 1,
            "front matter must be `key: value` lines, not a single value or a list",
            "write one `key: value` per line, e.g. `title: …`",
        )]
    body = "\n".join(lines[closing + 1:])
    return ParsedFile(path, node, body, closing + 2, line_offset), []


def _compose(yaml_text: str) -> yaml.Node | None:
    """libyaml for speed; on an error, PyYAML's own parser, whose messages are clearer."""
    try:
        return yaml.compose(yaml_text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(yaml_text, Loader=yaml.SafeLoader)


_YAML_HINTS = (
    ("mapping values are not allowed", "a value containing `: ` must be quoted, "
     "e.g. title: \"会议: 通知\", or use the full-width colon ："),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("could not find expected ':'", "each line needs `key: value` (a space after the colon)"),
    ("expected <block end>", "check the indentation: nested keys need the same number of spaces"),
    ("found undefined alias", "`*` starts a YAML alias; quote the value, e.g. \"*注\""),
    ("while scanning an alias", "`*` starts a YAML alias; quote the value, e.g. \"*注\""),
    ("while scanning a quoted scalar", "a quoted value is missing its closing quote"),
    ("expected ',' or ']'", "a `[` list is missing its closing `]` or a comma"),
    ("expected ',' or '}'", "a `{` mapping is missing its closing `}` or a comma"),
)


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError, line_offset: int,
                  lines: list[str]) -> Problem:
    """Turn PyYAML's error into one editor-readable line at the file's line and column."""
    mark = exc.problem_mark or exc.context_mark
    at_end = mark is not None and mark.line + line_offset > len(lines)
    if exc.context_mark and at_end:
        mark = exc.context_mark  # e.g. an unclosed `[`, `{` or quote: point where it opened
    line = mark.line + line_offset if mark else 1
    column = mark.column + 1 if mark else 0
    what = exc.problem or exc.context or "syntax error"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    full = f"{what}{context}"
    hint = next((h for key, h in _YAML_HINTS if key in full),
                "fix the YAML syntax on this line; quote values that contain `:`, `#` or `[`")
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "mapping values are not allowed" in full and source_line[:1] in (" ", "\t"):
        hint = ("this line is indented: start each key at the beginning of the line "
                "(only keys under provenance are indented)")
    blank = next((i + 1 for i, text in enumerate(lines) if i > 0 and not text.strip()), None)
    if blank is not None and line > blank:
        # YAML ran past a blank line into prose: the closing fence is most likely missing.
        hint = (f"the front matter runs into the report's text — add the closing `---` "
                f"before line {blank + 1}")
    return Problem(path, line, column, f"front matter is not valid YAML: {full}", hint)
