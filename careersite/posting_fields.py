"""The front matter fields of a posting, as a table of fields that read and check themselves (after
mkdocs' config options): each knows its key, the Posting attribute it fills and its problems.

The table is built once at import; a posting's reading is one pass over it, in the order its
problems are reported. A field may look at the values read before it (date_posted is required
unless the posting is a draft; a remote posting needs applicant_locations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import codes
from .config import SiteConfig, is_web_url, url_fix
from .frontmatter_yaml import Split
from .location_field import did_you_mean_area, read_locations
from .posting import Location, Question, Salary, as_datetime, file_language
from .problems import Problems, brief, did_you_mean, kind_of, one_of
from .salary_field import read_salary
from .question_field import read_questions
from .settings import APPLY_MODES, is_language
from .slugs import url_path
from .sourcefile import control_problem
from .sync_source import EXAMPLE_REF, board_problem, ref_board

# The fields a posting file may give, in the order `import` writes them (and suggestions are sought).
FIELDS = (
    "title", "id", "date_posted", "valid_through", "updated", "department", "team",
    "employment_type", "workplace", "locations", "applicant_locations", "salary",
    "experience_months", "education", "apply", "apply_url", "direct_apply", "questions", "summary", "keywords", "draft",
    "language", "translation_key",
)
# Fields a posting file may give that fill no Posting attribute, so nothing publishes them.
KEPT_FIELDS = ("imported", "source")


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


class Reading:
    """One posting's front matter as its fields read it: the data and where each key stands, the
    site's defaults, the values read so far and where problems go. The only object made per posting."""

    __slots__ = ("data", "lines", "item_lines", "config", "slug", "values", "shown", "problems")

    def __init__(self, doc: Split, slug: str, config: SiteConfig, shown: str, problems: Problems):
        self.data, self.lines, self.item_lines = doc.data, doc.lines, doc.item_lines
        self.config, self.slug, self.shown, self.problems = config, slug, shown, problems
        self.values: dict[str, Any] = {}

    def err(self, key: str, message: str, line: int | None = None) -> None:
        """A problem under `key`, at the line given or else the key's own (line 2 when it is absent)."""
        self.problems.add(self.shown, line or self.lines.get(key, 2), key, message)


class Field:
    """A front matter key and the Posting attribute it fills; read() reports each problem and
    returns the value (a default when the key is absent or wrong)."""

    def __init__(self, key: str, attr: str | None = None):
        self.key, self.attr = key, key if attr is None else attr

    def read(self, r: Reading) -> object:
        raise NotImplementedError


class Text(Field):
    """Text, trimmed; `allow_int` for ids written as numbers; `choices` when only a few words are meant."""

    def __init__(self, key: str, required: bool = False, allow_int: bool = False, default: str = "",
                 choices: tuple[str, ...] = ()):
        super().__init__(key)
        self.required, self.allow_int, self.default, self.choices = required, allow_int, default, choices

    def read(self, r: Reading) -> str:
        value = self.text(r) or self.default
        if value and self.choices and value not in self.choices:
            r.err(self.key, one_of(value, self.choices))
        return value

    def text(self, r: Reading) -> str:
        key, value = self.key, r.data.get(self.key)
        if value is None:
            if self.required:
                r.err(key, "missing; this field is required" if key not in r.data else "has no value; this field is required")
            return ""
        if self.allow_int and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            r.err(key, f"{brief(value)} is {kind_of(value)}; expected text")
            return ""
        value = value.strip()
        if self.required and not value:
            r.err(key, "is empty; this field is required")
        return value


class Date(Field):
    """An ISO 8601 date or date-time; required unless the field named by `optional_if` is true."""

    def __init__(self, key: str, optional_if: str = ""):
        super().__init__(key)
        self.optional_if = optional_if

    def read(self, r: Reading) -> dt.date | dt.datetime | None:
        value = r.data.get(self.key)
        if value is None:
            if self.optional_if and not r.values[self.optional_if]:
                r.err(self.key, ("missing" if self.key not in r.data else "has no value") + "; expected a date such as 2026-11-20")
            return None
        parsed = parse_date(value)
        if parsed is None:
            r.err(self.key, f"{brief(value)} is not a date; expected YYYY-MM-DD (ISO 8601) or an ISO date-time such as 2027-01-31T17:00:00Z")
        return parsed


class Flag(Field):
    """true or false; `default` when absent or not a boolean."""

    def __init__(self, key: str, default: bool | None = None):
        super().__init__(key)
        self.default = default

    def read(self, r: Reading) -> bool | None:
        value = r.data.get(self.key)
        if value is not None and not isinstance(value, bool):
            r.err(self.key, f"{brief(value)} is not true or false")
            return self.default
        return self.default if value is None else value


class TextList(Field):
    """A list of text values (one text is a list of one), trimmed."""

    def read(self, r: Reading) -> tuple[str, ...]:
        return tuple(self.items(r))

    def items(self, r: Reading) -> list[str]:
        value = r.data.get(self.key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            r.err(self.key, f"{brief(value)} is not a list of text values")
            return []
        return [v.strip() for v in value]


class EmploymentTypes(TextList):
    """Schema.org employment types, the site's default when none is given; each kept once."""

    def read(self, r: Reading) -> tuple[str, ...]:
        employment = self.items(r) or [r.config.defaults.employment_type]
        for value in employment:
            if value not in codes.EMPLOYMENT_TYPES:
                r.err(self.key, one_of(value, codes.EMPLOYMENT_TYPES))
        return tuple(dict.fromkeys(employment))


class ApplicantAreas(TextList):
    """Where hires may live: ISO 3166 countries or subdivisions; a remote posting must say."""

    def read(self, r: Reading) -> tuple[str, ...]:
        areas = self.items(r)
        for code in areas:
            known = codes.subdivision_name(code) if "-" in code else codes.country_name(code)
            if not known:
                r.err(self.key, f"{code!r} is not an ISO 3166 country (US) or subdivision (US-CA) code{did_you_mean_area(code)}")
        if r.values["workplace"] == "remote" and not r.data.get(self.key):
            r.err(self.key, "missing; a remote posting must say where hires may live, e.g. [US] or [DE, FR]")
        return tuple(areas)


class Locations(Field):
    """The offices (location_field.py reads them); a posting that is not remote needs one."""

    def read(self, r: Reading) -> tuple[Location, ...]:
        key = self.key
        locations = read_locations(r.data.get(key), r.lines.get(key, 2), r.item_lines.get(key, []), r.err)
        workplace = r.values["workplace"]
        if not r.data.get(key) and workplace != "remote":
            article = "an" if workplace[:1] in "aeiou" else "a"
            r.err(key, f"missing; {article} {workplace} posting needs at least one location with city and country")
        return tuple(locations)


class SalaryField(Field):
    """The pay (salary_field.py reads it), in the site's default currency unless it names one."""

    def read(self, r: Reading) -> Salary | None:
        return read_salary(r.data.get(self.key), r.config.defaults.currency, r.err)


class Months(Field):
    """A whole number of months, 0 or more."""

    def read(self, r: Reading) -> int | None:
        value = r.data.get(self.key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            r.err(self.key, f"{brief(value)} is not a whole number of months (0 or more)")
            return None
        return value


class ApplyMode(Text):
    """`apply: link` (the Apply button goes to apply_url) or `apply: form` (the application form on
    the posting page); the site's [defaults] apply when absent."""

    def read(self, r: Reading) -> str:
        value = self.text(r) or r.config.defaults.apply
        if value not in APPLY_MODES:
            r.err(self.key, one_of(value, APPLY_MODES))
            return "link"
        return value


class ApplyUrl(Text):
    """Where to apply: the posting's own URL, or the site's default with {id} and {slug} filled in.
    A posting applied to by its own form needs none (its Apply buttons go to the form)."""

    def read(self, r: Reading) -> str:
        url = self.text(r)
        default = r.config.defaults.apply_url
        if r.values["apply"] == "form" and not url:
            return ""
        if not url and default:
            slug = url_path(r.slug)  # percent-encoded: a slug may hold letters of any script
            url = default.replace("{id}", r.values["id"] or slug).replace("{slug}", slug)
        if not url:
            r.err(self.key, "missing; give apply_url here or [defaults] apply_url in careersite.toml, or apply: form")
        elif not (is_web_url(url) or url.startswith("mailto:")):
            r.err(self.key, f"{url!r} is not an http(s) or mailto URL{url_fix(url)}")
        return url


class Questions(Field):
    """The posting's own questions on its form (question_field.py reads them); asked on the form only."""

    def read(self, r: Reading) -> tuple[Question, ...]:
        questions = read_questions(r.data.get(self.key), r.item_lines.get(self.key, []),
                                   lambda message, line=None: r.err(self.key, message, line))
        if questions and r.values["apply"] != "form":
            r.err(self.key, "questions are asked on the application form only; add apply: form, or remove them")
        return tuple(questions)


class SyncedFrom(Text):
    """`source: greenhouse:acme/4012345`: the ATS posting `careersite sync` wrote this file from, so
    the next sync finds it whatever its file name. Checked, then dropped: it fills no Posting
    attribute, so no page, feed or JSON-LD can publish it."""

    def __init__(self) -> None:
        super().__init__("source")
        self.attr = ""

    def read(self, r: Reading) -> None:
        value = self.text(r)
        found = ref_board(value) if value else None
        problem = "" if not value else board_problem(found[0]) if found else f"{brief(value)} is not VENDOR:BOARD/ID such as {EXAMPLE_REF!r}"
        if problem:
            r.err(self.key, f"{problem}; careersite sync writes it: leave it as sync wrote it")


class Imported(Field):
    """`imported`: what `careersite import` kept from another site's front matter that careersite has
    no field for (`{from: ..., fields: {...}, language: fr, translation_key: ...}`). It fills no
    Posting attribute, so nothing in it can reach a page, a feed or the JSON-LD."""

    def __init__(self) -> None:
        super().__init__("imported", attr="")

    def read(self, r: Reading) -> None:
        value = r.data.get(self.key)
        if value is not None and not isinstance(value, dict):
            r.err(self.key, f"{brief(value)} is {kind_of(value)}; expected a mapping (what careersite import kept from the old site)")


class Language(Field):
    """`language: de`, else the file name's (`designer.de.md`), else what `careersite import` kept
    (`imported: {language: de}`, on a site that declares languages), else the site's default. Stored as
    "" for the default, so a site in one language reads as it always did. A language the site does
    not declare is an error: the posting would be published in the wrong site."""

    def __init__(self) -> None:
        super().__init__("language")

    def read(self, r: Reading) -> str:
        config, key = r.config, self.key
        declared = config.all_languages
        value = r.data.get(key)
        if value is None:
            named = file_language(r.shown.rpartition("/")[2], config.file_languages)
            imported = r.data.get("imported")
            if named:
                value = named[0]
            elif config.languages and isinstance(imported, dict) and imported.get("language"):
                key, value = "imported", imported["language"]
            else:
                return ""
        if not isinstance(value, str) or not is_language(value):
            r.err(key, f"{brief(value)} is not a language tag such as en, de, fr-CA, ja or ar")
            return ""
        found = next((tag for tag in declared if tag.lower() == value.strip().lower()), None)
        if found is None:
            fix = (f"add it to languages in careersite.toml (languages = [\"{value}\"])" if not config.languages
                   else f"add it to languages in careersite.toml, or use one of {', '.join(declared)}")
            r.err(key, f"{value!r} is not a language of this site ({', '.join(declared)}); {fix}")
            return ""
        return "" if found == config.language else found


class TranslationKey(Text):
    """`translation_key`: what a posting's translations share (Hugo's translationKey, which
    `careersite import` keeps as `imported: {translation_key: ...}`); by default the file name without
    its language (designer.md and designer.de.md translate each other: Posting.translation_group)."""

    def __init__(self) -> None:
        super().__init__("translation_key", allow_int=True)

    def read(self, r: Reading) -> str:
        value = self.text(r)
        imported = r.data.get("imported")
        if not value and isinstance(imported, dict) and imported.get("translation_key") not in (None, ""):
            value = str(imported["translation_key"]).strip()
        return value


class EndsAfterStart(Field):
    """Not a field but a rule between two, in its turn: valid_through not before date_posted."""

    def __init__(self) -> None:
        super().__init__("valid_through", attr="")  # no attribute: it fills none

    def read(self, r: Reading) -> None:
        start, end = r.values["date_posted"], r.values["valid_through"]
        if start and end and as_datetime(end, True) < as_datetime(start):
            r.err(self.key, f"{r.data['valid_through']} is before date_posted {r.data['date_posted']}")


class FormIsDirect(Field):
    """Not a field but a rule between two: a posting applied to by its own form is a direct apply."""

    def __init__(self) -> None:
        super().__init__("direct_apply", attr="")

    def read(self, r: Reading) -> None:
        if r.values["apply"] == "form" and r.values["direct_apply"] is False:
            r.err(self.key, "is false, but apply: form puts the application on the posting's page (a direct apply); remove direct_apply")


# In reading order, which is the order problems are reported in; each field after those it looks at.
POSTING_FIELDS: tuple[Field, ...] = (
    Flag("draft", default=False),
    Text("title", required=True),
    Text("id", allow_int=True),
    Date("date_posted", optional_if="draft"),
    Date("valid_through"),
    Date("updated"),
    EndsAfterStart(),
    Text("department"),
    Text("team"),
    EmploymentTypes("employment_type", attr="employment_types"),
    Text("workplace", default="onsite", choices=codes.WORKPLACES),
    Locations("locations"),
    ApplicantAreas("applicant_locations"),
    SalaryField("salary"),
    Months("experience_months"),
    Text("education", choices=codes.EDUCATION_LEVELS),
    ApplyMode("apply"),
    ApplyUrl("apply_url"),
    Flag("direct_apply"),
    FormIsDirect(),
    Questions("questions"),
    Text("summary"),
    TextList("keywords"),
    Imported(),
    SyncedFrom(),
    Language(),
    TranslationKey(),
)


def read_fields(doc: Split, slug: str, config: SiteConfig, shown: str, problems: Problems) -> dict[str, Any]:
    """The front matter's values by Posting attribute, every problem reported (unknown keys first)."""
    r = Reading(doc, slug, config, shown, problems)
    for key in r.data:
        if key not in FIELDS and key not in KEPT_FIELDS:
            r.err(str(key), f"unknown field{did_you_mean(str(key), FIELDS)}")
        elif problem := control_problem(r.data[key]):
            r.err(str(key), problem)
    values = r.values
    for entry in POSTING_FIELDS:
        value = entry.read(r)
        if entry.attr:
            values[entry.attr] = value
    return values
