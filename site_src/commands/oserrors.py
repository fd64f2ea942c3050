"""An operating-system failure as one line an editor can act on, not a traceback.

A full disk, a read-only or immutable output folder, a missing permission: the
command cannot go on, but the cause is outside the program and so is the fix.
The line says which file, what the system said, and what to do about it.
"""

from __future__ import annotations

import errno
import os

_FIXES = {
    errno.ENOSPC: "the disk is full: free some space (e.g. delete old builds) or write to "
                  "another disk (build --out), then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space or write to another disk "
                  "(build --out), then run the command again",
    errno.EROFS: "this file system is read-only: write to a writable folder (build --out, "
                 "--content), or remount it read-write",
    errno.EACCES: "you may not write there: fix the folder's owner or permissions "
                  "(ls -ld shows them), or write to a folder of your own",
    errno.EPERM: "the system refuses the change, usually because the file is immutable "
                 "(lsattr shows an `i`): remove the flag with `chattr -i`, or write elsewhere",
    errno.ENAMETOOLONG: "a name is too long for the file system: shorten the `slug`, the file "
                        "name or the names in the front matter (see docs/editors.md, Limits)",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n 4096) and run again",
    errno.EIO: "the disk reported an input/output error: check the disk, then run again",
    errno.ENOENT: "a file or folder disappeared while the command ran (another program "
                  "deleted it?): run the command again",
    errno.ENOTDIR: "a path that should be a folder is a file: rename or remove that file",
    errno.EISDIR: "a path that should be a file is a folder: rename or remove that folder",
}


def describe(exc: OSError, folder: object = None) -> str:
    """`error: <path>: <reason> — <fix>` for any OSError.

    A failed write() or close() names no file; then `folder` (the command's
    output or content folder, where it was writing) is named instead.
    """
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename if exc.filename is not None else folder
    if where is not None and not isinstance(where, (str, bytes)):
        where = os.path.abspath(where)
    if exc.filename2 is not None and exc.errno in (errno.EXDEV, errno.ENOTEMPTY, errno.EEXIST):
        where = f"{exc.filename} → {exc.filename2}"
    fix = _FIXES.get(exc.errno, "check the path and the disk, then run the command again")
    if isinstance(where, bytes):
        where = os.fsdecode(where)
    prefix = f"{where}: " if where is not None else ""
    return f"error: {prefix}{reason} — {fix}"
