"""An incremental build must equal a clean full build byte for byte, whatever changed.

Each case builds a synthetic archive, lets the next build reuse it, makes one
change (content, code/template/static file, base URL) and compares the result
with a fresh build of the same input into an empty folder (except `pagefind/`,
which these builds do not create). It also checks that the rebuild was really
incremental: pages the change cannot affect were reused, not rendered again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_src import incremental, parallel
from site_src.incremental import cache_dir
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


CODE_FILES = ["templates/article.html", "static/style.css", "site_src/render.py"]


@pytest.mark.parametrize("changed", CODE_FILES)
def test_code_template_or_static_change_rerenders_everything(
    tmp_path: Path, archive: Path, monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    # A copy of the code's folders, so the real files are never edited.
    sources = tmp_path / "sources"
    for folder in ("site_src", "templates", "static"):
        shutil.copytree(incremental._SOURCES / folder, sources / folder)
    monkeypatch.setattr(incremental, "_SOURCES", sources)
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
    assert (cache_dir(live) / incremental.MANIFEST).is_file()
    assert cache_dir(live).parent == live.parent
    assert not any("manifest" in p.name for p in live.rglob("*"))


def test_manifest_of_another_site_is_ignored(tmp_path: Path, archive: Path) -> None:
    live = tmp_path / "live"
    _build(archive, live)
    manifest = (cache_dir(live) / incremental.MANIFEST).read_bytes()
    # The site is replaced behind the manifest's back (e.g. a crash after the swap).
    shutil.rmtree(live)
    _replace(_report(archive, 20), "部署养老服务", "部署养老服务（修订）")
    _build(archive, live)
    (cache_dir(live) / incremental.MANIFEST).write_bytes(manifest)
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
