"""`serve` under stress: stops on SIGTERM at once, even mid-build, with idle clients
connected; an output folder it cannot write is one line in the terminal, not a crash
(issues 12.8, 12.12)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO
from tests.faults.conftest import small_disk

STOP_WITHIN = 5.0


def _start(project: Path, *extra: str, env: dict | None = None, python=None):
    command = [*(python or [sys.executable, str(REPO / "build.py")]), "serve", "--port", "0",
               *extra]
    return subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})


def _url(server: subprocess.Popen) -> str:
    """The address from "Serving on http://127.0.0.1:PORT/ …" (after the build's summary)."""
    for line in server.stdout:
        if line.startswith("Serving on "):
            return line.split()[2]
    server.kill()
    raise AssertionError("serve ended without serving: " + server.stderr.read())


def _stop(server: subprocess.Popen) -> tuple[int, float, str]:
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    return code, time.monotonic() - started, server.stderr.read()


def test_sigterm_stops_serve_promptly_with_idle_and_streaming_clients(project: Path):
    server = _start(project)
    url = _url(server)
    host, port = url.split("/")[2].split(":")
    idle = socket.create_connection((host, int(port)))  # connects, sends nothing
    stream = urllib.request.urlopen(url + "__livereload", timeout=10)  # noqa: S310
    assert stream.readline() == b"event: build\n"
    code, took, stderr = _stop(server)
    idle.close()
    stream.close()
    assert code == 0, stderr
    assert took < STOP_WITHIN, took
    assert "Traceback" not in stderr


def test_sigterm_during_the_first_build_stops_it(project: Path):
    server = _start(project)
    time.sleep(1.0)  # importing and building the site takes longer than this
    assert server.poll() is None
    code, took, stderr = _stop(server)
    assert code in (0, -signal.SIGTERM), stderr  # before its handler is set: the default
    assert took < STOP_WITHIN, took
    assert "Traceback" not in stderr


def test_sigterm_in_the_middle_of_a_rebuild_stops_it(project: Path, tmp_path: Path):
    """A rebuild stuck on a slow disk: SIGTERM must not wait for it to finish."""
    slow = tmp_path / "slow-now"
    env = {"FAULT_SLOW_IF": str(slow), "FAULT_ROOT": str(project), "PYTHONPATH": str(REPO)}
    server = _start(project, "--out", str(project / "site"), env=env,
                    python=[sys.executable, "-m", "tests.faults.inject"])
    _url(server)
    slow.touch()
    article = project / "content/undated/zhejiang-2.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    deadline = time.monotonic() + 60  # the watcher's debounce, then the rebuild starts
    while not Path(f"{slow}.sleeping").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Path(f"{slow}.sleeping").exists(), "the rebuild never started"
    assert server.poll() is None
    code, took, stderr = _stop(server)
    assert code == 0, stderr
    assert took < STOP_WITHIN, took
    assert "Traceback" not in stderr


def test_an_output_folder_on_a_read_only_disk_is_one_line_and_serve_keeps_running(
        project: Path, tmp_path: Path):
    with small_disk(tmp_path / "disk", "1m") as disk:
        if disk is None:
            print("simulated: EROFS injected (tmpfs cannot be mounted here)")
            out = project / "ro-site"
            env = {"FAULT_FAIL_AT": "EROFS|*|1", "FAULT_ROOT": str(project),
                   "PYTHONPATH": str(REPO)}
            server = _start(project, "--out", str(out), env=env,
                            python=[sys.executable, "-m", "tests.faults.inject"])
        else:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            out = disk / "site"
            server = _start(project, "--out", str(out))
        url = _url(server)
        try:
            urllib.request.urlopen(url, timeout=10)  # noqa: S310
            status, page = 200, ""
        except urllib.error.HTTPError as error:
            status, page = error.code, error.read().decode()
        code, took, stderr = _stop(server)
    assert status == 500 and "Read-only file system" in page
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert errors and "Read-only file system — " in errors[0], stderr
    assert "Traceback" not in stderr and "build crashed" not in stderr
    assert code == 0 and took < STOP_WITHIN
