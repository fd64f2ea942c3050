"""Two builds of the same input are byte-identical (except Pagefind's hashed bundle).

Deterministic output keeps deploy diffs honest and makes caching work.
"""

from __future__ import annotations

import difflib
from pathlib import Path


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != "pagefind"
    }


def first_difference(a: bytes, b: bytes) -> str:
    lines = difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines(),
        lineterm="", n=0,
    )
    return "\n    ".join(list(lines)[2:8])


def test_two_builds_are_byte_identical(built_site, build_site, tmp_path):
    second = build_site(built_site.content_dir, tmp_path / "public", built_site.base_url)
    one, two = files_of(built_site.root), files_of(second.root)
    assert sorted(one) == sorted(two), (
        f"different files: only in first {sorted(set(one) - set(two))[:10]}, "
        f"only in second {sorted(set(two) - set(one))[:10]}"
    )
    differing = [name for name in one if one[name] != two[name]]
    print(f"{len(one)} files compared, {len(differing)} differ")
    assert not differing, f"{len(differing)} files differ between builds:\n" + "\n".join(
        f"{name}:\n    {first_difference(one[name], two[name])}" for name in differing[:10]
    )
