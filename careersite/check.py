"""check_site(): everything the build validates, without writing anything, plus publishing warnings.

Errors are what would fail the build (or break the JobPosting markup); warnings are what Google's
job posting guidelines, pay transparency laws and a posting's lifecycle make worth a second look.
The site is loaded as the build loads it (each file read once, each body rendered once); the lints
live beside this module: lints.py, title_policy.py, pay_transparency.py; findings.py reports them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from .build import build_date, plan_site
from .config import SiteConfig
from .content import parse_setup
from .findings import Finding, from_problem, sort_key
from .languages import shared_ids
from .lints import (check_apply_form, check_apply_url, check_config, check_draft_placeholders, check_jsonld, check_language_suffixes,
                    check_lifecycle, check_outdated_translations, check_recommended, check_translations)
from .pay_transparency import PayRule, check_pay, load_pay_rules
from .posting import Posting
from .problems import ContentError, Problems
from .render import render_in_memory
from .site import EXPIRED, make_site, status
from .site_sources import SiteSources, load_site
from .theme import Theme, template_problem
from .title_policy import check_title
from .workers import Workers


def check_site(source: Path, now: dt.datetime, *, employees: int | None = None, jobs: int = 0) -> list[Finding]:
    """Every finding for the site in `source`, judged at `now`, sorted by file, line and code.

    `employees` (the employer's size) leaves out pay rules that start at a larger size; None
    means unknown, and every rule applies. `jobs`: processes that parse the postings, as for the
    build (0: one per core)."""
    now = build_date(now)
    problems = Problems()
    with Workers(_parse_with_body, (), jobs) as workers:
        loaded = load_site(source, problems, keep_body=True, workers=workers)
    config, parsed = loaded.config, loaded.postings
    if config is None:  # the postings' own problems are said too, as build says them: all at once
        return sorted((from_problem(p) for p in problems.items), key=sort_key)
    assert loaded.theme is not None  # loaded with its config
    problems.items.extend(loaded.theme.catalog_problems)  # a site's catalog that cannot be used fails the build
    findings = [from_problem(p) for p in problems.items] + check_config(config) + check_translations(config, loaded.theme.catalogs)
    if not problems:
        findings += _render_errors(source, loaded, config, now)
    rules = load_pay_rules()
    employment_default = ("defaults", "employment_type") in config.lines
    # as published: a translation without an id carries its original's (languages.shared_ids)
    postings = shared_ids([entry.posting for entry in parsed]) if config.languages else [entry.posting for entry in parsed]
    as_published = {posting.slug: posting for posting in postings}
    for entry in parsed:
        findings += check_posting(as_published[entry.posting.slug], entry.html, config, now, rules, employees, employment_default)
    findings += check_outdated_translations([entry.posting for entry in parsed], config)
    findings += check_language_suffixes([entry.posting for entry in parsed], config)
    return sorted(set(findings), key=sort_key)


def _parse_with_body(config: SiteConfig, theme: Theme) -> dict:
    """A worker's state for check: parsing as the build parses, keeping each body for the lints."""
    return parse_setup(config, keep_body=True)


def _render_errors(source: Path, loaded: SiteSources, config: SiteConfig, now: dt.datetime) -> list[Finding]:
    """Render the whole site in memory (drafts too), as the build would, for template errors."""
    site = make_site(config, [p.posting for p in loaded.postings], loaded.pages, now, drafts=True,
                     catalogs=loaded.theme.catalogs if loaded.theme else ())
    assert loaded.theme is not None
    try:
        planned = plan_site(site, {p.posting.slug: p for p in loaded.postings}, loaded.theme, loaded.static, "", search=False)
        render_in_memory(planned, config, loaded.theme, source)
    except jinja2.TemplateError as err:
        return [from_problem(template_problem(err, source), code="template")]
    except ContentError as err:
        return [from_problem(problem, code="template") for problem in err.problems]
    return []


def check_posting(posting: Posting, html: str, config: SiteConfig, now: dt.datetime,
                  rules: tuple[PayRule, ...] | None = None, employees: int | None = None,
                  employment_default: bool = False) -> list[Finding]:
    """The findings for one posting that loading accepted, with its body's HTML (`employment_default`:
    careersite.toml sets [defaults] employment_type, so a posting may leave it out). Lines come
    from the positions the posting kept from its file."""
    found: list[Finding] = []

    def add(key: str, severity: str, code: str, message: str, line: int | None = None) -> None:
        found.append(Finding(posting.source, line if line is not None else posting.positions.lines.get(key, 2),
                             key, severity, code, message))

    state = status(posting, now)
    if posting.draft:
        check_draft_placeholders(posting, add)
    check_jsonld(posting, html, config, now, add)
    check_lifecycle(posting, state, config, now, add)
    if state == EXPIRED:
        return found  # not published as an open job: publishing advice would be noise
    check_recommended(posting, html, add, employment_default)
    check_apply_url(posting, add)
    check_apply_form(posting, config, add)
    check_title(posting, config, add)
    check_pay(posting, now, rules if rules is not None else load_pay_rules(), employees, add)
    return found
