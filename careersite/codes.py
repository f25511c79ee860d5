"""Fixed vocabularies: the values authors may write and what Google and schema.org call them."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Iterator

# author's value -> Google's employmentType enumeration
EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contractor": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "intern": "INTERN",
    "volunteer": "VOLUNTEER",
    "per_diem": "PER_DIEM",
    "other": "OTHER",
}

EMPLOYMENT_LABELS = {
    "full_time": "Full-time",
    "part_time": "Part-time",
    "contractor": "Contract",
    "temporary": "Temporary",
    "intern": "Internship",
    "volunteer": "Volunteer",
    "per_diem": "Per diem",
    "other": "Other",
}

# author's value -> schema.org credentialCategory as Google documents it
EDUCATION_LEVELS = {
    "high_school": "high school",
    "associate_degree": "associate degree",
    "bachelor_degree": "bachelor degree",
    "professional_certificate": "professional certificate",
    "postgraduate_degree": "postgraduate degree",
}

WORKPLACES = {"onsite": "On-site", "hybrid": "Hybrid", "remote": "Remote"}

# salary unit -> Google's unitText, and the words shown to candidates
SALARY_UNITS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def _pycountry():
    """pycountry, imported when a code is first looked up: a rebuild that parses no posting never
    needs it (its import is a quarter of careersite's start-up)."""
    import pycountry

    return pycountry


@lru_cache(maxsize=None)
def country_name(code: str) -> str | None:
    """The common English name of an ISO 3166-1 alpha-2 code, None when the code is unknown."""
    if len(code) != 2 or not code.isupper():
        return None
    country = _pycountry().countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def country_name_in(code: str, language: str = "en") -> str | None:
    """A country's name in `language` (Babel's CLDR names: 'Deutschland', 'ドイツ'), the English
    one of country_name for English or a language CLDR does not name it in; None when unknown."""
    english = country_name(code)
    if english is None or language.split("-")[0].split("_")[0] == "en":
        return english
    from .messages import locale_for

    return locale_for(language).territories.get(code, english)


def subdivision_name(code: str) -> str | None:
    """The name of an ISO 3166-2 code such as 'US-CA', None when unknown."""
    return _subdivision_names().get(code.upper())


@lru_cache(maxsize=1)
def _subdivision_names() -> dict[str, str]:
    """ISO 3166-2 code -> name, from pycountry's own data file: a plain dict is made in a fifth of
    the time pycountry takes to build and index its 5,000 subdivision objects (0.09 s), which a
    rebuild that parses one posting would otherwise spend."""
    with open(os.path.join(_pycountry().DATABASE_DIR, "iso3166-2.json"), encoding="utf-8") as file:
        return {entry["code"].upper(): entry["name"] for entry in json.load(file)["3166-2"]}


@lru_cache(maxsize=None)
def is_currency(code: str) -> bool:
    return len(code) == 3 and code.isupper() and _pycountry().currencies.get(alpha_3=code) is not None


def extract_labels(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """A `pybabel extract` method for codes.py (babel.cfg): the employment type and workplace labels
    candidates read are data there, not gettext calls, and are translated where they are shown."""
    for label in [*EMPLOYMENT_LABELS.values(), *WORKPLACES.values()]:
        yield 0, "gettext", label, []
