"""`import`: raw bulletins → content/*.md, all or nothing, never over an editor's work.

The whole run is planned first — every bulletin decoded, split, rendered and
checked for conservation, every slug chosen, every existing file compared
with its own digest — and only then written, each file atomically. A failure
anywhere leaves content/ exactly as it was.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import click

from site_src.content import frontmatter
from site_src.importer import conservation, markdown_out
from site_src.importer.bulletin import BulletinError, ImportedReport, decode, import_bulletin
from site_src.importer.bulletin import normalised_lines as _lines
from site_src.importer.pdf.reports import import_pdf
from site_src.importer.table import bulletin_table
from site_src.model import slugs, urls


@dataclass
class Planned:
    report: ImportedReport
    relpath: str
    action: str  # "write", "update", "unchanged" or "refuse"


_PROVENANCE_FILE = re.compile(
    r"^provenance:\n(?:  .*\n)*?  file: *['\"]?([^'\"\n]+?)['\"]? *$", re.MULTILINE
)


def _owner_of(path: Path) -> str | None:
    """The raw file an existing article was imported from (None: hand-written).

    A file whose YAML an editor broke still names its raw file: it stays ours,
    so the digest check refuses to overwrite it instead of writing a duplicate.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    article, _problems = frontmatter.load(path, text)
    if article is None:  # a file with errors: fall back to the plain text
        m = _PROVENANCE_FILE.search(text)
        return m.group(1) if m else None
    return article.provenance.file if article.provenance else None


def existing_articles(content_dir: Path) -> dict[str, str | None]:
    """relpath → raw file it came from, for every Markdown file already in content/."""
    if not content_dir.is_dir():
        return {}
    return {
        path.relative_to(content_dir).as_posix(): _owner_of(path)
        for path in sorted(content_dir.rglob("*.md"))
    }


def assign_paths(reports: list[ImportedReport], existing: dict[str, str | None]) -> list[str]:
    """A content path per report: place + date slug, `-2`, `-3`… on collision.

    Reports claim paths in provenance order (file, line); a path held by a file
    imported from another raw file (or written by hand) is never taken over.
    """
    used: set[str] = set()
    paths = []
    for report in reports:
        art = report.article
        date = art.date
        base = slugs.article_slug_base(
            art.province,
            art.city,
            date.month if date else None,
            date.day if date else None,
            anonymised=art.anonymised,
        )
        n = 1
        while True:
            slug = base if n == 1 else f"{base}-{n}"
            relpath = urls.content_relpath(replace(art, slug=slug))
            owner = existing.get(relpath, art.provenance.file)
            if relpath not in used and owner == art.provenance.file:
                break
            n += 1
        used.add(relpath)
        paths.append(relpath)
    return paths


def plan(reports: list[ImportedReport], content_dir: Path, force: bool) -> list[Planned]:
    existing = existing_articles(content_dir)
    planned = []
    for report, relpath in zip(reports, assign_paths(reports, existing), strict=True):
        target = content_dir / relpath
        action = "write"
        if target.exists():
            old = target.read_text(encoding="utf-8", errors="replace")
            if old == report.text:
                action = "unchanged"
            elif markdown_out.stored_digest_matches(old) or force:
                action = "update"
            else:
                action = "refuse"
        planned.append(Planned(report, relpath, action))
    return planned


def write_atomically(target: Path, text: str) -> None:
    """Temp file in the same folder, then os.replace: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_bulletins(files: list[Path]) -> tuple[list[tuple[str, list[ImportedReport]]], list[str]]:
    """Import and conservation-check every file; (results, error messages)."""
    results, errors = [], []
    show_progress = sys.stderr.isatty()
    files = sorted({p.resolve(): p for p in files}.values(), key=lambda p: p.name)
    for i, path in enumerate(files, start=1):
        if show_progress:
            click.echo(f"\r[{i}/{len(files)}] {path.name}", err=True, nl=False)
        try:
            if path.suffix.lower() == ".pdf":  # the PDF path: conservation checked inside
                results.append((path.name, import_pdf(path, path.name)))
                continue
            text = decode(path.read_bytes(), str(path))
            reports = import_bulletin(path.name, text)
            conservation.check(str(path), _lines(text), reports)
        except (BulletinError, conservation.ConservationError) as err:
            errors.append(str(err))
            continue
        results.append((path.name, reports))
    if show_progress:
        click.echo("\r" + " " * 60 + "\r", err=True, nl=False)
    return results, errors


def run_import(files: list[Path], content_dir: Path, *, dry_run: bool, force: bool) -> int:
    """Import raw bulletins into content_dir; the exit code (0 ok, 1 nothing written)."""
    results, errors = load_bulletins(files)
    for message in errors:
        click.echo(f"error: {message}", err=True)
    if errors:
        click.echo("nothing written: fix the raw files above and run import again", err=True)
        return 1
    reports = [r for _, bulletin in results for r in bulletin]
    planned = plan(reports, content_dir, force)
    by_report = {id(p.report): p for p in planned}
    if dry_run:
        for name, bulletin in results:
            rows = [by_report[id(r)] for r in bulletin]
            click.echo(bulletin_table(name, [(p.report, p.relpath, p.action) for p in rows]))
    refused = [p for p in planned if p.action == "refuse"]
    for p in refused:
        click.echo(
            f"error: {content_dir / p.relpath} was edited since it was imported "
            "(its digest no longer matches); re-run with --force to overwrite it",
            err=True,
        )
    if refused:
        click.echo("nothing written", err=True)
        return 1
    _warn_stale(content_dir, {name for name, _ in results}, {p.relpath for p in planned})
    if dry_run:
        return 0
    for p in planned:
        if p.action in ("write", "update"):
            write_atomically(content_dir / p.relpath, p.report.text)
        click.echo(f"{p.action:9} {content_dir / p.relpath}")
    counts = {a: sum(p.action == a for p in planned) for a in ("write", "update", "unchanged")}
    click.echo(
        f"{_count(len(planned), 'report')} from {_count(len(results), 'bulletin')}: "
        f"{counts['write']} written, {counts['update']} updated, {counts['unchanged']} unchanged"
    )
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _warn_stale(content_dir: Path, raw_names: set[str], produced: set[str]) -> None:
    """Files from these bulletins that this import no longer produces: left alone, named."""
    for relpath, owner in existing_articles(content_dir).items():
        if owner in raw_names and relpath not in produced:
            click.echo(
                f"warning: {content_dir / relpath} came from {owner} but this import does not "
                "produce it any more; delete it if it is obsolete",
                err=True,
            )
