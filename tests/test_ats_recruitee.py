"""Recruitee careers site answers -> postings: imported into a new site, built, and read back."""

from __future__ import annotations

import json

import pytest

from ats_site import SAMPLES, built_postings, fake_get, import_into_new_site
from careersite.importers import recruitee
from careersite.importers.draft import SourceError

SAMPLE = SAMPLES / "recruitee" / "offers.json"


def test_recruitee_offers_import_and_build_to_job_postings(tmp_path):
    site, reports = import_into_new_site(tmp_path, SAMPLE)
    assert [r.action for r in reports] == ["written", "written"]
    engineer = built_postings(site, reports)["data-engineer-m-f-d"]
    assert engineer["title"] == "Data Engineer (m/f/d)"
    assert engineer["datePosted"] == "2026-11-03"
    assert engineer["employmentType"] == "FULL_TIME"
    assert engineer["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Amsterdam",
                                                  "addressRegion": "NH", "addressCountry": "NL"}
    assert engineer["baseSalary"]["currency"] == "EUR"
    assert engineer["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 75000, "unitText": "YEAR"}


def test_remote_offer_gets_telecommute_and_its_country(tmp_path):
    site, reports = import_into_new_site(tmp_path, SAMPLE)
    student = built_postings(site, reports)["werkstudent-marketing"]
    assert student["jobLocationType"] == "TELECOMMUTE"
    assert student["applicantLocationRequirements"] == {"@type": "Country", "name": "Germany"}
    assert student["employmentType"] == ["PART_TIME", "TEMPORARY"]


def test_an_open_ended_salary_is_to_fill_in_not_completed(tmp_path):
    _, reports = import_into_new_site(tmp_path, SAMPLE)
    [problem] = [item for item in reports[1].to_fill if item.startswith("salary:")]
    assert "'max': '15000'" in problem and "salary:" not in reports[1].path.read_text(encoding="utf-8")


def test_recruitee_requirements_follow_the_description_under_their_heading(tmp_path):
    _, reports = import_into_new_site(tmp_path, SAMPLE)
    assert "**pricing** models.\n\n## Requirements\n\n- Python and SQL" in reports[0].path.read_text(encoding="utf-8")


def test_an_unpublished_offer_is_written_as_a_draft(tmp_path):
    offers = json.loads(SAMPLE.read_text())
    [draft] = recruitee.drafts({"offer": dict(offers["offers"][0], status="closed")}, "one.json")
    assert draft.fields["draft"] is True and draft.source_id == "2772077"


def test_recruitee_fetch_board_asks_the_companys_own_api():
    asked: list[str] = []
    get = fake_get({"https://tulip.recruitee.com/api/offers/": SAMPLE.read_bytes()}, asked)
    answer = recruitee.fetch_board("tulip", get, recruitee.API)
    assert asked == ["https://tulip.recruitee.com/api/offers/"]
    assert [d.source_id for d in recruitee.drafts(answer, "sync")] == ["2772077", "2772078"]
    test_server = fake_get({"http://127.0.0.1:8000/api/offers/": SAMPLE.read_bytes()}, asked)
    assert recruitee.fetch_board("tulip", test_server, "http://127.0.0.1:8000") == answer  # an api without {board} is the root


@pytest.mark.parametrize("board, body, message", [
    ("tulip", b"<!doctype html><p>Not found</p>", "is not valid JSON"),
    ("tulip", b'{"offers": {"id": 1}}', "is not a Recruitee careers site response"),
    ("evil.example/", b"{}", "is not a Recruitee company name"),
])
def test_recruitee_fetch_board_refuses_a_malformed_answer_or_company(board, body, message):
    with pytest.raises(SourceError, match=message):
        recruitee.fetch_board(board, lambda url: body)


@pytest.mark.parametrize("code, expected", [
    ("fulltime", "full_time"), ("fulltime_permanent", "full_time"), ("parttime_fixed_term", ["part_time", "temporary"]),
    ("freelance", "contractor"), ("internship", "intern"), ("traineeship", "intern"), ("other", None),
])
def test_employment_type_codes(code, expected):
    [draft] = recruitee.drafts({"offers": [{"id": 1, "title": "X", "careers_url": "https://x.test/o/x", "employment_type_code": code}]}, "o.json")
    assert draft.fields.get("employment_type") == expected
