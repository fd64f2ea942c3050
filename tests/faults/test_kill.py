"""SIGKILL of `build` at every step: the live site stays whole, the next build is exact.

A recorded rebuild lists the build's changes to the file system as audit
events (tests/faults/inject.py), classed by what they touch. The build is then
killed at the first and the last event of every class — staging folder
created, first and last page written, pages linked from the live site, the
spare claimed, the cache written, Pagefind started, the swap, the old site
moved away — one after the other on the same project, so each build also has
to clean up after the previous killed one. After every kill the live site is
exactly the old one or exactly the new one; never a mix, never missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import REPO
from tests.faults.conftest import run, tree_digest, without_search

KILLER = [sys.executable, "-m", "tests.faults.inject"]
ARTICLE = "undated/zhejiang-2.md"


def _killed_build(project: Path, plan: str) -> int:
    env = {"FAULT_KILL_AT": plan, "FAULT_ROOT": str(project), "PYTHONPATH": str(REPO)}
    return run(["build", "--out", "public"], project, env=env, python=KILLER).returncode


def _kill_points(events: list[str]) -> list[str]:
    """First and last occurrence of every kind of change, in build order."""
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for line in events:
        event, kind, _n = line.split("|")
        first.setdefault(f"{event}|{kind}", line)
        last[f"{event}|{kind}"] = line
    points = list(first.values()) + [v for v in last.values() if v not in first.values()]
    order = {line: i for i, line in enumerate(events)}
    return sorted(points, key=order.__getitem__)


def test_sigkill_at_every_step_leaves_the_live_site_whole(project: Path, tmp_path: Path):
    article = project / "content" / ARTICLE
    versions = [article.read_text(encoding="utf-8")]
    versions.append(versions[0].replace("传达学习", "认真传达学习"))
    assert versions[1] != versions[0]
    expected = []
    for i, text in enumerate(versions):  # what each version's site is, built cleanly elsewhere
        article.write_text(text, encoding="utf-8")
        ref = run(["build", "--out", str(tmp_path / f"ref{i}"), "--no-search"], project)
        assert ref.returncode == 0, ref.stderr
        expected.append(without_search(tree_digest(tmp_path / f"ref{i}")))
    assert expected[0] != expected[1]
    live = project / "public"

    article.write_text(versions[0], encoding="utf-8")
    assert run(["build", "--out", "public"], project).returncode == 0
    article.write_text(versions[1], encoding="utf-8")
    record = tmp_path / "events.txt"
    assert _killed_build(project, f"record:{record}") == 0
    events = record.read_text(encoding="utf-8").split()
    points = _kill_points(events)
    assert any(p.startswith("subprocess.Popen|") for p in points), events  # Pagefind ran
    assert len(points) >= 8, points

    version, kills = 1, 0
    for point in points:
        before = tree_digest(live)
        version = 1 - version
        article.write_text(versions[version], encoding="utf-8")
        code = _killed_build(project, point)
        assert code in (-9, 0), (point, code)
        kills += code == -9
        after = tree_digest(live)
        if after != before:  # swapped in: then it is the whole new site, search included
            assert without_search(after) == expected[version], point
            assert "pagefind/pagefind-entry.json" in after, point
    assert kills >= len(points) * 3 // 4, (kills, points)
    print(f"{kills} kills at {len(points)} points of {len(events)} recorded changes")

    final = run(["build", "--out", "public"], project)
    assert final.returncode == 0, final.stderr
    assert without_search(tree_digest(live)) == expected[version]
    leftovers = [p.name for p in project.iterdir() if p.name not in ("content", "public")]
    assert leftovers == [".public-cache"], leftovers  # no staging folder survives
