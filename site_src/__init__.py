"""民政简报 archive: raw bulletins → Markdown → static site → Chinese search."""
