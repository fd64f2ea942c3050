"""Helpers for editors' tests: tiny content folders written inline, checked through the CLI."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_src.commands.cli import main

VALID_ARTICLE = """\
---
title: 浙江省民政厅召开党组（扩大）会议
date: 2024-03-14
province: 浙江省
leaders: [陈斌]
speakers: []
source: 浙江省民政厅
---

浙江省民政厅召开党组（扩大）会议，传达学习全国两会精神。

（据浙江省民政厅）
"""


@dataclass
class CheckRun:
    exit_code: int
    stderr_lines: list[str]

    @property
    def summary(self) -> str:
        return self.stderr_lines[-1] if self.stderr_lines else ""


class Site:
    """A throwaway project folder with a content/ directory; paths print relative to it."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir()

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def check(self, *args: str) -> CheckRun:
        """`python build.py check` run in-process from the project folder (CliRunner)."""
        with contextlib.chdir(self.root):
            result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
        return CheckRun(result.exit_code, result.stderr.splitlines())


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A project folder holding one valid article, to which a test adds a bad one."""
    project = Site(tmp_path)
    project.write("2024/03/zhejiang-0314.md", VALID_ARTICLE)
    return project
