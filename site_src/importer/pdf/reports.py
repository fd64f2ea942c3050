"""A bulletin PDF → its reports, through the same stages as a text bulletin.

The laid-out text goes through `bulletin.import_bulletin` (split → metadata →
Markdown) and the text conservation check; then provenance is rewritten to
name the PDF's page and line, and the furniture set aside is added as
artefacts. Conservation for a PDF is two proofs chained: every character of
the text layer is in the laid-out text or the furniture (this module), and
every character of the laid-out text is in an article or its artefacts (the
text check).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from site_src.importer import conservation, markdown_out
from site_src.importer.bulletin import ImportedReport, import_bulletin, normalised_lines
from site_src.importer.pdf.extract import Page, PdfError, read_pdf
from site_src.importer.pdf.laid_out import Dropped, LaidOut, lay_out
from site_src.importer.split import ReportDraft
from site_src.model.article import Artefact, Provenance


def import_pdf(path: Path, name: str | None = None, **options) -> list[ImportedReport]:
    """Import one PDF bulletin; PdfError (a BulletinError) for anything that cannot be.

    `options` go to `import_bulletin` unchanged (e.g. `year=` for `import --year`),
    so a PDF gets exactly the treatment its text would.
    """
    name = name or path.name
    pages = read_pdf(path, name)
    laid = lay_out(pages)
    check_text_layer(name, pages, laid)
    reports = import_bulletin(name, laid.text, **options)
    try:
        conservation.check(name, normalised_lines(laid.text), reports)
    except conservation.ConservationError as err:
        page, line = laid.origin(err.line)
        raise PdfError(f"{name}: page {page} line {line}: conservation check failed: "
                       f"{err.message}") from None
    if laid.textless:  # a scanned page among typeset ones: say so rather than lose it quietly
        reports[0].flags.append(
            f"page(s) {', '.join(map(str, laid.textless))} have no text but page furniture "
            "(scanned images or pictures?): nothing on them was imported — OCR is out of scope")
    furniture: dict[int, list[Dropped]] = {id(r): [] for r in reports}
    for dropped in laid.dropped:
        furniture[id(_owner(dropped.after, reports))].append(dropped)
    return [_relocated(name, r, furniture[id(r)], laid) for r in reports]


def _dense(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


def check_text_layer(name: str, pages: list[Page], laid: LaidOut) -> None:
    """Every character of the text layer is in the laid-out text or the furniture, once."""
    layer = _dense("".join(ln.text for page in pages for ln in page.lines))
    text = "".join(ln.removeprefix("## ") for ln in laid.lines)
    kept = _dense(text) + _dense("".join(d.text for d in laid.dropped))
    if layer != kept:
        missing, extra = layer - kept, kept - layer
        where = next((p.number for p in pages for ln in p.lines
                      if set(ln.text) & set(missing)), 1)
        raise PdfError(
            f"{name}: page {where}: the text layer's characters are not all accounted for "
            f"(missing {''.join(sorted(missing.elements()))[:20]!r}, "
            f"extra {''.join(sorted(extra.elements()))[:20]!r}) — a layout the importer "
            "does not handle yet; please report it with the PDF")


_LINE_REF = re.compile(r"\bline (\d+)\b")


def _relocated(
    name: str, report: ImportedReport, furniture: list[Dropped], laid: LaidOut
) -> ImportedReport:
    """The report with provenance in PDF pages and lines, furniture added as artefacts."""
    prov = report.article.provenance
    page, line = laid.origin(prov.line)
    artefacts = [Artefact(line=laid.origin(a.line)[1], text=a.text, page=laid.origin(a.line)[0])
                 for a in prov.artefacts]
    artefacts += [Artefact(line=d.line, text=d.text, page=d.page) for d in furniture]
    artefacts.sort(key=lambda a: (a.page or 0, a.line, a.text))
    provenance = Provenance(file=name, line=line, artefacts=tuple(artefacts), page=page)
    article = replace(report.article, provenance=provenance)
    flags = [_LINE_REF.sub(lambda m: "page {} line {}".format(*laid.origin(int(m.group(1)))), f)
             for f in report.flags]
    moved = replace(report, article=article, flags=flags)
    moved.text = markdown_out.render(article)
    conservation.read_back(moved)  # the rewritten file must still pass `check`
    return moved


def _owned(draft: ReportDraft) -> list[int]:
    pieces = draft.body + draft.title_pieces + draft.extra
    return [p.line for p in pieces] + ([draft.attribution.line] if draft.attribution else [])


def _owner(after: int, reports: list[ImportedReport]) -> ImportedReport:
    """The report whose text comes last at or before text line `after` (the first: none)."""
    owner, owner_line = reports[0], -1
    for report in reports:
        before = [n for n in _owned(report.draft) if n <= after]
        if before and max(before) > owner_line:
            owner, owner_line = report, max(before)
    return owner

