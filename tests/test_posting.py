"""Unit tests for careersite.posting_file.read_posting and careersite.content.read_postings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from careersite.config import Company, Defaults, SiteConfig
from careersite.content import read_postings
from careersite.posting import Location, Posting, Salary
from careersite.posting_file import read_posting
from careersite.sourcefile import MAX_FILE_BYTES
from careersite.problems import Problems

CONFIG = SiteConfig(
    title="Acme Careers",
    base_url="https://careers.acme.example",
    company=Company(name="Acme Corp"),
    defaults=Defaults(apply_url="https://acme.example/apply?job={id}", currency="USD"),
)
NO_APPLY_DEFAULT = SiteConfig(title="Acme Careers", base_url="https://careers.acme.example", company=Company(name="Acme Corp"))

NAME = "data-engineer.md"
SHOWN = f"content/jobs/{NAME}"
BODY = "## About the role\n\nBuild and run our data pipelines.\n"
DELETE = object()  # in a change set: remove the field


class Block(list):
    """A YAML list written one item per line ('  - item'), so each item has its own line."""


def render(value: object) -> str:
    """A value as YAML flow text. Strings are written as they are (raw YAML), so tests control quoting."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


@dataclass
class Written:
    path: Path
    lines: dict[str, int] = field(default_factory=dict)  # key -> line
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # Block key -> item lines
    closing_line: int = 0  # the closing '---'


def front_matter(fields: dict) -> tuple[str, Written]:
    written = Written(Path())
    out = ["---"]
    for key, value in fields.items():
        if isinstance(value, Block):
            out.append(f"{key}:")
            written.lines[key] = len(out)
            written.item_lines[key] = []
            for item in value:
                out.append(f"  - {render(item)}")
                written.item_lines[key].append(len(out))
        else:
            out.append(f"{key}: {render(value)}".rstrip())
            written.lines[key] = len(out)
    out.append("---")
    written.closing_line = len(out)
    return "\n".join(out) + "\n", written


def write_posting(folder: Path, name: str, fields: dict, body: str = BODY) -> Written:
    """Write NAME in FOLDER from front matter FIELDS and BODY; returns where each field went."""
    text, written = front_matter(fields)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + body, encoding="utf-8")
    written.path = path
    return written


VALID = {
    "title": "Senior Data Engineer",  # line 2
    "id": "ENG-7",  # 3
    "date_posted": "2026-11-20",  # 4
    "valid_through": "2027-01-31",  # 5
    "department": "Engineering",  # 6
    "employment_type": "full_time",  # 7
    "workplace": "hybrid",  # 8
    "locations": Block(  # 9
        [
            {"city": "Toronto", "region": "ON", "country": "CA"},  # 10
            {"city": "Berlin", "country": "DE", "postal_code": 10115},  # 11
        ]
    ),
    "salary": {"min": 90000, "max": 120000, "currency": "EUR", "unit": "year"},  # 12
}


def changed(**changes: object) -> dict:
    fields = dict(VALID)
    for key, value in changes.items():
        if value is DELETE:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def read(folder: Path, fields: dict, body: str = BODY, name: str = NAME, config: SiteConfig = CONFIG):
    written = write_posting(folder, name, fields, body)
    problems = Problems()
    posting = read_posting(written.path, f"content/jobs/{name}", config, problems)
    return posting, [str(p) for p in problems.items], written


def read_file(path: Path, config: SiteConfig = CONFIG):
    problems = Problems()
    posting = read_posting(path, f"content/jobs/{path.name}", config, problems)
    return posting, [str(p) for p in problems.items]


# --- a valid posting ---------------------------------------------------------------------------


def test_valid_posting(tmp_path):
    posting, problems, _ = read(tmp_path, VALID)
    assert problems == []
    assert isinstance(posting, Posting)
    assert posting.slug == "data-engineer"
    assert posting.url == "/jobs/data-engineer/"
    assert posting.source == SHOWN
    assert posting.title == "Senior Data Engineer"
    assert posting.id == "ENG-7"
    assert posting.id_line == 3
    assert posting.date_posted == dt.date(2026, 11, 20)
    assert posting.valid_through == dt.date(2027, 1, 31)
    assert posting.updated is None
    assert posting.lastmod == dt.date(2026, 11, 20)
    assert posting.department == "Engineering"
    assert posting.employment_types == ("full_time",)
    assert posting.workplace == "hybrid"
    assert posting.locations == (
        Location(city="Toronto", country="CA", region="ON"),
        Location(city="Berlin", country="DE", postal_code="10115"),
    )
    assert posting.locations[0].label == "Toronto, ON, Canada"
    assert posting.locations[1].label == "Berlin, Germany"
    assert posting.locations[1].slug == "berlin-de"
    assert posting.salary == Salary(currency="EUR", unit="year", min=90000, max=120000)
    assert posting.body == BODY
    assert posting.apply_url == "https://acme.example/apply?job=ENG-7"
    assert posting.draft is False


def test_the_example_postings_are_valid():
    jobs = Path(__file__).resolve().parent.parent / "content" / "jobs"
    files = sorted(jobs.glob("*.md"))
    assert files
    for path in files:
        posting, problems = read_file(path)
        assert problems == [], path.name
        assert posting.slug == path.stem.replace(".", "-")  # designer.de.md: a translation (test_languages)


def test_optional_fields(tmp_path):
    fields = changed(
        updated="2026-11-22",
        team="Data Platform",
        employment_type=["full_time", "contractor", "full_time"],
        experience_months=36,
        education="bachelor_degree",
        direct_apply=True,
        summary="Build pipelines.",
        keywords=["Python", " SQL "],
        salary={"value": 25.5, "unit": "hour"},
    )
    posting, problems, _ = read(tmp_path, fields)
    assert problems == []
    assert posting.updated == dt.date(2026, 11, 22)
    assert posting.lastmod == dt.date(2026, 11, 22)
    assert posting.team == "Data Platform"
    assert posting.employment_types == ("full_time", "contractor")
    assert posting.experience_months == 36
    assert posting.education == "bachelor_degree"
    assert posting.direct_apply is True
    assert posting.summary == "Build pipelines."
    assert posting.keywords == ("Python", "SQL")
    assert posting.salary == Salary(currency="USD", unit="hour", value=25.5)  # currency from the config


def test_single_location_as_a_mapping(tmp_path):
    posting, problems, _ = read(tmp_path, changed(locations={"city": "Leeds", "country": "GB"}))
    assert problems == []
    assert posting.locations == (Location(city="Leeds", country="GB"),)


@pytest.mark.parametrize("written, expected", [
    ("'San Francisco, CA'", (Location("San Francisco", "US", "CA"),)),  # California, not Canada
    ("'Atlanta, GA'", (Location("Atlanta", "US", "GA"),)),
    ("['Denver, CO', 'Berlin, DE']", (Location("Denver", "US", "CO"), Location("Berlin", "DE", "BE"))),
    ("'Austin, TX'", (Location("Austin", "US", "TX"),)),
    ("'Wilmington, DE, US'", (Location("Wilmington", "US", "DE"),)),
    ("['Toronto, ON, CA', {city: Leeds, country: GB}]", (Location("Toronto", "CA", "ON"), Location("Leeds", "GB"))),
])
def test_locations_written_as_text_are_read_by_the_shared_place_parser(tmp_path, written, expected):
    posting, problems, _ = read(tmp_path, changed(locations=written))
    assert problems == [] and posting.locations == expected


def test_a_salary_note_is_read_with_the_salary(tmp_path):
    posting, problems, _ = read(tmp_path, changed(salary={"min": 160000, "max": 240000, "note": "+ equity"}))
    assert problems == [] and posting.salary == Salary(currency="USD", unit="year", min=160000, max=240000, note="+ equity")


def test_a_city_table_name_with_another_country_and_a_region_is_kept(tmp_path):
    locations = Block([{"city": "London", "country": "CA", "region": "ON"}, {"city": "Paris", "country": "US", "region": "TX"},
                       {"city": "London", "country": "CA"}])
    posting, problems, _ = read(tmp_path, changed(locations=locations))
    assert problems == [] and [loc.country for loc in posting.locations] == ["CA", "US", "CA"]


def test_remote_posting_with_applicant_locations(tmp_path):
    fields = changed(workplace="remote", locations=DELETE, applicant_locations=["US", "US-CA", "DE"])
    posting, problems, _ = read(tmp_path, fields)
    assert problems == []
    assert posting.workplace == "remote"
    assert posting.locations == ()
    assert posting.applicant_locations == ("US", "US-CA", "DE")


def test_workplace_defaults_to_onsite(tmp_path):
    posting, problems, _ = read(tmp_path, changed(workplace=DELETE))
    assert problems == []
    assert posting.workplace == "onsite"


def test_datetime_valid_through_with_z_is_accepted(tmp_path):
    posting, problems, _ = read(tmp_path, changed(valid_through="2027-01-31T17:00:00Z"))
    assert problems == []
    assert posting.valid_through == dt.datetime(2027, 1, 31, 17, 0, tzinfo=dt.timezone.utc)


def test_valid_through_on_the_day_posted_is_accepted(tmp_path):
    posting, problems, _ = read(tmp_path, changed(valid_through="2026-11-20T09:00:00Z"))
    assert problems == []
    assert posting.valid_through == dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone.utc)


def test_valid_through_date_means_the_whole_day(tmp_path):
    """A date-only valid_through lasts until the end of its day, so it is not before a date-time posted that day."""
    posting, problems, _ = read(tmp_path, changed(date_posted="2026-11-20T15:00:00Z", valid_through="2026-11-20"))
    assert problems == []
    assert posting.date_posted == dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)
    assert posting.valid_through == dt.date(2026, 11, 20)


def test_draft_without_date_posted_is_fine(tmp_path):
    posting, problems, _ = read(tmp_path, changed(date_posted=DELETE, valid_through=DELETE, draft=True))
    assert problems == []
    assert posting.draft is True
    assert posting.date_posted is None


def test_date_posted_is_required_when_not_a_draft(tmp_path):
    posting, problems, _ = read(tmp_path, changed(date_posted=DELETE, valid_through=DELETE))
    assert posting is None
    assert problems == [f"{SHOWN}:2: date_posted: missing; expected a date such as 2026-11-20"]


# --- apply_url -----------------------------------------------------------------------------------


def test_apply_url_from_the_config_default_with_id(tmp_path):
    posting, problems, _ = read(tmp_path, changed(id="ENG-42"))
    assert problems == []
    assert posting.apply_url == "https://acme.example/apply?job=ENG-42"


def test_apply_url_from_the_config_default_uses_the_slug_without_id(tmp_path):
    posting, problems, _ = read(tmp_path, changed(id=DELETE))
    assert problems == []
    assert posting.apply_url == "https://acme.example/apply?job=data-engineer"


def test_apply_url_default_with_slug_placeholder(tmp_path):
    config = SiteConfig(
        title="T", base_url="https://t.example", company=Company(name="T"),
        defaults=Defaults(apply_url="https://t.example/apply/{slug}/{id}"),
    )
    posting, problems, _ = read(tmp_path, VALID, config=config)
    assert problems == []
    assert posting.apply_url == "https://t.example/apply/data-engineer/ENG-7"


def test_apply_url_in_the_posting_wins(tmp_path):
    posting, problems, _ = read(tmp_path, changed(apply_url="mailto:data@acme.example"))
    assert problems == []
    assert posting.apply_url == "mailto:data@acme.example"


def test_apply_url_missing_everywhere(tmp_path):
    posting, problems, _ = read(tmp_path, VALID, config=NO_APPLY_DEFAULT)
    assert posting is None
    assert problems == [f"{SHOWN}:2: apply_url: missing; give apply_url here or [defaults] apply_url in careersite.toml, or apply: form"]


def test_javascript_apply_url_is_rejected(tmp_path):
    posting, problems, written = read(tmp_path, changed(apply_url="'javascript:alert(1)'"))
    assert posting is None
    assert problems == [
        f"{SHOWN}:{written.lines['apply_url']}: apply_url: 'javascript:alert(1)' is not an http(s) or mailto URL"
    ]


# --- one mistake, one problem --------------------------------------------------------------------

# (change set, field, where: a key / (key, item index) / a line number, words the message must hold)
MISTAKES = {
    "employment_type typo": (
        dict(employment_type="fulltime"), "employment_type", "employment_type",
        ["'fulltime' is not one of full_time, part_time", "(did you mean full_time?)"],
    ),
    "unknown field": (dict(salery="5"), "salery", "salery", ["unknown field (did you mean salary?)"]),
    "missing title": (dict(title=DELETE), "title", 2, ["missing; this field is required"]),
    "title is a number": (dict(title=42), "title", "title", ["42 is a number; expected text"]),
    "empty title": (dict(title='""'), "title", "title", ["is empty; this field is required"]),
    "blank title": (dict(title="'   '"), "title", "title", ["is empty; this field is required"]),
    "February 30": (dict(date_posted="2026-02-30"), "date_posted", "date_posted", ["'2026-02-30' is not a date", "YYYY-MM-DD"]),
    "day/month/year": (dict(date_posted="31/12/2026"), "date_posted", "date_posted", ["'31/12/2026' is not a date"]),
    "date as a number": (dict(updated=2026), "updated", "updated", ["2026 is not a date"]),
    "valid_through before date_posted": (
        dict(valid_through="2026-11-19"), "valid_through", "valid_through",
        ["2026-11-19 is before date_posted 2026-11-20"],
    ),
    "valid_through datetime before date_posted": (
        dict(valid_through="2026-11-19T23:59:59Z"), "valid_through", "valid_through", ["is before date_posted 2026-11-20"],
    ),
    "unknown country": (
        dict(locations=Block([{"city": "Berlin", "country": "DE"}, {"city": "Nowhere", "country": "XX"}])),
        "locations", ("locations", 1), ["item 2: country 'XX' is not an ISO 3166-1 alpha-2 code"],
    ),
    "lowercase country": (
        dict(locations=Block([{"city": "Berlin", "country": "de"}])),
        "locations", ("locations", 0), ["item 1: country 'de' is not an ISO 3166-1 alpha-2 code"],
    ),
    "unknown region": (
        dict(locations=Block([{"city": "Springfield", "region": "ZZ", "country": "US"}])),
        "locations", ("locations", 0), ["item 1: region 'ZZ' is not an ISO 3166-2 subdivision of US"],
    ),
    "location without city": (
        dict(locations=Block([{"country": "DE"}])), "locations", ("locations", 0), ["item 1: city is missing"],
    ),
    "unknown location key": (
        dict(locations=Block([{"city": "Berlin", "country": "DE", "regoin": "BE"}])),
        "locations", ("locations", 0), ["item 1: unknown key 'regoin' (did you mean region?)"],
    ),
    "locations not a list": (dict(locations="42"), "locations", "locations", ["42 is not a list of locations"]),
    "location text without a country": (dict(locations="Berlin"), "locations", "locations", ["'Berlin' names no country; write 'Berlin, DE'"]),
    "location text with a state code that is also a country": (
        dict(locations="'Wilmington, DE'"), "locations", "locations",
        ["'Wilmington, DE': DE is both Delaware (US-DE) and Germany; write 'Wilmington, DE, US' or 'Wilmington, Germany'"],
    ),
    "location text in a list, ambiguous": (
        dict(locations=Block(["Austin, TX", "Savannah, Georgia"])), "locations", ("locations", 1),
        ["item 2: 'Savannah, Georgia': Georgia is both Georgia (US-GA) and the country Georgia (GE); write 'Savannah, GA, US' or 'Savannah, GE'"],
    ),
    "locations: Remote": (
        dict(locations="Remote"), "locations", "locations",
        ["'Remote' is not a place; for a remote job write workplace: remote and applicant_locations"],
    ),
    "locations: 'Remote, DE'": (
        dict(locations="'Remote, Germany'"), "locations", "locations",
        ["'Remote, Germany' is a workplace, not a location; write workplace: remote and applicant_locations: [DE]"],
    ),
    "state written as the country (what new wrote before)": (
        dict(locations=Block([{"city": "San Francisco", "country": "CA"}])), "locations", ("locations", 0),
        ["item 1: San Francisco with country CA (Canada) reads like California (US-CA); write region: CA, country: US"],
    ),
    "country written USA": (
        dict(locations=Block([{"city": "Austin", "region": "TX", "country": "USA"}])), "locations", ("locations", 0),
        ["item 1: country 'USA' is not an ISO 3166-1 alpha-2 code; did you mean US?"],
    ),
    "country written United States": (
        dict(locations=Block([{"city": "Austin", "country": "United States"}])), "locations", ("locations", 0),
        ["country 'United States' is not an ISO 3166-1 alpha-2 code; did you mean US?"],
    ),
    "country written Germany": (
        dict(locations=Block([{"city": "Berlin", "country": "Germany"}])), "locations", ("locations", 0),
        ["country 'Germany' is not an ISO 3166-1 alpha-2 code; did you mean DE?"],
    ),
    "applicant country written USA": (
        dict(workplace="remote", applicant_locations=["USA"]), "applicant_locations", "applicant_locations",
        ["'USA' is not an ISO 3166 country (US) or subdivision (US-CA) code; did you mean US?"],
    ),
    "applicant country written United States": (
        dict(workplace="remote", applicant_locations=["United States"]), "applicant_locations", "applicant_locations",
        ["did you mean US?"],
    ),
    "applicant country written Germany": (
        dict(workplace="remote", applicant_locations=["Germany"]), "applicant_locations", "applicant_locations", ["did you mean DE?"],
    ),
    "applicant region written California": (
        dict(workplace="remote", applicant_locations=["California"]), "applicant_locations", "applicant_locations",
        ["did you mean US-CA?"],
    ),
    "unknown currency": (
        dict(salary={"min": 1, "max": 2, "currency": "XYZ"}), "salary", "salary",
        ["currency 'XYZ' is not an ISO 4217 code"],
    ),
    "salary min greater than max": (
        dict(salary={"min": 120000, "max": 90000}), "salary", "salary", ["min 120000 is greater than max 90000"],
    ),
    "negative amount": (dict(salary={"min": -5, "max": 10}), "salary", "salary", ["min -5 is not a positive amount"]),
    "zero amount": (dict(salary={"value": 0}), "salary", "salary", ["value 0 is not a positive amount"]),
    "amount as text": (dict(salary={"value": "lots"}), "salary", "salary", ["value 'lots' is not a positive amount"]),
    "unknown unit": (
        dict(salary={"value": 50000, "unit": "annual"}), "salary", "salary",
        ["unit 'annual' is not one of hour, day, week, month, year"],
    ),
    "value and min": (
        dict(salary={"value": 50000, "min": 40000}), "salary", "salary", ["give either value, or min and max, not both"],
    ),
    "min without max": (dict(salary={"min": 40000}), "salary", "salary", ["needs value, or both min and max"]),
    "salary note not text": (dict(salary={"value": 1, "note": 5}), "salary", "salary", ["note 5 is not text"]),
    "unknown salary key": (
        dict(salary={"value": 1, "currancy": "EUR"}), "salary", "salary", ["unknown key 'currancy' (did you mean currency?)"],
    ),
    "remote without applicant_locations": (
        dict(workplace="remote", locations=DELETE), "applicant_locations", 2,
        ["missing; a remote posting must say where hires may live"],
    ),
    "unknown applicant subdivision": (
        dict(workplace="remote", applicant_locations=["US", "US-ZZ"]), "applicant_locations", "applicant_locations",
        ["'US-ZZ' is not an ISO 3166 country (US) or subdivision (US-CA) code"],
    ),
    "unknown applicant country": (
        dict(workplace="remote", applicant_locations=["XX"]), "applicant_locations", "applicant_locations", ["'XX' is not an ISO 3166"],
    ),
    "onsite without locations": (
        dict(workplace="onsite", locations=DELETE), "locations", 2,
        ["missing; an onsite posting needs at least one location with city and country"],
    ),
    "hybrid without locations": (dict(locations=DELETE), "locations", 2, ["a hybrid posting needs at least one location"]),
    "unknown workplace": (dict(workplace="remotely"), "workplace", "workplace", ["'remotely' is not one of onsite, hybrid, remote", "(did you mean remote?)"]),
    "unknown education": (dict(education="bachelor"), "education", "education", ["(did you mean bachelor_degree?)"]),
    "negative experience": (dict(experience_months=-1), "experience_months", "experience_months", ["-1 is not a whole number of months"]),
    "draft is not a boolean": (dict(draft="yes"), "draft", "draft", ["'yes' is not true or false"]),
    "keywords not text": (dict(keywords=[1, 2]), "keywords", "keywords", ["[1, 2] is not a list of text values"]),
    "apply_url javascript": (
        dict(apply_url="javascript:alert(1)"), "apply_url", "apply_url", ["'javascript:alert(1)' is not an http(s) or mailto URL"],
    ),
    "apply_url relative": (dict(apply_url="/apply"), "apply_url", "apply_url", ["'/apply' is not an http(s) or mailto URL"]),
    # department and team are read with the others: a wrong one refuses the posting like any mistake
    "department a list": (dict(department="[Eng, Ops]"), "department", "department", ["['Eng', 'Ops'] is a list; expected text"]),
    "team a number": (dict(team=7), "team", "team", ["7 is a number; expected text"]),
}


@pytest.mark.parametrize("changes, field_name, where, words", list(MISTAKES.values()), ids=list(MISTAKES))
def test_one_mistake_gives_one_problem(tmp_path, changes, field_name, where, words):
    posting, problems, written = read(tmp_path, changed(**changes))
    assert posting is None
    assert len(problems) == 1, problems
    if isinstance(where, int):
        line = where
    elif isinstance(where, tuple):
        line = written.item_lines[where[0]][where[1]]
    else:
        line = written.lines[where]
    prefix = f"{SHOWN}:{line}: {field_name}: "
    assert problems[0].startswith(prefix), problems[0]
    for word in words:
        assert word in problems[0]


def test_item_lines_point_at_the_right_location(tmp_path):
    """The line of a bad location is the line of its item, not of the 'locations' key."""
    locations = Block([{"city": "Berlin", "country": "DE"}, {"city": "A", "country": "XX"}, {"city": "B", "country": "YY"}])
    posting, problems, written = read(tmp_path, changed(locations=locations))
    assert posting is None
    assert written.item_lines["locations"] == [10, 11, 12]
    assert problems == [
        f"{SHOWN}:11: locations: item 2: country 'XX' is not an ISO 3166-1 alpha-2 code such as US, DE or GB",
        f"{SHOWN}:12: locations: item 3: country 'YY' is not an ISO 3166-1 alpha-2 code such as US, DE or GB",
    ]


def test_salary_mistakes_are_reported_together(tmp_path):
    posting, problems, written = read(tmp_path, changed(salary={"min": 0, "max": -1, "currency": "XYZ", "unit": "annual"}))
    assert posting is None
    line = written.lines["salary"]
    assert problems == [
        f"{SHOWN}:{line}: salary: min 0 is not a positive amount",
        f"{SHOWN}:{line}: salary: max -1 is not a positive amount",
        f"{SHOWN}:{line}: salary: currency 'XYZ' is not an ISO 4217 code such as USD, EUR or GBP",
        f"{SHOWN}:{line}: salary: unit 'annual' is not one of hour, day, week, month, year",
    ]


# --- the body --------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "\n", "   \n"])
def test_empty_body(tmp_path, body):
    posting, problems, written = read(tmp_path, VALID, body=body)
    assert posting is None
    assert len(problems) == 1, problems
    line = int(problems[0].split(":")[1])
    assert line > written.closing_line
    assert problems[0].endswith(": the description is empty; write the job description below the front matter")


def test_empty_body_without_anything_after_the_front_matter(tmp_path):
    posting, problems, written = read(tmp_path, VALID, body="")
    assert problems == [
        f"{SHOWN}:{written.closing_line + 1}: the description is empty; write the job description below the front matter"
    ]


# --- file level -------------------------------------------------------------------------------------


def test_bom_and_crlf_line_endings(tmp_path):
    text, _ = front_matter(VALID)
    path = tmp_path / NAME
    path.write_bytes(("\ufeff" + text + BODY).replace("\n", "\r\n").encode("utf-8"))
    posting, problems = read_file(path)
    assert problems == []
    assert posting.title == "Senior Data Engineer"
    assert posting.date_posted == dt.date(2026, 11, 20)
    assert "\r" not in posting.body
    assert posting.body == BODY


def test_crlf_file_reports_the_right_lines(tmp_path):
    text, written = front_matter(changed(employment_type="fulltime"))
    path = tmp_path / NAME
    path.write_bytes(("\ufeff" + text + BODY).replace("\n", "\r\n").encode("utf-8"))
    posting, problems = read_file(path)
    assert posting is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{written.lines['employment_type']}: employment_type: 'fulltime'")


def test_old_mac_line_endings(tmp_path):
    text, _ = front_matter(VALID)
    path = tmp_path / NAME
    path.write_bytes((text + BODY).replace("\n", "\r").encode("utf-8"))
    posting, problems = read_file(path)
    assert problems == []
    assert posting.body == BODY


def test_non_utf8_file_reports_the_byte_offset(tmp_path):
    text, _ = front_matter(changed(department="Caf\x00"))  # placeholder replaced by a Latin-1 byte below
    raw = (text + BODY).encode("utf-8").replace(b"\x00", b"\xe9")
    path = tmp_path / NAME
    path.write_bytes(raw)
    offset = raw.index(b"\xe9")
    posting, problems = read_file(path)
    assert posting is None
    assert problems == [f"{SHOWN}:6: is not UTF-8 text: byte 0xe9 at offset {offset}; save the file as UTF-8"]


def test_non_utf8_file_with_a_bom_reports_the_byte_offset(tmp_path):
    raw = b"\xef\xbb\xbf---\ntitle: Caf\xe9\n---\nBody\n"
    path = tmp_path / NAME
    path.write_bytes(raw)
    posting, problems = read_file(path)
    assert posting is None
    offset = raw.index(b"\xe9")  # 17: the three BOM bytes count
    assert problems == [f"{SHOWN}:2: is not UTF-8 text: byte 0xe9 at offset {offset}; save the file as UTF-8"]


def test_nul_byte_means_binary(tmp_path):
    path = tmp_path / NAME
    path.write_bytes(b"---\ntitle: x\x00\n---\nBody\n")
    posting, problems = read_file(path)
    assert posting is None
    assert problems == [f"{SHOWN}: is a binary file (NUL byte at offset 12), not Markdown text"]


def test_utf16_file_is_reported_as_binary(tmp_path):
    text, _ = front_matter(VALID)
    path = tmp_path / NAME
    path.write_bytes((text + BODY).encode("utf-16"))
    posting, problems = read_file(path)
    assert posting is None
    assert len(problems) == 1
    assert "is a binary file (NUL byte at offset" in problems[0]


def test_file_over_one_megabyte_is_refused(tmp_path):
    text, _ = front_matter(VALID)
    head = (text + BODY).encode("utf-8")
    path = tmp_path / NAME
    path.write_bytes(head + b"x" * (MAX_FILE_BYTES + 1 - len(head)))
    assert path.stat().st_size == 1_000_001
    posting, problems = read_file(path)
    assert posting is None
    assert problems == [f"{SHOWN}: is 1,000,001 bytes; content files are limited to 1,000,000 bytes"]


def test_file_of_exactly_one_megabyte_is_read(tmp_path):
    text, _ = front_matter(VALID)
    head = (text + BODY).encode("utf-8")
    path = tmp_path / NAME
    path.write_bytes(head + b"x" * (MAX_FILE_BYTES - len(head)))
    posting, problems = read_file(path)
    assert problems == []
    assert len(posting.body) == MAX_FILE_BYTES - len(text.encode("utf-8"))


def test_no_front_matter(tmp_path):
    path = tmp_path / NAME
    path.write_text("# Data Engineer\n\nNo fields here.\n", encoding="utf-8")
    posting, problems = read_file(path)
    assert posting is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:1: no front matter")


def test_yaml_error_is_reported_with_its_line(tmp_path):
    path = tmp_path / NAME
    path.write_text('---\ntitle: x\nsummary: "open\nid: 3\n---\nBody\n', encoding="utf-8")
    posting, problems = read_file(path)
    assert posting is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:3: YAML syntax error")


def test_file_name_without_a_slug(tmp_path):
    posting, problems, _ = read(tmp_path, VALID, name="---.md")
    assert posting is None
    assert problems == ["content/jobs/---.md: the file name gives an empty URL slug; name it like senior-data-engineer.md"]


def test_the_field_table_reads_every_field_once_and_fills_every_posting_attribute():
    """FIELDS (what a file may give, in `import`'s order) and the table (what is read) name the same
    keys, and the table fills each Posting attribute a file decides."""
    from careersite.posting_fields import FIELDS, POSTING_FIELDS

    read_keys = [entry.key for entry in POSTING_FIELDS if entry.attr]
    assert sorted(read_keys) == sorted(FIELDS)
    decided = {f.name for f in dataclasses.fields(Posting)} - {"slug", "page_slug", "source", "body", "positions"}
    assert sorted(entry.attr for entry in POSTING_FIELDS if entry.attr) == sorted(decided)


def test_a_wrong_department_is_reported_beside_other_mistakes(tmp_path):
    """department and team were once read only when nothing else was wrong: all problems at once."""
    posting, problems, written = read(tmp_path, changed(title=DELETE, department=5))
    assert posting is None
    assert problems == [
        f"{SHOWN}:2: title: missing; this field is required",
        f"{SHOWN}:{written.lines['department']}: department: 5 is a number; expected text",
    ]


def test_several_mistakes_are_all_reported(tmp_path):
    fields = changed(
        title=DELETE,
        employment_type="fulltime",
        date_posted="2026-02-30",
        salary={"min": 5, "max": 3},
        salery="lots",
        locations=Block([{"city": "Berlin", "country": "XX"}]),
        apply_url="ftp://acme.example/apply",
    )
    posting, problems, written = read(tmp_path, fields, body="")
    assert posting is None
    lines = written.lines
    expected_starts = [
        f"{SHOWN}:{lines['salery']}: salery: unknown field (did you mean salary?)",
        f"{SHOWN}:2: title: missing",
        f"{SHOWN}:{lines['date_posted']}: date_posted: '2026-02-30' is not a date",
        f"{SHOWN}:{lines['employment_type']}: employment_type: 'fulltime' is not one of",
        f"{SHOWN}:{written.item_lines['locations'][0]}: locations: item 1: country 'XX'",
        f"{SHOWN}:{lines['salary']}: salary: min 5 is greater than max 3",
        f"{SHOWN}:{lines['apply_url']}: apply_url: 'ftp://acme.example/apply' is not an http(s) or mailto URL",
        f"{SHOWN}:{written.closing_line + 1}: the description is empty",
    ]
    assert len(problems) == len(expected_starts), problems
    for problem, start in zip(problems, expected_starts):
        assert problem.startswith(start), (problem, start)


# --- known bugs ------------------------------------------------------------------------------------


def test_postal_code_with_leading_zero_is_kept(tmp_path):
    posting, problems, _ = read(tmp_path, changed(locations=Block([{"city": "Boston", "region": "MA", "country": "US", "postal_code": "02134"}])))
    assert problems == []
    assert posting.locations[0].postal_code == "02134"


def test_onsite_with_an_empty_location_list_is_rejected(tmp_path):
    posting, problems, written = read(tmp_path, changed(workplace="onsite", locations=[]))
    assert posting is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{written.lines['locations']}: locations: ")


def test_remote_with_an_empty_applicant_location_list_is_rejected(tmp_path):
    posting, problems, written = read(tmp_path, changed(workplace="remote", locations=DELETE, applicant_locations=[]))
    assert posting is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{written.lines['applicant_locations']}: applicant_locations: ")


def test_title_without_a_value_points_at_its_line(tmp_path):
    fields = {"id": "ENG-7", **changed(title=None)}
    posting, problems, written = read(tmp_path, fields)
    assert posting is None
    assert written.lines["title"] == 3
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:3: title: ")


# --- source positions: what check points its findings at, kept from reading the file ------------


def test_a_posting_keeps_where_each_written_field_and_its_body_stand(tmp_path):
    posting, problems, written = read(tmp_path, changed(employment_type=DELETE), body="\n\n" + BODY)
    assert problems == []
    at = posting.positions
    assert at.lines == written.lines and at.lines["locations"] == 8
    assert set(at.written) == set(written.lines) and "employment_type" not in at.written  # defaulted, not written
    assert at.body_start == written.closing_line + 1  # the blank lines before the text included
    assert at.body_line == written.closing_line + 3  # the text's first line
    assert posting.id_line == written.lines["id"]


def test_source_positions_are_not_part_of_a_postings_value(tmp_path):
    """Moving a field to another line changes no page: equality, hash and repr (which cache keys
    and listings' card keys are made of) leave the positions out."""
    posting, _, _ = read(tmp_path, VALID)
    moved, _, _ = read(tmp_path, {"id": VALID["id"], **VALID}, name="other.md")
    moved = dataclasses.replace(moved, slug=posting.slug, source=posting.source)
    assert moved.positions.lines != posting.positions.lines
    assert moved == posting and hash(moved) == hash(posting) and repr(moved) == repr(posting)


# --- content.read_postings --------------------------------------------------------------------------


def jobs_dir(site: Path) -> Path:
    folder = site / "content" / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_read_postings_reads_a_folder(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "b-role.md", changed(id="B-1", title="B"))
    write_posting(jobs, "a-role.md", changed(id="A-1", title="A"))
    (jobs / ".hidden.md").write_text("not read", encoding="utf-8")
    problems = Problems()
    postings = read_postings(tmp_path, CONFIG, problems)
    assert [str(p) for p in problems.items] == []
    assert [(p.slug, p.source) for p in postings] == [("a-role", "content/jobs/a-role.md"), ("b-role", "content/jobs/b-role.md")]


def test_read_postings_reports_other_files(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "a-role.md", VALID)
    (jobs / "notes.txt").write_text("x", encoding="utf-8")
    (jobs / "old").mkdir()
    problems = Problems()
    postings = read_postings(tmp_path, CONFIG, problems)
    assert [p.slug for p in postings] == ["a-role"]
    assert [str(p) for p in problems.items] == [
        "content/jobs/notes.txt: is not a Markdown file; content/jobs/ holds .md files only",
        "content/jobs/old: is a folder; content/jobs/ holds .md files only",
    ]


def test_duplicate_ids_across_two_files(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "backend-engineer.md", changed(title="Backend Engineer", id="ENG-7"))
    written = write_posting(jobs, "frontend-engineer.md", changed(title="Frontend Engineer", id="ENG-7"))
    problems = Problems()
    postings = read_postings(tmp_path, CONFIG, problems)
    assert len(postings) == 2
    assert [str(p) for p in problems.items] == [
        f"content/jobs/frontend-engineer.md:{written.lines['id']}: id: 'ENG-7' is also the id of "
        "content/jobs/backend-engineer.md; ids must be unique"
    ]


def test_duplicate_ids_written_as_number_and_text(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "a.md", changed(id=1042))
    write_posting(jobs, "b.md", changed(id="'1042'"))
    problems = Problems()
    read_postings(tmp_path, CONFIG, problems)
    assert len(problems.items) == 1
    assert "content/jobs/b.md:3: id: '1042' is also the id of content/jobs/a.md" in str(problems.items[0])


def test_colliding_slugs(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "Data-Engineer.md", changed(id="ENG-1"))
    write_posting(jobs, "data engineer.md", changed(id="ENG-2"))
    problems = Problems()
    postings = read_postings(tmp_path, CONFIG, problems)
    assert [p.source for p in postings] == ["content/jobs/Data-Engineer.md"]
    assert [str(p) for p in problems.items] == [
        "content/jobs/data engineer.md: gives the URL /jobs/data-engineer/, which "
        "content/jobs/Data-Engineer.md already has; rename one of the files"
    ]


def test_problems_from_several_files_are_all_collected(tmp_path):
    jobs = jobs_dir(tmp_path)
    write_posting(jobs, "a.md", changed(employment_type="fulltime"))
    write_posting(jobs, "b.md", changed(salery="1"))
    write_posting(jobs, "c.md", VALID)
    problems = Problems()
    postings = read_postings(tmp_path, CONFIG, problems)
    assert [p.slug for p in postings] == ["c"]
    assert [p.path for p in problems.items] == ["content/jobs/a.md", "content/jobs/b.md"]


# --- errors that say what to do ------------------------------------------------------------------


@pytest.mark.parametrize("written, shown, mapping", [
    ("$120k-$150k", "'$120k-$150k' is text", "{min: 120000, max: 150000, currency: USD, unit: year}"),
    ("'€50,000 - €60,000'", "'€50,000 - €60,000' is text", "{min: 50000, max: 60000, currency: EUR, unit: year}"),
    ("$25/hour", "'$25/hour' is text", "{value: 25, currency: USD, unit: hour}"),
    ("90000", "90000 is a number", "{value: 90000, currency: USD, unit: year}"),
])
def test_salary_written_as_text_says_what_it_means_as_a_mapping(tmp_path, written, shown, mapping):
    posting, problems, lines = read(tmp_path, changed(salary=written))
    assert posting is None
    assert problems == [f"{SHOWN}:{lines.lines['salary']}: salary: {shown}, not a mapping; "
                        f"write it as salary: {mapping} (check the currency and unit)"]


def test_salary_text_without_an_amount_keeps_the_general_message(tmp_path):
    _, problems, _ = read(tmp_path, changed(salary="competitive"))
    assert problems[0].endswith("salary: 'competitive' is not a mapping like {min: 50000, max: 70000, currency: EUR, unit: year}")


@pytest.mark.parametrize("written", ["Remote", "Anywhere", "worldwide", "[Remote]", "Fully-remote"])
def test_locations_remote_points_to_workplace_and_applicant_locations(tmp_path, written):
    posting, problems, lines = read(tmp_path, changed(locations=written))
    assert posting is None and len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{lines.lines['locations']}: locations: ")
    assert "is not a place; for a remote job write workplace: remote and applicant_locations: [US]" in problems[0]


@pytest.mark.parametrize("written, fix", [
    ("jobs.acme.com/apply/123", "https://jobs.acme.com/apply/123"),
    ("www.acme.com", "https://www.acme.com"),
    ("//jobs.acme.com/apply", "https://jobs.acme.com/apply"),
    ("jobs@acme.com", "mailto:jobs@acme.com"),
])
def test_apply_url_without_its_scheme_suggests_one(tmp_path, written, fix):
    _, problems, lines = read(tmp_path, changed(apply_url=written))
    assert problems == [f"{SHOWN}:{lines.lines['apply_url']}: apply_url: {written!r} is not an http(s) or mailto URL (did you mean {fix}?)"]


def test_a_posting_without_its_body_is_the_same_posting_but_for_the_markdown(tmp_path):
    from careersite.config import load_config
    from careersite.posting_file import read_posting
    from careersite.problems import Problems
    from conftest import basic_fields, posting_text, write_site

    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    posting = read_posting(site / "content/jobs/x.md", "content/jobs/x.md", load_config(site, Problems()), Problems())
    light = posting.without_body()
    assert posting.body and light.body == ""
    assert dataclasses.replace(light, body=posting.body) == posting
    assert light.without_body() is light  # already without: nothing copied


# --- salary: one figure or a range, never both ------------------------------------------------------


@pytest.mark.parametrize("salary", [
    {"value": 100000, "max": 120000, "currency": "EUR"},
    {"value": 100000, "min": 90000, "currency": "EUR"},
])
def test_salary_with_a_value_and_a_bound_is_refused(tmp_path, salary):
    posting, problems, written = read(tmp_path, changed(salary=salary))
    assert posting is None
    assert problems == [f"{SHOWN}:{written.lines['salary']}: salary: give either value, or min and max, not both"]


@pytest.mark.parametrize("salary", [{"min": 90000, "currency": "EUR"}, {"max": 90000, "currency": "EUR"}, {"currency": "EUR"}])
def test_salary_with_half_a_range_is_refused(tmp_path, salary):
    posting, problems, written = read(tmp_path, changed(salary=salary))
    assert posting is None
    assert problems == [f"{SHOWN}:{written.lines['salary']}: salary: needs value, or both min and max"]


def test_salary_range_of_one_figure_is_kept(tmp_path):
    """min == max is a range of one figure, written that way by pay-transparency templates: not an error."""
    posting, problems, _ = read(tmp_path, changed(salary={"min": 100000, "max": 100000, "currency": "EUR", "unit": "month"}))
    assert problems == []
    assert posting.salary == Salary("EUR", "month", min=100000, max=100000)


def test_salary_min_above_max_is_refused(tmp_path):
    posting, problems, written = read(tmp_path, changed(salary={"min": 100001, "max": 100000}))
    assert posting is None
    assert problems == [f"{SHOWN}:{written.lines['salary']}: salary: min 100001 is greater than max 100000"]


# --- each message names the field, the item and the line, and says what to write ---------------------


def read_problems(folder: Path, fields: dict, body: str = BODY, name: str = NAME):
    """The problems as data (file, line, field), as `careersite check --format json` gives them."""
    written = write_posting(folder, name, fields, body)
    problems = Problems()
    read_posting(written.path, f"content/jobs/{name}", CONFIG, problems)
    return [(p.line, p.field, p.message) for p in problems.items], written


def test_bad_location_items_are_named_by_number_and_line(tmp_path):
    locations = Block([5, {"city": 7, "country": "DE"}, {"city": "Berlin", "country": "DE", "floor": "3"}, "Nowhere Special"])
    problems, written = read_problems(tmp_path, changed(locations=locations))
    lines = written.item_lines["locations"]
    assert problems[:4] == [
        (lines[0], "locations", "item 1: 5 is not a mapping like {city: Berlin, country: DE}"),
        (lines[1], "locations", "item 2: city 7 is not text"),
        (lines[2], "locations", "item 3: unknown key 'floor'"),
        (lines[3], "locations", problems[3][2]),
    ]
    assert problems[3][2].startswith("item 4: ") and len(problems) == 4


def test_one_location_written_as_text_is_not_numbered(tmp_path):
    problems, written = read_problems(tmp_path, changed(locations="Nowhere Special"))
    [(line, field_name, message)] = problems
    assert (line, field_name) == (written.lines["locations"], "locations") and not message.startswith("item")


def test_a_postal_code_written_as_a_number_is_kept_as_text_and_other_numbers_are_not_text(tmp_path):
    posting, problems, _ = read(tmp_path, changed(locations=[{"city": "Berlin", "country": "DE", "postal_code": 10115}]))
    assert problems == [] and posting.locations[0].postal_code == "10115" and posting.locations[0].region == ""
    problems, written = read_problems(tmp_path, changed(locations=Block([{"city": "Berlin", "country": "DE", "street": 12}])))
    assert problems == [(written.item_lines["locations"][0], "locations", "item 1: street 12 is not text")]
    problems, written = read_problems(tmp_path, changed(locations=Block([{"city": "Berlin", "country": "DE", "street": '" "'}])))
    assert problems == [(written.item_lines["locations"][0], "locations", "item 1: street ' ' is not text")]


@pytest.mark.parametrize("location, label", [
    (Location("Austin", "US", "TX"), "Austin, TX, United States"),
    (Location("Sydney", "AU", "NSW"), "Sydney, NSW, Australia"),
    (Location("Toronto", "CA", "ON"), "Toronto, ON, Canada"),
    (Location("Berlin", "DE", "BE"), "Berlin, Germany"),
    (Location("Austin", "US"), "Austin, United States"),
])
def test_a_location_label_shows_the_region_where_people_write_it(location, label):
    assert location.label == label


def test_empty_required_fields_say_whether_they_are_missing_or_empty(tmp_path):
    problems, written = read_problems(tmp_path, changed(title=None, date_posted=None))
    assert problems == [(written.lines["title"], "title", "has no value; this field is required"),
                        (written.lines["date_posted"], "date_posted", "has no value; expected a date such as 2026-11-20")]
    problems, written = read_problems(tmp_path, changed(title='" "'))
    assert problems == [(written.lines["title"], "title", "is empty; this field is required")]


def test_a_closing_moment_equal_to_the_posting_moment_is_accepted(tmp_path):
    posting, problems, _ = read(tmp_path, changed(date_posted="2026-11-20T09:00:00Z", valid_through="2026-11-20T09:00:00Z"))
    assert problems == [] and posting.valid_through == posting.date_posted


@pytest.mark.parametrize("written, ok", [(0, True), (24, True), (-1, False), ("true", False), ('"24"', False), (1.5, False)])
def test_experience_months_is_a_whole_number_of_zero_or_more(tmp_path, written, ok):
    posting, problems, _ = read(tmp_path, changed(experience_months=written))
    assert (problems == []) is ok
    if ok:
        assert posting.experience_months == written


def test_missing_places_messages(tmp_path):
    problems, written = read_problems(tmp_path, changed(workplace="hybrid", locations=DELETE))
    assert problems == [(2, "locations", "missing; a hybrid posting needs at least one location with city and country")]
    problems, written = read_problems(tmp_path, changed(workplace="remote", locations=DELETE))
    assert problems == [(2, "applicant_locations", "missing; a remote posting must say where hires may live, e.g. [US] or [DE, FR]")]


@pytest.mark.parametrize("written, hint", [
    ("[California]", "; did you mean US-CA?"), ("[USA]", "; did you mean US?"), ("[Atlantis]", ""), ("[ZZ]", ""),
])
def test_an_unknown_applicant_location_suggests_a_code_when_one_fits(tmp_path, written, hint):
    problems, _ = read_problems(tmp_path, changed(workplace="remote", locations=DELETE, applicant_locations=written))
    [(_, field_name, message)] = problems
    code = written.strip("[]")
    assert field_name == "applicant_locations"
    assert message == f"{code!r} is not an ISO 3166 country (US) or subdivision (US-CA) code{hint}"


def test_locations_remote_message_in_full(tmp_path):
    problems, _ = read_problems(tmp_path, changed(locations="Remote"))
    assert problems == [(9, "locations", "'Remote' is not a place; for a remote job write workplace: remote and applicant_locations: [US] "
                                         "(the countries or regions, such as [US, CA] or [DE, US-NY], where hires may live), "
                                         "and list offices under locations only if there are any")]


@pytest.mark.parametrize("written, message", [
    (0, "0 is not a mapping like {min: 50000, max: 70000, currency: EUR, unit: year}"),
    (1, "1 is a number, not a mapping; write it as salary: {value: 1, currency: USD, unit: year} (check the currency and unit)"),
])
def test_a_salary_number_says_how_to_write_it(tmp_path, written, message):
    problems, written_at = read_problems(tmp_path, changed(salary=written))
    assert problems == [(written_at.lines["salary"], "salary", message)]


def test_problems_without_a_field_have_an_empty_field_not_none(tmp_path):
    problems, _ = read_problems(tmp_path, VALID, body="", name="---.md")
    assert [(field_name, message.split(";")[0]) for _, field_name, message in problems] == [
        ("", "the description is empty"), ("", "the file name gives an empty URL slug")]
    assert problems[1][0] == 0


def test_id_line_is_where_the_id_is_written(tmp_path):
    posting, _, written = read(tmp_path, VALID)
    assert posting.id_line == written.lines["id"] == 3
    posting, _, _ = read(tmp_path, changed(id=DELETE))
    assert posting.id_line == 0


def test_every_bad_location_item_is_reported_not_only_the_first(tmp_path):
    locations = Block([{"city": "Berlin", "country": "DE", "region": "ZZ"}, {"city": "San Francisco", "country": "CA"},
                       {"city": "A", "country": "XX"}])
    problems, written = read_problems(tmp_path, changed(locations=locations))
    assert [(line, message.split(":")[0]) for line, _, message in problems] == [
        (line, f"item {number}") for number, line in enumerate(written.item_lines["locations"], start=1)]


def test_a_bad_item_of_a_flow_list_points_at_the_locations_line(tmp_path):
    problems, written = read_problems(tmp_path, changed(locations="[{city: Berlin, country: DE}, {city: A, country: XX}]"))
    assert [(line, field_name) for line, field_name, _ in problems] == [(written.lines["locations"], "locations")]
    assert problems[0][2].startswith("item 2: country 'XX'")


def test_a_salary_note_that_is_not_text_is_reported(tmp_path):
    problems, written = read_problems(tmp_path, changed(salary={"min": 1, "max": 2, "note": 5}))
    assert problems == [(written.lines["salary"], "salary", "note 5 is not text; write it like note: + equity")]


def test_a_front_matter_error_has_an_empty_field(tmp_path):
    path = tmp_path / NAME
    path.write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    problems = Problems()
    assert read_posting(path, SHOWN, CONFIG, problems) is None
    assert [p.field for p in problems.items] == [""]


def test_a_placeholder_after_blank_lines_names_its_own_line(tmp_path):
    """The body's first line is the one after the front matter, blank or not."""
    problems, written = read_problems(tmp_path, VALID, body="\n\n## About\n\n- TODO\n")
    [(line, field_name, message)] = problems
    assert (line, field_name) == (written.closing_line + 5, "") and message.startswith("the description still holds the placeholder 'TODO'")


# --- fields import and sync keep in the file, which no page shows ------------------------------


@pytest.mark.parametrize("source", ["greenhouse:acme/4012345", "lever:acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902"])
def test_a_sync_source_is_accepted_and_fills_nothing_a_page_could_show(tmp_path, source):
    posting, problems, _ = read(tmp_path, changed(source=source))
    assert problems == []
    assert posting == read(tmp_path / "plain", VALID)[0]  # the same Posting as without it


@pytest.mark.parametrize(("source", "says"), [
    ("greenhouse", "is not VENDOR:BOARD/ID such as 'greenhouse:acme/4012345'"),
    ("acme/4012345", "'acme/4012345' is not VENDOR:BOARD/ID such as"),
    ("grenhouse:acme/1", "'grenhouse' in 'grenhouse:acme' is not an ATS careersite syncs; expected one of ashby, greenhouse,"),
])
def test_a_malformed_sync_source_names_the_form_and_who_writes_it(tmp_path, source, says):
    _, problems, lines = read(tmp_path, changed(source=source))
    [problem] = problems
    assert problem.startswith(f"{SHOWN}:{lines.lines['source']}: source: ")
    assert says in problem and problem.endswith("; careersite sync writes it: leave it as sync wrote it")


def test_what_an_import_kept_is_accepted_and_fills_nothing_a_page_could_show(tmp_path):
    kept = {"from": "_jobs/backend.md", "fields": {"hiring_manager": "Ada"}, "language": "fr"}
    posting, problems, _ = read(tmp_path, changed(imported=kept))
    assert problems == []
    assert posting == read(tmp_path / "plain", VALID)[0]


@pytest.mark.parametrize(("kept", "written"), [("backend.md", "'backend.md' is text"), (["a", "b"], "['a', 'b'] is a list"),
                                              (3, "3 is a number")])
def test_an_imported_field_that_is_not_a_mapping_says_so_at_its_line(tmp_path, kept, written):
    _, problems, lines = read(tmp_path, changed(imported=kept))
    assert problems == [f"{SHOWN}:{lines.lines['imported']}: imported: {written}; expected a mapping (what careersite import kept from the old site)"]


@pytest.mark.parametrize("written, char", [('"Data\\x01 Engineer"', "U+0001"), ('"Data\\x85 Engineer"', "U+0085"),
                                           ('"Data\\x7f"', "U+007F")])
def test_a_control_character_in_a_field_is_refused_at_its_line(tmp_path, written, char):
    """A YAML escape can put a control character in a value: XML cannot carry one (feed.xml would
    be unreadable), so the field is refused, never published."""
    path = tmp_path / "data-engineer.md"
    path.write_text(f"---\ntitle: {written}\nid: ENG-1\ndate_posted: 2026-11-20\nlocations: [{{city: Berlin, country: DE}}]\n"
                    "keywords: [Python, \"SQL\\x0b\"]\n---\n## About\n\nBuild.\n", encoding="utf-8")
    posting, problems = read_file(path)
    assert posting is None
    assert f"content/jobs/data-engineer.md:2: title: holds the control character {char}, which no page or feed can carry; remove it" in problems
    assert "content/jobs/data-engineer.md:6: keywords: holds the control character U+000B, which no page or feed can carry; remove it" in problems


def test_a_control_character_in_the_description_is_refused_at_its_line(tmp_path):
    path = tmp_path / "data-engineer.md"
    path.write_text("---\ntitle: Data Engineer\nid: ENG-1\ndate_posted: 2026-11-20\nlocations: [{city: Berlin, country: DE}]\n---\n"
                    "## About\n\nBuild\tthings.\r\nMore \x02 here.\n", encoding="utf-8")
    posting, problems = read_file(path)
    assert posting is None
    assert problems == ["content/jobs/data-engineer.md:10: the description holds the control character U+0002, "
                        "which no page or feed can carry; remove it"]
