"""Split a file into front matter and body, and compose the YAML safely, with file positions.

Front matter is split here by hand rather than with python-frontmatter because
editors need line numbers: an unclosed `---` must be reported as such (the
library would silently treat the whole file as body), and YAML errors must point
at the file's line, not the front matter's.

Before YAML sees the text, slips YAML would misreport are named at their own
position (syntax_hints.py), and aliases are refused: five nested levels of
`&a [*b, *b, …]` in 4 KB expand to 300^5 values in anything that walks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from site_src.content import syntax_hints
from site_src.content.diagnostics import Problem

# libyaml parses front matter ~5x faster (10k files: the biggest cost of a load).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = "---"
# The YAML document inside the fences starts on the file's second line.
_FRONT_MATTER_FIRST_LINE = 2


@dataclass(frozen=True)
class ParsedFile:
    """A file split into its front-matter YAML tree and its Markdown body.

    The YAML is kept as nodes (not plain data) so validation can point at the
    exact line and column of every key and value. No node is shared: aliases
    were refused, so the tree is as big as the text.
    """

    path: Path
    front_matter: yaml.MappingNode
    body: str
    body_first_line: int  # file line number of the body's first line
    line_offset: int  # add to a node's 0-based mark line to get the file line


MAX_FRONT_MATTER_LINES = 1000  # real ones have about 15; imported ones + artefacts < 100
MAX_BODY_CHARS = 200_000  # the longest real report is ~20,000; markdown-it is ~3 µs a character


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers and output never depend on the OS."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: Path, text: str) -> tuple[ParsedFile | None, list[Problem]]:
    """Split front matter from body and compose the YAML, with file line numbers."""
    # YAML counts a lone CR as a line break; so must the split, or lines drift.
    text = normalise_newlines(text)
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
    if closing - 1 > MAX_FRONT_MATTER_LINES:
        return None, [Problem(
            path, MAX_FRONT_MATTER_LINES + _FRONT_MATTER_FIRST_LINE, 1,
            f"front matter is {closing - 1} lines long, more than the "
            f"{MAX_FRONT_MATTER_LINES} allowed",
            "a report needs a dozen keys: is the closing `---` missing further up? "
            "(200,000 keys took 45 s to check)")]
    slips = syntax_hints.typing_slips(path, lines[1:closing], _FRONT_MATTER_FIRST_LINE)
    if slips:
        return None, slips
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    line_offset = _FRONT_MATTER_FIRST_LINE
    try:
        alias = _first_alias(yaml_text)
        node = None if alias else _compose(yaml_text)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_hints.yaml_problem(path, exc, line_offset, lines[:closing])]
    except RecursionError:
        return None, [Problem(path, _FRONT_MATTER_FIRST_LINE, 1,
                              "front matter is nested too deeply (lists or mappings inside "
                              "each other hundreds of times)",
                              "write one `key: value` per line; lists as `[a, b]`")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, f"front matter is not valid YAML: {exc}",
                              "fix the YAML syntax between the `---` lines")]
    if alias:
        name, mark = alias
        return None, [Problem(
            path, mark.line + line_offset, mark.column + 1,
            f"YAML aliases (*{name}) are not allowed in front matter", "write the value out")]
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
    if len(body) > MAX_BODY_CHARS:
        return None, [Problem(
            path, closing + 2, 1,
            f"the text is {len(body):,} characters long, more than the {MAX_BODY_CHARS:,} "
            "allowed", "is this several reports, or a whole bulletin? split it into one file "
            "per report (a 3 MB text took over 30 s to check)")]
    return ParsedFile(path, node, body, closing + 2, line_offset), []


def _first_alias(yaml_text: str) -> tuple[str, yaml.Mark] | None:
    """The first alias of a defined anchor, from the event stream (nothing is expanded).

    Only text with a `*` can hold one, so ordinary files pay nothing. An alias
    of an undefined anchor (`*注`) is left to the composer, whose error says
    to quote it.
    """
    if "*" not in yaml_text:
        return None
    anchors = set()
    try:
        for event in yaml.parse(yaml_text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in anchors:
                    return event.anchor, event.start_mark
            elif getattr(event, "anchor", None):
                anchors.add(event.anchor)
    except yaml.YAMLError:
        return None  # a syntax error: the composer reports it, in clearer words
    return None


def _compose(yaml_text: str) -> yaml.Node | None:
    """libyaml for speed; on an error, PyYAML's own parser, whose messages are clearer."""
    try:
        return yaml.compose(yaml_text, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):
            # PyYAML's scanner is quadratic in flow depth: 10 KB of `[` took 8-20 s
            raise RecursionError("nested too deeply") from None
        return yaml.compose(yaml_text, Loader=yaml.SafeLoader)
