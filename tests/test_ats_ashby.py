"""Ashby job posting API answers -> postings: compensation tiers (salary only from a Salary
component, the rest in the note), workplace, employment type, postal addresses, unlisted jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careersite.importers import PASSED_OVER, ashby, import_files
from careersite.importers.draft import SourceError

from ats_site import TODAY, addresses, base_salary, import_and_build

SAMPLES = Path(__file__).parent / "ats_samples" / "ashby"
DOCUMENTED = SAMPLES / "documented-sample.json"
RECORDED = SAMPLES / "recorded-shaped-board.json"


def board() -> dict:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_documented_sample_builds_with_salary_remote_and_locations(tmp_path):
    reports, postings = import_and_build(tmp_path, DOCUMENTED)
    [posting] = postings.values()
    assert base_salary(posting) == ("USD", 81000, 87000, "YEAR")
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert addresses(posting) == [{"addressLocality": "Houston", "addressRegion": "TX", "addressCountry": "US"},
                                  {"addressLocality": "San Francisco", "addressRegion": "CA", "addressCountry": "US"}]
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    assert posting["datePosted"] == "2021-04-30" and posting["employmentType"] == "FULL_TIME"
    assert posting["hiringOrganization"]["@type"] == "Organization"


def test_documented_sample_keeps_equity_and_bonus_as_the_salary_note():
    [draft] = ashby.drafts(json.loads(DOCUMENTED.read_text(encoding="utf-8")), "sample.json")
    assert draft.fields["salary"] == {"min": 81000, "max": 87000, "currency": "USD", "unit": "year", "note": "+ equity 0.5% – 1.75%, Offers Bonus"}


def test_recorded_board_builds_and_skips_the_unlisted_job(tmp_path):
    reports, postings = import_and_build(tmp_path, RECORDED, kind="ashby")
    assert sorted(postings) == ["customer-operations-associate", "risk-analyst", "staff-software-engineer-payments"]
    [skipped] = [r for r in reports if r.action == PASSED_OVER]  # said, but the import is complete
    assert "0b9d3a47" in skipped.message and "isListed is false" in skipped.message
    assert all(r.expected for r in reports)
    staff = postings["staff-software-engineer-payments"]
    assert base_salary(staff) == ("USD", 195000, 250000, "YEAR") and staff["datePosted"] == "2026-11-04"
    assert len(addresses(staff)) == 2 and "jobLocationType" not in staff
    remote = postings["customer-operations-associate"]
    assert remote["jobLocationType"] == "TELECOMMUTE" and base_salary(remote) == ("USD", 24, 28, "HOUR")
    assert remote["applicantLocationRequirements"] == {"@type": "Country", "name": "United States"}
    risk = postings["risk-analyst"]
    assert base_salary(risk) == ("GBP", 550, 650, "DAY") and risk["employmentType"] == "CONTRACTOR"
    assert addresses(risk) == [{"addressLocality": "London", "addressRegion": "ENG", "addressCountry": "GB"}]


def test_several_compensation_tiers_give_the_widest_and_ask_for_a_check():
    draft = ashby.drafts(board(), "board.json")[0]
    assert "(tiers: New York $210,000 – $250,000 per year; Seattle $195,000 – $235,000 per year)" in draft.fields["salary"]["note"]
    assert any(item.startswith("salary: the posting has 2 compensation tiers") for item in draft.to_fill)


def test_salary_comes_only_from_a_salary_component():
    job = board()["jobs"][0]
    job["compensation"]["compensationTiers"] = [{"title": "Zone A", "components": [
        {"compensationType": "EquityCashValue", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 20000, "maxValue": 40000, "summary": "$20K – $40K"}]}]
    [draft] = ashby.drafts(job, "job.json")
    assert "salary" not in draft.fields
    assert any("no Salary component" in item for item in draft.to_fill)


def test_a_salary_interval_careersite_cannot_state_is_reported():
    job = board()["jobs"][1]
    job["compensation"]["compensationTiers"][0]["components"][0]["interval"] = "2 WEEK"
    [draft] = ashby.drafts(job, "job.json")
    assert "salary" not in draft.fields and any("per '2 WEEK'" in item for item in draft.to_fill)


@pytest.mark.parametrize("kind, expected", [("FullTime", "full_time"), ("PartTime", "part_time"), ("Intern", "intern"),
                                            ("Contract", "contractor"), ("Temporary", "temporary")])
def test_employment_types(kind, expected):
    [draft] = ashby.drafts(dict(board()["jobs"][0], employmentType=kind), "job.json")
    assert draft.fields["employment_type"] == expected


def test_an_unknown_employment_type_is_reported():
    [draft] = ashby.drafts(dict(board()["jobs"][0], employmentType="Seasonal"), "job.json")
    assert "employment_type" not in draft.fields and any("'Seasonal' is none of FullTime" in i for i in draft.to_fill)


def test_is_remote_alone_makes_the_posting_remote():
    job = dict(board()["jobs"][2], isRemote=True)
    del job["workplaceType"]
    [draft] = ashby.drafts(job, "job.json")
    assert draft.fields["workplace"] == "remote" and draft.fields["applicant_locations"] == ["GB"]


def test_import_from_ashby_and_auto_both_read_an_ashby_answer(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "jobs").mkdir(parents=True)
    for kind in ("ashby", "auto"):
        reports = import_files([DOCUMENTED], kind, site, True, TODAY)
        assert [r.ok for r in reports] == [True]


def test_fetch_board_asks_for_compensation_and_rejects_a_malformed_answer():
    url = "https://ashby.test/posting-api/job-board/kestrel%20pay?includeCompensation=true"
    answer = RECORDED.read_bytes()
    assert ashby.fetch_board("kestrel pay", {url: answer}.__getitem__, "https://ashby.test") == json.loads(answer)
    with pytest.raises(SourceError, match="is not an Ashby job board response"):
        ashby.fetch_board("kestrel pay", {url: b'{"apiVersion": "1", "jobs": {"title": "x"}}'}.__getitem__, "https://ashby.test")
    with pytest.raises(SourceError, match="not valid JSON"):
        ashby.fetch_board("kestrel pay", {url: b"<!doctype html>"}.__getitem__, "https://ashby.test")


def test_an_unknown_json_shape_names_the_shapes_careersite_knows_and_how_to_choose(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('{"positions": [{"name": "Engineer"}]}', encoding="utf-8")
    [report] = import_files([path], "auto", tmp_path, False, TODAY)
    assert not report.ok
    for known in ("Greenhouse (", "Lever (", "Ashby (", "--from greenhouse|lever|ashby", "--from markdown"):
        assert known in report.message


def test_the_command_line_imports_from_ashby(tmp_path, capsys):
    from careersite.cli import main
    from careersite.scaffold import init_site

    init_site(tmp_path / "site", TODAY)
    assert main(["import", "--from", "ashby", "--source", str(tmp_path / "site"), str(DOCUMENTED)]) == 0
    assert "content/jobs/product-manager.md" in capsys.readouterr().out


def test_summary_components_give_the_salary_when_there_are_no_tiers():
    job = json.loads(DOCUMENTED.read_text(encoding="utf-8"))["jobs"][0]
    job["compensation"]["compensationTiers"] = []
    [draft] = ashby.drafts(job, "job.json")
    assert draft.fields["salary"] == {"min": 81000, "max": 87000, "currency": "USD", "unit": "year", "note": "+ equity, bonus"}


def test_an_unlisted_job_is_said_but_the_command_line_import_succeeds(tmp_path, capsys):
    from careersite.cli import main
    from careersite.scaffold import init_site

    init_site(tmp_path / "site", TODAY)
    assert main(["import", "--from", "ashby", "--source", str(tmp_path / "site"), str(RECORDED)]) == 0
    out = capsys.readouterr().out
    assert "isListed is false" in out
