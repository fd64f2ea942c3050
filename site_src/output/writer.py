"""Writing the site: into a staging folder, then swapped in whole.

A reader or a deploy job must never see half a site. Every build writes into a
staging folder next to `--out` and swaps it in only when everything succeeded;
a failing or killed build leaves the previous site intact and complete.
On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`; elsewhere two
renames, with the previous site restored by the next build if a crash falls
between them.

Double buffering: after the swap the previous site is not deleted but kept as
the *spare* (`.<out>-cache/spare/`). The next build claims it by renaming it to
its staging name (so two builds cannot both take it), checks that it holds
exactly the files its manifest lists (same size, mtime and inode, no other
file or folder), and brings it up to date in place: changed files are written
to a new inode and renamed over the old one — never written into, as they may
be hard links shared with the live site — and files the new site lacks are
removed. Creating ~13,000 folders and deleting as many (≈ 4 s on this disk)
is what that saves. Any doubt about the spare and the build starts from an
empty staging folder instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MARKER = ".minzheng-site"  # marks a folder this tool built, so it may replace it
SPARE = "spare"  # the previous site, inside the cache folder
SEARCH_BUNDLE = "pagefind"  # rewritten whole by every build with search, never reused
_STAGING = "build"
_OLD = "old"
_RENAME_EXCHANGE = 2

FileStat = tuple[int, int, int]  # size, mtime (ns), inode: a file exactly as it was written


def cache_dir(out_dir: Path) -> Path:
    """Where the manifests and the spare copy live: next to `out_dir`, never inside it."""
    out_dir = Path(os.path.realpath(out_dir))
    return out_dir.parent / f".{out_dir.name}-cache"


def marker_identity(site_root: Path) -> list[int]:
    """Which folder a manifest describes: its marker file's device, inode, mtime and size."""
    info = (site_root / MARKER).stat()
    return [info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size]


@dataclass(frozen=True)
class SpareRecord:
    """What the spare copy holds according to its manifest (the site as it was built)."""

    marker: list[int]  # marker_identity of the folder
    files: dict[str, FileStat]  # every file but the search bundle
    pages: dict[str, str]  # page → input digest it was rendered from ({} if not reusable)


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

    def __init__(self, root: Path, spare: SpareRecord | None = None):
        self.root = root
        self.spare = spare  # set when root is a claimed spare copy, updated in place
        self.written: dict[str, FileStat] = {}  # relpath → the file as written
        self._safe_dirs: set[Path] = {root}
        self._pruned = False
        self._live: tuple[Path, dict[str, str], dict[str, FileStat]] | None = None

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
        """Write a new inode: an existing file is replaced by a rename, never written into."""
        target = self._target(relpath)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            written = _write_new(target, payload)
        except FileExistsError:  # updating the spare: the file may be shared with the live site
            temporary = target.with_name(f".{target.name}.tmp")
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            written = _write_new(temporary, payload)
            os.replace(temporary, target)
        self.written[relpath] = written

    def write_page(self, url_path: str, html: str) -> None:
        self.write(page_file(url_path), html)

    def record(self, relpath: str, written: FileStat) -> None:
        """Account for a file another process wrote under this root (pool workers)."""
        if relpath in self.written:
            raise OutputError(f"two pages write the same file {relpath!r}")
        self.written[relpath] = tuple(written)

    def use_live(self, live_root: Path, pages: dict[str, str], files: dict[str, FileStat]) -> None:
        """Let `reuse` link pages from the live site: its digests and its files as written."""
        self._live = (live_root, pages, files)

    def reuse(self, relpath: str, digest: str) -> bool:
        """Keep a page whose inputs did not change instead of rendering it.

        Left as it is when the spare holds it with this digest; else hard-linked
        from the live site if the live page has this digest and is still the
        file that was written (a file edited by hand there is rendered again).
        """
        if self.spare is not None and self.spare.pages.get(relpath) == digest:
            self.record(relpath, self.spare.files[relpath])
            return True
        if self._live is None:
            return False
        live_root, pages, files = self._live
        if pages.get(relpath) != digest or relpath not in files:
            return False
        return self.link_from(live_root, relpath, expected=files[relpath])

    def prune(self) -> None:
        """Remove what the spare held that the new site lacks: stale files, then emptied folders.

        Called once everything is written and before the search index reads the pages.
        """
        if self.spare is None or self._pruned:
            return
        self._pruned = True
        for relpath in sorted(self.spare.files.keys() - self.written.keys()):
            os.unlink(self.root.joinpath(*relpath.split("/")))
        emptied = folders_of(self.spare.files) - folders_of(self.written)
        for folder in sorted(emptied, key=lambda f: (-f.count("/"), f)):
            os.rmdir(self.root.joinpath(*folder.split("/")))

    def link_from(self, live_root: Path, relpath: str, expected: FileStat | None = None) -> bool:
        """Hard-link an unchanged file from the live site; False if it is not there (or not
        the `expected` file: changed by hand since it was written).

        Incremental builds still assemble a complete staging folder (the swap
        stays atomic), but an unchanged page costs a link, not a render.
        """
        target = self._target(relpath)
        source = live_root.joinpath(*relpath.split("/"))
        try:
            try:
                os.link(source, target, follow_symlinks=False)
            except FileExistsError:  # an older version in the spare: replace it
                temporary = target.with_name(f".{target.name}.tmp")
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

    def copy_tree(self, source: Path, prefix: str) -> None:
        """Copy a folder of assets (sorted, byte for byte) under `prefix/`."""
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            self.write(f"{prefix}/{path.relative_to(source).as_posix()}", path.read_bytes())


def _write_new(path: Path, payload: bytes) -> FileStat:
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


def _staging_name(out_dir: Path) -> Path:
    return out_dir.parent / f"{_sibling(out_dir, _STAGING)}{os.getpid()}-{os.urandom(4).hex()}"


def claim_spare(out_dir: Path, record: SpareRecord | None) -> SiteWriter | None:
    """Take the spare copy as staging folder if it is exactly what `record` says, else None.

    The rename comes first, so no other build can take or update it meanwhile;
    the caller has already invalidated the manifest, so a crash from here on
    leaves nothing that looks trustworthy. A spare that fails a check is deleted.
    """
    staging = _staging_name(out_dir)
    try:
        os.rename(cache_dir(out_dir) / SPARE, staging)
    except OSError:  # no spare, or another build took it
        return None
    if _matches(staging, record):
        return SiteWriter(staging, spare=record)
    shutil.rmtree(staging, ignore_errors=True)
    return None


def _matches(folder: Path, record: SpareRecord | None) -> bool:
    if record is None or not record.pages.keys() <= record.files.keys():
        return False
    try:
        if marker_identity(folder) != record.marker:
            return False
        bundle = folder / SEARCH_BUNDLE
        if os.path.lexists(bundle):
            if not stat.S_ISDIR(os.lstat(bundle).st_mode):
                return False
            shutil.rmtree(bundle)  # a new one is written if search is on
        found = scan_site(folder)
    except OSError:
        return False
    return found is not None and found == (record.files, folders_of(record.files))


@contextlib.contextmanager
def staged_output(
    out_dir: Path,
    protected: tuple[Path, ...] = (),
    *,
    take_spare: Callable[[], SpareRecord | None] | None = None,
) -> Iterator[SiteWriter]:
    """Yield a writer on a staging folder; swap it in only if the block succeeds.

    With `take_spare` (which reads the spare's manifest and invalidates it) the
    staging folder is the previous site when it can be trusted, and the site
    replaced by the swap becomes the next spare; without it every build starts
    from an empty folder and the replaced site is deleted.
    """
    out_dir = Path(os.path.realpath(out_dir))  # a symlinked --out: replace its target
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    check_replaceable(out_dir, protected)
    writer = claim_spare(out_dir, take_spare()) if take_spare is not None else None
    if writer is None:
        writer = SiteWriter(_staging_name(out_dir))
        writer.root.mkdir()
    try:
        writer.write(MARKER, "Built by site_src (minzheng archive); safe to replace.\n")
        yield writer
        writer.prune()
    except BaseException:
        shutil.rmtree(writer.root, ignore_errors=True)
        raise
    keep = None
    if take_spare is not None:
        cache_dir(out_dir).mkdir(exist_ok=True)
        keep = cache_dir(out_dir) / SPARE
    swap_in(writer.root, out_dir, keep=keep)
