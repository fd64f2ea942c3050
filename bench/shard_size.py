"""Which shard size? Full build, edit-one rebuild and first search per size (issue 17).

For each `--pages` value (MINZHENG_SHARD_PAGES) it builds the archive of
bench/search_bench.py from nothing with search, rebuilds after editing the
report in the middle of the archive (as search_bench does), then measures the
first searches of bench/first_search.py (opened by link) on the built site:
KB until the first results are drawn and KB of the complete answer (the older
shards merged in), the largest over the queries. One run per size; Hugo is not
run again (its figures are in bench/SEARCH.md).

Run: `nice -n 10 .venv/bin/python -m bench.shard_size --pages 500 --pages 1000 --pages 2500`
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bench.run import measure
from bench.search_bench import WORK, _checked, _corpus, _fresh
from site_src.search.shards import indexed, plan_shards, read_pages

EDIT = "\n\n新增一段用于测试增量构建的文字。\n"


def touched_shard(site: Path, pages: int, edited: Path, content: Path) -> tuple[int, int]:
    """(number of shards, pages in the shard holding the edited report)."""
    shards = plan_shards(indexed(read_pages(site)), pages)
    rel = edited.relative_to(content).with_suffix("").as_posix() + "/"
    holding = [s for s in shards if any(p.relpath.startswith(rel) for p in s.pages)]
    return len(shards), len(holding[0].pages) if holding else -1


def first_search(content: Path, site: Path) -> tuple[int, int]:
    """(largest KB until first results, largest KB of the complete answer) over the queries."""
    from playwright.sync_api import sync_playwright

    from bench.first_search import CHROMIUM, CHROMIUM_ARGS, measure_first_search, pick_queries
    from bench.first_search import serve as serve_site

    first, complete = 0, 0
    with serve_site(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _, query in pick_queries(content):
                t = measure_first_search(browser, server.url, query, how="link", server=server)
                first = max(first, t.total)
                complete = max(complete, t.total + sum(t.late.values()))
        finally:
            browser.close()
    return first, complete


def bench_size(pages: int, n: int) -> dict[str, object]:
    corpus = _corpus(n)
    content = corpus / "content"
    site = WORK / f"shards-{pages}" / "public"
    site.parent.mkdir(parents=True, exist_ok=True)
    _fresh(site)
    os.environ["MINZHENG_SHARD_PAGES"] = str(pages)
    build = [sys.executable, "build.py", "build", "--content", str(content), "--out", str(site)]
    full = _checked(measure(build), "full build")
    reports = sorted(content.rglob("*.md"))
    edited = reports[len(reports) // 2]
    original = edited.read_bytes()
    edited.write_bytes(original + EDIT.encode())
    try:
        edit = _checked(measure(build), "rebuild after an edit")
        count, touched = touched_shard(site, pages, edited, content)
    finally:
        edited.write_bytes(original)
    first, complete = first_search(content, site)
    return {"pages": pages, "full": full, "edit": edit, "shards": count, "touched": touched,
            "first": first, "complete": complete, "load": os.getloadavg()}


def row(r: dict) -> str:
    full, edit = r["full"], r["edit"]
    load = "/".join(f"{x:.1f}" for x in r["load"])
    return (f"| {r['pages']:,} | {r['shards']} | {full.cpu_seconds:.1f} | {full.seconds:.1f} | "
            f"{edit.cpu_seconds:.1f} | {edit.seconds:.1f} | {r['touched']:,} | "
            f"{r['first'] / 1000:.1f} | {r['complete'] / 1000:.1f} | "
            f"{max(full.max_rss_mb, edit.max_rss_mb):,.0f} | {load} |")


HEADER = (
    "| shard pages | shards | full build CPU s | full build wall s | edit-one CPU s | "
    "edit-one wall s | pages re-indexed | first results KB (max) | complete answer KB (max) | "
    "peak RSS MB | load 1/5/15 |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


@click.command()
@click.option("--pages", "sizes", multiple=True, type=int, default=(500, 1000, 2500),
              show_default=True)
@click.option("--n", default=10000, show_default=True)
def main(sizes: tuple[int, ...], n: int) -> None:
    """One run per shard size, one after another; prints a Markdown table."""
    rows = []
    for pages in sizes:
        click.echo(f"shard size {pages} …", err=True)
        rows.append(row(bench_size(pages, n)))
        click.echo(rows[-1], err=True)
    click.echo(HEADER + "\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
