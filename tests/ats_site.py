"""A fresh site (the starter from `careersite init`) with an ATS sample imported and built, and
the JobPosting JSON-LD of its pages read back with extruct: what the tests/test_ats_*.py files
judge the importers by, so the check is a real build and an independent parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import extruct

from careersite.build import BuildOptions, build
from careersite.importers import import_files
from careersite.scaffold import init_site

SAMPLES = Path(__file__).parent / "ats_samples"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def import_into_new_site(tmp_path: Path, *files: Path, kind: str = "auto"):
    """A new site in tmp_path/site with `files` imported: (site, reports)."""
    site = tmp_path / "site"
    init_site(site, NOW.date())
    return site, import_files(list(files), kind, site, False, NOW.date())


def built_postings(site: Path, reports) -> dict[str, dict]:
    """Build the site (no search index: not what is judged here) and return each imported
    posting's JobPosting JSON-LD by its file's slug."""
    build(BuildOptions(source=site, output=site / "output", now=NOW, search=False, jobs=1, cache=False))
    found = {}
    for report in reports:
        page = site / "output" / "jobs" / report.path.stem / "index.html"
        data = extruct.extract(page.read_text(encoding="utf-8"), base_url="https://example.test/", syntaxes=["json-ld"])
        [posting] = [item for item in data["json-ld"] if item.get("@type") == "JobPosting"]
        found[report.path.stem] = posting
    return found


def fake_get(answers: dict[str, bytes], asked: list[str]):
    """An HTTP GET that answers from `answers` and records the URLs asked, in order."""

    def get(url: str) -> bytes:
        asked.append(url)
        return answers[url]

    return get
