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
from .foreign_front_matter import SourceFile, language_of, read_posting_file
from .site_folder import posting_files
from .write import FAILED, PASSED_OVER, REPLACED, SKIPPED, WRITTEN, ImportReport, base_slug, failed, unique_slug, write_draft
from ..plural import counted

KINDS = IMPORT_FORMATS
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")  # .html: a static site's page with front matter

__all__ = ["KINDS", "ImportReport", "WRITTEN", "REPLACED", "SKIPPED", "PASSED_OVER", "FAILED", "import_files", "summary"]


def import_files(paths: list[Path], kind: str, site: Path, force: bool, today: dt.date) -> list[ImportReport]:
    """Import every posting in `paths` into SITE/content/jobs/; one report per posting, or per
    input file that could not be read. `kind` is one of KINDS; 'auto' goes by the file name and,
    for JSON, by its shape."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    apply_url, employment = _site_defaults(site)
    reports: list[ImportReport] = []
    slugs: set[str] = set()
    ids: dict[str, Draft] = {}
    for source in _sources(paths, reports):
        path = source.path
        try:
            drafts = read_source(source, kind)
        except SourceError as err:
            reports.append(failed(source.shown, f"{path} {err}"))
            continue
        if not drafts:
            reports.append(ImportReport(source.shown, SKIPPED, None, f"{source.shown}: holds no postings"))
        for draft in drafts:
            if draft.skipped:  # in the vendor's answer but not published there: the importer says why
                action = PASSED_OVER if draft.skip_expected else SKIPPED  # passed over: no failure
                reports.append(ImportReport(draft.origin, action, None, f"{draft.origin}: skipped: {draft.skipped}"))
                continue
            check_complete(draft, today, apply_url, employment)
            _check_unique_id(draft, ids)
            _name_translation(draft, slugs)
            reports.append(write_draft(draft, site, unique_slug(draft, slugs), force))
    return reports


def _sources(paths: list[Path], reports: list[ImportReport]):
    """Each input file; a folder (an old site's _jobs/, content/jobs/, _posts/) gives its posting
    files, and a report line for each file it passes over."""
    for path in paths:
        if not path.is_dir():
            yield SourceFile(path, path.name, language_of(tuple(part.lower() for part in path.parent.parts[-4:])))
            continue
        for found in posting_files(path):
            if found.skip:
                reports.append(ImportReport(found.source.shown, PASSED_OVER, None, f"{found.source.shown}: skipped: {found.skip}"))
            else:
                yield found.source


def _name_translation(draft: Draft, taken: set[str]) -> None:
    """A translation named like its original (content/fr/jobs/x.md beside content/en/jobs/x.md)
    gets its language in the file name, not a number."""
    imported = draft.fields.get("imported")
    language = imported.get("language") if isinstance(imported, dict) else ""
    if language and base_slug(draft) in taken:
        draft.slug_hint = f"{base_slug(draft)}-{language}"


def read_source(source: SourceFile | Path, kind: str) -> list[Draft]:
    """The drafts in one input file, read as `kind` (or as what it looks like, for 'auto')."""
    if isinstance(source, Path):
        source = SourceFile(source, source.name)
    path = source.path
    if kind == "markdown" or kind == "auto" and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return read_posting_file(source)
    kind, data = vendors.read_answer(path, kind)  # JSON, or the vendor's own parse (Personio's XML)
    return vendors.VENDORS[kind].drafts(data, path.name)


def summary(reports: list[ImportReport]) -> str:
    """One closing line: 'Imported 3 postings (1 replaced); 1 skipped; 2 need fields filled in.'"""
    done = [r for r in reports if r.ok]
    replaced = sum(r.action == REPLACED for r in reports)
    parts = [f"Imported {counted(len(done), 'posting')}" + (f" ({replaced} replaced)" if replaced else "")]
    for action in (SKIPPED, PASSED_OVER, FAILED):
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


def _check_unique_id(draft: Draft, ids: dict[str, Draft]) -> None:
    posting_id = str(draft.fields.get("id", ""))
    if not posting_id:
        return
    first = ids.setdefault(posting_id, draft)
    if first is draft:
        return
    if _translation_key(draft) and _translation_key(draft) == _translation_key(first):
        # a translation carries its original's ATS id; the id names one posting, the original
        draft.fields.pop("id")
        draft.inferred = [line for line in draft.inferred if not line.startswith("id:")]
        draft.notes.append(f"id {posting_id} left out: it is the id of {first.origin}, which this file translates")
    else:
        draft.missing("id", f"{posting_id!r} is also the id of {first.origin}; careersite needs unique ids")


def _translation_key(draft: Draft) -> str:
    imported = draft.fields.get("imported")
    return str(imported.get("translation_key", "")) if isinstance(imported, dict) else ""
