"""What a labelled value in an outside posting means: `**Location:** Remote (US)`, `Salary: $120k`,
a foreign front matter's `job_type: full time`. One table maps each label (lower case, spaces
collapsed) to a handler that reads the value into a Draft field and says what it read; a value
not fully understood is reported as still to fill in and the handler answers False, so the
caller keeps the original text where a person will see it."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..places import Places, parse_places
from . import values
from .draft import Draft

Handler = Callable[[Draft, str, Places], bool]  # True when the value was fully understood
_URL = re.compile(r"(https?://[^\s<>()\[\]]+|mailto:[^\s<>()\[\]]+)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")  # an e-mail address written bare


def clean_inline(text: str) -> str:
    """Heading or value text without Markdown emphasis, code marks or link targets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S(?:.*?\S)?)[*_](?!\w)", r"\1", text)
    return " ".join(text.split())


def _location(draft: Draft, value: str, places: Places) -> bool:
    """Collects into `places`; the fields are set once all place lines are read."""
    found = parse_places(value)
    places.merge(found)
    return not found.unresolved and bool(found.workplace or found.locations or found.applicant_locations)


def _employment(draft: Draft, value: str, places: Places) -> bool:
    types = values.employment_types(value)
    if not types:
        draft.missing("employment_type", f"{value!r} is not an employment type careersite knows")
        return False
    draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from {value!r})")
    return True


def _experience(draft: Draft, value: str, places: Places) -> bool:
    months = values.experience_months(value)
    if months is None:
        draft.missing("experience_months", f"{value!r} gives no number of years or months")
        return False
    draft.set("experience_months", months, f"{months} (from {value!r})")
    return True


def _salary(draft: Draft, value: str, places: Places) -> bool:
    salary = values.salary(value)
    if salary is None:
        draft.missing("salary", f"{value!r} is not an amount or range with a currency; write {{min: ..., max: ..., currency: USD}}")
        return False
    draft.set("salary", salary, f"{describe_salary(salary)} (from {value!r})")
    return True


def describe_salary(salary: dict[str, object]) -> str:
    """'160000-240000 USD per year', to say in a report what was read."""
    amount = salary["value"] if "value" in salary else f"{salary['min']}-{salary['max']}"
    note = f", note {salary['note']!r}" if salary.get("note") else ""
    return f"{amount} {salary['currency']} per {salary['unit']}{note}"


def _text_field(key: str) -> Handler:
    def handler(draft: Draft, value: str, places: Places) -> bool:
        draft.set(key, value, f"{value!r}")
        return True
    return handler


def _title(draft: Draft, value: str, places: Places) -> bool:
    if draft.fields.get("title"):
        return False  # the heading already gave it; the line stays as written
    draft.set("title", value, f"{value!r} (from the labelled line)")
    return True


def apply_url(draft: Draft, value: str, places: Places) -> bool:
    url = _URL.search(value)
    email = EMAIL.search(value)
    found = url.group(1).rstrip(".,;") if url else f"mailto:{email.group(0)}" if email else ""
    if not found:
        return False
    draft.set("apply_url", found, f"{found} (from {value!r})")
    return True


def _date_field(key: str) -> Handler:
    def handler(draft: Draft, value: str, places: Places) -> bool:
        date = values.date_from(value)
        if date is None:
            draft.missing(key, f"{value!r} is not a date careersite can read; write YYYY-MM-DD")
            return False
        draft.set(key, date, f"{date.isoformat()} (from {value!r})")
        return True
    return handler


def _education(draft: Draft, value: str, places: Places) -> bool:
    level = values.education_level(value)
    if level:
        draft.set("education", level, f"{level} (from {value!r})")
    return bool(level)


def _keywords(draft: Draft, value: str, places: Places) -> bool:
    terms, left_out = skill_terms(keyword_list(value))
    if terms:
        draft.set("keywords", terms, f"{len(terms)} terms (from the labelled line){left_out_note(left_out)}")
    return bool(terms)


def _labels(handler: Handler, *names: str) -> dict[str, Handler]:
    return dict.fromkeys(names, handler)


# a workplace line ('**Work arrangement:** Hybrid') is read like a location line: the same words
PLACE_LABELS = ("location", "locations", "job location", "work location", "office", "office location", "based in",
                 "workplace", "workplace type", "work arrangement", "work model", "work setup")
HANDLERS: dict[str, Handler] = {
    **_labels(_location, *PLACE_LABELS),
    **_labels(_employment, "employment type", "employment", "job type", "type", "contract type", "commitment", "position type"),
    **_labels(_experience, "experience", "experience level", "years of experience", "experience required", "seniority"),
    **_labels(_salary, "salary", "salary range", "pay", "pay range", "compensation", "compensation range", "base salary",
              "base pay", "rate", "hourly rate", "pay rate", "wage"),
    **_labels(_text_field("department"), "department", "dept"),
    **_labels(_text_field("team"), "team"),
    **_labels(_text_field("id"), "job id", "requisition id", "req id", "requisition", "reference", "job reference", "job code"),
    **_labels(_title, "title", "job title", "position", "role"),
    **_labels(apply_url, "apply", "apply at", "apply here", "how to apply", "application"),
    **_labels(_date_field("valid_through"), "closing date", "apply by", "deadline", "application deadline", "valid through",
              "applications close"),
    **_labels(_date_field("date_posted"), "posted", "date posted", "posting date", "published"),
    **_labels(_education, "education", "degree"),
    **_labels(_keywords, "keywords", "tags", "skills"),
}


def keyword_list(text: str) -> list[str]:
    """'Python, Go; Kubernetes' or a bulleted list -> ['Python', 'Go', 'Kubernetes'], each once."""
    terms = []
    for raw in re.split(r"[,;\n]", text):
        term = clean_inline(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", raw)).strip(" .")
        if term and len(term) <= 60 and term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    return terms


# words that say a level or a degree, not a skill: the title, experience_months and education say those
_SENIORITY = {"senior", "sr", "junior", "jr", "lead", "staff", "principal", "mid", "entry", "head", "chief"}
_DEGREES = {"bs", "ba", "bsc", "bse", "ms", "msc", "ma", "mba", "meng", "phd", "ph", "d", "doctorate", "bachelor",
            "bachelors", "master", "masters", "associate", "degree", "degrees", "diploma"}
_ROLE_WORDS = {"engineer", "developer", "level", "role", "position", "s", "or", "equivalent", "in"}


def skill_terms(terms: list[str]) -> tuple[list[str], list[str]]:
    """(skills, left out): 'Senior', 'Lead', 'Staff Engineer', "Master's Degree", 'BS/MS' are not
    skills a candidate searches by, so they are left out of keywords (and the report says so)."""
    kept, left_out = [], []
    for term in terms:
        words = set(re.findall(r"[a-z]+", term.lower()))
        level_words = words & (_SENIORITY | _DEGREES)
        (left_out if level_words and words <= _SENIORITY | _DEGREES | _ROLE_WORDS else kept).append(term)
    return kept, left_out


def left_out_note(terms: list[str]) -> str:
    return f"; left out as level or degree words, not skills: {', '.join(terms)}" if terms else ""
