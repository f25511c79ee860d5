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
