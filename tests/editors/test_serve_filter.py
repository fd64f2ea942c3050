"""`serve` rebuilds for content, never for the temporary files editors leave around."""

import pytest
import watchfiles

from site_src.commands.serve import EditorFilter


@pytest.mark.parametrize("name", ["sedpVzsfT", ".zhejiang.md.swp", ".zhejiang.md.swx", "4913",
                                  "zhejiang.md~", "#zhejiang.md#", ".#zhejiang.md",
                                  "zhejiang.md.tmp"])
def test_editor_temporary_files_are_ignored(name: str) -> None:
    assert not EditorFilter()(watchfiles.Change.added, f"/p/content/2024/04/{name}")


@pytest.mark.parametrize("path", ["content/2024/04/zhejiang.md", "templates/article.html",
                                  "static/style.css", "content/2024/04/sed.md"])
def test_real_files_trigger_a_rebuild(path: str) -> None:
    assert EditorFilter()(watchfiles.Change.modified, f"/p/{path}")
