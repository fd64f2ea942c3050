"""Which raw file an imported article belongs to: its path under raw/, not its base name.

`raw/a/001.txt` and `raw/b/001.txt` are two bulletins; keyed by base name, the
second import took over (and overwrote) the first one's reports. The key is
what `provenance.file` records. Files directly in raw/ keep the key they always
had (their name), so existing content needs no change; articles written by an
older importer from a subfolder (`file: 001.txt`) are migrated only when they
are byte-identical to what this run would have written under that old name.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

RAW_DIR = "raw"


def raw_key(path: Path) -> str:
    """`raw/a/001.txt` → `a/001.txt` (nearest folder named raw); elsewhere the base name."""
    parts = Path(os.path.abspath(path)).parts  # not resolve(): a symlinked raw/ keeps its name
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] == RAW_DIR:
            return PurePosixPath(*parts[i + 1 :]).as_posix()
    return path.name


def duplicate_keys(paths: list[Path]) -> dict[str, list[Path]]:
    """Different files with one key (same name outside raw/): ambiguous, so refused."""
    by_key: dict[str, list[Path]] = {}
    for path in paths:
        by_key.setdefault(raw_key(path), []).append(path)
    return {key: found for key, found in by_key.items() if len(found) > 1}


def legacy_name(key: str) -> str | None:
    """The name an older importer stored for this key (None: the key is already that name)."""
    name = PurePosixPath(key).name
    return name if name != key else None


def migrate_owners(
    existing: dict[str, str | None],
    texts: dict[str, str],
    legacy_texts: dict[str, str],
) -> dict[str, str | None]:
    """Owners with old-style names re-assigned to the key whose old rendering they equal.

    `texts`: relpath → the existing file's text (only files with an old-style owner
    are needed); `legacy_texts`: the text a report would have had under its old
    name → its key. Anything else keeps its owner and is never taken over.
    """
    migrated = dict(existing)
    for relpath, owner in existing.items():
        key = legacy_texts.get(texts.get(relpath, ""))
        if owner is not None and key is not None and legacy_name(key) == owner:
            migrated[relpath] = key
    return migrated


def unclaimed_legacy(existing: dict[str, str | None], keys: set[str]) -> dict[str, str]:
    """relpath → keys, for files whose old-style owner is the base name of these keys.

    They may be one of these bulletins' reports (edited by hand, so not
    migrated) or another bulletin's with the same name: only the editor can tell.
    """
    by_name: dict[str, list[str]] = {}
    for key in sorted(keys):
        if legacy_name(key):
            by_name.setdefault(legacy_name(key), []).append(key)
    return {
        relpath: " or ".join(by_name[owner])
        for relpath, owner in existing.items()
        if owner in by_name and owner not in keys
    }
