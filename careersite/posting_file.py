"""A posting file -> Posting, or its problems: the bytes decoded, the front matter split and read
through the field table (posting_fields.py), the body checked, placeholders refused."""

from __future__ import annotations

from pathlib import Path

from .config import SiteConfig
from .frontmatter_yaml import FrontMatterError, Split, split_document
from .placeholders import PLACEHOLDER, describe, placeholders_by_field
from .posting import Posting, SourcePositions, file_language, posting_slug
from .posting_fields import read_fields
from .problems import Problems
from .sourcefile import control_line, decode_text, read_bytes


def read_posting(path: Path, shown: str, config: SiteConfig, problems: Problems) -> Posting | None:
    """Read and validate one posting file; every problem goes to `problems`, None if any."""
    raw = read_bytes(path, shown, problems)
    return None if raw is None else parse_posting(raw, shown, posting_slug(path.name), config, problems)


def parse_posting(raw: bytes, shown: str, slug: str, config: SiteConfig, problems: Problems) -> Posting | None:
    """Validate one posting from its bytes (the unit of work the build caches and parallelises)."""
    text = decode_text(raw, shown, problems)
    if text is None:
        return None
    try:
        doc = split_document(text)
    except FrontMatterError as err:
        problems.add(shown, err.line, "", str(err))
        return None
    before = len(problems.items)
    values = read_fields(doc, slug, config, shown, problems)
    if not doc.body.strip():
        problems.add(shown, doc.body_line, "", "the description is empty; write the job description below the front matter")
    elif control := control_line(doc.body, "the description"):
        problems.add(shown, body_first_line(doc) + control[0] - 1, "", control[1])
    if not slug:
        problems.add(shown, 0, "", "the file name gives an empty URL slug; name it like senior-data-engineer.md")
    if not values["draft"]:
        _refuse_placeholders(values["title"], values["summary"], doc, shown, problems)
    if len(problems.items) > before:
        return None
    positions = SourcePositions(doc.lines, doc.body_line, body_first_line(doc))
    named = file_language(shown.rpartition("/")[2], config.file_languages)  # designer.de.md: /de/jobs/designer/
    return Posting(slug=slug, source=shown, body=doc.body, positions=positions, page_slug=named[1] if named else "", **values)


def body_first_line(doc: Split) -> int:
    """The file line of the body's first line (doc.body_line is its first *written* line)."""
    return doc.body_line - (len(doc.body) - len(doc.body.lstrip("\n")))


def _refuse_placeholders(title: str, summary: str, doc: Split, shown: str, problems: Problems) -> None:
    """A posting still holding its outline's placeholders is not published: an error, like any
    other content problem, naming each field's first one (a draft may keep them while it is written)."""
    for name, here in placeholders_by_field(title, summary, doc.body):
        if name == "body":
            line, what = body_first_line(doc) + here[0].line - 1, "the description"
        else:
            line, what = doc.lines.get(name, 2), ""
        problems.add(shown, line, "" if what else name,
                     f"{what + ' ' if what else ''}still holds {describe(here)}; write the real text, "
                     "or set draft: true until it is ready (a posting with placeholders is not published)",
                     PLACEHOLDER)
