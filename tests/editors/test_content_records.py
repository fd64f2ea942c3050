"""A remembered read is exactly a fresh read (content/records.py, build/cache.py).

A build recalls what reading an unchanged file produced instead of parsing it
again; if the record could differ from a fresh read in any way — a field, a
problem, a body, a path — an incremental build would drift from a clean one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_src.content import frontmatter
from site_src.content.load import load_content, read_file
from site_src.content.records import FileRecords, ReadFile, bytes_digest, from_json, to_json

from ..site.conftest import FIXTURE_CONTENT
from .test_frontmatter_codec import articles

PATH = Path("content/2024/03/zhejiang-0314.md")


def _same(recalled: ReadFile, fresh: ReadFile) -> None:
    assert recalled == fresh
    if fresh.result is not None and fresh.result.article is not None:
        assert recalled.result.article.roles == fresh.result.article.roles  # not compared by ==


def _round_trip(path: Path, data: bytes) -> None:
    fresh = read_file(path, data)
    _same(from_json(path, to_json(fresh, data), data), fresh)


@settings(max_examples=200, deadline=None)
@given(articles(), st.sampled_from(["", "\ufeff"]), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from(["", "第三段有控制字符\x07。\n", "链接见[上一篇](../02/a.md)。\n"]))
def test_every_kind_of_article_reads_back_from_its_record(article, bom, newline, extra):
    text = frontmatter.dump_file(article) + extra
    _round_trip(PATH, (bom + text.replace("\n", newline)).encode("utf-8"))


@pytest.mark.parametrize("data", [
    b"",  # empty file
    b"no front matter\n",
    b"---\ntitle: [unclosed\n---\n\n\xe6\xad\xa3\xe6\x96\x87\n",  # YAML error
    b"---\ntitle: x\n",  # never closed
    b"---\ntitel: typo\n---\n\ntext\n",  # unknown key, missing title
    "---\ntitle: 民政\n---\n\n正文。\n".encode("gb18030"),  # legacy encoding
    b"\xff\xfe\x00\x00",  # UTF-16
    b"---\ntitle: x\nslug: Bad Slug\n---\n\ntext\n",  # invalid slug
], ids=["empty", "no-front-matter", "yaml-error", "unclosed", "typo", "gbk", "utf16", "slug"])
def test_files_with_problems_read_back_with_the_same_problems(data: bytes) -> None:
    _round_trip(PATH, data)


def test_a_file_name_that_is_not_utf8_survives_the_record(tmp_path: Path) -> None:
    path = Path("content/2024/03/caf\udce9 x.md")  # bytes 0xE9 in a Latin-1 name
    data = b"---\ntitle: x\n---\n\ntext\n"
    fresh = read_file(path, data)
    records = FileRecords()
    records.remember(path, bytes_digest(data), data, fresh)
    again = FileRecords.from_bytes(records.to_bytes("code"), "code")
    _same(again.recall(path, data)[1] or pytest.fail("not recalled"), fresh)


def test_a_load_with_records_equals_one_without_and_parses_only_what_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from site_src.content import load as load_module

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    first = FileRecords()
    plain = load_content(content)
    assert load_content(content, first) == _with_sources(plain, first)

    edited = sorted(content.rglob("*.md"))[0]
    edited.write_text(edited.read_text("utf-8") + "\n补记一段。\n", "utf-8")
    parsed: list[Path] = []
    real_read_file = load_module.read_file
    monkeypatch.setattr(load_module, "read_file",
                        lambda path, data: parsed.append(path) or real_read_file(path, data))
    again = FileRecords.from_bytes(first.to_bytes("code"), "code")
    with_records = load_content(content, again)
    assert parsed == [edited]
    monkeypatch.setattr(load_module, "read_file", real_read_file)
    assert with_records == _with_sources(load_content(content), again)
    assert again.changed


def _with_sources(result, records: FileRecords):
    """A load without records, given the digests a load with records adds."""
    from dataclasses import replace

    return replace(result, sources={p: bytes_digest(p.read_bytes()) for p in result.files})


DATA = b"---\ntitle: x\n---\n\ntext\n"


@pytest.mark.parametrize("lines", [
    [],
    ["garbage"],
    ['{"fingerprint": "other"}', '["a.md","{digest}"]\t{record}'],  # made by other code
    ['{"fingerprint": "code"}', '["a.md","{digest}"]{record}'],  # no tab
    ['{"fingerprint": "code"}', 'not json\t{record}'],
    ['{"fingerprint": "code"}', '["a.md","{digest}"]\t{{"problems": 5}}'],  # malformed record
    ['{"fingerprint": "code"}', '["a.md","{digest}"]\t{record}', "truncat"],
], ids=["empty", "garbage", "other-code", "no-tab", "bad-key", "bad-record", "truncated"])
def test_unusable_records_are_ignored_not_trusted(lines: list[str]) -> None:
    record = to_json(read_file(Path("a.md"), DATA), DATA)
    text = "\n".join(lines).replace("{digest}", bytes_digest(DATA)).replace("{record}", record)
    text = text.replace("{{", "{").replace("}}", "}")
    records = FileRecords.from_bytes(text.encode(), "code")
    assert records.recall(Path("a.md"), DATA)[1] is None


def test_a_good_record_is_recalled() -> None:  # the positive control of the test above
    record = to_json(read_file(Path("a.md"), DATA), DATA)
    text = f'{{"fingerprint": "code"}}\n["a.md","{bytes_digest(DATA)}"]\t{record}\n'
    assert FileRecords.from_bytes(text.encode(), "code").recall(Path("a.md"), DATA)[1] is not None
