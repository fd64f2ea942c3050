"""The command line (click). Each command is a thin shell around one pipeline stage.

Commands only parse options, call the stage and turn its result into an exit
code; all real work lives in the stage modules so it can be tested without a CLI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

CONTENT_DIR = Path("content")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """民政简报 archive: import raw bulletins, check and build the static site.

    \b
    Typical use:
      python build.py import raw/*.txt     # raw bulletins → content/*.md
      python build.py check                # validate content/
      python build.py build                # content/ → public/ (+ search index)
    """


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where the Markdown files go.")
@click.option("--dry-run", is_flag=True, help="Print what would be written (a table per bulletin); write nothing.")
@click.option("--force", is_flag=True, help="Overwrite articles an editor has changed since they were imported.")
def import_cmd(files: tuple[Path, ...], content_dir: Path, dry_run: bool, force: bool) -> None:
    """Split raw bulletin FILES into one Markdown article per report.

    Re-running is idempotent. A file an editor changed since import is never
    overwritten unless --force is given. Nothing is written if any bulletin
    fails the conservation check (every character accounted for).
    """
    from site_src.importer.command import run_import

    sys.exit(run_import(list(files), content_dir, dry_run=dry_run, force=force))


@main.command("build")
@click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Markdown articles to build from.")
@click.option("--out", "out_dir", default=Path("public"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder (replaced atomically).")
@click.option("--base-url", default="/", show_default=True,
              help="Public URL of the site root, e.g. https://user.github.io/repo/ (a subpath works).")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index (faster; search page will not work).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build_cmd(content_dir: Path, out_dir: Path, base_url: str, no_search: bool, strict: bool) -> None:
    """Render content/ into a static site in --out, then index it with Pagefind.

    The site is built in a temporary folder and swapped in only if every step
    succeeded: a failed build leaves the previous site untouched. Exit code 0
    only on full success.
    """
    from site_src.pipeline import run_build

    sys.exit(run_build(content_dir, out_dir, base_url=base_url, search=not no_search, strict=strict))


@main.command("check")
@click.option("--content", "content_dir", default=CONTENT_DIR, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Markdown articles to validate.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. unknown keys) as errors.")
@click.option("--fix-encoding", is_flag=True,
              help="Convert GBK/GB18030 files to UTF-8 (the only change check ever makes).")
def check_cmd(content_dir: Path, strict: bool, fix_encoding: bool) -> None:
    """Validate every article in content/ and report every problem in one run.

    Each problem is printed as `path:line:column: what is wrong — how to fix it`.
    Exit code 1 if there is any error (or any warning with --strict).
    """
    from site_src.check import run_check

    sys.exit(run_check(content_dir, strict=strict, fix_encoding=fix_encoding))


if __name__ == "__main__":
    main()
