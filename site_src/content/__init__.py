"""Discover, parse and validate the Markdown files of content/."""
