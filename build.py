#!/usr/bin/env python3
"""Command-line entry point: `python build.py --help` lists the commands.

`make site` installs the packages into the project's `.venv`; an editor who then
types `python build.py check` with the system Python would meet a
ModuleNotFoundError. So this file runs itself again with the project's venv
interpreter when there is one and it is not already running it.
"""

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
VENV_PYTHON = PROJECT / ".venv" / "bin" / "python"


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == (PROJECT / ".venv").resolve()


if __name__ == "__main__":
    if VENV_PYTHON.exists() and not _in_project_venv() and "MINZHENG_REEXEC" not in os.environ:
        os.environ["MINZHENG_REEXEC"] = "1"  # never loop, whatever sys.prefix says
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    try:  # (importlib.metadata would tell too, at 20–60 ms on every command)
        from site_src.commands.cli import main
    except ModuleNotFoundError as missing:
        sys.exit(f"error: {missing.name} is not installed for {sys.executable} — run "
                 "`make site` first (it creates .venv; build.py then uses it by itself)")

    main()
