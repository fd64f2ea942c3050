"""Publishing a site whole: where `--out` may be, the staging folder, and the atomic swap.

A reader or a deploy job must never see half a site. Every build writes into a
staging folder next to `--out` and swaps it in only when everything succeeded;
a failing or killed build leaves the previous site intact and complete. On
Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two
renames, with the previous site restored by the next build if a crash falls
between them. Before any of that, `check_out_dir` refuses an `--out` whose
swap (or cache folder beside it) would replace or litter the project.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from site_src.output.writer import OutputError, SiteWriter

MARKER = ".minzheng-site"  # marks a folder this tool built, so it may replace it
_STAGING = "build"
_OLD = "old"
_RENAME_EXCHANGE = 2


def check_out_dir(out_dir: Path, content_dir: Path) -> Path:
    """The real path of `out_dir`, or OutputError if building there would harm the project.

    Refused: `/`, the current folder (the repo) or `content/` themselves, any
    folder holding either, and anything inside `content/`. Nothing is written
    before this check, not even the cache folder beside `--out`.
    """
    out = Path(os.path.realpath(out_dir))
    content = Path(os.path.realpath(content_dir))
    if out.parent == out:
        raise OutputError(f"refusing to build into {out_dir}: it is the file system root "
                          "— choose a folder such as --out public")
    for protected in (Path(os.path.realpath(Path.cwd())), content):
        if protected.is_relative_to(out):
            raise OutputError(f"refusing to build into {out_dir}: the swap would replace "
                              f"{protected} — choose a folder such as --out public")
    if out.is_relative_to(content):
        raise OutputError(f"refusing to build into {out_dir}: it is inside {content_dir}, "
                          "whose files are read as articles — choose a folder outside it")
    return out


def marker_identity(site_root: Path) -> list[int]:
    """Which folder a record describes: its marker file's device, inode, mtime and size."""
    info = (site_root / MARKER).stat()
    return [info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size]


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


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace a folder this tool did not build (no marker file in it)."""
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
    # The running program's own symbols include the C library's; find_library("c")
    # would start `ldconfig -p` on every build just to name it.
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(
    staging: Path, out_dir: Path, *, use_exchange: bool = True, keep: Path | None = None
) -> None:
    """Make `staging` the new `out_dir`; then move the previous site to `keep`, or delete it."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    if use_exchange and _exchange(staging, out_dir):
        previous = staging  # now holds the previous site
    else:
        previous = out_dir.parent / f"{_sibling(out_dir, _OLD)}{os.getpid()}"
        os.replace(out_dir, previous)
        os.replace(staging, out_dir)
    if keep is not None:
        with contextlib.suppress(OSError):  # e.g. another build left a spare there meanwhile
            os.rename(previous, keep)
            return
    shutil.rmtree(previous)


def staging_name(out_dir: Path) -> Path:
    """A fresh staging folder name beside `out_dir`, carrying this process's id for `recover`."""
    return out_dir.parent / f"{_sibling(out_dir, _STAGING)}{os.getpid()}-{os.urandom(4).hex()}"


@contextlib.contextmanager
def staged_output(
    out_dir: Path,
    *,
    reuse: Callable[[Path], bool] | None = None,
    keep: Path | None = None,
) -> Iterator[SiteWriter]:
    """Yield a writer on a staging folder; swap it in only if the block succeeds.

    `reuse(staging)` may move an earlier site to the staging path (and return
    True) so it is updated in place instead of filled from empty; `keep` is
    where the replaced site goes (else it is deleted).
    """
    out_dir = Path(os.path.realpath(out_dir))  # a symlinked --out: replace its target
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    check_replaceable(out_dir)
    staging = staging_name(out_dir)
    if reuse is None or not reuse(staging):
        staging.mkdir()
    writer = SiteWriter(staging)
    try:
        writer.write(MARKER, "Built by site_src (minzheng archive); safe to replace.\n")
        yield writer
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out_dir, keep=keep)
