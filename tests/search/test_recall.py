"""Readers must not miss a report that contains what they typed (issue 8).

The search-quality harness (bench/search_quality.py) draws every leader and
speaker name, every province and city name (full and short) and a few hundred
2–6-character terms from the bundled Markdown, and sends each through the real
search page's own query rewriting (`window.minzhengSearch.toPagefindTerm`) to
the Pagefind bundle the build wrote, in headless Chromium. The truth is the set
of reports whose title or body contains the query verbatim.
"""

from __future__ import annotations

import pytest

from bench.search_quality import KindScore, Measurement, draw_queries, load_docs, measure

pytestmark = pytest.mark.browser

TARGETS = {"name": 1.0, "place": 1.0, "term": 0.99}


@pytest.fixture(scope="module")
def measurement(built_site, content_dir, chromium_path, monkeypatch_module) -> Measurement:
    monkeypatch_module.setattr("bench.search_quality.CHROMIUM", chromium_path)
    docs = load_docs(content_dir)
    queries = draw_queries(docs)
    return measure(built_site.root, docs, queries, mode="site", first_search=False)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _score(measurement: Measurement, kind: str) -> KindScore:
    found = [s for s in measurement.scores if s.kind == kind]
    assert found, f"the harness drew no {kind} queries from the bundled content"
    return found[0]


def test_queries_cover_every_kind(measurement: Measurement) -> None:
    counts = {s.kind: s.queries for s in measurement.scores}
    assert counts.get("name", 0) >= 5, counts  # 余向东 姜宏 李丽 杨泽发 谢晓军 陈斌
    assert counts.get("place", 0) >= 10, counts
    assert counts.get("term", 0) >= 200, counts


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_recall_meets_target(measurement: Measurement, kind: str) -> None:
    score = _score(measurement, kind)
    missed = ", ".join(f"{q} ({f}/{e})" for q, f, e in score.misses[:15])
    assert score.recall >= TARGETS[kind], (
        f"{kind} recall {score.recall:.1%} < {TARGETS[kind]:.0%}: "
        f"{score.found}/{score.expected} reports found; missed: {missed}"
    )


def test_results_are_mostly_relevant(measurement: Measurement) -> None:
    """Exact phrase matching should make almost every top-10 hit contain the query."""
    for score in measurement.scores:
        assert score.precision_at_10 >= 0.9, (score.kind, score.precision_at_10)
