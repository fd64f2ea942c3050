"""Writing the site: safe paths, atomic files and the atomic swap."""
