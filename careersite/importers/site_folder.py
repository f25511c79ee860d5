"""An old site's postings folder (`_jobs/`, `_posts/`, `content/jobs/`, `content/`): every posting file
in it and its subfolders, sorted, and a reason for each file passed over, so a folder import says
what it left out. Language subfolders (`content/fr/jobs/`) give the postings in them a language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .foreign_front_matter import SourceFile, language_of

POSTING_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_LIST_PAGES = ("index", "_index", "readme")


@dataclass(frozen=True)
class Found:
    source: SourceFile
    skip: str = ""  # why the file is not imported; '' when it is


def posting_files(folder: Path) -> list[Found]:
    """The files under `folder`, each a posting to import or a file skipped with its reason.
    Hidden files and folders (.git) and files that are not Markdown or HTML are not listed."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() not in POSTING_SUFFIXES:
            continue
        shown = (Path(folder.name) / relative).as_posix()
        language = language_of(tuple(part.lower() for part in (*folder.parts[-3:], *relative.parts[:-1])))
        source = SourceFile(path, shown, language)
        stem = path.stem.lower()
        if stem in _LIST_PAGES:
            found.append(Found(source, "a list page or read-me, not a posting (a Hugo page bundle's index.md: import it by name)"))
        elif path.name.startswith("_"):
            found.append(Found(source, "its name starts with _, which the old site used for templates and partials, not postings"))
        else:
            found.append(Found(source))
    return found
