"""Workable careers widget answers -> postings: imported into a new site, built, and read back."""

from __future__ import annotations

import json

import pytest

from ats_site import SAMPLES, built_postings, fake_get, import_into_new_site
from careersite.importers import workable
from careersite.importers.draft import SourceError

SAMPLE = SAMPLES / "workable" / "widget-account-details.json"


def test_workable_account_imports_and_builds_to_job_postings(tmp_path):
    site, reports = import_into_new_site(tmp_path, SAMPLE)
    assert [r.action for r in reports] == ["written", "written"]
    postings = built_postings(site, reports)
    backend = postings["senior-backend-engineer"]
    assert backend["title"] == "Senior Backend Engineer"
    assert backend["datePosted"] == "2026-11-02"
    assert backend["employmentType"] == "FULL_TIME"
    assert backend["jobLocation"]["address"]["addressLocality"] == "Berlin"
    assert backend["jobLocation"]["address"]["addressCountry"] == "DE"
    assert backend["identifier"]["value"] == "5EA5DDE797"
    assert "jobLocationType" not in backend and "baseSalary" not in backend


def test_telecommuting_job_gets_telecommute_and_its_country(tmp_path):
    site, reports = import_into_new_site(tmp_path, SAMPLE)
    remote = built_postings(site, reports)["customer-support-specialist-remote-us"]
    assert remote["jobLocationType"] == "TELECOMMUTE"
    assert remote["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    assert remote["employmentType"] == "PART_TIME"


def test_workable_description_requirements_and_benefits_are_sanitised_markdown(tmp_path):
    site, reports = import_into_new_site(tmp_path, SAMPLE)
    backend, remote = (r.path.read_text(encoding="utf-8") for r in reports)
    assert "**robot routes**" in backend and "## Requirements\n\n- 5+ years" in backend and "## Benefits" in backend
    assert "script" not in remote and "alert" not in remote


def test_workable_what_the_widget_lacks_is_to_fill_in(tmp_path):
    _, reports = import_into_new_site(tmp_path, SAMPLE)
    assert all(any(item.startswith("salary:") for item in r.to_fill) for r in reports)
    assert [d.source_id for d in workable.drafts(json.loads(SAMPLE.read_text()), "w")] == ["5EA5DDE797", "A1B2C3D4E5"]


def test_workable_fetch_board_asks_the_widget_with_details():
    asked: list[str] = []
    get = fake_get({"https://api.test/api/v1/widget/accounts/north%20wind?details=true": SAMPLE.read_bytes()}, asked)
    answer = workable.fetch_board("north wind", get, "https://api.test")
    assert asked == ["https://api.test/api/v1/widget/accounts/north%20wind?details=true"]
    assert len(workable.drafts(answer, "sync")) == 2


@pytest.mark.parametrize("body, message", [(b"<html>maintenance</html>", "is not valid JSON"),
                                           (b'{"error": "not found"}', "is not a Workable careers widget response")])
def test_workable_fetch_board_refuses_a_malformed_answer(body, message):
    with pytest.raises(SourceError, match=message):
        workable.fetch_board("acme", lambda url: body, "https://api.test")
