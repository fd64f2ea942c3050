"""Bulletins laid out like the real thing, as HTML for Chromium to print to PDF.

A bulletin here is its masthead plus reports (title or None, paragraphs).
`clean_text` is the same bulletin as clean text (masthead first, `## ` titles,
one paragraph a line): the PDF import must give the same Markdown as the text
import of it. The layout is A4 with a masthead (name and `2024年第3期`), two
justified columns with indented paragraphs, the first title spanning both
columns, running headers and page numbers in the page margins, and a sidebar
label in the left margin — in Noto CJK, which Chromium embeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from site_src.content import frontmatter
from site_src.importer.conservation import paragraphs
from site_src.model.article import TitleOrigin

MASTHEAD = ("民政工作简报", "2024年第3期")


@dataclass(frozen=True)
class Report:
    title: str | None
    paragraphs: tuple[str, ...]


def from_golden(folder: Path) -> list[Report]:
    """A seed's reports as the golden Markdown has them, in raw order."""
    articles = []
    for path in sorted(folder.rglob("*.md")):
        article, _ = frontmatter.load(path, path.read_text(encoding="utf-8"))
        assert article is not None and article.provenance is not None, path
        articles.append(article)
    articles.sort(key=lambda a: a.provenance.line)
    return [
        Report(None if a.title_origin is TitleOrigin.DERIVED else a.title,
               tuple(paragraphs(a.body)))
        for a in articles
    ]


# Small invented reports in the importer's fixture style: a two-half title, a report with
# no title (derived), ASCII punctuation and Latin words, an anonymised report.
FIXTURE = [
    Report("扬州市民政局召开社会救助工作推进会 部署下半年重点任务", (
        "7月8日上午，扬州市民政局召开全市社会救助工作推进会。市民政局党组书记、局长周一鸣"
        "主持会议并讲话，副局长吴晓兰通报了上半年工作情况。",
        "会议要求，要把困难群众的冷暖放在心上，做到应保尽保、应救尽救。",
        "（据扬州市民政局）",
    )),
    Report(None, (
        "近日，安徽省民政厅召开养老服务工作座谈会，1,086名代表在线参加，"
        "会上演示了 Hello world 数据平台(试运行)。厅长孙立主持会议。",
        "（据安徽省民政厅）",
    )),
    Report("*市民政局召开殡葬改革推进会", (
        "6月3日，*市民政局召开殡葬改革推进会，全市累计整治散埋乱葬*.*万座。局长**主持会议。",
        "（据*市民政局）",
    )),
]


def clean_text(reports: list[Report], masthead: tuple[str, str] = MASTHEAD) -> str:
    lines = [" ".join(masthead)] if masthead else []
    for report in reports:
        if report.title:
            lines.append(f"## {report.title}")
        lines.extend(report.paragraphs)
    return "\n".join(lines) + "\n"


_STYLE = """
@page { size: A4; margin: 18mm 16mm 16mm 12mm;
  @top-center { content: "%(name)s  %(issue)s"; font: 8pt "Noto Sans CJK SC"; color: #555; }
  @bottom-center { content: "- " counter(page) " -"; font: 9pt "Noto Sans CJK SC"; } }
@page :first { @top-center { content: none; } }
html, body { margin: 0; }
body { font: 10.5pt/1.65 "Noto Serif CJK SC", serif; padding-left: 16mm; position: relative; }
.masthead { font: bold 28pt/1.3 "Noto Sans CJK SC"; color: #b00; border-bottom: 2pt solid #b00;
  margin-bottom: 8pt; }
.masthead .issue { font-size: 12pt; font-weight: normal; color: #000; margin-left: 1em; }
.cols { columns: 2; column-gap: 9mm; text-align: justify; }
h2 { font: bold 14pt/1.45 "Noto Sans CJK SC"; margin: 8pt 0 6pt; text-align: left;
  break-after: avoid; }
h2.span { column-span: all; font-size: 17pt; margin-top: 0; }
p { text-indent: 2em; margin: 0; orphans: 1; widows: 1; }
.sidebar { position: absolute; left: 0; top: %(sidebar_top)s; width: 11mm;
  font: bold 8pt sans-serif; color: #fff; background: #b00; text-align: center; }
"""


# Another house style: centred sans titles, the running line and `第 n 页` at the foot,
# the label in the right margin, wider leading with space between paragraphs.
_VARIANT = """
@page { @top-center { content: none; }
  @bottom-center { content: none; }
  @bottom-left { content: "%(name)s · %(issue)s"; font: 8pt "Noto Sans CJK SC"; }
  @bottom-right { content: "第 " counter(page) " 页"; font: 8pt "Noto Sans CJK SC"; } }
body { font: 10pt/1.8 "Noto Sans CJK SC", sans-serif; padding-left: 0; padding-right: 16mm; }
h2 { text-align: center; }
p { margin-bottom: 4pt; }
.sidebar { left: auto; right: 0; }
"""


def html(reports: list[Report], *, masthead: tuple[str, str] | None = MASTHEAD,
         sidebar: str | None = "TOPIC", sidebar_top: str = "90mm", columns: int = 2,
         variant: bool = False) -> str:
    name, issue = masthead or ("", "")
    style = _STYLE % {"name": name, "issue": issue, "sidebar_top": sidebar_top}
    if variant:
        style += _VARIANT % {"name": name, "issue": issue}
    if columns == 1:
        style += ".cols { columns: 1; }"
    parts = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
             f"<style>{style}</style></head><body>"]
    if masthead:
        parts.append(f'<div class="masthead">{escape(name)}<span class="issue">'
                     f"{escape(issue)}</span></div>")
    parts.append('<div class="cols">')
    for i, report in enumerate(reports):
        if report.title:
            cls = ' class="span"' if i == 0 else ""
            parts.append(f"<h2{cls}>{escape(report.title)}</h2>")
        parts.extend(f"<p>{escape(p)}</p>" for p in report.paragraphs)
    parts.append("</div>")
    if sidebar:
        parts.append(f'<div class="sidebar">{escape(sidebar)}</div>')
    parts.append("</body></html>")
    return "\n".join(parts)


def print_pdf(browser, html_text: str, target: Path) -> Path:
    """Chromium's own print-to-PDF (what real producers write), A4, no browser header."""
    page = browser.new_page()
    try:
        page.set_content(html_text, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.pdf(path=str(target), format="A4", print_background=True,
                 prefer_css_page_size=True, display_header_footer=False)
    finally:
        page.close()
    return target
