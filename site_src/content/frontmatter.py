"""The front-matter codec: an Article to its file text and back, one way for every tool.

The keys, their kinds and their order are the model's FIELDS (model/article.py).
`dump` writes them in that order in the one style the importer and `new` share
— unquoted dates, flow lists (`leaders: [陈斌]`), provenance as an indented
block — and `load` reads a file's text exactly as `check` and `build` do (same
splitting, same YAML, same validation, same problems). The importer reads its
own output back through `load`, so an imported file always passes `check`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from site_src.content.diagnostics import Problem
from site_src.content.parse import parse
from site_src.content.validate import validate_file
from site_src.model.article import (
    FIELDS,
    Artefact,
    Article,
    FieldSpec,
    Kind,
    Provenance,
    TitleOrigin,
)


def load(path: Path, text: str) -> tuple[Article | None, list[Problem]]:
    """The Article a file's text describes (None if it has errors), and every problem in it.

    `path` names the file in problems and, without a `slug`, gives the URL name.
    Checks across files (same URL, links) need the whole collection: load.py.
    """
    parsed, problems = parse(path, text)
    if parsed is None:
        return None, problems
    result = validate_file(parsed)
    return result.article, problems + result.problems


def dump(article: Article, digest: str | None = None) -> str:
    """The front-matter lines (between the `---` fences) for an article.

    A key is written when it says something (not empty, not false, not the
    hand-written title origin) or when it is one of the `always` keys; `digest`
    (the importer's hash of the file) goes last under provenance.
    """
    lines: list[str] = []
    for spec in FIELDS:
        value = getattr(article, spec.key)
        if spec.needs and getattr(article, spec.needs) is None:
            continue
        if spec.kind is Kind.PROVENANCE:
            if value is not None:
                lines += _provenance(value, digest)
        elif spec.always or _says_something(spec, value):
            lines.append(f"{spec.key}: {_value(spec, value)}")
    return "\n".join(lines) + "\n"


def dump_file(article: Article, digest: str | None = None) -> str:
    """The whole Markdown file: fenced front matter, a blank line, the body."""
    body = article.body.strip("\n")
    return f"---\n{dump(article, digest)}---\n\n{body}\n"


def _says_something(spec: FieldSpec, value: object) -> bool:
    if spec.kind is Kind.ORIGIN:
        return value is not TitleOrigin.EDITOR
    return value not in (None, "", (), {}, False)


def _value(spec: FieldSpec, value: Any) -> str:
    if spec.kind is Kind.DATE:
        return value.iso()  # unquoted: YAML reads it as a date, validation as text
    if spec.kind is Kind.FLAG:
        return "true" if value else "false"
    if spec.kind is Kind.ORIGIN:
        return str(value)
    if spec.kind is Kind.LIST:
        return _flow(list(value))
    if spec.kind is Kind.ROLES:
        return _flow(dict(value))
    return _scalar(value)


def _provenance(provenance: Provenance, digest: str | None) -> list[str]:
    lines = ["provenance:", f"  file: {_scalar(provenance.file)}"]
    if provenance.page is not None:
        lines.append(f"  page: {provenance.page}")
    lines.append(f"  line: {provenance.line}")
    if provenance.artefacts:
        lines.append("  artefacts:")
        lines += [f"  - {_flow(_artefact(a))}" for a in provenance.artefacts]
    digest = digest or provenance.digest
    if digest:
        lines.append(f"  digest: {digest if digest.startswith('sha256:') else 'sha256:' + digest}")
    return lines


def _artefact(artefact: Artefact) -> dict[str, int | str]:
    where = {"page": artefact.page} if artefact.page is not None else {}
    return {**where, "line": artefact.line, "text": artefact.text}


def _scalar(value: str | int) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _flow(value: list | dict) -> str:
    dumped = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10**6
    )
    return dumped.removesuffix("\n")
