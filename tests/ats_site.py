"""A fresh site (the starter from `careersite init`) with an ATS sample imported and built, and
the JobPosting JSON-LD of its pages read back with extruct: what the tests/test_ats_*.py files
judge the importers by, so the check is a real build and an independent parser."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from careersite.build import BuildOptions, build
from careersite.importers import WRITTEN, import_files
from careersite.scaffold import init_site

from conftest import job_posting

SAMPLES = Path(__file__).parent / "ats_samples"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
TODAY = NOW.date()


def import_and_build(tmp_path: Path, answer: Path | object, kind: str = "auto") -> tuple[list, dict[str, dict]]:
    """Import `answer` (a file, or parsed JSON written to one) into a new site and build it: the
    import reports, and each imported posting's JobPosting JSON-LD by the posting file's stem
    (drafts have no page, so none)."""
    if not isinstance(answer, Path):
        path = tmp_path / "answer.json"
        path.write_text(json.dumps(answer), encoding="utf-8")
        answer = path
    site, reports = import_into_new_site(tmp_path, answer, kind=kind)
    build(BuildOptions(source=site, output=site / "output", now=NOW))
    postings = {}
    for report in reports:
        page = site / "output" / "jobs" / (report.path.stem if report.path else "") / "index.html"
        if report.action == WRITTEN and page.is_file():  # a draft gets no page
            postings[report.path.stem] = job_posting(page)
    return reports, postings


def base_salary(posting: dict) -> tuple[str, float | None, float | None, str]:
    """(currency, min, max, unitText) of a JobPosting's baseSalary."""
    salary = posting["baseSalary"]
    value = salary["value"]
    return salary["currency"], value.get("minValue", value.get("value")), value.get("maxValue", value.get("value")), value["unitText"]


def addresses(posting: dict) -> list[dict]:
    """The PostalAddress of each jobLocation, without its @type."""
    places = posting.get("jobLocation") or []
    places = places if isinstance(places, list) else [places]
    return [{k: v for k, v in place["address"].items() if k != "@type"} for place in places]


def import_into_new_site(tmp_path: Path, *files: Path, kind: str = "auto"):
    """A new site in tmp_path/site with `files` imported: (site, reports)."""
    site = tmp_path / "site"
    init_site(site, NOW.date())
    return site, import_files(list(files), kind, site, False, NOW.date())


def built_postings(site: Path, reports) -> dict[str, dict]:
    """Build the site (no search index: not what is judged here) and return each imported
    posting's JobPosting JSON-LD by its file's slug."""
    build(BuildOptions(source=site, output=site / "output", now=NOW, search=False, jobs=1, cache=False))
    return {report.path.stem: job_posting(site / "output" / "jobs" / report.path.stem / "index.html") for report in reports}


def fake_get(answers: dict[str, bytes], asked: list[str]):
    """An HTTP GET that answers from `answers` and records the URLs asked, in order."""

    def get(url: str) -> bytes:
        asked.append(url)
        return answers[url]

    return get
