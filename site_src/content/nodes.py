"""YAML nodes as validation sees them: where they are in the file, and what they hold.

Validation keeps the nodes (not plain data) so a message can name the line and
column of the offending key or value; these helpers turn a node into a file
position, its Python value, a word for its kind, and compact YAML for hints.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from site_src.content.diagnostics import Problem, Severity

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"


class Reporter:
    """Collects problems for one file, converting YAML marks to file positions."""

    def __init__(self, path: Path, line_offset: int):
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + self.line_offset, mark.column + 1

    def error(self, node: yaml.Node, message: str, hint: str = "", *, shift: int = 0) -> None:
        line, column = self.at(node)
        self.problems.append(Problem(self.path, line, column + shift, message, hint))

    def warn(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, column = self.at(node)
        self.problems.append(Problem(self.path, line, column, message, hint, Severity.WARNING))

    def error_at(self, line: int, column: int, message: str, hint: str = "",
                 severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, column, message, hint, severity))


def scalar_value(node: yaml.Node) -> Any:
    """The Python value PyYAML would give a scalar, or its raw text if that fails.

    PyYAML raises ValueError while constructing `2024-13-01` (it tries to make a
    date); falling back to the text lets validation explain the problem instead.
    Text and null, nine scalars in ten, skip the constructor (1 s per 10,000
    files): for them it returns exactly `node.value` and None.
    """
    if type(node) is yaml.ScalarNode:
        if node.tag == _STR_TAG:
            return node.value
        if node.tag == _NULL_TAG:
            return None
    try:
        return SafeConstructor().construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value


def kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    value = scalar_value(node)
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return "text"


def flow(node: yaml.Node, depth: int = 0) -> str:
    """A node's content written back as compact YAML, for hints that show the fix.

    Bounded in depth; the tree holds no aliases (parse refuses them), so its
    size is the text's.
    """
    if depth > 3:
        return "…"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(flow(n, depth + 1) for n in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return "{" + ", ".join(f"{flow(k, depth + 1)}: {flow(v, depth + 1)}"
                               for k, v in node.value) + "}"
    return str(node.value)
