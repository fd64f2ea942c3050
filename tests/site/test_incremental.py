"""An incremental build must equal a clean full build byte for byte, whatever changed.

Each case builds a synthetic archive, lets the next build reuse it, makes one
change (content, code/template/static file, base URL) and compares the result
with a fresh build of the same input into an empty folder (except `pagefind/`,
which these builds do not create). It also checks that the rebuild was really
incremental: pages the change cannot affect were reused, not rendered again.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_src import pipeline
from site_src.build import cache as build_cache
from site_src.build import fingerprint, parallel
from site_src.build.cache import cache_dir
from site_src.output import swap as output
from site_src.pipeline import BuildReport, build_site

PLACES = [
    ("浙江省", "杭州市", "浙江省民政厅"),
    ("江苏省", "扬州市", "扬州市民政局"),
    ("湖北省", None, "湖北省民政厅"),
    ("福建省", "福州市", "福州市民政局"),
    ("江西省", "抚州市", "抚州市民政局"),
]
PEOPLE = ["杨泽发", "李丽", "陈斌", "王芳", "张伟", "刘洋", "赵敏"]
ARTICLES = 48


def _write_report(content: Path, n: int) -> Path:
    province, city, source = PLACES[n % len(PLACES)]
    year = 2022 + n % 3
    month = 1 + (n * 5) % 12
    day = 1 + (n * 7) % 28
    leader, speaker = PEOPLE[n % len(PEOPLE)], PEOPLE[(n * 3 + 1) % len(PEOPLE)]
    lines = [
        "---",
        f"title: 第{n}次全省民政工作会议",
        f"date: {year}-{month:02d}-{day:02d}",
        f"province: {province}",
        *([f"city: {city}"] if city else []),
        f"leaders: [{leader}]",
        *([f"speakers: [{speaker}]"] if speaker != leader else []),
        f"source: {source}",
        "provenance:",
        f"  file: {n:03d}_synthetic.txt",
        "  line: 1",
        "---",
        "",
        f"{month}月{day}日，{source}召开会议，部署养老服务和社会救助工作。",
        "",
        f"会议强调，要做好第{n}项重点工作，{leader}主持会议。",
        "",
    ]
    if n == 5:  # a relative link to another report: resolved through every article's URL
        lines += ["详见[上次会议](../../" + _relpath(6) + ")。", ""]
    path = content / _relpath(n)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), "utf-8")
    return path


def _relpath(n: int) -> str:
    year = 2022 + n % 3
    month = 1 + (n * 5) % 12
    return f"{year}/{month:02d}/report-{n:03d}.md"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith("pagefind/")
    }


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _report(content: Path, n: int) -> Path:
    return content / _relpath(n)


# One edit each, as an editor would make it in the Markdown files.
CHANGES: dict[str, Callable[[Path], None]] = {
    "body": lambda c: _replace(_report(c, 20), "部署养老服务", "部署养老服务（修订）"),
    "date-moves-article": lambda c: _replace(_report(c, 21), "date: 202", "date: 201"),
    "add": lambda c: _write_report(c, ARTICLES + 1),
    "delete": lambda c: _report(c, 22).unlink(),
    "leader": lambda c: _replace(_report(c, 23), "leaders: [", "leaders: [周新, "),
    "link-target-moves": lambda c: _replace(_report(c, 6), "date: 202", "date: 201"),
}


def _build(content: Path, out: Path, **options) -> BuildReport:
    return build_site(content, out, search=False, **options)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for n in range(ARTICLES):
        _write_report(content, n)
    return content


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_incremental_build_equals_clean_build(tmp_path: Path, archive: Path, change: str) -> None:
    live = tmp_path / "live"
    first = _build(archive, live)
    assert first.reused == 0 and first.rendered > ARTICLES
    before = _tree(live)

    CHANGES[change](archive)
    again = _build(archive, live)
    clean = tmp_path / "clean"
    _build(archive, clean)

    assert _tree(live) == _tree(clean)
    assert _tree(live) != before
    # Only the changed article, its neighbours, related reports and listings re-render.
    assert again.rendered > 0
    assert again.reused >= (again.rendered + again.reused) // 2


def test_untouched_page_is_reused_not_rendered(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _build(archive, live)
    untouched = live / "2022" / "01" / "report-000" / "index.html"
    inode = untouched.stat().st_ino
    _replace(_report(archive, 20), "部署养老服务", "部署养老服务（修订）")
    report = _build(archive, live)
    assert untouched.stat().st_ino == inode  # hard-linked from the previous site
    assert 0 < report.rendered < 15


def test_noop_rebuild_renders_nothing(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    first = _build(archive, live)
    before = _tree(live)
    again = _build(archive, live)
    assert again.rendered == 0 and again.reused == first.rendered
    assert _tree(live) == before


def test_base_url_change_rerenders_everything(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _build(archive, live)
    again = _build(archive, live, base_url="https://example.org/archive/")
    clean = tmp_path / "clean"
    _build(archive, clean, base_url="https://example.org/archive/")
    assert again.reused == 0
    assert _tree(live) == _tree(clean)


CODE_FILES = ["templates/article.html", "static/style.css", "site_src/render/pages.py"]


@pytest.mark.parametrize("changed", CODE_FILES)
def test_code_template_or_static_change_rerenders_everything(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    # A copy of the code's folders, so the real files are never edited.
    sources = tmp_path / "sources"
    for folder in ("site_src", "templates", "static"):
        shutil.copytree(fingerprint._SOURCES / folder, sources / folder)
    monkeypatch.setattr(fingerprint, "_SOURCES", sources)
    live = tmp_path / "live"
    _build(archive, live)
    assert _build(archive, live).rendered == 0
    with (sources / changed).open("a", encoding="utf-8") as f:
        f.write("\n")
    again = _build(archive, live)
    assert again.reused == 0 and again.rendered > ARTICLES


def test_manifest_lives_outside_the_site(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _build(archive, live)
    assert (cache_dir(live) / build_cache.MANIFEST).is_file()
    assert cache_dir(live).parent == live.parent
    assert not any("manifest" in p.name for p in live.rglob("*"))


def test_manifest_of_another_site_is_ignored(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _build(archive, live)
    manifest = (cache_dir(live) / build_cache.MANIFEST).read_bytes()
    # The site is replaced behind the manifest's back (e.g. a crash after the swap).
    shutil.rmtree(live)
    _replace(_report(archive, 20), "部署养老服务", "部署养老服务（修订）")
    _build(archive, live)
    (cache_dir(live) / build_cache.MANIFEST).write_bytes(manifest)
    assert _build(archive, live).reused == 0


def test_pool_build_equals_serial_build(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = tmp_path / "serial"
    _build(archive, serial)
    monkeypatch.setattr(parallel, "POOL_MIN_PAGES", 1)
    # Other tests may leave server threads running in this process; the
    # children only render and write files, so forking is safe here.
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)
    pooled = tmp_path / "pooled"
    report = _build(archive, pooled)
    assert report.workers == parallel.WORKERS > 1
    assert _tree(pooled) == _tree(serial)


# ---------------------------------------------------------------- the spare copy
# After a swap the previous site is kept beside the live one (output.py) and the
# next build updates it in place. These tests chain several builds, so the spare
# lags two versions behind the content, and compare files AND folders.


def _layout(root: Path) -> tuple[dict[str, bytes], set[str]]:
    """Every file's bytes and every folder, but the search bundle."""
    files = _tree(root)
    folders = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_dir() and not p.relative_to(root).as_posix().startswith("pagefind")
    }
    return files, folders


def _clean_layout(archive: Path, tmp_path: Path, **options) -> tuple[dict[str, bytes], set[str]]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.rmtree(cache_dir(clean), ignore_errors=True)
    _build(archive, clean, **options)
    return _layout(clean)


def _readers_view(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """What a reader could be served: (inode, mtime, bytes) of every file."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _spare(live: Path) -> Path:
    return cache_dir(live) / build_cache.SPARE


def _warm(archive: Path, live: Path) -> None:
    """A live site and a trusted spare: the third build updates the spare in place."""
    _build(archive, live)
    assert not _build(archive, live).in_place  # no spare yet: a new folder, hard links
    assert _spare(live).is_dir()


def _edit_same_twice(c: Path) -> None:
    _replace(_report(c, 20), "部署养老服务", "部署养老服务（修订）")


SEQUENCES: dict[str, list[Callable[[Path], None]]] = {
    "edit-then-other-edit": [CHANGES["body"], CHANGES["leader"], CHANGES["add"]],
    "delete-then-readd": [CHANGES["delete"], lambda c: _write_report(c, 22)],
    "edit-same-page-twice": [_edit_same_twice, _edit_same_twice, _edit_same_twice],
    "move-then-move-back": [
        CHANGES["date-moves-article"],
        lambda c: _replace(_report(c, 21), "date: 201", "date: 202"),
        CHANGES["link-target-moves"],
    ],
    "delete-many-then-add": [
        lambda c: [_report(c, n).unlink() for n in (3, 8, 13, 30)],
        lambda c: _write_report(c, ARTICLES + 2),
        lambda c: [_write_report(c, n) for n in (3, 8)],
    ],
}


@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
def test_consecutive_in_place_builds_equal_clean_builds(
    tmp_path: Path, archive: Path, sequence: str
) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    for step, change in enumerate(SEQUENCES[sequence]):
        change(archive)
        report = _build(archive, live)
        assert report.in_place, f"step {step}: the spare was not reused"
        assert report.rendered < report.reused, step  # 0 when the spare already matches
        assert _layout(live) == _clean_layout(archive, tmp_path), f"step {step}"
    # And once more with nothing changed: the spare is two versions behind, the
    # pages changed by the last build are linked from the live site, not rendered.
    report = _build(archive, live)
    assert report.in_place and report.rendered == 0
    assert _layout(live) == _clean_layout(archive, tmp_path)


def test_noop_in_place_build_renders_nothing_and_keeps_the_spare_inodes(
    tmp_path: Path, archive: Path
) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    page = "2022/01/report-000/index.html"
    spare_inode = (_spare(live) / page).stat().st_ino
    report = _build(archive, live)
    assert report.in_place and report.rendered == 0
    assert (live / page).stat().st_ino == spare_inode  # kept where it was, not rewritten
    assert _layout(live) == _clean_layout(archive, tmp_path)


def test_live_site_is_untouched_while_the_spare_is_updated(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spare shares inodes with the live site (hard links of the fallback build):
    changed files must be new inodes, never the shared ones written into."""
    live = tmp_path / "live"
    _warm(archive, live)
    shared = "2022/01/report-000/index.html"
    assert (live / shared).stat().st_ino == (_spare(live) / shared).stat().st_ino
    before = _readers_view(live)
    seen_at_swap: list[dict] = []
    real_swap = output.swap_in

    def swap_in(staging: Path, out_dir: Path, **kwargs) -> None:
        seen_at_swap.append(_readers_view(out_dir))
        real_swap(staging, out_dir, **kwargs)

    monkeypatch.setattr(output, "swap_in", swap_in)
    _replace(_report(archive, 0), "部署养老服务", "部署养老服务（修订）")
    report = _build(archive, live)
    assert report.in_place and report.rendered > 0
    assert seen_at_swap == [before]
    # The replaced live site is now the spare, still exactly as readers saw it.
    assert _readers_view(_spare(live)) == before


def test_build_failing_after_render_leaves_live_site_and_next_build_exact(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    before = _readers_view(live)
    CHANGES["delete"](archive)
    CHANGES["body"](archive)

    def fail(*_args, **_kwargs) -> None:
        raise RuntimeError("indexing crashed")

    with monkeypatch.context() as patch:
        patch.setattr(build_cache.BuildCache, "commit", fail)
        with pytest.raises(RuntimeError):
            _build(archive, live)
    assert _readers_view(live) == before
    assert not list(tmp_path.glob(".live-build-*"))
    again = _build(archive, live)
    assert not again.in_place  # the spare was discarded with the failed build
    assert _layout(live) == _clean_layout(archive, tmp_path)
    assert _build(archive, live).in_place


_KILL_WHILE_UPDATING = """
import os, signal, sys
from pathlib import Path
from site_src.build.cache import BuildCache
from site_src.output import writer as output
from site_src.pipeline import build_site

real_write = output.SiteWriter.write
real_claim = BuildCache.claim_spare
count = 0
claimed = []

def claim(self, staging):
    claimed.append(real_claim(self, staging))
    return claimed[-1]

def write(self, relpath, data):
    global count
    real_write(self, relpath, data)
    if claimed == [True] and relpath.endswith("index.html"):
        count += 1
        if count == 3:  # some files replaced, the rest not yet
            os.kill(os.getpid(), signal.SIGKILL)

output.SiteWriter.write = write
BuildCache.claim_spare = claim
build_site(Path(sys.argv[1]), Path(sys.argv[2]), search=False)
"""


def test_killed_while_updating_the_spare(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    before = _readers_view(live)
    CHANGES["body"](archive)
    CHANGES["delete"](archive)
    killed = subprocess.run(
        [sys.executable, "-c", _KILL_WHILE_UPDATING, str(archive), str(live)],
        cwd=fingerprint._SOURCES,
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert _readers_view(live) == before
    assert not _spare(live).exists()  # claimed by the dead build, under its staging name
    again = _build(archive, live)
    assert not again.in_place
    assert not list(tmp_path.glob(".live-build-*"))  # the dead build's folder is gone
    assert _layout(live) == _clean_layout(archive, tmp_path)
    assert _build(archive, live).in_place


def _plant_extra_file(spare: Path) -> None:
    (spare / "2022" / "stray.html").write_text("<p>put here by hand</p>", "utf-8")


def _plant_empty_folder(spare: Path) -> None:
    (spare / "2022" / "empty").mkdir()


def _modify_in_place(spare: Path) -> None:
    page = spare / "2022" / "01" / "report-000" / "index.html"
    with page.open("r+b") as f:  # same inode, same size, new bytes
        f.write(b"<!-- x -->")


def _replace_file(spare: Path) -> None:
    page = spare / "2022" / "01" / "report-000" / "index.html"
    data = page.read_bytes()
    page.unlink()
    page.write_bytes(data.replace(b"</body>", b"<p>stray</p></body>"))


def _remove_file(spare: Path) -> None:
    (spare / "2022" / "01" / "report-000" / "index.html").unlink()


def _symlink(spare: Path) -> None:
    (spare / "2022" / "link.html").symlink_to(spare / "index.html")


def _search_bundle_as_file(spare: Path) -> None:
    (spare / "pagefind").write_text("not a bundle", "utf-8")


def _corrupt_manifest(spare: Path) -> None:
    (spare.parent / build_cache.SPARE_MANIFEST).write_text('{"site": [1, 2', "utf-8")


def _missing_manifest(spare: Path) -> None:
    (spare.parent / build_cache.SPARE_MANIFEST).unlink()


def _manifest_of_the_live_site(spare: Path) -> None:
    manifest = spare.parent / build_cache.MANIFEST
    (spare.parent / build_cache.SPARE_MANIFEST).write_bytes(manifest.read_bytes())


TAMPERING = {
    f.__name__.lstrip("_"): f
    for f in (
        _plant_extra_file,
        _plant_empty_folder,
        _modify_in_place,
        _replace_file,
        _remove_file,
        _symlink,
        _search_bundle_as_file,
        _corrupt_manifest,
        _missing_manifest,
        _manifest_of_the_live_site,
    )
}


@pytest.mark.parametrize("tamper", sorted(TAMPERING))
def test_tampered_spare_is_not_trusted(tmp_path: Path, archive: Path, tamper: str) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    TAMPERING[tamper](_spare(live))
    CHANGES["body"](archive)
    report = _build(archive, live)
    assert not report.in_place
    assert _layout(live) == _clean_layout(archive, tmp_path)
    # A file changed in place in the spare may be a hard link shared with the
    # live site, which then becomes an untrusted spare too: one more fallback.
    for _ in range(2):
        report = _build(archive, live)
        assert _layout(live) == _clean_layout(archive, tmp_path)
    assert report.in_place  # trusted again


def test_stray_file_in_the_live_site_does_not_survive(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    (live / "stray.html").write_text("<p>put here by hand</p>", "utf-8")
    _build(archive, live)  # in place: the live site with the stray becomes the spare
    report = _build(archive, live)
    assert not report.in_place
    assert _layout(live) == _clean_layout(archive, tmp_path)


def test_spare_with_search_bundle_is_updated_without_it(tmp_path: Path, archive: Path) -> None:
    """A spare from a build with search: its bundle is dropped, a --no-search build has none."""
    live = tmp_path / "live"
    _warm(archive, live)
    bundle = _spare(live) / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind.js").write_text("old index", "utf-8")
    report = _build(archive, live)
    assert report.in_place
    assert not (live / "pagefind").exists()
    assert _layout(live) == _clean_layout(archive, tmp_path)


def test_code_change_rewrites_every_page_of_the_spare(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    base_url = "https://example.org/archive/"
    report = _build(archive, live, base_url=base_url)
    assert report.in_place and report.reused == 0
    assert _layout(live) == _clean_layout(archive, tmp_path, base_url=base_url)
    # The spare's digests are from other code: its pages are linked from the live site.
    report = _build(archive, live, base_url=base_url)
    assert report.in_place and report.rendered == 0
    assert _layout(live) == _clean_layout(archive, tmp_path, base_url=base_url)


def test_two_builds_cannot_both_claim_the_spare(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    first = build_cache.BuildCache(live, "any fingerprint")
    second = build_cache.BuildCache(live, "any fingerprint")
    assert first.claim_spare(tmp_path / "first")
    assert not second.claim_spare(tmp_path / "second")
    assert first.spare is not None and second.spare is None


def test_in_place_build_with_search_writes_a_fresh_index(tmp_path: Path, archive: Path) -> None:
    """The spare's Pagefind bundle is dropped; the new one indexes the updated pages."""
    live = tmp_path / "live"
    for _ in range(2):
        build_site(archive, live, search=True)
    CHANGES["delete"](archive)
    report = build_site(archive, live, search=True)
    assert report.in_place and report.search is not None
    assert report.search.pages == ARTICLES - 1  # the deleted report is not indexed
    assert (live / "pagefind" / "pagefind.js").is_file()
    assert _layout(live) == _clean_layout(archive, tmp_path)
    assert not list(live.glob(".pagefind-shadow-*"))


def test_deleted_live_site_is_rebuilt_from_the_spare(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _warm(archive, live)
    shutil.rmtree(live)
    CHANGES["body"](archive)
    report = _build(archive, live)
    assert report.in_place and report.rendered > 0
    assert _layout(live) == _clean_layout(archive, tmp_path)
    assert not _spare(live).exists()  # nothing was replaced, so there is no spare now


def test_build_clean_forgets_caches_and_renders_everything(
    tmp_path: Path, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --clean`: the escape hatch when an editor distrusts the caches."""
    live = tmp_path / "live"
    _build(archive, live)
    _build(archive, live)  # now a spare copy exists too
    assert (cache_dir(live) / build_cache.SPARE).is_dir()
    reference = _tree(live)

    code = pipeline.run_build(
        archive, live, base_url="/", search=False, strict=False, clean=True
    )
    summary = capsys.readouterr().err
    assert code == 0
    assert " 0 unchanged reused" in summary and "in place" not in summary
    assert _tree(live) == reference


def test_the_summary_counts_add_up(
    tmp_path: Path, archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """files = rendered + reused = what is in the folder (issue 16: counts that add up)."""
    live = tmp_path / "live"
    for _ in range(2):  # a fresh build, then one that reuses everything
        assert pipeline.run_build(archive, live, base_url="/", search=False, strict=False,
                                  clean=False) == 0
        summary = capsys.readouterr().err
        found = re.search(r": (\d+) files \((\d+) HTML pages\) besides the search index, "
                          r"(\d+) rendered by \d+ process\(es\), (\d+) unchanged reused", summary)
        assert found, summary
        files, html, rendered, reused = map(int, found.groups())
        on_disk = [p for p in live.rglob("*") if p.is_file() and p.name != ".minzheng-site"]
        assert files == rendered + reused == len(on_disk)
        assert html == sum(1 for p in on_disk if p.suffix == ".html")
