"""Writing output: path safety, one writer per file, atomic swap, crash recovery."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_src.build.cache import MANIFEST, SPARE, SPARE_MANIFEST, BuildCache, cache_dir
from site_src.output.files import folders_of, scan_site
from site_src.output.swap import (
    MARKER,
    check_out_dir,
    marker_identity,
    recover,
    staged_output,
    swap_in,
)
from site_src.output.writer import OutputError, SiteWriter, page_file

REPO = Path(__file__).resolve().parents[2]


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "bad", ["../x", "a/../../x", "/etc/passwd", "a\\b", "", "a//b", "./a", "a/./b", "x\x00"]
)
def test_writer_refuses_escaping_paths(tmp_path: Path, bad: str):
    (tmp_path / "root").mkdir()
    with pytest.raises(OutputError, match="unsafe"):
        SiteWriter(tmp_path / "root").write(bad, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]


def test_page_file():
    assert page_file("") == "index.html"
    assert page_file("2024/03/x/") == "2024/03/x/index.html"
    assert page_file("404.html") == "404.html"


def test_two_pages_may_not_write_one_file(tmp_path: Path):
    writer = SiteWriter(tmp_path)
    writer.write(page_file("a/"), "one")
    with pytest.raises(OutputError, match="same file"):
        writer.write("a/index.html", "two")


def make_previous_site(out: Path) -> dict[str, str]:
    with staged_output(out) as writer:
        writer.write("index.html", "old home")
        writer.write("2024/03/x/index.html", "old article")
    return snapshot(out)


def test_failure_mid_build_leaves_previous_site_intact(tmp_path: Path):
    out = tmp_path / "public"
    before = make_previous_site(out)
    with pytest.raises(RuntimeError), staged_output(out) as writer:
        writer.write("index.html", "new home")
        raise RuntimeError("renderer crashed")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # staging removed


def test_success_replaces_the_whole_site(tmp_path: Path):
    out = tmp_path / "public"
    make_previous_site(out)
    with staged_output(out) as writer:
        writer.write("index.html", "new home")
    assert (out / "index.html").read_text() == "new home"
    assert not (out / "2024").exists()  # stale pages from the old build are gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


@pytest.mark.parametrize("use_exchange", [True, False])
def test_swap_in_both_strategies(tmp_path: Path, use_exchange: bool):
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.txt").write_text("old")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "new.txt").write_text("new")
    swap_in(staging, out, use_exchange=use_exchange)
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_recover_restores_a_site_moved_away_by_a_crash_between_renames(tmp_path: Path):
    out = tmp_path / "public"
    old = tmp_path / ".public-old-12345"
    old.mkdir()
    (old / "index.html").write_text("previous")
    dead_staging = tmp_path / ".public-build-999999999-abcd"
    dead_staging.mkdir()
    recover(out)
    assert (out / "index.html").read_text() == "previous"
    assert not old.exists()
    assert not dead_staging.exists()


def test_recover_keeps_staging_of_a_live_build(tmp_path: Path):
    live = tmp_path / f".public-build-{os.getpid()}-abcd"
    live.mkdir()
    recover(tmp_path / "public")
    assert live.exists()


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "precious.md").write_text("keep me")
    with pytest.raises(OutputError, match="not built by this tool"), staged_output(out):
        pass
    assert (out / "precious.md").read_text() == "keep me"


def test_refuses_to_build_over_the_content_folder(tmp_path: Path, monkeypatch):
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "site")
    for out in (tmp_path / "site", tmp_path, Path("/"), Path("."), content, content / "site"):
        with pytest.raises(OutputError, match="refusing"):
            check_out_dir(out, content)
    assert check_out_dir(Path("public"), content) == tmp_path / "site" / "public"


def test_symlinked_out_dir_keeps_pointing_at_the_new_site(tmp_path: Path):
    real = tmp_path / "real-public"
    make_previous_site(real)
    link = tmp_path / "public"
    link.symlink_to(real)
    with staged_output(link) as writer:
        writer.write("index.html", "new home")
    assert link.is_symlink()
    assert (link / "index.html").read_text() == "new home"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "real-public"]


def test_marker_is_written(tmp_path: Path):
    out = tmp_path / "public"
    with staged_output(out) as writer:
        writer.write("index.html", "x")
    assert (out / MARKER).exists()


def _write_many_articles(content: Path, count: int) -> None:
    for i in range(count):
        month, day = i % 12 + 1, i % 28 + 1
        path = content / "2024" / f"{month:02d}" / f"report-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(f"第{j}段，会议强调要推进养老服务体系建设。" * 8 for j in range(12))
        path.write_text(
            f"---\ntitle: 报道第{i}号\ndate: 2024-{month:02d}-{day:02d}\nprovince: 浙江省\n"
            f"leaders: [陈斌]\nspeakers: []\nsource: 浙江省民政厅\n---\n\n{body}\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("search", [False, True], ids=["render", "indexing"])
def test_killed_build_leaves_previous_site_intact_and_complete(tmp_path: Path, search: bool):
    """SIGKILL a real `python build.py build` mid-way; public/ must be the old site."""
    content = tmp_path / "content"
    _write_many_articles(content, 3)
    out = tmp_path / "public"
    command = [
        sys.executable,
        str(REPO / "build.py"),
        "build",
        "--content",
        str(content),
        "--out",
        str(out),
    ]
    subprocess.run([*command, "--no-search"], check=True, capture_output=True, cwd=tmp_path)
    before = snapshot(out)
    assert "index.html" in before

    _write_many_articles(content, 300)  # a build big enough to be caught in the act
    process = subprocess.Popen(
        [*command] + ([] if search else ["--no-search"]),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    caught = False
    while time.monotonic() < deadline and process.poll() is None:
        staging = list(tmp_path.glob(".public-build-*"))
        if search:  # Pagefind is reading its shadow copy or writing its bundle
            busy = any(
                list(s.glob(".pagefind-shadow-*")) or (s / "pagefind").exists() for s in staging
            )
        else:  # pages are being written
            busy = any((s / "2024").exists() for s in staging)
        if busy:
            os.killpg(process.pid, signal.SIGKILL)
            caught = True
            break
        time.sleep(0.005)
    process.wait()
    assert caught, "the build finished before it could be killed; make it bigger"
    assert snapshot(out) == before

    # The next build cleans up the dead build's staging folder and succeeds.
    subprocess.run([*command, "--no-search"], check=True, capture_output=True, cwd=tmp_path)
    # Only the site and its incremental-build cache (site_src/build/cache.py) remain.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public-cache", "content", "public"]
    assert (out / "2024" / "01" / "report-0300" / "index.html").exists() is False
    assert (out / "2024" / "01" / "report-0288" / "index.html").exists()


def test_writer_refuses_a_symlinked_folder_inside_its_root(tmp_path: Path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "2024").symlink_to(outside)
    writer = SiteWriter(root)
    with pytest.raises(OutputError, match="escapes"):
        writer.write("2024/03/x/index.html", "<p>")
    with pytest.raises(OutputError, match="unsafe"):
        writer.write("../x.html", "<p>")
    assert list(outside.iterdir()) == []


def test_link_from_skips_symlinks_and_missing_files(tmp_path: Path):
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    (live / "a" / "index.html").write_text("old page")
    (live / "b").mkdir()
    (live / "b" / "index.html").symlink_to(tmp_path / "secret")
    (tmp_path / "secret").write_text("secret")
    staging.mkdir()
    writer = SiteWriter(staging)
    assert writer.link_from(live, "a/index.html")
    assert (staging / "a" / "index.html").stat().st_ino == (live / "a" / "index.html").stat().st_ino
    assert not writer.link_from(live, "b/index.html")
    assert not (staging / "b" / "index.html").exists()
    assert not writer.link_from(live, "c/index.html")
    assert list(writer.written) == ["a/index.html"]
    assert writer.written["a/index.html"][0] == 8


# ------------------------------------------------------------ the spare copy


@pytest.mark.parametrize("use_exchange", [True, False])
def test_swap_in_keeps_the_previous_site_when_asked(tmp_path: Path, use_exchange: bool):
    out, staging, keep = tmp_path / "public", tmp_path / "staging", tmp_path / "cache" / "spare"
    out.mkdir()
    (out / "old.txt").write_text("old")
    staging.mkdir()
    (staging / "new.txt").write_text("new")
    keep.parent.mkdir()
    swap_in(staging, out, use_exchange=use_exchange, keep=keep)
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    assert [p.name for p in keep.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "public"]


def test_swap_in_deletes_the_previous_site_if_a_spare_is_already_there(tmp_path: Path):
    out, staging, keep = tmp_path / "public", tmp_path / "staging", tmp_path / "spare"
    for folder, name in ((out, "old.txt"), (staging, "new.txt"), (keep, "other.txt")):
        folder.mkdir()
        (folder / name).write_text(name)
    swap_in(staging, out, keep=keep)
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    assert [p.name for p in keep.iterdir()] == ["other.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "spare"]


def _record(out: Path, folder: Path) -> None:
    """Write the spare's record (spare.json) as describing `folder`, as a build would."""
    found = scan_site(folder)
    assert found is not None
    pages = {relpath: "digest" for relpath in found[0] if relpath.endswith(".html")}
    data = {"fingerprint": "fp", "site": marker_identity(folder), "files": found[0],
            "pages": pages}
    (cache_dir(out) / SPARE_MANIFEST).write_text(json.dumps(data), "utf-8")


def _site_with_spare(out: Path) -> None:
    cache_dir(out).mkdir(parents=True)
    for home in ("first", "second"):
        with staged_output(out, keep=cache_dir(out) / SPARE) as writer:
            writer.write("index.html", home)
            writer.write("2024/03/x/index.html", "article")
    assert (cache_dir(out) / SPARE / "index.html").read_text() == "first"


def test_spare_that_matches_its_record_is_updated_in_place(tmp_path: Path):
    out = tmp_path / "public"
    _site_with_spare(out)
    spare = cache_dir(out) / SPARE
    _record(out, spare)
    kept_inode = (spare / "2024/03/x/index.html").stat().st_ino
    cache = BuildCache(out, "fp")
    with staged_output(out, reuse=cache.claim_spare) as writer:
        assert cache.spare is not None
        writer.write("index.html", "third")
        assert not cache.reuse(writer, "2024/03/x/index.html", "changed")  # must be rendered
        assert cache.reuse(writer, "2024/03/x/index.html", "digest")
        assert not cache.reuse(writer, "2024/04/y/index.html", "digest")  # not held
    assert (out / "index.html").read_text() == "third"
    assert (out / "2024/03/x/index.html").stat().st_ino == kept_inode


def test_spare_update_removes_stale_files_and_emptied_folders(tmp_path: Path):
    out = tmp_path / "public"
    _site_with_spare(out)
    _record(out, cache_dir(out) / SPARE)
    cache = BuildCache(out, "fp")
    with staged_output(out, reuse=cache.claim_spare) as writer:
        writer.write("index.html", "third")
        cache.prune(writer)
    assert snapshot(out).keys() == {MARKER, "index.html"}
    assert [p.name for p in out.iterdir() if p.is_dir()] == []


def test_spare_without_a_record_is_deleted_not_used(tmp_path: Path):
    out = tmp_path / "public"
    _site_with_spare(out)
    assert not BuildCache(out, "fp").claim_spare(tmp_path / "staging")
    assert not (cache_dir(out) / SPARE).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public-cache", "public"]


def test_spare_record_of_another_folder_is_refused(tmp_path: Path):
    out = tmp_path / "public"
    _site_with_spare(out)
    _record(out, out)  # the live site's files, not the spare's
    assert not BuildCache(out, "fp").claim_spare(tmp_path / "staging")


def test_cache_records_are_json_and_name_their_site(tmp_path: Path):
    out = tmp_path / "public"
    _site_with_spare(out)
    cache = BuildCache(out, "fp")
    with staged_output(out, keep=cache.spare_dir) as writer:
        writer.write("index.html", "third")
        cache.commit(writer, {"index.html": "digest"})
    data = json.loads((cache_dir(out) / MANIFEST).read_text("utf-8"))
    assert data["site"] == marker_identity(out) and data["pages"] == {"index.html": "digest"}
    assert sorted(p.name for p in cache_dir(out).iterdir()) == [MANIFEST, SPARE]


def test_scan_site_refuses_symlinks_and_lists_folders(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text("x")
    found = scan_site(tmp_path)
    assert found is not None
    files, folders = found
    assert list(files) == ["a/b/index.html"] and folders == {"a", "a/b"}
    assert folders_of(files) == folders
    (tmp_path / "a" / "link").symlink_to(tmp_path / "a" / "b")
    assert scan_site(tmp_path) is None


def test_write_over_an_existing_file_makes_a_new_inode(tmp_path: Path):
    """Files of the spare may be hard links shared with the live site."""
    shared = tmp_path / "live.html"
    shared.write_text("live")
    (tmp_path / "root").mkdir()
    os.link(shared, tmp_path / "root" / "page.html")
    SiteWriter(tmp_path / "root").write("page.html", "new")
    assert shared.read_text() == "live"
    assert (tmp_path / "root" / "page.html").read_text() == "new"
    assert sorted(p.name for p in (tmp_path / "root").iterdir()) == ["page.html"]


def test_link_from_refuses_a_live_file_changed_since_it_was_written(tmp_path: Path):
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    staging.mkdir()
    page = live / "a" / "index.html"
    page.write_text("as built")
    info = page.stat()
    recorded = (info.st_size, info.st_mtime_ns, info.st_ino)
    assert SiteWriter(staging).link_from(live, "a/index.html", expected=recorded)
    page.write_text("edited!!")  # same size, by hand, in place …
    # … and (whatever the clock's granularity) at a later time.
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert not SiteWriter(fresh).link_from(live, "a/index.html", expected=recorded)
    assert not (fresh / "a" / "index.html").exists()
