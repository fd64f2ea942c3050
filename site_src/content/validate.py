"""Every rule an article must satisfy, in one place, with the exact spot of each problem.

Validation walks the YAML *nodes* (not plain data) so every message can name
the line and column of the offending key or value, and it never stops at the
first problem: an editor sees everything wrong with a file in one run. Keys
nobody knows are warnings (a typo must not lose an article), everything that
would publish something wrong is an error. `validate_file` is the single entry
point per file (it calls body_checks for the Markdown body), `validate_collection`
the one for rules across files.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import SafeConstructor

from site_src.content.body_checks import InternalLink, check_link, scan_body
from site_src.content.diagnostics import Problem, Severity
from site_src.model import gazetteer
from site_src.model.article import (
    KNOWN_KEYS,
    Artefact,
    Article,
    PartialDate,
    Provenance,
    TitleOrigin,
)
from site_src.model.slugs import is_safe_slug
from site_src.model.urls import article_path

if TYPE_CHECKING:
    from site_src.content.load import ParsedFile

DATE_FORMS_HINT = "use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2024-03-14"
SLUG_HINT = "use lower-case ASCII letters, digits and single hyphens, e.g. zhejiang-0314"
_PROVENANCE_KEYS = ("file", "line", "artefacts", "digest")
_MONTH_SEGMENT = re.compile(r"^\d{2}$")
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass
class FileResult:
    """What validating one file produced; `article` is None if it had errors."""

    path: Path
    article: Article | None
    problems: list[Problem] = field(default_factory=list)
    links: list[InternalLink] = field(default_factory=list)
    url_position: tuple[int, int] = (1, 1)  # where to point when its URL collides

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


class _Reporter:
    """Collects problems for one file, converting YAML marks to file positions."""

    def __init__(self, path: Path, line_offset: int):
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + self.line_offset, mark.column + 1

    def error(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, column = self.at(node)
        self.problems.append(Problem(self.path, line, column, message, hint))

    def warn(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, column = self.at(node)
        self.problems.append(Problem(self.path, line, column, message, hint, Severity.WARNING))

    def error_at(self, line: int, column: int, message: str, hint: str = "",
                 severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.path, line, column, message, hint, severity))


def scalar_value(node: yaml.Node) -> Any:
    """The Python value PyYAML would give a scalar, or its raw text if that fails.

    PyYAML raises ValueError while constructing `2024-13-01` (it tries to make a
    date); falling back to the text lets validation explain the problem instead.
    Text and null, nine scalars in ten, skip the constructor (1 s per 10,000
    files): for them it returns exactly `node.value` and None.
    """
    if type(node) is yaml.ScalarNode:
        if node.tag == _STR_TAG:
            return node.value
        if node.tag == _NULL_TAG:
            return None
    try:
        return SafeConstructor().construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    value = scalar_value(node)
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    return "text"


def _flow(node: yaml.Node, depth: int = 0) -> str:
    """A node's content written back as compact YAML, for hints that show the fix."""
    if depth > 3:  # aliases can make a node contain itself
        return "…"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_flow(n, depth + 1) for n in node.value) + "]"
    if isinstance(node, yaml.MappingNode):
        return "{" + ", ".join(f"{_flow(k, depth + 1)}: {_flow(v, depth + 1)}"
                               for k, v in node.value) + "}"
    return str(node.value)


class _FrontMatter:
    """Reads each known key with its own rule, recording problems as it goes."""

    def __init__(self, report: _Reporter):
        self.report = report

    def text(self, key: str, node: yaml.Node, *, allow_number: bool = False) -> str | None:
        if isinstance(node, yaml.SequenceNode):
            items = [_flow(n) for n in node.value]
            example = items[0] if items else "…"
            self.report.error(node, f"`{key}` must be a single text value, not a list",
                              f"write `{key}: {example}`")
            return None
        if isinstance(node, yaml.MappingNode):
            self.report.error(node, f"`{key}` must be a single text value, not a mapping",
                              f"write `{key}: …` on one line; quote it if it contains `: `")
            return None
        value = scalar_value(node)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip()
        if allow_number and isinstance(value, int) and not isinstance(value, bool):
            return node.value
        self.report.error(node, f"`{key}` must be text, but YAML reads {node.value} as "
                          f"{_kind(node)}", f"quote it: `{key}: \"{node.value}\"`")
        return None

    def text_list(self, key: str, node: yaml.Node) -> tuple[str, ...] | None:
        if isinstance(node, yaml.ScalarNode):
            value = scalar_value(node)
            if value is None or value == "":
                return ()
            names = [n for n in re.split(r"[、,，;；\s]+", str(value)) if n]
            self.report.error(node, f"`{key}` must be a list, not a single value",
                              f"write `{key}: [{', '.join(names)}]`")
            return None
        if isinstance(node, yaml.MappingNode):
            self.report.error(node, f"`{key}` must be a list, not a mapping",
                              f"write `{key}: [name, name]`")
            return None
        items: list[str] = []
        ok = True
        for item in node.value:
            value = scalar_value(item) if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(value, str) or not value.strip():
                found = "nothing" if isinstance(item, yaml.ScalarNode) and not str(
                    item.value).strip() else _kind(item)
                self.report.error(item, f"each item of `{key}` must be text, found {found}",
                                  f"write `{key}: [name, name]` with one name per item")
                ok = False
                continue
            items.append(value.strip())
        return tuple(items) if ok else None

    def flag(self, key: str, node: yaml.Node) -> bool | None:
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else node
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.report.error(node, f"`{key}` must be true or false, found {_kind(node)}",
                          f"write `{key}: true`, or leave the key out")
        return None

    def date(self, node: yaml.Node) -> PartialDate | None:
        if not isinstance(node, yaml.ScalarNode):
            self.report.error(node, f"date must be a single value, not {_kind(node)}",
                              DATE_FORMS_HINT)
            return None
        raw = node.value.strip()
        if scalar_value(node) is None:
            return None
        try:
            return PartialDate.parse_iso(raw)
        except ValueError:
            message, hint = diagnose_date(raw)
            self.report.error(node, message, hint)
            return None

    def roles(self, node: yaml.Node) -> dict[str, str] | None:
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and scalar_value(node) is None:
                return {}
            self.report.error(node, f"`roles` must be a mapping of name to role, not {_kind(node)}",
                              "write `roles: {陈斌: 厅党组书记、厅长}`")
            return None
        roles: dict[str, str] = {}
        ok = True
        for key_node, value_node in node.value:
            name = self.text("roles", key_node)
            role = self.text(f"roles: {key_node.value}", value_node)
            if not name or not role:
                if ok and (name is not None and role is None and isinstance(
                        value_node, yaml.ScalarNode) and scalar_value(value_node) is None):
                    self.report.error(value_node, f"role of {name} is empty",
                                      f"write `{name}: 厅长` or remove {name} from roles")
                ok = False
                continue
            roles[name] = role
        return roles if ok else None

    def provenance(self, node: yaml.Node) -> Provenance | None:
        if not isinstance(node, yaml.MappingNode):
            self.report.error(node, f"`provenance` must be a mapping with `file` and `line`, "
                              f"not {_kind(node)}",
                              "write `provenance: {file: 001_….txt, line: 3}` or leave it out")
            return None
        fields = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in _PROVENANCE_KEYS:
                close = difflib.get_close_matches(str(key), _PROVENANCE_KEYS, n=1)
                hint = (f"did you mean `{close[0]}`?" if close
                        else f"provenance keys are {', '.join(_PROVENANCE_KEYS)}")
                self.report.warn(key_node, f"unknown provenance key `{key}` (ignored)", hint)
                continue
            fields[key] = value_node
        ok = True
        for required in ("file", "line"):
            if required not in fields:
                self.report.error(node, f"`provenance` has no `{required}`",
                                  f"add `{required}:` under provenance (or remove provenance)")
                ok = False
        file = self.text("provenance.file", fields["file"]) if "file" in fields else None
        line = self._positive_int("provenance.line", fields["line"]) if "line" in fields else None
        artefacts = self._artefacts(fields["artefacts"]) if "artefacts" in fields else ()
        digest = self.text("provenance.digest", fields["digest"]) if "digest" in fields else None
        if not ok or not file or line is None or artefacts is None:
            if ok and "file" in fields and not file and file is not None:
                self.report.error(fields["file"], "`provenance.file` is empty",
                                  "write the raw file's name, e.g. 001_512dbbe89473570f.txt")
            return None
        return Provenance(file, line, artefacts, digest or None)

    def _positive_int(self, key: str, node: yaml.Node) -> int | None:
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        self.report.error(node, f"`{key}` must be a line number (1 or more), found {_flow(node)}",
                          f"write e.g. `{key.split('.')[-1]}: 3`")
        return None

    def _artefacts(self, node: yaml.Node) -> tuple[Artefact, ...] | None:
        if isinstance(node, yaml.ScalarNode) and scalar_value(node) is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.report.error(node, "`provenance.artefacts` must be a list of {line, text}",
                              "write `- {line: 288, text: TOPIC}` items")
            return None
        artefacts = []
        for item in node.value:
            values = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)
                      } if isinstance(item, yaml.MappingNode) else {}
            if "line" not in values or "text" not in values:
                self.report.error(item, "each artefact needs `line` and `text`",
                                  "write `- {line: 288, text: TOPIC}`")
                return None
            line = self._positive_int("artefacts.line", values["line"])
            text = self.text("artefacts.text", values["text"], allow_number=True)
            if line is None or text is None:
                return None
            artefacts.append(Artefact(line, text))
        return tuple(artefacts)


def diagnose_date(raw: str) -> tuple[str, str]:
    """Say why `raw` is not a YYYY[-MM[-DD]] date and spell out the corrected value."""
    loose = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*[日号]?|月)?",
                         raw)
    if loose:
        return _numeric_date_problem(raw, *loose.groups())
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}[ T].*", raw):
        return (f"date '{raw}' has a time of day",
                f"write only the day: `date: {raw[:10].strip()}`")
    chinese = re.fullmatch(r"(?:(.+?)年)?(?:(.+?)月)?(?:(.+?)[日号])?", raw)
    if chinese and any(chinese.groups()):
        year, month, day = (_chinese_number(g) for g in chinese.groups())
        if None not in [v for v, g in zip((year, month, day), chinese.groups(), strict=True) if g]:
            if year is None:
                example = f"2024-{month:02d}" if month else "2024"
                return (f"date '{raw}' has no year",
                        f"a date needs its year in digits: write e.g. `date: {example}` "
                        f"if it is {raw} of 2024, or leave `date` out if the year is unknown")
            return _numeric_date_problem(raw, str(year), month and str(month), day and str(day))
    return f"date '{raw}' is not a date", DATE_FORMS_HINT


def _numeric_date_problem(raw: str, year: str, month: str | None, day: str | None
                          ) -> tuple[str, str]:
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    if m is not None and not 1 <= m <= 12:
        return f"date '{raw}' is not a valid date (month {m})", DATE_FORMS_HINT
    if d is not None:
        try:
            datetime.date(y, m, d)
        except ValueError:
            return (f"date '{raw}' is not a valid date ({y:04d}-{m:02d} has no day {d})",
                    DATE_FORMS_HINT)
    fixed = PartialDate(y, m, d).iso()
    return (f"date '{raw}' is not written as YYYY-MM-DD, YYYY-MM or YYYY",
            f"write `date: {fixed}`")


def _chinese_number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    import cn2an  # 0.15 s to import: only dates in Chinese numerals need it

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        # 二〇二四 is read digit by digit, which cn2an's "smart" mode does not do.
        digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                  "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
        if all(ch in digits for ch in text):
            return int("".join(digits[ch] for ch in text))
        return None
    return int(value) if float(value).is_integer() else None


def _check_province(report: _Reporter, node: yaml.Node, name: str) -> bool:
    if gazetteer.canonical_province(name) == name:
        return True
    suggestion = gazetteer.suggest_province(name)
    if suggestion:
        report.error(node, f"province '{name}' is not the full official name of a "
                     "provincial-level division", f"did you mean '{suggestion}'?")
    else:
        report.error(node, f"province '{name}' is not a provincial-level division of China",
                     "use the full official name, e.g. 浙江省, 北京市, 广西壮族自治区")
    return False


def _check_city(report: _Reporter, node: yaml.Node, name: str, province: str | None) -> bool:
    if not gazetteer.is_city(name):
        suggestion = gazetteer.canonical_city(name)
        hint = (f"did you mean '{suggestion}'?" if suggestion and suggestion != name
                else "use the full official name of a prefecture-level city, e.g. 扬州市")
        report.error(node, f"city '{name}' is not a prefecture-level city", hint)
        return False
    city_province = gazetteer.province_of_city(name)
    if province and city_province and city_province != province:
        report.error(node, f"city '{name}' is in {city_province}, not in {province}",
                     f"correct the city, or set `province: {city_province}`")
        return False
    return True


def validate_file(parsed: ParsedFile) -> FileResult:
    """Check one parsed file's front matter and body; build its Article if all is well."""
    report = _Reporter(parsed.path, parsed.line_offset)
    reader = _FrontMatter(report)
    nodes: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in parsed.front_matter.value:
        key = scalar_value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            report.error(key_node, f"front-matter key {_flow(key_node)} must be a word",
                         f"known keys: {', '.join(KNOWN_KEYS)}")
            continue
        if key in nodes:
            first_line = report.at(nodes[key][0])[0]
            report.error(key_node, f"key `{key}` appears twice (first on line {first_line})",
                         "keep only one of them")
            continue
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = (f"did you mean `{close[0]}`?" if close
                    else f"known keys: {', '.join(KNOWN_KEYS)}")
            report.warn(key_node, f"unknown key `{key}` (ignored)", hint)
            continue
        nodes[key] = (key_node, value_node)

    values: dict[str, Any] = {}
    title = reader.text("title", nodes["title"][1]) if "title" in nodes else None
    if "title" not in nodes:
        report.error_at(1, 1, "required key `title` is missing",
                        "add a line `title: …` (the report's headline) to the front matter")
    elif not title and (title is not None or scalar_value(nodes["title"][1]) is None):
        report.error(nodes["title"][0], "`title` is empty",
                     "write the report's headline after `title: `")
    readers = {
        "date": reader.date,
        "date_inferred": lambda n: reader.flag("date_inferred", n),
        "anonymised": lambda n: reader.flag("anonymised", n),
        "leaders": lambda n: reader.text_list("leaders", n),
        "speakers": lambda n: reader.text_list("speakers", n),
        "tags": lambda n: reader.text_list("tags", n),
        "roles": reader.roles,
        "provenance": reader.provenance,
    }
    for key in ("province", "city", "source", "summary", "title_origin"):
        readers[key] = lambda n, key=key: reader.text(key, n)
    readers["slug"] = lambda n: reader.text("slug", n, allow_number=True)
    for key, (_key_node, value_node) in nodes.items():
        if key in readers:
            values[key] = readers[key](value_node)

    if values.get("province") and not _check_province(
            report, nodes["province"][1], values["province"]):
        values["province"] = None
    if (values.get("city") and _check_city(report, nodes["city"][1], values["city"],
                                           values.get("province"))
            and "province" not in nodes):
        report.warn(nodes["city"][0], f"city '{values['city']}' is given without its province",
                    f"add `province: {gazetteer.province_of_city(values['city'])}` so the report "
                    "is listed under its province")
    if values.get("date_inferred") and values.get("date") is None and "date" not in nodes:
        report.warn(nodes["date_inferred"][0], "`date_inferred` is set but there is no `date`",
                    "remove `date_inferred`, or add the date")
    if "title_origin" in nodes and values.get("title_origin") is not None:
        allowed = [o.value for o in TitleOrigin]
        if values["title_origin"] not in allowed:
            report.error(nodes["title_origin"][1],
                         f"title_origin '{values['title_origin']}' is not one of "
                         f"{', '.join(allowed)}", "leave it out for a title written by hand")
            values["title_origin"] = None
    url_position = (1, 1)
    slug = values.get("slug")
    if slug:
        slug_node = nodes["slug"][1]
        url_position = report.at(slug_node)
        if not is_safe_slug(slug):
            report.error(slug_node, f"slug '{slug}' cannot be used in a URL", SLUG_HINT)
        elif _MONTH_SEGMENT.match(slug) and (
                values.get("date") is not None and values["date"].month is None):
            report.error(slug_node, f"slug '{slug}' would take the place of the month folder "
                         f"/{values['date'].year}/{slug}/", "add letters, e.g. report-" + slug)
    elif not is_safe_slug(parsed.path.stem):
        report.error_at(1, 1, f"file name '{parsed.path.name}' cannot be used in a URL",
                        f"rename the file or add `slug:` — {SLUG_HINT}")

    body_problems, links = scan_body(parsed.path, parsed.body, parsed.body_first_line)
    report.problems.extend(body_problems)
    if not parsed.body.strip():
        report.error_at(parsed.body_first_line - 1, 1, "the report has no text",
                        "write its paragraphs below the closing `---`", Severity.WARNING)
    if any(p.severity is Severity.ERROR for p in report.problems):
        return FileResult(parsed.path, None, report.problems, links, url_position)
    article = Article(
        title=title or "",
        body=parsed.body.strip("\n") + "\n" if parsed.body.strip() else "",
        date=values.get("date"),
        date_inferred=bool(values.get("date_inferred")),
        province=_shared(values.get("province")),
        city=_shared(values.get("city")),
        leaders=tuple(map(sys.intern, values.get("leaders") or ())),
        speakers=tuple(map(sys.intern, values.get("speakers") or ())),
        roles={sys.intern(k): v for k, v in (values.get("roles") or {}).items()},
        source=_shared(values.get("source")),
        provenance=values.get("provenance"),
        slug=values.get("slug") or None,
        summary=values.get("summary") or None,
        tags=values.get("tags") or (),
        anonymised=bool(values.get("anonymised")),
        title_origin=TitleOrigin(values.get("title_origin") or TitleOrigin.EDITOR),
        path=parsed.path,
    )
    return FileResult(parsed.path, article, report.problems, links, url_position)


def _shared(name: str | None) -> str | None:
    """One string object per distinct place, person or source across all articles.

    The same few hundred names recur in 10,000 articles; sharing them keeps the
    model (and the content cache, whose pickle keeps the sharing) smaller.
    """
    return sys.intern(name) if name else None


def validate_collection(results: list[FileResult], files: list[Path]) -> list[Problem]:
    """Problems only visible across files: two articles on one URL, links to nothing."""
    problems: list[Problem] = []
    by_url: dict[str, list[FileResult]] = defaultdict(list)
    for result in results:
        if result.article is not None:
            by_url["/" + article_path(result.article)].append(result)
    for url, group in sorted(by_url.items()):
        if len(group) < 2:
            continue
        for result in group:
            others = ", ".join(str(o.path) for o in group if o is not result)
            line, column = result.url_position
            problems.append(Problem(
                result.path, line, column,
                f"this article has the same URL {url} as {others}",
                "give one of them a different `slug:` (or rename its file)"))

    known_files = {os.path.normpath(str(p)) for p in files}
    for result in results:
        url = "/" + article_path(result.article) if result.article is not None else None
        for link in result.links:
            problem = check_link(result.path, url, link, known_files, set(by_url))
            if problem:
                problems.append(problem)
    return problems
