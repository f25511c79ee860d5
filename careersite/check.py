"""check_site(): everything the build validates, without writing anything, plus publishing warnings.

Errors are what would fail the build (or break the JobPosting markup); warnings are what Google's
job posting guidelines, pay transparency laws and a posting's lifecycle make worth a second look.
The lints live beside this: lints.py, title_policy.py, pay_transparency.py; findings.py reports them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from .build import build_date
from .config import CONFIG_NAME, SiteConfig, key_lines, load_config
from .content import read_pages, read_postings
from .findings import ERROR, WARNING, Finding, from_problem, sort_key
from .frontmatter_yaml import FrontMatterError, Split, split_document
from .cache import ParsedPosting
from .lints import (APPLY_URL_FIX, check_config_urls, check_draft_placeholders, check_jsonld, check_lifecycle,
                    check_recommended, check_url)
from .markdown import MarkdownRefused, render_markdown
from .pay_transparency import PayRule, check_pay, load_pay_rules
from .text import excerpt
from .posting import Posting
from .sourcefile import read_text
from .problems import ContentError, Problems
from .render import plan_site, read_static, render_in_memory
from .site import EXPIRED, make_site, status
from .theme import load_theme, template_problem
from .title_policy import check_title


# --- the whole site ------------------------------------------------------------------------------


def check_site(source: Path, now: dt.datetime, *, employees: int | None = None) -> list[Finding]:
    """Every finding for the site in `source`, judged at `now`, sorted by file, line and code.

    `employees` (the employer's size) leaves out pay rules that start at a larger size; None
    means unknown, and every rule applies."""
    now = build_date(now)
    problems = Problems()
    config = load_config(source, problems)
    if config is None:
        return sorted((from_problem(p) for p in problems.items), key=sort_key)
    postings = read_postings(source, config, problems)
    pages = read_pages(source, problems)
    findings = [from_problem(p) for p in problems.items]
    config_lines = key_lines((source / CONFIG_NAME).read_text(encoding="utf-8-sig"))
    findings += check_config_urls(config, config_lines)
    if config.raw_html:
        line = config_lines.get(("build", "raw_html"), 0)
        findings.append(Finding(CONFIG_NAME, line, "build.raw_html", WARNING, "raw-html",
                                "true: HTML in postings is published as written, scripts and all; "
                                "only keep it if every author is trusted"))
    bodies: dict[str, str] = {}  # once, for both uses below
    for posting in postings:
        try:
            bodies[posting.slug] = render_markdown(posting.body, config.raw_html)
        except MarkdownRefused as refused:  # it passed when read: only the time budget, on a busy machine
            findings.append(Finding(posting.source, 0, "body", ERROR, "invalid", refused.message))
    postings = [p for p in postings if p.slug in bodies]
    if not problems:
        findings += _render_errors(source, config, postings, bodies, pages, now)
    rules = load_pay_rules()
    for posting in postings:
        findings += check_posting(source, posting, config, now, rules, employees, bodies[posting.slug],
                                  employment_default=("defaults", "employment_type") in config_lines)
    return sorted(set(findings), key=sort_key)


def _render_errors(source: Path, config: SiteConfig, postings: list[Posting], bodies: dict[str, str], pages,
                   now: dt.datetime) -> list[Finding]:
    """Render the whole site in memory (drafts too), as the build would, for template errors."""
    site = make_site(config, postings, pages, now, drafts=True)
    parsed = {p.slug: ParsedPosting("", p, (), bodies[p.slug], p.summary or excerpt(bodies[p.slug])) for p in postings}
    try:
        theme = load_theme(source, config.theme)
        render_in_memory(plan_site(site, parsed, theme, read_static(source), "", search=False), config, theme, source)
    except jinja2.TemplateError as err:
        return [from_problem(template_problem(err, source), code="template")]
    except ContentError as err:
        return [from_problem(problem, code="template") for problem in err.problems]
    return []


def _front_matter(source: Path, posting: Posting) -> Split | None:
    """The posting's front matter again, for the line of each field and which fields were written."""
    text = read_text(source / posting.source, posting.source, Problems())
    if text is None:
        return None
    try:
        return split_document(text)
    except FrontMatterError:
        return None


def check_posting(source: Path, posting: Posting, config: SiteConfig, now: dt.datetime,
                  rules: tuple[PayRule, ...] | None = None, employees: int | None = None,
                  html: str | None = None, employment_default: bool = False) -> list[Finding]:
    """The findings for one posting that read_posting() accepted (`html`: its body, if rendered already;
    `employment_default`: careersite.toml sets [defaults] employment_type, so a posting may leave it out)."""
    doc = _front_matter(source, posting)
    lines = doc.lines if doc else {}
    written = doc.data if doc else {}
    body_line = doc.body_line if doc else 0
    found: list[Finding] = []

    def add(key: str, severity: str, code: str, message: str, line: int | None = None) -> None:
        found.append(Finding(posting.source, line if line is not None else lines.get(key, 2), key, severity, code, message))

    state = status(posting, now)
    if posting.draft:
        check_draft_placeholders(posting, lines, body_line, doc, add)
    if html is None:
        html = render_markdown(posting.body, config.raw_html)
    check_jsonld(posting, html, config, now, add, body_line)
    check_lifecycle(posting, state, config, now, add)
    if state == EXPIRED:
        return found  # not published as an open job: publishing advice would be noise
    check_recommended(posting, html, written, add, body_line, employment_default)
    if "apply_url" in written:
        check_url(posting.apply_url, "apply_url", APPLY_URL_FIX, lambda message, code: add("apply_url", WARNING, code, message))
    check_title(posting, config, add)
    check_pay(posting, now, rules if rules is not None else load_pay_rules(), employees, lines, add)
    return found


