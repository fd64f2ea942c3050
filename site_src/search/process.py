"""Run Pagefind so that it can never outlive the build that started it (issue 12.10).

A killed build used to leave Pagefind running; it then re-created the staging
folder after the next build had cleaned up. Pagefind now runs in its own
process group (killed whole when indexing is interrupted) and asks the kernel
to SIGKILL it when the build process dies, even by SIGKILL
(`prctl(PR_SET_PDEATHSIG)`, set by a two-line launcher before `exec`, so no
`preexec_fn` runs in a possibly threaded `serve`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, TypeVar

T = TypeVar("T")

# Set the parent-death signal, then check the parent did not die before it was
# set (the orphan would be re-parented), then become Pagefind (`-m pagefind`
# itself execs the binary, which inherits the setting).
_LAUNCHER = (
    "import ctypes, os, sys\n"
    "if sys.platform.startswith('linux'):\n"
    "    ctypes.CDLL(None, use_errno=True).prctl(1, 9, 0, 0, 0)\n"  # PR_SET_PDEATHSIG, SIGKILL
    "if os.getppid() != int(sys.argv[1]):\n"
    "    sys.exit(70)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'pagefind', *sys.argv[2:]])\n"
)


@dataclass(frozen=True)
class Finished:
    returncode: int
    output: str


def run_pagefind(args: list[str], env: dict[str, str] | None = None) -> Finished:
    """Pagefind's CLI with `args`; its whole process group is killed if we are interrupted."""
    finished: list[Finished] = []
    run_each([args], lambda given: given, lambda _given, done: finished.append(done), 1, env)
    return finished[0]


def run_each(tasks: Iterable[T], prepare: Callable[[T], list[str]],
             done: Callable[[T, Finished], None], at_once: int,
             env: dict[str, str] | None = None) -> None:
    """Run Pagefind once per task, up to `at_once` runs side by side.

    Pagefind keeps about one core busy, so on two cores two shards index in
    nearly the time of one. `prepare(task)` — our own work for it, such as
    writing its shadow pages — returns Pagefind's arguments and runs while
    earlier tasks' Pagefind runs; `done(task, finished)` follows each exit, in
    the order they exit. Whatever goes wrong (an exception from `prepare` or
    `done`, Ctrl-C) kills every running Pagefind's process group first.
    """
    running: list[tuple[subprocess.Popen, IO[bytes], T]] = []
    try:
        for task in tasks:
            args = prepare(task)
            while len(running) >= at_once:
                _finish_one(running, done)
            # a file, not a pipe: no run blocks on a full pipe while another is waited for
            log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the run is finished)
            proc = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *args],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
            running.append((proc, log, task))
        while running:
            _finish_one(running, done)
    except BaseException:
        for proc, log, _task in running:
            kill_group(proc)
            log.close()
        raise


def _finish_one(running: list[tuple[subprocess.Popen, IO[bytes], T]],
                done: Callable[[T, Finished], None]) -> None:
    """Wait for any run to exit, then hand it to `done`."""
    while True:
        for i, (proc, log, task) in enumerate(running):
            if proc.poll() is None:
                continue
            del running[i]
            with log:
                log.seek(0)
                output = log.read().decode("utf-8", "replace")
            done(task, Finished(proc.returncode, output))
            return
        time.sleep(0.02)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's process group and reap it (it is its own group leader)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
