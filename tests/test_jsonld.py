"""jsonld: JobPosting dicts as Google documents them, and JSON that is safe inside <script>."""

from __future__ import annotations

import datetime as dt
import json
import re

import extruct
import pytest

from careersite.config import Company, Defaults, SiteConfig
from careersite.jsonld import breadcrumb_list, job_posting, script_json
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


def read_back(data: dict) -> list[dict]:
    """What a crawler reads: the JSON-LD as a page carries it, parsed by extruct."""
    page = f'<!doctype html><html><head><script type="application/ld+json">{script_json(data)}</script></head><body></body></html>'
    return extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]


def test_every_property_a_full_posting_sets_reaches_a_crawler():
    """A wrong key, type or separator anywhere in the JobPosting fails here, as Google's parser would see it."""
    posting = make(
        id="ENG-7", valid_through=dt.date(2027, 1, 31), workplace="remote", applicant_locations=("US-CA", "DE"),
        locations=(Location("San Francisco", "US", "CA", "94105", "1 Market St", "San Francisco Bay Area"), Location("Berlin", "DE")),
        salary=Salary("USD", "year", min=150000, max=180000), direct_apply=True, experience_months=36,
        education="postgraduate_degree", keywords=("Python", "SQL", "dbt"), employment_types=("contractor",),
    )
    [item] = read_back(job_posting(posting, "<p>Build.</p>", CONFIG))
    assert item == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Engineer",
        "description": "<p>Build.</p>",
        "datePosted": "2026-11-20",
        "validThrough": "2027-01-31",
        "hiringOrganization": {"@type": "Organization", "name": "Acme", "sameAs": ["https://acme.example", "https://li.example/acme"],
                               "logo": "https://jobs.example/static/logo.svg"},
        "url": "https://jobs.example/jobs/x/",
        "employmentType": "CONTRACTOR",
        "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "ENG-7"},
        "jobLocation": [
            {"@type": "Place", "name": "San Francisco Bay Area", "address": {
                "@type": "PostalAddress", "streetAddress": "1 Market St", "addressLocality": "San Francisco",
                "addressRegion": "CA", "postalCode": "94105", "addressCountry": "US"}},
            {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"}},
        ],
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [
            {"@type": "State", "name": "California", "containedInPlace": {"@type": "Country", "name": "United States"}},
            {"@type": "Country", "name": "Germany"},
        ],
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                       "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 150000, "maxValue": 180000}},
        "directApply": True,
        "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 36},
        "educationRequirements": {"@type": "EducationalOccupationalCredential", "credentialCategory": "postgraduate degree"},
        "skills": "Python, SQL, dbt",
    }
    assert unknown_properties(item) == []


def test_one_applicant_location_is_an_object_and_whole_amounts_are_integers():
    posting = make(workplace="remote", applicant_locations=("US",), salary=Salary("USD", "hour", value=40.0))
    [item] = read_back(job_posting(posting, "", CONFIG))
    assert item["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    amount = item["baseSalary"]["value"]["value"]
    assert amount == 40 and isinstance(amount, int)  # "40", not "40.0"


def test_onsite_posting_is_not_telecommute_and_has_no_applicant_locations():
    [item] = read_back(job_posting(make(locations=(Location("Berlin", "DE"),)), "", CONFIG))
    assert "jobLocationType" not in item and "applicantLocationRequirements" not in item and "skills" not in item


def test_breadcrumb_list_numbers_each_step_from_one_with_absolute_urls():
    [item] = read_back(breadcrumb_list([("All jobs", "/"), ("Engineering", "/departments/engineering/"), ("Engineer", "/jobs/x/")], CONFIG))
    assert item == {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "All jobs", "item": "https://jobs.example/"},
        {"@type": "ListItem", "position": 2, "name": "Engineering", "item": "https://jobs.example/departments/engineering/"},
        {"@type": "ListItem", "position": 3, "name": "Engineer", "item": "https://jobs.example/jobs/x/"},
    ]}


@pytest.mark.parametrize("company, same_as", [
    (Company("Acme", "https://acme.example"), "https://acme.example"),
    (Company("Acme", "", "", ("https://li.example/acme", "https://gh.example/acme")), ["https://li.example/acme", "https://gh.example/acme"]),
    (Company("Acme"), None),
])
def test_organization_same_as_is_the_site_then_the_profiles(company, same_as):
    config = SiteConfig(title="T", base_url="https://jobs.example", company=company, defaults=Defaults())
    [item] = read_back(job_posting(make(), "", config))
    assert item["hiringOrganization"].get("sameAs") == same_as and "logo" not in item["hiringOrganization"]


def test_script_json_is_compact_utf8():
    """The JSON-LD is on every posting page: no padding after separators, letters as letters rather than \\u escapes."""
    text = script_json({"city": "Zürich", "list": [1, 2]})
    assert json.loads(text) == {"city": "Zürich", "list": [1, 2]}
    assert " " not in text and "\\u" not in text  # no value here has a space or needs an escape
