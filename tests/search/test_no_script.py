"""Issue 12.1: no content field runs script on /search/.

An article whose title, leaders, speakers, role, city label and body carry
payloads that would set `window.__pwned` if any of them reached the DOM as
HTML is built with the real CLI and searched, filtered and browsed in
Chromium; the flag must stay unset and every payload must be shown as text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import build_site, serve_directory

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SVG = "<svg onload=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
# Names are at most 20 characters (`check`): these set the short flag `_p`.
STYLE = "<style onload=_p=1>"
IFRAME = "<iframe onload=_p=1>"
LEADER = f"领{STYLE}"
SPEAKER = IFRAME
TITLE = f"毒丸测试报道{SCRIPT}标题"

HOSTILE = f"""---
title: '{TITLE}'
date: 2024-05-06
province: 浙江省
leaders: ['{LEADER}']
speakers: ['{SPEAKER}']
roles:
  '{LEADER}': '{IFRAME}'
source: 浙江省民政厅
---

毒丸测试正文开头{IMG}，又见{SVG}与{SCRIPT}结尾。

第二段也有毒丸测试{IMG}字样。
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", content)
    (content / "2024" / "hostile.md").parent.mkdir(parents=True, exist_ok=True)
    (content / "2024" / "hostile.md").write_text(HOSTILE, "utf-8")
    site = build_site(content, tmp_path_factory.mktemp("site") / "public")
    with serve_directory(site.root) as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda d: d.dismiss())
    yield page
    context.close()


def _settle(tab) -> None:
    tab.wait_for_function(
        "() => { const s = document.getElementById('search-status').textContent;"
        " return /找到|没有找到/.test(s)"
        " && !document.querySelector('.search-result[aria-busy]'); }",
        timeout=20_000,
    )


def _pwned(tab) -> bool:
    return tab.evaluate("() => window.__pwned === 1 || window._p === 1")


def test_payloads_in_results_stay_text(hostile_site, tab) -> None:
    tab.goto(hostile_site + "search/?q=毒丸测试")
    _settle(tab)
    title = tab.locator(".search-result-title a").first.inner_text()
    assert SCRIPT in title, f"the title lost its text: {title!r}"
    excerpt = tab.locator(".search-result-excerpt").first.inner_text()
    assert "<img" in excerpt or "<svg" in excerpt or "<script" in excerpt, excerpt
    live = "#search-results img, #search-results svg, #search-results script"
    assert tab.locator(live).count() == 0
    tab.wait_for_timeout(300)
    assert not _pwned(tab), "a payload in a title or excerpt ran on /search/"


def test_payloads_in_filters_stay_text(hostile_site, tab) -> None:
    tab.goto(hostile_site + "search/?q=毒丸测试")
    _settle(tab)
    tab.locator("#search-filters summary").click()
    value = tab.locator(".search-filter-value", has_text="领<")
    value.first.wait_for()
    names = tab.locator(".search-filter-value").all_inner_texts()
    assert any(n == LEADER for n in names), names
    assert any(n == SPEAKER for n in names), names
    assert tab.locator("#search-filter-groups img, #search-filter-groups svg").count() == 0
    value.first.click()  # tick it: the filtered search and its URL carry the payload too
    tab.wait_for_url("**leader=*")
    _settle(tab)
    tab.reload()
    _settle(tab)
    assert tab.locator(".search-result").count() == 1
    tab.wait_for_timeout(300)
    assert not _pwned(tab), "a payload in a filter value ran on /search/"


def test_the_flag_would_be_caught(hostile_site, tab) -> None:
    """The payload itself works when it does reach the DOM as HTML (the test can fail)."""
    tab.goto(hostile_site + "search/")
    for payload, flag in ((IMG, "__pwned"), (STYLE, "_p"), (IFRAME, "_p")):
        tab.evaluate("(html) => { window._p = window.__pwned = undefined;"
                     " document.body.insertAdjacentHTML('beforeend', html); }", payload)
        tab.wait_for_function(f"() => window.{flag} === 1", timeout=5_000)
