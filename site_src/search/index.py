"""Index the built HTML with Pagefind's extended binary (the one that segments Chinese).

Indexing runs the Pagefind CLI in a child process over HTML already on disk:
Pagefind's fast path (`--site`), and its memory (gigabytes on large archives)
is returned to the system as soon as it exits. What gets indexed is
decided by the markup (see templates): only article bodies carry
`data-pagefind-body`, every page declares `lang="zh-CN"`.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_src.search.bundle import BundleError, verify_bundle
from site_src.search.filters import FILE as FILTERS_FILE
from site_src.search.filters import filters_json
from site_src.search.process import run_pagefind
from site_src.search.text import write_shadow_site

BUNDLE_DIR = "pagefind"
# Older shards the search page merges into the newest (site_src/search/shards.py).
SHARDS_FILE = "shards.json"
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
    bundle = site_dir / BUNDLE_DIR
    with tempfile.TemporaryDirectory(prefix=".pagefind-shadow-", dir=site_dir) as shadow:
        given, filters = write_shadow_site(site_dir, Path(shadow))
        result = run_pagefind(["--site", shadow, "--output-path", str(bundle.resolve())])
    output = result.output
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{output.strip()}")
    if "(Extended)" not in output:
        raise SearchIndexError(
            "Pagefind ran without its extended binary, so Chinese would not be segmented — "
            "install `pagefind[extended]` (or set PAGEFIND_BINARY_PATH to pagefind_extended)"
        )
    if bundle.is_dir():
        _write_atomic(bundle / FILTERS_FILE, filters_json(filters))
        _write_atomic(bundle / SHARDS_FILE, b'{"shards": []}')
    try:
        pages = verify_bundle(bundle, expected_pages=given)
    except BundleError as exc:
        raise SearchIndexError(
            f"the search index is incomplete: {exc} — free disk space and build again"
        ) from None
    match = _INDEXED.search(output)
    if match and int(match.group(1)) != pages:
        raise SearchIndexError(
            f"Pagefind reported {match.group(1)} pages but its index holds {pages} — build again"
        )
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return IndexReport(pages=pages, seconds=time.perf_counter() - started, bundle_bytes=size)


def _write_atomic(path: Path, data: bytes) -> None:
    """A reader never sees half a file (write a sibling, then rename)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
