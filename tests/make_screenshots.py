"""Regenerate the README screenshots: the home page and a filtered search (desktop).

    .venv/bin/python tests/make_screenshots.py            # builds content/ into a temp dir
    .venv/bin/python tests/make_screenshots.py --site public   # use an existing build

Writes docs/screenshots/home.png and docs/screenshots/search.png. Uses the same
static server and Chromium settings as the browser tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import click
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser.search_ui import (  # noqa: E402
    apply_filter,
    result_count,
    wait_results_changed,
    wait_settled,
    watch_results,
)
from conftest import CHROMIUM_ARGS, REPO, VIEWPORTS, serve_directory  # noqa: E402

OUT_DIR = REPO / "docs" / "screenshots"


def build(content: Path, out: Path) -> None:
    cmd = [sys.executable, "build.py", "build", "--content", str(content), "--out", str(out)]
    subprocess.run(cmd, cwd=REPO, check=True)


def shoot(site: Path, chromium: str, query: str, province: str) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with serve_directory(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN").new_page()
        page.goto(url)
        page.screenshot(path=str(OUT_DIR / "home.png"), full_page=True)  # charts are below
        page.goto(f"{url}search/?q={query}")
        wait_settled(page)
        apply_filter(page, province)
        filtered = result_count(page)
        watch_results(page)
        page.locator("#search-sort").select_option("date-desc")
        wait_results_changed(page, count=filtered)
        page.screenshot(path=str(OUT_DIR / "search.png"))
        browser.close()


@click.command()
@click.option("--site", type=click.Path(file_okay=False, path_type=Path),
              help="An already built site (default: build content/ into a temp folder).")
@click.option("--content", default=REPO / "content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--chromium", default="/usr/bin/chromium", show_default=True)
@click.option("--query", default="民政", show_default=True, help="Search term shown.")
@click.option("--province", default="湖北省", show_default=True, help="Province filter ticked.")
def main(site: Path | None, content: Path, chromium: str, query: str, province: str) -> None:
    """Write docs/screenshots/home.png (full page) and search.png (1280×900, filtered, by date)."""
    if site is not None:
        shoot(site, chromium, query, province)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(content, Path(tmp) / "public")
        shoot(Path(tmp) / "public", chromium, query, province)
    click.echo(f"wrote {OUT_DIR / 'home.png'} and {OUT_DIR / 'search.png'}")


if __name__ == "__main__":
    main()
