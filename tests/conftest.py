"""Shared fixtures: small whole sites in temp folders, built with a fixed build date."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from careersite.build import BuildOptions, BuildResult, build

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
TODAY = NOW.date()


@pytest.fixture(scope="session", autouse=True)
def frozen_build_date():
    """The clock is an input: every command a test runs (in this process or a child) judges postings
    and stamps dates at NOW, whatever the machine's clock says. A test of the clock itself removes it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
        yield NOW

CONFIG = """\
title = "Test Careers"
base_url = "https://jobs.test.example"
language = "en"
[company]
name = "Test Co"
url = "https://test.example"
logo = "static/logo.svg"
same_as = ["https://www.linkedin.com/company/test"]
[defaults]
apply_url = "https://test.example/apply?job={id}"
currency = "USD"
eeo_statement = "Test Co is an equal opportunity employer."
"""


def posting_text(body: str = "## About the role\n\nBuild things.\n\n- one\n- two\n", **fields) -> str:
    """A posting file from keyword fields (values written as YAML flow text)."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def basic_fields(**overrides) -> dict:
    fields = {
        "title": "Data Engineer",
        "id": "ENG-1",
        "date_posted": "2026-11-20",
        "valid_through": "2027-01-31",
        "department": "Engineering",
        "workplace": "onsite",
        "locations": "[{city: Berlin, region: BE, country: DE}]",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def write_site(root: Path, postings: dict[str, str], config: str = CONFIG, pages: dict[str, str] | None = None) -> Path:
    (root / "content" / "jobs").mkdir(parents=True, exist_ok=True)
    (root / "careersite.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, text in postings.items():
        (root / "content" / "jobs" / name).write_text(text, encoding="utf-8")
    for name, text in (pages or {}).items():
        (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
        (root / "content" / "pages" / name).write_text(text, encoding="utf-8")
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    return root


def fill_outline(path: Path) -> str:
    """Write real text where `careersite new` left its outline's placeholders (a posting holding
    them is not published); returns the new text."""
    import re

    text = re.sub(r"TODO[^\n']*", "Build and run the data platform behind our product with a small team", path.read_text())
    path.write_text(text)
    return text


def build_site(source: Path, output: Path | None = None, **options) -> BuildResult:
    options.setdefault("now", NOW)
    return build(BuildOptions(source=source, output=output or source / "output", **options))


def job_posting(page: Path) -> dict:
    """The one JobPosting of a built page, read back with an independent parser (extruct)."""
    import extruct

    found = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
    [posting] = [item for item in found if item.get("@type") == "JobPosting"]
    return posting


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to compare whole outputs."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_example_sources(site: Path, config: bool = True) -> Path:
    """The example site's sources copied into `site`: its content, static files, own catalogs
    (locales/) and, unless `config` is False, careersite.toml."""
    site.mkdir(parents=True, exist_ok=True)
    if config:
        shutil.copy(REPO / "careersite.toml", site)
    for folder in ("content", "static", "locales"):
        shutil.copytree(REPO / folder, site / folder)
    return site


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A copy of the repository's own example site."""
    return copy_example_sources(tmp_path / "site")


@pytest.fixture(scope="session")
def built_example(tmp_path_factory) -> Path:
    """The example site built once for the read-only tests."""
    site = copy_example_sources(tmp_path_factory.mktemp("example"))
    build_site(site)
    return site / "output"
