"""The line `build` prints on success: how to look at the site just built."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


def preview_hint(out_dir: Path, base_url: str) -> str:
    """How to look at this build locally, with every link working.

    A build for a subpath (`--base-url https://user.github.io/repo/`) links to
    `/repo/…`, so serving the folder at `/` would break every link: the hint
    serves it under the same path instead.
    """
    subpath = urlsplit(base_url).path.strip("/")
    if not subpath:
        return (f"preview: python3 -m http.server -d {out_dir} 8000  "
                "(then open http://127.0.0.1:8000/)")
    root = Path("/tmp/minzheng-preview")
    link = root / subpath
    return (f"preview (this build lives under /{subpath}/): mkdir -p {link.parent} && "
            f"ln -sfn {out_dir.resolve()} {link} && python3 -m http.server -d {root} 8000  "
            f"(then open http://127.0.0.1:8000/{subpath}/)")
