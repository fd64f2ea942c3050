"""`serve`: edit a report, see it in the browser a moment later — and never a crash.

The site is rebuilt into a private folder whenever content/, templates/ or
static/ change (incrementally: only pages whose inputs changed are rendered, the
build's own rule), and every open page reloads itself through a
Server-Sent Events endpoint. The small reload script is added to HTML responses
by the server only: it is never written into a built site. When content is
invalid, the terminal shows the problems and every page shows them too, until
the file is fixed. Search is re-indexed in the background once edits settle,
from a snapshot of the pages, so reloads never wait for Pagefind.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import click
import watchfiles

from site_src.commands.check import summary
from site_src.commands.oserrors import describe
from site_src.commands.serve_http import Handler
from site_src.content.diagnostics import ContentError, Problem
from site_src.output.swap import check_out_dir
from site_src.output.writer import OutputError
from site_src.pipeline import build_site
from site_src.search.index import BUNDLE_DIR, index_site

PROJECT_DIR = Path(__file__).resolve().parents[2]
SETTLE_SECONDS = 1.0  # quiet time after the last rebuild before search is re-indexed


class LiveSite:
    """The state the HTTP threads read and the rebuild loop writes, behind one lock."""

    def __init__(self, content_dir: Path, out_dir: Path, search_root: Path):
        self.content_dir = content_dir
        self.out_dir = out_dir
        self.search_root = search_root
        self.changed = threading.Condition()
        self.generation = 0  # bumped after every build attempt; pages reload on change
        self.failure: str | None = None  # the error page body while the content is broken
        self.search_dir: Path | None = None  # the current Pagefind bundle
        self.index_wanted = threading.Event()
        self.last_build = 0.0
        self.build_lock = threading.Lock()  # held while out_dir may change
        self.stopping = threading.Event()

    # ------------------------------------------------------------- building

    def rebuild(self, reason: str) -> None:
        """Build once; report the outcome to the terminal and to open pages. Never raises."""
        started = time.perf_counter()
        failure = None
        try:
            with self.build_lock:
                report = build_site(self.content_dir, self.out_dir, search=False)
        except ContentError as exc:
            failure = _problems_text(exc.problems, self.content_dir)
            click.echo(failure, err=True)
        except OSError as exc:  # disk full, read-only --out…: one line, keep serving
            failure = describe(exc, self.out_dir)
            click.echo(failure, err=True)
        except Exception:  # noqa: BLE001 - a template bug must not stop the server
            failure = "build crashed:\n" + traceback.format_exc()
            click.echo(failure, err=True)
        else:
            for problem in report.problems:
                click.echo(str(problem), err=True)
            took = time.perf_counter() - started
            click.echo(f"{reason}: rendered {report.rendered} pages, reused {report.reused} "
                       f"unchanged ({report.articles} articles) in {took:.2f} s; search will be "
                       "re-indexed when edits settle")
            self.index_wanted.set()
        with self.changed:
            self.failure = failure
            self.generation += 1
            self.last_build = time.monotonic()
            self.changed.notify_all()

    def index_when_settled(self) -> None:
        """Background loop: re-index search from a snapshot once rebuilds pause."""
        while not self.stopping.is_set():
            if not self.index_wanted.wait(timeout=0.5):
                continue
            quiet = time.monotonic() - self.last_build
            if quiet < SETTLE_SECONDS:
                self.stopping.wait(SETTLE_SECONDS - quiet)
                continue
            self.index_wanted.clear()
            try:
                self._index_snapshot()
            except Exception as exc:  # noqa: BLE001 - search failing must not stop serving
                if not self.stopping.is_set():  # at shutdown the snapshot is deleted under it
                    click.echo(f"search index not updated: {exc}", err=True)

    def _index_snapshot(self) -> None:
        started = time.perf_counter()
        snapshot = Path(tempfile.mkdtemp(prefix="snapshot-", dir=self.search_root))
        with self.build_lock:  # hard links: instant, and later builds write new files
            _link_tree(self.out_dir, snapshot / "site")
        # Shard bundles kept between snapshots: an edit re-indexes its shard only.
        index = index_site(snapshot / "site", cache_dir=self.search_root / "search-cache")
        bundle = snapshot / "site" / BUNDLE_DIR
        with self.changed:
            old, self.search_dir = self.search_dir, bundle
        if old is not None:
            shutil.rmtree(old.parent.parent, ignore_errors=True)
        click.echo(f"search index updated: {index.pages} pages, {index.reindexed} of "
                   f"{index.shards} shard(s) re-indexed, in {time.perf_counter() - started:.1f} s")

    # ------------------------------------------------------------- watching

    def watch(self, paths: list[Path]) -> None:
        """Rebuild on every settled batch of changes until stopped (blocks)."""
        for changes in watchfiles.watch(*paths, watch_filter=EditorFilter(), step=150,
                                        stop_event=self.stopping, debounce=1600,
                                        raise_interrupt=False):
            names = sorted({_display(Path(p)) for _change, p in changes})
            shown = ", ".join(names[:3]) + (f" (+{len(names) - 3} more)" if len(names) > 3 else "")
            self.rebuild(f"changed {shown}")


class EditorFilter(watchfiles.DefaultFilter):
    """Changes worth a rebuild: not the temporary and swap files editors write.

    `sed -i` writes `sedXXXXXX` beside the file, vim `.x.md.swp` and `4913`, emacs
    `#x.md#` and `.#x.md`, many editors `x.md~` or `x.md.tmp`: none is content, and
    listing them made the log read as if unknown files had changed.
    """

    _TEMPORARY = re.compile(r"^(sed[A-Za-z0-9]{6}|4913|#.*#|\..*|.*~|.*\.(sw[a-p]|tmp|bak|part))$")

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        return super().__call__(change, path) and not self._TEMPORARY.match(Path(path).name)


def _link_tree(source: Path, target: Path) -> None:
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


def _display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def _problems_text(problems: list[Problem], content_dir: Path) -> str:
    files = len({p.path for p in problems})
    return "\n".join(str(p) for p in problems) + (
        f"\nbuild failed: {summary(problems, files)} — fix the file(s) and save; "
        "the page will reload")


def _stop(live: LiveSite, *_signal) -> None:
    """SIGTERM: stop now, even in the middle of a rebuild (its folder is private)."""
    if not live.stopping.is_set():
        live.stopping.set()
        raise KeyboardInterrupt


def serve(content_dir: Path, *, host: str = "127.0.0.1", port: int = 8000,
          out_dir: Path | None = None) -> int:
    """Build, serve and rebuild on change until interrupted (Ctrl-C or SIGTERM)."""
    if not content_dir.is_dir():
        click.echo(f"{content_dir}: error: no such folder — run from the project root "
                   "or pass --content DIR", err=True)
        return 1
    if out_dir is not None:
        try:
            out_dir = check_out_dir(out_dir, content_dir)  # before anything is written
        except OutputError as exc:
            click.echo(f"error: {exc}", err=True)
            return 1
    work = Path(tempfile.mkdtemp(prefix="minzheng-serve-"))
    live = LiveSite(content_dir, out_dir or work / "site", work)
    signal.signal(signal.SIGTERM, functools.partial(_stop, live))
    try:
        live.rebuild("initial build")
    except KeyboardInterrupt:
        shutil.rmtree(work, ignore_errors=True)
        return 0
    handler = functools.partial(Handler, live=live)
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port} ({exc.strerror}) — "
                   "try another --port, or --port 0 for any free one", err=True)
        shutil.rmtree(work, ignore_errors=True)
        return 1
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    indexer = threading.Thread(target=live.index_when_settled, name="search-index", daemon=True)
    indexer.start()
    click.echo(f"Serving on http://{host}:{server.server_address[1]}/ "
               "(Ctrl-C to stop; pages reload when you save a file)")
    watched = [content_dir] + [PROJECT_DIR / d for d in ("templates", "static")
                               if (PROJECT_DIR / d).is_dir()]
    try:
        live.watch(watched)
    except KeyboardInterrupt:
        pass
    finally:
        live.stopping.set()
        with live.changed:
            live.changed.notify_all()
        server.shutdown()
        server.server_close()
        indexer.join(timeout=2)  # a search index half done is not worth waiting for
        shutil.rmtree(work, ignore_errors=True)
        click.echo("stopped", err=True)
    sys.stdout.flush()
    return 0
