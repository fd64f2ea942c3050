"""Print a seed bulletin as a two-column bulletin PDF, to try `import` on a real PDF.

    .venv/bin/python -m tests.importer.pdf.make_pdf /tmp/bulletin.pdf [SEED-STEM]

Uses the tests' layout (layouts.py) and Debian's Chromium through Playwright
(the test extras); the default seed is 001_512dbbe89473570f.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.importer.pdf import layouts
from tests.regenerate_golden import GOLDEN_DIR

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        layouts.print_pdf(browser, layouts.html(layouts.from_golden(GOLDEN_DIR / seed)), target)
        browser.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
