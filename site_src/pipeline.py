"""The build, top to bottom: load → site model → render → write → feeds → index → swap.

One linear function (MkDocs' `build()` is the model) so a newcomer reads every
stage in order. Content errors stop the build before the output folder is
touched; any later failure discards the staging folder, so `--out` always holds
the last complete site.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_src.build.content_cache import load_slug_memo, save_slug_memo
from site_src.build.incremental import (
    PageDigests,
    code_fingerprint,
    load_manifest,
    save_manifest,
    take_spare_record,
)
from site_src.build.parallel import FeedJob, PageJob, produce_pages
from site_src.content.diagnostics import ContentError, Problem, has_errors
from site_src.content.load import load_content
from site_src.model import slugs
from site_src.model.article import PartialDate
from site_src.model.site import (
    UNDATED_SLUG,
    DuplicateURLError,
    Site,
    TermKind,
    make_site,
    months_of,
    paginate,
)
from site_src.output.writer import OutputError, cache_dir, page_file, staged_output
from site_src.render import charts, feeds
from site_src.render.pages import (
    SITE_TITLE,
    BaseURLError,
    Chrome,
    HomeInputs,
    make_environment,
    render_home,
    render_not_found,
    render_search,
    render_term_index,
    split_base_url,
    stylesheet_version,
)
from site_src.search.index import IndexReport, SearchIndexError, index_site

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
LATEST_ON_HOME = 10
CONTENT_CACHE = "content.pickle"  # in the cache folder beside --out
SLUG_MEMO = "pinyin-slugs.json"  # … and so are the names' slugs


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and for `serve`."""

    pages: int  # HTML pages written
    files: int  # all files written before indexing
    articles: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)  # warnings that did not stop the build
    search: IndexReport | None = None
    rendered: int = 0  # article and listing pages rendered by this build
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

    # 1. Load and validate every article (unchanged files from the cache beside
    # out_dir, site_src/build/content_cache.py); refuse before touching out_dir.
    cache = cache_dir(out_dir)
    loaded = load_content(content_dir, cache=cache / CONTENT_CACHE)
    if has_errors(loaded.problems, strict=strict):
        raise ContentError(loaded.problems)

    # 2. Site model: URLs, taxonomies, neighbours, related reports (people's
    # pinyin slugs remembered from the last build, so pypinyin loads only for new names).
    known_slugs = load_slug_memo(cache / SLUG_MEMO)
    slugs.remember(known_slugs)
    site = make_site(loaded.articles, content_dir)
    save_slug_memo(cache / SLUG_MEMO, slugs.remembered(), known_slugs)
    slugs.release_transliterator()
    say(f"{len(site.entries)} articles loaded")

    # 3. Everything pages share: base URL, stylesheet, links between articles.
    base_path, absolute_base = split_base_url(base_url)
    css = (STATIC_DIR / "style.css").read_bytes()
    stylesheet = f"static/style.{stylesheet_version(css)}.css"
    chrome = Chrome(
        base_path=base_path,
        base_url=absolute_base,
        stylesheet=stylesheet,
        article_links={e.source_relpath: e.url for e in site.entries if e.source_relpath},
    )
    env = make_environment()
    sitemap_pages: list[tuple[str, object]] = []

    # 4. Every article page, listing and feed with its input digest; pages whose
    # digest is unchanged are reused (site_src/build/incremental.py).
    digests = PageDigests(site, chrome)
    jobs: list[PageJob] = []
    for i, entry in enumerate(site.entries):
        jobs.append(PageJob(page_file(entry.url), digests.article(i), article=i))
        sitemap_pages.append((entry.url, entry.article.date))
    for kind, terms in site.terms.items():
        for t, term in enumerate(terms):
            by_month = kind is TermKind.YEAR and term.slug != UNDATED_SLUG
            for page in paginate(term.url, term.entries):
                months = months_of(site, page.entries) if by_month else None
                digest = digests.listing(term, page, months)
                jobs.append(PageJob(page_file(page.url), digest, term=(kind, t), page=page))
                sitemap_pages.append((page.url, None))
        sitemap_pages.append((f"{kind}/", None))
    jobs += _feed_jobs(site, digests)
    fingerprint = code_fingerprint(chrome)

    # The staging folder is the spare copy of the previous site when it can be
    # trusted (updated in place), else a new folder (site_src/output/writer.py).
    spare = functools.partial(take_spare_record, out_dir, fingerprint)
    with staged_output(out_dir, protected=(content_dir,), take_spare=spare) as out:
        in_place = out.spare is not None
        live_pages, live_files = load_manifest(out_dir, fingerprint)
        out.use_live(Path(os.path.realpath(out_dir)), live_pages, live_files)

        # 5. Assets.
        out.write(stylesheet, css)
        out.write("favicon.svg", (STATIC_DIR / "favicon.svg").read_bytes())
        out.write("static/search.js", (STATIC_DIR / "search.js").read_bytes())

        # 6. Article pages, listings and feeds: unchanged ones kept (or linked
        # from the live site), the rest rendered on every core and streamed to disk.
        produced = produce_pages(out, jobs, site, chrome, env)
        say(f"{produced.rendered} pages rendered, {produced.reused} unchanged pages reused")
        for kind, terms in site.terms.items():
            out.write_page(f"{kind}/", render_term_index(env, chrome, kind, terms))

        # 7. Home, search, 404 (cheap: always rendered).
        out.write_page("", render_home(env, chrome, _home_inputs(site)))
        browse = [(k, site.terms[k]) for k in (TermKind.PROVINCE, TermKind.YEAR)]
        out.write_page("search/", render_search(env, chrome, browse))
        out.write("404.html", render_not_found(env, chrome))
        sitemap_pages += [("", None), ("search/", None)]

        # 8. Sitemap, robots.txt (feeds were produced with the pages).
        out.write("sitemap.xml", feeds.sitemap(chrome, sitemap_pages))
        out.write("robots.txt", feeds.robots_txt(chrome))
        out.prune()  # what the spare held that this site lacks, before Pagefind reads it
        html_pages = sum(1 for path in out.written if path.endswith(".html"))
        files = len(out.written)

        # 9. Search index over the HTML on disk (inside the staging folder).
        index = None
        if search:
            say("indexing with Pagefind …")
            index = index_site(out.root, cache_dir=cache_dir(out_dir) / "search")

        # 10. The new site's page digests, for the next build.
        pages = {j.relpath: j.digest for j in jobs}
        save_manifest(out_dir, out.root, fingerprint, pages, out.written)
    # 11. Leaving the block swapped the new site in.

    return BuildReport(
        pages=html_pages,
        files=files,
        articles=len(site.entries),
        seconds=time.perf_counter() - started,
        problems=loaded.problems,
        search=index,
        rendered=produced.rendered,
        reused=produced.reused,
        workers=produced.workers,
        in_place=in_place,
    )


def _home_inputs(site: Site) -> HomeInputs:
    dated = [e.article.date for e in site.entries if e.article.date]
    return HomeInputs(
        latest=site.entries[:LATEST_ON_HOME],
        report_count=len(site.entries),
        counts={kind: len(terms) for kind, terms in site.terms.items()},
        first_date=min(dated, key=PartialDate.sort_key).chinese() if dated else None,
        last_date=max(dated, key=PartialDate.sort_key).chinese() if dated else None,
        charts=[
            chart
            for chart in (
                charts.province_chart(site),
                charts.monthly_chart(site),
                charts.yearly_chart(site),
            )
            if chart is not None
        ],
    )


def _feed_jobs(site: Site, digests: PageDigests) -> list[PageJob]:
    """The site's feed and one per province: only their newest entries matter."""
    feeds_wanted = [(SITE_TITLE, "feed.xml", "", range(len(site.entries)))]
    for term in site.terms[TermKind.PROVINCE]:
        title = f"{SITE_TITLE}：{term.label}"
        feeds_wanted.append((title, f"{term.url}feed.xml", term.url, term.entries))
    jobs = []
    for title, feed_path, page_path, entries in feeds_wanted:
        feed = FeedJob(title, feed_path, page_path, tuple(entries[: feeds.FEED_LIMIT]))
        jobs.append(PageJob(feed_path, digests.feed(feed), feed=feed))
    return jobs


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
    if clean:
        shutil.rmtree(cache_dir(out_dir), ignore_errors=True)
    progress = (
        (lambda message: print(f"  {message}", file=sys.stderr)) if sys.stderr.isatty() else None
    )
    try:
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
        f"built {report.articles} articles, {report.pages} pages into {out_dir} "
        f"in {report.seconds:.1f} s ({report.rendered} rendered by {report.workers} "
        f"process(es), {report.reused} unchanged reused"
        f"{', previous copy updated in place' if report.in_place else ''})"
    )
    if report.search is not None:
        summary += (
            f"; search index: {report.search.pages} pages, "
            f"{report.search.bundle_bytes / 1e6:.1f} MB, {report.search.seconds:.1f} s"
        )
    print(summary, file=sys.stderr)
    return 0
