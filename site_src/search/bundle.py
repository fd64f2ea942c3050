"""Check a Pagefind bundle before it is published: a partial index must never go live.

Pagefind exits 0 even when its writes failed (a full disk leaves the entry file,
`pagefind.js` and the wasm at 0 bytes, issue 12.2), and a search then silently
finds nothing. So the build reads back what Pagefind wrote: the entry file
names every language index, each index names its word chunks, filter files and
fragments through its meta file, and every file of Pagefind's own format
decompresses to its signature. Anything missing, empty or unreadable stops the
build before the swap.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

# Every `.pf_*` file and the wasm are gzip streams; Pagefind's data files then
# start with this signature (the wasm with the wasm magic number).
_SIGNATURE = b"pagefind_dcd"
_WASM_MAGIC = _SIGNATURE + b"\0asm"
# Files the browser loads before anything else; without them no search runs.
_REQUIRED = ("pagefind.js", "pagefind-entry.json")


class BundleError(Exception):
    """The bundle on disk is incomplete or unreadable (message says which file and why)."""


def _gunzip(path: Path) -> bytes:
    try:
        return gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as exc:
        raise BundleError(f"{path}: not a readable Pagefind file ({exc})") from None


def _nonempty(path: Path) -> None:
    if not path.is_file():
        raise BundleError(f"{path}: missing")
    if path.stat().st_size == 0:
        raise BundleError(f"{path}: empty (0 bytes) — was the disk full?")


def verify_bundle(bundle: Path, expected_pages: int | None = None, *, deep: bool = True) -> int:
    """Raise BundleError unless `bundle` is a complete, loadable Pagefind bundle.

    Returns the number of pages its indexes hold (summed over languages), which
    must equal `expected_pages` when given. `deep=False` skips decompressing
    every fragment, word-index and filter file and looking at every file's size
    (for a bundle taken from the cache, checked that way when it was made, its
    sizes checked again as it is linked in, search/index.py): the entry, meta,
    wasm and the number of fragments are still checked.
    """
    for name in _REQUIRED:
        _nonempty(bundle / name)
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()) if deep else ():
        _nonempty(path)  # every file Pagefind wrote, whatever its kind
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"{bundle / 'pagefind-entry.json'}: unreadable ({exc})") from None
    if not languages:
        raise BundleError(f"{bundle / 'pagefind-entry.json'}: lists no index (nothing indexed)")
    pages = 0
    for _lang, info in sorted(languages.items()):
        meta = bundle / f"pagefind.{info['hash']}.pf_meta"
        _nonempty(meta)
        if not _gunzip(meta).startswith(_SIGNATURE):
            raise BundleError(f"{meta}: not a Pagefind meta file")
        wasm = bundle / f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
        _nonempty(wasm)
        if not _gunzip(wasm).startswith(_WASM_MAGIC):
            raise BundleError(f"{wasm}: not a WebAssembly module")
        pages += int(info.get("page_count", 0))
    for folder, suffix in (("fragment", ".pf_fragment"), ("index", ".pf_index"),
                           ("filter", ".pf_filter")):
        for path in sorted((bundle / folder).glob(f"*{suffix}")) if deep else ():
            if not _gunzip(path).startswith(_SIGNATURE):
                raise BundleError(f"{path}: not a Pagefind {folder} file")
    fragments = len(list((bundle / "fragment").glob("*.pf_fragment")))
    if fragments < pages:
        raise BundleError(f"{bundle / 'fragment'}: {fragments} fragments for {pages} pages")
    if expected_pages is not None and pages != expected_pages:
        raise BundleError(
            f"{bundle}: the index holds {pages} pages, {expected_pages} were given to Pagefind"
        )
    return pages
