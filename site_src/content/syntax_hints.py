"""Name the slips a Chinese typist makes in YAML, at their own line and column, with the fix.

YAML reports a full-width colon (`province：广东省`) as a missing `:` on the
*next* line and never names the character, so the commonest slips are looked
for before YAML runs: full-width colons, a missing space after the colon, tabs
in the indentation, and invisible control characters. When YAML does fail, its
message is kept and a fix is added (curly quotes “” that were meant to quote).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_src.content.diagnostics import Problem

# C0 controls except tab and line breaks (LF, and CR, which the loader turns
# into LF), DEL, C1 controls, the Unicode line and paragraph separators (YAML
# counts them as line breaks, editors do not) and the non-characters XML refuses.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_KEY_WORD = r"[A-Za-z_][A-Za-z0-9_]*"
_PROVENANCE_WORDS = "file|page|line|artefacts|digest"
_FULL_WIDTH_COLON = re.compile(rf"^(?:({_KEY_WORD})|( +(?:{_PROVENANCE_WORDS}))) *：")
_NO_SPACE = re.compile(rf"^({_KEY_WORD}):(?=[^\s:/])")
_LEADING_TAB = re.compile(r"^ *\t")
_CURLY = re.compile("[“”‘’]")


def control_name(char: str) -> str:
    """`U+001B` — control characters have no printable form and no Unicode name."""
    return f"U+{ord(char):04X}"


def typing_slips(path: Path, lines: list[str], first_line: int) -> list[Problem]:
    """Problems for front-matter lines YAML would misread or misplace; one per line."""
    problems = []
    for number, line in enumerate(lines, start=first_line):
        problem = _slip(path, number, line)
        if problem is not None:
            problems.append(problem)
    return problems


def _slip(path: Path, number: int, line: str) -> Problem | None:
    control = CONTROL.search(line)
    if control:
        return Problem(
            path, number, control.start() + 1,
            f"control character {control_name(control.group())} in the front matter",
            "delete it: it is invisible, YAML cannot read it, and feeds would break on it "
            "(it usually comes from text copied out of a PDF or a terminal)")
    tab = _LEADING_TAB.match(line)
    if tab:
        return Problem(
            path, number, tab.end(), "tab in the indentation",
            "YAML indents with spaces: replace the tab with two spaces "
            "(only the keys under provenance are indented)")
    colon = _FULL_WIDTH_COLON.match(line)
    if colon:
        key = (colon.group(1) or colon.group(2)).strip()
        at = line.index("：")
        fixed = f"{line[:at].rstrip()}: {line[at + 1:].strip()}".strip()
        return Problem(
            path, number, at + 1, f"full-width colon '：' after `{key}`",
            f"YAML needs an ASCII colon and a space: `{fixed}`")
    no_space = _NO_SPACE.match(line)
    if no_space:
        key = no_space.group(1)
        fixed = f"{key}: {line[no_space.end():].strip()}"
        return Problem(
            path, number, no_space.end() + 1, f"no space after the colon of `{key}`",
            f"YAML needs a space after the colon: `{fixed}`")
    return None


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


def yaml_problem(path: Path, exc: yaml.MarkedYAMLError, line_offset: int,
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
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    curly = _CURLY.search(source_line)
    if curly and line > 1:
        fixed = _CURLY.sub('"', source_line).strip()
        return Problem(path, line, curly.start() + 1,
                       f"curly quotes {curly.group()} do not quote a value in YAML",
                       f"use straight quotes: `{fixed}`")
    hint = next((h for key, h in _YAML_HINTS if key in full),
                "fix the YAML syntax on this line; quote values that contain `:`, `#` or `[`")
    if "mapping values are not allowed" in full and source_line[:1] in (" ", "\t"):
        hint = ("this line is indented: start each key at the beginning of the line "
                "(only keys under provenance are indented)")
    blank = next((i + 1 for i, text in enumerate(lines) if i > 0 and not text.strip()), None)
    if blank is not None and line > blank:
        # YAML ran past a blank line into prose: the closing fence is most likely missing.
        hint = (f"the front matter runs into the report's text — add the closing `---` "
                f"before line {blank + 1}")
    return Problem(path, line, column, f"front matter is not valid YAML: {full}", hint)
