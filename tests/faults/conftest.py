"""Fault injection: a copy of the project to break, commands run as child processes.

Each command runs as `python build.py …` in its own process so a SIGKILL, a
full disk or a hang hits only the child; the parent measures its wall time and
peak memory (ru_maxrss from wait4: the child and everything it waited for).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CONTENT, REPO


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool


def run(args: list[str], cwd: Path, *, timeout: float = 120, env: dict | None = None,
        python: list[str] | None = None) -> Run:
    """`python build.py ARGS` in cwd; killed (process group) after `timeout` seconds."""
    command = [*(python or [sys.executable, str(REPO / "build.py")]), *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL, start_new_session=True,
                                 env={**os.environ, "PYTHONUTF8": "1", **(env or {})})
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(ProcessLookupError):  # nothing the command started survives
            os.killpg(child.pid, signal.SIGKILL)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), seconds,
                   usage.ru_maxrss / 1024, expired.is_set())


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and folder under root: relative path → sha256 (folders: 'dir')."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        found[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def without_search(tree: dict[str, str]) -> dict[str, str]:
    """Pagefind's file names vary between identical builds; everything else must not."""
    return {k: v for k, v in tree.items() if not k.startswith("pagefind")}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with a copy of the bundled content."""
    shutil.copytree(BUNDLED_CONTENT, tmp_path / "project" / "content")
    return tmp_path / "project"


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Iterator[Path | None]:
    """A tmpfs of `size` mounted at `where`, or None where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    if os.environ.get("FAULTS_NO_MOUNT") == "1":  # to run the injected variant on purpose
        yield None
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True).returncode == 0
    try:
        yield where if mounted else None
    finally:
        if mounted:
            if shutil.which("chattr"):
                subprocess.run(["chattr", "-R", "-i", str(where)], capture_output=True)
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
