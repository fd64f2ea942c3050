"""Hostile front matter and bodies: refused with a position, never a hang, never broken XML.

The alias bomb is the 4 KB file that made `check` expand 300^5 values; here it
must be refused at its first alias, in a child process bounded in time and
memory. Control characters are refused in front matter and left out of bodies
(with a warning), so the feeds stay well-formed XML.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import xml.dom.minidom
from pathlib import Path

import pytest

from site_src.content.load import load_content
from site_src.model.slugs import pinyin_slug
from tests.conftest import REPO
from tests.editors.conftest import VALID_ARTICLE, Site
from tests.editors.test_build_refuses import build

BAD = "content/2024/03/bad.md"


def alias_bomb(where: str) -> str:
    """Five anchored levels of 300 aliases each, used as a value, a key or in provenance."""
    items = ", ".join(["x"] * 300)
    lines = [f"a: &a [{items}]"]
    for previous, name in zip("abcd", "bcde", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 300) + "]")
    use = {"value": "title: *e", "key": "title: x\n? *e\n: y",
           "provenance": "title: x\nprovenance:\n  file: *e\n  line: 1"}[where]
    return "---\n" + "\n".join(lines) + "\n" + use + "\n---\n\n正文。\n"


def run_bounded(args: list[str], cwd: Path, seconds: float) -> tuple[int, str, float, int]:
    """Run a child; (exit code, stderr, seconds, its own peak memory in MB), killed at `seconds`."""
    start = time.monotonic()
    child = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONUTF8": "1"})
    timer = threading.Timer(seconds, child.kill)
    timer.start()
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not its siblings'
    timer.cancel()
    elapsed = time.monotonic() - start
    assert elapsed < seconds, f"still running after {seconds} s (killed)"
    return os.waitstatus_to_exitcode(status), err, elapsed, usage.ru_maxrss // 1024


@pytest.mark.parametrize("where", ["value", "key", "provenance"])
def test_alias_bomb_is_refused_quickly_at_its_first_alias(site: Site, where: str):
    text = alias_bomb(where)
    assert len(text.encode()) < 8_000
    site.write("2024/03/bad.md", text)
    code, err, seconds, peak_mb = run_bounded(
        [sys.executable, str(REPO / "build.py"), "check"], site.root, seconds=10)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{BAD}:3:8: error: YAML aliases (*a) are not allowed in front matter — "
        "write the value out")
    assert seconds < 10 and peak_mb < 500, (seconds, peak_mb)


def test_an_anchor_without_alias_and_a_quoted_star_are_fine(site: Site):
    site.write("2024/03/fine.md", VALID_ARTICLE.replace("source: 浙江省民政厅",
                                                      "source: &s 浙江省民政厅\nsummary: \"*注\"")
               .replace("2024-03-14", "2024-03-15"))
    assert site.check().stderr_lines == ["0 errors, 0 warnings in 2 files"]


@pytest.mark.parametrize(("line", "expected"), [
    ("title: 标题\x01", "3:10: error: control character U+0001 in the front matter — delete "
     "it: it is invisible, YAML cannot read it, and feeds would break on it (it usually comes "
     "from text copied out of a PDF or a terminal)"),
    ("title: 标\x1b题", "3:9: error: control character U+001B in the front matter"),
    ("title: 标题\x00", "3:10: error: control character U+0000 in the front matter"),
    ("title: 标题\x85", "3:10: error: control character U+0085 in the front matter"),
    ("title: 标题\u2028x", "3:10: error: control character U+2028 in the front matter"),
    ("title: \"标题\\e\"", "3:8: error: `title` contains the invisible control character "
     "U+001B — delete it (a YAML escape such as \\x01 or \\e also writes one)"),
    ("leaders: [\"陈\\x01斌\"]", "3:11: error: `leaders` contains the invisible control "
     "character U+0001"),
])
def test_control_characters_in_front_matter_are_refused_where_they_are(
        site: Site, line: str, expected: str):
    title = "" if line.startswith("title") else "title: 标题\n"
    site.write("2024/03/bad.md", f"---\ndate: 2024-03-14\n{line}\n{title}---\n\n正文。\n")
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines[0].startswith(f"{BAD}:{expected}"), run.stderr_lines


def test_control_characters_in_the_body_are_left_out_with_a_warning(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: 标题\ndate: 2024-03-15\n---\n\n"
               "第一段\x01。\n\n第二\x1b[31m段\x00。\n")
    run = site.check()
    assert run.exit_code == 0
    assert run.stderr_lines[0] == (
        f"{BAD}:6:4: warning: invisible control character U+0001 in the text (3 in all) is "
        "left out of the site — delete it from the file (it usually comes from text copied "
        "out of a PDF or a terminal)")
    assert site.check("--strict").exit_code == 1
    article = next(a for a in load_content(site.content).articles if a.title == "标题")
    assert article.body == "第一段。\n\n第二[31m段。\n"


def test_feeds_stay_well_formed_xml_with_control_characters_in_a_body(tmp_path: Path):
    site = Site(tmp_path)
    site.write("2024/03/zhejiang-0314.md", VALID_ARTICLE.replace(
        "传达学习全国两会精神。", "传达\x01学习\x1b全国\x00两会\x7f精神\x9b。"))
    result = build(tmp_path, tmp_path / "public")
    assert result.returncode == 0, result.stderr
    for feed in sorted((tmp_path / "public").rglob("feed.xml")):
        xml.dom.minidom.parseString(feed.read_bytes())  # raises on a control character
    assert "两会精神" in (tmp_path / "public/feed.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("line", "expected"), [
    ("slug: " + "a" * 81, "3:7: error: `slug` is 81 characters long, more than the 80 allowed "
     "— shorten it to at most 80 characters"),
    ("leaders: [" + "陈" * 21 + "]", "3:11: error: `leaders` is 21 characters long, more than "
     "the 20 allowed — a name has at most 20 characters — is this several names? write "
     "`leaders: [陈斌, 李丽]`"),
    ("speakers: [" + "李" * 25 + "]", "3:12: error: `speakers` is 25 characters long"),
    ("roles: {" + "王" * 21 + ": 厅长}", "3:9: error: `roles` is 21 characters long"),
    ("roles: {王五: " + "长" * 61 + "}", "3:13: error: `roles: 王五` is 61 characters long, "
     "more than the 60 allowed — shorten it to at most 60 characters"),
    ("source: " + "民政厅" * 21, "3:9: error: `source` is 63 characters long, more than the 60 "
     "allowed"),
    ("title: " + "长" * 201, "3:8: error: `title` is 201 characters long, more than the 200 "
     "allowed — shorten the headline to at most 200 characters (the rest belongs in the text)"),
    ("tags: [" + "标" * 21 + "]", "3:8: error: `tags` is 21 characters long"),
])
def test_names_slugs_and_titles_are_bounded(site: Site, line: str, expected: str):
    title = "" if line.startswith("title") else "title: 标题\n"
    site.write("2024/03/bad.md", f"---\ndate: 2024-03-14\n{line}\n{title}---\n\n正文。\n")
    run = site.check()
    assert run.exit_code == 1
    assert run.stderr_lines[0].startswith(f"{BAD}:{expected}"), run.stderr_lines


def test_a_long_file_name_without_slug_is_refused(site: Site):
    name = "a" * 81
    site.write(f"2024/03/{name}.md", VALID_ARTICLE)
    assert site.check().stderr_lines[0] == (
        f"content/2024/03/{name}.md:1:1: error: file name '{name}.md' is too long for a URL "
        "(81 characters, at most 80) — rename the file, or add a shorter `slug:`")


def test_the_limits_keep_every_url_segment_under_255_bytes():
    """A namesake's page is pinyin(name)-pinyin(source)-N: the longest syllables at the limits."""
    longest_name = pinyin_slug("庄" * 20)
    longest_source = pinyin_slug("创" * 15)
    assert len(f"{longest_name}-{longest_source}-999".encode()) <= 255
    assert len(("a" * 80).encode()) <= 255


def test_a_compatibility_ideograph_is_the_same_person(site: Site):
    site.write("2024/03/zhejiang-0315.md", VALID_ARTICLE.replace("2024-03-14", "2024-03-15")
               .replace("leaders: [陈斌]", "leaders: [\uf9e1四]\nroles: {\uf9e1四: 厅长}")
               .replace("speakers: []", "speakers: [\uf9e1五]"))
    site.write("2024/03/zhejiang-0316.md", VALID_ARTICLE.replace("2024-03-14", "2024-03-16")
               .replace("leaders: [陈斌]", "leaders: [李四]"))
    articles = load_content(site.content).articles
    names = {name for a in articles for name in (*a.leaders, *a.speakers, *a.roles)}
    assert {"李四", "李五"} <= names
    assert "\uf9e1四" not in names and "\uf9e1五" not in names


def test_front_matter_nested_thousands_deep_is_one_error_not_a_crash(site: Site):
    site.write("2024/03/bad.md", "---\ntitle: " + "[" * 50_000 + "\n---\n\n正文。\n")
    assert site.check().stderr_lines[0] == (
        f"{BAD}:2:1: error: front matter is nested too deeply (lists or mappings inside each "
        "other hundreds of times) — write one `key: value` per line; lists as `[a, b]`")
