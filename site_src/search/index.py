"""Index the built HTML with Pagefind's extended binary, shard by shard (issue 17).

Pagefind's CLI runs in a child process over a shadow copy of one shard's pages
at a time (site_src/search/shards.py), so the memory it holds — gigabytes for
a whole large archive — is one shard's, and returned as soon as it exits. Each
shard's bundle is kept in a cache keyed by its pages' digests: a rebuild runs
Pagefind only for the shards whose pages changed and links the others in.
The newest shard is the bundle at `pagefind/`; older ones are at
`pagefind/shard-<period>/`, listed in `pagefind/shards.json`, and the search
page merges them (`mergeIndex`). What gets indexed is decided by the markup:
only article bodies carry `data-pagefind-body`, every page declares
`lang="zh-CN"`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_src.build.parallel import WORKERS
from site_src.output.files import atomic_write
from site_src.search.bundle import BundleError, verify_bundle
from site_src.search.filters import FILE as FILTERS_FILE
from site_src.search.filters import filters_json
from site_src.search.process import Finished, run_each
from site_src.search.shards import (
    CHUNK_SIZE,
    IndexedPage,
    Shard,
    choose_shards,
    indexed,
    indexer_fingerprint,
    max_pages_from_env,
    read_pages,
)
from site_src.search.text import write_shadow_site

BUNDLE_DIR = "pagefind"
SHARDS_FILE = "shards.json"  # older shards the search page merges into the newest
_INDEXED = re.compile(r"Indexed (\d+) pages?")
_PAIRS = "filter-values.json"  # beside each cached bundle: the filter values of its pages
# Older shards rank below newer ones whatever their relevance: each step down
# multiplies Pagefind's scores by this (static/search.js relies on the tiers).
WEIGHT_STEP = 1e-6


class SearchIndexError(Exception):
    """Pagefind failed, ran without Chinese segmentation, or left an incomplete bundle."""


@dataclass(frozen=True)
class IndexReport:
    """Pagefind's work, reported separately from rendering (issue 7 measures both)."""

    pages: int
    seconds: float
    bundle_bytes: int
    shards: int = 1
    reindexed: int = 1  # shards Pagefind ran for (the rest came from the cache)
    # every HTML page as indexed (None: not indexed), for the next build's `known`
    found: dict[str, IndexedPage | None] = field(default_factory=dict)


def index_site(site_dir: Path, cache_dir: Path | None = None, *,
               known: Mapping[str, IndexedPage | None] | None = None,
               html: Iterable[str] | None = None) -> IndexReport:
    """Write the sharded bundle into `site_dir/pagefind/`; raise if anything is off.

    `cache_dir` (outside `site_dir`, kept between builds) holds each shard's
    bundle; without it every shard is indexed, in a cache deleted afterwards.
    `html` and `known`: the site's HTML pages and what is known of the
    unchanged ones (shards.read_pages).
    """
    started = time.perf_counter()
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    found = read_pages(site_dir, known, html)
    shards = choose_shards(indexed(found), max_pages_from_env())
    if not shards:
        raise SearchIndexError("no page to index (no page has data-pagefind-body)")
    fingerprint = indexer_fingerprint()
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site_dir) as scratch:
        cache = cache_dir if cache_dir is not None else Path(scratch) / "cache"
        entries = [cache / shard.key / shard.digest(fingerprint) for shard in shards]
        missing = [(shard, entry) for shard, entry in zip(shards, entries, strict=True)
                   if not (entry / "bundle" / "pagefind-entry.json").is_file()]
        _index_shards(site_dir, missing, Path(scratch))
        fresh = {shard.key for shard, _ in missing}
        pairs, merged, size = set(), [], 0
        for n, (shard, entry) in enumerate(zip(shards, entries, strict=True)):
            target = bundle if n == 0 else bundle / f"shard-{shard.key}"
            size += _link_tree(entry / "bundle", target)
            _check(target, len(shard.pages), deep=shard.key in fresh)
            pairs |= {tuple(p) for p in json.loads((entry / _PAIRS).read_text("utf-8"))}
            if n:
                merged.append({"path": f"shard-{shard.key}/", "weight": WEIGHT_STEP**n,
                               "pages": len(shard.pages)})
        _forget_other_entries(cache, {s.key: s.digest(fingerprint) for s in shards})
    filters = _filters(pairs, cache_dir)
    atomic_write(bundle / FILTERS_FILE, filters)
    manifest = json.dumps({"newest": len(shards[0].pages), "shards": merged}, sort_keys=True)
    atomic_write(bundle / SHARDS_FILE, manifest.encode())
    size += len(filters) + len(manifest.encode())
    return IndexReport(
        pages=sum(len(s.pages) for s in shards),
        seconds=time.perf_counter() - started,
        bundle_bytes=size,
        shards=len(shards),
        reindexed=len(missing),
        found=found,
    )


def _index_shards(site_dir: Path, shards: list[tuple[Shard, Path]], scratch: Path) -> None:
    """Run Pagefind over each shard's shadow pages into its cache entry (complete or not at all).

    Two runs side by side on two cores (process.run_each); a shard's shadow
    pages are written while the previous shard is being indexed.
    """
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": CHUNK_SIZE}
    written: dict[str, tuple[int, set[tuple[str, str]]]] = {}

    def prepare(task: tuple[Shard, Path]) -> list[str]:
        shard = task[0]
        staging = scratch / shard.key
        shadow = staging / "shadow"
        written[shard.key] = write_shadow_site(site_dir, shadow,
                                               only=[p.relpath for p in shard.pages])
        return ["--site", str(shadow), "--output-path", str(staging / "entry" / "bundle")]

    def done(task: tuple[Shard, Path], result: Finished) -> None:
        shard, entry = task
        output = scratch / shard.key / "entry" / "bundle"
        shutil.rmtree(scratch / shard.key / "shadow")
        given, pairs = written.pop(shard.key)
        _check_run(result, output, given)
        atomic_write(output.parent / _PAIRS,
                     json.dumps(sorted(pairs), ensure_ascii=False).encode())
        entry.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(entry, ignore_errors=True)
        shutil.move(output.parent, entry)

    run_each(shards, prepare, done, at_once=WORKERS, env=env)


def _check_run(result: Finished, output: Path, given: int) -> None:
    text = result.output
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{text.strip()}")
    if "(Extended)" not in text:
        raise SearchIndexError(
            "Pagefind ran without its extended binary, so Chinese would not be segmented — "
            "install `pagefind[extended]` (or set PAGEFIND_BINARY_PATH to pagefind_extended)"
        )
    pages = _check(output, given)
    match = _INDEXED.search(text)
    if match and int(match.group(1)) != pages:
        raise SearchIndexError(
            f"Pagefind reported {match.group(1)} pages but its index holds {pages} — build again"
        )


def _filters(pairs: set[tuple[str, str]], cache_dir: Path | None) -> bytes:
    """filters.json, kept beside the shards while its values stay the same.

    Ordering by pinyin imports pypinyin (≈ 0.4 s); an edit rarely adds a value.
    """
    code = (Path(__file__).parent / "filters.py").read_bytes()
    listed = json.dumps(sorted(pairs), ensure_ascii=False).encode()
    key = hashlib.sha256(code + b"\0" + listed).hexdigest()
    kept = cache_dir / FILTERS_FILE if cache_dir is not None else None
    if kept is not None and kept.is_file():
        with contextlib.suppress(ValueError, KeyError, TypeError, OSError):
            remembered = json.loads(kept.read_text("utf-8"))
            if remembered["key"] == key:
                return str(remembered["order"]).encode("utf-8")
    order = filters_json(pairs)
    if kept is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(kept, json.dumps({"key": key, "order": order.decode("utf-8")},
                                      ensure_ascii=False))
    return order


def _check(bundle: Path, pages: int, deep: bool = True) -> int:
    try:
        return verify_bundle(bundle, expected_pages=pages, deep=deep)
    except BundleError as exc:
        raise SearchIndexError(
            f"the search index is incomplete: {exc} — free disk space and build again"
        ) from None


def _link_tree(source: Path, target: Path) -> int:
    """Hard-link (or copy, across file systems) a cached bundle into the site; its bytes.

    A file found empty stops the build (a cached bundle damaged since it was
    checked), so the caller's check need not walk the files again.
    """
    size = 0
    pending = [(os.fspath(source), os.fspath(target))]
    while pending:
        here, there = pending.pop()
        os.makedirs(there, exist_ok=True)
        with os.scandir(here) as entries:
            for entry in entries:
                dest = os.path.join(there, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, dest))
                    continue
                bytes_ = entry.stat(follow_symlinks=False).st_size
                if bytes_ == 0:
                    raise SearchIndexError(f"the cached search index {entry.path} is empty — "
                                           "build again with --clean")
                size += bytes_
                try:
                    os.link(entry.path, dest)
                except OSError:
                    shutil.copy2(entry.path, dest)
    return size


def _forget_other_entries(cache: Path, wanted: dict[str, str]) -> None:
    """Keep one cached bundle per current shard: the cache does not grow with every edit."""
    if not cache.is_dir():
        return
    for key_dir in cache.iterdir():
        for entry in key_dir.iterdir() if key_dir.is_dir() else ():
            if wanted.get(key_dir.name) != entry.name:
                shutil.rmtree(entry, ignore_errors=True)
        if key_dir.is_dir() and not any(key_dir.iterdir()):
            key_dir.rmdir()


