"""Print a seed bulletin as a two-column bulletin PDF, to try `import` on a real PDF.

    .venv/bin/python -m tests.importer.pdf.make_pdf /tmp/bulletin.pdf [SEED-STEM]

Uses the tests' layout (layouts.py) and Debian's Chromium on the command line
(`chromium --headless --print-to-pdf`), so it needs no test extras; the
default seed is 001_512dbbe89473570f.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.importer.pdf import layouts
from tests.regenerate_golden import GOLDEN_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-pdf-header-footer"]


def print_with_chromium(html_text: str, target: Path) -> None:
    """Chromium's print-to-PDF from the command line (a fresh profile each time)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "bulletin.html"
        page.write_text(html_text, encoding="utf-8")
        command = [CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile",
                   f"--print-to-pdf={target.resolve()}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=300)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    target = Path(argv[0])
    seed = argv[1] if len(argv) > 1 else "001_512dbbe89473570f"
    if not (GOLDEN_DIR / seed).is_dir():
        print(f"error: no seed {seed!r} in {GOLDEN_DIR} — use one of the raw/ file stems",
              file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found — install Debian's chromium and fonts-noto-cjk",
              file=sys.stderr)
        return 1
    print_with_chromium(layouts.html(layouts.from_golden(GOLDEN_DIR / seed)), target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
