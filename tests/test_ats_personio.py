"""Personio XML feeds -> postings: imported into a new site, built, and read back; a feed with a
DOCTYPE or entities is refused; offices careersite cannot place are reported, never guessed."""

from __future__ import annotations

import pytest
import yaml

from ats_site import SAMPLES, built_postings, fake_get, import_into_new_site
from careersite.cli import main
from careersite.importers import FAILED, personio
from careersite.importers.draft import SourceError
from careersite.problems import ContentError

CPS_IT = SAMPLES / "personio" / "cps-it-multiple-positions.xml"
KORO = SAMPLES / "personio" / "plin-code-koro-jobs.xml"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<workzag-jobs><position><id>1</id><name>&lol2;</name></position></workzag-jobs>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE workzag-jobs [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<workzag-jobs><position><id>1</id><name>&secret;</name></position></workzag-jobs>"""
BARE_DOCTYPE = b"""<?xml version="1.0"?><!DOCTYPE workzag-jobs><workzag-jobs></workzag-jobs>"""


def test_personio_feed_imports_and_builds_to_job_postings(tmp_path):
    site, reports = import_into_new_site(tmp_path, KORO)
    assert [r.action for r in reports] == ["written", "written"]
    fill_in_location(reports[1].path, {"city": "Frankfurt", "country": "DE"})  # as the report asks
    postings = built_postings(site, reports)
    manager = postings["senior-brand-manager"]
    assert manager["title"] == "Senior Brand Manager"
    assert manager["datePosted"] == "2026-04-10"
    assert manager["employmentType"] == "FULL_TIME"
    assert manager["jobLocation"]["address"]["addressLocality"] == "Berlin"
    assert manager["jobLocation"]["address"]["addressCountry"] == "DE"
    assert manager["identifier"]["value"] == "1234567"
    assert manager["experienceRequirements"]["monthsOfExperience"] == 36
    assert "baseSalary" not in manager and "jobLocationType" not in manager
    assert postings["regional-field-sales-manager"]["jobLocation"]["address"]["addressLocality"] == "Frankfurt"


def test_placeholder_text_in_a_feed_is_not_published(tmp_path):
    site, reports = import_into_new_site(tmp_path, CPS_IT)  # its descriptions are 'Lorem ipsum'
    with pytest.raises(ContentError, match="Lorem ipsum"):
        built_postings(site, reports)


def fill_in_location(path, location: dict) -> None:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(front)
    path.write_text(f"---\n{yaml.safe_dump({**fields, 'locations': [location]})}---\n{body}", encoding="utf-8")


def test_job_descriptions_become_sections_under_their_names(tmp_path):
    _, reports = import_into_new_site(tmp_path, CPS_IT)
    text = reports[0].path.read_text(encoding="utf-8")
    assert "## Hello World!\n\n**Lorem ipsum dolor sit amet.**\n\n## See you soon!" in text
    assert "experience_months: 24" in text and "keywords: [Testing, QA, Fun]" in text


def test_offices_careersite_cannot_place_are_to_fill_in_without_a_guessed_country(tmp_path):
    _, reports = import_into_new_site(tmp_path, KORO)
    berlin, frankfurt = reports
    assert "{city: Berlin, country: DE" in berlin.path.read_text(encoding="utf-8")
    assert "locations" not in frankfurt.path.read_text(encoding="utf-8")
    offices = [item for item in frankfurt.to_fill if item.startswith("locations:")]
    assert len(offices) == 2 and "'Frankfurt'" in offices[0] and "'Lyon'" in offices[1]
    assert all("names no country" in item for item in offices)


def test_a_saved_feed_asks_for_the_job_url_it_does_not_have(tmp_path):
    _, reports = import_into_new_site(tmp_path, CPS_IT)
    assert "apply_url: a saved Personio feed has no job URL; write https://COMPANY.jobs.personio.de/job/1" in reports[0].to_fill


def test_an_empty_feed_holds_no_postings(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_bytes(b"<workzag-jobs></workzag-jobs>")  # a company with no open positions
    [report] = import_into_new_site(tmp_path, path)[1]
    assert report.action == "skipped" and "holds no postings" in report.message


@pytest.mark.parametrize("band, months", [("2-5", 24), ("10-15", 120), ("ht15", 180), ("lt-1", None), ("", None)])
def test_years_of_experience_band_counts_from_its_lower_end(band, months):
    [draft] = personio.drafts({"workzag-jobs": [{"id": "7", "name": "Analyst", "yearsOfExperience": band}]}, "feed.xml")
    assert draft.fields.get("experience_months") == months


@pytest.mark.parametrize("kind", ["personio", "auto"])
def test_import_command_reads_the_xml_feed(tmp_path, capsys, kind):
    site, _ = import_into_new_site(tmp_path)
    assert main(["import", str(CPS_IT), "--from", kind, "--source", str(site)]) == 0
    assert "wrote content/jobs/software-tester-f-m-x.md" in capsys.readouterr().out


@pytest.mark.parametrize("feed", [BOMB, EXTERNAL, BARE_DOCTYPE], ids=["entity-expansion", "external-entity", "doctype"])
def test_a_feed_with_a_doctype_or_entities_is_refused(tmp_path, feed):
    path = tmp_path / "feed.xml"
    path.write_bytes(feed)
    for kind in ("personio", "auto"):
        [report] = import_into_new_site(tmp_path / kind, path, kind=kind)[1]
        assert report.action == FAILED and "DOCTYPE or entity declaration" in report.message
        jobs = tmp_path / kind / "site" / "content" / "jobs"
        assert sorted(p.name for p in jobs.iterdir()) == ["customer-support-specialist.md", "software-engineer.md"]  # the starter's


def test_personio_fetch_board_asks_the_companys_feed_and_writes_job_urls():
    asked: list[str] = []
    get = fake_get({"https://acme.jobs.personio.de/xml": CPS_IT.read_bytes()}, asked)
    feed = personio.fetch_board("acme", get)
    assert asked == ["https://acme.jobs.personio.de/xml"]
    drafts = personio.drafts(feed, "sync")
    assert [d.source_id for d in drafts] == ["1", "2"]
    assert drafts[0].fields["apply_url"] == "https://acme.jobs.personio.de/job/1"


@pytest.mark.parametrize("board, body, message", [
    ("acme", b"<workzag-jobs><position>", "is not well-formed XML: no element found at line 1"),
    ("acme", b'<?xml version="1.0"?><rss><channel/></rss>', r"root element is <rss>"),
    ("acme", BOMB, "DOCTYPE or entity declaration"),
    ("acme.evil.example/x", b"", "is not a Personio company name"),
])
def test_personio_fetch_board_refuses_a_malformed_answer(board, body, message):
    with pytest.raises(SourceError, match=message):
        personio.fetch_board(board, lambda url: body)


@pytest.mark.parametrize("kind, schedule, expected", [
    ("permanent", "full-time", "full_time"), ("permanent", "part-time", "part_time"), ("intern", "full-time", "intern"),
    ("trainee", "", "intern"), ("freelance", "part-time", "contractor"), ("temporary", "full-time", "temporary"),
    ("permanent", "", None), ("working_student", "part-time", None),
])
def test_employment_type_and_schedule_give_one_employment_type_or_a_question(kind, schedule, expected):
    [draft] = personio.drafts({"workzag-jobs": [{"id": "7", "name": "Analyst", "employmentType": kind, "schedule": schedule}]}, "feed.xml")
    assert draft.fields.get("employment_type") == expected
    assert any(item.startswith("employment_type:") for item in draft.to_fill) == (expected is None)
