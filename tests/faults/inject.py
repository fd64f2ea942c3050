"""`python -m tests.faults.inject ARGS`: run build.py ARGS with a fault at a chosen change.

Every change the build makes to the file system raises a Python audit event
(open for writing, mkdir, rename/replace, link, remove, rmtree, the
look-up of renameat2 for the swap, the start of Pagefind). The events are classed by
what they touch — the live site, a staging folder, the cache folder beside it —
so a kill point ("the 3rd rename in a staging folder") names a step of the build
without depending on how the code is organised.

FAULT_KILL_AT=record:FILE  writes the classed events to FILE and lets the build finish;
FAULT_KILL_AT=EVENT|CLASS|N  kills the process at the Nth such event (before it happens).
FAULT_FAIL_AT=ERRNO|CLASS|N  makes the Nth change to CLASS and every later one fail with
  OSError(ERRNO) — a disk that fills up, a folder that turns read-only — where no small
  file system can be mounted to do it for real.
FAULT_SLOW_IF=FILE  once FILE exists, the next change sleeps 60 s (a slow disk, a long
  rebuild), so a signal can be sent in the middle of it.
FAULT_ROOT is the project folder (events outside it are not counted).
"""

from __future__ import annotations

import errno
import os
import re
import signal
import sys
import time

MUTATING = {"os.mkdir", "os.rename", "os.link", "os.remove", "os.rmdir", "os.symlink",
            "os.truncate", "shutil.rmtree", "shutil.copyfile", "subprocess.Popen"}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_RANDOM = re.compile(r"-\d+-[A-Za-z0-9_]+$|\.[A-Za-z0-9_]{6,}\.tmp$")


def classify(path: object, root: str) -> str | None:
    """'public', '.public-cache', '.public-build-*'… (None: outside the project)."""
    if isinstance(path, int) or path is None:
        return None
    path = os.path.abspath(os.fsdecode(path))
    if not path.startswith(root + os.sep):
        return None
    first = os.path.relpath(path, root).split(os.sep)[0]
    return _RANDOM.sub("-*", first)


def event_class(event: str, args: tuple, root: str) -> str | None:
    if event == "open":
        path, mode, flags = args
        writes = (mode and any(c in mode for c in "wax+")) or (flags and flags & _WRITE_FLAGS)
        return classify(path, root) if writes else None
    if event == "ctypes.dlsym" and args[-1] == "renameat2":
        return "swap"  # the atomic exchange of the staging folder and the live site
    if event not in MUTATING:
        return None
    if event == "subprocess.Popen":
        return "process"  # Pagefind (and the pinyin helper, when new names appear)
    if event in ("os.remove", "os.rmdir", "os.mkdir") and args[-1] not in (None, -1):
        return None  # relative to a folder descriptor: rmtree's inner steps, counted as one
    return classify(args[0], root) if args else None


def main() -> None:
    root = os.path.abspath(os.environ["FAULT_ROOT"])
    plan = os.environ.get("FAULT_KILL_AT", "")
    failing = os.environ.get("FAULT_FAIL_AT", "").split("|")
    counts: dict[tuple[str, str], int] = {}
    record = open(plan.removeprefix("record:"), "w") if plan.startswith("record:") else None  # noqa: SIM115
    target = plan.split("|")
    changes = {"n": 0, "slept": 0}
    slow_if = os.environ.get("FAULT_SLOW_IF")
    pid = os.getpid()

    def hook(event: str, args: tuple) -> None:
        if os.getpid() != pid:
            return  # a forked worker: its own events are not the build's steps
        kind = event_class(event, args, root)
        if kind is None:
            return
        n = counts[(event, kind)] = counts.get((event, kind), 0) + 1
        if slow_if and not changes["slept"] and os.path.exists(slow_if):
            changes["slept"] = 1
            open(slow_if + ".sleeping", "w").close()  # noqa: SIM115 - the test waits for it
            time.sleep(60)
        if record:
            record.write(f"{event}|{kind}|{n}\n")
            record.flush()
        elif target == [event, kind, str(n)]:
            os.kill(pid, signal.SIGKILL)
        if len(failing) == 3 and failing[1] in (kind, "*") and event != "subprocess.Popen":
            changes["n"] += 1
            if changes["n"] >= int(failing[2]):
                code = getattr(errno, failing[0])
                path = os.fsdecode(args[0]) if isinstance(args[0], (str, bytes)) else None
                raise OSError(code, os.strerror(code), path)

    sys.addaudithook(hook)
    from site_src.commands.cli import main as cli

    sys.argv = ["build.py", *sys.argv[1:]]
    cli()


if __name__ == "__main__":
    main()
