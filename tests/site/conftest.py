"""Fixtures for the site tests: small article sets and the hand-written fixture content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_src.model.article import Article, PartialDate, Provenance

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


def make_article(
    slug: str,
    date: str | None = "2024-03-14",
    *,
    title: str | None = None,
    province: str | None = "浙江省",
    city: str | None = None,
    leaders: tuple[str, ...] = (),
    speakers: tuple[str, ...] = (),
    source: str | None = None,
    body: str = "3月14日，会议召开。会议强调，要做好工作。\n\n（据某单位）",
    **extra,
) -> Article:
    return Article(
        title=title or f"报道{slug}",
        body=body,
        date=PartialDate.parse_iso(date) if date else None,
        province=province,
        city=city,
        leaders=leaders,
        speakers=speakers,
        source=source,
        slug=slug,
        provenance=extra.pop("provenance", Provenance(file="000_x.txt", line=1)),
        **extra,
    )


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture content that a test may edit."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target
