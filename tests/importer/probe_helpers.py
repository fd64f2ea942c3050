"""What the per-round importer tests ask of a text: its reports, where they start,
and the place read from it (the rounds' tests use invented wording)."""

from site_src.importer.bulletin import normalised_lines
from site_src.importer.metadata import read_metadata
from site_src.importer.split import split_reports


def reports(text):
    return split_reports(normalised_lines(text))


def start_lines(text):
    """The raw line each report starts at."""
    return [d.start_line for d in reports(text)]


def openings(text):
    """The first six characters of each report's body."""
    return [r.body[0].text[:6] for r in reports(text)]


def place(text):
    meta = read_metadata("", text.split("\n"))
    return meta.province, meta.city
