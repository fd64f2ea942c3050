"""The text Pagefind indexes: article pages with every Han character as its own word.

Pagefind segments Chinese into words when indexing, and the browser segments
the query again with `Intl.Segmenter`. The two disagree (`由内蒙古` is indexed
as 由内 + 蒙古), and a fragment of a longer word (`扩围` in `低保扩围`) is never
the prefix of an indexed word, so reports containing what the reader typed were
silently missed (bench/SEARCH.md). With single characters on both sides, a
typed word searched as a quoted phrase of characters matches exactly the
reports that contain it. Readers' pages are untouched: only a shadow copy,
handed to Pagefind and then deleted, is rewritten.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from site_src.build.parallel import POOL_MIN_PAGES, WORKERS, safe_to_fork
from site_src.search.filters import page_filters

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ONE_HAN = re.compile(f"[{HAN}]")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"]
)
# Attributes whose value Pagefind takes from the element's text unless given inline.
_CAPTURING = ("data-pagefind-filter", "data-pagefind-meta", "data-pagefind-sort")


# Each Han character surrounded by spaces; str.translate is several times faster
# than regex substitution, and Pagefind collapses the doubled spaces.
_SPACED = {
    cp: f" {chr(cp)} "
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    for cp in range(lo, hi + 1)
}


def space_han(text: str) -> str:
    """`陈斌主持2024年` → ` 陈  斌  主  持 2024 年`: each Han character becomes a word of its own.

    Spaces go around each character, but never after a final one: Pagefind
    ends a block with ". " in its excerpts only when the block does not end in
    whitespace.
    """
    spaced = text.translate(_SPACED)
    if spaced.endswith(" ") and _ONE_HAN.fullmatch(text[-1:]):
        return spaced[:-1]
    return spaced


# The site's own markup only (templates and markdown-it with raw HTML off): every
# attribute value is quoted and escaped, so no `>` occurs inside a tag, and a
# comment is the only construct that may hold one. A tokenizer this simple is
# ten times faster than html.parser (3.5 ms a page), which made rewriting the
# pages cost as much as Pagefind itself; tests/search/test_shadow.py checks
# both give Pagefind the same index.
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r'\s([^\s=/>"]+)(?:="([^"]*)")?')


def shadow_page(page: str) -> str:
    """The page as Pagefind should index it (see the module docstring).

    Inside the element with `data-pagefind-body`, text is spaced out
    (space_han). A filter, meta or sort value that Pagefind would read from an
    element's text (`<a data-pagefind-filter="province">湖北省</a>`) keeps its
    exact value: it is moved to an empty sibling that names it in an attribute.
    Everything outside the body is copied as it is.
    """
    found = page.find("data-pagefind-body")
    if found < 0:
        return page
    start = page.rfind("<", 0, found)
    out: list[str] = [page[:start]]
    # open elements of the body: (tag, captured attribute text + text seen, or None)
    stack: list[tuple[str, list[str] | None]] = []
    at = start
    for token in _TOKENS.finditer(page, start):
        if token.start() > at:
            text = html.unescape(page[at:token.start()])
            for _, captured in stack:
                if captured is not None:
                    captured.append(text)
            out.append(html.escape(space_han(text), quote=False))
        at = token.end()
        out.append(_tag(token.group(), stack, out))
        if not stack:
            break
    out.append(page[at:])
    return "".join(out)


def _tag(part: str, stack: list[tuple[str, list[str] | None]], out: list[str]) -> str:
    """A tag of the body as it goes into the shadow; keeps `stack` up to date."""
    tag = _TAG.match(part)
    if tag is None:  # a comment
        return part
    closing, name = tag.group(1), tag.group(2).lower()
    if closing:
        if name not in _VOID:
            _close(stack, name, out)
        return ""
    captured = None
    # (name, value unescaped; None for a bare attribute), written back as html.parser would
    attributes = [(m.group(1).lower(), None if m.group(2) is None else html.unescape(m.group(2)))
                  for m in _ATTRIBUTE.finditer(part)]
    keys = [k for k, v in attributes if k in _CAPTURING and not re.search(r"[:\[]", v or "")]
    if keys:
        values = dict(attributes)
        captured = [" ".join(f'{k}="{html.escape(values[k] or "")}[data-value]"' for k in keys)]
        attributes = [(k, v) for k, v in attributes if k not in keys]
    part = "<" + name + "".join(f" {k}" if v is None else f' {k}="{html.escape(v)}"'
                                for k, v in attributes) + ">"
    if name not in _VOID:
        stack.append((name, captured))
    return part


def _close(stack: list[tuple[str, list[str] | None]], name: str, out: list[str]) -> None:
    """Close the innermost open `name` (a stray end tag closes nothing)."""
    if all(open_tag != name for open_tag, _ in stack):
        return
    while stack:
        open_tag, captured = stack.pop()
        out.append(f"</{open_tag}>")
        if captured:
            value = html.escape("".join(captured[1:]).strip())
            out.append(f'<span {captured[0]} data-value="{value}"></span>')
        if open_tag == name:
            break


Shadows = tuple[int, set[tuple[str, str]]]  # pages written, (filter key, value) pairs seen


def write_shadow_site(site_dir: Path, shadow_dir: Path, only: list[str] | None = None) -> Shadows:
    """Write the shadow of every indexed page (those with `data-pagefind-body`).

    `only` limits it to these site-relative paths (one shard's pages). Returns
    how many were written and the filter values they declare.

    Pages without `data-pagefind-body` are left out: Pagefind would skip them anyway.
    Rewriting costs ≈ 2.4 ms a page (html.parser), as much as rendering it, so
    large sites are rewritten on every core, like the pages were rendered
    (site_src/build/parallel.py; never in a threaded process such as `serve`).
    """
    pages = sorted(site_dir.rglob("*.html")) if only is None else [site_dir / r for r in only]
    if len(pages) < POOL_MIN_PAGES or WORKERS < 2 or not safe_to_fork():
        return _write_shadows(pages, site_dir, shadow_dir)
    size = -(-len(pages) // (4 * WORKERS))
    chunks = [(pages[i : i + size], site_dir, shadow_dir) for i in range(0, len(pages), size)]
    import multiprocessing  # only when a pool runs (see build/parallel.py)

    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        parts = pool.starmap(_write_shadows, chunks)
    return sum(n for n, _ in parts), set().union(*(f for _, f in parts))


def _write_shadows(pages: list[Path], site_dir: Path, shadow_dir: Path) -> Shadows:
    written = 0
    filters: set[tuple[str, str]] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue
        target = shadow_dir / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shadow_page(text), encoding="utf-8")
        filters |= page_filters(text)
        written += 1
    return written, filters
