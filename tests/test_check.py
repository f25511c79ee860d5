"""careersite check: validation without output, Google's guidelines, pay transparency, lifecycle."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from careersite import check, lints
from careersite.check import check_site
from careersite.findings import Finding, exit_code, format_json, format_text
from careersite.pay_transparency import PayRulesError, load_pay_rules, parse_pay_rules

from conftest import CONFIG, NOW, basic_fields, posting_text, write_site

LONG_BODY = (
    "## About the role\n\n"
    "You will design, build and run the data pipelines that feed our analytics and product teams. "
    "You will work with engineers, analysts and product managers to make data reliable and easy to use.\n\n"
    "## What you bring\n\n"
    "- three or more years of experience building data pipelines in Python and SQL\n"
    "- experience with a cloud data warehouse and an orchestration tool such as Airflow\n"
    "- clear written communication and care for the people who use your work\n\n"
    "Full-time, 40 hours per week, with flexible core hours.\n"
)
SALARY = "{min: 60000, max: 80000, currency: EUR, unit: year}"
TITLE_CODES = {"title-has-salary", "title-has-code", "title-has-location", "title-urgent",
               "title-all-caps", "title-decorated", "title-has-company"}
PAY_CODES = {"pay-transparency", "pay-transparency-upcoming"}


def clean_fields(**overrides) -> dict:
    """A posting that gives no findings at NOW: Berlin office, salary, id, dates, employment type."""
    fields = basic_fields(salary=SALARY, employment_type="full_time")
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def run(tmp_path, now=NOW, body=LONG_BODY, **overrides) -> list[Finding]:
    """check_site()'s findings for job.md, the posting of a one-posting site (the test config's
    RFC 2606 URLs give their own warnings, tested below)."""
    site = write_site(tmp_path, {"job.md": posting_text(body, **clean_fields(**overrides))})
    return [f for f in check_site(site, now) if f.path != "careersite.toml"]


def codes_of(findings) -> set[str]:
    return {f.code for f in findings}


def only(findings, code) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


# --- a clean posting, and one finding per code -------------------------------------------------


def test_clean_posting_has_no_findings(tmp_path):
    assert run(tmp_path) == []


@pytest.mark.parametrize("overrides, code, field", [
    ({"valid_through": None}, "missing-valid-through", "valid_through"),
    ({"salary": None}, "missing-salary", "salary"),
    ({"id": None}, "missing-id", "id"),
    ({"employment_type": None}, "employment-type-defaulted", "employment_type"),
    ({"body": "## About the role\n\nBuild things.\n\n- one\n- two\n"}, "description-too-short", "body"),
    ({"title": "Data Engineer $120k"}, "title-has-salary", "title"),
    ({"title": "Data Engineer 90-110k EUR"}, "title-has-salary", "title"),
    ({"title": "Data Engineer (USD 120000)"}, "title-has-salary", "title"),
    ({"title": "Data Engineer ENG-1042"}, "title-has-code", "title"),
    ({"title": "REQ123 Data Engineer"}, "title-has-code", "title"),
    ({"title": "'Data Engineer #123'"}, "title-has-code", "title"),
    ({"title": "Data Engineer Berlin"}, "title-has-location", "title"),
    ({"title": "Data Engineer, Germany"}, "title-has-location", "title"),
    ({"title": "Data Engineer (Remote)"}, "title-has-location", "title"),
    ({"title": "Remote - Data Engineer"}, "title-has-location", "title"),
    ({"title": "'URGENT: Data Engineer'"}, "title-urgent", "title"),
    ({"title": "Data Engineer - Hiring Now"}, "title-urgent", "title"),
    ({"title": "Data Engineer, immediate start"}, "title-urgent", "title"),
    ({"title": "DATA ENGINEER"}, "title-all-caps", "title"),
    ({"title": "SENIOR QA ENGINEER"}, "title-all-caps", "title"),
    ({"title": "'URGENT: SENIOR DATA ENGINEER (Remote)'"}, "title-all-caps", "title"),
    ({"title": "Data Engineer!"}, "title-decorated", "title"),
    ({"title": "'**Data Engineer**'"}, "title-decorated", "title"),
    ({"title": "Data Engineer ★"}, "title-decorated", "title"),
    ({"title": "Data Engineer at Test Co"}, "title-has-company", "title"),
    ({"title": "Test Co - Data Engineer"}, "title-has-company", "title"),
    ({"title": "Data Engineer | Test"}, "title-has-company", "title"),
    ({"valid_through": "2026-10-31", "date_posted": "2026-09-01"}, "expired", "valid_through"),
    ({"valid_through": "2026-11-28"}, "expiring-soon", "valid_through"),
    ({"draft": "true", "date_posted": None}, "draft", "draft"),
    ({"date_posted": "2026-12-05"}, "scheduled", "date_posted"),
    ({"date_posted": "2026-06-01", "valid_through": None}, "stale", "date_posted"),
])
def test_each_code_is_found_where_it_should_be(tmp_path, overrides, code, field):
    body = overrides.pop("body", LONG_BODY)
    findings = run(tmp_path, body=body, **overrides)
    finding = only(findings, code)
    assert finding.severity == "warning"
    assert finding.field == field
    assert finding.path == "content/jobs/job.md"
    assert finding.line > 0
    assert not [f for f in findings if f.severity == "error"]


@pytest.mark.parametrize("title", [
    "QA", "QA Engineer", "VP, HR", "Senior Software Engineer, Backend", "Remote Sensing Scientist",
    "Hybrid Cloud Architect", "Urgent Care Nurse", "Python 3 Developer", "Test Engineer",
    "Account Executive, Mid-Market", "Site Reliability Engineer (SRE)", "People Operations Intern",
    "SAP HANA ABAP Developer", "HVAC Technician", "QA / QC Lead", "Kubernetes Engineer (K8s)",
])
def test_ordinary_titles_pass_the_title_policy(tmp_path, title):
    assert not codes_of(run(tmp_path, title=f"'{title}'")) & TITLE_CODES


def test_title_finding_points_at_the_title_line_and_says_why(tmp_path):
    finding = only(run(tmp_path, title="Data Engineer $120k"), "title-has-salary")
    assert finding.line == 2
    assert "'$120k'" in finding.message and "salary" in finding.message


def test_requisition_id_repeated_in_the_title_is_a_code(tmp_path):
    assert "title-has-code" in codes_of(run(tmp_path, id="DATA7", title="Data Engineer DATA7"))


def test_location_names_come_from_the_posting_itself(tmp_path):
    # Munich is not this posting's location: a city name is only recognised from the posting's locations
    assert "title-has-location" not in codes_of(run(tmp_path, title="Data Engineer Munich"))
    findings = run(tmp_path, title="Data Engineer Munich", locations="[{city: Munich, region: BY, country: DE}]")
    assert "title-has-location" in codes_of(findings)
    remote = run(tmp_path, title="Data Engineer California", workplace="remote", locations=None, applicant_locations="[US-CA]")
    assert "title-has-location" in codes_of(remote)


def test_lifecycle_messages_carry_the_dates(tmp_path):
    assert "2026-12-05" in only(run(tmp_path, date_posted="2026-12-05"), "scheduled").message
    soon = only(run(tmp_path, valid_through="2026-11-28"), "expiring-soon")
    assert "2026-11-28" in soon.message and "in 3 days" in soon.message
    expired = run(tmp_path, valid_through="2026-10-31", date_posted="2026-09-01")
    assert "2026-10-31" in only(expired, "expired").message
    # an expired posting is not advertised: no publishing advice beyond the expired note
    assert codes_of(run(tmp_path, valid_through="2026-10-31", date_posted="2026-09-01", salary=None, title="DATA ENGINEER")) == {"expired"}


def test_a_draft_is_checked_like_any_posting(tmp_path):
    findings = run(tmp_path, draft="true", date_posted=None, salary=None, title="Data Engineer!")
    assert {"draft", "missing-salary", "pay-transparency", "title-decorated"} <= codes_of(findings)


# --- errors: the build's own validation, JSON-LD, templates --------------------------------------


def test_content_problems_become_invalid_errors_and_the_rest_is_still_checked(tmp_path):
    site = write_site(tmp_path, {
        "bad.md": posting_text(LONG_BODY, **clean_fields(id="ENG-2", employment_type="fulltime")),
        "loud.md": posting_text(LONG_BODY, **clean_fields(id="ENG-3", title="DATA ENGINEER")),
    })
    findings = check_site(site, NOW)
    bad = only(findings, "invalid")
    assert (bad.path, bad.field, bad.severity) == ("content/jobs/bad.md", "employment_type", "error")
    assert "did you mean full_time?" in bad.message
    assert only(findings, "title-all-caps").path == "content/jobs/loud.md"
    assert exit_code(findings, strict=False) == 1


def test_config_problems_stop_the_check(tmp_path):
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **clean_fields())}, config='title = "x"\n')
    findings = check_site(site, NOW)
    assert findings and codes_of(findings) == {"invalid"}
    assert {f.path for f in findings} == {"careersite.toml"}


def test_unknown_json_ld_property_is_an_error(tmp_path, monkeypatch):
    real = lints.job_posting
    monkeypatch.setattr(lints, "job_posting", lambda *a: {**real(*a), "salaryRange": "lots"})
    finding = only(run(tmp_path), "jsonld-unknown-property")
    assert finding.severity == "error"
    assert "salaryRange" in finding.message


def test_job_posting_without_what_google_requires_is_an_error(tmp_path, monkeypatch):
    real = lints.job_posting
    monkeypatch.setattr(lints, "job_posting", lambda *a: {k: v for k, v in real(*a).items() if k != "jobLocation"})
    finding = only(run(tmp_path), "google-required")
    assert finding.severity == "error" and "jobLocation" in finding.message


def test_template_errors_are_found_without_writing_output(tmp_path):
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **clean_fields())})
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "posting.html").write_text("{% if %}broken\n")
    finding = only(check_site(site, NOW), "template")
    assert finding.severity == "error" and finding.path.endswith("posting.html")
    assert not (site / "output").exists()


def test_the_example_site_has_no_errors(example_site):
    findings = check_site(example_site, NOW)
    assert not [f for f in findings if f.severity == "error"], format_text(findings)
    assert exit_code(findings, strict=False) == 0
    assert not (example_site / "output").exists()
    by_file = {(f.path.rsplit("/", 1)[-1], f.code) for f in findings}
    assert ("sales-development-representative.md", "expired") in by_file
    assert ("senior-people-partner.md", "draft") in by_file
    assert ("senior-people-partner.md", "pay-transparency") in by_file  # Toronto, no salary: Ontario
    assert ("frontend-engineer-contract.md", "pay-transparency") in by_file  # remote in DE, FR, NL, ES
    assert ("senior-backend-engineer.md", "pay-transparency") not in by_file  # has a salary


# --- pay transparency ------------------------------------------------------------------------


def pay(findings) -> dict[str, Finding]:
    return {f.code: f for f in findings if f.code in PAY_CODES}


def test_colorado_office_without_salary(tmp_path):
    found = pay(run(tmp_path, salary=None, locations="[{city: Denver, region: CO, country: US}]"))
    assert set(found) == {"pay-transparency"}
    message = found["pay-transparency"].message
    assert "Colorado" in message and "2021-01-01" in message
    assert found["pay-transparency"].field == "salary"
    assert found["pay-transparency"].line == 8  # the locations line


def test_berlin_hybrid_posting_falls_under_the_eu_directive(tmp_path):
    # the directive's transposition deadline, 2026-06-07, is before NOW (2026-11-25): in force
    found = pay(run(tmp_path, salary=None, workplace="hybrid"))
    assert set(found) == {"pay-transparency"}
    assert "EU Pay Transparency Directive (DE)" in found["pay-transparency"].message
    assert "2026-06-07" in found["pay-transparency"].message
    # half a year earlier it was a rule still to come: the softer warning, "from" the date
    earlier = pay(run(tmp_path, now=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), salary=None,
                      workplace="hybrid", date_posted="2026-02-20"))
    assert set(earlier) == {"pay-transparency-upcoming"}
    assert "from 2026-06-07" in earlier["pay-transparency-upcoming"].message
    # and more than 180 days before it, nothing yet
    assert not pay(run(tmp_path, now=dt.datetime(2025, 11, 1, tzinfo=dt.timezone.utc), salary=None,
                       date_posted="2025-10-20", valid_through="2026-01-31"))


def test_remote_us_posting_falls_under_every_us_rule(tmp_path):
    found = pay(run(tmp_path, salary=None, workplace="remote", locations=None, applicant_locations="[US]"))
    assert set(found) == PAY_CODES
    now_rule = found["pay-transparency"].message
    assert re.search(r"California \(since 2023-01-01\), Cleveland, OH \(since 2025-10-27\), Colorado \(since 2021-01-01\), "
                     r"District of Columbia \(since 2024-06-30\) \(and 11 more\)", now_rule), now_rule
    upcoming = found["pay-transparency-upcoming"].message
    assert "Columbus, OH from 2027-01-01" in upcoming
    assert "Delaware" not in upcoming  # 2027-09-26 is more than 180 days after NOW


def test_new_york_city_is_on_top_of_the_state_rule(tmp_path):
    office = pay(run(tmp_path, salary=None, locations="[{city: New York, region: NY, country: US}]"))["pay-transparency"]
    assert "New York City (since 2022-11-01)" in office.message and "New York State (since 2023-09-17)" in office.message
    upstate = pay(run(tmp_path, salary=None, locations="[{city: Albany, region: NY, country: US}]"))["pay-transparency"]
    assert "New York State" in upstate.message and "New York City" not in upstate.message
    remote = pay(run(tmp_path, salary=None, workplace="remote", locations=None, applicant_locations="[US-NY]"))
    assert "New York City" in remote["pay-transparency"].message


@pytest.mark.parametrize("overrides", [
    {"locations": "[{city: Denver, region: CO, country: US}]"},  # has the clean posting's salary
    {"salary": None, "locations": "[{city: Austin, region: TX, country: US}]"},
    {"salary": None, "locations": "[{city: Hartford, region: CT, country: US}]"},  # pay on request only
    {"salary": None, "locations": "[{city: London, region: ENG, country: GB}]"},
    {"salary": None, "workplace": "remote", "locations": None, "applicant_locations": "[US-TX, US-FL]"},
    {"salary": None, "locations": "[{city: Wilmington, region: DE, country: US}]"},  # Delaware: 2027-09-26
])
def test_no_pay_warning(tmp_path, overrides):
    assert not pay(run(tmp_path, **overrides))


def test_a_rule_starting_after_the_posting_closes_is_not_mentioned(tmp_path):
    ohio = {"salary": None, "locations": "[{city: Columbus, region: OH, country: US}]"}
    assert set(pay(run(tmp_path, **ohio))) == {"pay-transparency-upcoming"}
    assert not pay(run(tmp_path, **ohio, valid_through="2026-12-20"))


def test_a_scheduled_posting_is_judged_when_it_is_published(tmp_path):
    found = pay(run(tmp_path, salary=None, date_posted="2027-01-05", locations="[{city: Columbus, region: OH, country: US}]"))
    assert set(found) == {"pay-transparency"}


def test_employer_size_leaves_out_rules_for_larger_employers(tmp_path):
    toronto = clean_fields(salary=None, locations="[{city: Toronto, region: ON, country: CA}]")
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **toronto)})
    assert "Ontario" in pay(check_site(site, NOW))["pay-transparency"].message
    assert not pay(check_site(site, NOW, employees=10))  # Ontario: 25+
    assert pay(check_site(site, NOW, employees=25))


FACT_SHEET = {  # /work/shared/reference/pay-transparency.md
    "Colorado": "2021-01-01", "California": "2023-01-01", "Washington": "2023-01-01",
    "New York City": "2022-11-01", "New York State": "2023-09-17", "Jersey City, NJ": "2022-04-14",
    "Hawaii": "2024-01-01", "District of Columbia": "2024-06-30", "Maryland": "2024-10-01",
    "Illinois": "2025-01-01", "Minnesota": "2025-01-01", "New Jersey": "2025-06-01", "Vermont": "2025-07-01",
    "Cleveland, OH": "2025-10-27", "Massachusetts": "2025-10-29", "Columbus, OH": "2027-01-01",
    "Delaware": "2027-09-26", "Prince Edward Island": "2022-06-01", "British Columbia": "2023-11-01",
    "Ontario": "2026-01-01", "EU Pay Transparency Directive": "2026-06-07",
}


def test_the_pay_rules_follow_the_fact_sheet():
    rules = {r.name: r for r in load_pay_rules()}
    assert {name: r.starts.isoformat() for name, r in rules.items()} == FACT_SHEET
    assert len(rules["EU Pay Transparency Directive"].codes) == 27
    assert rules["New York City"].cities == (("US", "NY", "New York"),)
    assert rules["District of Columbia"].codes == ("US-DC",)
    assert rules["Ontario"].codes == ("CA-ON",)


GOOD_RULE = '[[jurisdiction]]\nname = "Colorado"\ncodes = ["US-CO"]\nstarts = 2021-01-01\n'


@pytest.mark.parametrize("text, message", [
    (GOOD_RULE + 'colour = "red"\n', "unknown key 'colour'"),
    (GOOD_RULE.replace("US-CO", "US-XX"), "'US-XX' is not an ISO 3166"),
    (GOOD_RULE.replace("starts = 2021-01-01\n", ""), "starts must be a date"),
    (GOOD_RULE.replace("2021-01-01", "2021-01-01T00:00:00"), "starts must be a date"),
    (GOOD_RULE.replace('codes = ["US-CO"]\n', ""), "needs codes or cities"),
    (GOOD_RULE + GOOD_RULE, "used twice"),
    (GOOD_RULE + 'cities = [{country = "US", city = "Denver"}]\n', "needs exactly country, region and city"),
    (GOOD_RULE + "min_employees = 0\n", "min_employees"),
    ('[rules]\nx = 1\n', "only [[jurisdiction]]"),
])
def test_the_pay_rules_loader_validates(text, message):
    with pytest.raises(PayRulesError, match=re.escape(message)):
        parse_pay_rules(text)


# --- output and exit codes ---------------------------------------------------------------------


def test_findings_are_sorted_and_deterministic(tmp_path):
    site = write_site(tmp_path, {
        "b.md": posting_text("Short.\n", **basic_fields(id="B-1", title="DATA ENGINEER!")),
        "a.md": posting_text("Short.\n", **basic_fields(id=None, valid_through=None)),
    })
    first = check_site(site, NOW)
    assert first == check_site(site, NOW)
    assert first == sorted(first, key=lambda f: (f.path, f.line, f.code, f.field, f.message))
    assert first[0].path == "careersite.toml"  # the test config's example domains
    assert next(f.path for f in first if f.path != "careersite.toml") == "content/jobs/a.md"


def test_text_and_json_output(tmp_path):
    findings = run(tmp_path, title="DATA ENGINEER")
    text = format_text(findings)
    assert text.splitlines()[0].startswith("content/jobs/job.md:2: warning: title: 'DATA ENGINEER' is written in capitals")
    assert text.splitlines()[0].endswith("[title-all-caps]")
    assert text.splitlines()[-1] == "0 errors, 1 warning"
    assert format_text([]) == "No problems found.\n"
    data = json.loads(format_json(findings))
    assert data == [{"file": "content/jobs/job.md", "line": 2, "field": "title", "severity": "warning",
                     "code": "title-all-caps", "message": findings[0].message}]
    assert json.loads(format_json([])) == []


def test_finding_str_without_line_or_field():
    assert str(Finding("careersite.toml", 0, "", "error", "invalid", "not found")) == "careersite.toml: error: not found [invalid]"


def test_exit_codes():
    warning = Finding("a.md", 1, "title", "warning", "title-all-caps", "x")
    error = Finding("a.md", 1, "", "error", "invalid", "x")
    assert exit_code([], strict=False) == 0 and exit_code([], strict=True) == 0
    assert exit_code([warning], strict=False) == 0
    assert exit_code([warning], strict=True) == 1
    assert exit_code([warning, error], strict=False) == 1


# --- URLs: example domains and plain http ---------------------------------------------------------


@pytest.mark.parametrize("url, host", [
    ("https://careers.example.com", "careers.example.com"),
    ("https://example.com/apply?job={id}", "example.com"),
    ("https://EXAMPLE.NET/", "example.net"),
    ("https://www.example.org", "www.example.org"),
    ("https://jobs.acme.example/x", "jobs.acme.example"),
    ("https://test.example", "test.example"),
    ("https://jobs.test", "jobs.test"),
    ("https://a.invalid", "a.invalid"),
    ("http://localhost:8000/", "localhost"),
    ("http://127.0.0.1/", "127.0.0.1"),
    ("mailto:jobs@example.com", "example.com"),
    ("https://acme.com", ""),
    ("https://examples.com", ""),
    ("https://example.co", ""),
    ("https://mytest.io/example.com", ""),
    ("https://testing.com", ""),
    ("mailto:jobs@acme.com", ""),
])
def test_reserved_hosts_are_rfc_2606_and_6761_names(url, host):
    assert lints.reserved_host(url) == host


def test_a_fresh_site_is_warned_about_every_example_url_with_its_config_line(tmp_path):
    from careersite.scaffold import init_site

    init_site(tmp_path, NOW.date())
    text = (tmp_path / "careersite.toml").read_text().splitlines()
    findings = [f for f in check_site(tmp_path, NOW) if f.code == "example-domain"]
    line = {key: next(i for i, l in enumerate(text, start=1) if l.startswith(key + " =")) for key in ("base_url", "url", "apply_url")}
    assert [(f.path, f.line, f.field, f.severity) for f in findings] == [
        ("careersite.toml", line["base_url"], "base_url", "warning"),
        ("careersite.toml", line["url"], "company.url", "warning"),
        ("careersite.toml", line["apply_url"], "defaults.apply_url", "warning"),
    ]
    assert "set base_url to the address the site is published at" in findings[0].message
    assert "set [defaults] apply_url to your applicant tracking system's apply link" in findings[2].message
    assert exit_code(findings, strict=True) == 1


def test_real_urls_in_the_config_give_no_url_warnings(tmp_path):
    config = CONFIG.replace("jobs.test.example", "careers.acme-robotics.com").replace("test.example", "acme-robotics.com")
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **clean_fields())}, config=config)
    assert check_site(site, NOW) == []


def test_a_postings_own_example_or_http_apply_url_is_warned_at_its_line(tmp_path):
    example = only(run(tmp_path, apply_url="https://jobs.example.com/apply/1"), "example-domain")
    assert (example.field, example.line, example.severity) == ("apply_url", 11, "warning")
    plain = only(run(tmp_path, apply_url="http://jobs.acme-robotics.com/apply/1"), "apply-url-not-https")
    assert (plain.field, plain.line) == ("apply_url", 11)
    assert "use https://jobs.acme-robotics.com/apply/1" in plain.message


def test_an_http_default_apply_url_is_warned_at_its_config_line(tmp_path):
    config = CONFIG.replace('apply_url = "https://test.example/apply?job={id}"', 'apply_url = "http://ats.acme-robotics.com/apply?job={id}"')
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **clean_fields())}, config=config)
    found = only(check_site(site, NOW), "apply-url-not-https")
    assert (found.path, found.line, found.field) == ("careersite.toml", 10, "defaults.apply_url")


def test_employment_type_from_the_sites_own_default_is_not_warned(tmp_path):
    from careersite.jsonld import job_posting
    from careersite.content import read_postings
    from careersite.config import load_config
    from careersite.problems import Problems

    config = CONFIG.replace('currency = "USD"', 'currency = "USD"\nemployment_type = "part_time"')
    site = write_site(tmp_path, {"job.md": posting_text(LONG_BODY, **clean_fields(employment_type=None))}, config=config)
    assert "employment-type-defaulted" not in codes_of(check_site(site, NOW))
    loaded = load_config(site, Problems())
    posting = read_postings(site, loaded, Problems())[0]
    assert job_posting(posting, "<p>x</p>", loaded)["employmentType"] == "PART_TIME"  # what the JSON-LD gets


def test_employment_type_assumed_by_careersite_is_warned_with_both_fixes(tmp_path):
    found = only(run(tmp_path, employment_type=None), "employment-type-defaulted")
    assert "careersite assumed full_time" in found.message and "[defaults] employment_type" in found.message


def test_a_body_that_runs_out_of_time_in_check_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    """check renders each body once, where the build does (loading): running out of time there is
    the build's error, at the body's first line."""
    from careersite import markdown
    from careersite.markdown import MarkdownRefused

    site = write_site(tmp_path, {"job.md": posting_text(**clean_fields()), "other.md": posting_text(**clean_fields(id="ENG-2", title="Designer"))})

    def busy(text, raw_html=False):
        raise MarkdownRefused(0, "took longer than 5 s to convert", lasting=False)

    monkeypatch.setattr(markdown, "render_markdown", busy)
    findings = check.check_site(site, NOW)
    refused = [f for f in findings if f.code == "invalid" and "5 s" in f.message]
    assert {f.path for f in refused} == {"content/jobs/job.md", "content/jobs/other.md"}
    assert all(f.severity == "error" and f.line == 12 for f in refused), refused  # "## About the role"


# --- one loading path: check reads each file once and renders each body once -------------------


def test_check_reads_each_file_once_and_renders_each_body_once(tmp_path, monkeypatch):
    """check lints what loading gave (the postings with their HTML and source positions, the
    config with its key lines), as the build loads it: no second pass over the files."""
    import collections
    import pathlib
    import sys

    from careersite import markdown

    bodies = {f"job{n}.md": f"## Role {n}\n\n{LONG_BODY}" for n in range(3)}
    draft = posting_text("## Draft\n\nTBD\n", **clean_fields(id="ENG-9", title="Draft Role", draft="true"))
    site = write_site(tmp_path, {**{name: posting_text(body, **clean_fields(id=f"ENG-{n}", title=f"Role {n}"))
                                    for n, (name, body) in enumerate(bodies.items())}, "draft.md": draft},
                      pages={"about.md": "---\ntitle: About us\n---\nWho we are.\n"})
    opened: collections.Counter = collections.Counter()
    real_open = pathlib.Path.open

    def counting_open(self, *args, **kwargs):
        opened[self.resolve().relative_to(site.resolve()).as_posix() if site.resolve() in self.resolve().parents else ""] += 1
        return real_open(self, *args, **kwargs)

    rendered: collections.Counter = collections.Counter()
    real_render = markdown.render_markdown

    def counting_render(text, *args, **kwargs):
        rendered[text] += 1
        return real_render(text, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    for module in [m for name, m in sys.modules.items() if name.startswith("careersite")]:  # wherever it was imported
        if getattr(module, "render_markdown", None) is real_render:
            monkeypatch.setattr(module, "render_markdown", counting_render)
    findings = check_site(site, NOW)
    assert {f.path for f in findings} >= {"content/jobs/draft.md"}  # it did lint the postings
    for name in [*bodies, "draft.md"]:
        assert opened[f"content/jobs/{name}"] == 1, opened
    assert opened["careersite.toml"] == 1, opened
    for body in [*bodies.values(), "## Draft\n\nTBD\n"]:
        assert rendered[body] == 1, rendered
    assert set(rendered.values()) == {1}, rendered  # the free page's body too


def test_a_broken_config_does_not_hide_the_postings_problems(tmp_path):
    """As build does: every problem at once, the config's and the postings'."""
    site = write_site(tmp_path, {"job.md": posting_text(**clean_fields(employment_type="fulltime"))},
                      config=CONFIG.replace('title = "Test Careers"', 'title = "Test Careers'))
    findings = check.check_site(site, NOW)
    assert {(f.path, f.severity) for f in findings} == {("careersite.toml", "error"), ("content/jobs/job.md", "error")}
    assert any(f.field == "employment_type" for f in findings)


def test_check_on_worker_processes_finds_what_one_process_finds(tmp_path):
    postings = {f"job-{i}.md": posting_text(LONG_BODY if i % 2 else "Short.\n",
                                            **basic_fields(id=f"ENG-{i}", title="DATA ENGINEER!" if i % 3 == 0 else f"Engineer {i}"))
                for i in range(60)}  # above the count where work is shared out
    postings["broken.md"] = "---\ntitle: [\n---\n"
    site = write_site(tmp_path, postings)
    one = check_site(site, NOW, jobs=1)
    assert any(f.severity == "error" for f in one) and any(f.code == "title-all-caps" for f in one)
    assert check_site(site, NOW, jobs=2) == one
