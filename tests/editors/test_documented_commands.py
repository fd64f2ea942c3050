"""Every command the README and the guides show works as written, on a fresh copy.

A newcomer runs `make site`, then types what the docs show into a plain shell —
with the system Python, no activated venv. This test does exactly that: it
copies the project's tracked files (a fresh clone of the working tree), runs the
README's first command, then every `python build.py …` / `make …` line from the
fenced blocks of README.md, docs/editors.md, docs/importer.md and docs/site.md
(plus the README's inline `python build.py …`), and expects exit 0 and the
documented effect. `make test` is this suite, so it is the one line not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = ["README.md", "docs/editors.md", "docs/importer.md", "docs/site.md"]
PROMPT_ANSWER = re.compile(r"^(标题|日期|省份|城市|主持|发言|来源) [^:]*: ?(.*)$")
NOT_RUN = {"make test"}  # the suite itself
LONG_RUNNING = ("python build.py serve", "python -m http.server", ".venv/bin/python -m http.server")


def documented_commands() -> list[tuple[str, str, str | None]]:
    """(doc, command, stdin) for every command line the docs show, in order."""
    found: list[tuple[str, str, str | None]] = []
    for doc in DOCS:
        text = (REPO / doc).read_text(encoding="utf-8")
        for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.M | re.S):
            lines = block.replace("\\\n", " ").splitlines()
            for index, line in enumerate(lines):
                command = line.removeprefix("$ ").split("  #")[0].split(" # ")[0].strip()
                if not re.match(r"(python |make |\.venv/bin/)", command):
                    continue
                stdin = None
                if command == "python build.py new":  # the transcript's answers, typed
                    answers = [m.group(2) for later in lines[index + 1:]
                               if (m := PROMPT_ANSWER.match(later))]
                    stdin = "\n".join(answers) + "\n"
                found.append((doc, re.sub(r"\s+", " ", command), stdin))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found += [("README.md", c, None) for c in re.findall(r"`(python build\.py [^`]+)`", readme)
              if "…" not in c and "COMMAND" not in c]
    seen: set[str] = set()  # a command shown twice is run once (with its transcript, if any)
    return [entry for entry in found if not (entry[1] in seen or seen.add(entry[1]))]


def _fresh_copy(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / os.fsdecode(name)
        if source.is_file() and not source.is_symlink():
            (target / source.relative_to(REPO)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / source.relative_to(REPO))


def _plain_shell_env() -> dict[str, str]:
    """A user's shell: no venv activated, the system Python first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    return env


def _run_server(command: str, cwd: Path, env: dict[str, str]) -> str:
    port_free = command.replace("--port 0", "").replace(" 8000", " 0") + (
        " --port 0" if "build.py serve" in command else "")
    process = subprocess.Popen(["bash", "-c", f"exec {port_free}"], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        output = ""
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            output += line
            if "Serving" in line or "serving" in line.lower():
                return output
            if not line and process.poll() is not None:
                break
        raise AssertionError(f"{command!r} never said it was serving:\n{output}")
    finally:
        process.terminate()
        process.wait(timeout=20)


def _write_the_text(article: Path) -> None:
    """What the guide tells the editor to do after `new`: write the report below `---`."""
    text = article.read_text(encoding="utf-8")
    if text.rstrip().endswith("---"):
        article.write_text(text + "会议传达学习了有关精神。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def fresh_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("fresh-clone")
    _fresh_copy(project)
    make = subprocess.run(["make", "site"], cwd=project, env=_plain_shell_env(),
                          capture_output=True, text=True, timeout=900)
    assert make.returncode == 0, make.stdout + make.stderr
    assert (project / "public/index.html").exists()
    assert "preview" in make.stdout
    return project


def test_the_docs_show_commands_worth_checking() -> None:
    commands = [c for _doc, c, _stdin in documented_commands()]
    assert "make site" in commands
    assert "python build.py check" in commands
    assert any(c.startswith("python build.py import") for c in commands)
    assert any(c.startswith("python build.py build") for c in commands)


def test_every_documented_command_works_as_written(fresh_project: Path) -> None:
    env = _plain_shell_env()
    failures = []
    for doc, command, stdin in documented_commands():
        if command in NOT_RUN:
            continue
        if command.startswith(LONG_RUNNING):
            _run_server(command, fresh_project, env)
            continue
        run = subprocess.run(["bash", "-c", command], cwd=fresh_project, env=env, input=stdin,
                             capture_output=True, text=True, timeout=600)
        if run.returncode == 0 and command.startswith("python build.py new"):
            printed = run.stdout.strip().splitlines()[-1]  # prompts share the line without a tty
            _write_the_text(fresh_project / printed[printed.index("content/"):])
        if run.returncode != 0:
            failures.append(f"{doc}: `{command}` exited {run.returncode}:\n"
                            f"{run.stdout[-1500:]}{run.stderr[-1500:]}")
    assert not failures, "\n\n".join(failures)
    # The documented effects: the articles `new` made pass `check`, nothing went missing.
    check = subprocess.run(["bash", "-c", "python build.py check"], cwd=fresh_project, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert (fresh_project / "content/2024/03/zhejiang-0314-2.md").exists()  # the transcript's


def test_build_py_names_what_is_missing_when_the_packages_are_not_installed() -> None:
    """Without the project's packages (here: no site-packages at all, `-S`), build.py
    says what to run instead of a traceback."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-S", str(root / "build.py"), "--help"],
                          capture_output=True, text=True, cwd=root,
                          env={**os.environ, "MINZHENG_REEXEC": "1"})
    assert done.returncode == 1
    assert "is not installed for" in done.stderr and "make site" in done.stderr
    assert "Traceback" not in done.stderr
