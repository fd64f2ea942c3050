"""What a build remembers cannot run code, and a refused --out leaves nothing behind (issue 12)."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from site_src.build.cache import (
    CONTENT_RECORDS,
    MANIFEST,
    PINYIN,
    SPARE,
    SPARE_MANIFEST,
    cache_dir,
)
from site_src.pipeline import build_site, run_build

from .conftest import FIXTURE_CONTENT


class _Planted:
    """Unpickling this creates a file: proof that the cache ran code."""

    def __init__(self, flag: Path):
        self.flag = flag

    def __reduce__(self):
        return (os.mkdir, (str(self.flag),))


def test_planted_pickles_beside_the_output_are_never_loaded(tmp_path: Path) -> None:
    out = tmp_path / "public"
    folder = cache_dir(out)
    folder.mkdir()
    flag = tmp_path / "code-ran"
    for name in ("content.pickle", "pinyin-slugs.json", MANIFEST, SPARE_MANIFEST,
                 CONTENT_RECORDS, PINYIN):
        (folder / name).write_bytes(pickle.dumps(_Planted(flag)))
    for _ in range(3):  # a fresh build, one linking from it, one updating the spare
        build_site(FIXTURE_CONTENT, out, search=False)
    assert not flag.exists()
    assert {MANIFEST, SPARE, SPARE_MANIFEST, CONTENT_RECORDS, PINYIN} <= {
        p.name for p in folder.iterdir()}
    for name in (MANIFEST, SPARE_MANIFEST, CONTENT_RECORDS, PINYIN):
        assert (folder / name).read_bytes().startswith(b'{"fingerprint":')


def test_a_rebuild_that_meets_no_new_name_needs_no_pypinyin(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    out = tmp_path / "public"
    first = build_site(FIXTURE_CONTENT, out, search=False)
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # importing it now raises ImportError
    again = build_site(FIXTURE_CONTENT, out, search=False)
    assert (again.rendered, again.articles) == (0, first.articles)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("out", ["/", ".", "..", "content", "content/site"])
def test_refused_out_creates_nothing_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], out: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    monkeypatch.chdir(project)
    before = {folder: _listing(folder) for folder in (Path("/"), tmp_path, project)}
    content_before = sorted(p.as_posix() for p in (project / "content").rglob("*"))
    for clean in (False, True):
        code = run_build(
            Path("content"), Path(out), base_url="/", search=False, strict=False, clean=clean
        )
        assert code == 1
        assert "refusing to build into" in capsys.readouterr().err
    assert {folder: _listing(folder) for folder in before} == before
    assert sorted(p.as_posix() for p in (project / "content").rglob("*")) == content_before


@pytest.mark.parametrize("spoil", ["world-writable", "other-owner", "symlink"])
def test_a_cache_folder_others_could_write_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spoil: str
) -> None:
    """The cache feeds the published search bundle: someone else's copy is not trusted."""
    out = tmp_path / "public"
    folder = cache_dir(out)
    if spoil == "symlink":
        (tmp_path / "elsewhere").mkdir()
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.mkdir()
        if spoil == "world-writable":
            folder.chmod(0o777)
        elif os.geteuid() == 0:
            os.chown(folder, 65534, 65534)  # nobody
        else:
            pytest.skip("changing a folder's owner needs root (CI runs as root)")
    code = run_build(FIXTURE_CONTENT, out, base_url="/", search=False, strict=False, clean=False)
    assert code == 1
    assert not out.exists()
    error = capsys.readouterr().err
    assert f"refusing to use the build cache {folder}" in error and "delete it" in error


def test_the_cache_folder_is_private_to_its_owner(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(FIXTURE_CONTENT, out, search=False)
    assert cache_dir(out).stat().st_mode & 0o077 == 0


def test_a_build_stopped_by_a_content_error_still_remembers_the_files_it_read(
        tmp_path: Path) -> None:
    from site_src.content.diagnostics import ContentError

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    bad = content / "2024" / "bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("---\ntitle: [unclosed\n---\n\n正文。\n", "utf-8")
    out = tmp_path / "public"
    with pytest.raises(ContentError):
        build_site(content, out, search=False)
    records = (cache_dir(out) / CONTENT_RECORDS).read_text("utf-8")
    assert records.count("\n") == len(list(content.rglob("*.md"))) + 1  # + the fingerprint line
    assert not out.exists()


def test_a_first_build_into_folders_that_do_not_exist_yet(tmp_path: Path) -> None:
    out = tmp_path / "not" / "yet" / "public"
    report = build_site(FIXTURE_CONTENT, out, search=False)
    assert (out / "index.html").is_file() and report.articles > 0
    assert (cache_dir(out) / CONTENT_RECORDS).is_file()


def test_library_versions_are_read_as_importlib_metadata_reads_them():
    """The fingerprint reads versions from dist-info folder names (no importlib.metadata
    import on every build); they must be the versions pip installed."""
    from importlib import metadata

    from site_src.build.fingerprint import _LIBRARIES, library_version

    for distribution, module in _LIBRARIES:
        assert library_version(distribution, module) == metadata.version(distribution)
