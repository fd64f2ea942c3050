"""The importer: raw bulletin text → one Markdown file per report, nothing lost.

Stages: `layout` (normalise and reflow lines), `split` (report boundaries and
titles), `metadata` (date, place, people), `markdown_out` (the file format),
`conservation` (the nothing-lost proof), `bulletin` (one file, pure), `table`
(the dry-run report) and `command` (`run_import`: plan, check, write).
"""
