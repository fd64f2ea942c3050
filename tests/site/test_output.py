"""Writing output: path safety, one writer per file, atomic swap, crash recovery."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_src.output import (
    MARKER,
    OutputError,
    SiteWriter,
    page_file,
    recover,
    safe_join,
    staged_output,
    swap_in,
)

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
def test_safe_join_refuses_escaping_paths(tmp_path: Path, bad: str):
    with pytest.raises(OutputError):
        safe_join(tmp_path, bad)


def test_safe_join_refuses_symlink_escape(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(OutputError):
        safe_join(root, "link/x.html")


def test_safe_join_accepts_normal_paths(tmp_path: Path):
    assert safe_join(tmp_path, "2024/03/x/index.html") == tmp_path / "2024/03/x/index.html"


def test_page_file():
    assert page_file("") == "index.html"
    assert page_file("2024/03/x/") == "2024/03/x/index.html"
    assert page_file("404.html") == "404.html"


def test_two_pages_may_not_write_one_file(tmp_path: Path):
    writer = SiteWriter(tmp_path)
    writer.write_page("a/", "one")
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


def test_refuses_to_build_over_the_content_folder(tmp_path: Path):
    content = tmp_path / "site" / "content"
    content.mkdir(parents=True)
    with pytest.raises(OutputError, match="contains"), staged_output(tmp_path / "site", (content,)):
        pass


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
    # Only the site and its incremental-build cache (site_src/incremental.py) remain.
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
