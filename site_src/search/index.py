"""Index the built HTML with Pagefind's extended binary (the one that segments Chinese).

Indexing runs the Pagefind CLI in a child process over HTML already on disk:
Pagefind's fast path (`--site`), and its memory (gigabytes on large archives)
is returned to the system as soon as it exits. What gets indexed is
decided by the markup (see templates): only article bodies carry
`data-pagefind-body`, every page declares `lang="zh-CN"`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_src.search.text import write_shadow_site

BUNDLE_DIR = "pagefind"
_INDEXED = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(Exception):
    """Pagefind failed, or ran without Chinese segmentation (non-extended binary)."""


@dataclass(frozen=True)
class IndexReport:
    """Pagefind's work, reported separately from rendering (issue 7 measures both)."""

    pages: int
    seconds: float
    bundle_bytes: int


def index_site(site_dir: Path) -> IndexReport:
    """Write the Pagefind bundle into `site_dir/pagefind/`; raise if anything is off."""
    started = time.perf_counter()
    # Pagefind reads a shadow copy of the article pages whose Han characters are
    # single words (site_src/search/text.py, measured in bench/SEARCH.md); the
    # bundle is written into the real site, whose pages stay untouched.
    # The shadow lives inside the (staging) site folder, so a killed build's
    # leftovers go with its staging folder.
    with tempfile.TemporaryDirectory(prefix=".pagefind-shadow-", dir=site_dir) as shadow:
        write_shadow_site(site_dir, Path(shadow))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                shadow,
                "--output-path",
                str((site_dir / BUNDLE_DIR).resolve()),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{output.strip()}")
    if "(Extended)" not in output:
        raise SearchIndexError(
            "Pagefind ran without its extended binary, so Chinese would not be segmented — "
            "install `pagefind[extended]` (or set PAGEFIND_BINARY_PATH to pagefind_extended)"
        )
    match = _INDEXED.search(output)
    bundle = site_dir / BUNDLE_DIR
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return IndexReport(
        pages=int(match.group(1)) if match else 0,
        seconds=time.perf_counter() - started,
        bundle_bytes=size,
    )
