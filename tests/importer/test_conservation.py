"""The nothing-lost check catches loss, duplication and reordering, and names the line."""

from pathlib import Path

import pytest

from site_src.importer import conservation
from site_src.importer.bulletin import decode, import_bulletin, normalised_lines
from site_src.importer.conservation import ConservationError

RAW = Path(__file__).resolve().parents[2] / "raw"


def _seed(prefix):
    (path,) = RAW.glob(f"{prefix}_*.txt")
    text = decode(path.read_bytes(), path.name)
    return path.name, normalised_lines(text), import_bulletin(path.name, text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_passes(prefix):
    name, lines, reports = _seed(prefix)
    conservation.check(name, lines, reports)


def test_a_character_lost_in_the_markdown_is_reported_at_its_raw_line():
    name, lines, reports = _seed("000")
    second = reports[1]
    assert "研讨交流315人次。" in second.text
    second.text = second.text.replace("研讨交流315人次。", "研讨交流315人。")
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert err.value.line == 192  # `学、如何做”研讨交流 315人次。`
    assert name in str(err.value) and ":192:" in str(err.value)


def test_a_lost_asterisk_is_caught():
    name, lines, reports = _seed("004")
    reports[0].text = reports[0].text.replace(r"\*市民政局", "市民政局", 1)
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert err.value.line == 4


def test_a_dropped_artefact_record_is_caught():
    name, lines, reports = _seed("003")
    reports[0].text = reports[0].text.replace("  artefacts:\n  - {line: 288, text: TOPIC}\n", "")
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert err.value.line == 288


def test_a_changed_printed_title_is_caught_but_a_derived_one_is_not_counted():
    name, lines, reports = _seed("000")
    derived = reports[0]
    derived.text = derived.text.replace("title: 浙江省民政厅召开", "title: 浙江省民政厅举行", 1)
    conservation.check(name, lines, reports)  # a derived title duplicates body text
    reports[1].text = reports[1].text.replace("“实”字当头", "“实”字为先", 1)
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert err.value.line == 104


def test_duplicated_text_is_caught():
    name, lines, reports = _seed("002")
    reports[0].text = reports[0].text.replace(
        "（据安徽省民政厅）", "（据安徽省民政厅）（据安徽省民政厅）"
    )
    with pytest.raises(ConservationError):
        conservation.check(name, lines, reports)


def test_a_missing_report_is_caught():
    name, lines, reports = _seed("001")
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports[:2])
    assert err.value.line == 43


def test_a_merged_paragraph_is_caught():
    name, lines, reports = _seed("001")
    text = reports[0].text
    merged = text.replace("参加会议。\n\n（据浙江省民政厅）", "参加会议。（据浙江省民政厅）")
    assert merged != text
    reports[0].text = merged
    with pytest.raises(ConservationError, match="paragraphs"):
        conservation.check(name, lines, reports)


def test_swapped_paragraphs_are_caught():
    name, lines, reports = _seed("002")
    meta_and_body = reports[2].text.split("---\n\n", 1)
    paragraphs = meta_and_body[1].split("\n\n")
    paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    reports[2].text = meta_and_body[0] + "---\n\n" + "\n\n".join(paragraphs)
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert err.value.line == 41


def test_markdown_the_site_would_refuse_fails_the_import():
    """The read-back is the site's own loader: what `check` refuses, the import refuses."""
    name, lines, reports = _seed("001")
    first = reports[0]
    first.text = first.text.replace("leaders: [", "leaders: [" + "陈" * 21 + ", ", 1)
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert "does not pass `check`" in str(err.value)
    assert "`leaders` is 21 characters long" in str(err.value)


def test_a_control_character_in_the_raw_file_is_named_at_its_line():
    name, lines, reports = _seed("001")
    lines = list(lines)
    lines[6] = lines[6][:3] + "\x01" + lines[6][3:]
    with pytest.raises(ConservationError) as err:
        conservation.check(name, lines, reports)
    assert str(err.value) == (
        f"{name}:7: conservation check failed: invisible control character U+0001 in the raw "
        "text — delete it from the raw file and import again")
