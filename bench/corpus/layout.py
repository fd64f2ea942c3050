"""Lay the development corpus's report texts out as bulletin files, as PDF extractions look.

Issue 13 measures the importer on real reports nobody on the team wrote, laid
out in every way the archive meets them (hard wrap with blank lines, one line
per paragraph, headings, inline titles, titles after the body, no titles,
mastheads). The texts stay out of git; this script is committed so the same
--seed rebuilds the same bulletins byte for byte, with a manifest saying where
each report starts (the contract: /work/team/CORPUS_FORMAT.md, bench/IMPORT.md).

Run: python bench/corpus/layout.py --corpus /work/corpus --seed 13
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

HERE = Path(__file__).resolve().parent
if str(HERE.parents[1]) not in sys.path:  # run as a script: make `bench` importable
    sys.path.insert(0, str(HERE.parents[1]))

from bench.corpus.typeset import (  # noqa: E402
    FULL_TO_ASCII,
    Page,
    after_body_title,
    draw_style,
    last_text_line,
)

LAYOUTS = ("a-wrap", "b-lines", "c-headings", "d-inline", "e-untitled", "f-mixed", "g-masthead")
CREDIT = re.compile(
    r"^[（(][^（）()]{1,30}[）)]$|^(?:信息)?(?:来源|來源|稿源|编审|编辑|责任编辑|供稿|撰稿|作者|文|图)\s*[:：/]"
)
MASTHEADS = ("民政工作简报", "民政信息", "民政动态")


@dataclass(frozen=True)
class Report:
    id: str
    title: str  # "" when the report has no headline
    paras: tuple[str, ...]
    credit: str | None
    year: str  # page_date's year ("" when unknown)


def read_reports(corpus: Path) -> list[Report]:
    """The texts (headline line, paragraphs, optional credit) + their page_date years.

    Texts are `corpus/texts/NNN.txt` or `corpus/NNN.txt`; `sources.tsv` is read
    from the corpus folder, else the committed `bench/corpus/sources.tsv`.
    """
    sources = corpus / "sources.tsv"
    if not sources.exists():
        sources = HERE / "sources.tsv"
    years = {}
    if sources.exists():
        for row in sources.read_text(encoding="utf-8").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) >= 4:
                years[cols[0]] = cols[3][:4]
    folder = corpus / "texts" if (corpus / "texts").is_dir() else corpus
    reports = []
    for path in sorted(folder.glob("[0-9]*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [line.strip() for line in lines[1:] if line.strip()]
        if not body:
            raise click.ClickException(f"{path}:2: the report has no body paragraph")
        credit = body.pop() if len(body) > 1 and CREDIT.search(body[-1]) else None
        reports.append(Report(path.stem, lines[0].strip(), tuple(body), credit,
                              years.get(path.stem, "")))
    if len(reports) < 2:
        raise click.ClickException(f"{folder}: fewer than two report texts (NNN.txt)")
    return reports


def _sizes(n: int, rng: random.Random) -> list[int]:
    """Bulletin sizes of 2–5 reports adding up to n (n ≥ 2)."""
    sizes = []
    while n > 5:
        size = rng.randint(2, min(5, n - 2))
        sizes.append(size)
        n -= size
    return sizes + [n]


Plan = tuple[str, list[Report], int | None]  # layout, reports, masthead year


def plan_bulletins(reports: list[Report], rng: random.Random) -> list[Plan]:
    """Group the reports into bulletins (each report once) and give each a layout.

    Masthead bulletins need reports whose pages share a year; the rest are
    grouped at random, so many bulletins mix years and provinces.
    """
    by_year: dict[str, list[Report]] = {}
    for report in reports:
        if report.year:
            by_year.setdefault(report.year, []).append(report)
    plans: list[Plan] = []
    for year in sorted(by_year, key=lambda y: (-len(by_year[y]), y))[:3]:
        if len(by_year[year]) >= 2:
            group = rng.sample(by_year[year], min(len(by_year[year]), rng.randint(2, 4)))
            plans.append(("g-masthead", group, int(year)))
    used = {r.id for _, group, _ in plans for r in group}
    rest = [r for r in reports if r.id not in used]
    while plans and len(rest) == 1:  # one report cannot make a bulletin: give it company
        _, group, year = plans.pop()
        if len(group) > 2:
            plans.append(("g-masthead", group[:-1], year))
            group = group[-1:]
        rest += group
    rng.shuffle(rest)
    others = ["a-wrap", *LAYOUTS[1:4], "a-wrap", *LAYOUTS[4:6]]  # the seeds' wrap twice as often
    start, offset = 0, rng.randrange(len(others))
    for i, size in enumerate(_sizes(len(rest), rng) if rest else []):
        plans.append((others[(i + offset) % len(others)], rest[start:start + size], None))
        start += size
    rng.shuffle(plans)
    return plans


def title_style(layout: str, report: Report, rng: random.Random) -> str:
    """heading | inline | after-body | none, for one report in one layout."""
    if not report.title or layout == "e-untitled":
        return "none"
    if layout == "a-wrap":
        credited = report.credit or report.paras[-1].endswith(("）", ")"))
        return "after-body" if rng.random() < (0.8 if credited else 0.5) else "inline"
    if layout in ("b-lines", "c-headings"):
        return "heading"
    if layout == "f-mixed":
        return rng.choice(("heading", "inline", "none", "after-body"))
    if layout == "g-masthead":
        return rng.choice(("heading", "inline"))
    return "inline"


def render_bulletin(layout: str, reports: list[Report], masthead: int | None,
                    rng: random.Random) -> tuple[list[str], dict]:
    """The bulletin's lines and its manifest entry."""
    style = draw_style(layout, rng)
    page = Page(style, rng)
    if masthead is not None:
        page.put(f"{rng.choice(MASTHEADS)} {masthead}年第{rng.randint(1, 12)}期", blank=True)
    entries = []
    for report in reports:
        how = title_style(layout, report, rng)
        start = None
        if how == "heading":
            title = re.sub(r"(?<=[^\x00-\x7f])([:,])", r"\1 ",
                           report.title.translate(FULL_TO_ASCII))
            start = page.put(f"{rng.choice(style.heading_marks)} {title}", blank=True)
        elif how == "inline":
            start = page.put((" " if style.wrap else "") + report.title)
        for i, text in enumerate(report.paras):
            first = page.para(text, last=i == len(report.paras) - 1,
                              sidebar=i == 1 and rng.random() < 0.3)
            start = start or first
        if report.credit:
            if style.wrap and report.credit[0] in "（(" and rng.random() < 0.5:
                page.lines[last_text_line(page.lines)] += " " + report.credit
            else:
                page.put(report.credit)
        if how == "after-body":
            after_body_title(page, report.title)
        entries.append({"id": report.id, "start_line": start, "title_printed": how,
                        "credit": report.credit is not None})
    return page.lines, {"layout": layout, "masthead_year": masthead, "reports": entries}


def lay_out(reports: list[Report], seed: int) -> tuple[dict[str, str], dict]:
    """{file name: text} and the manifest; pure and deterministic for a seed."""
    rng = random.Random(seed)
    files, manifest = {}, {}
    for n, (layout, group, masthead) in enumerate(plan_bulletins(reports, rng), start=1):
        lines, entry = render_bulletin(layout, group, masthead, rng)
        name = f"b{n:02d}.txt"
        files[name] = "\n".join(lines).rstrip("\n") + "\n"
        manifest[name] = entry
    return files, manifest


@click.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path),
              default=Path("bench/corpus/data"), show_default=True,
              help="Folder with the texts (in texts/ or directly) and sources.tsv "
                   "(else bench/corpus/sources.tsv); bulletins/ is (re)written inside it.")
@click.option("--seed", type=int, default=13, show_default=True, help="Same seed, same bulletins.")
def main(corpus: Path, seed: int) -> None:
    """Lay texts/NNN.txt out into bulletins/bNN.txt + bulletins/manifest.json."""
    files, manifest = lay_out(read_reports(corpus), seed)
    out = corpus / "bulletins"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("b*.txt"):
        old.unlink()
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    counts = {name: sum(e["layout"] == name for e in manifest.values()) for name in LAYOUTS}
    n_reports = sum(len(e["reports"]) for e in manifest.values())
    used = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    click.echo(f"{len(files)} bulletins, {n_reports} reports in {out}: {used}")


if __name__ == "__main__":
    main()
