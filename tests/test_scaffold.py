"""careersite init and new: a site that builds at once, postings with front matter filled in,
and no file ever overwritten."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from careersite.cli import main
from careersite.content import read_postings
from careersite.config import load_config
from careersite.problems import Problems
from careersite.scaffold import ScaffoldError, next_id, parse_location

from conftest import TODAY, build_site, fill_outline


def test_init_creates_a_site_that_builds(tmp_path, capsys):
    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    for name in ("careersite.toml", ".gitignore", "netlify.toml", "static/logo.svg", "content/pages/benefits.md"):
        assert (site / name).is_file(), name
    assert len(list((site / "content/jobs").glob("*.md"))) == 2
    assert "output/" in (site / ".gitignore").read_text()
    result = build_site(site)
    assert result.published == 2
    assert (site / "output/benefits/index.html").is_file()


def test_init_refuses_a_non_empty_folder_and_never_overwrites(tmp_path, capsys):
    (tmp_path / "careersite.toml").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert main(["init", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "careersite.toml").read_text() == "mine"
    assert (tmp_path / "content/jobs/software-engineer.md").is_file()


def test_new_writes_a_posting_that_builds(tmp_path, capsys):
    site = tmp_path / "careers"
    main(["init", str(site)])
    assert main(["new", "Senior Data Engineer", "--source", str(site), "--department", "Data", "--location", "Berlin, DE"]) == 0
    path = site / "content/jobs/senior-data-engineer.md"
    text = path.read_text()
    today = TODAY
    assert f"date_posted: {today.isoformat()}" in text
    assert f"valid_through: {(today + dt.timedelta(days=60)).isoformat()}" in text
    assert "id: JOB-0003" in text  # the starter's two postings are JOB-0001 and JOB-0002
    for heading in ("## About the role", "## What you will do", "## What you bring", "## Benefits"):
        assert heading in text
    config = load_config(site, Problems())
    problems = Problems()
    assert not [p for p in read_postings(site, config, problems) if p.slug == "senior-data-engineer"]
    assert {(p.field, p.code) for p in problems.items} == {("summary", "placeholder"), ("", "placeholder")}  # the outline's TODOs
    fill_outline(path)
    problems = Problems()
    posting = next(p for p in read_postings(site, config, problems) if p.slug == "senior-data-engineer")
    assert not problems and posting.department == "Data" and posting.locations[0].city == "Berlin"
    assert build_site(site).published == 3


def test_new_remote_posting_and_existing_slug(tmp_path, capsys):
    site = tmp_path / "careers"
    main(["init", str(site)])
    assert main(["new", "Support Lead", "--source", str(site), "--remote", "--location", "Toronto, ON, CA"]) == 0
    text = (site / "content/jobs/support-lead.md").read_text()
    assert "workplace: remote" in text and "applicant_locations:\n- CA" in text and "region: 'ON'" in text
    before = text
    assert main(["new", "Support  Lead!", "--source", str(site)]) == 1
    assert "content/jobs/support-lead.md already exists" in capsys.readouterr().err
    assert (site / "content/jobs/support-lead.md").read_text() == before


def test_location_and_id_helpers():
    assert parse_location("Austin, TX, US") == {"city": "Austin", "region": "TX", "country": "US"}
    with pytest.raises(ScaffoldError):
        parse_location("Austin")
    with pytest.raises(ScaffoldError):
        parse_location("Austin, XX, US")
    assert next_id("ENG-{number:04d}", {"ENG-0041", "ENG-0007", "OPS-9999"}) == "ENG-0042"
    assert next_id("REQ{number}", set()) == "REQ1"


# --- new --location: the place parser every command shares ------------------------------------


@pytest.mark.parametrize("text, location", [
    ("San Francisco, CA", {"city": "San Francisco", "country": "US", "region": "CA"}),  # not Canada
    ("Atlanta, GA", {"city": "Atlanta", "country": "US", "region": "GA"}),  # not Gabon
    ("Denver, CO", {"city": "Denver", "country": "US", "region": "CO"}),  # not Colombia
    ("Austin, TX", {"city": "Austin", "country": "US", "region": "TX"}),  # was refused
    ("Berlin, DE", {"city": "Berlin", "country": "DE", "region": "BE"}),
    ("Wilmington, DE, US", {"city": "Wilmington", "country": "US", "region": "DE"}),
    ("Wilmington, Germany", {"city": "Wilmington", "country": "DE"}),
    ("Toronto, ON, CA", {"city": "Toronto", "country": "CA", "region": "ON"}),
])
def test_new_location_reads_state_codes_as_the_import_does(text, location):
    assert parse_location(text) == location


def test_new_location_with_a_code_that_is_a_state_and_a_country_is_refused_with_the_choices():
    with pytest.raises(ScaffoldError) as refused:
        parse_location("Wilmington, DE")
    assert str(refused.value) == ("--location 'Wilmington, DE': DE is both Delaware (US-DE) and Germany; "
                                  "write 'Wilmington, DE, US' or 'Wilmington, Germany'")
    with pytest.raises(ScaffoldError, match=r"'Vancouver, WA, US' or 'Vancouver, WA, AU'"):
        parse_location("Vancouver, WA")  # Washington or Western Australia
    with pytest.raises(ScaffoldError, match=r"names no country; write 'Austin, TX, US'"):
        parse_location("Austin")
    with pytest.raises(ScaffoldError, match=r"is a workplace, not a place; use --remote"):
        parse_location("Remote, US")


def test_new_san_francisco_ca_is_california_on_the_page_in_json_ld_and_for_check(tmp_path, capsys):
    from careersite.check import check_site
    from careersite.jsonld import job_posting
    from conftest import NOW

    site = tmp_path / "careers"
    main(["init", str(site)])
    assert main(["new", "Nurse", "--source", str(site), "--location", "San Francisco, CA"]) == 0
    text = fill_outline(site / "content/jobs/nurse.md")
    assert "- city: San Francisco\n  country: US\n  region: CA\n" in text
    posting = next(p for p in read_postings(site, load_config(site, Problems()), Problems()) if p.slug == "nurse")
    assert posting.locations[0].label == "San Francisco, CA, United States"
    address = job_posting(posting, "", load_config(site, Problems()))["jobLocation"]["address"]
    assert (address["addressLocality"], address["addressRegion"], address["addressCountry"]) == ("San Francisco", "CA", "US")
    pay = [f for f in check_site(site, NOW) if f.path.endswith("nurse.md") and f.code == "pay-transparency"]
    assert len(pay) == 1 and "California" in pay[0].message
    assert main(["new", "Clerk", "--source", str(site), "--location", "Wilmington, DE"]) == 1
    assert "write 'Wilmington, DE, US' or 'Wilmington, Germany'" in capsys.readouterr().err
    assert not (site / "content/jobs/clerk.md").exists()


def test_new_says_what_it_left_to_fill_in_with_file_and_line(tmp_path, capsys):
    site = tmp_path / "careers"
    main(["init", str(site)])
    capsys.readouterr()
    assert main(["new", "Nurse", "--source", str(site)]) == 0
    lines = capsys.readouterr().out.splitlines()
    text = (site / "content/jobs/nurse.md").read_text().splitlines()
    summary_line = next(i for i, line in enumerate(text, start=1) if line.startswith("summary:"))
    body_line = next(i for i, line in enumerate(text, start=1) if line.startswith("TODO"))
    assert lines[1].startswith("Still to fill in")
    assert lines[2].startswith("  content/jobs/nurse.md:2: locations: missing")
    assert lines[3].startswith(f"  content/jobs/nurse.md:{summary_line}: summary: still holds the placeholder 'TODO'")
    assert lines[4].startswith(f"  content/jobs/nurse.md:{body_line}: the description still holds the placeholder 'TODO' (and 3 more)")
    assert lines[5].startswith("Also recommended: salary")
    assert lines[6].startswith("Also to set: [defaults] apply_url in careersite.toml points to example.com")


def test_a_fresh_site_passes_check_strict_but_for_the_urls_it_must_change(tmp_path):
    from careersite.check import check_site
    from careersite.findings import exit_code
    from careersite.scaffold import init_site

    from conftest import NOW

    init_site(tmp_path, NOW.date())
    findings = check_site(tmp_path, NOW)
    assert {(f.path, f.code, f.field) for f in findings} == {
        ("careersite.toml", "example-domain", "base_url"),
        ("careersite.toml", "example-domain", "company.url"),
        ("careersite.toml", "example-domain", "defaults.apply_url"),
    }
    config = tmp_path / "careersite.toml"
    config.write_text(config.read_text().replace("careers.example.com", "careers.acme-robotics.com")
                      .replace("https://example.com", "https://acme-robotics.com"))
    findings = check_site(tmp_path, NOW)
    assert findings == [] and exit_code(findings, strict=True) == 0


def test_new_after_new_takes_the_next_id_although_the_first_still_holds_its_outline(tmp_path, capsys):
    """The outline's placeholders keep a posting from building, not its id from being taken."""
    site = tmp_path / "careers"
    main(["init", str(site)])
    for title in ("Nurse", "Night Nurse", "Ward Clerk"):
        assert main(["new", title, "--source", str(site), "--location", "Austin, TX"]) == 0
    ids = [re.search(r"^id: (\S+)$", (site / f"content/jobs/{slug}.md").read_text(), re.M).group(1)
           for slug in ("nurse", "night-nurse", "ward-clerk")]
    assert ids == ["JOB-0003", "JOB-0004", "JOB-0005"]
