"""jsonld: JobPosting dicts as Google documents them, and JSON that is safe inside <script>."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from careersite.config import Company, Defaults, SiteConfig
from careersite.jsonld import job_posting, script_json
from careersite.posting import Location, Posting, Salary
from careersite.vocabulary import unknown_properties

CONFIG = SiteConfig(
    title="T", base_url="https://jobs.example", company=Company("Acme", "https://acme.example", "static/logo.svg", ("https://li.example/acme",)),
    defaults=Defaults(),
)


def make(**fields) -> Posting:
    base = dict(slug="x", source="content/jobs/x.md", title="Engineer", body="b", apply_url="https://a.example",
                date_posted=dt.date(2026, 11, 20))
    base.update(fields)
    return Posting(**base)


def test_required_properties_and_only_those_with_values():
    data = job_posting(make(locations=(Location("Berlin", "DE", "BE"),)), "<p>d</p>", CONFIG)
    assert data["title"] == "Engineer" and data["description"] == "<p>d</p>" and data["datePosted"] == "2026-11-20"
    assert data["hiringOrganization"] == {
        "@type": "Organization", "name": "Acme", "sameAs": ["https://acme.example", "https://li.example/acme"],
        "logo": "https://jobs.example/static/logo.svg",
    }
    assert data["jobLocation"] == {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressRegion": "BE", "addressCountry": "DE"}}
    for absent in ("validThrough", "baseSalary", "identifier", "directApply", "jobLocationType", "educationRequirements"):
        assert absent not in data


def test_several_locations_give_a_list_of_places():
    data = job_posting(make(locations=(Location("Berlin", "DE"), Location("Paris", "FR"))), "", CONFIG)
    assert [p["address"]["addressCountry"] for p in data["jobLocation"]] == ["DE", "FR"]


@pytest.mark.parametrize("salary, expected", [
    (Salary("EUR", "year", min=50000, max=70000), {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 50000, "maxValue": 70000}),
    (Salary("USD", "hour", value=22.5), {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 22.5}),
])
def test_base_salary_is_a_monetary_amount(salary, expected):
    data = job_posting(make(salary=salary), "", CONFIG)
    assert data["baseSalary"] == {"@type": "MonetaryAmount", "currency": salary.currency, "value": expected}


def test_recommended_and_beta_properties():
    data = job_posting(make(id="ENG-1", valid_through=dt.datetime(2027, 1, 31, 17, tzinfo=dt.timezone.utc), direct_apply=False,
                            experience_months=24, education="bachelor_degree", employment_types=("full_time", "part_time")), "", CONFIG)
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Acme", "value": "ENG-1"}
    assert data["validThrough"] == "2027-01-31T17:00:00+00:00"
    assert data["directApply"] is False
    assert data["employmentType"] == ["FULL_TIME", "PART_TIME"]
    assert data["experienceRequirements"]["monthsOfExperience"] == 24
    assert data["educationRequirements"]["credentialCategory"] == "bachelor degree"
    assert unknown_properties(data) == []


def test_vocabulary_check_catches_unknown_properties():
    assert unknown_properties({"@type": "JobPosting", "title": "x", "salaryy": 1}) == ["JobPosting.salaryy is not a property of JobPosting"]
    assert unknown_properties({"@type": "JobPosting", "hiringOrganization": {"@type": "Organization", "logoo": "x"}}) == [
        "hiringOrganization.logoo is not a property of Organization"]


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!--", "]]>", "a\u2028b\u2029c", '"quoted" & \'single\''])
def test_script_json_cannot_break_out_and_round_trips(value):
    text = script_json({"title": value})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "\u2029" not in text
    assert not re.search(r"<", text)
    assert json.loads(text) == {"title": value}
