"""Generated bulletins: the importer never crashes, never loses a character, is idempotent."""

from __future__ import annotations

import tempfile
from pathlib import Path

import frontmatter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from site_src.importer import conservation
from site_src.importer.bulletin import BulletinError, decode, import_bulletin, normalised_lines
from site_src.importer.command import run_import

CLAUSES = [
    "浙江省民政厅召开党组会议", "传达学习全国两会精神", "厅党组书记、厅长陈斌主持会议并讲话",
    "厅长李丽作工作报告", "*市民政局党组紧扣总要求", "将*.*万人纳入低保范围",
    "新增保障对象 1,086人", "抓好抓实 2024年重点工作", "研讨 9次", "上午10:30召开",
    "扬州市民政局党委牢牢把握", "建设“家门口养老服务圈”", "召开党组(扩大)会议",
    "Hello world", "snake_case 与 [方括号] 和 <尖括号>", "反斜杠\\和`反引号`",
    "内蒙古自治区民政厅举行会议", "二〇二四年新年贺词", "3月14日", "近日",
]
ENDS = ["。", "；", "！", "？", ".", ";", "!", "?"]
COMMAS = ["，", ",", ", ", "、"]
PLACES = ["浙江省民政厅", "江苏省民政厅", "扬州市民政局", "西宁市民政局", "湖北省民政厅"]


@st.composite
def sentence(draw) -> str:
    clauses = draw(st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=4))
    text = ""
    for i, clause in enumerate(clauses):
        text += clause + (draw(st.sampled_from(COMMAS)) if i < len(clauses) - 1 else "")
    return text + draw(st.sampled_from(ENDS))


@st.composite
def wrapped(draw, text: str) -> list[str]:
    """Hard-wrap at a random column, or cut a long line at a random page break."""
    if draw(st.booleans()):
        width = draw(st.integers(min_value=8, max_value=20))
        lines = [text[i : i + width] for i in range(0, len(text), width)]
    else:
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        lines = [part for part in (text[:cut], text[cut:]) if part]
    out = []
    for line in lines:
        if draw(st.integers(0, 6)) == 0:  # a stray PDF space
            at = draw(st.integers(0, len(line)))
            line = line[:at] + " " + line[at:]
        out.append(line)
        out.extend([""] * draw(st.integers(0, 2)))
        if draw(st.integers(0, 12)) == 0:
            out.append(draw(st.sampled_from(["TOPIC", "- 3 -", "PAGE"])))
    return out


@st.composite
def report(draw, last: bool) -> list[str]:
    lines: list[str] = []
    style = draw(st.sampled_from(["heading", "plain", "none"]))
    place = draw(st.sampled_from(PLACES))
    if style == "heading":
        lines += [draw(st.sampled_from(["# ", "## "])) + place + "召开党组会议 传达学习精神", ""]
    elif style == "plain":
        lines.append(" " + place + "：“实”字当头 推动主题教育")
    for _ in range(draw(st.integers(1, 3))):
        paragraph = "".join(draw(st.lists(sentence(), min_size=1, max_size=3)))
        lines += draw(wrapped(paragraph))
    attribution = draw(st.sampled_from([f"（据{place}）", f"(据{place})", f"( 据{place} )"]))
    if last and draw(st.booleans()):
        return lines
    if draw(st.booleans()) and lines and lines[-1].strip():
        lines[-1] += draw(st.sampled_from(["", " "])) + attribution
    else:
        lines.append(attribution)
    return lines


@st.composite
def bulletin(draw) -> str:
    count = draw(st.integers(1, 4))
    lines: list[str] = []
    for i in range(count):
        lines += draw(report(last=i == count - 1))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n \n"]))


def conserved_and_repeatable(text: str) -> list:
    """Import `text`: no character lost, the same articles a second time; [] if refused."""
    try:
        reports = import_bulletin("gen.txt", text)
    except BulletinError:
        return []
    conservation.check("gen.txt", normalised_lines(text), reports)
    assert [r.text for r in import_bulletin("gen.txt", text)] == [r.text for r in reports]
    return reports


def _check(text: str) -> None:
    for imported in conserved_and_repeatable(text):
        meta = frontmatter.loads(imported.text).metadata
        assert meta["title"] and meta["provenance"]["file"] == "gen.txt"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletin())
def test_generated_bulletins_import_without_loss(text):
    _check(text)


NOISE = st.lists(
    st.sampled_from(
        list("会议指出要认真学习据民政厅局省市（）()，,。.：:；;！!？?“”*#-+_[]`<>&\\ \t\u3000\n")
        + ["TOPIC", "（据浙江省民政厅）", "(据扬州市民政局)", "## ", "2024年", "3月14日", "\r"]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(NOISE)
def test_arbitrary_text_never_crashes_and_loses_nothing(text):
    _check(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletin(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_import_twice_is_byte_identical_and_unchanged(text, newline, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")
    assert decode(data, "gen.txt") == text
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "gen.txt"
        raw.write_bytes(data)
        content = Path(tmp) / "content"
        assert run_import([raw], content, dry_run=False, force=False) == 0
        first = {p: p.read_bytes() for p in sorted(content.rglob("*.md"))}
        assert first
        assert run_import([raw], content, dry_run=False, force=False) == 0
        assert {p: p.read_bytes() for p in sorted(content.rglob("*.md"))} == first


HAN_CLAUSES = [c for c in CLAUSES if all(not ch.isascii() for ch in c)]


@st.composite
def paragraphs(draw) -> list[str]:
    """Paragraphs of several full lines, as in the seeds (a column needs full lines)."""
    result = []
    for _ in range(draw(st.integers(2, 5))):
        sentences = []
        for _ in range(draw(st.integers(2, 4))):
            clauses = draw(st.lists(st.sampled_from(HAN_CLAUSES), min_size=3, max_size=5))
            sentences.append("，".join(clauses) + draw(st.sampled_from(["。", "；", "！"])))
        result.append("".join(sentences))
    return result


@settings(max_examples=150, deadline=None)
@given(paragraphs(), st.integers(min_value=12, max_value=22), st.data())
def test_rewrapped_paragraphs_are_never_glued_and_sentences_never_split(paras, width, data):
    """Hard-wrap real paragraphs (first line indented) and reflow them back."""
    from site_src.importer.layout import Piece, paragraph_text, reflow

    assume(all(len(p) >= 3 * width for p in paras))
    pieces, line = [], 1
    for paragraph in paras:
        start, first = 0, True
        while start < len(paragraph):
            size = width - 2 if first else width
            pieces.append(Piece(line, 1, paragraph[start : start + size]))
            line += 1 + data.draw(st.integers(0, 1))  # a blank line after some lines
            start, first = start + size, False
    rebuilt = [paragraph_text(p) for p in reflow(pieces)]
    assert "".join(rebuilt) == "".join(paras)
    ends, offset = set(), 0
    for paragraph in rebuilt:
        offset += len(paragraph)
        ends.add(offset)
        assert paragraph[-1] in "。；！", "a paragraph ends inside a sentence"
    offset = 0
    for paragraph in paras:
        offset += len(paragraph)
        assert offset in ends, "two paragraphs were glued together"
