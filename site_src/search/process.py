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
from dataclasses import dataclass

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
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env=env,
    )
    try:
        output, _ = proc.communicate()
    except BaseException:
        kill_group(proc)
        raise
    return Finished(proc.returncode, output)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's process group and reap it (it is its own group leader)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
