"""Issue 12.2 and 12.10: no exit 0 with a broken search bundle; Pagefind dies with the build.

A full disk made Pagefind leave its entry file, `pagefind.js` and the wasm at
0 bytes while exiting 0. The fake Pagefind here runs the real one, then empties
files the way failed writes do; the build must refuse to publish. A second fake
never finishes, so the build can be killed while Pagefind runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_src.search.bundle import BundleError, verify_bundle
from site_src.search.process import run_pagefind

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"

# Runs the real binary, then truncates the files named in $EMPTY (globs inside the bundle).
_TRUNCATING = """#!{python}
import glob, os, subprocess, sys
real = {real!r}
rc = subprocess.call([real, *sys.argv[1:]])
out = sys.argv[sys.argv.index("--output-path") + 1]
for pattern in os.environ["EMPTY"].split(","):
    for path in glob.glob(os.path.join(out, pattern)):
        open(path, "w").close()
sys.exit(rc)
"""

# Says it is the extended build, records its pid, then hangs like a slow index.
_HANGING = """#!{python}
import os, sys, time
print("Running Pagefind v1.5.2 (Extended)", flush=True)
with open(os.environ["PID_FILE"], "w") as f:
    f.write(str(os.getpid()))
time.sleep(600)
"""


def _real_binary() -> str:
    from pagefind.service import _must_get_executable

    return str(_must_get_executable().resolve())


def _fake(tmp_path: Path, name: str, template: str) -> Path:
    path = tmp_path / name
    path.write_text(template.format(python=sys.executable, real=_real_binary()), "utf-8")
    path.chmod(0o755)
    return path


def _build(out: Path, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "build.py", "build", "--content", str(CONTENT), "--out", str(out)],
        cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, **kwargs,
    )


@pytest.fixture(scope="module")
def good_bundle(tmp_path_factory) -> Path:
    """A real bundle of the bundled content (built once, copied by each test)."""
    out = tmp_path_factory.mktemp("good") / "public"
    proc = _build(out, {})
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return out / "pagefind"


def test_a_complete_bundle_passes(good_bundle: Path) -> None:
    shards = [good_bundle, *sorted(good_bundle.glob("shard-*"))]
    pages = sum(verify_bundle(shard) for shard in shards)
    assert pages == len(list(CONTENT.rglob("*.md")))


@pytest.mark.parametrize("victim", [
    "pagefind-entry.json", "pagefind.js", "wasm.*.pagefind", "*.pf_meta",
    "fragment/*.pf_fragment", "index/*.pf_index", "filter/*.pf_filter",
])
def test_an_empty_file_is_refused(good_bundle: Path, tmp_path: Path, victim: str) -> None:
    bundle = tmp_path / "pagefind"
    shutil.copytree(good_bundle, bundle)
    emptied = sorted(bundle.glob(victim))
    assert emptied, f"the bundle has no {victim}"
    emptied[0].write_bytes(b"")
    with pytest.raises(BundleError, match="empty"):
        verify_bundle(bundle)


def test_a_corrupt_or_missing_file_is_refused(good_bundle: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    shutil.copytree(good_bundle, bundle)
    fragment = sorted(bundle.glob("fragment/*"))[0]
    fragment.write_bytes(fragment.read_bytes()[:20])  # a write cut short
    with pytest.raises(BundleError, match="not a readable"):
        verify_bundle(bundle)
    shutil.rmtree(bundle)
    shutil.copytree(good_bundle, bundle)
    next(bundle.glob("*.pf_meta")).unlink()
    with pytest.raises(BundleError, match="missing"):
        verify_bundle(bundle)
    with pytest.raises(BundleError, match="pages"):
        verify_bundle(good_bundle, expected_pages=999)


def test_build_with_emptied_bundle_fails_and_keeps_the_live_site(tmp_path: Path) -> None:
    out = tmp_path / "public"
    first = _build(out, {})
    assert first.wait(timeout=300) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    fake = _fake(tmp_path, "pagefind_extended", _TRUNCATING)
    env = {"PAGEFIND_BINARY_PATH": str(fake), "EMPTY": "pagefind-entry.json,wasm.*.pagefind"}
    proc = _build(out, env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode != 0, "a build with a 0-byte search bundle exited 0"
    assert "search index is incomplete" in err and "empty" in err, err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the live site changed although the build failed"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (not yet reaped by init) is dead too
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_pagefind_ends_with_a_killed_build(tmp_path: Path, sig: signal.Signals) -> None:
    pid_file = tmp_path / "pagefind.pid"
    fake = _fake(tmp_path, "pagefind_extended", _HANGING)
    build = _build(tmp_path / "public", {"PAGEFIND_BINARY_PATH": str(fake),
                                         "PID_FILE": str(pid_file)})
    deadline = time.monotonic() + 120
    while not pid_file.exists() or not pid_file.read_text():
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.1)
    pagefind = int(pid_file.read_text())
    assert _alive(pagefind)
    build.send_signal(sig)
    build.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(pagefind) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pagefind):
        os.kill(pagefind, signal.SIGKILL)
        pytest.fail(f"Pagefind (pid {pagefind}) outlived the build killed with {sig.name}")


def test_pagefind_process_group_is_killed_when_interrupted(tmp_path: Path, monkeypatch) -> None:
    """In-process: an exception while waiting (Ctrl-C in `serve`) kills the group."""
    pid_file = tmp_path / "pagefind.pid"
    fake = _fake(tmp_path, "pagefind_extended", _HANGING)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    monkeypatch.setenv("PID_FILE", str(pid_file))

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.alarm(3)
        with pytest.raises(KeyboardInterrupt):
            run_pagefind(["--site", str(tmp_path)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    pagefind = int(pid_file.read_text())
    assert not _alive(pagefind), "Pagefind survived an interrupted index"
