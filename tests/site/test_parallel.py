"""Rendering on both cores: a worker's failure or death fails the build, never a partial site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_src.build import parallel
from site_src.output.writer import OutputError, SiteWriter
from site_src.render.pages import Chrome, make_environment
from site_src.render.plan import Page


def _pages(make) -> list[Page]:
    return [Page(f"p{i}.html", make, i) for i in range(8)]


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "POOL_MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "WORKERS", 2)
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)


def _render(tmp_path: Path, make) -> SiteWriter:
    out = SiteWriter(tmp_path)
    parallel.render_all(out, _pages(make), make_environment(), Chrome())
    return out


def test_pages_rendered_by_a_worker_are_recorded(tmp_path: Path, pool: None) -> None:
    parent = os.getpid()
    out = _render(tmp_path, lambda _env, _chrome, i: f"{i} {os.getpid() != parent}")
    assert sorted(out.written) == [f"p{i}.html" for i in range(8)]
    assert (tmp_path / "p1.html").read_text() == "1 True"  # odd pages: the worker's share
    assert (tmp_path / "p0.html").read_text() == "0 False"


def _fails_in_worker(parent: int):
    def make(_env, _chrome, i: int) -> str:
        if os.getpid() != parent:
            raise ValueError(f"template broke on page {i}")
        return "ok"
    return make


def test_a_failing_worker_fails_the_render(tmp_path: Path, pool: None) -> None:
    with pytest.raises(OutputError, match="template broke on page 1"):
        _render(tmp_path, _fails_in_worker(os.getpid()))


def test_a_dead_worker_fails_the_render(tmp_path: Path, pool: None) -> None:
    parent = os.getpid()

    def make(_env, _chrome, i: int) -> str:
        if os.getpid() != parent:
            os._exit(9)
        return "ok"

    with pytest.raises(OutputError, match="died"):
        _render(tmp_path, make)
