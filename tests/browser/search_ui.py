"""Drive the search page like a reader: type, wait for Pagefind, load every result.

Pagefind's UI renders asynchronously (the result count first, then each result's
fragment), so every step waits on the DOM reaching a finished state, never on a
fixed sleep.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"
LOAD_MORE = "button.pagefind-ui__button"
MESSAGE = ".pagefind-ui__message"

# True once Pagefind has answered and every shown result has its title and link.
_SETTLED_JS = """(expected) => {
  const msg = document.querySelector('.pagefind-ui__message');
  if (!msg || !msg.textContent.trim()) return false;
  const text = msg.textContent;
  const zero = /未找到|无结果|No results/i.test(text);
  const count = text.match(/\\d+/);
  if (!zero && !count) return false;
  const results = document.querySelectorAll('.pagefind-ui__result');
  const pending = document.querySelectorAll(
    '.pagefind-ui__results .pagefind-ui__loading, .pagefind-ui__result-title:empty');
  if (expected !== null && (zero ? 0 : parseInt(count[0])) !== expected) return false;
  if (zero) return results.length === 0;
  return results.length > 0 && pending.length === 0 &&
    [...results].every(r => r.querySelector('.pagefind-ui__result-link[href]'));
}"""


@dataclass(frozen=True)
class Hit:
    title: str
    url_path: str  # site-relative, like ContentArticle.url_path ("2024/03/x/")


def result_count(page) -> int:
    text = page.locator(MESSAGE).inner_text()
    if "未找到" in text or "无结果" in text:
        return 0
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    return int(digits[0])


def wait_settled(page, timeout: float = 15_000, count: int | None = None) -> None:
    """Wait for Pagefind's answer to be on screen (with `count` results, if given)."""
    page.wait_for_function(_SETTLED_JS, arg=count, timeout=timeout)


def wait_message_change(page, before: str, timeout: float = 15_000) -> None:
    """After changing a filter: wait until Pagefind has re-run the search, then settles."""
    page.wait_for_function(
        "(before) => { const m = document.querySelector('.pagefind-ui__message');"
        " return m && m.textContent !== before; }",
        arg=before,
        timeout=timeout,
    )
    wait_settled(page, timeout)


def all_hits(page, prefix: str) -> list[Hit]:
    """Every result of the current search, in display order (clicks "load more" as needed)."""
    wait_settled(page)
    total = result_count(page)
    while page.locator(RESULT).count() < total:
        shown = page.locator(RESULT).count()
        page.locator(LOAD_MORE).click()
        page.wait_for_function(
            "(n) => document.querySelectorAll('.pagefind-ui__result').length > n", arg=shown
        )
        wait_settled(page)
    hits = []
    for link in page.locator(f"{RESULT} {RESULT_LINK}").all():
        path = unquote(urlsplit(link.get_attribute("href")).path)
        assert path.startswith(prefix), f"result link {path} outside the site {prefix}"
        hits.append(Hit(link.inner_text().strip(), path[len(prefix):]))
    assert len(hits) == total, f"Pagefind announced {total} results but shows {len(hits)}"
    return hits


def search_from_header(page, site_url: str, query: str) -> None:
    """Home page → type in the header search box → submit (lands on /search/?q=…)."""
    page.goto(site_url)
    box = page.locator('header form[role="search"] input[name="q"]')
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_settled(page)


def apply_filter(page, value: str) -> None:
    """Tick the filter value labelled `value` (opening its collapsed group if needed)."""
    before = page.locator(MESSAGE).inner_text()
    option = page.locator(".pagefind-ui__filter-value", has_text=value).first
    option.wait_for(state="attached")
    panel = page.locator("details.pagefind-ui__filter-panel")
    if panel.count() and panel.get_attribute("open") is None:
        panel.locator("summary").first.click()  # narrow screens fold the whole panel
    if not option.is_visible():
        block = page.locator(".pagefind-ui__filter-block", has=option)
        block.locator("summary").first.click()
    option.locator("input[type=checkbox]").check()
    wait_message_change(page, before)


def watch_results(page) -> None:
    """Start noticing any change to the results (call before an action such as sorting)."""
    page.evaluate(
        """() => {
            window.__resultsChanged = false;
            const target = document.querySelector('#search');
            new MutationObserver(() => { window.__resultsChanged = true; })
                .observe(target, {childList: true, subtree: true, characterData: true});
        }"""
    )


def wait_results_changed(page, timeout: float = 5_000, count: int | None = None) -> None:
    """Wait until the results re-rendered (or the page reloaded), then for Pagefind to settle.

    A sort that leaves the order as it was may not touch the DOM at all; after
    `timeout` the current (already correct, or wrong and caught by the caller's
    assertions) results are taken as final.
    """
    with contextlib.suppress(PlaywrightTimeout):
        # undefined once the page reloaded (a sort kept in the URL may reload the page)
        page.wait_for_function("() => window.__resultsChanged !== false", timeout=timeout)
    wait_settled(page, count=count)


_STABLE_JS = """(quietMs) => new Promise(resolve => {
  let last = null, since = performance.now();
  const tick = () => {
    const msg = document.querySelector('.pagefind-ui__message');
    const sig = (msg ? msg.textContent : '') + '|' +
      [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.href).join(',');
    if (sig !== last) { last = sig; since = performance.now(); }
    if (msg && performance.now() - since >= quietMs) resolve(true); else setTimeout(tick, 50);
  };
  tick();
})"""


def wait_stable(page, quiet_ms: int = 800) -> None:
    """Settled, and unchanged for `quiet_ms`: for pages that run several searches on load
    (a deep link runs the query, then applies its filters)."""
    wait_settled(page)
    page.evaluate(_STABLE_JS, quiet_ms)
    wait_settled(page)
