"""Every rule an article must satisfy, in one place, with the exact spot of each problem.

`validate_file` is the single entry point per file: it reads each key by its
kind (schema.py, keys and kinds from model/article.py FIELDS), then checks what
involves several keys (places, slug and URL, the body), and builds the Article
only if nothing is an error. `validate_collection` holds the rules across files.
It never stops at the first problem: an editor sees everything in one run. Keys
nobody knows are warnings (a typo must not lose an article); everything that
would publish something wrong is an error.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_src.content import places, schema
from site_src.content.body_checks import InternalLink, check_link, scan_body
from site_src.content.diagnostics import Problem, Severity
from site_src.content.nodes import Reporter, flow, scalar_value
from site_src.content.parse import ParsedFile
from site_src.content.syntax_hints import CONTROL, control_name
from site_src.model import gazetteer
from site_src.model.article import FIELDS, KNOWN_KEYS, Article, TitleOrigin
from site_src.model.slugs import is_safe_slug
from site_src.model.urls import article_path

SLUG_HINT = "use lower-case ASCII letters, digits and single hyphens, e.g. zhejiang-0314"
SLUG_LIMIT = next(f.limit for f in FIELDS if f.key == "slug")
_MONTH_SEGMENT = re.compile(r"^\d{2}$")
# Names shared by many articles: one string object each keeps the model small.
_KEYS = frozenset(f.key for f in FIELDS)
_SHARED = frozenset({f.key for f in FIELDS if f.name} | {"source"})


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


def validate_file(parsed: ParsedFile) -> FileResult:
    """Check one parsed file's front matter and body; build its Article if all is well."""
    report = Reporter(parsed.path, parsed.line_offset)
    nodes = _known_nodes(report, parsed.front_matter)
    reader = schema.FieldReader(report)
    values = {spec.key: schema.read(reader, spec, nodes[spec.key][1])
              for spec in FIELDS if spec.key in nodes}
    _check_title(report, nodes, values)
    _check_places(report, nodes, values)
    if values.get("date_inferred") and values.get("date") is None and "date" not in nodes:
        report.warn(nodes["date_inferred"][0], "`date_inferred` is set but there is no `date`",
                    "remove `date_inferred`, or add the date")
    if values.get("title_origin") is not None:
        allowed = [o.value for o in TitleOrigin]
        if values["title_origin"] not in allowed:
            report.error(nodes["title_origin"][1],
                         f"title_origin '{values['title_origin']}' is not one of "
                         f"{', '.join(allowed)}", "leave it out for a title written by hand")
            values["title_origin"] = None
    url_position = _check_slug(report, parsed.path, nodes, values)
    body, links = _check_body(report, parsed)
    if any(p.severity is Severity.ERROR for p in report.problems):
        return FileResult(parsed.path, None, report.problems, links, url_position)
    article = build_article(values, body, parsed.path)
    return FileResult(parsed.path, article, report.problems, links, url_position)


def _known_nodes(report: Reporter, front_matter: yaml.MappingNode
                 ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Each known key's (key node, value node); unknown and repeated keys reported."""
    nodes: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in front_matter.value:
        key = scalar_value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            report.error(key_node, f"front-matter key {flow(key_node)} must be a word",
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
    return nodes


def _check_title(report: Reporter, nodes: dict, values: dict[str, Any]) -> None:
    if "title" not in nodes:
        report.error_at(1, 1, "required key `title` is missing",
                        "add a line `title: …` (the report's headline) to the front matter")
    elif not values.get("title") and (values.get("title") is not None
                                      or scalar_value(nodes["title"][1]) is None):
        report.error(nodes["title"][0], "`title` is empty",
                     "write the report's headline after `title: `")


def _check_places(report: Reporter, nodes: dict, values: dict[str, Any]) -> None:
    if values.get("province") and not places.check_province(
            report, nodes["province"][1], values["province"]):
        values["province"] = None
    if (values.get("city") and places.check_city(report, nodes["city"][1], values["city"],
                                                 values.get("province"))
            and "province" not in nodes):
        report.warn(nodes["city"][0], f"city '{values['city']}' is given without its province",
                    f"add `province: {gazetteer.province_of_city(values['city'])}` so the report "
                    "is listed under its province")


def _check_slug(report: Reporter, path: Path, nodes: dict, values: dict[str, Any]
                ) -> tuple[int, int]:
    """Problems with the article's URL name; returns where to point if its URL collides."""
    slug = values.get("slug")
    if not slug:
        if not is_safe_slug(path.stem):
            report.error_at(1, 1, f"file name '{path.name}' cannot be used in a URL",
                            f"rename the file or add `slug:` — {SLUG_HINT}")
        elif len(path.stem) > SLUG_LIMIT:
            report.error_at(1, 1, f"file name '{path.name}' is too long for a URL "
                            f"({len(path.stem)} characters, at most {SLUG_LIMIT})",
                            "rename the file, or add a shorter `slug:`")
        return (1, 1)
    slug_node = nodes["slug"][1]
    if not is_safe_slug(slug):
        report.error(slug_node, f"slug '{slug}' cannot be used in a URL", SLUG_HINT)
    elif _MONTH_SEGMENT.match(slug) and (
            values.get("date") is not None and values["date"].month is None):
        report.error(slug_node, f"slug '{slug}' would take the place of the month folder "
                     f"/{values['date'].year}/{slug}/", "add letters, e.g. report-" + slug)
    return report.at(slug_node)


def _check_body(report: Reporter, parsed: ParsedFile) -> tuple[str, list[InternalLink]]:
    """The body as published, and its internal links.

    Control characters are removed with a warning, not refused: they are
    invisible, usually pasted, and the text is fine without them, while a feed
    that contains one is not XML. The file itself is left as it is.
    """
    body = parsed.body
    problems, links = scan_body(parsed.path, body, parsed.body_first_line)
    report.problems.extend(problems)
    if CONTROL.search(body):
        lines = body.split("\n")
        index = next(i for i, line in enumerate(lines) if CONTROL.search(line))
        first = CONTROL.search(lines[index])
        count = len(CONTROL.findall(body))
        report.error_at(parsed.body_first_line + index, first.start() + 1,
                        f"invisible control character {control_name(first.group())} in the text "
                        f"({count} in all) is left out of the site",
                        "delete it from the file (it usually comes from text copied out of a "
                        "PDF or a terminal)", Severity.WARNING)
        body = CONTROL.sub("", body)
    if not body.strip():
        report.error_at(parsed.body_first_line - 1, 1, "the report has no text",
                        "write its paragraphs below the closing `---`", Severity.WARNING)
    return body, links


def build_article(values: dict[str, Any], body: str, path: Path) -> Article:
    """The Article from validated values; keys left out or empty take the model's defaults.

    Also how a remembered read is rebuilt (content/records.py), so both are one.
    Walks the values given, not every field: a record holds only the values
    that say something, and this runs for every file on every build.
    """
    given: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value == "" or value == () or value == {} or key not in _KEYS:
            continue
        if key in _SHARED:
            value = _shared(value)
        elif key == "title_origin":
            value = TitleOrigin(value)
        given[key] = value
    given["title"] = values.get("title") or ""
    if not body or body.isspace():
        body = ""
    elif body[0] == "\n" or body[-1] != "\n" or body[-2:] == "\n\n":
        body = body.strip("\n") + "\n"  # else it is that already: no 3 KB copy per file
    return Article(body=body, path=path, **given)


def _shared(value: Any) -> Any:
    """One string object per distinct place, person or source across all articles.

    The same few hundred names recur in 10,000 articles; sharing them keeps the
    model smaller.
    """
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple):
        return tuple(map(sys.intern, value))
    return {sys.intern(k): v for k, v in value.items()}


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
