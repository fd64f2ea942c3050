"""What reading one file produced, as one line of JSON, so a build can skip re-parsing it.

Parsing and validating front matter is most of what loading costs (10,000
files: ≈ 2 s of YAML and schema reads). A file whose bytes — and the code that
reads them — are unchanged reads the same way again, so the build remembers
each file's ReadFile keyed by the hash of its bytes. This module owns the
format (a ReadFile to a line and back, the lines to bytes and back);
site_src/build/cache.py only reads and writes the file.

The record holds data only (JSON: nothing in it can run code) and no paths:
every Path is the one the file is read under now, so problems name the file
as the editor typed it. The Article is built by the validator's own
constructor, so a recalled article is the one a fresh read makes
(tests/editors/test_content_records.py round-trips every kind of file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_src.content import validate
from site_src.content.body_checks import InternalLink
from site_src.content.diagnostics import Problem, Severity
from site_src.model.article import (
    FIELDS,
    Artefact,
    Article,
    Kind,
    PartialDate,
    Provenance,
    TitleOrigin,
)


def bytes_digest(data: bytes) -> str:
    """What identifies a file's content in its record (not a security boundary: the
    cache folder is the user's own, build/cache.py checks that)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class ReadFile:
    """Everything reading one file produced, before any check across files."""

    problems: tuple[Problem, ...]  # decoding, front-matter and validation problems
    legacy_encoded: bool  # a GBK/GB18030 file (named, not converted)
    result: validate.FileResult | None  # None when the file could not be decoded or parsed


class FileRecords:
    """The records of one load: those remembered from the last build, and this load's.

    Stored as one line per file, `["path","digest"]<TAB>record` after a first
    line naming the code that made them (JSON escapes tabs and newlines, so
    any file name splits cleanly). The remembered lines stay one bytes object,
    sliced when recalled, and unchanged ones are written back byte for byte:
    10,000 records cost ≈ 7 MB instead of ≈ 30 MB of Python strings.
    """

    def __init__(self, blob: bytes = b"", known: dict[str, tuple[str, int, int]] | None = None):
        self._blob = blob
        self._known = known or {}  # path → (bytes digest, start, end of its line in blob)
        self._kept: dict[str, bytes | tuple[int, int]] = {}  # new line, or where it is in blob
        self._fresh = 0

    @classmethod
    def from_bytes(cls, blob: bytes, fingerprint: str) -> FileRecords:
        """The records stored in `blob` if made by this code, else none (all read afresh)."""
        try:
            first = blob.index(b"\n")
            if json.loads(blob[:first]).get("fingerprint") != fingerprint:
                return cls()
            known: dict[str, tuple[str, int, int]] = {}
            start = first + 1
            while start < len(blob):
                end = blob.index(b"\n", start)
                tab = blob.index(b"\t", start, end)
                path, digest = json.loads(blob[start:tab])
                known[str(path)] = (str(digest), start, end)
                start = end + 1
        except (ValueError, TypeError, AttributeError):
            return cls()
        return cls(blob, known)

    def to_bytes(self, fingerprint: str) -> bytes:
        """What the next build should remember: a record for every file this load read."""
        lines = [json.dumps({"fingerprint": fingerprint}).encode()]
        for line in self._kept.values():
            lines.append(self._blob[line[0]:line[1]] if isinstance(line, tuple) else line)
        return b"\n".join(lines) + b"\n"

    def recall(self, path: Path, data: bytes) -> tuple[str, ReadFile | None]:
        """The digest of `data`, and the remembered read of exactly these bytes if any."""
        digest = bytes_digest(data)
        known = self._known.get(str(path))
        if known is None or known[0] != digest:
            return digest, None
        try:
            # surrogatepass: a file name that is not UTF-8 can be part of a problem's message
            line = self._blob[known[1]:known[2]]
            text = line[line.index(b"\t") + 1:].decode("utf-8", "surrogatepass")
            read = from_json(path, text, data)
        except ValueError:  # UnicodeDecodeError included
            return digest, None
        self._kept[str(path)] = (known[1], known[2])
        return digest, read

    def remember(self, path: Path, digest: str, data: bytes, read: ReadFile) -> None:
        record = to_json(read, data).encode("utf-8", "surrogatepass")
        self._kept[str(path)] = json.dumps([str(path), digest]).encode() + b"\t" + record
        self._fresh += 1

    @property
    def changed(self) -> bool:
        """Whether the records to keep differ from those remembered."""
        return self._fresh > 0 or self._kept.keys() != self._known.keys()


def to_json(read: ReadFile, data: bytes) -> str:
    """One line of JSON (no raw newline or tab: JSON escapes them) for a ReadFile of `data`."""
    result = read.result
    record: dict[str, Any] = {
        "problems": [_problem(p) for p in read.problems],
        "legacy": read.legacy_encoded,
        "result": None if result is None else {
            "article": None if result.article is None else _article(result.article, data),
            "problems": [_problem(p) for p in result.problems],
            "links": [[link.target, link.line, link.column] for link in result.links],
            "url_position": list(result.url_position),
        },
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def from_json(path: Path, text: str, data: bytes) -> ReadFile:
    """The ReadFile a record of `data` describes, every Path being `path`; ValueError if
    malformed."""
    try:
        record = json.loads(text)
        problems = tuple(_read_problem(path, p) for p in record["problems"])
        found = record["result"]
        result = None
        if found is not None:
            article = found["article"]
            result = validate.FileResult(
                path,
                None if article is None else _read_article(path, article, data),
                [_read_problem(path, p) for p in found["problems"]],
                [InternalLink(str(t), int(line), int(col)) for t, line, col in found["links"]],
                (int(found["url_position"][0]), int(found["url_position"][1])),
            )
        return ReadFile(problems, bool(record["legacy"]), result)
    except (KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValueError(f"malformed record: {exc!r}") from None


def _problem(problem: Problem) -> list[Any]:
    return [problem.line, problem.column, problem.message, problem.hint, problem.severity.value]


def _read_problem(path: Path, fields: list[Any]) -> Problem:
    line, column, message, hint, severity = fields
    return Problem(path, int(line), int(column), str(message), str(hint), Severity(severity))


def _body_at(data: bytes, body: str) -> int | None:
    """Where in the file's text the body starts, if the body is simply the text from there.

    Bodies are nine tenths of a record; a file's own text holds them already.
    Checked here, when the record is made, so recalling is exact; a body that
    is not a plain tail of the text (control characters removed, CRLF) is
    stored whole.
    """
    text = data.decode("utf-8", "replace")
    start = text.rfind(body.strip("\n")) if body else -1
    return start if start >= 0 and _tail(text, start) == body else None


def _tail(text: str, start: int) -> str:
    return text[start:].strip("\n") + "\n"


def _article(article: Article, data: bytes) -> dict[str, Any]:
    """The article's front-matter values that say something, and its body (or where it starts)."""
    at = _body_at(data, article.body)
    values: dict[str, Any] = {"body": article.body} if at is None else {"body_at": at}
    for spec in FIELDS:
        value = getattr(article, spec.key)
        if value in _SAYS_NOTHING or value is TitleOrigin.EDITOR:
            continue  # the model's default: build_article gives it back
        if spec.kind is Kind.DATE:
            value = [value.year, value.month, value.day]
        elif spec.kind is Kind.PROVENANCE:
            value = _provenance(value)
        elif spec.kind is Kind.ORIGIN:
            value = value.value
        values[spec.key] = value
    return values


_SAYS_NOTHING = (None, False, "", (), {})
_SPECS = {spec.key: spec for spec in FIELDS}


def _read_article(path: Path, values: dict[str, Any], data: bytes) -> Article:
    read: dict[str, Any] = {}
    for key, value in values.items():
        spec = _SPECS.get(key)
        if spec is None:
            continue  # the body
        if spec.kind is Kind.DATE:
            value = PartialDate(*value)
        elif spec.kind is Kind.PROVENANCE:
            value = _read_provenance(value)
        elif spec.kind is Kind.LIST:
            value = tuple(value)
        read[key] = value
    if "body_at" in values:
        body = _tail(data.decode("utf-8", "replace"), int(values["body_at"]))
    else:
        body = str(values["body"])
    return validate.build_article(read, body, path)


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {
        "file": provenance.file,
        "line": provenance.line,
        "artefacts": [[a.line, a.text, a.page] for a in provenance.artefacts],
        "digest": provenance.digest,
        "page": provenance.page,
    }


def _read_provenance(value: dict[str, Any]) -> Provenance:
    return Provenance(
        str(value["file"]),
        int(value["line"]),
        tuple(Artefact(int(line), str(text), page) for line, text, page in value["artefacts"]),
        value["digest"],
        value["page"],
    )
