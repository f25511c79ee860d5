"""The files published as they are: the theme's static files (fingerprinted under assets/) and the
site's own static/ folder."""

from __future__ import annotations

from pathlib import Path

from .render import Planned, as_is
from .sourcefile import is_editor_leftover
from .theme import Theme


def read_static(source: Path) -> dict[str, bytes]:
    """The site's static/ folder, copied as is under /static/ (symlinks out of the site and editors'
    leftovers such as logo.svg~ or .DS_Store are skipped)."""
    folder = source / "static"
    if not folder.is_dir():
        return {}
    root = source.resolve()
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and root in path.resolve().parents and not is_editor_leftover(path.name):
            files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def plan_assets(theme: Theme, static_files: dict[str, bytes]) -> list[Planned]:
    """The theme's assets, then the site's static files (read by read_static)."""
    return [as_is(path, data) for path, data in {**theme.assets.files, **static_files}.items()]
