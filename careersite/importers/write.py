"""Drafts -> posting files under content/jobs/: YAML front matter, file names, and never
overwriting a file unless asked to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content import JOBS_DIR
from ..posting import posting_slug
from ..posting_fields import FIELDS, KEPT_FIELDS
from ..slugs import slugify
from .draft import Draft

WRITTEN, REPLACED, SKIPPED, FAILED = "written", "replaced", "skipped", "failed"
# a file in an imported folder that is not a posting (index.md, README.md), or a posting the vendor
# does not publish either (unlisted, closed): said, but no failure
PASSED_OVER = "passed over"


@dataclass(frozen=True)
class ImportReport:
    """What happened to one imported posting (or to an input file that could not be read)."""

    origin: str  # the input: 'senior-backend-engineer.md' or 'board.json, job 4012345'
    action: str  # written, replaced, skipped or failed
    path: Path | None  # the posting file written, or the existing one left alone
    message: str  # one line saying what happened
    inferred: tuple[str, ...] = ()  # 'field: value (from ...)'
    to_fill: tuple[str, ...] = ()  # 'field: why it still needs a human'
    notes: tuple[str, ...] = ()  # what else the import did: 'removed {% include x.html %}'

    @property
    def ok(self) -> bool:
        return self.action in (WRITTEN, REPLACED)

    @property
    def expected(self) -> bool:
        """Nothing went wrong: written, or passed over (a file of a folder that is no posting, a
        posting its vendor does not publish)."""
        return self.ok or self.action == PASSED_OVER

    def lines(self) -> list[str]:
        """The report as the command line prints it: the message, then indented details."""
        out = [self.message]
        out += [f"  inferred {item}" for item in self.inferred]
        out += [f"  to fill in: {item}" for item in self.to_fill]
        out += [f"  note: {item}" for item in self.notes]
        return out


def failed(origin: str, reason: str) -> ImportReport:
    return ImportReport(origin, FAILED, None, f"{origin}: not imported: {reason}")


_ORDER = FIELDS + KEPT_FIELDS


def field_order(key: object) -> tuple[int, str]:
    """careersite's field order; a key careersite does not know (added by hand to a synced file)
    goes after them, for the build to report."""
    return (_ORDER.index(key), "") if key in _ORDER else (len(_ORDER), str(key))


def front_matter(fields: dict[str, object]) -> str:
    """The fields as YAML in careersite's field order, empty ones left out. safe_dump quotes
    whatever would not read back as the same text (colons, quotes, '#', a leading '*', 'yes',
    '2026-01-01' as text); leaf lists and mappings are written in flow style like
    `- {city: Berlin, country: DE}`."""
    ordered = {key: fields[key] for key in sorted(fields, key=field_order) if fields[key] not in (None, "", [], {})}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def posting_text(draft: Draft) -> str:
    body = draft.body.strip("\n")
    return f"---\n{front_matter(draft.fields)}---\n{body}\n"


def base_slug(draft: Draft) -> str:
    """The file name: from the slug hint, else the title, else the id; 'posting' as a last resort."""
    for text in (draft.slug_hint, str(draft.fields.get("title", "")), str(draft.fields.get("id", ""))):
        if slugify(text):
            return slugify(text)
    return "posting"


def unique_slug(draft: Draft, taken: set[str]) -> str:
    """A slug no other posting of this import run has: two 'Software Engineer' jobs on one board
    get the second one's id appended, so a re-import names the files the same way."""
    slug = base_slug(draft)
    if slug in taken:
        suffix = slugify(str(draft.fields.get("id", "")))
        candidate = f"{slug}-{suffix}" if suffix else slug
        number = 2
        while candidate in taken:
            candidate, number = f"{slug}-{number}", number + 1
        draft.inferred.append(f"file name: {candidate}.md, since another posting in this import is also called {slug}")
        slug = candidate
    taken.add(slug)
    return slug


def existing_file(jobs: Path, slug: str) -> Path | None:
    """A file in content/jobs/ that already gives this slug ('Data-Engineer.md' for data-engineer)."""
    if not jobs.is_dir():
        return None
    exact = jobs / f"{slug}.md"
    if exact.exists():
        return exact
    return next((p for p in sorted(jobs.glob("*.md")) if posting_slug(p.name) == slug), None)


def write_draft(draft: Draft, site: Path, slug: str, force: bool) -> ImportReport:
    """Write one draft to SITE/content/jobs/<slug>.md; an existing file is replaced only with force."""
    jobs = site / JOBS_DIR
    existing = existing_file(jobs, slug)
    target = existing or jobs / f"{slug}.md"
    shown = target.relative_to(site).as_posix()
    if existing and not force:
        message = f"{draft.origin}: skipped: {shown} already exists; not overwritten (use --force to replace it)"
        return ImportReport(draft.origin, SKIPPED, target, message)
    details = dict(inferred=tuple(draft.inferred), to_fill=tuple(draft.to_fill), notes=tuple(draft.notes))
    try:
        jobs.mkdir(parents=True, exist_ok=True)
        with open(target, "wb" if existing else "xb") as handle:  # "x": a file that appeared meanwhile is kept
            handle.write(posting_text(draft).encode("utf-8"))
    except FileExistsError:
        message = f"{draft.origin}: skipped: {shown} appeared while importing; not overwritten"
        return ImportReport(draft.origin, SKIPPED, target, message)
    except OSError as err:
        return ImportReport(draft.origin, FAILED, target, f"{draft.origin}: not imported: cannot write {shown}: {err.strerror}", **details)
    if existing:
        return ImportReport(draft.origin, REPLACED, target, f"{draft.origin}: replaced {shown}", **details)
    return ImportReport(draft.origin, WRITTEN, target, f"{draft.origin}: wrote {shown}", **details)
