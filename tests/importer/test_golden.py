"""Each seed bulletin imports to exactly the committed Markdown (tests/golden/).

After an intended change: `python -m tests.regenerate_golden`, then review the diff.
"""

from pathlib import Path

import pytest

from site_src.importer.command import run_import
from tests.regenerate_golden import GOLDEN_DIR, seeds


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


@pytest.mark.parametrize("seed", seeds(), ids=lambda p: p.stem)
def test_seed_imports_byte_for_byte_as_golden(seed: Path, tmp_path: Path):
    expected = _files(GOLDEN_DIR / seed.stem)
    assert expected, f"no golden files for {seed.name}: run python -m tests.regenerate_golden"
    assert run_import([seed], tmp_path, dry_run=False, force=False) == 0
    actual = _files(tmp_path)
    assert sorted(actual) == sorted(expected)
    for relpath, content in expected.items():
        assert actual[relpath] == content, f"{seed.stem}/{relpath} differs from golden"


def test_all_five_seeds_give_eleven_reports(tmp_path: Path):
    assert len(seeds()) == 5
    assert run_import(seeds(), tmp_path, dry_run=False, force=False) == 0
    assert len(_files(tmp_path)) == 11
