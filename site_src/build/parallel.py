"""Rendering pages on every core, each process writing its pages straight to disk.

Pages are rendered by this process and forked workers (one process per core)
when there are enough of them to repay the start-up, serially otherwise. Each
process writes its pages itself and returns only what it wrote (file names
and their size, mtime, inode), so the rendered site is never held in memory.

`fork` is used because the workers then share the site model copy-on-write
instead of unpickling it (a forked Process receives its arguments as they are
in memory); forking a process that runs other threads (`serve`'s watcher and
HTTP server) can deadlock, so such a process renders serially.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from site_src.output.files import FileStat
from site_src.output.writer import OutputError, SiteWriter
from site_src.render.pages import Chrome
from site_src.render.plan import Page, render_page

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

WORKERS = len(os.sched_getaffinity(0))
# Below this many pages to render, starting workers costs more than it saves.
# Measured on the 2-core machine: a page renders in ~0.6–0.8 ms, two forked
# workers cost ~0.1–0.15 s to start and collect; 375 pages took 0.33 s
# serially and 0.44–0.49 s with the pool, the bundled 34 pages 0.10 vs 0.22 s.
POOL_MIN_PAGES = 1000


def safe_to_fork() -> bool:
    """Forking a process that runs other threads (serve's watcher and server) can deadlock."""
    return threading.active_count() == 1


def render_all(
    out: SiteWriter, pages: Sequence[Page], env: Environment, chrome: Chrome
) -> int:
    """Render and write `pages` into `out`; return how many processes rendered them."""
    workers = WORKERS if len(pages) >= POOL_MIN_PAGES and WORKERS > 1 and safe_to_fork() else 1
    if workers == 1:
        _render(out, pages, range(len(pages)), env, chrome)
        return 1
    # The parent renders its share itself next to WORKERS - 1 children: one
    # process per core. gc.freeze() keeps the collector from touching (and so
    # copying) every object the children inherited.
    import multiprocessing  # only when a pool runs: a small rebuild never pays its import

    context = multiprocessing.get_context("fork")
    gc.collect()
    gc.freeze()
    children = []
    try:
        for k in range(1, workers):
            receive, send = context.Pipe(duplex=False)
            share = range(k, len(pages), workers)
            child = context.Process(
                target=_child, args=(out.root, pages, share, env, chrome, send), daemon=True
            )
            child.start()
            send.close()
            children.append((child, receive))
        _render(out, pages, range(0, len(pages), workers), env, chrome)
        for child, receive in children:
            for relpath, written in _collect(receive).items():
                out.record(relpath, written)
            child.join()
    finally:
        for child, _receive in children:
            if child.is_alive():
                child.kill()
        gc.unfreeze()
    return workers


def _render(
    out: SiteWriter, pages: Sequence[Page], share: range, env: Environment, chrome: Chrome
) -> None:
    for k in share:
        out.write(pages[k].relpath, render_page(env, chrome, pages[k]))


def _child(
    root: Path,
    pages: Sequence[Page],
    share: range,
    env: Environment,
    chrome: Chrome,
    send: Connection,
) -> None:
    """A worker: render its share under `root`, send back what it wrote (or the error)."""
    writer = SiteWriter(root)
    try:
        _render(writer, pages, share, env, chrome)
    except Exception as exc:  # noqa: BLE001 — reported to the parent, which raises it
        send.send(f"{type(exc).__name__}: {exc}")
    else:
        send.send(writer.written)
    finally:
        send.close()


def _collect(receive: Connection) -> dict[str, FileStat]:
    try:
        result = receive.recv()
    except EOFError:
        raise OutputError("a render worker died before finishing its pages") from None
    if isinstance(result, str):
        raise OutputError(f"a render worker failed: {result}")
    return result
