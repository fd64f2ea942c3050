"""Whole-site checks that need no browser: links, HTML validity, weight, determinism."""
