"""careersite import: Markdown, Greenhouse and Lever postings -> posting files careersite reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from careersite.config import load_config
from careersite.frontmatter_yaml import split_document
from careersite.importers import FAILED, REPLACED, SKIPPED, WRITTEN, import_files, summary
from careersite.places import parse_places
from careersite.importers.values import employment_types, experience_months, salary
from careersite.importers.write import front_matter
from careersite.markdown import render_markdown
from careersite.posting import Location, Salary
from careersite.posting_file import read_posting
from careersite.problems import Problems

from conftest import build_site, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "import"
EXAMPLE = FIXTURES / "senior-backend-engineer.md"
GREENHOUSE = FIXTURES / "greenhouse-board.json"
LEVER = FIXTURES / "lever-postings.json"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {})


def run(site: Path, *paths: Path, kind: str = "auto", force: bool = False):
    return import_files(list(paths), kind, site, force, TODAY)


def read(site: Path, report):
    """The imported file as careersite reads it, with the problems it has."""
    problems = Problems()
    config = load_config(site, problems)
    posting = read_posting(report.path, report.path.name, config, problems)
    return posting, [str(p) for p in problems.items]


def valid(site: Path, report):
    posting, problems = read(site, report)
    assert problems == [], "\n".join(problems)
    return posting


def write_source(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- Markdown -----------------------------------------------------------------------------------


def test_example_posting_imports_with_fields_from_its_labelled_block(site):
    [report] = run(site, EXAMPLE)
    assert report.action == WRITTEN and report.path == site / "content/jobs/senior-software-engineer-backend-infrastructure.md"
    posting = valid(site, report)
    assert posting.title == "Senior Software Engineer - Backend/Infrastructure"
    assert posting.salary == Salary(currency="USD", unit="year", min=160000, max=240000, note="+ equity")  # kept, not dropped
    assert posting.employment_types == ("full_time",)
    assert posting.workplace == "remote" and posting.applicant_locations == ("US",)
    assert posting.locations == (Location("San Francisco", "US", "CA", name="San Francisco Bay Area"),)  # the area, not narrowed
    assert posting.experience_months == 72
    assert posting.date_posted == TODAY
    assert "Kubernetes" in posting.keywords and "Technical Leadership" in posting.keywords
    for level_or_degree in ("Senior", "Lead", "Staff Engineer", "Master's Degree"):
        assert level_or_degree not in posting.keywords


def test_example_body_is_the_source_without_title_keywords_and_labelled_block(site):
    [report] = run(site, EXAMPLE)
    posting = valid(site, report)
    source = EXAMPLE.read_text(encoding="utf-8")
    start = source.index("## Company Overview")
    end = source.index("## Keywords for Matching")
    assert posting.body == source[start:end].rstrip("\n") + "\n"
    assert "- **Languages:** Python, Java, Go, Scala" in posting.body  # bold list items are not labels


def test_example_report_says_what_was_inferred_and_what_to_fill_in(site):
    [report] = run(site, EXAMPLE)
    inferred = "\n".join(report.inferred)
    assert "salary: 160000-240000 USD per year, note '+ equity' (from '$160,000 - $240,000 + equity')" in inferred
    assert "left out as level or degree words, not skills: Senior, Lead, Staff Engineer, Master's Degree" in inferred
    assert "experience_months: 72 (from 'Senior (6+ years)')" in inferred
    assert "workplace: remote" in inferred and "applicant_locations: US" in inferred
    fields = [item.split(":")[0] for item in report.to_fill]
    assert fields == ["date_posted", "department"]  # apply_url comes from the site's [defaults]
    assert "2026-11-25" in report.to_fill[0]


def test_labelled_lines_that_are_not_understood_stay_in_the_body(site, tmp_path):
    source = write_source(tmp_path, "designer.md", (
        "# Product Designer\n"
        "**Location:** Berlin, Germany  \n"
        "**Reports to:** Head of Design  \n"
        "**Salary:** Competitive\n"
        "\n---\n\n"
        "## About the role\n\nYou design things.\n"
    ))
    [report] = run(site, source)
    posting = valid(site, report)
    assert posting.locations == (Location("Berlin", "DE", "BE"),)
    assert posting.salary is None
    assert posting.body == "**Reports to:** Head of Design  \n**Salary:** Competitive\n\n---\n\n## About the role\n\nYou design things.\n"
    assert [item for item in report.to_fill if item.startswith("salary")] == [
        "salary: 'Competitive' is not an amount or range with a currency; write {min: ..., max: ..., currency: USD}"]


def test_places_that_are_not_iso_countries_are_reported_not_guessed(site, tmp_path):
    source = write_source(tmp_path, "sre.md", "# Site Reliability Engineer\n\nKeep it up.\n\n**Location:** Remote (EMEA)\n**Employment Type:** Contract\n")
    [report] = run(site, source)
    text = report.path.read_text(encoding="utf-8")
    assert "workplace: remote" in text and "applicant_locations" not in text
    assert "**Location:** Remote (EMEA)" in text  # kept for the human who fills it in
    assert any("'EMEA'" in item for item in report.to_fill)
    assert any(item.startswith("applicant_locations: needed for a remote posting") for item in report.to_fill)
    _, problems = read(site, report)
    assert any("applicant_locations: missing" in p for p in problems)


def test_a_file_with_front_matter_is_not_imported_again(site, tmp_path):
    [report] = run(site, write_source(tmp_path, "done.md", "---\ntitle: Done\n---\nBody\n"))
    assert report.action == FAILED and "already has front matter" in report.message
    assert not (site / "content/jobs/done.md").exists()


# --- Greenhouse ---------------------------------------------------------------------------------


def test_greenhouse_board_imports_to_valid_postings(site):
    reports = run(site, GREENHOUSE)
    assert [r.action for r in reports] == [WRITTEN] * 4
    postings = {r.path.name: valid(site, r) for r in reports}
    assert sorted(postings) == ["product-designer-growth.md", "senior-data-engineer.md", "software-engineer-eng-221.md", "software-engineer.md"]
    data = postings["senior-data-engineer.md"]
    assert (data.id, data.department, data.employment_types) == ("DATA-104", "Engineering", ("full_time",))
    assert data.locations == (Location("San Francisco", "US", "CA"),)
    assert data.date_posted == dt.date(2026, 11, 2)
    assert data.updated == dt.datetime(2026, 11, 18, 16, 42, 7, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert data.apply_url == "https://boards.greenhouse.io/northwind/jobs/4012345"
    designer = postings["product-designer-growth.md"]
    assert designer.title == "Product Designer: Growth" and designer.id == "4012388"  # no requisition id: the post id
    assert (designer.workplace, designer.applicant_locations) == ("remote", ("US",))
    assert postings["software-engineer-eng-221.md"].locations == (Location("Toronto", "CA", "ON"),)


def test_greenhouse_content_is_unescaped_sanitised_and_converted(site):
    reports = run(site, GREENHOUSE)
    body = valid(site, reports[0]).body
    assert "## What you'll do" in body
    assert "- Partner with analysts on:\n  - event schemas\n  - SLAs for freshness (&lt; 15 minutes)" in body
    assert "1. 5+ years building batch **and** streaming pipelines" in body
    assert "R&D-heavy manufacturers & their suppliers" in body
    assert "[our engineering blog](https://northwind.example/blog/data-stack)" in body
    assert "&lt;p&gt;" not in body and "<p>" not in body and "trackView" not in body
    html = render_markdown(body)
    assert "SLAs for freshness (&lt; 15 minutes)" in html and "<script" not in html


def test_greenhouse_single_job_object_and_unknown_location(site, tmp_path):
    board = json.loads(GREENHOUSE.read_text(encoding="utf-8"))
    job = dict(board["jobs"][0], location={"name": "Remote - EMEA"}, offices=[], metadata=None, first_published=None)
    [report] = run(site, write_source(tmp_path, "one-job.json", json.dumps(job)), kind="greenhouse")
    assert report.action == WRITTEN
    text = report.path.read_text(encoding="utf-8")
    assert "workplace: remote" in text and "applicant_locations" not in text and "locations" not in text
    assert f"date_posted: {TODAY.isoformat()}" in text
    to_fill = "\n".join(report.to_fill)
    assert "'EMEA'" in to_fill and "date_posted: set to today" in to_fill and "employment_type" in to_fill


# --- Lever --------------------------------------------------------------------------------------


def test_lever_postings_import_to_valid_postings(site):
    reports = run(site, LEVER)
    assert [r.action for r in reports] == [WRITTEN, WRITTEN]
    staff, support = (valid(site, r) for r in reports)
    assert staff.title == "Staff Engineer, Platform" and staff.id == "5f0c2a1e-8d2b-4c1a-9b7e-1a2b3c4d5e6f"
    assert (staff.department, staff.team, staff.workplace) == ("Engineering", "Platform", "hybrid")
    assert staff.locations == (Location("Berlin", "DE", "BE"), Location("Munich", "DE", "BY"))
    assert staff.salary == Salary(currency="EUR", unit="year", min=95000, max=125000)
    assert staff.date_posted == dt.date(2026, 11, 19)
    assert staff.apply_url.endswith("/apply")
    assert support.title == 'Support Specialist "Night Shift"'
    assert support.salary == Salary(currency="USD", unit="hour", min=24, max=30)
    assert (support.employment_types, support.workplace, support.applicant_locations) == (("part_time",), "remote", ("US",))


def test_lever_body_is_opening_description_lists_then_additional(site):
    [staff, _] = run(site, LEVER)
    body = valid(site, staff).body
    order = ["Northwind moves freight", "As a **Staff Engineer**", "## What you'll do", "- Own the roadmap for CI, deploys & observability",
             "## What you bring", "a bias for *boring* technology", "salary range is for candidates based in Germany",
             "[talent@northwind.example](mailto:talent@northwind.example)"]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)


# --- writing: never overwrite without force, and YAML that reads back ---------------------------


def test_reimport_without_force_keeps_the_file_and_says_so(site):
    [first] = run(site, EXAMPLE)
    first.path.write_text(first.path.read_text(encoding="utf-8").replace("department", "x") + "edited\n", encoding="utf-8")
    edited = first.path.read_bytes()
    [again] = run(site, EXAMPLE)
    assert again.action == SKIPPED and again.path == first.path
    assert "content/jobs/senior-software-engineer-backend-infrastructure.md already exists" in again.message and "--force" in again.message
    assert first.path.read_bytes() == edited
    assert summary([again]) == "Imported 0 postings; 1 skipped."


def test_reimport_with_force_replaces_the_file(site):
    [first] = run(site, EXAMPLE)
    original = first.path.read_bytes()
    first.path.write_text("edited\n", encoding="utf-8")
    [again] = run(site, EXAMPLE, force=True)
    assert again.action == REPLACED and "replaced content/jobs/senior-software-engineer-backend-infrastructure.md" in again.message
    assert first.path.read_bytes() == original


def test_an_existing_file_with_another_spelling_of_the_slug_counts_as_existing(site):
    (site / "content/jobs/Senior-Software-Engineer-Backend-Infrastructure.md").write_text("mine\n", encoding="utf-8")
    [report] = run(site, EXAMPLE)
    assert report.action == SKIPPED and report.path.name == "Senior-Software-Engineer-Backend-Infrastructure.md"


TRICKY = [
    "Engineer: Backend", 'The "Best" Engineer', "O'Brien's Assistant", "#1 Fan Engineer", "* Star Engineer",
    "C# Developer", "- Dash Lead", "@Mentions Engineer", "yes", "ON", "2026-01-01", "123", "null", "~",
    "[Brackets] & {Braces}", "!Important", "%Percent", "| Pipe", "> Quote", "Ingénieur·e Données", "Key: value # comment",
    "'Quoted'", "Trailing colon:", "&anchor", "St. John's, NL", "Zürich: HQ, {Kreis 5}", "a, b: [c]",
]


@pytest.mark.parametrize("title", TRICKY)
def test_tricky_titles_round_trip_through_front_matter(title):
    fields = {"title": title, "department": title, "locations": [{"city": title, "country": "DE"}], "keywords": [title, "Go"]}
    text = "---\n" + front_matter(fields) + "---\nBody\n"
    assert split_document(text).data == fields


@pytest.mark.parametrize("title", ["Engineer: Backend", 'The "Best" Engineer', "* Star Engineer", "C# Developer", "2026-01-01"])
def test_tricky_titles_from_an_ats_give_valid_postings(site, tmp_path, title):
    posting = json.loads(LEVER.read_text(encoding="utf-8"))[0]
    [report] = run(site, write_source(tmp_path, "p.json", json.dumps(dict(posting, text=title))))
    assert valid(site, report).title == title


def test_imported_postings_build_into_a_site(site):
    reports = run(site, EXAMPLE, GREENHOUSE, LEVER)
    assert all(r.ok for r in reports)
    build_site(site)
    pages = sorted(p.parent.name for p in (site / "output/jobs").glob("*/index.html"))
    assert pages == sorted(r.path.stem for r in reports)


# --- input files that cannot be imported --------------------------------------------------------


def test_bad_inputs_are_reported_not_raised(site, tmp_path):
    broken = write_source(tmp_path, "broken.json", '{"jobs": [')
    other = write_source(tmp_path, "other.json", '{"positions": []}')
    empty = write_source(tmp_path, "empty.json", "[]")
    reports = run(site, broken, other, empty, tmp_path / "missing.md", GREENHOUSE.with_name("nope.json"))
    assert [r.action for r in reports] == [FAILED, FAILED, SKIPPED, FAILED, FAILED]
    assert "is not valid JSON" in reports[0].message
    assert "is not a job board response careersite recognises" in reports[1].message
    assert "holds no postings" in reports[2].message
    [wrong] = run(site, LEVER, kind="greenhouse")
    assert wrong.action == FAILED and "is not a Greenhouse job board response" in wrong.message


# --- reading values out of prose ----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("$160,000 - $240,000 + equity", {"min": 160000, "max": 240000, "currency": "USD", "unit": "year", "note": "+ equity"}),
    ("$100k base + bonus", {"value": 100000, "currency": "USD", "unit": "year", "note": "+ bonus"}),
    ("$120,000 USD annually", {"value": 120000, "currency": "USD", "unit": "year"}),
    ("€60.000 – €80.000", {"min": 60000, "max": 80000, "currency": "EUR", "unit": "year"}),
    ("£45k-£55k", {"min": 45000, "max": 55000, "currency": "GBP", "unit": "year"}),
    ("$80-100k", {"min": 80000, "max": 100000, "currency": "USD", "unit": "year"}),
    ("CAD 90,000 to 110,000 per year", {"min": 90000, "max": 110000, "currency": "CAD", "unit": "year"}),
    ("$45/hr", {"value": 45, "currency": "USD", "unit": "hour"}),
    ("$28.50 per hour", {"value": 28.5, "currency": "USD", "unit": "hour"}),
    ("Competitive", None),
    ("Up to $200,000", None),
    ("120,000", None),
])
def test_salary_text(text, expected):
    assert salary(text) == expected


@pytest.mark.parametrize("text, months", [("Senior (6+ years)", 72), ("3-5 years", 36), ("18 months", 18), ("Senior", None)])
def test_experience_text(text, months):
    assert experience_months(text) == months


@pytest.mark.parametrize("text, types", [("Full-time", ["full_time"]), ("Full Time or Contract", ["full_time", "contractor"]),
                                         ("Internship", ["intern"]), ("Permanent", [])])
def test_employment_text(text, types):
    assert employment_types(text) == types


@pytest.mark.parametrize("text, workplace, locations, applicants, unresolved", [
    ("Remote (US) or San Francisco Bay Area", "remote", [("San Francisco", "US", "CA")], ["US"], []),
    ("Austin, TX", "", [("Austin", "US", "TX")], [], []),
    ("Atlanta, GA", "", [("Atlanta", "US", "GA")], [], []),  # GA after a city is Georgia, not Gabon
    ("London, ON", "", [("London", "CA", "ON")], [], []),
    ("Lyon, France", "", [("Lyon", "FR", "")], [], []),
    ("Hybrid - London", "hybrid", [("London", "GB", "")], [], []),
    ("Remote (US, Canada)", "remote", [], ["US", "CA"], []),
    ("Remote (US and Canada) or Berlin", "remote", [("Berlin", "DE", "BE")], ["US", "CA"], []),
    ("Remote - California", "remote", [], ["US-CA"], []),
    ("Remote, Europe", "remote", [], [], ["Europe"]),
    ("Springfield", "", [], [], ["Springfield"]),
    ("Denver, CO", "", [("Denver", "US", "CO")], [], []),  # not Colombia
    ("Berlin, DE", "", [("Berlin", "DE", "BE")], [], []),
    ("Wilmington, DE", "", [], [], ["Wilmington, DE"]),  # Delaware or Germany: a human decides
    ("Remote (CA)", "remote", [], [], ["CA"]),  # California or Canada
])
def test_place_text(text, workplace, locations, applicants, unresolved):
    places = parse_places(text)
    assert places.workplace == workplace
    assert [(loc["city"], loc["country"], loc.get("region", "")) for loc in places.locations] == locations
    assert places.applicant_locations == applicants
    assert places.unresolved == unresolved


def test_ambiguous_place_codes_are_reported_with_the_choices():
    places = parse_places("Wilmington, DE")
    assert places.reasons["Wilmington, DE"] == ("'Wilmington, DE': DE is both Delaware (US-DE) and Germany; "
                                                "write 'Wilmington, DE, US' or 'Wilmington, Germany'")
    assert parse_places("Remote (CA)").reasons["CA"] == ("CA is both California (US-CA) and Canada; "
                                                         "write applicant_locations: [US-CA] or [CA]")


def test_an_ambiguous_location_line_goes_to_fill_in_with_the_choices(site, tmp_path):
    source = write_source(tmp_path, "clerk.md", "# Clerk\n\nFile things.\n\n**Location:** Wilmington, DE\n")
    [report] = run(site, source)
    assert "locations: 'Wilmington, DE': DE is both Delaware (US-DE) and Germany; write 'Wilmington, DE, US' or 'Wilmington, Germany'" in report.to_fill
    assert "**Location:** Wilmington, DE" in report.path.read_text(encoding="utf-8")


# --- file names, plain labels, areas, salary notes, skills ---------------------------------------

EXPORT = (
    "# Barista\n"
    "\n"
    "Employment Type: Part-time\n"
    "Location: Austin, TX\n"
    "Salary: $18 - $22 per hour\n"
    "\n"
    "## About the role\n"
    "\n"
    "We pour coffee.\n"
    "Team: we are five people and we love it\n"
    "\n"
    "Department: we share tips.\n"
    "\n"
    "- Department: Not a label inside a list\n"
    "\n"
    "```\n"
    "Location: Berlin, DE\n"
    "```\n"
)


def test_an_export_file_name_is_not_the_url_the_title_is(site, tmp_path):
    [report] = run(site, write_source(tmp_path, "000_92653c8719c67506.txt", EXPORT))
    assert report.action == WRITTEN and report.path == site / "content/jobs/barista.md"
    [again] = run(site, write_source(tmp_path, "001_ffff.txt", EXPORT))
    assert again.action == SKIPPED and "content/jobs/barista.md already exists" in again.message  # never overwritten
    untitled = write_source(tmp_path, "notes_7.md", "Location: Berlin, DE\n\nSome text.\n")
    [fallback] = run(site, untitled)
    assert fallback.path.name == "notes-7.md"  # no title: the file's name is all there is


def test_plain_label_lines_are_read_like_bold_ones_but_not_in_prose_lists_or_code(site, tmp_path):
    [report] = run(site, write_source(tmp_path, "000_92653c8719c67506.txt", EXPORT))
    posting = valid(site, report)
    assert posting.employment_types == ("part_time",)
    assert posting.locations == (Location("Austin", "US", "TX"),)
    assert posting.salary == Salary(currency="USD", unit="hour", min=18, max=22)
    assert posting.team == "" and posting.department == ""
    assert "Employment Type:" not in posting.body and "Salary:" not in posting.body
    for kept in ("Team: we are five people", "Department: we share tips.", "- Department: Not a label", "Location: Berlin, DE"):
        assert kept in posting.body


def test_an_area_is_kept_as_the_location_name_on_the_page_and_in_json_ld(site):
    from careersite.formatting import locations_text
    from careersite.jsonld import job_posting

    [report] = run(site, EXAMPLE)
    posting = valid(site, report)
    assert 'name: San Francisco Bay Area' in report.path.read_text(encoding="utf-8")
    assert "locations: San Francisco Bay Area (San Francisco, CA, US) (from 'Remote (US) or San Francisco Bay Area')" in report.inferred
    assert locations_text(posting) == "San Francisco Bay Area, CA, United States · Remote (United States)"
    place = job_posting(posting, "", load_config(site, Problems()))["jobLocation"]
    assert place == {"@type": "Place", "name": "San Francisco Bay Area",
                     "address": {"@type": "PostalAddress", "addressLocality": "San Francisco", "addressRegion": "CA", "addressCountry": "US"}}
    assert posting.locations[0].label == "San Francisco, CA, United States"  # listings still group by city


def test_a_salary_note_is_shown_with_the_salary_but_not_in_json_ld(site):
    from careersite.formatting import salary_text
    from careersite.jsonld import job_posting

    [report] = run(site, EXAMPLE)
    posting = valid(site, report)
    assert salary_text(posting.salary) == "$160,000 – $240,000 per year + equity"
    assert "equity" not in json.dumps(job_posting(posting, "", load_config(site, Problems()))["baseSalary"])


def test_greenhouse_fetch_board_adds_each_jobs_own_answer_with_its_pay_ranges():
    from careersite.importers import greenhouse
    from careersite.importers.draft import SourceError

    board = json.loads(GREENHOUSE.read_text())
    first = board["jobs"][0]
    pay = {"pay_input_ranges": [{"min_cents": 12000000, "max_cents": 15000000, "currency_type": "USD", "title": "Pay"}]}
    answers = {"https://api.test/v1/boards/acme%20co/jobs?content=true": json.dumps(board).encode()}
    for job in board["jobs"]:
        answers[f"https://api.test/v1/boards/acme%20co/jobs/{job['id']}?pay_transparency=true"] = json.dumps(
            {**job, **(pay if job is first else {})}).encode()
    asked = []

    def get(url: str) -> bytes:
        asked.append(url)
        return answers[url]

    fetched = greenhouse.fetch_board("acme co", get, "https://api.test")
    assert asked[0].endswith("/jobs?content=true") and len(asked) == 1 + len(board["jobs"])
    assert fetched["jobs"][0]["pay_input_ranges"] == pay["pay_input_ranges"]
    assert [d.source_id for d in greenhouse.drafts(fetched, "acme")] == [str(job["id"]) for job in board["jobs"]]
    with pytest.raises(SourceError, match="not valid JSON"):
        greenhouse.fetch_board("acme co", lambda url: b"<html>", "https://api.test")


def test_every_vendor_module_named_follows_the_vendor_protocol():
    from careersite.import_formats import ATS_NAMES
    from careersite.importers.vendors import VENDORS

    assert tuple(VENDORS) == ATS_NAMES
    for name, vendor in VENDORS.items():
        assert vendor.__name__ == f"careersite.importers.{name}"
        for attribute in ("NAME", "WHAT", "API", "looks_like", "drafts", "fetch_board"):
            assert hasattr(vendor, attribute), (name, attribute)


# --- postings of other static sites (Jekyll, Hugo, Gatsby, Eleventy) ------------------------------


def front(report) -> dict:
    return split_document(report.path.read_text(encoding="utf-8")).data


JEKYLL_POSTING = """\
---
layout: job
permalink: /jobs/backend/
job_title: Backend Engineer
location: Berlin, Germany
employment_type: Full-time
salary: "€70,000 - €90,000"
apply_url: https://boards.greenhouse.io/acme/jobs/123
team: Platform
tags: [Python, PostgreSQL]
expires: 2027-01-31
date: 2026-11-02
hiring_manager: Ada
---
We build the platform.
"""


def test_foreign_front_matter_keys_are_mapped_and_the_report_says_from_which_key(site, tmp_path):
    [report] = run(site, write_source(tmp_path, "backend.md", JEKYLL_POSTING))
    assert report.action == WRITTEN and report.path.name == "backend.md"
    posting = valid(site, report)
    assert (posting.title, posting.team, posting.employment_types) == ("Backend Engineer", "Platform", ("full_time",))
    assert posting.locations == (Location(city="Berlin", region="BE", country="DE"),)
    assert posting.salary == Salary(min=70000, max=90000, currency="EUR", unit="year")
    assert posting.apply_url == "https://boards.greenhouse.io/acme/jobs/123"
    assert (posting.date_posted, posting.valid_through) == (dt.date(2026, 11, 2), dt.date(2027, 1, 31))
    assert posting.keywords == ("Python", "PostgreSQL")
    assert "title: 'Backend Engineer' [front matter job_title]" in report.inferred
    assert any(line.startswith("salary: 70000-90000 EUR per year") and line.endswith("[front matter salary]") for line in report.inferred)
    data = front(report)
    assert data["imported"] == {"from": "backend.md", "fields": {"hiring_manager": "Ada"}}
    assert "dropped (only the old site's templates used them): layout: job; permalink: /jobs/backend/" in report.notes


def test_a_foreign_value_not_understood_is_to_fill_in_and_kept_not_guessed(site, tmp_path):
    text = JEKYLL_POSTING.replace('salary: "€70,000 - €90,000"', "salary: Competitive").replace("employment_type: Full-time", "type: post")
    [report] = run(site, write_source(tmp_path, "backend.md", text))
    assert any(item.startswith("salary: 'Competitive' is not an amount") for item in report.to_fill)
    data = front(report)
    assert "salary" not in data and data["imported"]["fields"]["salary"] == "Competitive"
    assert data["imported"]["fields"]["type"] == "post" and "employment_type" not in data


def test_what_the_front_matter_lacks_is_read_from_body_lines_and_the_report_says_so(site, tmp_path):
    text = "---\ntitle: Designer\ndate: 2026-11-01\n---\n**Location:** Remote (US)\n**Salary:** $100k\n\nDesign things.\n"
    [report] = run(site, write_source(tmp_path, "designer.md", text))
    posting = valid(site, report)
    assert posting.workplace == "remote" and posting.applicant_locations == ("US",)
    assert any(line.startswith("salary: 100000 USD per year") and line.endswith("[body]") for line in report.inferred)
    assert "Location" not in report.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("tag", ["{% include apply-button.html %}", "{{< youtube dQw4w9WgXcQ >}}", "{{ site.email }}",
                                 "{% if page.remote %}remote{% endif %}", "{# a note #}"])
def test_template_tags_are_removed_and_listed(site, tmp_path, tag):
    text = f"---\ntitle: Designer\ndate: 2026-11-01\nlocation: Paris, France\n---\nBefore {tag} after.\n"
    [report] = run(site, write_source(tmp_path, "designer.md", text))
    body = report.path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "{" not in body and "Before" in body and "after." in body
    assert any(note.startswith("removed {") for note in report.notes)


def test_raw_blocks_keep_their_content_and_page_title_is_resolved(site, tmp_path):
    text = "---\ntitle: Designer\ndate: 2026-11-01\nlocation: Paris, France\n---\nWe are hiring a {{ page.title }}.\n\n{% raw %}Write {{ name }}{% endraw %}\n"
    [report] = run(site, write_source(tmp_path, "designer.md", text))
    body = report.path.read_text(encoding="utf-8")
    assert "We are hiring a Designer." in body and "Write {{ name }}" in body and "{% raw" not in body
    assert "resolved {{ page.title }} -> 'Designer'" in report.notes


def test_a_date_only_in_the_file_name_is_the_date_posted_and_not_in_the_slug(site, tmp_path):
    text = "---\nlayout: post\ntitle: Optician at Ace & Tate\nlocation: Amsterdam, Netherlands\n---\nJoin us.\n"
    [report] = run(site, write_source(tmp_path, "2019-03-06-ace-tate.md", text))
    assert report.path.name == "ace-tate.md"
    assert valid(site, report).date_posted == dt.date(2019, 3, 6)
    assert "date_posted: 2019-03-06 [the file name '2019-03-06-ace-tate.md']" in report.inferred


@pytest.mark.parametrize("created", ["!!timestamp '2018-05-07'", "2018-05-07", "'2018-05-07'", '"2018-05-07T09:30:00Z"'])
def test_yaml_1_1_values_are_read_as_the_old_site_read_them(site, tmp_path, created):
    text = f"---\ntitle: Support Agent\ncreated: {created}\nremote: No\nlocation: Lisbon, Portugal\narchived: true\n---\nHelp people.\n"
    [report] = run(site, write_source(tmp_path, "support.md", text))
    posting = valid(site, report)
    assert posting.date_posted == dt.date(2018, 5, 7) and posting.workplace == "onsite" and posting.draft
    assert "workplace: not remote [front matter remote: False]" in report.inferred
    assert any(line.startswith("draft: true [front matter archived: true]") for line in report.inferred)


@pytest.mark.parametrize("flag", ["published: false", "draft: true", "hidden: true", "status: closed"])
def test_a_posting_the_old_site_hid_becomes_a_draft(site, tmp_path, flag):
    text = f"---\ntitle: Support Agent\ndate: 2026-11-01\nlocation: Lisbon, Portugal\n{flag}\n---\nHelp people.\n"
    [report] = run(site, write_source(tmp_path, "support.md", text))
    assert valid(site, report).draft
    assert any(line.startswith(f"draft: true [front matter {flag}]") for line in report.inferred)


def test_a_folded_description_becomes_the_summary(site, tmp_path):
    text = "---\ntitle: Writer\ndate: 2026-11-01\nlocation: Dublin, Ireland\ndescription: >-\n  Write the docs\n  people read.\n---\nBody.\n"
    [report] = run(site, write_source(tmp_path, "writer.md", text))
    assert valid(site, report).summary == "Write the docs people read."


@pytest.mark.parametrize("marker", ["<!-- more -->", "<!--more-->", "<!-- break -->"])
def test_an_excerpt_marker_is_dropped_and_the_text_before_it_is_the_summary(site, tmp_path, marker):
    text = f"---\ntitle: Writer\ndate: 2026-11-01\nlocation: Dublin, Ireland\n---\nWrite the *docs* people read.\n\n{marker}\n\nThe rest.\n"
    [report] = run(site, write_source(tmp_path, "writer.md", text))
    assert valid(site, report).summary == "Write the docs people read."
    body = report.path.read_text(encoding="utf-8")
    assert "<!--" not in body and "The rest." in body


@pytest.mark.parametrize("name, slug", [("Développeur — Backend · Paris.md", "developpeur-backend-paris"),
                                        ("Ingénieur·e données.md", "ingenieure-donnees")])
def test_non_ascii_file_names_give_clean_ascii_slugs(site, tmp_path, name, slug):
    [report] = run(site, write_source(tmp_path, name, "---\ntitle: Dev\ndate: 2026-11-01\nlocation: Paris, France\n---\nCode.\n"))
    assert report.path.name == f"{slug}.md"


def test_links_into_the_old_site_are_kept_and_named(site, tmp_path):
    text = "---\ntitle: Dev\ndate: 2026-11-01\nlocation: Paris, France\n---\nSee [our handbook](/handbook/benefits/) and [us](https://acme.example).\n"
    [report] = run(site, write_source(tmp_path, "dev.md", text))
    assert "[our handbook](/handbook/benefits/)" in report.path.read_text(encoding="utf-8")
    assert any("/handbook/benefits/ points into the old site" in note for note in report.notes)
    assert not any("acme.example" in note for note in report.notes)


@pytest.mark.parametrize("link, expected", [
    ("[Send us your CV](mailto:jobs@acme.example)", "mailto:jobs@acme.example"),
    ("[Apply now](https://jobs.lever.co/acme/4f2a)", "https://jobs.lever.co/acme/4f2a"),
    ("[jobs@acme.example](jobs@acme.example)", "mailto:jobs@acme.example"),
    ('<a href="https://acme.workable.com/j/ABC">Join</a>', "https://acme.workable.com/j/ABC"),
])
def test_an_apply_target_only_in_the_body_becomes_apply_url(site, tmp_path, link, expected):
    text = f"---\ntitle: Dev\ndate: 2026-11-01\nlocation: Paris, France\n---\nCode.\n\n{link}\n"
    [report] = run(site, write_source(tmp_path, "dev.md", text))
    assert valid(site, report).apply_url == expected
    if link.startswith("[jobs@"):  # a link target without mailto: would be a relative link on the new site
        assert "[jobs@acme.example](mailto:jobs@acme.example)" in report.path.read_text(encoding="utf-8")
        assert "the link to jobs@acme.example had no mailto:; it now opens an e-mail" in report.notes


def test_a_general_send_us_your_cv_posting_becomes_a_draft_with_a_note(site, tmp_path):
    text = "---\ntitle: Open application\nlocation: Paris, France\ndate: 2026-11-01\n---\nNo role fits? Write to us.\n"
    [report] = run(site, write_source(tmp_path, "open.md", text))
    assert valid(site, report).draft
    assert any("invites applications for no particular job" in note for note in report.notes)


def test_hugo_toml_front_matter_and_an_html_file_with_a_markdown_body(site, tmp_path):
    toml = '+++\ntitle = "SRE"\ndate = 2026-11-03\nlocation = "Toronto, Canada"\ntranslationKey = "sre"\n+++\nKeep it up.\n'
    html = "---\nlayout: job\ntitle: QA\ndate: 2026-11-03\nlocation: Toronto, Canada\n---\n## Testing\n\nBreak things.\n"
    reports = run(site, write_source(tmp_path, "sre.md", toml), write_source(tmp_path, "qa.html", html))
    sre, qa = (valid(site, r) for r in reports)
    assert (sre.title, sre.date_posted, qa.title) == ("SRE", dt.date(2026, 11, 3), "QA")
    assert front(reports[0])["imported"]["translation_key"] == "sre"
    assert "## Testing" in reports[1].path.read_text(encoding="utf-8")


def test_a_careersite_posting_still_gets_the_copy_it_message(site, tmp_path):
    text = "---\ntitle: Done\ndate_posted: 2026-11-01\nlocations: [{city: Paris, country: FR}]\n---\nBody\n"
    [report] = run(site, write_source(tmp_path, "done.md", text))
    assert report.action == FAILED and "so it is a careersite posting: copy it into content/jobs/ as it is" in report.message


def old_site(root: Path) -> Path:
    files = {
        "_jobs/index.md": "---\nlayout: jobs\n---\nAll jobs\n",
        "_jobs/README.md": "How to add a job\n",
        "_jobs/en/dev.md": "---\ntitle: Dev\nlang: en\ndate: 2026-11-01\nlocation: Paris, France\n---\nCode.\n",
        "_jobs/fr/dev.md": "---\ntitle: Développeur\ndate: 2026-11-01\nlocation: Paris, France\n---\nCoder.\n",
        "_jobs/ops.markdown": "---\ntitle: Ops\ndate: 2026-11-01\nlocation: Paris, France\n---\nRun.\n",
        "_jobs/logo.png": "not a posting",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root / "_jobs"


def test_a_folder_imports_every_posting_and_skips_index_and_readme_with_a_line(site, tmp_path):
    from careersite.importers import PASSED_OVER

    reports = run(site, old_site(tmp_path / "old"))
    assert [(r.origin, r.action) for r in reports] == [
        ("_jobs/README.md", PASSED_OVER), ("_jobs/en/dev.md", WRITTEN), ("_jobs/fr/dev.md", WRITTEN),
        ("_jobs/index.md", PASSED_OVER), ("_jobs/ops.markdown", WRITTEN)]
    assert [r.path.name for r in reports if r.ok] == ["dev.md", "dev-fr.md", "ops.md"]
    assert front(reports[2])["imported"] == {"from": "_jobs/fr/dev.md", "language": "fr"}
    assert "a list page or read-me" in reports[0].message


def test_a_folder_import_never_overwrites_without_force_and_the_cli_prints_a_line_per_file(site, tmp_path, capsys):
    from careersite.cli import main

    folder = old_site(tmp_path / "old")
    assert main(["import", "--source", str(site), str(folder)]) == 0
    out = capsys.readouterr()
    assert "_jobs/ops.markdown: wrote content/jobs/ops.md" in out.out
    assert "_jobs/index.md: skipped: a list page" in out.out
    assert out.out.strip().endswith("Imported 3 postings; 2 passed over; 3 need fields filled in.")
    (site / "content/jobs/ops.md").write_text("mine", encoding="utf-8")
    main(["import", "--source", str(site), str(folder)])
    assert (site / "content/jobs/ops.md").read_text(encoding="utf-8") == "mine"
    assert "not overwritten (use --force to replace it)" in capsys.readouterr().err
    main(["import", "--source", str(site), "--force", str(folder)])
    assert (site / "content/jobs/ops.md").read_text(encoding="utf-8") != "mine"


def test_the_imported_field_is_accepted_and_never_published(tmp_path):
    from conftest import basic_fields, posting_text

    imported = "{from: 'old/_jobs/x.md', fields: {hiring_manager: Zelda Secretname}, translation_key: tk-9}"
    site = write_site(tmp_path / "s", {"x.md": posting_text(**basic_fields(imported=imported))})
    build_site(site)
    page = (site / "output/jobs/x/index.html").read_text(encoding="utf-8")
    assert "Zelda Secretname" not in page and "tk-9" not in page
    import extruct
    [data] = [d for d in extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"] if d.get("@type") == "JobPosting"]
    assert "Zelda" not in json.dumps(data) and "imported" not in data
    broken = write_site(tmp_path / "b", {"x.md": posting_text(**basic_fields(imported="just text"))})
    with pytest.raises(Exception) as err:
        build_site(broken)
    assert "imported: 'just text' is text; expected a mapping" in str(err.value)


def test_the_first_title_key_wins_and_a_full_old_url_gives_the_slug(site, tmp_path):
    text = "---\ntitle: Dev\nposition: 3\njob_title: Developer\nurl: https://old.example/fr/jobs/dev-ops/\ndate: 2026-11-01\nlocation: Paris, France\n---\nCode.\n"
    [report] = run(site, write_source(tmp_path, "x.md", text))
    assert valid(site, report).title == "Dev" and report.path.name == "dev-ops.md"
    assert front(report)["imported"]["fields"] == {"position": 3, "job_title": "Developer"}


def test_an_imported_posting_of_placeholder_text_is_to_fill_in_before_the_build_refuses_it(site, tmp_path):
    feed = Path(__file__).parent / "ats_samples" / "personio" / "cps-it-multiple-positions.xml"  # all Lorem ipsum
    reports = run(site, feed, kind="personio")
    assert reports and all(r.action == WRITTEN for r in reports)
    for report in reports:
        [line] = [item for item in report.to_fill if item.startswith("body:")]
        assert "placeholder 'Lorem ipsum" in line and "refuses to publish" in line
