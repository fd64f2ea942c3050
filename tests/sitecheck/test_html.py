"""Every generated page is valid HTML5, in Chinese, with the landmarks readers rely on."""

from __future__ import annotations

import html5lib
import pytest

from .scan import html_files, parse_page


def parse_errors(html: str) -> list[str]:
    """html5lib's parse errors as `line:col code`, collected instead of stopping at the first."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    parser.parse(html)
    return [
        f"{line}:{col} {code} {data or ''}".strip() for (line, col), code, data in parser.errors
    ]


def test_html5lib_errors_are_reported():
    """Guard for the check itself: broken markup must produce errors."""
    assert parse_errors("<p>no doctype</p>")
    assert not parse_errors("<!DOCTYPE html><html lang=zh-CN><title>t</title><p>好</p></html>")


def test_every_page_parses_without_errors(built_site):
    failures = {}
    for file in html_files(built_site.root):
        errors = parse_errors(file.read_text(encoding="utf-8"))
        if errors:
            failures[file.relative_to(built_site.root).as_posix()] = errors[:5]
    assert not failures, "HTML5 parse errors:\n" + "\n".join(
        f"{name}: {errs}" for name, errs in sorted(failures.items())
    )


def test_every_page_is_marked_chinese(built_site):
    wrong = [
        f"{page.url_path}: lang={page.lang!r}"
        for page in (parse_page(built_site.root, f) for f in html_files(built_site.root))
        if page.lang != "zh-CN"
    ]
    assert not wrong, "pages without lang=\"zh-CN\" (Pagefind then cannot segment Chinese):\n" + (
        "\n".join(wrong)
    )


@pytest.mark.parametrize("what", ["title", "main landmark", "skip link"])
def test_every_page_has(built_site, what):
    missing = []
    for file in html_files(built_site.root):
        page = parse_page(built_site.root, file)
        if what == "title":
            ok = bool(page.title.strip())
        elif what == "main landmark":
            ok = "main" in page.ids
        else:
            ok = any(r.tag == "a" and r.url.endswith("#main") for r in page.refs)
        if not ok:
            missing.append(page.url_path)
    assert not missing, f"pages without a {what}:\n" + "\n".join(missing)
