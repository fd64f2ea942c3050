"""The runner's measurements must measure the child, not the runner itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.run import GNU_TIME, Sample, Step, _replace_section, measure, table

# Skipped only outside CI; with CI=true a missing GNU time is a failure (.ci/run installs it).
needs_gnu_time = pytest.mark.skipif(
    not Path(GNU_TIME).exists() and os.environ.get("CI") != "true",
    reason="GNU time missing (Debian: apt-get install time)",
)


def _allocate(mb: int) -> str:
    """Python source that really touches mb MiB (untouched pages would not count in RSS)."""
    return f"x = bytearray({mb} << 20); x[::4096] = b'1' * len(x[::4096])"


@needs_gnu_time
def test_memory_is_the_childs_not_the_runners() -> None:
    ballast = bytearray(300 << 20)  # make this process big; the child must not inherit it
    ballast[::4096] = b"1" * len(ballast[::4096])
    small = measure([sys.executable, "-c", "pass"])
    big = measure([sys.executable, "-c", _allocate(150)])
    del ballast
    assert small.ok and big.ok
    assert small.max_rss_mb < 60
    assert 150 <= big.max_rss_mb < 250
    assert big.tree_mb >= big.max_rss_mb
    assert big.cpu_seconds > 0


@needs_gnu_time
def test_tree_memory_counts_every_process() -> None:
    child = f"import time; {_allocate(100)}; time.sleep(1)"
    script = (
        "import subprocess, sys\n"
        f"procs = [subprocess.Popen([sys.executable, '-c', {child!r}]) for _ in range(2)]\n"
        "[p.wait() for p in procs]\n"
    )
    sample = measure([sys.executable, "-c", script])
    assert sample.ok
    assert sample.max_rss_mb < 150  # the largest single process
    assert sample.tree_mb >= 200  # both workers at once


@needs_gnu_time
def test_failure_is_reported_with_its_error() -> None:
    sample = measure([sys.executable, "-c", "import sys; sys.exit('broken build')"])
    assert not sample.ok
    assert "broken build" in sample.error


def test_results_sections_are_replaced_in_place() -> None:
    text = "# Results\n\nanalysis by hand\n"
    once = _replace_section(text, "n1000", "table A")
    twice = _replace_section(once + "\nmore analysis\n", "n1000", "table B")
    assert "table A" not in twice and "table B" in twice
    assert twice.count("<!-- bench:n1000 -->") == 1
    assert "analysis by hand" in twice and "more analysis" in twice


def test_table_gives_ratios_of_medians() -> None:
    step = Step("full build")
    step.ours = [Sample(s, s, 100, 120, True) for s in (3.0, 1.0, 2.0)]
    step.hugo = [Sample(s, s / 2, 200, 240, True) for s in (4.0, 8.0, 6.0)]
    row = table([step]).splitlines()[-1]
    assert "| **0.33** | **0.67** | **0.50** |" in row  # time 2/6, CPU 2/3, memory 120/240


def test_full_build_starts_without_our_caches(tmp_path: Path) -> None:
    """A "full build" must not reuse the previous run's manifest, content cache or spare."""
    from bench.run import _clean_out

    out = tmp_path / "out-ours"
    (out / "a").mkdir(parents=True)
    for sibling in (".out-ours-cache", ".out-ours-spare"):
        (tmp_path / sibling).mkdir()
        (tmp_path / sibling / "x").write_text("stale")
    (tmp_path / "out-hugo").mkdir()
    _clean_out(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-hugo"]
