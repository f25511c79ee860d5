"""`careersite import`: postings from outside formats -> content/jobs/<slug>.md files.

    reports = import_files([Path("board.json")], "auto", Path("."), force=False, today=date.today())

Each importer turns one input file into Drafts (front matter fields, Markdown body, what was
inferred, what is still to fill in); this module names the files and writes them, never
replacing an existing posting unless `force`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..config import load_config
from ..import_formats import IMPORT_FORMATS
from ..problems import Problems
from . import vendors
from .draft import Draft, SourceError, check_complete
from .plain_markdown import read_markdown
from .write import FAILED, REPLACED, SKIPPED, WRITTEN, ImportReport, failed, unique_slug, write_draft
from ..plural import counted

KINDS = IMPORT_FORMATS
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")

__all__ = ["KINDS", "ImportReport", "WRITTEN", "REPLACED", "SKIPPED", "FAILED", "import_files", "summary"]


def import_files(paths: list[Path], kind: str, site: Path, force: bool, today: dt.date) -> list[ImportReport]:
    """Import every posting in `paths` into SITE/content/jobs/; one report per posting, or per
    input file that could not be read. `kind` is one of KINDS; 'auto' goes by the file name and,
    for JSON, by its shape."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    apply_url, employment = _site_defaults(site)
    reports: list[ImportReport] = []
    slugs: set[str] = set()
    ids: dict[str, str] = {}
    for path in paths:
        try:
            drafts = read_source(path, kind)
        except SourceError as err:
            reports.append(failed(path.name, f"{path} {err}"))
            continue
        if not drafts:
            reports.append(ImportReport(path.name, SKIPPED, None, f"{path.name}: holds no postings"))
        for draft in drafts:
            if draft.skipped:  # in the vendor's answer but not published there: the importer says why
                reports.append(ImportReport(draft.origin, SKIPPED, None, f"{draft.origin}: skipped: {draft.skipped}"))
                continue
            check_complete(draft, today, apply_url, employment)
            _check_unique_id(draft, ids)
            reports.append(write_draft(draft, site, unique_slug(draft, slugs), force))
    return reports


def read_source(path: Path, kind: str) -> list[Draft]:
    """The drafts in one input file, read as `kind` (or as what it looks like, for 'auto')."""
    if kind == "markdown" or kind == "auto" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return read_markdown(path)
    kind, data = vendors.read_answer(path, kind)  # JSON, or the vendor's own parse (Personio's XML)
    return vendors.VENDORS[kind].drafts(data, path.name)


def summary(reports: list[ImportReport]) -> str:
    """One closing line: 'Imported 3 postings (1 replaced); 1 skipped; 2 need fields filled in.'"""
    done = [r for r in reports if r.ok]
    replaced = sum(r.action == REPLACED for r in reports)
    parts = [f"Imported {counted(len(done), 'posting')}" + (f" ({replaced} replaced)" if replaced else "")]
    for action in (SKIPPED, FAILED):
        if count := sum(r.action == action for r in reports):
            parts.append(f"{count} {action}")
    if incomplete := sum(bool(r.to_fill) for r in done):
        parts.append(f"{incomplete} need{'s' if incomplete == 1 else ''} fields filled in")
    return "; ".join(parts) + "."


def _site_defaults(site: Path) -> tuple[str, str]:
    """[defaults] apply_url and employment_type, so the report does not ask for what the site
    already supplies; a missing or broken careersite.toml just means no defaults."""
    config = load_config(site, Problems())
    if config is None:
        return "", "full_time"
    return config.defaults.apply_url, config.defaults.employment_type


def _check_unique_id(draft: Draft, ids: dict[str, str]) -> None:
    posting_id = str(draft.fields.get("id", ""))
    if not posting_id:
        return
    if posting_id in ids:
        draft.missing("id", f"{posting_id!r} is also the id of {ids[posting_id]}; careersite needs unique ids")
    else:
        ids[posting_id] = draft.origin
