"""Writing the site: into a staging folder, then swapped in whole.

A reader or a deploy job must never see half a site. Every build writes into a
fresh folder next to `--out` and swaps it in only when everything succeeded;
a failing or killed build leaves the previous site intact and complete.
On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two
renames, with the previous site restored by the next build if a crash falls
between them. The old site is deleted only after the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

MARKER = ".minzheng-site"  # marks a folder this tool built, so it may replace it
_STAGING = "build"
_OLD = "old"
_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output folder cannot be written safely (unsafe path, clash, foreign folder)."""


def safe_join(root: Path, relpath: str, *, real_root: Path | None = None) -> Path:
    """Join a site-relative path under root, refusing anything that escapes it.

    Pelican's `sanitised_join` idea: slugs come from editors, and `../` or an
    absolute path in one must never write outside the output folder.
    `real_root` (root already resolved) saves resolving it again per file.
    """
    if not relpath or "\\" in relpath or "\x00" in relpath:
        raise OutputError(f"unsafe output path {relpath!r}")
    pure = PurePosixPath(relpath)
    if pure.is_absolute() or any(part in ("..", ".", "") for part in relpath.split("/")):
        raise OutputError(f"unsafe output path {relpath!r}")
    target = root.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(real_root or root.resolve()):
        raise OutputError(f"output path {relpath!r} escapes {root}")
    return target


def page_file(url_path: str) -> str:
    """Site URL path → file: `2024/03/x/` → `2024/03/x/index.html`, `` → `index.html`."""
    if url_path == "" or url_path.endswith("/"):
        return url_path + "index.html"
    return url_path


class SiteWriter:
    """Writes files under one root; two pages may never claim the same file.

    Paths are checked lexically (`safe_join`'s rules) and every folder is
    checked once, when it is made, to be a real folder inside the root: a
    full `resolve()` per file cost about a second per 10,000 pages.
    """

    def __init__(self, root: Path):
        self.root = root
        self.written: dict[str, int] = {}  # relpath → size in bytes
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
        target = self._target(relpath)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target.write_bytes(payload)
        self.written[relpath] = len(payload)

    def write_page(self, url_path: str, html: str) -> None:
        self.write(page_file(url_path), html)

    def record(self, relpath: str, size: int) -> None:
        """Account for a file another process wrote under this root (pool workers)."""
        if relpath in self.written:
            raise OutputError(f"two pages write the same file {relpath!r}")
        self.written[relpath] = size

    def link_from(self, live_root: Path, relpath: str) -> bool:
        """Hard-link an unchanged file from the live site; False if it is not there.

        Incremental builds still assemble a complete staging folder (the swap
        stays atomic), but an unchanged page costs a link, not a render.
        """
        target = self._target(relpath)
        try:
            os.link(live_root.joinpath(*relpath.split("/")), target, follow_symlinks=False)
        except OSError:  # missing, or not linkable: render it instead
            return False
        info = os.lstat(target)
        if not stat.S_ISREG(info.st_mode):  # a symlink planted in the live site
            target.unlink()
            return False
        self.written[relpath] = info.st_size
        return True

    def copy_tree(self, source: Path, prefix: str) -> None:
        """Copy a folder of assets (sorted, byte for byte) under `prefix/`."""
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            self.write(f"{prefix}/{path.relative_to(source).as_posix()}", path.read_bytes())


def _sibling(out_dir: Path, role: str) -> str:
    return f".{out_dir.name}-{role}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out_dir: Path) -> None:
    """Undo what a crashed build left: restore a moved-away site, drop dead staging dirs."""
    parent = out_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(_sibling(out_dir, _OLD) + "*"))
    if olds and not out_dir.exists():
        os.replace(olds[-1], out_dir)
        olds = olds[:-1]
    for leftover in olds:
        shutil.rmtree(leftover, ignore_errors=True)
    for staging in parent.glob(_sibling(out_dir, _STAGING) + "*"):
        pid = staging.name.rsplit("-", 2)[-2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def check_replaceable(out_dir: Path, protected: tuple[Path, ...] = ()) -> None:
    """Refuse to replace a folder this tool did not build (e.g. `--out .` or `--out content`)."""
    resolved = out_dir.resolve()
    for p in (Path.cwd(), *protected):
        if resolved == p.resolve() or p.resolve().is_relative_to(resolved):
            raise OutputError(f"refusing to build into {out_dir}: it contains {p}")
    if out_dir.exists():
        if not out_dir.is_dir():
            raise OutputError(f"{out_dir} exists and is not a folder")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
            raise OutputError(
                f"refusing to replace {out_dir}: it is not empty and was not built by this tool "
                f"(no {MARKER} file) — choose another --out or empty it"
            )


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, out_dir: Path, *, use_exchange: bool = True) -> None:
    """Make `staging` the new `out_dir`; remove the previous site only afterwards."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    if use_exchange and _exchange(staging, out_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    old = out_dir.parent / f"{_sibling(out_dir, _OLD)}{os.getpid()}"
    os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old)


@contextlib.contextmanager
def staged_output(out_dir: Path, protected: tuple[Path, ...] = ()) -> Iterator[SiteWriter]:
    """Yield a writer on a fresh staging folder; swap it in only if the block succeeds."""
    out_dir = Path(os.path.realpath(out_dir))  # a symlinked --out: replace its target
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    check_replaceable(out_dir, protected)
    staging = out_dir.parent / f"{_sibling(out_dir, _STAGING)}{os.getpid()}-{os.urandom(4).hex()}"
    staging.mkdir()
    try:
        writer = SiteWriter(staging)
        writer.write(MARKER, "Built by site_src (minzheng archive); safe to replace.\n")
        yield writer
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out_dir)
