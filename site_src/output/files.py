"""Writing single files safely: the one atomic-write helper, and files as they were written.

A reader (a web server, a second build, an editor's tool) must never see half
a file: `atomic_write` writes a temporary file in the same folder and renames
it over the target. `write_new` creates a new inode and reports it, so a build
can later tell whether a file is still the one it wrote (size, mtime, inode).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FileStat = tuple[int, int, int]  # size, mtime (ns), inode: a file exactly as it was written


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` (str as UTF-8, newlines untouched) in one rename."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_new(path: Path, payload: bytes) -> FileStat:
    """Create `path` (it must not exist) and return the file as written."""
    with open(path, "xb") as file:
        file.write(payload)
        file.flush()
        info = os.fstat(file.fileno())
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def folders_of(files: dict[str, object]) -> set[str]:
    """Every folder (relative path) that holds one of these files, at any depth."""
    folders: set[str] = set()
    for relpath in files:
        cut = relpath.rfind("/")
        while cut > 0:
            folder = relpath[:cut]
            if folder in folders:
                break
            folders.add(folder)
            cut = folder.rfind("/")
    return folders


def scan_site(root: Path) -> tuple[dict[str, FileStat], set[str]] | None:
    """Every file (as FileStat) and folder under root; None if anything else is there (symlinks)."""
    files: dict[str, FileStat] = {}
    folders: set[str] = set()
    pending = [("", os.fspath(root))]
    while pending:
        prefix, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                relpath = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(relpath)
                    pending.append((relpath + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    files[relpath] = (info.st_size, info.st_mtime_ns, info.st_ino)
                else:
                    return None
    return files, folders
