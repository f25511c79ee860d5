"""Posting (a validated, immutable job posting) and read_posting(): file -> Posting, or problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import KeysView

from . import codes, places
from .config import SiteConfig, is_web_url, url_fix
from .frontmatter_yaml import FrontMatterError, Split, split_document
from .placeholders import describe, find_placeholders
from .problems import Problems, brief, did_you_mean, kind_of, one_of
from .slugs import slugify
from .sourcefile import decode_text, read_bytes

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

    @property
    def page_label(self) -> str:
        """The label a posting page shows: the area's name when the posting gives one."""
        return self._label(self.name or self.city)

    def _label(self, place: str) -> str:
        parts = [place]
        if self.region and self.country in ("US", "CA", "AU"):
            parts.append(self.region)
        parts.append(codes.country_name(self.country) or self.country)
        return ", ".join(parts)

    @property
    def slug(self) -> str:
        return slugify(f"{self.city} {self.country}")


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
    summary: str = ""
    keywords: tuple[str, ...] = ()
    draft: bool = False
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
    def url(self) -> str:
        return f"/jobs/{self.slug}/"

    @property
    def lastmod(self) -> dt.date | dt.datetime | None:
        return self.updated or self.date_posted


FIELDS = (
    "title", "id", "date_posted", "valid_through", "updated", "department", "team",
    "employment_type", "workplace", "locations", "applicant_locations", "salary",
    "experience_months", "education", "apply_url", "direct_apply", "summary", "keywords", "draft",
)
LOCATION_FIELDS = ("city", "region", "country", "postal_code", "street", "name")
SALARY_FIELDS = ("min", "max", "value", "currency", "unit", "note")


def posting_slug(name: str) -> str:
    """The URL slug of a posting file's name: 'Senior Engineer.md' -> 'senior-engineer'."""
    return slugify(os.path.splitext(name)[0])


def parse_date(value: object) -> dt.date | dt.datetime | None:
    """An ISO 8601 date or date-time, or None when the text is not one."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a site's postings share a few dozen dates; asked 8 times a posting a build
def as_datetime(value: dt.date | dt.datetime, end_of_day: bool = False) -> dt.datetime:
    """Dates compared with date-times: a date means its whole day (UTC when no zone is given)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    moment = dt.time.max if end_of_day else dt.time.min
    return dt.datetime.combine(value, moment, tzinfo=dt.timezone.utc)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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
    data, lines = doc.data, doc.lines

    def err(key: str, message: str, line: int | None = None) -> None:
        problems.add(shown, line or lines.get(key, 2), key, message)

    for key in data:
        if key not in FIELDS:
            err(str(key), f"unknown field{did_you_mean(str(key), FIELDS)}")

    def text_field(key: str, required: bool = False, allow_int: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                err(key, "missing; this field is required" if key not in data else "has no value; this field is required")
            return ""
        if allow_int and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            err(key, f"{brief(value)} is {kind_of(value)}; expected text")
            return ""
        value = value.strip()
        if required and not value:
            err(key, "is empty; this field is required")
        return value

    def date_field(key: str, required: bool = False) -> dt.date | dt.datetime | None:
        value = data.get(key)
        if value is None:
            if required:
                err(key, ("missing" if key not in data else "has no value") + "; expected a date such as 2026-11-20")
            return None
        parsed = parse_date(value)
        if parsed is None:
            err(key, f"{brief(value)} is not a date; expected YYYY-MM-DD (ISO 8601) or an ISO date-time such as 2027-01-31T17:00:00Z")
        return parsed

    def bool_field(key: str) -> bool | None:
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            err(key, f"{brief(value)} is not true or false")
            return None
        return value

    def text_list(key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            err(key, f"{brief(value)} is not a list of text values")
            return []
        return [v.strip() for v in value]

    draft = bool_field("draft") or False
    title = text_field("title", required=True)
    posting_id = text_field("id", allow_int=True)
    date_posted = date_field("date_posted", required=not draft)
    valid_through = date_field("valid_through")
    updated = date_field("updated")
    if date_posted and valid_through and as_datetime(valid_through, True) < as_datetime(date_posted):
        err("valid_through", f"{data['valid_through']} is before date_posted {data['date_posted']}")

    employment = text_list("employment_type") or [config.defaults.employment_type]
    for value in employment:
        if value not in codes.EMPLOYMENT_TYPES:
            err("employment_type", one_of(value, codes.EMPLOYMENT_TYPES))

    workplace = text_field("workplace") or "onsite"
    if workplace not in codes.WORKPLACES:
        err("workplace", one_of(workplace, codes.WORKPLACES))

    locations = _read_locations(data.get("locations"), lines.get("locations", 2), doc.item_lines.get("locations", []), err)
    if not data.get("locations") and workplace != "remote":
        article = "an" if workplace[:1] in "aeiou" else "a"
        err("locations", f"missing; {article} {workplace} posting needs at least one location with city and country")

    applicant_locations = text_list("applicant_locations")
    for code in applicant_locations:
        known = codes.subdivision_name(code) if "-" in code else codes.country_name(code)
        if not known:
            err("applicant_locations", f"{code!r} is not an ISO 3166 country (US) or subdivision (US-CA) code{_did_you_mean_area(code)}")
    if workplace == "remote" and not data.get("applicant_locations"):
        err("applicant_locations", "missing; a remote posting must say where hires may live, e.g. [US] or [DE, FR]")

    salary = _read_salary(data.get("salary"), config.defaults.currency, err)

    experience = data.get("experience_months")
    if experience is not None and (not isinstance(experience, int) or isinstance(experience, bool) or experience < 0):
        err("experience_months", f"{brief(experience)} is not a whole number of months (0 or more)")
        experience = None

    education = text_field("education")
    if education and education not in codes.EDUCATION_LEVELS:
        err("education", one_of(education, codes.EDUCATION_LEVELS))

    apply_url = text_field("apply_url")
    if not apply_url and config.defaults.apply_url:
        apply_url = config.defaults.apply_url.replace("{id}", posting_id or slug).replace("{slug}", slug)
    if not apply_url:
        err("apply_url", "missing; give apply_url here or [defaults] apply_url in careersite.toml")
    elif not (is_web_url(apply_url) or apply_url.startswith("mailto:")):
        err("apply_url", f"{apply_url!r} is not an http(s) or mailto URL{url_fix(apply_url)}")

    direct_apply = bool_field("direct_apply")
    summary = text_field("summary")
    keywords = text_list("keywords")
    if not doc.body.strip():
        problems.add(shown, doc.body_line, "", "the description is empty; write the job description below the front matter")
    if not slug:
        problems.add(shown, 0, "", "the file name gives an empty URL slug; name it like senior-data-engineer.md")
    if not draft:
        _refuse_placeholders(title, summary, doc, shown, problems)

    if len(problems.items) > before:
        return None
    return Posting(
        slug=slug,
        source=shown,
        title=title,
        body=doc.body,
        apply_url=apply_url,
        date_posted=date_posted,
        valid_through=valid_through,
        updated=updated,
        id=posting_id,
        department=text_field("department"),
        team=text_field("team"),
        employment_types=tuple(dict.fromkeys(employment)),
        workplace=workplace,
        locations=tuple(locations),
        applicant_locations=tuple(applicant_locations),
        salary=salary,
        experience_months=experience,
        education=education,
        direct_apply=direct_apply,
        summary=summary,
        keywords=tuple(keywords),
        draft=draft,
        positions=SourcePositions(lines, doc.body_line, body_first_line(doc)),
    )


PLACEHOLDER = "placeholder"  # the code `careersite check` reports a placeholder under


def body_first_line(doc: Split) -> int:
    """The file line of the body's first line (doc.body_line is its first *written* line)."""
    return doc.body_line - (len(doc.body) - len(doc.body.lstrip("\n")))


def _refuse_placeholders(title: str, summary: str, doc: Split, shown: str, problems: Problems) -> None:
    """A posting still holding its outline's placeholders is not published: an error, like any
    other content problem, naming each field's first one (a draft may keep them while it is written)."""
    found = find_placeholders(title, summary, doc.body)
    for name in ("title", "summary", "body"):
        here = [p for p in found if p.field == name]
        if not here:
            continue
        if name == "body":
            line, what = body_first_line(doc) + here[0].line - 1, "the description"
        else:
            line, what = doc.lines.get(name, 2), ""
        problems.add(shown, line, "" if what else name,
                     f"{what + ' ' if what else ''}still holds {describe(here)}; write the real text, "
                     "or set draft: true until it is ready (a posting with placeholders is not published)",
                     PLACEHOLDER)


REMOTE_WORDS = ("remote", "anywhere", "worldwide", "work from home", "fully remote", "remote first", "global")


def remote_words_hint(value: object) -> str:
    """The message for `locations: Remote` (or [Remote], Anywhere, Worldwide): what to write instead; '' otherwise."""
    items = value if isinstance(value, list) else [value]
    words = [" ".join(str(v).replace("-", " ").split()).casefold() for v in items if isinstance(v, str)]
    if not words or len(words) != len(items) or not all(w in REMOTE_WORDS for w in words):
        return ""
    return (f"{brief(value)} is not a place; for a remote job write workplace: remote and applicant_locations: [US] "
            "(the countries or regions, such as [US, CA] or [DE, US-NY], where hires may live), "
            "and list offices under locations only if there are any")


def _read_locations(value: object, line: int, item_lines: list[int], err) -> list[Location]:
    if value is None:
        return []
    if remote_words_hint(value):
        err("locations", remote_words_hint(value))
        return []
    if isinstance(value, (dict, str)):
        value, item_lines = [value], [line]
    if not isinstance(value, list):
        err("locations", f"{brief(value)} is not a list of locations like {{city: Berlin, country: DE}}")
        return []
    result = []
    for index, item in enumerate(value):
        where = item_lines[index] if index < len(item_lines) else line
        if isinstance(item, str):
            located = _location_text(item)
            if isinstance(located, Location):
                result.append(located)
            else:
                err("locations", f"item {index + 1}: {located}" if len(value) > 1 else located, where)
            continue
        if not isinstance(item, dict):
            err("locations", f"item {index + 1}: {brief(item)} is not a mapping like {{city: Berlin, country: DE}}", where)
            continue
        fields = {}
        ok = True
        for key, val in item.items():
            if key not in LOCATION_FIELDS:
                err("locations", f"item {index + 1}: unknown key {key!r}{did_you_mean(str(key), LOCATION_FIELDS)}", where)
                ok = False
            elif isinstance(val, int) and not isinstance(val, bool) and key == "postal_code":
                fields[key] = str(val)
            elif not isinstance(val, str) or not val.strip():
                err("locations", f"item {index + 1}: {key} {brief(val)} is not text", where)
                ok = False
            else:
                fields[key] = val.strip()
        for key in ("city", "country"):
            if key not in fields and ok:
                err("locations", f"item {index + 1}: {key} is missing; each location needs city and country", where)
                ok = False
        if not ok:
            continue
        country = fields["country"]
        if not codes.country_name(country):
            err("locations", f"item {index + 1}: country {country!r} is not an ISO 3166-1 alpha-2 code{_did_you_mean_code(country)}", where)
            continue
        region = fields.get("region", "")
        if not region and (mixed := _state_as_country(fields["city"], country)):
            err("locations", f"item {index + 1}: {mixed}", where)
            continue
        if region and not codes.subdivision_name(f"{country}-{region}"):
            err("locations", f"item {index + 1}: region {region!r} is not an ISO 3166-2 subdivision of {country} (e.g. CA for {country}-CA)", where)
            continue
        result.append(Location(**fields))
    return result


def _location_text(text: str) -> Location | str:
    """A location written as text ('Austin, TX', 'Berlin, DE', 'Wilmington, DE, US'), read by the
    place parser `new` and `import` use; or why not, with what to write instead."""
    located = places.locate(text, bare_city=False)
    if located.location:
        return Location(**located.location)
    return located.problem


def _state_as_country(city: str, country: str) -> str:
    """Why {city: San Francisco, country: CA} is refused: CA is San Francisco's state, and
    careersite's `new` wrote exactly this before 'City, ST' was read as a state; '' otherwise."""
    entry = places.city_entry(city)
    if not entry or entry[1] == country or entry[2] != country:
        return ""
    state = f"{entry[1]}-{entry[2]}"
    return (f"{city} with country {country} ({codes.country_name(country)}) reads like {codes.subdivision_name(state)} ({state}); "
            f"write region: {entry[2]}, country: {entry[1]}, or, if {codes.country_name(country)} is right, add its region")


def _did_you_mean_code(text: str) -> str:
    """'; did you mean US?' for 'USA', 'United States', 'us'; 'such as US, DE or GB' when nothing fits."""
    code = places.country_code(text)
    if code and code != text:
        return f"; did you mean {code}?"
    return " such as US, DE or GB"


def _did_you_mean_area(text: str) -> str:
    """'; did you mean US?' for 'USA', '; did you mean US-CA?' for 'California'; '' when nothing fits."""
    code = places.country_code(text)
    if not code and not text.isupper():
        country, region = places.region_code(text)
        code = f"{country}-{region}" if region else ""
    return f"; did you mean {code}?" if code and code != text else ""


def _salary_text_hint(value: object, default_currency: str) -> str:
    """'$120k-$150k' is what `import` reads as pay: say what it means as front matter, so the author
    checks the currency and unit rather than careersite taking them for granted."""
    from .importers.values import salary as salary_from_text  # here: the import machinery only when needed

    parsed = salary_from_text(value) if isinstance(value, str) else None
    if _is_number(value) and value > 0:
        parsed = {"value": value, "currency": default_currency, "unit": "year"}
    if not parsed:
        return f"{brief(value)} is not a mapping like {{min: 50000, max: 70000, currency: EUR, unit: year}}"
    mapping = "{" + ", ".join(f"{key}: {amount}" for key, amount in parsed.items()) + "}"
    return f"{brief(value)} is {kind_of(value)}, not a mapping; write it as salary: {mapping} (check the currency and unit)"


def _read_salary(value: object, default_currency: str, err) -> Salary | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        err("salary", _salary_text_hint(value, default_currency))
        return None
    ok = True
    for key in value:
        if key not in SALARY_FIELDS:
            err("salary", f"unknown key {key!r}{did_you_mean(str(key), SALARY_FIELDS)}")
            ok = False
    amounts = {}
    for key in ("min", "max", "value"):
        if key in value:
            amount = value[key]
            if not _is_number(amount) or amount <= 0:
                err("salary", f"{key} {brief(amount)} is not a positive amount")
                ok = False
            else:
                amounts[key] = amount
    currency = value.get("currency", default_currency)
    if not isinstance(currency, str) or not codes.is_currency(currency):
        err("salary", f"currency {brief(currency)} is not an ISO 4217 code such as USD, EUR or GBP")
        ok = False
    unit = value.get("unit", "year")
    if unit not in codes.SALARY_UNITS:
        err("salary", "unit " + one_of(unit, codes.SALARY_UNITS))
        ok = False
    note = value.get("note", "")
    if not isinstance(note, str):
        err("salary", f"note {brief(note)} is not text; write it like note: + equity")
        ok = False
    if not ok:
        return None
    if "value" in amounts and ("min" in amounts or "max" in amounts):
        err("salary", "give either value, or min and max, not both")
        return None
    if "value" not in amounts and ("min" not in amounts or "max" not in amounts):
        err("salary", "needs value, or both min and max")
        return None
    if "min" in amounts and amounts["min"] > amounts["max"]:
        err("salary", f"min {amounts['min']} is greater than max {amounts['max']}")
        return None
    return Salary(currency=currency, unit=unit, note=" ".join(note.split()), **amounts)
