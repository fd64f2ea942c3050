"""Issue 5: keyboard users reach the skip link first, then the search box, and see focus."""

from __future__ import annotations

FOCUS_STATE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), name: el.getAttribute('name'),
    type: el.getAttribute('type'), inHeader: !!el.closest('header'),
    focusVisible: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    onScreen: rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.left >= 0
      && rect.bottom <= innerHeight && rect.right <= innerWidth,
  };
}"""


def _shows_focus(state) -> bool:
    return state["focusVisible"] and (state["outline"] or state["shadow"])


def test_tab_reaches_skip_link_then_search_box(desktop_page, site_url, articles):
    page = desktop_page
    for path in ("", articles[0].url_path):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUS_STATE_JS)
        assert first and first["href"] == "#main", f"/{path}: first Tab lands on {first}"
        assert first["onScreen"], f"/{path}: the skip link stays invisible when focused"
        assert _shows_focus(first), f"/{path}: no visible focus indicator on the skip link"
        for _ in range(20):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE_JS)
            assert state is None or _shows_focus(state) or state["tag"] == "input", (
                f"/{path}: focus not visible on {state}"
            )
            if state and state["tag"] == "input" and state["name"] == "q" and state["inHeader"]:
                break
        else:
            raise AssertionError(f"/{path}: 20 Tabs never reached the header search box")
        page.keyboard.type("养老")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=*")


def test_skip_link_moves_focus_to_main(desktop_page, site_url):
    page = desktop_page
    page.goto(site_url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    in_main = page.evaluate(
        "() => document.activeElement.id === 'main' || !!document.activeElement.closest('#main')"
    )
    assert in_main, "after the skip link, focus is not in <main>"
