"""`check`: tell an editor everything wrong with content/ in one run, compiler-style.

It reports; it never rewrites a file — except converting GBK/GB18030 files to
UTF-8 when the editor explicitly asks with `--fix-encoding`.
"""

from __future__ import annotations

from pathlib import Path

import click

from site_src.content.diagnostics import Problem, Severity, has_errors
from site_src.content.encoding import chinese_legacy_text, decode
from site_src.content.load import load_content
from site_src.output.files import atomic_write


def run_check(content_dir: Path, *, strict: bool = False, fix_encoding: bool = False) -> int:
    """Print every problem to stderr and a summary; 1 if the content must not be built."""
    if not content_dir.is_dir():
        click.echo(f"{content_dir}: error: no such folder — run from the project root "
                   "or pass --content DIR", err=True)
        return 1
    if fix_encoding:
        for path, encoding in convert_legacy_encodings(content_dir):
            click.echo(f"{path}: converted from {encoding} to UTF-8", err=True)
    result = load_content(content_dir)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(summary(result.problems, len(result.files)), err=True)
    return 1 if has_errors(result.problems, strict=strict) else 0


def summary(problems: list[Problem], file_count: int) -> str:
    """`3 errors, 1 warning in 12 files` — the line an editor reads first."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    return (f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
            f"in {_plural(file_count, 'file')}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def convert_legacy_encodings(content_dir: Path) -> list[tuple[Path, str]]:
    """Rewrite GBK/GB18030 Markdown files as UTF-8 (GB18030 is a superset of GBK).

    Only files that are not UTF-8 and read as Chinese in GB18030 are touched
    (content/encoding.py: Korean or Japanese bytes also "decode", into nonsense,
    and are left alone); the text round-trips to the same bytes.
    """
    converted = []
    for path in sorted(content_dir.rglob("*.md")):
        data = path.read_bytes()
        text, _problems, is_legacy = decode(path, data)
        original = chinese_legacy_text(data) if text is None and is_legacy else None
        if original is None:
            continue
        atomic_write(path, original)
        converted.append((path, "GBK/GB18030"))
    return converted
