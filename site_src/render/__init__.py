"""Templates, pages, charts and feeds: the model turned into text."""
