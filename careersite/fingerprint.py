"""Hashes that say when something changed: of any bytes, and of careersite's own code and the
installed libraries (a new Markdown or Jinja2 may render differently). Every cache key and the
up-to-date stamp are made of these."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever careersite's own code does (an upgrade, or an edit in a checkout), or any
    installed library (an upgraded Markdown or Jinja2 may render differently), or Python. Taken
    once per process: the code running is the code that was loaded. Made of the files' bytes, not
    their times: `pip install` on every Netlify deploy writes the same code with new times, and a
    cache restored there must still match it (a few milliseconds to read)."""
    package = Path(__file__).resolve().parent
    code = [part for p in sorted(package.rglob("*.py")) for part in (p.relative_to(package).as_posix(), p.read_bytes())]
    return digest(digest(*code), sys.version, repr(installed_packages()))


def installed_packages() -> tuple[str, ...]:
    """Every installed distribution with its version: the names of the .dist-info folders in the
    site-packages folders on sys.path (not the current folder: a build must not depend on where
    it was started)."""
    names = []
    for folder in sys.path:
        if not folder.rstrip("/").endswith(("site-packages", "dist-packages")):
            continue
        try:
            with os.scandir(folder) as scan:
                names += [entry.name for entry in scan if entry.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return tuple(sorted(names))


def pagefind_candidates() -> tuple[str | None, ...]:
    """Where a build may find the Pagefind binary besides the pip-installed one (whose version
    code_fingerprint holds): PAGEFIND_BINARY_PATH, then `pagefind_extended` or `pagefind` on the
    PATH (search.pagefind_binary picks among them). What a build depends on when it runs Pagefind."""
    return (os.environ.get("PAGEFIND_BINARY_PATH"), shutil.which("pagefind_extended"), shutil.which("pagefind"))
