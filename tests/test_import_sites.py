"""careersite import of whole career sites built with other generators: real postings from public
repositories (tests/fixtures/import/sites/*/SOURCES.md), imported into a fresh `careersite init`
site that must then build, with JSON-LD (read back with extruct) holding what the import inferred.
Where a real file lacks something, the report must name exactly that, and the test fills it in the
way a user would: by editing the posting's front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careersite.build import BuildOptions, build
from careersite.frontmatter_yaml import split_document
from careersite.importers import FAILED, PASSED_OVER, WRITTEN, import_files, summary
from careersite.scaffold import init_site

from conftest import job_posting

SITES = Path(__file__).parent / "fixtures" / "import" / "sites"
JEKYLL = SITES / "18F-join.tts.gsa.gov" / "positions"
GATSBY = SITES / "sunrint-recruit" / "jobs"
HUGO = SITES / "cds-snc-digital-canada-ca" / "content"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A fresh site from `careersite init`, its example postings removed as a migrating user would."""
    root = tmp_path / "site"
    init_site(root, TODAY)
    for example in (root / "content" / "jobs").glob("*.md"):
        example.unlink()
    return root


def by_origin(reports):
    return {r.origin: r for r in reports}


def fill_in(path: Path, **fields: str) -> None:
    """Add front matter lines (YAML flow text) to an imported posting, replacing keys it has."""
    text = path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    lines = [line for line in head.split("\n") if line.split(":", 1)[0] not in fields]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n" + body, encoding="utf-8")


def built_jsonld(site: Path, slug: str, now: dt.datetime, drafts: bool = False) -> dict:
    build(BuildOptions(source=site, output=site / "output", now=now, cache=False, jobs=1, search=False, drafts=drafts))
    page = site / "output" / "jobs" / slug / "index.html"
    return job_posting(page)


def countries(data: dict) -> list[str]:
    found = data.get("applicantLocationRequirements", [])
    return [item["name"] for item in (found if isinstance(found, list) else [found])]


def places(data: dict) -> list[tuple[str, str]]:
    found = data.get("jobLocation", [])
    return [(p["address"].get("addressLocality", ""), p["address"]["addressCountry"]) for p in (found if isinstance(found, list) else [found])]


def to_fill_keys(report) -> list[str]:
    return [item.split(":", 1)[0] for item in report.to_fill]


# --- Jekyll: 18F/join.tts.gsa.gov positions/ ------------------------------------------------------


def test_jekyll_positions_folder_imports_skips_the_template_and_names_the_broken_file(site):
    reports = by_origin(import_files([JEKYLL], "auto", site, False, TODAY))
    assert reports["positions/10x-software-engineer-2024.md"].action == WRITTEN
    assert reports["positions/FedRAMP-Director-2024.md"].action == WRITTEN
    assert reports["positions/_TEMPLATE.md"].action == PASSED_OVER
    broken = reports["positions/login-data-analyst-2024.md"]
    assert broken.action == FAILED
    assert "login-data-analyst-2024.md has front matter that is not valid YAML (line 115)" in broken.message
    assert summary(list(reports.values())) == "Imported 2 postings; 1 passed over; 1 failed; 2 need fields filled in."


def test_jekyll_liquid_is_removed_or_resolved_and_the_report_says_which(site):
    [report] = import_files([JEKYLL / "10x-software-engineer-2024.md"], "auto", site, False, TODAY)
    body = report.path.read_text(encoding="utf-8")
    assert "{%" not in body and "{{" not in body
    assert "**Job title:**" not in body  # '{{ page.title }}' resolved, the line only repeated the title
    assert "removed {% include job/status_alert.html %}" in report.notes
    assert "removed {% comment %}...{% endcomment %} (10 times)" in report.notes
    assert "resolved {{ page.title }} -> '10x: Principal Software Engineer'" in report.notes
    # a link whose target was a Liquid tag becomes its text, not an empty link
    assert "compensation and benefits section." in body and "]()" not in body


def test_jekyll_posting_is_complete_once_the_country_the_report_names_is_filled_in(site):
    [report] = import_files([JEKYLL / "10x-software-engineer-2024.md"], "auto", site, False, TODAY)
    assert "date_posted: 2024-04-18 [front matter opens]" in report.inferred
    assert "valid_through: 2024-04-25 [front matter closes]" in report.inferred
    assert any(line.startswith("apply_url: https://www.usajobs.gov/job/787345100") and "[front matter application link]" in line
               for line in report.inferred)
    assert "workplace: remote (from 'Anywhere in the U.S. (remote)') [body]" in report.inferred
    assert to_fill_keys(report) == ["locations", "applicant_locations", "department", "employment_type", "salary"]
    assert "'the U.S' is not a city and country careersite knows" in report.to_fill[0]
    kept = split_document(report.path.read_text(encoding="utf-8")).data["imported"]
    assert kept["fields"]["appointment type"] == "term" and kept["fields"]["gs"] == 15

    fill_in(report.path, applicant_locations="[US]")
    data = built_jsonld(site, "10x-software-engineer-2024", dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc))
    assert data["title"] == "10x: Principal Software Engineer"
    assert data["datePosted"].startswith("2024-04-18")
    assert data["jobLocationType"] == "TELECOMMUTE" and countries(data) == ["United States"]
    assert data["url"].endswith("/jobs/10x-software-engineer-2024/")


# --- Gatsby: sunrint/recruit jobs/ --------------------------------------------------------------


def test_gatsby_postings_take_their_slug_from_the_old_path_and_apply_from_the_body(site):
    reports = by_origin(import_files([GATSBY], "auto", site, False, TODAY))
    ridi = reports["jobs/RIDI Corp: 백엔드 엔지니어 (경력).md"]
    assert ridi.path.name == "ridi-backend-engineer-senior.md"
    assert "date_posted: 2018-06-22 [front matter date: '2018-06-22T17:12:33.962Z']" in ridi.inferred
    assert "apply_url: https://jobs.smartrecruiters.com/RIDICorp/743999671975600 [body, the link '지원하기']" in ridi.inferred
    assert "dropped (only the old site's templates used them): path: /ridi/backend-engineer-senior" in ridi.notes
    body = ridi.path.read_text(encoding="utf-8")
    assert "# RIDI Corp" not in body  # the heading that only repeated the title
    theori = reports["jobs/티오리: 풀스택 개발자 (신입, 경력).md"]
    assert theori.path.name == "theori-fullstack-developer.md"
    [choice] = [item for item in theori.to_fill if item.startswith("apply_url:")]
    assert "the body links to 2 places to apply" in choice and "rocketpunch.com/jobs/42179/" in choice and "rocketpunch.com/jobs/42180/" in choice


def test_gatsby_postings_build_once_the_city_the_report_asks_for_is_filled_in(site):
    reports = import_files([GATSBY], "auto", site, False, TODAY)
    assert [r.action for r in reports] == [WRITTEN] * 3
    for report in reports:
        assert "locations" in to_fill_keys(report)
        fill_in(report.path, locations="[{city: Seoul, country: KR}]")
    theori = site / "content" / "jobs" / "theori-fullstack-developer.md"
    fill_in(theori, apply_url="https://www.rocketpunch.com/jobs/42179")
    data = built_jsonld(site, "ridi-backend-engineer-senior", dt.datetime(2018, 6, 25, tzinfo=dt.timezone.utc))
    assert data["title"] == "RIDI Corp: 백엔드 엔지니어 (경력)"
    assert data["datePosted"].startswith("2018-06-22")
    assert places(data) == [("Seoul", "KR")]
    assert (site / "output" / "jobs" / "theori-fullstack-developer" / "index.html").exists()


# --- Hugo: cds-snc/digital-canada-ca content/{en,fr}/careers/positions/ ----------------------------


def test_hugo_content_folder_keeps_translation_pairs_and_languages(site):
    reports = by_origin(import_files([HUGO], "auto", site, False, TODAY))
    assert reports["content/en/careers/_index.html"].action == PASSED_OVER
    en = reports["content/en/careers/positions/content-designer--e28b029a-9d1a-4217-aece-c45cab0ed56d.md"]
    fr = reports["content/fr/careers/positions/concepteur-ou-conceptrice-de-contenu--e28b029a-9d1a-4217-aece-c45cab0ed56d.md"]
    assert en.path.name == "content-designer.md"  # the Lever id is cut from the old file name
    assert fr.path.name == "concepteur-ou-conceptrice-de-contenu.md"
    en_kept = split_document(en.path.read_text(encoding="utf-8")).data
    fr_kept = split_document(fr.path.read_text(encoding="utf-8")).data
    assert en_kept["imported"]["language"] == "en" and fr_kept["imported"]["language"] == "fr"
    assert en_kept["imported"]["translation_key"] == fr_kept["imported"]["translation_key"] == "2022-june-content-designer"
    assert en_kept["id"] == "e28b029a-9d1a-4217-aece-c45cab0ed56d" and "id" not in fr_kept
    assert "kept language fr, translation_key 2022-june-content-designer under imported, for when careersite publishes translations" in fr.notes
    assert not any(item.startswith("id:") for item in fr.to_fill)


def test_hugo_non_ascii_file_names_give_clean_ascii_slugs(site):
    reports = by_origin(import_files([HUGO], "auto", site, False, TODAY))
    fr = reports["content/fr/careers/positions/adjoint·e-exécutif·ve---directeur-des-opérations--7c3b9da6-720e-4454-b7a3-9dd635b3a889.md"]
    assert fr.path.name == "adjointe-executifve-directeur-des-operations.md"


def test_hugo_archived_postings_and_the_send_us_your_cv_page_become_drafts(site):
    reports = by_origin(import_files([HUGO], "auto", site, False, TODAY))
    designer = reports["content/en/careers/positions/content-designer--e28b029a-9d1a-4217-aece-c45cab0ed56d.md"]
    assert any(line.startswith("draft: true [front matter archived: true]") for line in designer.inferred)
    resume = reports["content/en/careers/positions/share-your-resume--77d1c499-8722-41ad-9985-e163d76b0e39.md"]
    assert split_document(resume.path.read_text(encoding="utf-8")).data["draft"] is True
    assert any("invites applications for no particular job" in note and "content/pages/" in note for note in resume.notes)


def test_hugo_posting_builds_once_the_report_s_gaps_are_filled_in(site):
    source = HUGO / "en" / "careers" / "positions" / "content-designer--e28b029a-9d1a-4217-aece-c45cab0ed56d.md"
    [report] = import_files([source], "auto", site, False, TODAY)
    assert to_fill_keys(report) == ["date_posted", "locations", "department", "employment_type", "salary"]
    assert "'type' " not in " ".join(report.to_fill)  # Hugo's `type: section` is kept, not read as an employment type
    assert "kept under imported.fields (careersite has no field for them): type" in report.notes
    # the body says 'This role can be performed from anywhere in Canada'; the user writes it down
    fill_in(report.path, workplace="remote", applicant_locations="[CA]", draft="false")
    data = built_jsonld(site, "content-designer", dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc))
    assert data["title"] == "Content Designer"
    assert data["datePosted"].startswith(TODAY.isoformat())  # the date the import set, as its report said
    assert countries(data) == ["Canada"]
    assert "imported" not in str(data) and "2022-june-content-designer" not in str(data)
