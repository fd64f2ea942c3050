"""The editors' commands: the command line, check, new, serve."""
