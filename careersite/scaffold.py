"""`careersite init` (a new site that builds at once) and `careersite new` (a posting outline).
Both only ever create files: an existing file is never overwritten."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import __version__
from .config import SiteConfig
from .frontmatter_yaml import FrontMatterError, split_document
from .places import REMOTE_RE, locate
from .posting import file_language
from .problems import Problems
from .slugs import slugify
from .sourcefile import read_text

STARTER = Path(__file__).resolve().parent / "starter"
VALID_DAYS = 60
# kept without the dot so packaging does not skip them; renamed as the first part of a path
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}


class ScaffoldError(Exception):
    """Nothing was written: the message says why."""


def init_site(folder: Path, today: dt.date, force: bool = False) -> list[Path]:
    """Copy the starter site into `folder`; refuses a non-empty folder unless `force`, and even
    then only adds the files that are missing. Returns the files written."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ScaffoldError(f"{folder} is not empty; use --force to add the missing starter files (existing files are kept)")
    values = {"today": today.isoformat(), "in_60_days": (today + dt.timedelta(days=VALID_DAYS)).isoformat(),
              "version": __version__}  # requirements.txt pins the careersite that made the site
    written = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        relative = source.relative_to(STARTER)
        target = folder.joinpath(_RENAMED.get(relative.parts[0], relative.parts[0]), *relative.parts[1:])
        if target.exists():
            continue
        text = source.read_text(encoding="utf-8")
        if relative.parts[:2] == ("content", "jobs") or relative.parts == ("requirements.txt",):
            text = text.format(**values)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as file:  # "x": never replace a file made meanwhile
            file.write(text)
        written.append(target)
    return written


@dataclass(frozen=True)
class NewPosting:
    title: str
    department: str = ""
    location: str = ""  # "Berlin, DE" or "Austin, TX, US"
    remote: bool = False


BODY = """## About the role

TODO: two or three sentences on why this role matters.

## What you will do

- TODO

## What you bring

- TODO

## Benefits

- TODO
"""


def parse_location(text: str) -> dict[str, str]:
    """'Berlin, DE' -> {city, country}; 'Austin, TX' -> {city, country: US, region: TX}, read by
    the place parser `import` and the front matter use, so 'San Francisco, CA' is California;
    an ambiguous code ('Wilmington, DE') is refused with the ways to write each choice."""
    located = locate(text, bare_city=False)
    if located.location is None and REMOTE_RE.search(text):
        raise ScaffoldError(f"--location {text!r} is a workplace, not a place; use --remote (with --location 'City, CC' for an office, if there is one)")
    if located.location is None:
        raise ScaffoldError(f"--location {located.problem}")
    return located.location


def ids_in_use(source: Path) -> set[str]:
    """The id of every posting file, whether or not it builds: a posting `new` just wrote still holds
    its outline (so the build refuses it) but its id is taken all the same."""
    ids = set()
    folder = source / "content" / "jobs"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        text = read_text(path, path.name, Problems())
        try:
            value = split_document(text).data.get("id") if text is not None else None
        except FrontMatterError:
            continue
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            ids.add(str(value))
    return ids


def next_id(pattern: str, existing: set[str]) -> str:
    """The pattern with the lowest number above every id that already follows it."""
    prefix, _, suffix = pattern.partition("{")
    suffix = suffix.partition("}")[2]
    taken = [int(m.group(1)) for i in existing if (m := re.fullmatch(re.escape(prefix) + r"(\d+)" + re.escape(suffix), i))]
    return pattern.format(number=max(taken, default=0) + 1)


def new_posting(source: Path, config: SiteConfig, spec: NewPosting, today: dt.date, existing_ids: set[str]) -> Path:
    """Write content/jobs/<slug>.md with front matter filled in and a body outline. An onsite
    posting with no --location gets none: the build then asks for one rather than publish a guess."""
    slug = slugify(spec.title)
    if not slug:
        raise ScaffoldError(f"the title {spec.title!r} gives no file name; use letters or digits")
    folder = source / "content" / "jobs"
    for existing in folder.glob("*.md") if folder.is_dir() else []:
        if slugify(existing.stem) == slug:
            raise ScaffoldError(f"{existing.relative_to(source)} already exists; edit it, or choose another title")
    fields: dict = {"title": spec.title}
    if config.defaults.id_pattern:
        fields["id"] = next_id(config.defaults.id_pattern, existing_ids)
    fields["date_posted"] = today
    fields["valid_through"] = today + dt.timedelta(days=VALID_DAYS)
    if spec.department:
        fields["department"] = spec.department
    fields["employment_type"] = config.defaults.employment_type
    fields["workplace"] = "remote" if spec.remote else "onsite"
    if spec.location:
        fields["locations"] = [parse_location(spec.location)]
    if spec.remote:
        country = fields["locations"][0]["country"] if spec.location else "US"
        fields["applicant_locations"] = [country]
    fields["summary"] = f"TODO: one or two sentences about the {spec.title} role."
    text = "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + BODY
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    with open(path, "x", encoding="utf-8") as file:
        file.write(text)
    return path


# what a translation does not take from its original: the ATS posting it was synced from (sync would
# take the translation for it), its draft state (a new translation is a draft until translated), and
# its language (the file name says it); a translation_key is kept: it links the two
NOT_TRANSLATED = ("source", "draft", "language")


def translate_posting(source: Path, config: SiteConfig, original: Path, language: str) -> Path:
    """Write the `language` version of the posting file `original` beside it (designer.md ->
    designer.de.md): its front matter and description as they are, for a translator to put into
    the language, marked `draft: true` so nothing goes live before that. What translations share
    (id, salary, dates, places) is copied, so the two agree as `check` requires."""
    tag = next((t for t in config.languages if t.lower() == language.lower() and t != config.language), None)
    if tag is None:
        others = [t for t in config.languages if t != config.language]
        raise ScaffoldError(f"{language!r} is not one of the site's other languages ({', '.join(others) or 'none'}); "
                            f"add it to languages in careersite.toml, e.g. languages = [\"{language}\"]")
    shown = _site_path(source, original)
    named = file_language(original.name, config.file_languages)  # designer.en.md names the default language
    if named and named[0] != config.language:
        raise ScaffoldError(f"{shown} is itself a translation; translate the default language's version")
    problems = Problems()
    text = read_text(original, shown, problems)
    if text is None:
        raise ScaffoldError(str(problems.items[0]))
    try:
        doc = split_document(text)
    except FrontMatterError as err:
        raise ScaffoldError(f"{shown}:{err.line}: {err}; fix it before translating") from None
    stem = original.name.rsplit(".", 2)[0] if named else original.stem
    target = original.with_name(f"{stem}.{tag}{original.suffix}")
    if target.exists():
        raise ScaffoldError(f"{_site_path(source, target)} already exists; edit it")
    lines = text.split("\n")
    starts = sorted(doc.lines.values())
    # the line closing the front matter ('---', or YAML's '...'), counted from 1 as doc.lines are
    closing = next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        raise ScaffoldError(f"{shown}: its front matter has no closing line; fix it before translating")
    dropped: set[int] = set()
    for key in NOT_TRANSLATED:
        if key in doc.lines:
            first = doc.lines[key]
            end = next((line for line in starts if line > first), closing)
            dropped.update(range(first, end))
    kept = [line for number, line in enumerate(lines, 1)
            if number not in dropped and not (number < closing and line.startswith("# careersite sync owns:"))]  # not the ATS's
    kept.insert(1, "draft: true  # translate the title, summary and description, then remove this line")
    with open(target, "x", encoding="utf-8") as file:
        file.write("\n".join(kept))
    return target


def _site_path(source: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(source.resolve()).as_posix()
    except ValueError:
        return str(path)
