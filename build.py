#!/usr/bin/env python3
"""Command-line entry point: `python build.py --help` lists the commands."""

from site_src.commands.cli import main

if __name__ == "__main__":
    main()
