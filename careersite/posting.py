"""Posting (a validated, immutable job posting), its Location and Salary, and where its fields stand
in its file; posting_file.py reads one from a file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from functools import lru_cache
from dataclasses import dataclass, field
from typing import KeysView

from . import codes
from .slugs import slugify

REGION_COUNTRIES = ("US", "CA", "AU")  # where a city is written with its state or province


@dataclass(frozen=True)
class Location:
    city: str
    country: str  # ISO 3166-1 alpha-2
    region: str = ""  # ISO 3166-2 subdivision suffix: 'CA' in US-CA
    postal_code: str = ""
    street: str = ""
    name: str = ""  # the area as the posting names it ('San Francisco Bay Area'), shown instead of the city

    @property
    def label(self) -> str:
        """'San Francisco, CA, United States'; region shown where people write it (US, CA, AU).
        The city's label, so every posting in one city lists under one name."""
        return self._label(self.city)

    def label_for(self, language: str) -> str:
        """The label with the country named in `language`: 'Berlin, Deutschland' on a German page."""
        return self._label(self.city, language)

    @property
    def page_label(self) -> str:
        """The label a posting page shows: the area's name when the posting gives one."""
        return self._label(self.name or self.city)

    def page_label_for(self, language: str) -> str:
        return self._label(self.name or self.city, language)

    def _label(self, place: str, language: str = "en") -> str:
        parts = [place]
        if self.shows_region:
            parts.append(self.region)
        parts.append(codes.country_name_in(self.country, language) or self.country)
        return ", ".join(parts)

    @property
    def shows_region(self) -> bool:
        """Where people name a city with its state or province (Portland, OR and Portland, ME)."""
        return bool(self.region) and self.country in REGION_COUNTRIES

    @property
    def slug(self) -> str:
        """The location page's URL, as its label reads: /locations/portland-or-us/ and
        /locations/portland-me-us/ are two cities; /locations/zurich-ch/."""
        return slugify(f"{self.city} {self.region} {self.country}" if self.shows_region else f"{self.city} {self.country}")


@dataclass(frozen=True)
class Salary:
    currency: str
    unit: str
    min: float | None = None
    max: float | None = None
    value: float | None = None
    note: str = ""  # shown after the amount on the page ('+ equity'); not in JSON-LD, which has no field for it


@dataclass(frozen=True)
class SourcePositions:
    """Where a posting's fields stand in its file, kept from reading it: `check` points its findings
    there without reading the file again. Not part of a posting's value (equality, repr, cache keys):
    moving a field to another line changes no page."""

    lines: dict[str, int] = field(default_factory=dict)  # each field written in the file -> its line
    body_line: int = 0  # the body's first written line
    body_start: int = 0  # the line the body starts on (the blank lines before its text included)

    @property
    def written(self) -> KeysView[str]:
        """The fields the file gives (the others are defaults)."""
        return self.lines.keys()


QUESTION_KINDS = ("short_text", "long_text", "yes_no", "choice", "file")


@dataclass(frozen=True)
class Question:
    """One of a posting's own questions on its application form (`apply: form`). `name` is the form
    field's name, stable while the label is edited when the author gives it."""

    name: str
    label: str
    kind: str = "short_text"  # one of QUESTION_KINDS
    required: bool = False
    choices: tuple[str, ...] = ()  # kind "choice"
    help: str = ""


@dataclass(frozen=True)
class Posting:
    slug: str
    source: str  # path relative to the site folder, for messages
    title: str
    body: str  # Markdown
    apply_url: str
    date_posted: dt.date | None = None
    valid_through: dt.date | dt.datetime | None = None
    updated: dt.date | dt.datetime | None = None
    id: str = ""
    department: str = ""
    team: str = ""
    employment_types: tuple[str, ...] = ("full_time",)
    workplace: str = "onsite"
    locations: tuple[Location, ...] = ()
    applicant_locations: tuple[str, ...] = ()  # 'US' or 'US-CA'
    salary: Salary | None = None
    experience_months: int | None = None
    education: str = ""
    direct_apply: bool | None = None
    apply: str = "link"  # "link": the Apply button goes to apply_url; "form": the form on the posting page
    questions: tuple[Question, ...] = ()  # the form's own questions (apply: form)
    summary: str = ""
    keywords: tuple[str, ...] = ()
    draft: bool = False
    # a site in several languages (languages.py): the posting's language when not the site's default
    # (it is published under /<language>/), the key its translations share, and the slug of its URL when
    # its file name carries the language (jobs/<slug>.<language>.md is /<language>/jobs/<slug>/)
    language: str = ""
    translation_key: str = ""  # as the file gives it ("": translation_group is the file name's)
    page_slug: str = ""
    positions: SourcePositions = field(default_factory=SourcePositions, compare=False, repr=False)

    def without_body(self) -> "Posting":
        """The one rule for a posting's Markdown: needed only to render it. From then on its HTML
        stands for it, so the posting kept in the cache, sent to other pages' templates and hashed
        for a listing's key carries none (less to pickle, send to workers and keep)."""
        return dataclasses.replace(self, body="") if self.body else self

    @property
    def id_line(self) -> int:
        """Where `id` is written, for duplicate-id messages."""
        return self.positions.lines.get("id", 0)

    @property
    def translation_group(self) -> str:
        """What the posting's translations share: its translation_key, else its file name without
        the language (designer.md, designer.de.md: 'designer')."""
        return self.translation_key or self.page_slug or self.slug

    @property
    def url(self) -> str:
        prefix = f"/{self.language}" if self.language else ""
        return f"{prefix}/jobs/{self.page_slug or self.slug}/"

    @property
    def lastmod(self) -> dt.date | dt.datetime | None:
        return self.updated or self.date_posted


def file_language(name: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """(language, slug) of a file named for one of the site's `languages`: 'designer.de.md' -> ('de', 'designer');
    None for any other name (its language is the default, or its front matter's)."""
    stem, _, tag = os.path.splitext(name)[0].rpartition(".")
    found = next((known for known in languages if known.lower() == tag.lower()), None)
    return (found, slugify(stem)) if stem and found else None


def posting_slug(name: str) -> str:
    """The URL slug of a posting file's name: 'Senior Engineer.md' -> 'senior-engineer'."""
    return slugify(os.path.splitext(name)[0])


@lru_cache(maxsize=4096)  # a site's postings share a few dozen dates; asked 8 times a posting a build
def as_datetime(value: dt.date | dt.datetime, end_of_day: bool = False) -> dt.datetime:
    """Dates compared with date-times: a date means its whole day (UTC when no zone is given)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    moment = dt.time.max if end_of_day else dt.time.min
    return dt.datetime.combine(value, moment, tzinfo=dt.timezone.utc)
