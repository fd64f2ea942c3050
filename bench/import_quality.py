"""How often does the importer read a bulletin as a careful editor would? (issue 13)

Imports every bulletin of a laid-out corpus with the real importer of the
checkout in the current directory (`<this python> build.py import --content
TMP FILE`, one bulletin at a time, so one failure costs only its own reports),
reads the Markdown back, aligns the articles with the gold reports and counts,
per field, RIGHT, WRONG (a different value, or a value where the gold has
none) and MISSING (no value where the gold has one) separately: a missing
value is better than an invented one. Pure scoring lives in this file; the
only I/O is reading the corpus and running the importer.

Run: .venv/bin/python bench/import_quality.py --corpus /work/corpus [--verbose] [--json OUT]
     .venv/bin/python bench/import_quality.py --seeds
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

HERE = Path(__file__).resolve().parent
FIELDS = ("count", "boundaries", "title", "province", "city", "date", "leaders", "speakers",
          "source")
TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（",
                         ")": "）"})
FURNITURE = re.compile(r"(?:TOPIC|NEWS|FOCUS|专题|[-—\d]+)$")
DATELINE = re.compile(r"本报讯|日报讯|记者|通讯员|本网|日电|^[^，。]{0,12}讯[（）]")
MONTH_DAY = re.compile(r"^(\d{1,2})月(?:(\d{1,2})日)?")


def norm(text: str | None) -> str:
    """Text as compared: no whitespace, no Markdown escapes, Chinese punctuation full-width."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text or "")
    return re.sub(r"\s+", "", text).translate(TO_FULL)


@dataclass
class GoldReport:
    id: str
    start: int  # 1-based line where provenance.line must point
    printed: str  # heading | inline | after-body | none
    gold: dict
    span: str  # normalised text from its start to the next report's start
    tail: str = ""  # the last characters of its own text (credit or last sentence)


@dataclass
class Got:
    line: int
    meta: dict
    text: str  # normalised body


@dataclass
class Check:
    field: str
    file: str
    report: str
    outcome: str  # right | wrong | missing
    expected: object = None
    got: object = None


def gold_reports(lines: list[str], entry: dict, gold: dict) -> list[GoldReport]:
    """The manifest's reports of one bulletin, each with the text it spans."""
    reports = entry["reports"]
    out = []
    for i, rep in enumerate(reports):
        end = reports[i + 1]["start_line"] - 1 if i + 1 < len(reports) else len(lines)
        own = [ln for ln in lines[rep["start_line"] - 1:end] if ln.strip()]
        while own and FURNITURE.fullmatch(own[-1].strip()):
            own.pop()
        span = norm("".join(own))
        g = gold.get(rep["id"])
        if g is None:
            raise click.ClickException(f"gold has no report {rep['id']} (named in the manifest)")
        if rep["title_printed"] == "after-body":
            title = norm(g.get("title"))
            cut = span[: -len(title)] if title and span.endswith(title) else None
            span = cut if cut is not None else norm("".join(own[:-2]))
        out.append(GoldReport(rep["id"], rep["start_line"], rep["title_printed"], g, span,
                              span[-8:]))
    return out


def _bigrams(text: str) -> Counter:
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def align(golds: list[GoldReport], gots: list[Got]) -> list[int | None]:
    """Article index per gold report: same start line first, then the most text in common."""
    pairs: list[int | None] = [None] * len(golds)
    taken: set[int] = set()
    for i, g in enumerate(golds):
        for j, a in enumerate(gots):
            if a.line == g.start and j not in taken:
                pairs[i] = j
                taken.add(j)
    scored = []
    for i, g in enumerate(golds):
        want = _bigrams(g.span)
        for j, a in enumerate(gots):
            if pairs[i] is None and j not in taken and want:
                share = sum((want & _bigrams(a.text)).values()) / sum(want.values())
                scored.append((-share, abs(a.line - g.start), i, j))
    for neg, _, i, j in sorted(scored):
        if -neg >= 0.5 and pairs[i] is None and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _value_outcome(expected, got) -> str:
    if expected == got:
        return "right"
    return "missing" if got in (None, "", frozenset()) else "wrong"


def expected_date(g: dict, masthead_year: int | None) -> str | None:
    """The gold date; with a masthead year, a bare `M月D日` gold date_text takes that year."""
    m = MONTH_DAY.match(g.get("date_text") or "")
    if masthead_year and not g.get("date") and m:
        return f"{masthead_year}-{int(m[1]):02d}" + (f"-{int(m[2]):02d}" if m[2] else "")
    return g.get("date")


def title_outcome(g: GoldReport, got_title: str) -> str:
    """Printed: equal without spaces. Not printed: a clause of the first sentence, no dateline."""
    got = norm(got_title)
    if not got:
        return "missing"
    if g.printed != "none" and g.gold.get("title"):
        return "right" if got == norm(g.gold["title"]) else "wrong"
    first = re.split(r"(?<=[。！？])", g.span, maxsplit=1)[0]
    return "right" if got in first and not DATELINE.search(got) else "wrong"


def score_bulletin(name: str, golds: list[GoldReport], gots: list[Got],
                   masthead_year: int | None = None) -> list[Check]:
    """Every check of one bulletin."""
    checks = [Check("count", name, "*", "right" if len(gots) == len(golds) else "wrong",
                    len(golds), len(gots))]
    gots = sorted(gots, key=lambda a: a.line)
    for gold, j in zip(golds, align(golds, gots), strict=True):
        g = gold.gold
        expected = {
            "title": g.get("title"),
            "province": g.get("province"), "city": g.get("city"), "source": g.get("source"),
            "date": expected_date(g, masthead_year),
            "leaders": frozenset(g.get("leaders") or ()),
            "speakers": frozenset(g.get("speakers") or ()),
        }
        if j is None:
            checks += [Check(f, name, gold.id, "missing", expected.get(f, gold.start))
                       for f in FIELDS[1:]]
            continue
        art = gots[j]
        nxt = gots[j + 1].line if j + 1 < len(gots) else None
        ok = art.line == gold.start and art.text.endswith(gold.tail)
        checks.append(Check("boundaries", name, gold.id, "right" if ok else "wrong",
                            (gold.start, gold.tail), (art.line, art.text[-8:], nxt)))
        checks.append(Check("title", name, gold.id, title_outcome(gold, art.meta.get("title", "")),
                            f"{gold.printed}: {g.get('title')}", art.meta.get("title")))
        got = {
            "province": art.meta.get("province"), "city": art.meta.get("city"),
            "source": art.meta.get("source"),
            "date": str(art.meta["date"]) if art.meta.get("date") is not None else None,
            "leaders": frozenset(art.meta.get("leaders") or ()),
            "speakers": frozenset(art.meta.get("speakers") or ()),
        }
        for f in ("province", "city", "date", "leaders", "speakers", "source"):
            want, have = expected[f], got[f]
            if f in ("province", "city", "source"):
                want, have = norm(want) or None, norm(have) or None
            checks.append(Check(f, name, gold.id, _value_outcome(want, have), want, have))
    return checks


def summarise(checks: list[Check]) -> dict[str, dict[str, int]]:
    rows = {f: Counter() for f in (*FIELDS, "total")}
    for c in checks:
        for key in (c.field, "total"):
            rows[key]["checks"] += 1
            rows[key][c.outcome] += 1
    keys = ("checks", "right", "wrong", "missing")
    return {f: {k: row[k] for k in keys} for f, row in rows.items()}


def table(summary: dict[str, dict[str, int]]) -> str:
    """A Markdown table: per field, checks and the right / wrong / missing shares."""
    out = ["| field | checks | right | wrong | missing |", "|---|---:|---:|---:|---:|"]
    for f, row in summary.items():
        n = row["checks"] or 1
        cells = " | ".join(f"{100 * row[k] / n:.1f}%" for k in ("right", "wrong", "missing"))
        label = "**total**" if f == "total" else f
        out.append(f"| {label} | {row['checks']} | {cells} |")
    return "\n".join(out)


def read_articles(content: Path) -> dict[str, list[Got]]:
    """Imported Markdown files → per raw file, the articles (front matter + body text)."""
    found: dict[str, list[Got]] = {}
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front) or {}
        prov = meta.get("provenance") or {}
        paras = [norm(p) for p in body.split("\n\n") if p.strip()]
        while paras and FURNITURE.fullmatch(paras[-1]):  # a kept artefact is no boundary error
            paras.pop()
        found.setdefault(str(prov.get("file")), []).append(
            Got(int(prov.get("line") or 0), meta, "".join(paras)))
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


@click.command(epilog="Measure another branch's importer: cd into its worktree and run "
               "`.venv/bin/python /work/wt/measure/bench/import_quality.py --corpus /work/corpus`; "
               "the importer (build.py, site_src) is always the current directory's.")
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
    for name, error in sorted(corp.errors.items()):
        click.echo(f"import failed: {name}: {error.splitlines()[0] if error else ''}", err=True)
    bad = [c for c in checks if c.outcome != "right"]
    if verbose:
        for c in bad:
            click.echo(f"{c.outcome:7} {c.file} #{c.report} {c.field}: "
                       f"expected {_show(c.expected)}, got {_show(c.got)}")
    if json_out:
        cases = [{"field": c.field, "file": c.file, "report": c.report, "outcome": c.outcome,
                  "expected": _show(c.expected), "got": _show(c.got)} for c in bad]
        json_out.write_text(json.dumps({"summary": summary, "errors": corp.errors, "cases": cases},
                                       ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _show(value) -> str:
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    return str(value)


if __name__ == "__main__":
    main()
