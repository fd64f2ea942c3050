"""Regenerate tests/golden/ from raw/ after an intended importer change.

Run `python -m tests.regenerate_golden` (or `make golden`), then review the
`git diff tests/golden/` like any code change: it shows exactly what the
change does to every seed bulletin. Each seed is imported on its own into
tests/golden/<seed-stem>/, the same way tests/importer/test_golden.py does.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from site_src.importer.command import run_import

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "raw"
GOLDEN_DIR = ROOT / "tests" / "golden"


def seeds() -> list[Path]:
    return sorted(RAW_DIR.glob("*.txt"))


def regenerate() -> int:
    for seed in seeds():
        target = GOLDEN_DIR / seed.stem
        if target.exists():
            shutil.rmtree(target)
        code = run_import([seed], target, dry_run=False, force=False)
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())
