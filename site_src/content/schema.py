"""Read each front-matter value by its kind, recording every problem at its line and column.

Validation walks the YAML *nodes* (not plain data) so every message can name
the line and column of the offending key or value, and it never stops at the
first problem. Every text goes through one gate (`_checked`): no control
characters, a bounded length, and NFKC for the names of people and places.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

import yaml

from site_src.content.dates import DATE_FORMS_HINT, diagnose_date
from site_src.content.nodes import Reporter, flow, kind_of, scalar_value
from site_src.content.syntax_hints import CONTROL, control_name
from site_src.model.article import (
    ROLE_LIMIT,
    Artefact,
    FieldSpec,
    Kind,
    PartialDate,
    Provenance,
)

PROVENANCE_KEYS = ("file", "page", "line", "artefacts", "digest")
_LIST_COMMAS = re.compile("[，、]")
_CURLY = re.compile("[“”‘’]")


def _length_hint(key: str, limit: int) -> str:
    if key == "slug":
        return f"shorten it to at most {limit} characters"
    if key in ("leaders", "speakers", "roles"):
        return (f"a name has at most {limit} characters — is this several names? "
                f"write `{key}: [陈斌, 李丽]`")
    if key == "title":
        return f"shorten the headline to at most {limit} characters (the rest belongs in the text)"
    return f"shorten it to at most {limit} characters"


class FieldReader:
    """Reads each kind of value with its own rule, recording problems as it goes."""

    def __init__(self, report: Reporter):
        self.report = report

    def _checked(self, key: str, node: yaml.Node, value: str, limit: int, name: bool
                 ) -> str | None:
        """The value if it may be published: no control character, not too long."""
        control = CONTROL.search(value)
        if control:
            self.report.error(node, f"`{key}` contains the invisible control character "
                              f"{control_name(control.group())}",
                              "delete it (a YAML escape such as \\x01 or \\e also writes one)")
            return None
        if name:
            value = unicodedata.normalize("NFKC", value)
        if limit and len(value) > limit:
            self.report.error(node, f"`{key}` is {len(value)} characters long, more than "
                              f"the {limit} allowed", _length_hint(key, limit))
            return None
        return value

    def text(self, key: str, node: yaml.Node, *, limit: int = 0, name: bool = False,
             allow_number: bool = False) -> str | None:
        if isinstance(node, yaml.SequenceNode):
            items = [flow(n) for n in node.value]
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
            return self._checked(key, node, value.strip(), limit, name)
        if allow_number and isinstance(value, int) and not isinstance(value, bool):
            return self._checked(key, node, node.value, limit, name)
        self.report.error(node, f"`{key}` must be text, but YAML reads {node.value} as "
                          f"{kind_of(node)}", f"quote it: `{key}: \"{node.value}\"`")
        return None

    def text_list(self, key: str, node: yaml.Node, *, limit: int = 0, name: bool = False
                  ) -> tuple[str, ...] | None:
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
                    item.value).strip() else kind_of(item)
                self.report.error(item, f"each item of `{key}` must be text, found {found}",
                                  f"write `{key}: [name, name]` with one name per item")
                ok = False
                continue
            checked = self._list_item(key, item, value.strip(), limit, name)
            ok = ok and checked is not None
            items.append(checked or "")
        return tuple(items) if ok else None

    def _list_item(self, key: str, item: yaml.ScalarNode, value: str, limit: int, name: bool
                   ) -> str | None:
        """One list item: full-width commas and curly quotes are slips, named where they are."""
        comma = _LIST_COMMAS.search(value)
        if comma:
            parts = ", ".join(p.strip() for p in _LIST_COMMAS.split(value) if p.strip())
            one_line = item.start_mark.line == item.end_mark.line and not item.style
            self.report.error(item, f"full-width comma '{comma.group()}' inside one `{key}` item",
                              f"separate the items with an ASCII comma: `{key}: [{parts}]`",
                              shift=comma.start() if one_line else 0)
            return None
        curly = _CURLY.search(value) if name else None
        if curly:
            bare = _CURLY.sub("", value)
            self.report.error(item, f"curly quotes {curly.group()} around a name in `{key}`",
                              f"names need no quotes: `{key}: [{bare}]`")
            return None
        return self._checked(key, item, value, limit, name)

    def flag(self, key: str, node: yaml.Node) -> bool | None:
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else node
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.report.error(node, f"`{key}` must be true or false, found {kind_of(node)}",
                          f"write `{key}: true`, or leave the key out")
        return None

    def date(self, node: yaml.Node) -> PartialDate | None:
        if not isinstance(node, yaml.ScalarNode):
            self.report.error(node, f"date must be a single value, not {kind_of(node)}",
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

    def roles(self, node: yaml.Node, *, limit: int = 0) -> dict[str, str] | None:
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.ScalarNode) and scalar_value(node) is None:
                return {}
            self.report.error(node, f"`roles` must be a mapping of name to role, not "
                              f"{kind_of(node)}", "write `roles: {陈斌: 厅党组书记、厅长}`")
            return None
        roles: dict[str, str] = {}
        ok = True
        for key_node, value_node in node.value:
            name = self.text("roles", key_node, limit=limit, name=True)
            role = self.text(f"roles: {key_node.value}", value_node, limit=ROLE_LIMIT)
            if not name or not role:
                if ok and (name is not None and role is None and isinstance(
                        value_node, yaml.ScalarNode) and scalar_value(value_node) is None):
                    self.report.error(value_node, f"role of {name} is empty",
                                      f"write `{name}: 厅长` or remove {name} from roles")
                ok = False
                continue
            roles[name] = role
        return roles if ok else None

    def provenance(self, node: yaml.Node, *, limit: int = 0) -> Provenance | None:
        if not isinstance(node, yaml.MappingNode):
            self.report.error(node, f"`provenance` must be a mapping with `file` and `line`, "
                              f"not {kind_of(node)}",
                              "write `provenance: {file: 001_….txt, line: 3}` or leave it out")
            return None
        fields = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in PROVENANCE_KEYS:
                close = difflib.get_close_matches(str(key), PROVENANCE_KEYS, n=1)
                hint = (f"did you mean `{close[0]}`?" if close
                        else f"provenance keys are {', '.join(PROVENANCE_KEYS)}")
                self.report.warn(key_node, f"unknown provenance key `{key}` (ignored)", hint)
                continue
            fields[key] = value_node
        ok = True
        for required in ("file", "line"):
            if required not in fields:
                self.report.error(node, f"`provenance` has no `{required}`",
                                  f"add `{required}:` under provenance (or remove provenance)")
                ok = False
        file = (self.text("provenance.file", fields["file"], limit=limit)
                if "file" in fields else None)
        line = self._positive_int("provenance.line", fields["line"]) if "line" in fields else None
        page = self._positive_int("provenance.page", fields["page"]) if "page" in fields else None
        artefacts = self._artefacts(fields["artefacts"]) if "artefacts" in fields else ()
        digest = (self.text("provenance.digest", fields["digest"], limit=limit)
                  if "digest" in fields else None)
        if "page" in fields and page is None:
            ok = False
        if not ok or not file or line is None or artefacts is None:
            if ok and "file" in fields and not file and file is not None:
                self.report.error(fields["file"], "`provenance.file` is empty",
                                  "write the raw file's name, e.g. 001_512dbbe89473570f.txt")
            return None
        return Provenance(file, line, artefacts, digest or None, page)

    def _positive_int(self, key: str, node: yaml.Node) -> int | None:
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        what = "page" if key.endswith("page") else "line"
        self.report.error(node, f"`{key}` must be a {what} number (1 or more), found {flow(node)}",
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
            page = self._positive_int("artefacts.page", values["page"]) if "page" in values else 0
            if line is None or text is None or page is None:
                return None
            artefacts.append(Artefact(line, text, page or None))
        return tuple(artefacts)


def read(reader: FieldReader, spec: FieldSpec, node: yaml.Node) -> Any:
    """A front-matter value read by its kind (model/article.py FIELDS); None if it is wrong."""
    key, limit = spec.key, spec.limit
    if spec.kind in (Kind.TEXT, Kind.ORIGIN):
        return reader.text(key, node, limit=limit, name=spec.name)
    if spec.kind is Kind.SLUG:
        return reader.text(key, node, limit=limit, allow_number=True)
    if spec.kind is Kind.LIST:
        return reader.text_list(key, node, limit=limit, name=spec.name)
    if spec.kind is Kind.FLAG:
        return reader.flag(key, node)
    if spec.kind is Kind.DATE:
        return reader.date(node)
    if spec.kind is Kind.ROLES:
        return reader.roles(node, limit=limit)
    return reader.provenance(node, limit=limit)
