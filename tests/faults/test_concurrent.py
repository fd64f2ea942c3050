"""Two builds at once on one --out: each ends cleanly and the live site is one whole site."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.faults.conftest import run, tree_digest, without_search


def test_two_concurrent_builds_on_one_out(project: Path, tmp_path: Path):
    ref = run(["build", "--out", str(tmp_path / "ref"), "--no-search"], project)
    assert ref.returncode == 0, ref.stderr
    expected = without_search(tree_digest(tmp_path / "ref"))
    assert run(["build", "--out", "public"], project).returncode == 0
    for _round in range(2):  # once with no spare copy, once with one to claim
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda _: run(["build", "--out", "public"], project),
                                    range(2)))
        for result in results:
            assert result.returncode in (0, 1), result.stderr
            assert "Traceback" not in result.stderr, result.stderr
            if result.returncode == 1:  # the loser says why, in one line
                assert any(line.startswith("error: ") for line in result.stderr.splitlines())
        assert any(r.returncode == 0 for r in results), [r.stderr for r in results]
        live = tree_digest(project / "public")
        assert without_search(live) == expected
        assert "pagefind/pagefind-entry.json" in live
    final = run(["build", "--out", "public"], project)
    assert final.returncode == 0, final.stderr
    assert without_search(tree_digest(project / "public")) == expected
