"""Greenhouse job board answers -> postings that keep what Greenhouse knows: pay ranges, the
department and office trees, custom fields, dates and several places in one location name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careersite.importers import greenhouse
from careersite.importers.draft import SourceError

from ats_site import addresses, base_salary, import_and_build

SAMPLES = Path(__file__).parent / "ats_samples" / "greenhouse"
RECORDED = SAMPLES / "recorded-shaped-board.json"


def documented_single_job() -> dict:
    """Greenhouse's 'Retrieve a job' sample, kept as published: a JavaScript-style comment line
    sits in it, which JSON does not allow, so it is left out here when reading."""
    text = (SAMPLES / "retrieve-job.jsonc").read_text(encoding="utf-8")
    return json.loads("\n".join(line for line in text.splitlines() if not line.strip().startswith("//")))


def job(number: int) -> dict:
    return json.loads(RECORDED.read_text(encoding="utf-8"))["jobs"][number]


def test_documented_single_job_pay_range_lands_as_salary(tmp_path):
    reports, postings = import_and_build(tmp_path, documented_single_job(), kind="greenhouse")
    [posting] = postings.values()
    assert base_salary(posting) == ("USD", 50000, 75000, "YEAR")
    assert addresses(posting) == [{"addressLocality": "San Francisco", "addressRegion": "CA", "addressCountry": "US"}]
    assert posting["hiringOrganization"]["name"] and posting["datePosted"]
    assert "salary: 50000-75000 USD per year (pay_input_ranges 'NYC Salary Range')" in reports[0].inferred


def test_documented_board_sample_takes_the_most_specific_office(tmp_path):
    reports, postings = import_and_build(tmp_path, SAMPLES / "list-jobs-content.json")
    [posting] = postings.values()
    assert addresses(posting) == [{"addressLocality": "New York", "addressRegion": "NY", "addressCountry": "US"}]
    # the sample's content is encoded twice over; decoded once, its '<p>' is text, as Greenhouse shows it
    assert posting["description"].startswith("<p>This is the job description. &lt;p&gt;Any HTML")
    assert any(item.startswith("date_posted: set to today") for item in reports[0].to_fill)


def test_recorded_board_builds_with_salary_places_and_dates(tmp_path):
    reports, postings = import_and_build(tmp_path, RECORDED)
    assert sorted(postings) == ["data-analyst", "product-designer", "senior-backend-engineer", "shipper-support-specialist"]
    backend = postings["senior-backend-engineer"]
    assert base_salary(backend) == ("USD", 160000, 210000, "YEAR")
    assert backend["datePosted"] == "2026-11-03"
    assert backend["hiringOrganization"]["@type"] == "Organization"
    support = postings["shipper-support-specialist"]
    assert support["jobLocationType"] == "TELECOMMUTE"
    assert support["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    assert base_salary(support) == ("USD", 26, 32, "HOUR")
    assert addresses(postings["data-analyst"]) == [{"addressLocality": "Berlin", "addressRegion": "BE", "addressCountry": "DE"},
                                                   {"addressLocality": "Paris", "addressCountry": "FR"}]


def test_pay_range_whose_title_names_the_posting_location_is_chosen_and_reported():
    [draft] = greenhouse.drafts(job(0), "board.json")
    assert draft.fields["salary"] == {"min": 160000, "max": 210000, "currency": "USD", "unit": "year"}
    assert any("'NYC Salary Range', the one range for this posting's location; the others: 'SF Bay Area Salary Range'" in i
               for i in draft.inferred)


def test_several_matching_pay_ranges_give_the_widest_with_a_note_and_a_question():
    [draft] = greenhouse.drafts(job(1), "board.json")
    salary = draft.fields["salary"]
    assert (salary["min"], salary["max"]) == (120000, 180000)
    assert "San Francisco Pay Range $140,000 – $180,000 per year" in salary["note"]
    assert "Austin Pay Range $120,000 – $155,000 per year" in salary["note"]
    assert any("the widest of the pay_input_ranges" in i for i in draft.inferred)
    assert any(item.startswith("salary: the posting has 2 pay ranges") for item in draft.to_fill)


def test_pay_ranges_in_different_currencies_are_asked_about_not_merged():
    ranges = [{"min_cents": 9000000, "max_cents": 11000000, "currency_type": "EUR", "title": "Zone A"},
              {"min_cents": 8000000, "max_cents": 9500000, "currency_type": "GBP", "title": "Zone B"}]
    [draft] = greenhouse.drafts(dict(job(3), pay_input_ranges=ranges), "board.json")
    assert "salary" not in draft.fields
    assert any("different currencies" in item and "€90,000" in item for item in draft.to_fill)


def test_a_broken_pay_range_is_reported():
    [draft] = greenhouse.drafts(dict(job(3), pay_input_ranges=[{"min_cents": 5000, "max_cents": None, "currency_type": "usd dollars"}]), "b")
    assert "salary" not in draft.fields and any("is not a range careersite can state" in item for item in draft.to_fill)


def test_most_specific_department_is_taken_and_the_tree_is_said():
    [draft] = greenhouse.drafts(job(0), "board.json")
    assert draft.fields["department"] == "Backend"
    assert "department: 'Backend' (the most specific department: Engineering > Backend)" in draft.inferred


def test_metadata_values_may_be_strings_lists_numbers_or_null():
    [draft] = greenhouse.drafts(job(0), "board.json")
    assert draft.fields["employment_type"] == "full_time" and draft.fields["experience_months"] == 60
    [listed] = greenhouse.drafts(job(3), "board.json")
    assert listed.fields["employment_type"] == "full_time"  # ["Full-time"]
    assert greenhouse.metadata_text(None) == "" and greenhouse.metadata_text([1.5, "a"]) == "1.5, a"


def test_an_employment_custom_field_not_understood_is_reported():
    metadata = [{"id": 1, "name": "Employment Type", "value": "Zeitarbeit", "value_type": "single_select"}]
    [draft] = greenhouse.drafts(dict(job(3), metadata=metadata), "board.json")
    assert "employment_type" not in draft.fields
    assert any("'Zeitarbeit' is not an employment type" in item for item in draft.to_fill)


def test_first_published_is_date_posted_and_updated_at_is_kept():
    [draft] = greenhouse.drafts(job(0), "board.json")
    assert draft.fields["date_posted"].isoformat() == "2026-11-03"
    assert draft.fields["updated"] == "2026-11-20T12:00:00-05:00"


@pytest.mark.parametrize("name, cities", [
    ("San Francisco, CA; Austin, TX", ["San Francisco", "Austin"]),
    ("Berlin/Paris", ["Berlin", "Paris"]),
    ("Toronto or Vancouver", ["Toronto", "Vancouver"]),
    ("Austin, TX / New York, NY", ["Austin", "New York"]),
])
def test_a_location_name_with_several_places(name, cities):
    assert [loc["city"] for loc in greenhouse.location_name_places(name).locations] == cities


def test_remote_area_with_a_slash_stays_one_area():
    places = greenhouse.location_name_places("Remote - US/Canada")
    assert (places.workplace, places.applicant_locations) == ("remote", ["US", "CA"])


def test_content_is_unescaped_once():
    [draft] = greenhouse.drafts(job(0), "board.json")
    assert draft.body.startswith("## About the role\n\nYou will own the services that price & route shipments.")


def test_fetch_board_merges_each_jobs_pay_ranges_and_rejects_a_malformed_answer():
    board = json.loads(RECORDED.read_text(encoding="utf-8"))
    listing = {"jobs": [{k: v for k, v in j.items() if k != "pay_input_ranges"} for j in board["jobs"]], "meta": board["meta"]}
    answers = {"https://gh.test/v1/boards/harborline/jobs?content=true": json.dumps(listing).encode()}
    for item in board["jobs"]:
        answers[f"https://gh.test/v1/boards/harborline/jobs/{item['id']}?pay_transparency=true"] = json.dumps(item).encode()
    fetched = greenhouse.fetch_board("harborline", answers.__getitem__, "https://gh.test")
    assert fetched["jobs"] == board["jobs"]
    with pytest.raises(SourceError, match="is not a Greenhouse job board response"):
        greenhouse.fetch_board("harborline", lambda url: b'{"jobs": 3}', "https://gh.test")


def test_documented_board_sample_without_content_imports_with_no_body():
    [draft] = greenhouse.drafts(json.loads((SAMPLES / "list-jobs.json").read_text(encoding="utf-8")), "list.json")
    assert draft.fields["locations"] == [{"city": "New York", "country": "US", "region": "NY"}]  # 'NYC'
    assert draft.body == "" and draft.source_id == "127817" and draft.fields["id"] == "50"
