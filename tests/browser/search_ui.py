"""Drive the search page like a reader: type, wait for the answer, load every result.

The page (static/search.js) announces each finished search in `#search-status`
(role="status", with `data-run` counting searches) and fills each result's list
item when its data arrives (`aria-busy` until then), so every step waits on the
DOM reaching a finished state, never on a fixed sleep.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

RESULT = ".search-result"
RESULT_LINK = ".search-result-title a"
LOAD_MORE = "#search-more"
MESSAGE = "#search-status"
FILTER_VALUE = ".search-filter-value"

# True once the page has answered and every shown result has its title and link.
_SETTLED_JS = """(expected) => {
  const msg = document.getElementById('search-status');
  if (!msg || !msg.hasAttribute('data-run')) return false;
  const text = msg.textContent;
  const zero = /没有找到/.test(text);
  const count = text.match(/找到 (\\d+) 篇/);
  if (!zero && !count) return false;
  const results = document.querySelectorAll('.search-result');
  if (expected !== null && (zero ? 0 : parseInt(count[1])) !== expected) return false;
  if (zero) return results.length === 0;
  return results.length > 0 && !document.querySelector('.search-result[aria-busy]') &&
    [...results].every(r => r.querySelector('.search-result-title a[href]'));
}"""


@dataclass(frozen=True)
class Hit:
    title: str
    url_path: str  # site-relative, like ContentArticle.url_path ("2024/03/x/")


def result_count(page) -> int:
    text = page.locator(MESSAGE).inner_text()
    if "没有找到" in text:
        return 0
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    return int(digits[0])


def wait_settled(page, timeout: float = 15_000, count: int | None = None) -> None:
    """Wait for the search's answer to be on screen (with `count` results, if given)."""
    page.wait_for_function(_SETTLED_JS, arg=count, timeout=timeout)


def _run(page) -> str:
    return page.locator(MESSAGE).get_attribute("data-run") or ""


def wait_message_change(page, before: str, timeout: float = 15_000) -> None:
    """After changing a filter: wait until the page has run the search again, then settles."""
    page.wait_for_function(
        "(before) => { const m = document.getElementById('search-status');"
        " return m && m.getAttribute('data-run') !== before; }",
        arg=before,
        timeout=timeout,
    )
    wait_settled(page, timeout)


def all_hits(page, prefix: str) -> list[Hit]:
    """Every result of the current search, in display order (presses 更多 as needed)."""
    wait_settled(page)
    total = result_count(page)
    while page.locator(RESULT).count() < total:
        shown = page.locator(RESULT).count()
        page.locator(LOAD_MORE).click()
        page.wait_for_function(
            "(n) => document.querySelectorAll('.search-result').length > n", arg=shown
        )
        wait_settled(page)
    assert page.locator(LOAD_MORE).is_hidden(), "更多 still shown with every result drawn"
    hits = []
    for link in page.locator(f"{RESULT} {RESULT_LINK}").all():
        path = unquote(urlsplit(link.get_attribute("href")).path)
        assert path.startswith(prefix), f"result link {path} outside the site {prefix}"
        hits.append(Hit(link.inner_text().strip(), path[len(prefix):]))
    assert len(hits) == total, f"the page announced {total} results but shows {len(hits)}"
    return hits


def search_from_header(page, site_url: str, query: str) -> None:
    """Home page → type in the header search box → submit (lands on /search/?q=…)."""
    page.goto(site_url)
    box = page.locator('header form[role="search"] input[name="q"]')
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_settled(page)


def open_filters(page) -> None:
    """Open the filter panel (its values are fetched then) and wait for them."""
    panel = page.locator("#search-filters")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    page.locator(FILTER_VALUE).first.wait_for()


def filter_box(page, value: str, key: str | None = None):
    name = f'[name="{key}"]' if key else ""
    return page.locator(f'#search-filter-groups input[type=checkbox]{name}[value="{value}"]')


def apply_filter(page, value: str) -> None:
    """Tick the filter value `value` (opening the filter panel if needed)."""
    open_filters(page)
    before = _run(page)
    filter_box(page, value).first.check()
    wait_message_change(page, before)


def watch_results(page) -> None:
    """Start noticing any change to the results (call before an action such as sorting)."""
    page.evaluate(
        """() => {
            window.__resultsChanged = false;
            const target = document.querySelector('#search');
            new MutationObserver(() => { window.__resultsChanged = true; })
                .observe(target, {childList: true, subtree: true, characterData: true,
                                  attributes: true});
        }"""
    )


def wait_results_changed(page, timeout: float = 5_000, count: int | None = None) -> None:
    """Wait until the results re-rendered, then for the page to settle.

    A sort that leaves the order as it was still re-runs the search (the status's
    `data-run` changes); after `timeout` the current results are taken as final.
    """
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("() => window.__resultsChanged !== false", timeout=timeout)
    wait_settled(page, count=count)


_STABLE_JS = """(quietMs) => new Promise(resolve => {
  let last = null, since = performance.now();
  const tick = () => {
    const msg = document.getElementById('search-status');
    const sig = (msg ? msg.textContent + msg.getAttribute('data-run') : '') + '|' +
      [...document.querySelectorAll('.search-result-title a')].map(a => a.href).join(',');
    if (sig !== last) { last = sig; since = performance.now(); }
    if (msg && performance.now() - since >= quietMs) resolve(true); else setTimeout(tick, 50);
  };
  tick();
})"""


def wait_stable(page, quiet_ms: int = 500) -> None:
    """Settled, and unchanged for `quiet_ms`."""
    wait_settled(page)
    page.evaluate(_STABLE_JS, quiet_ms)
    wait_settled(page)
