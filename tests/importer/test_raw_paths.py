"""Raw files are known by their path under raw/, not their base name (issue 12.9).

`raw/a/001.txt` and `raw/b/001.txt` are two bulletins: importing the second must
not replace the first one's reports. Files directly in raw/ keep the name they
always had, and articles an older importer keyed by base name are taken over
only when they are byte-identical to what this import would have written then.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from site_src.commands.cli import main
from site_src.content import frontmatter
from site_src.importer import markdown_out, rawkey

RAW = Path(__file__).resolve().parents[2] / "raw"
FIRST = "近日，安徽省民政厅召开第一次会议，研究养老服务。\n（据安徽省民政厅）\n"
SECOND = "近日，安徽省民政厅召开第二次会议，研究社会救助。\n（据安徽省民政厅）\n"


def _import(content: Path, *files: Path):
    return CliRunner().invoke(main, ["import", "--content", str(content), *map(str, files)])


def _raw(root: Path, relpath: str, text: str) -> Path:
    path = root / "raw" / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _provenance_file(path: Path) -> str:
    article, problems = frontmatter.load(path, path.read_text(encoding="utf-8"))
    assert article is not None, problems
    return article.provenance.file


def test_raw_key_is_the_path_under_raw(tmp_path):
    assert rawkey.raw_key(tmp_path / "raw/a/001.txt") == "a/001.txt"
    assert rawkey.raw_key(tmp_path / "raw/001.txt") == "001.txt"
    assert rawkey.raw_key(tmp_path / "raw/x/raw/b/001.txt") == "b/001.txt"  # the nearest raw/
    assert rawkey.raw_key(tmp_path / "elsewhere/001.txt") == "001.txt"


def test_same_name_in_two_raw_folders_does_not_replace_the_first_bulletin(tmp_path):
    content = tmp_path / "content"
    first = _raw(tmp_path, "a/001.txt", FIRST)
    second = _raw(tmp_path, "b/001.txt", SECOND)
    assert _import(content, first).exit_code == 0
    kept = (content / "undated/anhui.md").read_bytes()
    result = _import(content, second)
    assert result.exit_code == 0, result.output
    assert (content / "undated/anhui.md").read_bytes() == kept
    assert "第二次" in (content / "undated/anhui-2.md").read_text(encoding="utf-8")
    assert _provenance_file(content / "undated/anhui.md") == "a/001.txt"
    assert _provenance_file(content / "undated/anhui-2.md") == "b/001.txt"
    again = _import(content, first, second)  # both again: idempotent, nothing swapped
    assert again.exit_code == 0 and "0 written, 0 updated, 2 unchanged" in again.stdout


def test_files_directly_in_raw_keep_their_stored_names():
    """The bundled content was imported from raw/*.txt: a re-import changes nothing."""
    content = Path(__file__).resolve().parents[2] / "content"
    seeds = map(str, sorted(RAW.glob("*.txt")))
    result = CliRunner().invoke(main, ["import", "--dry-run", "--content", str(content), *seeds])
    assert result.exit_code == 0, result.output
    assert "(write)" not in result.stdout and "(update)" not in result.stdout


def _as_older_importer_wrote_it(path: Path, old_name: str) -> None:
    """Rewrite an imported file as the base-name importer would have (name + digest)."""
    article, _ = frontmatter.load(path, path.read_text(encoding="utf-8"))
    old = replace(article, provenance=replace(article.provenance, file=old_name, digest=None))
    path.write_text(markdown_out.render(old), encoding="utf-8")


def test_an_older_import_keyed_by_base_name_is_migrated_when_identical(tmp_path):
    content = tmp_path / "content"
    first = _raw(tmp_path, "a/001.txt", FIRST)
    _import(content, first)
    article = content / "undated/anhui.md"
    _as_older_importer_wrote_it(article, "001.txt")
    assert _provenance_file(article) == "001.txt"
    result = _import(content, first)
    assert result.exit_code == 0
    assert "1 updated" in result.stdout and not (content / "undated/anhui-2.md").exists()
    assert _provenance_file(article) == "a/001.txt"


def test_an_older_import_that_differs_is_not_taken_over_but_named(tmp_path):
    content = tmp_path / "content"
    first = _raw(tmp_path, "a/001.txt", FIRST)
    _import(content, first)
    article = content / "undated/anhui.md"
    _as_older_importer_wrote_it(article, "001.txt")
    before = article.read_bytes()
    second = _raw(tmp_path, "b/001.txt", SECOND)  # another bulletin with the same base name
    result = _import(content, second)
    assert result.exit_code == 0
    assert article.read_bytes() == before
    assert "第二次" in (content / "undated/anhui-2.md").read_text(encoding="utf-8")
    assert f"{article} names its raw file by base name only" in result.stderr
    assert "b/001.txt" in result.stderr


def test_two_files_with_one_name_outside_raw_are_refused(tmp_path):
    one, two = tmp_path / "x/001.txt", tmp_path / "y/001.txt"
    for path, text in ((one, FIRST), (two, SECOND)):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    result = _import(tmp_path / "content", one, two)
    assert result.exit_code == 1
    assert "both known as 001.txt" in result.stderr and "raw/" in result.stderr
    assert not (tmp_path / "content").exists()


def test_a_symlinked_raw_folder_keeps_the_path_under_raw(tmp_path):
    real = tmp_path / "elsewhere/b"
    real.mkdir(parents=True)
    (real / "001.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw/b").symlink_to(real)
    _import(tmp_path / "content", tmp_path / "raw/b/001.txt")
    assert _provenance_file(tmp_path / "content/undated/anhui.md") == "b/001.txt"
    shutil.rmtree(real)
