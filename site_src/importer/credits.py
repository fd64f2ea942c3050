"""Credit lines: how a report says where its text came from, and so where it ends.

Reports end with a credit in many forms — `（据浙江省民政厅）`, `（来源：中国社会报）`,
`来源：厅机关党委`, `（江西民政）`, `（澧县民政局 谢玉竹）`, `（文/张三；图/李四）`,
`（莫冠婷）` — so any of them closes a report. Only an organisation is a source
(the reading conventions): a credit naming writers only gives none.
"""

from __future__ import annotations

import re

from site_src.importer import layout
from site_src.importer.reading import without_pinyin

_HAN = r"\u4e00-\u9fff"
# `（据浙江省民政厅）` — ASCII parentheses were already made full-width.
ATTRIBUTION = re.compile(r"（\s*据\s*([^（）]{1,60}?)\s*）")
# Organisations end like this; `（据统计）` in running text is not an attribution.
ORG_END = re.compile(
    r"(?:厅|局|部|委|委员会|会|办|办公室|院|社|网|报|台|站|中心|政府|处|室|组|所|馆|团|署|司"
    r"|科|股|民政|融媒|媒体|廳|會|辦|網|報|處|臺)$"
)
# A bracketed credit at the end of a line (after a sentence end, or alone).
_END_BRACKET = re.compile(r"（([^（）]{1,40})）\s*$")
_LABEL = (r"(?:信息来源|稿件来源|稿件來源|文章来源|新闻来源"
          r"|来源|來源|稿源|供稿|编审|編審|责任编辑|責任編輯|编辑|編輯|撰稿|作者"
          r"|审核人|審核人|审核|審核|校对|校對|责编|責編"
          r"|终审|終審|初审|初審|复审|複審|签发|簽發|监制|監製|[一二三]审|[一二三]審"
          r"|文|图|圖|摄影|攝影)")
# `来源：厅机关党委`, `稿源：天津市民政局  编辑：…` on a line of its own.
CREDIT_LINE = re.compile(rf"^\s*{_LABEL}\s*[：:/／]")
_WRITERS = re.compile(
    r"^(?:记者|記者|通讯员|通訊員|文|图|圖|摄影|攝影|责任编辑|責任編輯|编辑|編輯|作者"
    r"|审核|審核|校对|校對|责编|責編|终审|終審|初审|初審|复审|複審|签发|簽發|监制|監製|[一二三][审審])")
_SOURCE_LABEL = re.compile(r"(?:信息来源|来源|來源|稿源|供稿)\s*[：:]\s*")
_NEXT_LABEL = re.compile(rf"\s{{2,}}|\s*{_LABEL}\s*[：:/／]")
_NAME = re.compile(rf"^[{_HAN}·]{{2,4}}$")
# A paper and its writers after a colon: `（安顺日报：吴学思）`, `（XX融媒：张三 李四）`.
_ORG_COLON_WRITERS = re.compile(
    rf"(?P<org>[{_HAN}]{{2,20}})\s*[：:]\s*(?:[{_HAN}·]{{2,4}}\s*){{1,3}}")
_NUMBERING = re.compile(r"^[\d一二三四五六七八九十〇零百]+$")
# A publication date after the paper's name: `2022年1月11日`, `2021.1.28`, `2021-01-28`.
DATE_TAIL = re.compile(
    r"\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"|\d{4}[.\-/／]\d{1,2}(?:[.\-/／]\d{1,2})?)\s*$")
# An organisation run together with its writer's name: `旺苍县民政局徐红梅`; the
# longest organisation (`临翔区民政局杨柳`, not `临翔区民政` + `局杨柳`).
_ORG_THEN_NAME = re.compile(
    rf"^(?P<org>.+(?:厅|局|廳|中心|办公室|辦公室|民政))(?P<name>[{_HAN}]{{2,3}})$")
# Writers credited with their paper or media centre:
# `（凉山州新闻传媒中心记者 吉庆 实习生 李芳毅）`.
_ORG_WRITERS = re.compile(
    rf"^[{_HAN}]{{2,20}}?(?:中心|报社|报|網|网|台|社|融媒|传媒|媒体)\s*(?:记者|記者|通讯员|通訊員|特约记者)")
# A reprint credit: `------转自《人民日报》5月7日A12`, `…文由…转自蚌埠市人民政府网`.
_REPRINT = re.compile(
    r"转(?:自|载自|载于)\s*《?(?P<org>[^《》\s，。；！？、：]{2,40}?)》?"
    r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:[A-Z]\d{1,2}\s*版?|\d{1,2}\s*版)?\s*$")
# Its date and page wrapped onto the next line (`------转自《人民日报》` ⏎ `5月7日A12`).
REPRINT_TAIL = re.compile(
    r"^\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:[A-Z]\d{1,2}\s*版?|\d{1,2}\s*版)?\s*$")
# What may precede it on a line of its own: rules, or who reprinted the text (`本文`, `…文由…`).
_REPRINT_LEAD = re.compile(r"^[-—－=_\s]*$|(?:本文|此文|原文|文章|稿件|文由)")
_SENTENCE_END = "。！？!?”’」』…"
CREDIT_WIDTH = 60


def _org_like(part: str) -> bool:
    return len(part) >= 3 and bool(ORG_END.search(part))


def credit_content(content: str) -> bool:
    """Does the inside of a line-end bracket read like a credit (not running text)?"""
    content = content.strip()
    if not content or re.search(r"[。！？；]", content.replace("；图", "").replace("；圖", "")):
        return False
    if content.startswith("据"):
        return bool(ORG_END.search(content))
    if _NUMBERING.match(content):  # `（一）` numbers a list item
        return False
    if (_SOURCE_LABEL.match(content) or _WRITERS.match(content) or content.endswith("供稿")
            or _ORG_WRITERS.match(content)):
        return True
    colon = _ORG_COLON_WRITERS.fullmatch(content)
    if colon and _org_like(colon["org"]):
        return True
    parts = content.split()
    # `荆门广播电视台 编辑：郭铁 三审：丁凡荣`: an organisation, then its labelled staff.
    staff = re.sub(rf"(?<=[台站网报社局厅心])(?={_LABEL}\s*[：:/／])", " ", content).split()
    if len(staff) > 1 and _org_like(staff[0]) and all(CREDIT_LINE.match(p) for p in staff[1:]):
        return True
    return 0 < len(parts) <= 4 and all(_org_like(p) or _NAME.match(p) for p in parts)


def _attribution_ok(line: str, m: re.Match[str], plain_title) -> bool:
    rest = line[m.end():].strip()
    return bool(ORG_END.search(m.group(1).strip())) and (not rest or plain_title(rest))


def credit_spans(line: str, plain_title) -> list[tuple[int, int]]:
    """Where credits sit in a normalised line: `（据…）` anywhere, others at its end.

    `plain_title(text)` says whether what follows a `（据…）` on the same line
    is a title (the seeds glue the next report's title there).
    """
    stripped = line.strip()
    if (CREDIT_LINE.match(stripped) and layout.display_width(stripped) <= CREDIT_WIDTH) or (
            reprint_line(stripped)):
        start = len(line) - len(line.lstrip())
        return [(start, len(line.rstrip()))]
    spans = [(m.start(), m.end()) for m in ATTRIBUTION.finditer(line)
             if _attribution_ok(line, m, plain_title)]
    tail = _LABELLED_TAIL.search(line)
    if tail and not spans and _org_like(tail["org"]):
        return [(tail.start("credit"), tail.end("credit"))]
    end = _END_BRACKET.search(line)
    if end and not any(s == end.start() for s, _ in spans) and credit_content(end.group(1)):
        before = line[: end.start()].rstrip()
        if spans:
            before = line[spans[-1][1] : end.start()].rstrip() or "。"
        if not before.strip() or before[-1] in _SENTENCE_END or before.endswith("）"):
            spans.append((end.start(), end.end()))
    return spans


# `…参加调研。 来源：揭阳日报` — paragraphs run together on one line, the credit last.
_LABELLED_TAIL = re.compile(
    r"(?<=[。！？”])\s*(?P<credit>(?:信息来源|稿件来源|稿件來源|文章来源|新闻来源|来源|來源|稿源)"
    r"\s*[：:]\s*(?P<org>[^\s。，；：:（）]{2,30}))\s*$")
_OPEN_TAIL = re.compile(r"（[^（）]{0,12}$")
_CLOSE_HEAD = re.compile(r"^[^（）。！？，]{1,12}）$")


def wrapped_credit(line: str, next_line: str) -> int | None:
    """Where a credit the wrap cut in two starts on `line` (`…力量。（莫冠` + `婷）`), or None."""
    head, tail = _OPEN_TAIL.search(line.rstrip()), _CLOSE_HEAD.match(next_line.strip())
    if not head or not tail:
        return None
    before = line[: head.start()].rstrip()
    if before and before[-1] not in _SENTENCE_END:
        return None
    content = (head.group(0) + next_line.strip())[1:-1]
    return head.start() if credit_content(re.sub(r"\s+", "", content)) else None


def credit_source(text: str) -> str | None:
    """The organisation a credit names, as written; None for writers only.

    `（据浙江省民政厅）` → 浙江省民政厅; `来源：社会事业局  梅济民` → 社会事业局;
    `（来源：中国社会报2022年1月11日）` → 中国社会报; `（临澧县民政局供稿）` → 临澧县民政局;
    `（文/王小；图/李大）`, `（莫冠婷）` → None.
    """
    inner = text.strip()
    if inner.startswith("（") and inner.endswith("）"):
        inner = inner[1:-1].strip()
    m = ATTRIBUTION.fullmatch(text.strip())
    if m:
        return layout.collapse_spaces(m.group(1))
    label = _SOURCE_LABEL.search(inner)
    if label:
        value = inner[label.end():]
        cut = _NEXT_LABEL.search(value)
        value = DATE_TAIL.sub("", (value[: cut.start()] if cut else value).strip())
        parts = [without_writer(p) for p in value.split()]
        orgs = [p for p in parts if not _NAME.match(p) or _org_like(p)]
        return layout.collapse_spaces("".join(orgs)) or None
    if _WRITERS.match(inner):
        return None
    colon = _ORG_COLON_WRITERS.fullmatch(inner)
    if colon and _org_like(colon["org"]):
        return colon["org"]
    if inner.endswith("供稿"):
        inner = inner[:-2]
    orgs = [without_writer(p) for p in inner.split() if _org_like(without_writer(p))]
    return layout.collapse_spaces("".join(orgs)) or None


def reprint_source(text: str) -> str | None:
    """The organisation a reprint credit ending `text` names (`转自《人民日报》5月7日A12` →
    人民日报), read without pinyin readings; None when `text` ends otherwise."""
    m = _REPRINT.search(without_pinyin(text.strip()))
    return m["org"] if m and ORG_END.search(m["org"]) else None


def reprint_line(line: str) -> bool:
    """A line of its own that is a reprint credit (what precedes `转自` names no sentence)."""
    plain = without_pinyin(line.strip())
    m = _REPRINT.search(plain)
    lead = plain[: m.start()] if m else ""
    return bool(m and reprint_source(plain) and len(plain) <= 160
                and not re.search(r"[，。；！？]", lead) and _REPRINT_LEAD.search(lead))


def without_writer(part: str) -> str:
    """An organisation without the writer's name run on to it: `旺苍县民政局徐红梅` →
    `旺苍县民政局`; `民政局办公室` stays (what follows is an organisation itself)."""
    m = _ORG_THEN_NAME.match(part)
    return m["org"] if m and not ORG_END.search(m["name"]) else part
