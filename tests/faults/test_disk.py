"""Disk full, read-only and immutable output: one line naming the file and the fix, exit 1,
the live site untouched (issue 12.8).

Where this machine lets root mount a tmpfs (it does here and on the CI runner
as set up), the faults are real: a 3 MB file system filled to a few levels,
remounted read-only, a folder made immutable with `chattr +i`. Where mounting
is refused the same tests inject the failure instead — the Nth change to the
file system raises the OSError the kernel would (tests/faults/inject.py) — and
say so in their output; they never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CONTENT, REPO
from tests.faults.conftest import Run, run, small_disk, tree_digest

INJECT = [sys.executable, "-m", "tests.faults.inject"]
ARTICLE = "content/undated/zhejiang-2.md"


def _project(tmp_path: Path, disk: Path | None, fault: str) -> Path:
    """A copy of the bundled content on the small disk, or in tmp_path when there is none."""
    if disk is None:
        print(f"simulated: {fault} injected (tmpfs cannot be mounted here)")
    project = (disk or tmp_path) / "project"
    project.mkdir()
    shutil.copytree(BUNDLED_CONTENT, project / "content")
    return project


def _edit(project: Path) -> None:
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("传达学习", "认真传达学习"),
                       encoding="utf-8")


def _injected(project: Path, args: list[str], fault: str) -> Run:
    env = {"FAULT_FAIL_AT": fault, "FAULT_ROOT": str(project), "PYTHONPATH": str(REPO)}
    return run(args, project, env=env, python=INJECT)


def assert_one_line_error(result: Run, reason: str, fix: str) -> None:
    """Exit 1, no traceback, and a line `error: <path>: <reason> — <fix…>`."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert lines, result.stderr
    assert any(f": {reason} — " in line and fix in line for line in lines), result.stderr
    assert any(line.split(": ")[1] not in (reason, "") for line in lines), lines  # a path


def _fill(disk: Path, leave_kb: int) -> None:
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with (disk / "filler").open("wb") as filler:
        filler.write(b"\0" * max(0, free - leave_kb * 1024))


@pytest.mark.parametrize("leave_kb", [0, 24, 96, 256])
def test_disk_full_during_build(tmp_path: Path, leave_kb: int):
    with small_disk(tmp_path / "disk", "3m") as disk:
        project = _project(tmp_path, disk, "ENOSPC")  # no mount: the Nth write fails instead
        if disk is not None:
            print(f"real: tmpfs of 3 MB, {leave_kb} KB left free")
        first = run(["build", "--out", "public", "--no-search"], project)
        assert first.returncode == 0, first.stderr
        before = tree_digest(project / "public")
        _edit(project)
        if disk is None:
            result = _injected(project, ["build", "--out", "public", "--no-search"],
                               f"ENOSPC|*|{1 + leave_kb // 8}")
        else:
            _fill(disk, leave_kb)
            result = run(["build", "--out", "public", "--no-search"], project)
        print(f"  exit {result.returncode}: {result.stderr.strip()[:160]}")
        if result.returncode == 0:  # it fitted: then the new site is complete
            assert leave_kb > 0
            assert tree_digest(project / "public") != before
            return
        assert_one_line_error(result, "No space left on device", "the disk is full")
        assert tree_digest(project / "public") == before
        if disk is not None:
            (disk / "filler").unlink()
        again = run(["build", "--out", "public", "--no-search"], project)
        assert again.returncode == 0, again.stderr


def _read_only(disk: Path | None) -> None:
    if disk is not None:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


@pytest.mark.parametrize("command", ["build", "import", "new"])
def test_read_only_file_system(tmp_path: Path, command: str):
    with small_disk(tmp_path / "disk", "3m") as disk:
        project = _project(tmp_path, disk, "EROFS")
        args = {
            "build": ["build", "--out", "public", "--no-search"],
            "import": ["import", str(REPO / "raw/004_daa614e0ee93fbdd.txt"), "--content", "fresh"],
            "new": ["new", "--yes", "--title", "某市民政局召开会议", "--body", "正文。"],
        }[command]
        if command == "build":
            assert run(args, project).returncode == 0
        before = tree_digest(project)
        _read_only(disk)
        result = run(args, project) if disk else _injected(project, args, "EROFS|*|1")
        print(f"  {command}: {result.stderr.strip()[:160]}")
        assert_one_line_error(result, "Read-only file system", "read-only")
        assert tree_digest(project) == before


def test_immutable_live_site(tmp_path: Path):
    """`chattr +i public`: the swap cannot rename it; the build says so and changes nothing."""
    with small_disk(tmp_path / "disk", "3m") as mounted:
        disk = mounted if shutil.which("chattr") else None
        project = _project(tmp_path, disk, "EPERM")
        assert run(["build", "--out", "public", "--no-search"], project).returncode == 0
        before = tree_digest(project / "public")
        _edit(project)
        if disk is not None:
            subprocess.run(["chattr", "+i", str(project / "public")], check=True)
            result = run(["build", "--out", "public", "--no-search"], project)
            subprocess.run(["chattr", "-i", str(project / "public")], check=True)
        else:
            result = _injected(project, ["build", "--out", "public", "--no-search"],
                               "EPERM|swap|1")
        print(f"  {result.stderr.strip()[:160]}")
        assert_one_line_error(result, "Operation not permitted", "chattr -i")
        assert tree_digest(project / "public") == before
