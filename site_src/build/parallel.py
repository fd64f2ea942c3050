"""Producing article pages, listings and feeds: reuse unchanged ones, render the rest on every core.

Pages whose input digest is unchanged are kept: left as they are in the spare
copy being updated in place, or hard-linked from the live site (either way a
complete new site is assembled, so the swap stays atomic; see output.py). The
others are rendered — by this process and forked workers (one process per
core) when there are enough of them to repay the start-up, serially otherwise.
Each process writes its pages straight to disk and returns only file names and
what was written, so the rendered site is never held in memory.

`fork` is used because the workers then share the site model copy-on-write
instead of unpickling it; forking a process that runs other threads (`serve`'s
watcher and HTTP server) can deadlock, so such a process renders serially.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from site_src.model.site import UNDATED_SLUG, ListingPage, Site, TermKind, months_of
from site_src.output.writer import FileStat, OutputError, SiteWriter
from site_src.render.feeds import atom_feed
from site_src.render.pages import Chrome, render_article, render_listing

WORKERS = len(os.sched_getaffinity(0))
# Below this many pages to render, starting a pool costs more than it saves.
# Measured on the 2-core machine: a page renders in ~0.6–0.8 ms, two forked
# workers cost ~0.1–0.15 s to start and collect; 375 pages took 0.33 s
# serially and 0.44–0.49 s with the pool, the bundled 34 pages 0.10 vs 0.22 s.
POOL_MIN_PAGES = 1000


def safe_to_fork() -> bool:
    """Forking a process that runs other threads (serve's watcher and server) can deadlock."""
    return threading.active_count() == 1


@dataclass(frozen=True)
class FeedJob:
    """An Atom feed: its title, where it and its HTML page live, the entries it shows."""

    title: str
    feed_path: str
    page_path: str
    entries: tuple[int, ...]  # indexes into site.entries, newest first


@dataclass(frozen=True)
class PageJob:
    """One article or listing page: where it goes, its input digest, how to render it."""

    relpath: str
    digest: str
    article: int | None = None  # index into site.entries
    term: tuple[TermKind, int] | None = None  # listing: taxonomy and index of the term
    page: ListingPage | None = None
    feed: FeedJob | None = None


@dataclass(frozen=True)
class Produced:
    rendered: int
    reused: int
    workers: int  # processes that rendered (1: in this process)


# (site, chrome, env, staging root) of the running build; set before the pool
# forks, so workers inherit it instead of receiving it pickled.
_STATE: tuple[Site, Chrome, Environment, Path] | None = None


def produce_pages(
    out: SiteWriter,
    jobs: list[PageJob],
    site: Site,
    chrome: Chrome,
    env: Environment,
) -> Produced:
    """Write every job's page into `out`: kept when its digest is unchanged (SiteWriter.reuse),
    else rendered."""
    to_render: list[PageJob] = []
    reused = 0
    for job in jobs:
        if out.reuse(job.relpath, job.digest):
            reused += 1
        else:
            to_render.append(job)

    global _STATE
    _STATE = (site, chrome, env, out.root)
    use_pool = len(to_render) >= POOL_MIN_PAGES and WORKERS > 1 and safe_to_fork()
    try:
        if use_pool:
            # The parent renders its share itself next to WORKERS - 1 children:
            # one process per core and no idle parent beside a third copy of the
            # site. gc.freeze() keeps the collector from touching (and so
            # copying) every object the children inherited.
            chunks = _chunks(to_render, 4 * WORKERS)
            gc.collect()
            gc.freeze()
            try:
                with multiprocessing.get_context("fork").Pool(WORKERS - 1) as pool:
                    theirs = [c for k, c in enumerate(chunks) if k % WORKERS]
                    pending = pool.imap(_render_jobs, theirs)
                    results = [_render_jobs(c) for c in chunks[::WORKERS]]
                    results += list(pending)
            finally:
                gc.unfreeze()
        else:
            results = [_render_jobs(to_render)]
    finally:
        _STATE = None
    for written in results:
        for relpath, stat in written.items():
            out.record(relpath, stat)
    return Produced(rendered=len(to_render), reused=reused, workers=WORKERS if use_pool else 1)


def _chunks(jobs: list[PageJob], count: int) -> list[list[PageJob]]:
    size = max(1, -(-len(jobs) // count))
    return [jobs[start : start + size] for start in range(0, len(jobs), size)]


def _render_jobs(jobs: list[PageJob]) -> dict[str, FileStat]:
    """Render and write a batch of pages (in a worker or in-process); return what was written."""
    if _STATE is None:
        raise RuntimeError("render state not set")
    site, chrome, env, root = _STATE
    writer = SiteWriter(root)
    for job in jobs:
        if job.article is not None:
            i = job.article
            related = [site.entries[j] for j in site.related[i]]
            entry, older, newer = site.entries[i], site.older(i), site.newer(i)
            html = render_article(env, chrome, entry, older, newer, related)
        elif job.term is not None and job.page is not None:
            kind, t = job.term
            term = site.terms[kind][t]
            entries = [site.entries[i] for i in job.page.entries]
            by_month = kind is TermKind.YEAR and term.slug != UNDATED_SLUG
            groups = months_of(site, job.page.entries) if by_month else ()
            months = [(m, [site.entries[i] for i in ids]) for m, ids in groups]
            html = render_listing(env, chrome, term, job.page, entries, months)
        elif job.feed is not None:
            feed = job.feed
            entries = [site.entries[i] for i in feed.entries]
            html = atom_feed(chrome, feed.title, feed.feed_path, feed.page_path, entries)
        else:
            raise OutputError(f"nothing to render for {job.relpath!r}")
        writer.write(job.relpath, html)
    return writer.written
