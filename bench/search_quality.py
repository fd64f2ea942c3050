"""Does search find every report that contains what a reader typed?

Pagefind segments Chinese into words at index time and again (with the
browser's `Intl.Segmenter`) at query time; when the two disagree, or when a
reader types a fragment of a longer word (`扩围` in `低保扩围`), reports are
silently missed. This harness measures that instead of guessing: it draws
queries from the Markdown itself (every leader and speaker, every province and
city in full and short form, and a deterministic sample of 2–6-character
terms), takes as the truth the set of reports whose text contains the query
verbatim, runs every query through the real Pagefind bundle in headless
Chromium, and prints recall and top-10 precision per kind of query, with the
index size and the bytes a first search downloads.

Run: `python -m bench.search_quality --content content` (see docs/search.md).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import gzip
import html
import http.server
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
from markdown_it import MarkdownIt

from site_src.content.load import load_content
from site_src.model import gazetteer
from site_src.model.article import Article
from site_src.model.urls import article_path
from site_src.search import text as search_text

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
KINDS = ("name", "place", "term", "pair")
# Programme vocabulary readers search for; each is queried when the archive contains it.
PROGRAMME_TERMS = (
    "适老化改造", "低保扩围", "殡葬改革", "养老服务", "社会救助", "儿童福利", "主题教育",
    "区划地名", "婚姻登记", "慈善事业", "社会组织", "残疾人", "流浪乞讨", "困难群众",
    "基层治理", "社区治理", "福利彩票", "最低生活保障", "特困人员", "孤儿", "留守儿童",
    "老年人", "养老机构", "居家养老", "社会工作", "志愿服务", "殡葬", "低保",
)
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_TAG = re.compile(r"<[^>]+>")
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


# --------------------------------------------------------------------------- truth


@dataclass(frozen=True)
class Doc:
    """One report as a reader can search it: its URL and its visible text."""

    url: str  # site-relative with leading slash, e.g. /2024/03/zhejiang-0314/
    text: str  # title, newline, body as rendered (Markdown escapes resolved)
    names: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    kind: str  # name | place | term | pair
    text: str
    expected: frozenset[str]  # URLs of every report whose text contains `text`


def visible_text(markdown: str) -> str:
    """What the reader sees of a Markdown body (escapes and markup resolved)."""
    rendered = _MARKDOWN.render(markdown)
    return html.unescape(_TAG.sub("", rendered)).strip()


def docs_from_articles(articles: list[Article]) -> list[Doc]:
    docs = []
    for article in articles:
        places = tuple(p for p in (article.province, article.city) if p)
        docs.append(Doc(
            url="/" + article_path(article),
            text=article.title + "\n" + visible_text(article.body),
            names=tuple(dict.fromkeys(article.leaders + article.speakers)),
            places=places,
        ))
    return sorted(docs, key=lambda d: d.url)


def load_docs(content_dir: Path) -> list[Doc]:
    """Read the archive through the site's own loader, so URLs match the build."""
    result = load_content(content_dir)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        raise click.ClickException(f"{len(errors)} content errors, e.g. {errors[0]}")
    return docs_from_articles(result.articles)


def _expected(docs: list[Doc], text: str) -> frozenset[str]:
    return frozenset(d.url for d in docs if text in d.text)


def sample_terms(docs: list[Doc], count: int, seed: int) -> list[str]:
    """Deterministic 2–6-character Han substrings of the texts, evenly spread over lengths.

    Substrings are drawn at random positions, so many cut across word
    boundaries — exactly the fragments a segmenting index tends to miss.
    """
    rng = random.Random(seed)
    runs = [run for d in docs for run in _HAN_RUN.findall(d.text) if len(run) >= 2]
    if not runs:
        return []
    chosen: dict[str, None] = {}
    attempts = 0
    while len(chosen) < count and attempts < count * 50:
        attempts += 1
        length = 2 + len(chosen) % 5  # 2,3,4,5,6,2,3,…
        run = rng.choice(runs)
        if len(run) < length:
            continue
        start = rng.randrange(len(run) - length + 1)
        chosen.setdefault(run[start:start + length])
    return list(chosen)


def place_vocabulary(docs: list[Doc]) -> set[str]:
    """Every province and prefecture name, full or short (湖北省, 湖北), that a text contains."""
    corpus = "\n".join(d.text for d in docs)
    names = {name for name in gazetteer.place_names() if name in corpus}
    return names | {p for d in docs for p in d.places}


def draw_queries(docs: list[Doc], *, terms: int = 300, pairs: int = 0,
                 seed: int = 8) -> list[Query]:
    """Names, places and terms, each paired with the reports that truly contain it.

    `pairs` adds two-word queries (`陈斌 浙江`: a report's leader and one of its
    places), whose truth is the reports containing both words.
    """
    names = sorted({n for d in docs for n in d.names})
    places = place_vocabulary(docs)
    programme = [t for t in PROGRAMME_TERMS if any(t in d.text for d in docs)]
    sampled = [t for t in sample_terms(docs, terms, seed) if t not in programme]
    queries = [Query("name", n, _expected(docs, n)) for n in names]
    queries += [Query("place", p, _expected(docs, p)) for p in sorted(places)]
    queries += [Query("term", t, _expected(docs, t)) for t in programme + sampled[:terms]]
    candidates = sorted({f"{n} {p}" for d in docs for n in d.names for p in d.places})
    for text in random.Random(seed).sample(candidates, min(pairs, len(candidates))):
        first, second = text.split(" ")
        truth = frozenset(d.url for d in docs if first in d.text and second in d.text)
        queries.append(Query("pair", text, truth))
    return [q for q in queries if q.expected]


# --------------------------------------------------------------------------- variants
# Ideas for better recall, tried on a COPY of the built site: rewrite the pages
# Pagefind indexes, then re-index them. `reindex` (the public pages as they are,
# Pagefind's own word segmentation) is the "before" of the site's shadow index.

def add_hidden_keywords(page: str, keywords: list[str]) -> str:
    """Insert a hidden paragraph listing `keywords` at the start of the indexed body."""
    if not keywords:
        return page
    body = re.search(r"<[^>]*\bdata-pagefind-body\b[^>]*>", page)
    if body is None:
        return page
    hidden = f'<p hidden>{html.escape(" ".join(keywords))}</p>'
    return page[:body.end()] + hidden + page[body.end():]


def keyword_vocabulary(docs: list[Doc]) -> list[str]:
    """Names, places (full and short) and programme terms the archive knows."""
    vocab = {n for d in docs for n in d.names} | place_vocabulary(docs)
    vocab.update(PROGRAMME_TERMS)
    return sorted(vocab)


def reindex(site_dir: Path, binary: Path | None) -> float:
    """Run Pagefind over `site_dir` (the pinned PyPI build, or `binary`); returns seconds."""
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
    env = dict(os.environ)
    if binary:
        env["PAGEFIND_BINARY_PATH"] = str(binary)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                   check=True, env=env, capture_output=True)
    return time.perf_counter() - started


VARIANTS = {
    "as-built": "the site exactly as `build.py build` wrote it",
    "reindex": "same HTML, re-indexed (with --pagefind-binary: another Pagefind version)",
    "keywords": "hidden list of the names/places/programme terms each page contains",
    "unigram": "site_src.search.text's shadow pages: every Han character its own word",
    "no-lang": "article pages without lang=\"zh-CN\" (what a template slip would cost)",
}


def make_variant(variant: str, site_dir: Path, target: Path, docs: list[Doc], *,
                 binary: Path | None = None) -> float:
    """Copy the site to `target`, rewrite its indexed text for `variant`, re-index it."""
    shutil.copytree(site_dir, target, ignore=shutil.ignore_patterns("pagefind"))
    by_url = {d.url: d for d in docs}
    vocab = keyword_vocabulary(docs)
    for page in sorted(target.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue
        if variant == "unigram":
            text = search_text.shadow_page(text)
        elif variant == "no-lang":
            text = re.sub(r'(<html[^>]*?) lang="[^"]*"', r"\1", text, count=1)
        elif variant == "keywords":
            url = "/" + page.parent.relative_to(target).as_posix() + "/"
            doc = by_url.get(url)
            if doc is not None:
                text = add_hidden_keywords(text, [v for v in vocab if v in doc.text])
        page.write_text(text, encoding="utf-8")
    return reindex(target, binary)


# --------------------------------------------------------------------------- browser

# Query modes: how the reader's text becomes the term handed to Pagefind.
# `site` asks the search page itself (window.minzhengSearch.toPagefindTerm), so
# the test measures exactly what readers get.
_MODES_JS = r"""
const HAN = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
const MODES = {
  plain: (q) => q,
  quoted: (q) => `"${q}"`,
  // every Han character its own word; one word typed → an exact phrase
  unigram: (q) => {
    const words = q.replace(/"/g, ' ').trim().split(/\s+/).filter(Boolean).map((w) =>
      (w.match(new RegExp(`[${HAN}]|[^${HAN}]+`, 'g')) || []).join(' '));
    return words.length === 1 ? `"${words[0]}"` : words.join(' ');
  },
  site: (q) => {
    const api = window.minzhengSearch;
    if (!api || !api.toPagefindTerm) {
      throw new Error('the search page defines no minzhengSearch.toPagefindTerm');
    }
    return api.toPagefindTerm(q);
  },
};
"""

_BROWSER_JS = "async ({queries, mode, pagefindUrl}) => {" + _MODES_JS + r"""
  // `site`: the search page's own search (every shard it merges), as readers get it.
  const pf = mode === 'site' ? window.minzhengSearch
    : (window.__pf || (window.__pf = await import(pagefindUrl)));
  if (!window.__ids) {
    const all = await pf.search(null);
    const data = await Promise.all(all.results.map((r) => r.data()));
    window.__ids = Object.fromEntries(all.results.map((r, i) => [r.id, data[i].url]));
  }
  const out = {};
  for (const q of queries) {
    const r = await pf.search(MODES[mode](q));
    out[q] = r.results.map((x) => window.__ids[x.id] || ('?' + x.id));
  }
  return out;
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (Pagefind cannot run from file://)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _search_page(site_dir: Path) -> str:
    """The page readers search from (its `lang` decides how Pagefind splits the query)."""
    return "/search/" if (site_dir / "search" / "index.html").is_file() else "/"


@dataclass
class BrowserRun:
    results: dict[str, list[str]]  # query → returned URLs, in Pagefind's order
    first_search: dict[str, tuple[int, int]] = field(default_factory=dict)  # q → (raw, gzip)
    seconds: float = 0.0


async def _run_browser(site_dir: Path, queries: list[str], mode: str,
                       first_queries: list[str], batch: int) -> BrowserRun:
    from playwright.async_api import async_playwright

    run = BrowserRun(results={})
    started = time.perf_counter()
    with serve(site_dir) as origin:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                args = {"mode": mode, "pagefindUrl": "/pagefind/pagefind.js"}
                page = await browser.new_page()
                await page.goto(origin + _search_page(site_dir))
                for i in range(0, len(queries), batch):
                    chunk = queries[i:i + batch]
                    run.results.update(await page.evaluate(_BROWSER_JS, {**args, "queries": chunk}))
                for q in first_queries:
                    run.first_search[q] = await _first_search_bytes(browser, origin, site_dir,
                                                                    q, args)
            finally:
                await browser.close()
    run.seconds = time.perf_counter() - started
    return run


_FIRST_SEARCH_JS = "async ({q, mode, pagefindUrl}) => {" + _MODES_JS + r"""
  const pf = await import(pagefindUrl);
  const r = await pf.search(MODES[mode](q));
  await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
}
"""


async def _first_search_bytes(browser, origin: str, site_dir: Path, q: str,
                              args: dict) -> tuple[int, int]:
    """Bytes `pagefind.js` alone fetches from /pagefind/ for one query with 10 results' data.

    Computed from the files (no UI, no filters, no page), for comparing index
    designs; what a reader's first search on the real page transfers over the
    wire is measured in the browser by bench/first_search.py.
    """
    context = await browser.new_context()
    fetched: list[str] = []
    page = await context.new_page()
    page.on("requestfinished", lambda req: fetched.append(req.url))
    await page.goto(origin + _search_page(site_dir))
    await page.evaluate(_FIRST_SEARCH_JS, {**args, "q": q})
    await context.close()
    raw = packed = 0
    for url in dict.fromkeys(fetched):
        path = url.removeprefix(origin).split("?", 1)[0]
        if not path.startswith("/pagefind/"):
            continue
        data = (site_dir / path.lstrip("/")).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, compresslevel=6, mtime=0))
    return raw, packed


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class KindScore:
    kind: str
    queries: int
    expected: int  # (query, report) pairs that should come back
    found: int
    perfect: int  # queries with every expected report returned
    precision_at_10: float  # mean share of the top 10 (or fewer) that truly contain the query
    misses: tuple[tuple[str, int, int], ...]  # (query, found, expected) of imperfect queries

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def score(queries: list[Query], results: dict[str, list[str]]) -> list[KindScore]:
    """Recall over all (query, report) pairs, and mean precision of each query's top 10."""
    rows = []
    for kind in KINDS:
        mine = [q for q in queries if q.kind == kind]
        if not mine:
            continue
        expected = found = perfect = 0
        precisions = []
        misses = []
        for q in mine:
            returned = results.get(q.text, [])
            hit = len(q.expected & set(returned))
            expected += len(q.expected)
            found += hit
            perfect += hit == len(q.expected)
            if hit < len(q.expected):
                misses.append((q.text, hit, len(q.expected)))
            top = returned[:10]
            precisions.append(sum(u in q.expected for u in top) / len(top) if top else 0.0)
        rows.append(KindScore(kind, len(mine), expected, found, perfect,
                              sum(precisions) / len(precisions), tuple(misses)))
    return rows


def pagefind_bytes(site_dir: Path) -> tuple[int, int]:
    """(whole /pagefind/ bundle, index proper: word index + fragments + meta + filters)."""
    bundle = site_dir / "pagefind"
    total = index = 0
    for f in bundle.rglob("*"):
        if f.is_file():
            size = f.stat().st_size
            total += size
            if f.parent.name in ("index", "fragment", "filter") or f.suffix == ".pf_meta":
                index += size
    return total, index


# --------------------------------------------------------------------------- report


@dataclass
class Measurement:
    label: str
    docs: int
    scores: list[KindScore]
    bundle_bytes: int
    index_bytes: int
    first_search: dict[str, tuple[int, int]]
    seconds: float


def measure(site_dir: Path, docs: list[Doc], queries: list[Query], *, mode: str = "site",
            label: str = "", batch: int = 40, first_search: bool = True) -> Measurement:
    """Run every query in the browser against `site_dir` and score it."""
    firsts = []
    for kind in KINDS[:3] if first_search else ():  # the first name, place and term
        first = next((q.text for q in queries if q.kind == kind), None)
        if first:
            firsts.append(first)
    # A thread of its own: the caller (e.g. pytest with Playwright's sync API) may
    # already be running an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(asyncio.run, _run_browser(site_dir, [q.text for q in queries], mode,
                                                    firsts, batch)).result()
    total, index = pagefind_bytes(site_dir)
    return Measurement(label or mode, len(docs), score(queries, run.results), total, index,
                       run.first_search, run.seconds)


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 10240 else f"{n / 1024:,.1f} KB"


def table(measurements: list[Measurement]) -> str:
    """Markdown table: one row per (variant, kind), then index size and first-search bytes."""
    lines = [
        "| variant | kind | queries | recall | queries fully found | P@10 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for m in measurements:
        for s in m.scores:
            lines.append(f"| {m.label} | {s.kind} | {s.queries} | {s.recall:.1%} | "
                         f"{s.perfect}/{s.queries} | {s.precision_at_10:.1%} |")
    lines += ["", "| variant | reports | /pagefind/ bundle | index (words+fragments+meta) |"
              " pagefind.js-only first search, from files (raw / gzip) |",
              "|---|---:|---:|---:|---|"]
    for m in measurements:
        first = "; ".join(f"{q}: {_kb(r)} / {_kb(g)}" for q, (r, g) in m.first_search.items())
        lines.append(f"| {m.label} | {m.docs} | {_kb(m.bundle_bytes)} | {_kb(m.index_bytes)} | "
                     f"{first} |")
    return "\n".join(lines)


def worst_misses(m: Measurement, per_kind: int = 8) -> str:
    out = []
    for s in m.scores:
        ranked = sorted(s.misses, key=lambda x: (x[1] / x[2], x[0]))[:per_kind]
        if ranked:
            out.append(f"{m.label} {s.kind} misses: "
                       + ", ".join(f"{q} {f}/{e}" for q, f, e in ranked))
    return "\n".join(out)


def build(content_dir: Path, out_dir: Path) -> float:
    """Build with the project's own CLI (exactly what readers get); returns seconds."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "build.py", "build", "--content", str(content_dir), "--out", str(out_dir)],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise click.ClickException(f"build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - started


@click.command()
@click.option("--content", "content_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--site", "site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An already built site; without it the harness builds one in a temp folder.")
@click.option("--mode", "modes", multiple=True, default=("site",), show_default=True,
              type=click.Choice(["site", "plain", "quoted", "unigram"]),
              help="How typed text becomes Pagefind searches (repeatable).")
@click.option("--variant", "variants", multiple=True, default=("as-built",), show_default=True,
              type=click.Choice(sorted(VARIANTS)),
              help="Re-index a copy of the site another way before measuring (repeatable).")
@click.option("--pagefind-binary", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Pagefind binary for re-indexing variants (default: the pinned PyPI one).")
@click.option("--terms", default=300, show_default=True,
              help="Sampled terms (plus programme terms).")
@click.option("--pairs", default=0, show_default=True,
              help="Also this many two-word queries (leader + place of one report).")
@click.option("--seed", default=8, show_default=True)
@click.option("--show-misses", is_flag=True, help="List the worst-recalled queries per kind.")
def main(content_dir: Path, site_dir: Path | None, modes: tuple[str, ...],
         variants: tuple[str, ...], pagefind_binary: Path | None, terms: int, pairs: int,
         seed: int, show_misses: bool) -> None:
    """Measure search recall and precision on CONTENT (see docs/search.md)."""
    docs = load_docs(content_dir)
    queries = draw_queries(docs, terms=terms, pairs=pairs, seed=seed)
    counts = {k: sum(q.kind == k for q in queries) for k in KINDS}
    click.echo(f"{len(docs)} reports; queries: {json.dumps(counts)}", err=True)
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            click.echo(f"built in {build(content_dir, site_dir):.1f} s", err=True)
        measurements = []
        for variant in variants:
            target = site_dir
            if variant != "as-built":
                target = Path(tmp) / f"variant-{variant}"
                shutil.rmtree(target, ignore_errors=True)
                seconds = make_variant(variant, site_dir, target, docs,
                                                       binary=pagefind_binary)
                click.echo(f"{variant}: re-indexed in {seconds:.1f} s", err=True)
            for mode in modes:
                m = measure(target, docs, queries, mode=mode, label=f"{variant} / {mode}")
                click.echo(f"{m.label}: {m.seconds:.1f} s in the browser", err=True)
                measurements.append(m)
                if show_misses:
                    click.echo(worst_misses(m), err=True)
    click.echo(table(measurements))


if __name__ == "__main__":
    main()
