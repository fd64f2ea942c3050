"""How often does the importer read a bulletin as a careful editor would? (issue 13)

Imports every bulletin of a laid-out corpus with the real importer of the
checkout in the current directory (`<this python> build.py import --content
TMP FILE`, one bulletin at a time, so one failure costs only its own reports),
reads the Markdown back, aligns the articles with the gold reports and counts,
per field, RIGHT, WRONG (a different value, or a value where the gold has
none) and MISSING (no value where the gold has one) separately: a missing
value is better than an invented one. This file is the I/O (the corpus, the
importer, the report); the scoring itself is `bench/import_score.py`.

Run: .venv/bin/python bench/import_quality.py --corpus /work/corpus [--verbose] [--json OUT]
     .venv/bin/python bench/import_quality.py --seeds
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script from another checkout
    sys.path.insert(0, str(HERE.parent))

from bench.import_score import (  # noqa: E402
    Check,
    Got,
    article_text,
    gold_reports,
    score_bulletin,
    summarise,
    table,
)


def read_articles(content: Path) -> dict[str, list[Got]]:
    """Imported Markdown files → per raw file, the articles (front matter + body text)."""
    found: dict[str, list[Got]] = {}
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        try:
            _, front, body = text.split("---\n", 2)
            meta = yaml.safe_load(front) or {}
        except (ValueError, yaml.YAMLError) as err:
            raise click.ClickException(
                f"{path}: the importer wrote unreadable front matter: {err}") from None
        prov = meta.get("provenance") or {}
        found.setdefault(str(prov.get("file")), []).append(
            Got(int(prov.get("line") or 0), meta, article_text(body.split("\n\n"))))
    return found


def run_importer(code: Path, bulletin: Path, out: Path) -> str | None:
    """Import one bulletin with the checkout's own importer; the error text on failure."""
    done = subprocess.run(
        [sys.executable, "build.py", "import", "--content", str(out), str(bulletin)],
        cwd=code, capture_output=True, text=True, check=False)
    return None if done.returncode == 0 else (done.stderr.strip() or done.stdout.strip())


@dataclass
class Corpus:
    bulletins: dict[str, Path]
    manifest: dict
    gold: dict
    errors: dict[str, str] = field(default_factory=dict)


def load_corpus(corpus: Path | None, seeds: bool, code: Path) -> Corpus:
    if seeds:
        raw = code / "raw" if (code / "raw").is_dir() else HERE.parent / "raw"
        manifest = json.loads((HERE / "corpus" / "seeds_manifest.json").read_text("utf-8"))
        gold = json.loads((HERE / "corpus" / "seeds_gold.json").read_text("utf-8"))
        return Corpus({n: raw / n for n in manifest}, manifest, gold)
    corpus = corpus or HERE / "corpus" / "data"
    folder = corpus / "bulletins"
    if not (folder / "manifest.json").exists():
        raise click.ClickException(f"{folder / 'manifest.json'}: no manifest — run "
                                   "bench/corpus/layout.py first")
    gold_path = corpus / "gold.json"
    if not gold_path.exists():
        gold_path = HERE / "corpus" / "gold.json"
    if not gold_path.exists():
        raise click.ClickException(f"no gold: neither {corpus / 'gold.json'} nor {gold_path}")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    gold = json.loads(gold_path.read_text("utf-8"))
    return Corpus({n: folder / n for n in manifest}, manifest, gold)


def measure(corp: Corpus, code: Path) -> list[Check]:
    """Import each bulletin into a temporary folder and score it."""
    checks = []
    with tempfile.TemporaryDirectory(prefix="import-quality-") as tmp:
        for n, (name, path) in enumerate(sorted(corp.bulletins.items())):
            out = Path(tmp) / f"c{n}"
            error = run_importer(code, path.resolve(), out)
            if error:
                corp.errors[name] = error
            gots = read_articles(out).get(name, []) if out.exists() else []
            lines = path.read_text(encoding="utf-8").split("\n")
            entry = corp.manifest[name]
            golds = gold_reports(lines, entry, corp.gold)
            checks += score_bulletin(name, golds, gots, entry.get("masthead_year"))
    return checks


@click.command(epilog="The importer measured is the current directory's: the script runs "
               "`<this python> build.py import --content TMP FILE` there, so build.py and "
               "site_src come from the checkout you are in, not from the one holding this "
               "script. To measure another branch: cd into its worktree and run "
               "`.venv/bin/python /work/wt/measure/bench/import_quality.py --corpus /work/corpus`.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with bulletins/ (+ manifest.json) and gold.json "
                   "[default: bench/corpus/data; gold falls back to bench/corpus/gold.json].")
@click.option("--seeds", is_flag=True, help="Score the five seed bulletins in raw/ against "
              "bench/corpus/seeds_gold.json instead.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the summary and every wrong/missing case as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="List every wrong and missing case.")
def main(corpus: Path | None, seeds: bool, json_out: Path | None, verbose: bool) -> None:
    """Import a laid-out corpus with the CURRENT DIRECTORY's importer and score it per field.

    RIGHT / WRONG / MISSING are counted apart: wrong = a different value or a
    value where the gold has none; missing = none where the gold has one.
    """
    code = Path.cwd()
    if not (code / "build.py").exists():
        raise click.ClickException(f"{code}: no build.py — run from the checkout to measure")
    corp = load_corpus(corpus, seeds, code)
    checks = measure(corp, code)
    summary = summarise(checks)
    click.echo(table(summary))
    layouts = {name: entry.get("layout", "?") for name, entry in corp.manifest.items()}
    by_layout = summarise(checks, group=lambda c: layouts[c.file])
    if len(by_layout) > 2:
        click.echo("\n" + table(by_layout, label="layout (all fields)"))
    for name, error in sorted(corp.errors.items()):
        click.echo(f"import failed: {name}: {error.splitlines()[0] if error else ''}", err=True)
    bad = [c for c in checks if c.outcome != "right"]
    if verbose:
        lost = {(c.file, c.report) for c in bad
                if c.field == "boundaries" and c.outcome == "missing"}
        for c in bad:
            if (c.file, c.report) in lost:
                if c.field == "boundaries":
                    click.echo(f"missing {c.file} ({layouts[c.file]}) #{c.report}: no article "
                               f"(starts at line {c.expected}; every field missing)")
                continue
            click.echo(f"{c.outcome:7} {c.file} ({layouts[c.file]}) #{c.report} {c.field}: "
                       f"expected {_show(c.expected)}, got {_show(c.got)}")
    if json_out:
        cases = [{"field": c.field, "file": c.file, "report": c.report, "outcome": c.outcome,
                  "expected": _show(c.expected), "got": _show(c.got)} for c in bad]
        json_out.write_text(json.dumps({"summary": summary, "by_layout": by_layout,
                                        "errors": corp.errors, "cases": cases},
                                       ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _show(value) -> str:
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    return str(value)


if __name__ == "__main__":
    main()
