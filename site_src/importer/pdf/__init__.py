"""Import a bulletin PDF: text layer → reading order → paragraphs → the text importer.

extract (characters and lines) → furniture (set aside) → columns (reading
order) → headings and paragraphs (geometry) → laid_out (the bulletin text with
its PDF origins) → reports (the shared split → metadata → Markdown stages,
provenance in PDF pages and lines).
"""
