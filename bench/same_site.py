"""Is the site byte-identical before and after a change? Build it with two commits and compare.

Each commit is exported with `git archive` into a scratch folder and run with
this project's Python (render only, no search: Pagefind's file names vary),
on the bundled content (with a base URL, so every link kind is exercised) and
on a synthetic archive from bench/generate.py. Exit 0 only if every file of
every site is identical.

Run: `.venv/bin/python -m bench.same_site --base main --n 2000`
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import click

REPO_ROOT = Path(__file__).resolve().parent.parent


def _export(commit: str, target: Path) -> Path:
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=REPO_ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _build(code: Path, content: Path, out: Path, base_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "MINZHENG_REEXEC": "1"}
    subprocess.run([sys.executable, "build.py", "build", "--content", str(content), "--out",
                    str(out), "--no-search", "--base-url", base_url],
                   cwd=code, env=env, check=True, capture_output=True)


def _differences(a: Path, b: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only."""
    found: list[str] = []
    compared = filecmp.dircmp(a, b)
    found += [f"only in {a}: {n}" for n in compared.left_only]
    found += [f"only in {b}: {n}" for n in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    found += [f"differs: {a / n}" for n in mismatch + errors]
    for sub in compared.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


@click.command()
@click.option("--base", default="main", show_default=True, help="Commit to compare against.")
@click.option("--head", default="HEAD", show_default=True, help="Commit to compare.")
@click.option("--n", default=2000, show_default=True, help="Synthetic reports (0: none).")
def main(base: str, head: str, n: int) -> None:
    """Build the bundled content and a synthetic archive with BASE and HEAD; compare."""
    with tempfile.TemporaryDirectory(prefix="same-site-") as scratch:
        work = Path(scratch)
        cases = [("bundled", REPO_ROOT / "content", "https://example.org/archive/")]
        if n:
            subprocess.run([sys.executable, "-m", "bench.generate", "--n", str(n), "--out",
                            str(work / "synthetic")], cwd=REPO_ROOT, check=True,
                           capture_output=True)
            cases.append((f"synthetic-{n}", work / "synthetic" / "content", "/"))
        codes = {side: _export(commit, work / f"code-{side}")
                 for side, commit in (("base", base), ("head", head))}
        failed = False
        for name, content, base_url in cases:
            outs = {side: work / f"{name}-{side}" for side in codes}
            for side, code in codes.items():
                _build(code, content, outs[side], base_url)
            differences = _differences(outs["base"], outs["head"])
            click.echo(f"{name}: " + ("identical" if not differences
                                      else f"{len(differences)} difference(s)"))
            for line in differences[:20]:
                click.echo(f"  {line}")
            failed |= bool(differences)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
