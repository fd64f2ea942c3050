"""The loader must turn *any* file into articles or problems — never a crash.

`serve` keeps running while an editor types, so half-written YAML, odd bytes and
YAML features nobody uses on purpose (aliases, tags, complex keys) all have to
come back as Problems with a position inside the file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_src.content.diagnostics import Problem
from site_src.content.encoding import decode
from site_src.content.parse import parse
from site_src.content.validate import validate_collection, validate_file
from site_src.model.article import KNOWN_KEYS

PATH = Path("content/2024/03/x.md")

YAML_BITS = st.sampled_from([
    "", " ", "\n", ": ", "- ", "[", "]", "{", "}", ",", "'", '"', "#", "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "? ", "|", ">", "\t", "2024-13-01", "2024-03-14", "true",
    "null", "~", "陈斌", "浙江省", "  ", "---", "...", "%YAML 1.1", "<script>", "1e3", "0x1F",
])
KEY = st.one_of(st.sampled_from(KNOWN_KEYS + ("provenance", "file", "line", "artefacts")),
                st.text(min_size=1, max_size=6))
LINE = st.builds(lambda indent, key, bits: " " * indent + f"{key}: " + "".join(bits),
                 st.integers(0, 4), KEY, st.lists(YAML_BITS, max_size=6))
FRONT_MATTER = st.lists(st.one_of(LINE, st.lists(YAML_BITS, max_size=8).map("".join)),
                        max_size=12).map("\n".join)
BODY = st.lists(st.sampled_from([
    "正文。", "<b>粗</b>", "<script>x</script>", "[a](../03/y.md)", "[b](/2024/03/y/)",
    "[c](javascript:x)", "`<i>`", "    <pre>", "\n", "\n\n", "[d][1]", "[1]: /2024/x/",
]), max_size=10).map("".join)


def _load_one(text: str) -> list[Problem]:
    parsed, problems = parse(PATH, text)
    if parsed is None:
        return problems
    result = validate_file(parsed)
    return problems + result.problems + validate_collection([result], [PATH])


def _line_count(text: str) -> int:
    """Lines as an editor counts them: LF, CRLF and a lone CR each end a line."""
    return len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT_MATTER, BODY, st.booleans())
@example("a: b\r\r\r\r\rc: d: e", "", True)  # YAML counts a lone CR as a line break
@example("title: x\u2028\u2028\u2028: y: z", "", True)  # so does it U+2028
def test_any_front_matter_gives_problems_inside_the_file_not_a_crash(yaml_text, body, close):
    text = "---\n" + yaml_text + ("\n---\n" if close else "\n") + body
    problems = _load_one(text)
    for problem in problems:
        assert 0 <= problem.line <= _line_count(text), problem
        assert problem.column >= 0
        assert str(problem).startswith(f"{PATH}:{problem.line}:{problem.column}: ")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_named(data: bytes):
    text, problems, _is_gbk = decode(PATH, data)
    assert (text is None) == bool(problems)
    if text is not None:
        assert "\r" not in text and not text.startswith("\ufeff")
        _load_one(text)


def test_a_lone_carriage_return_ends_a_line_for_the_splitter_as_for_yaml():
    problems = _load_one("---\rtitle: x\rdate: 2024-13-01\r---\r\r正文\r")
    assert [str(p) for p in problems] == [
        "content/2024/03/x.md:3:7: error: date '2024-13-01' is not a valid date (month 13) — "
        "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14",
    ]


def test_self_referencing_alias_is_refused_at_the_alias():
    problems = _load_one("---\ntitle: x\nleaders: &a [*a]\nsource: &b [*b]\n---\n正文\n")
    assert [str(p) for p in problems] == [
        "content/2024/03/x.md:3:14: error: YAML aliases (*a) are not allowed in front matter — "
        "write the value out",
    ]


def test_python_tags_are_never_constructed(tmp_path: Path):
    marker = tmp_path / "pwned"
    problems = _load_one(f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
                         "source: !!python/name:os.system x\n---\n正文\n")
    assert [str(p) for p in problems] == [
        "content/2024/03/x.md:2:8: error: `title` must be a single text value, not a list — "
        f"write `title: touch {marker}`"
    ]
    assert not marker.exists()


def test_a_file_longer_than_one_read_loads_whole(tmp_path: Path):
    """Files are read by plain system calls in 64 KB pieces (content/load.py): a long
    report — and one exactly a piece long — must come back whole, byte for byte."""
    from site_src.content.load import _CHUNK, load_content

    folder = tmp_path / "2024" / "03"
    folder.mkdir(parents=True)
    head = "---\ntitle: 长报道\ndate: 2024-03-14\n---\n"
    paragraph = "民政工作会议在杭州召开，会议总结了二〇二三年的工作。\n\n"
    long_body = paragraph * (3 * _CHUNK // len(paragraph.encode()))
    (folder / "long.md").write_text(head + long_body, encoding="utf-8")
    exact = (head + "x" * _CHUNK).encode()[:_CHUNK - 1] + b"\n"
    assert len(exact) == _CHUNK
    (folder / "exact.md").write_bytes(exact)
    loaded = load_content(tmp_path)
    bodies = {a.path.name: a.body for a in loaded.articles}
    assert len((head + long_body).encode()) > 2 * _CHUNK
    assert bodies["long.md"] == long_body.strip("\n") + "\n"
    assert bodies["exact.md"] == exact.decode()[len(head):]
