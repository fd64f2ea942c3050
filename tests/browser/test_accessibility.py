"""Issue 5: axe-core finds no serious or critical violations on the main kinds of page.

axe-core comes bundled in the axe-playwright-python package (works offline). All
violations are printed as a table by impact and written to
test-artifacts/axe/<page>-<viewport>.txt; only serious/critical ones fail.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .navigate import PROVINCE_PAGE, visible_link
from .search_ui import apply_filter, wait_settled

BLOCKING = {"serious", "critical"}


def _open(page, which: str, site_url: str, articles) -> None:
    if which.endswith("-dark"):  # the dark scheme has its own colours: check its contrast too
        page.emulate_media(color_scheme="dark")
        which = which.removesuffix("-dark")
    if which == "home":
        page.goto(site_url)
    elif which == "article":
        page.goto(site_url + articles[0].url_path)
    elif which == "listing":
        page.goto(site_url + "province/")
        link = visible_link(page, "/", PROVINCE_PAGE.match)
        page.goto(link.evaluate("a => a.href"))
    else:  # search with results and a filter ticked
        page.goto(site_url + "search/?q=民政")
        wait_settled(page)
        apply_filter(page, "湖北省")


def violation_table(violations) -> list[str]:
    rank = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    rows = sorted(violations, key=lambda v: (rank.get(v["impact"], 9), v["id"]))
    return [f"{v['impact']:<9} {v['id']:<28} {len(v['nodes']):>3} nodes  {v['help']}" for v in rows]


@pytest.mark.parametrize(
    "which", ["home", "article", "listing", "search", "home-dark", "article-dark"]
)
def test_no_serious_or_critical_axe_violations(
    page, viewport, which, site_url, articles, artifacts_dir, axe_rows
):
    _open(page, which, site_url, articles)
    results = Axe().run(page)
    violations = results.response["violations"]
    axe_rows.extend((which, viewport, v["impact"], v["id"], len(v["nodes"])) for v in violations)
    table = violation_table(violations)
    report = f"axe-core on {which} ({viewport}): {len(violations)} violation types\n" + "\n".join(
        table
    )
    print("\n" + report)
    out = artifacts_dir / "axe"
    out.mkdir(exist_ok=True)
    (out / f"{which}-{viewport}.txt").write_text(report + "\n", encoding="utf-8")
    blocking = [
        f"{v['impact']} {v['id']}: {v['help']} — e.g. {v['nodes'][0]['target']}: "
        f"{v['nodes'][0].get('failureSummary', '')}"
        for v in violations if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)
