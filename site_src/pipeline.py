"""The build, top to bottom: load → model → plan pages → render/write → index → swap.

One linear function (MkDocs' `build()` is the model) so a newcomer reads every
stage in order (docs/architecture.md draws it). Content errors stop the build
before anything is written; any later failure discards the staging folder, so
`--out` always holds the last complete site. What builds remember (page
digests, the spare copy) is opened at the start and committed at the end
through one object, BuildCache; no stage in between knows about it.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_src.build.cache import BuildCache, forget
from site_src.build.digest import PageDigests
from site_src.build.fingerprint import code_fingerprint
from site_src.build.parallel import render_all
from site_src.content.diagnostics import ContentError, Problem, has_errors
from site_src.content.load import collector_paused, load_content
from site_src.model.site import DuplicateURLError, make_site
from site_src.output.swap import check_out_dir, staged_output
from site_src.output.writer import OutputError
from site_src.render.pages import BaseURLError, Chrome, make_environment, split_base_url
from site_src.render.plan import plan_pages, stylesheet_path
from site_src.search.index import IndexReport, SearchIndexError, index_site


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and for `serve`."""

    pages: int  # HTML pages written
    files: int  # all files written before indexing
    articles: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)  # warnings that did not stop the build
    search: IndexReport | None = None
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # … and reused unchanged from the previous site
    workers: int = 1  # processes that rendered them
    in_place: bool = False  # the previous site's spare copy was updated, not a new folder filled


def build_site(
    content_dir: Path,
    out_dir: Path,
    *,
    base_url: str = "/",
    search: bool = True,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the whole site into `out_dir`, atomically; raise ContentError on bad content."""
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    out_dir = check_out_dir(out_dir, content_dir)  # before anything is written anywhere
    base_path, absolute_base = split_base_url(base_url)
    chrome = Chrome(base_path, absolute_base, stylesheet_path())
    with collector_paused(keep=True):  # ~10^6 small objects, alive until the end
        cache = BuildCache(out_dir, code_fingerprint(repr(chrome)))
        # Load and validate every article; refuse before touching out_dir.
        loaded = load_content(content_dir, cache.records)
        cache.keep_records()
        if has_errors(loaded.problems, strict=strict):
            raise ContentError(loaded.problems)
        # Model: URLs, taxonomies, neighbours, related reports.
        site = make_site(loaded.articles, content_dir, cache.pinyin)
        say(f"{len(site.entries)} articles loaded")
        # Plan: every output file as a Page with its inputs, and their digests.
        pages = plan_pages(site, chrome)
        digests = PageDigests(loaded.sources)
        digest = {page.relpath: digests.of(page) for page in pages}

    try:
        with staged_output(out_dir, reuse=cache.claim_spare, keep=cache.spare_dir) as out:
            # Render and write, reusing pages whose digest is unchanged.
            fresh = [p for p in pages if not cache.reuse(out, p.relpath, digest[p.relpath])]
            workers = render_all(out, fresh, make_environment(), chrome)
            cache.prune(out)  # what the spare held that this site lacks, before indexing
            say(f"{len(fresh)} pages rendered, {len(pages) - len(fresh)} unchanged pages reused")
            html_pages = sum(1 for path in out.written if path.endswith(".html"))
            files = len(out.written)
            # Index the HTML on disk (inside the staging folder).
            index = None
            if search:
                say("indexing with Pagefind …")
                html = [path for path in out.written if path.endswith(".html")]
                index = index_site(out.root, cache_dir=cache.search_dir,
                                   known=cache.known_pages, html=html)
            cache.commit(out, digest, index.found if index else None)
        # Leaving the block swapped the new site in.
    finally:
        gc.unfreeze()  # frozen when the plan was made (collector_paused(keep=True))

    return BuildReport(
        pages=html_pages,
        files=files,
        articles=len(site.entries),
        seconds=time.perf_counter() - started,
        problems=loaded.problems,
        search=index,
        rendered=len(fresh),
        reused=len(pages) - len(fresh),
        workers=workers,
        in_place=cache.spare is not None,
    )


def run_build(
    content_dir: Path,
    out_dir: Path,
    *,
    base_url: str,
    search: bool,
    strict: bool,
    clean: bool = False,
) -> int:
    """CLI entry: build, print problems and a one-line summary; exit code 0 only on success.

    `clean` drops the cache folder beside `out_dir` first (like Hugo's
    `--gc`/`--cleanDestinationDir`): the live site stays until the swap.
    """
    progress = (
        (lambda message: print(f"  {message}", file=sys.stderr)) if sys.stderr.isatty() else None
    )
    try:
        if clean:
            forget(check_out_dir(out_dir, content_dir))
        report = build_site(
            content_dir, out_dir, base_url=base_url, search=search, strict=strict, progress=progress
        )
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        print(
            f"build failed: {errors} error(s), {len(exc.problems) - errors} warning(s); "
            f"{out_dir} left unchanged",
            file=sys.stderr,
        )
        return 1
    except (OutputError, SearchIndexError, DuplicateURLError, BaseURLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"build failed; {out_dir} left unchanged", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(problem, file=sys.stderr)
    summary = (
        f"built {report.articles} articles into {out_dir} in {report.seconds:.1f} s: "
        f"{report.rendered + report.reused} files ({report.pages} HTML pages) besides the search "
        f"index, "
        f"{report.rendered} rendered by {report.workers} process(es), {report.reused} unchanged "
        f"reused"
        f"{' (previous copy updated in place)' if report.in_place else ''}"
    )
    if report.search is not None:
        index = report.search
        summary += (
            f"; search index: {index.pages} pages in {index.shards} shard(s), "
            f"{index.reindexed} re-indexed, {index.shards - index.reindexed} reused, "
            f"{index.bundle_bytes / 1e6:.1f} MB, {index.seconds:.1f} s"
        )
    print(summary, file=sys.stderr)
    return 0
