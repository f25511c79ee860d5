"""Feeds for job boards and alerts: indeed.xml, linkedin.xml, jobs.json and the RSS feed of each
department and location, read back with lxml, feedparser and json, and held against the JSON-LD
of the built pages as extruct reads it (conftest.job_posting)."""

from __future__ import annotations

import datetime as dt
import json
import re

import feedparser
import pytest
from babel.numbers import get_currency_symbol
from lxml import etree, html as lxml_html

from careersite import codes
from careersite.config import Company, SiteConfig
from careersite.job_feeds import indeed, linkedin, linkedin_id
from careersite.json_feed import json_feed
from careersite.posting import Location, Posting, Salary
from careersite.problems import Problems

from conftest import CONFIG, basic_fields, build_site, job_posting, posting_text, tree, write_site

FEEDS_ON = CONFIG + "[feeds]\nindeed = true\nlinkedin = true\njson = true\n"

# What Indeed's and LinkedIn's documents call each schema.org employmentType (job_feeds.py says where)
INDEED_TYPES = {"FULL_TIME": "fulltime", "PART_TIME": "parttime", "CONTRACTOR": "contract", "INTERN": "internship", "TEMPORARY": "temporary"}
LINKEDIN_TYPES = {"FULL_TIME": "FULL_TIME", "PART_TIME": "PART_TIME", "CONTRACTOR": "CONTRACT", "TEMPORARY": "TEMPORARY",
                  "VOLUNTEER": "VOLUNTEER", "INTERN": "INTERNSHIP"}
UNITS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
PERIODS = {"HOURLY": "HOUR", "DAILY": "DAY", "WEEKLY": "WEEK", "MONTHLY": "MONTH", "YEARLY": "YEAR"}

POSTINGS = {
    # two offices: two jobs in the boards' feeds; pay as a yearly range
    "two-offices.md": posting_text(**basic_fields(
        id="ENG-1", title="Data Engineer", locations="[{city: Berlin, region: BE, country: DE, postal_code: '10117'}, {city: Paris, country: FR}]",
        salary="{min: 60000, max: 75000, currency: EUR, unit: year}", experience_months=36, education="bachelor_degree",
        employment_type="[full_time, part_time]", team="Platform")),
    # remote, no office: one job per area hires may live in; hourly pay; apply by e-mail
    "remote.md": posting_text(**basic_fields(
        id="CS-2", title="Support Specialist", department="Support", workplace="remote", locations=None,
        applicant_locations="[US-CA, US-NY]", salary="{min: 22, max: 28, currency: USD, unit: hour}",
        apply_url="'mailto:jobs@test.example'")),
    # no salary, no id: its slug is its reference
    "no-pay.md": posting_text(**basic_fields(id=None, title="Office Manager", department="People", date_posted="2026-11-10")),
    "expired.md": posting_text(**basic_fields(id="OLD-1", title="Closed Role", date_posted="2026-01-01", valid_through="2026-02-01")),
    "draft.md": posting_text(**basic_fields(id="DR-1", title="Draft Role", draft="true")),
    "scheduled.md": posting_text(**basic_fields(id="LATER-1", title="Later Role", date_posted="2026-12-20")),
}
OPEN = {"two-offices", "remote", "no-pay"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("feeds"), POSTINGS, FEEDS_ON)
    build_site(site, search=False)
    return site / "output"


def open_postings(output) -> dict[str, dict]:
    """URL -> JobPosting of every posting page that has one (open postings: closed ones and drafts have none)."""
    found = {}
    for page in sorted((output / "jobs").glob("*/index.html")):
        if "application/ld+json" in page.read_text() and '"JobPosting"' in page.read_text():
            ld = job_posting(page)
            found[ld["url"]] = ld
    return found


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def cdata_text(job, tag: str) -> str | None:
    return job.findtext(tag)


def parse_xml(path):
    """The feed as a strict XML parser reads it, with its declaration checked."""
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return etree.fromstring(data, etree.XMLParser(strip_cdata=False, resolve_entities=False, no_network=True))


def place_of(ld: dict, city: str | None, state: str, country: str) -> None:
    """The job's place is one of the JSON-LD's offices, or one of its applicant locations for a remote job."""
    if city:
        addresses = [place["address"] for place in as_list(ld["jobLocation"])]
        [address] = [a for a in addresses if a["addressLocality"] == city]
        assert (address.get("addressRegion", ""), address["addressCountry"]) == (state or "", country)
        return address
    assert ld["jobLocationType"] == "TELECOMMUTE"
    areas = as_list(ld["applicantLocationRequirements"])
    if state:
        wanted = codes.subdivision_name(f"{country}-{state}")
        assert any(a["@type"] == "State" and a["name"] == wanted for a in areas)
    else:
        assert any(a["@type"] == "Country" and a["name"] == codes.country_name(country) for a in areas)
    return None


def salary_of(ld: dict) -> tuple[list[float], str, str] | None:
    if "baseSalary" not in ld:
        return None
    value = ld["baseSalary"]["value"]
    amounts = [value["value"]] if "value" in value else [value["minValue"], value["maxValue"]]
    return [float(a) for a in amounts], ld["baseSalary"]["currency"], value["unitText"]


def check_indeed_job(job, ld: dict) -> None:
    """Every value of an Indeed <job> against the JSON-LD of its posting's page."""
    assert job.findtext("title") == ld["title"] and job.findtext("url") == ld["url"]
    assert job.findtext("date") == ld["datePosted"]
    assert job.findtext("company") == job.findtext("sourcename") == ld["hiringOrganization"]["name"]
    assert job.findtext("description") == ld["description"]
    assert job.findtext("expirationdate") == ld.get("validThrough")
    if "identifier" in ld:
        assert job.findtext("requisitionid") == ld["identifier"]["value"]
    address = place_of(ld, job.findtext("city"), job.findtext("state") or "", job.findtext("country"))
    assert job.findtext("postalcode") == (address or {}).get("postalCode")
    assert (job.findtext("remotetype") == "Fully remote") == (ld.get("jobLocationType") == "TELECOMMUTE")
    assert job.findtext("jobtype").split(", ") == [INDEED_TYPES[t] for t in as_list(ld["employmentType"]) if t in INDEED_TYPES]
    assert job.findtext("education") == ld.get("educationRequirements", {}).get("credentialCategory")
    experience = job.findtext("experience")
    months = ld.get("experienceRequirements", {}).get("monthsOfExperience")
    assert (experience is None) == (months is None)
    if experience:
        number, unit = re.fullmatch(r"(\d+)\+ (years|months)", experience).groups()
        assert int(number) * (12 if unit == "years" else 1) == months
    pay, written = salary_of(ld), job.findtext("salary")
    assert (written is None) == (pay is None)
    if pay:
        amounts, currency, unit = pay
        symbol = re.escape(get_currency_symbol(currency, "en"))
        m = re.fullmatch(rf"{symbol}([\d,.]+)(?: - {symbol}([\d,.]+))? per (hour|day|week|month|year)", written)
        assert m, written
        assert [float(a.replace(",", "")) for a in m.groups()[:2] if a] == amounts and UNITS[m.group(3)] == unit


def test_indeed_feed_carries_exactly_the_open_postings_with_the_json_ld_values(built):
    root = parse_xml(built / "indeed.xml")
    assert root.tag == "source" and root.findtext("publisher") == "Test Co"
    assert root.findtext("publisherurl") == "https://jobs.test.example/" and root.findtext("lastBuildDate")
    pages = open_postings(built)
    jobs = root.findall("job")
    assert {job.findtext("url") for job in jobs} == set(pages) == {f"https://jobs.test.example/jobs/{s}/" for s in OPEN}
    for job in jobs:
        for tag in ("title", "date", "referencenumber", "requisitionid", "url", "company", "description", "country"):
            assert job.findtext(tag), tag  # the elements Indeed requires, never empty
        check_indeed_job(job, pages[job.findtext("url")])
    references = [job.findtext("referencenumber") for job in jobs]
    assert len(set(references)) == len(references)  # "the same job posted in multiple locations must have a unique value"


def test_posting_with_two_offices_is_one_indeed_job_per_city(built):
    jobs = [j for j in parse_xml(built / "indeed.xml").findall("job") if j.findtext("requisitionid") == "ENG-1"]
    assert [(j.findtext("city"), j.findtext("country"), j.findtext("referencenumber")) for j in jobs] == [
        ("Berlin", "DE", "ENG-1"), ("Paris", "FR", "ENG-1-paris-fr")]


def test_remote_posting_gets_remotetype_and_one_job_per_area_hires_may_live_in(built):
    jobs = [j for j in parse_xml(built / "indeed.xml").findall("job") if j.findtext("requisitionid") == "CS-2"]
    assert [(j.findtext("city"), j.findtext("state"), j.findtext("country"), j.findtext("remotetype")) for j in jobs] == [
        (None, "CA", "US", "Fully remote"), (None, "NY", "US", "Fully remote")]
    assert {j.findtext("email") for j in jobs} == {"jobs@test.example"}
    others = [j for j in parse_xml(built / "indeed.xml").findall("job") if j.findtext("requisitionid") != "CS-2"]
    assert all(j.find("remotetype") is None and j.find("email") is None for j in others)


def test_posting_without_salary_has_no_salary_element_and_its_slug_as_reference(built):
    [job] = [j for j in parse_xml(built / "indeed.xml").findall("job") if j.findtext("title") == "Office Manager"]
    assert job.find("salary") is None and job.findtext("referencenumber") == job.findtext("requisitionid") == "no-pay"


def test_indeed_description_is_the_posting_html_in_cdata(built):
    data = (built / "indeed.xml").read_bytes().decode()
    root = parse_xml(built / "indeed.xml")
    for job in root.findall("job"):
        assert f"<description><![CDATA[{job.findtext('description')}]]></description>" in data
        assert "<p>" in job.findtext("description")  # the HTML itself, not escaped once more


def test_linkedin_feed_carries_exactly_the_open_postings_with_the_json_ld_values(built):
    root = parse_xml(built / "linkedin.xml")
    pages = open_postings(built)
    jobs = root.findall("job")
    assert int(root.findtext("expectedJobCount")) == len(jobs) == 5  # 2 offices + 2 remote areas + 1
    assert root.findtext("publisher") == "Test Co" and root.findtext("publisherURL") == "https://jobs.test.example/"
    urls = set()
    for job in jobs:
        for tag in ("partnerJobId", "company", "title", "description", "applyUrl", "location"):
            assert job.findtext(tag), tag  # LinkedIn's mandatory fields (the company ID is an ATS's)
        assert len(job.findtext("partnerJobId")) <= 40
        [ld] = [ld for ld in pages.values() if ld["title"] == job.findtext("title")]
        urls.add(ld["url"])
        assert job.findtext("description") == ld["description"] and job.findtext("company") == ld["hiringOrganization"]["name"]
        place_of(ld, job.findtext("city"), job.findtext("state") or "", job.findtext("country"))
        assert (job.findtext("workplaceTypes") == "Remote") == (ld.get("jobLocationType") == "TELECOMMUTE")
        assert job.findtext("jobtype") == next(LINKEDIN_TYPES[t] for t in as_list(ld["employmentType"]) if t in LINKEDIN_TYPES)
        pay = salary_of(ld)
        assert (job.find("salaries") is None) == (pay is None)
        if pay:
            salary = job.find("salaries/salary")
            low, high = float(salary.findtext("lowEnd/amount")), float(salary.findtext("highEnd/amount"))
            assert [low, high] == (pay[0] * 2)[:2] if len(pay[0]) == 1 else [low, high] == pay[0]
            assert salary.findtext("lowEnd/currencyCode") == salary.findtext("highEnd/currencyCode") == pay[1]
            assert PERIODS[salary.findtext("period")] == pay[2] and salary.findtext("type") == "BASE_SALARY"
    assert urls == set(pages)
    ids = [job.findtext("partnerJobId") for job in jobs]
    assert len(set(ids)) == len(ids)
    remote_apply = {j.findtext("applyUrl") for j in jobs if j.findtext("title") == "Support Specialist"}
    assert remote_apply == {"https://jobs.test.example/jobs/remote/"}  # a mailto: link is not an apply URL: the page is


def test_json_feed_items_carry_exactly_the_open_postings_json_ld(built):
    feed = json.loads((built / "jobs.json").read_bytes())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://jobs.test.example/jobs.json" and feed["home_page_url"] == "https://jobs.test.example/"
    pages = open_postings(built)
    assert [item["url"] for item in feed["items"]] == [item["id"] for item in feed["items"]]
    assert {item["url"] for item in feed["items"]} == set(pages)
    for item in feed["items"]:
        assert item["_jobposting"] == pages[item["url"]]  # the very JobPosting of the page, as extruct reads it
        assert item["title"] == item["_jobposting"]["title"] and item["content_text"]  # the summary: the description is the JobPosting's
        assert item["date_published"].startswith(item["_jobposting"]["datePosted"])
    rss_summaries = {e.link: e.summary for e in feedparser.parse((built / "feed.xml").read_bytes()).entries}
    assert {item["url"]: item["content_text"] for item in feed["items"]} == rss_summaries  # as feed.xml has it
    published = [item["date_published"] for item in feed["items"]]
    assert published == sorted(published, reverse=True)  # newest first, as the listing


def listing_jobs(page) -> set[str]:
    doc = lxml_html.fromstring(page.read_bytes())
    return {a.get("href") for a in doc.xpath("//main//a[starts-with(@href, '/jobs/')]")}


def test_each_department_and_location_has_a_feed_of_its_open_postings_linked_from_its_page(built):
    pages = sorted(built.glob("departments/*/index.html")) + sorted(built.glob("locations/*/index.html"))
    assert {p.parent.name for p in pages} >= {"engineering", "support", "people", "berlin-de", "paris-fr", "remote"}
    for page in pages:
        doc = lxml_html.fromstring(page.read_bytes())
        links = doc.xpath("//head/link[@rel='alternate'][@type='application/rss+xml']/@href")
        own = f"https://jobs.test.example/{page.parent.relative_to(built).as_posix()}/feed.xml"
        assert own in links  # besides the site's feed.xml
        feed = feedparser.parse((page.parent / "feed.xml").read_bytes())
        assert not feed.bozo and feed.version == "rss20"
        assert {e.link.removeprefix("https://jobs.test.example") for e in feed.entries} == listing_jobs(page)
        assert feed.feed.link == own.removesuffix("feed.xml")
    remote = feedparser.parse((built / "locations/remote/feed.xml").read_bytes())
    assert [e.title for e in remote.entries] == ["Support Specialist"] and remote.feed.title == "Remote jobs · Test Careers"
    engineering = feedparser.parse((built / "departments/engineering/feed.xml").read_bytes())
    assert {e.title for e in engineering.entries} == {"Data Engineer"}  # not the expired, draft or scheduled roles


def test_board_feeds_and_jobs_json_are_off_by_default(tmp_path):
    site = write_site(tmp_path / "a", {"role.md": posting_text(**basic_fields())})
    build_site(site, search=False)
    assert not (site / "output/jobs.json").exists()
    assert not (site / "output/indeed.xml").exists() and not (site / "output/linkedin.xml").exists()
    site = write_site(tmp_path / "b", {"role.md": posting_text(**basic_fields())}, CONFIG + "[feeds]\njson = true\n")
    build_site(site, search=False)
    assert (site / "output/jobs.json").is_file()


def test_a_feeds_setting_of_the_wrong_kind_is_reported_with_its_line(tmp_path):
    from careersite.config import load_config

    write_site(tmp_path, {}, CONFIG + "[feeds]\nindeed = \"yes\"\nlinkdin = true\n")
    problems = Problems()
    assert load_config(tmp_path, problems) is None
    text = "\n".join(str(p) for p in problems.items)
    assert "feeds.indeed" in text and "true or false" in text
    assert "feeds.linkdin" in text and "did you mean linkedin" in text


def test_editing_a_posting_changes_every_feed_and_a_rebuild_equals_a_cold_build(tmp_path):
    site = write_site(tmp_path / "site", POSTINGS, FEEDS_ON)
    build_site(site, search=False)
    before = tree(site / "output")
    path = site / "content/jobs/two-offices.md"
    path.write_text(path.read_text().replace("title: Data Engineer", "title: Staff Data Engineer"))
    build_site(site, search=False)
    after = tree(site / "output")
    for name in ("indeed.xml", "linkedin.xml", "jobs.json", "feed.xml", "departments/engineering/feed.xml", "locations/berlin-de/feed.xml"):
        assert after[name] != before[name], name
        assert b"Staff Data Engineer" in after[name]
    assert after["departments/support/feed.xml"] == before["departments/support/feed.xml"]  # other groups' feeds untouched
    build_site(site, output=tmp_path / "cold", cache=False, search=False)
    assert tree(tmp_path / "cold") == after


def test_same_postings_give_the_same_bytes(tmp_path):
    outputs = []
    for name in ("one", "two"):
        site = write_site(tmp_path / name, POSTINGS, FEEDS_ON)
        build_site(site, search=False)
        outputs.append({k: v for k, v in tree(site / "output").items() if k.endswith((".xml", ".json"))})
    assert outputs[0] == outputs[1] and "indeed.xml" in outputs[0]


def test_example_site_feeds_parse_and_carry_exactly_its_open_postings(built_example):
    pages = open_postings(built_example)
    assert pages
    indeed_jobs = parse_xml(built_example / "indeed.xml").findall("job")
    assert {j.findtext("url") for j in indeed_jobs} == set(pages)
    for job in indeed_jobs:
        check_indeed_job(job, pages[job.findtext("url")])
    linkedin_titles = {j.findtext("title") for j in parse_xml(built_example / "linkedin.xml").findall("job")}
    assert linkedin_titles == {ld["title"] for ld in pages.values()}
    items = json.loads((built_example / "jobs.json").read_bytes())["items"]
    assert {i["url"]: i["_jobposting"] for i in items} == pages
    every_feed = sorted(built_example.glob("departments/*/feed.xml")) + sorted(built_example.glob("locations/*/feed.xml"))
    assert every_feed
    for path in every_feed:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo and {e.link for e in feed.entries} <= set(pages)
        assert {e.link.removeprefix("https://careers.acme.example") for e in feed.entries} == listing_jobs(path.parent / "index.html")


# -- the formats as pure functions -------------------------------------------------------------

SITE = SiteConfig(title="Acme Careers", base_url="https://jobs.example", company=Company("Acme & Sons"))


def _posting(**fields) -> Posting:
    values = dict(slug="role", source="content/jobs/role.md", title="Role", body="", apply_url="https://acme.example/apply",
                  date_posted=dt.date(2026, 11, 20), locations=(Location("Berlin", "DE"),))
    return Posting(**{**values, **fields})


def test_a_value_holding_the_cdata_end_is_still_read_as_written():
    posting = _posting(title="Odd ]]> title")
    for make in (indeed, linkedin):
        job = etree.fromstring(make([(posting, "<p>a ]]&gt; b</p>", "")], SITE)).find("job")
        assert job.findtext("title") == "Odd ]]> title" and job.findtext("company") == "Acme & Sons"


def test_an_empty_feed_is_a_valid_document():
    for make in (indeed, linkedin):
        root = etree.fromstring(make([], SITE))
        assert root.tag == "source" and root.findall("job") == [] and root.find("lastBuildDate") is None
    assert json.loads(json_feed([], SITE))["items"] == []


def test_linkedin_ids_stay_within_40_characters_and_apart():
    long = "a-very-long-posting-slug-that-goes-on-and-on"
    assert linkedin_id("ENG-1") == "ENG-1"
    assert len(linkedin_id(long + "-berlin-de")) == 40 and linkedin_id(long + "-berlin-de") != linkedin_id(long + "-paris-fr")


def test_one_salary_amount_is_both_ends_in_linkedin_and_one_figure_in_indeed():
    posting = _posting(salary=Salary("USD", "year", value=1_000_000))
    salary = etree.fromstring(linkedin([(posting, "<p>x</p>", "")], SITE)).find("job/salaries/salary")
    assert salary.findtext("lowEnd/amount") == salary.findtext("highEnd/amount") == "1000000"
    assert etree.fromstring(indeed([(posting, "<p>x</p>", "")], SITE)).findtext("job/salary") == "$1,000,000 per year"


def test_the_repository_example_site_turns_the_board_feeds_on():
    from conftest import REPO

    from careersite.config import load_config

    problems = Problems()
    config = load_config(REPO, problems)
    assert not problems and config.feeds.indeed and config.feeds.linkedin and config.feeds.json


def test_a_control_character_xml_cannot_hold_names_the_posting_and_leaves_the_output_as_it_was(tmp_path):
    from careersite.problems import ContentError

    postings = {"a.md": posting_text(**basic_fields()), "b.md": posting_text(**basic_fields(id="ENG-2", title='"Data\\x01 Engineer"'))}
    site = write_site(tmp_path, postings, FEEDS_ON)
    with pytest.raises(ContentError) as raised:
        build_site(site, search=False)
    assert [(p.path, p.field) for p in raised.value.problems] == [("content/jobs/b.md", "title")]
    assert "control character" in raised.value.problems[0].message
    assert not (site / "output/indeed.xml").exists()


def test_editing_one_posting_makes_one_json_feed_item_again_and_loads_no_other_postings_html(tmp_path):
    from careersite.build import BuildOptions, build
    from careersite.cache import CACHE_DIR, BuildCache

    from conftest import NOW

    postings = {f"job-{i}.md": posting_text(**basic_fields(id=f"ENG-{i}", title=f"Engineer {i}")) for i in range(12)}
    site = write_site(tmp_path / "site", postings, CONFIG + "[feeds]\njson = true\n")  # the board feeds off
    build_site(site, search=False)
    before = (site / "output/jobs.json").read_bytes()
    path = site / "content/jobs/job-3.md"
    path.write_text(path.read_text().replace("Build things.", "Build better things."))
    cache = BuildCache.open(site / CACHE_DIR)  # held, as serve holds it, to see what the build read
    build(BuildOptions(source=site, output=site / "output", now=NOW, search=False), cache=cache)
    assert cache.loaded == {}  # no shard of posting HTML read: the other items came from the cache
    after = (site / "output/jobs.json").read_bytes()
    assert after != before and b"Build better things." in after
    build_site(site, output=tmp_path / "cold", cache=False, search=False)
    assert (tmp_path / "cold/jobs.json").read_bytes() == after


def test_two_offices_in_one_city_are_two_jobs_with_their_own_references():
    from careersite.job_feeds import feed_jobs

    offices = (Location("Berlin", "DE", street="Unter den Linden 1"), Location("Berlin", "DE", street="Alexanderplatz 2"),
               Location("Berlin", "DE", street="Kurfürstendamm 3"))
    jobs = feed_jobs(_posting(id="ENG-7", locations=offices))
    assert [job.reference for job in jobs] == ["ENG-7", "ENG-7-berlin-de", "ENG-7-berlin-de-2"]
    root = etree.fromstring(indeed([(_posting(id="ENG-7", locations=offices), "<p>x</p>", "")], SITE))
    assert len({job.findtext("referencenumber") for job in root.findall("job")}) == 3


def test_a_posting_applied_to_by_its_own_form_sends_linkedin_candidates_to_its_page():
    posting = _posting(apply="form", apply_url="")
    job = etree.fromstring(linkedin([(posting, "<p>x</p>", "")], SITE)).find("job")
    assert job.findtext("applyUrl") == "https://jobs.example/jobs/role/"
    linked = _posting(apply_url="https://acme.example/apply?job=7")
    assert etree.fromstring(linkedin([(linked, "<p>x</p>", "")], SITE)).findtext("job/applyUrl") == "https://acme.example/apply?job=7"
