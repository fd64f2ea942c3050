"""A plain safe writer: files under one root, never outside it, never two pages on one file.

Slugs come from editors, so a path with `..`, an absolute path or a symlinked
folder must never write outside the output folder (Pelican's `sanitised_join`
idea, checked lexically plus once per folder: a full `resolve()` per file cost
about a second per 10,000 pages). Two pages claiming one file is an error, as
in Zola. A file that exists is replaced by a new inode, never written into: it
may be a hard link shared with the live site.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from site_src.output.files import FileStat, atomic_write, folders_of, write_new


class OutputError(Exception):
    """The output folder cannot be written safely (unsafe path, clash, foreign folder)."""


def page_file(url_path: str) -> str:
    """Site URL path → file: `2024/03/x/` → `2024/03/x/index.html`, `` → `index.html`."""
    if url_path == "" or url_path.endswith("/"):
        return url_path + "index.html"
    return url_path


class SiteWriter:
    """Writes files under one root and remembers each file as written."""

    def __init__(self, root: Path):
        self.root = root
        self.written: dict[str, FileStat] = {}  # relpath → the file as written
        self._safe_dirs: set[Path] = {root}

    def _target(self, relpath: str) -> Path:
        if relpath in self.written:
            raise OutputError(f"two pages write the same file {relpath!r}")
        if not relpath or "\\" in relpath or "\x00" in relpath or relpath.startswith("/"):
            raise OutputError(f"unsafe output path {relpath!r}")
        if any(part in ("..", ".", "") for part in relpath.split("/")):
            raise OutputError(f"unsafe output path {relpath!r}")
        target = self.root.joinpath(*relpath.split("/"))
        self._make_dir(target.parent)
        return target

    def _make_dir(self, directory: Path) -> None:
        """Make a folder under the root, refusing one that is a symlink (an escape)."""
        if directory in self._safe_dirs:
            return
        self._make_dir(directory.parent)
        with contextlib.suppress(FileExistsError):
            directory.mkdir()
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            raise OutputError(f"output folder {directory} escapes {self.root}")
        self._safe_dirs.add(directory)

    def write(self, relpath: str, data: bytes | str) -> None:
        """Write `data` to a new inode at `relpath`."""
        target = self._target(relpath)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            self.written[relpath] = write_new(target, payload)
        except FileExistsError:  # an older version (in a reused folder): replace, never write into
            atomic_write(target, payload)
            info = os.lstat(target)
            self.written[relpath] = (info.st_size, info.st_mtime_ns, info.st_ino)

    def record(self, relpath: str, written: FileStat) -> None:
        """Account for a file already in place: written by a worker process, or kept as it was."""
        if relpath in self.written:
            raise OutputError(f"two pages write the same file {relpath!r}")
        self.written[relpath] = (int(written[0]), int(written[1]), int(written[2]))

    def link_from(self, live_root: Path, relpath: str, expected: FileStat | None = None) -> bool:
        """Hard-link an unchanged file from the live site; False if it is not there (or not
        the `expected` file: changed by hand since it was written).

        A complete new folder is still assembled (the swap stays atomic), but
        an unchanged page costs a link, not a render.
        """
        target = self._target(relpath)
        source = live_root.joinpath(*relpath.split("/"))
        try:
            try:
                os.link(source, target, follow_symlinks=False)
            except FileExistsError:  # an older version in a reused folder: replace it
                temporary = target.with_name(f".{target.name}.link")
                with contextlib.suppress(FileNotFoundError):
                    temporary.unlink()
                os.link(source, temporary, follow_symlinks=False)
                os.replace(temporary, target)
        except OSError:  # missing, or not linkable: render it instead
            return False
        info = os.lstat(target)
        found = (info.st_size, info.st_mtime_ns, info.st_ino)
        # A symlink planted in the live site, or a file edited there by hand.
        if not stat.S_ISREG(info.st_mode) or expected not in (None, found):
            target.unlink()
            return False
        self.written[relpath] = found
        return True

    def remove_unwritten(self, previous: dict[str, FileStat]) -> None:
        """Delete what a reused folder held (`previous`) that this site did not write,
        then the folders that left empty."""
        for relpath in sorted(previous.keys() - self.written.keys()):
            os.unlink(self.root.joinpath(*relpath.split("/")))
        emptied = folders_of(previous) - folders_of(self.written)
        for folder in sorted(emptied, key=lambda f: (-f.count("/"), f)):
            os.rmdir(self.root.joinpath(*folder.split("/")))
