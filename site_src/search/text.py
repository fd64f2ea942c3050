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
import multiprocessing
import re
from html.parser import HTMLParser
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


class _ShadowWriter(HTMLParser):
    """Re-emits a page with the text inside `data-pagefind-body` spaced out.

    A filter, meta or sort value that Pagefind would read from an element's text
    (`<a data-pagefind-filter="province">湖北省</a>`) keeps its exact value: it is
    moved to an empty sibling that names it in an attribute.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # (tag, opens the body?, captured attribute text + collected value or None)
        self.stack: list[tuple[str, bool, list[str] | None]] = []

    def _in_body(self) -> bool:
        return any(body for _, body, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opens_body = any(k == "data-pagefind-body" for k, _ in attrs)
        captured = None
        if opens_body or self._in_body():
            keys = [k for k, v in attrs if k in _CAPTURING and not re.search(r"[:\[]", v or "")]
            if keys:
                values = dict(attrs)
                captured = [" ".join(f'{k}="{html.escape(values[k] or "")}[data-value]"'
                                     for k in keys)]
                attrs = [(k, v) for k, v in attrs if k not in keys]
        text = "".join(f" {k}" if v is None else f' {k}="{html.escape(v)}"' for k, v in attrs)
        self.out.append(f"<{tag}{text}>")
        if tag not in _VOID:
            self.stack.append((tag, opens_body, captured))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(open_tag != tag for open_tag, _, _ in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:
            open_tag, _, captured = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if captured:
                value = html.escape("".join(captured[1:]).strip())
                self.out.append(f'<span {captured[0]} data-value="{value}"></span>')
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, captured in self.stack:
            if captured is not None:
                captured.append(data)
        text = space_han(data) if self._in_body() else data
        self.out.append(html.escape(text, quote=False))

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def shadow_page(page: str) -> str:
    """The page as Pagefind should index it (see the module docstring)."""
    writer = _ShadowWriter()
    writer.feed(page)
    writer.close()
    return "".join(writer.out)


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
