"""The typed content model and the site built from it (URLs, slugs, places)."""
