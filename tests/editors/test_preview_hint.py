"""The preview hint printed after a build opens a page whose links work."""

from pathlib import Path

from site_src.commands.preview import preview_hint


def test_root_build_is_served_at_the_root() -> None:
    hint = preview_hint(Path("public"), "/")
    assert "http.server -d public 8000" in hint
    assert "http://127.0.0.1:8000/)" in hint


def test_subpath_build_is_served_under_its_path(tmp_path: Path) -> None:
    hint = preview_hint(tmp_path / "public", "https://user.github.io/repo/")
    assert f"ln -sfn {tmp_path / 'public'} /tmp/minzheng-preview/repo" in hint
    assert "http://127.0.0.1:8000/repo/" in hint
    assert "-d public" not in hint


def test_nested_subpath(tmp_path: Path) -> None:
    hint = preview_hint(tmp_path, "https://example.org/a/b/")
    assert "mkdir -p /tmp/minzheng-preview/a &&" in hint
    assert "http://127.0.0.1:8000/a/b/" in hint
