"""SmartRecruiters Posting API answers -> postings: imported into a new site, built, and read back;
fetch_board reads every page, then each posting's own answer."""

from __future__ import annotations

import json

import pytest

from ats_site import SAMPLES, built_postings, fake_get, import_into_new_site
from careersite.importers import smartrecruiters
from careersite.importers.draft import SourceError

FOLDER = SAMPLES / "smartrecruiters"
LISTING = FOLDER / "plin-code-aboutyou-postings.json"
ROOT = "https://api.test/v1/companies/ABOUTYOUGmbH/postings"


def board_answers(page_size: int) -> dict[str, bytes]:
    """The recorded listing cut into pages of `page_size`, and each posting's own answer."""
    listing = json.loads(LISTING.read_text(encoding="utf-8"))
    answers = {}
    for offset in range(0, len(listing["content"]), page_size):
        page = dict(listing, offset=offset, limit=page_size, content=listing["content"][offset:offset + page_size])
        answers[f"{ROOT}?limit={page_size}&offset={offset}"] = json.dumps(page).encode()
    for posting in listing["content"]:
        answers[f"{ROOT}/{posting['id']}"] = (FOLDER / f"posting-{posting['id']}.json").read_bytes()
    return answers


def fetched_board(tmp_path, monkeypatch, page_size: int = 1):
    monkeypatch.setattr(smartrecruiters, "PAGE_SIZE", page_size)
    asked: list[str] = []
    board = smartrecruiters.fetch_board("ABOUTYOUGmbH", fake_get(board_answers(page_size), asked), "https://api.test")
    saved = tmp_path / "board.json"
    saved.write_text(json.dumps(board), encoding="utf-8")
    return saved, asked


def test_fetch_board_reads_three_pages_then_each_postings_own_answer(tmp_path, monkeypatch):
    _, asked = fetched_board(tmp_path, monkeypatch, page_size=1)
    ids = ["744000147566189", "744000147564650", "744000147556063"]
    assert asked == [f"{ROOT}?limit=1&offset={n}" for n in range(3)] + [f"{ROOT}/{i}" for i in ids]


def test_smartrecruiters_board_imports_and_builds_to_job_postings(tmp_path, monkeypatch):
    saved, _ = fetched_board(tmp_path, monkeypatch)
    site, reports = import_into_new_site(tmp_path, saved)
    assert [r.action for r in reports] == ["written"] * 3
    postings = built_postings(site, reports)
    intern = postings["intern-marketing-gtm-strategy-all-genders"]
    assert intern["title"] == "Intern Marketing & GTM Strategy (all genders)"
    assert intern["datePosted"] == "2026-09-04"
    assert intern["employmentType"] == "INTERN"
    assert intern["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Hamburg",
                                                "addressRegion": "HH", "addressCountry": "DE"}
    assert "baseSalary" not in intern and "jobLocationType" not in intern


def test_remote_posting_gets_telecommute_and_the_country_to_check(tmp_path, monkeypatch):
    saved, _ = fetched_board(tmp_path, monkeypatch)
    site, reports = import_into_new_site(tmp_path, saved)
    backend = built_postings(site, reports)["senior-backend-engineer-all-genders"]
    assert backend["jobLocationType"] == "TELECOMMUTE"
    assert backend["applicantLocationRequirements"] == {"@type": "Country", "name": "Germany"}
    [check] = [item for item in reports[2].to_fill if item.startswith("applicant_locations:")]
    assert "check where hires" in check


def test_job_ad_sections_become_the_body_and_apply_url_comes_from_the_postings_answer(tmp_path, monkeypatch):
    saved, _ = fetched_board(tmp_path, monkeypatch)
    _, reports = import_into_new_site(tmp_path, saved)
    text = reports[2].path.read_text(encoding="utf-8")
    assert "apply_url: https://jobs.smartrecruiters.com/ABOUTYOUGmbH/744000147556063?oga=true" in text
    assert text.index("## Company Description") < text.index("## Job Description") < text.index("## Qualifications")
    assert "**checkout**" in text


def test_a_listing_alone_says_its_job_ads_are_missing(tmp_path):
    _, reports = import_into_new_site(tmp_path, LISTING, kind="smartrecruiters")
    assert all(any(item.startswith("body: a postings list has no job ad") for item in r.to_fill) for r in reports)


def test_fetch_board_refuses_a_malformed_page(monkeypatch):
    with pytest.raises(SourceError, match="is not a SmartRecruiters postings response"):
        smartrecruiters.fetch_board("acme", lambda url: b'{"content": "none"}', "https://api.test")
    with pytest.raises(SourceError, match="is not valid JSON"):
        smartrecruiters.fetch_board("acme", lambda url: b"<html>", "https://api.test")


def test_fetch_board_refuses_a_board_that_ends_before_its_total(monkeypatch):
    monkeypatch.setattr(smartrecruiters, "PAGE_SIZE", 1)
    answers = board_answers(1)
    answers[f"{ROOT}?limit=1&offset=1"] = json.dumps({"totalFound": 3, "offset": 1, "limit": 1, "content": []}).encode()
    with pytest.raises(SourceError, match="says totalFound 3 but its page at offset 1 is empty"):
        smartrecruiters.fetch_board("ABOUTYOUGmbH", fake_get(answers, []), "https://api.test")
