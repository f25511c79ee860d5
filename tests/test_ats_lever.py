"""Lever postings answers (public v0 and authenticated v1) -> postings, and fetching a public
board page by page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careersite.importers import PASSED_OVER, SKIPPED, lever
from careersite.importers.draft import SourceError

from ats_site import addresses, base_salary, import_and_build

SAMPLES = Path(__file__).parent / "ats_samples" / "lever"
DOCUMENTED = SAMPLES / "documented-fields.json"
V0 = SAMPLES / "recorded-shaped-v0.json"
V1 = SAMPLES / "recorded-shaped-v1.json"


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_documented_fields_build_with_salary_location_and_date(tmp_path):
    reports, postings = import_and_build(tmp_path, DOCUMENTED)
    [posting] = postings.values()
    assert base_salary(posting) == ("USD", 90000, 120000, "YEAR")
    assert addresses(posting) == [{"addressLocality": "San Francisco", "addressRegion": "CA", "addressCountry": "US"}]
    assert posting["datePosted"] == "2026-11-19" and posting["employmentType"] == "FULL_TIME"
    assert posting["hiringOrganization"]["@type"] == "Organization"
    assert "<h2" in posting["description"] and "Close new business" in posting["description"]


def test_recorded_v0_board_builds_remote_hybrid_and_hourly(tmp_path):
    reports, postings = import_and_build(tmp_path, V0, kind="lever")
    engineer = postings["senior-rail-systems-engineer"]
    assert base_salary(engineer) == ("EUR", 65000, 82000, "YEAR")
    assert [a["addressLocality"] for a in addresses(engineer)] == ["Milan", "Turin"]
    technician = postings["field-technician-nights"]
    assert technician["jobLocationType"] == "TELECOMMUTE"
    assert technician["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    assert base_salary(technician) == ("USD", 31, 38, "HOUR") and technician["datePosted"] == "2026-11-17"
    assert "baseSalary" not in postings["grants-writer"]
    [writer] = [r for r in reports if r.path and r.path.stem == "grants-writer"]
    assert any("'one-time'" in item for item in writer.to_fill)


def test_v1_page_publishes_drafts_and_skips_by_state_and_says_there_is_more(tmp_path):
    reports, postings = import_and_build(tmp_path, V1)
    assert sorted(postings) == ["test-engineer"]  # the pending one is a draft: no public page
    assert base_salary(postings["test-engineer"]) == ("EUR", 48000, 58000, "YEAR")
    pending = next(r for r in reports if r.path and r.path.stem == "safety-assessor")
    assert "draft: true" in pending.path.read_text(encoding="utf-8")
    assert "draft: true (state 'pending' in Lever: not published there yet, so a draft here)" in pending.inferred
    passed_over = [r.message for r in reports if r.action == PASSED_OVER]  # Lever does not publish them either
    assert any("4c5d6e7f" in m and "closed in Lever" in m for m in passed_over)
    [more] = [r.message for r in reports if r.action == SKIPPED]  # a page not given: the import is not complete
    assert "hasNext is true" in more


def test_v1_single_posting_reads_content_and_urls():
    posting = load(V1)["data"][0]
    [draft] = lever.drafts({"data": posting}, "one.json")
    assert draft.body.startswith("Test Engineer at Ferrovia.\n\n## Benefits\n\n- Rail pass")
    assert draft.body.rstrip().endswith("We are an equal opportunity employer.")
    assert draft.fields["apply_url"].endswith("/apply") and draft.fields["updated"] == "2026-11-20T14:46:40+00:00"


def test_v1_internal_posting_is_skipped_and_an_unknown_state_becomes_a_draft():
    posting = load(V1)["data"][0]
    [internal] = lever.drafts({"data": dict(posting, state="internal")}, "one.json")
    assert "internal job site only" in internal.skipped
    [odd] = lever.drafts({"data": dict(posting, state="paused")}, "one.json")
    assert odd.fields["draft"] is True and any("a state careersite does not know" in i for i in odd.inferred)


def test_an_empty_v1_page_is_a_lever_answer():
    assert lever.looks_like({"data": [], "hasNext": False}) and lever.drafts({"data": []}, "x") == []


def page_answers(api: str, board: str, postings: list[dict]) -> dict[str, bytes]:
    """What the v0 API answers, page by page, for a board holding `postings`."""
    answers = {}
    for skip in range(0, len(postings) + 1, lever.PAGE):
        answers[f"{api}/v0/postings/{board}?mode=json&skip={skip}&limit={lever.PAGE}"] = json.dumps(postings[skip:skip + lever.PAGE]).encode()
    return answers


def test_fetch_board_pages_with_skip_and_limit_until_a_short_page():
    template = load(V0)[0]
    postings = [dict(template, id=f"posting-{n}") for n in range(lever.PAGE + 3)]
    asked = []
    answers = page_answers("https://lever.test", "ferrovia", postings)

    def get(url: str) -> bytes:
        asked.append(url)
        return answers[url]

    fetched = lever.fetch_board("ferrovia", get, "https://lever.test")
    assert [p["id"] for p in fetched] == [p["id"] for p in postings]
    assert asked == [f"https://lever.test/v0/postings/ferrovia?mode=json&skip={s}&limit={lever.PAGE}" for s in (0, lever.PAGE)]
    assert [d.source_id for d in lever.drafts(fetched, "ferrovia")][:2] == ["posting-0", "posting-1"]


def test_fetch_board_of_an_exactly_full_page_asks_once_more_and_stops_at_the_empty_one():
    postings = [dict(load(V0)[0], id=f"p{n}") for n in range(lever.PAGE)]
    fetched = lever.fetch_board("f", page_answers("https://lever.test", "f", postings).__getitem__, "https://lever.test")
    assert len(fetched) == lever.PAGE


def test_fetch_board_rejects_a_malformed_answer():
    url = f"https://lever.test/v0/postings/f?mode=json&skip=0&limit={lever.PAGE}"
    with pytest.raises(SourceError, match="is not a Lever postings response"):
        lever.fetch_board("f", {url: b'{"ok": false, "error": "Document not found"}'}.__getitem__, "https://lever.test")
    with pytest.raises(SourceError, match="not valid JSON"):
        lever.fetch_board("f", {url: b"<html>"}.__getitem__, "https://lever.test")


def test_the_eu_instance_is_named_where_the_api_root_is():
    assert lever.API == "https://api.lever.co" and "api.eu.lever.co" in lever.fetch_board.__doc__
