"""Every layout of the development corpus, on reports of our own (tests/importer/fixtures).

bench/corpus/layout.py lays real reports out as bulletins in seven layouts
(hard wrap, one line per paragraph, headings, inline titles, no titles, mixed,
masthead). The same typesetting applied to ten invented reports — each with
another credit or opening: `（据…）`, `（来源：…）`, `来源：…`, `（XX民政）`,
`（文/…；图/…）`, `（XX市民政局 办公室）`, `本报讯（记者…）`, `南湖日报讯`, a bare
lede, no credit — must give back every report where it starts, with its title.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bench.corpus.layout import LAYOUTS, read_reports, render_bulletin
from site_src.importer import conservation
from site_src.importer.bulletin import import_bulletin, normalised_lines
from site_src.importer.openings import is_dateline

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = range(6)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(str.maketrans(",:;?!()", "，：；？！（）"))


def _bulletin(layout: str, seed: int):
    rng = random.Random(seed * 31 + LAYOUTS.index(layout))
    reports = read_reports(FIXTURES)
    group = rng.sample(reports, rng.randint(2, 5))
    masthead = 2024 if layout == "g-masthead" else None
    lines, entry = render_bulletin(layout, group, masthead, rng)
    return "\n".join(lines).rstrip("\n") + "\n", entry, {r.id: r for r in group}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_gives_back_every_report_and_its_title(layout, seed):
    text, entry, by_id = _bulletin(layout, seed)
    imported = import_bulletin("b.txt", text)
    conservation.check("b.txt", normalised_lines(text), imported)
    want = [(r["start_line"], r["id"]) for r in entry["reports"]]
    got = [r.article.provenance.line for r in imported]
    assert got == [line for line, _ in want], text
    for report, wanted in zip(imported, entry["reports"], strict=True):
        title = report.article.title
        if wanted["title_printed"] != "none":
            assert _norm(title) == _norm(by_id[wanted["id"]].title)
        else:
            first = _norm(by_id[wanted["id"]].paras[0]).split("。")[0]
            assert _norm(title) in first and not is_dateline(title)
