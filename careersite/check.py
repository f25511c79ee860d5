"""check_site(): everything the build validates, without writing anything, plus publishing warnings.

Errors are what would fail the build (or break the JobPosting markup); warnings are what Google's
job posting guidelines, pay transparency laws and a posting's lifecycle make worth a second look.
Every finding has a stable kebab-case code, so scripts and CI can match on it."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from . import codes
from .build import build_date
from .config import CONFIG_NAME, SiteConfig, key_lines, load_config
from .content import read_pages, read_postings
from .frontmatter_yaml import FrontMatterError, Split, split_document
from .jsonld import job_posting
from .cache import ParsedPosting
from .markdown import MarkdownRefused, render_markdown
from .text import excerpt, plain_text
from .placeholders import describe, find_placeholders
from .posting import PLACEHOLDER, Location, Posting, as_datetime, body_first_line
from .sourcefile import read_text
from .problems import ContentError, Problem, Problems
from .assets import read_static
from .build import plan_site
from .render import render_in_memory
from .site import DRAFT, EXPIRED, OPEN, SCHEDULED, make_site, status
from .theme import load_theme, template_problem
from .vocabulary import unknown_properties

ERROR, WARNING = "error", "warning"

MIN_DESCRIPTION_WORDS = 50
EXPIRING_DAYS = 7
STALE_DAYS = 90
UPCOMING_DAYS = 180  # a pay rule starting within this many days gets a "from DATE" warning
LISTED_JURISDICTIONS = 4  # how many a warning names before "(and N more)"
PAY_RULES = "pay_transparency.toml"


@dataclass(frozen=True)
class Finding:
    """One thing `careersite check` reports; `line` is 1-based, 0 when the whole file is meant."""

    path: str
    line: int
    field: str
    severity: str  # "error" or "warning"
    code: str  # stable, kebab-case
    message: str

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "line": self.line,
            "field": self.field,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what} [{self.code}]"


def _sort_key(finding: Finding) -> tuple:
    return (finding.path, finding.line, finding.code, finding.field, finding.message)


def from_problem(problem: Problem, code: str = "invalid") -> Finding:
    return Finding(problem.path, problem.line, problem.field, ERROR, problem.code or code, problem.message)


# --- the whole site ------------------------------------------------------------------------------


def check_site(source: Path, now: dt.datetime, *, employees: int | None = None) -> list[Finding]:
    """Every finding for the site in `source`, judged at `now`, sorted by file, line and code.

    `employees` (the employer's size) leaves out pay rules that start at a larger size; None
    means unknown, and every rule applies."""
    now = build_date(now)
    problems = Problems()
    config = load_config(source, problems)
    if config is None:
        return sorted((from_problem(p) for p in problems.items), key=_sort_key)
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
    return sorted(set(findings), key=_sort_key)


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
        _check_draft_placeholders(posting, lines, body_line, doc, add)
    if html is None:
        html = render_markdown(posting.body, config.raw_html)
    _check_jsonld(posting, html, config, now, add, body_line)
    _check_lifecycle(posting, state, config, now, add)
    if state == EXPIRED:
        return found  # not published as an open job: publishing advice would be noise
    _check_recommended(posting, html, written, add, body_line, employment_default)
    if "apply_url" in written:
        _check_url(posting.apply_url, "apply_url", APPLY_URL_FIX, lambda message, code: add("apply_url", WARNING, code, message))
    _check_title(posting, config, add)
    _check_pay(posting, now, rules if rules is not None else load_pay_rules(), employees, lines, add)
    return found


def _check_draft_placeholders(posting: Posting, lines: dict, body_line: int, doc: Split | None, add) -> None:
    """A draft may hold placeholders (the build refuses them once draft: true is gone): say which are left."""
    found = find_placeholders(posting.title, posting.summary, posting.body)
    for name in ("title", "summary", "body"):
        here = [p for p in found if p.field == name]
        if here:
            line = body_first_line(doc) + here[0].line - 1 if name == "body" and doc else lines.get(name, body_line)
            add(name, WARNING, PLACEHOLDER, f"still holds {describe(here)}; write the real text before removing draft: true "
                                            "(the build refuses to publish a posting with placeholders)", line=line)


# --- URLs: example domains and plain http ---------------------------------------------------------

_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")  # RFC 2606 section 3
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")  # RFC 2606 section 2, RFC 6761
APPLY_URL_FIX = "your applicant tracking system's apply link, or mailto: an inbox someone reads"


def reserved_host(url: str) -> str:
    """The host of a URL (or a mailto address) when it is a name reserved for examples and tests
    (RFC 2606, RFC 6761: example.com, *.example, *.test, *.invalid, localhost), else ''."""
    if url.startswith("mailto:"):
        host = url[len("mailto:"):].split("?", 1)[0].rpartition("@")[2]
    else:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return ""
    host = host.lower().rstrip(".")
    if any(host == name or host.endswith("." + name) for name in _EXAMPLE_DOMAINS):
        return host
    if host.rpartition(".")[2] in _RESERVED_TLDS or re.fullmatch(r"127(?:\.\d{1,3}){3}|::1", host):
        return host
    return ""


def _check_url(url: str, setting: str, fix: str, warn) -> None:
    """Warn (`warn(message, code)`) when a URL no one can use stands where a real one belongs."""
    host = reserved_host(url)
    if host:
        warn(f"{url!r} points to {host}, a name reserved for examples and tests (RFC 2606), not a real site; "
             f"set {setting} to {fix}", "example-domain")
    elif setting.endswith("apply_url") and url.startswith("http://"):
        warn(f"{url!r} uses http: applications would travel unencrypted; use https://{url[len('http://'):]}", "apply-url-not-https")


def check_config_urls(config: SiteConfig, lines: dict[tuple[str, str], int]) -> list[Finding]:
    """base_url, [company] url and [defaults] apply_url, as `careersite init` left them or as written."""
    found: list[Finding] = []
    settings = (
        ("", "base_url", config.base_url, "the address the site is published at, e.g. https://careers.yourcompany.com"),
        ("company", "url", config.company.url, "your company's website, e.g. https://yourcompany.com"),
        ("defaults", "apply_url", config.defaults.apply_url,
         "your applicant tracking system's apply link ({id} and {slug} are filled in) or mailto: an inbox someone reads; "
         "every posting without its own apply_url sends applicants there"),
    )
    for table, key, url, fix in settings:
        name = f"{table}.{key}" if table else key
        shown = f"[{table}] {key}" if table else key
        if url:
            _check_url(url, shown, fix, lambda message, code: found.append(
                Finding(CONFIG_NAME, lines.get((table, key), 0), name, WARNING, code, message)))
    return found


# --- JSON-LD: schema.org vocabulary and Google's required properties -----------------------------


def _check_jsonld(posting: Posting, html: str, config: SiteConfig, now: dt.datetime, add, body_line: int) -> None:
    # a draft may have no date_posted yet; the vocabulary does not depend on the date
    dated = posting if posting.date_posted else replace(posting, date_posted=now.date())
    data = job_posting(dated, html, config)
    for entry in unknown_properties(data):
        add("", ERROR, "jsonld-unknown-property", f"JobPosting JSON-LD: {entry} (schema.org)", line=0)
    for name in ("title", "description", "datePosted", "hiringOrganization"):
        if not data.get(name):
            where = body_line if name == "description" else 0
            add("", ERROR, "google-required", f"JobPosting JSON-LD has no {name}, which Google requires", line=where)
    if not data.get("jobLocation") and not (data.get("jobLocationType") == "TELECOMMUTE" and data.get("applicantLocationRequirements")):
        add("", ERROR, "google-required", "JobPosting JSON-LD has neither jobLocation nor jobLocationType TELECOMMUTE with applicantLocationRequirements; Google requires one", line=0)
    if data.get("description") and not plain_text(html):
        add("body", ERROR, "google-required", "the description has no text left after sanitising; Google requires a description", line=body_line)


def _check_recommended(posting: Posting, html: str, written: dict, add, body_line: int, employment_default: bool) -> None:
    if not posting.valid_through:
        add("valid_through", WARNING, "missing-valid-through", "missing; Google recommends validThrough, the date the posting closes (e.g. valid_through: 2027-01-31)")
    if not posting.salary:
        add("salary", WARNING, "missing-salary", "missing; Google recommends baseSalary (e.g. salary: {min: 60000, max: 80000, currency: USD, unit: year})")
    if not posting.id:
        add("id", WARNING, "missing-id", "missing; Google recommends identifier, the requisition id (e.g. id: ENG-1042)")
    if "employment_type" not in written and not employment_default:  # the site's own default is deliberate
        add("employment_type", WARNING, "employment-type-defaulted",
            f"not given; careersite assumed {', '.join(posting.employment_types)}; write employment_type in the posting, "
            "or set [defaults] employment_type in careersite.toml for every posting that leaves it out")
    words = len(plain_text(html).split())
    if 0 < words < MIN_DESCRIPTION_WORDS:
        add("body", WARNING, "description-too-short",
            f"the description has {words} words; Google wants the full description (responsibilities, qualifications, hours); write at least {MIN_DESCRIPTION_WORDS}",
            line=body_line)


# --- title policy ----------------------------------------------------------------------------------

_MONEY = [
    re.compile(r"[$€£¥₹₩]\s?\d[\d,.]*(?:\s?[kKmM]\b)?"),
    re.compile(r"\d[\d,.]*\s?[kKmM]?\s?[$€£¥₹₩]"),
    re.compile(r"\b\d[\d,.]*\s?[kK]\b"),
    re.compile(r"(?i)(?:\bper|/)\s?(?:hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"),
    re.compile(r"(?i)\b(?:salary|OTE)\b"),
]
_CURRENCY_AMOUNT = re.compile(r"\b([A-Z]{3})\s?\d|\d\s?([A-Z]{3})\b")
_CODE = [
    re.compile(r"\b[A-Z]{2,5}-?\d{2,}\b"),  # ENG-1042, REQ123
    re.compile(r"#\s?\d+"),  # #123
    re.compile(r"(?i)\b(?:req|requisition|job|ref|reference|id)\b\.?\s*(?:#|no\.?|number|id)?\s*:?\s*\d+"),
    re.compile(r"\b\d{5,}\b"),  # a long bare number
]
_URGENT = re.compile(r"(?i)\b(?:urgent(?:ly)?(?!\s+care)|hiring\s+now|now\s+hiring|immediate(?:ly)?(?:\s+start)?|apply\s+(?:now|today)|asap)\b")
_WORKPLACE_WORDS = r"remote|hybrid|on-?site|in-?office|work\s+from\s+home|wfh|anywhere"
# a workplace word counts as a location when set apart: "Engineer (Remote)", "Remote - Engineer", "Engineer, Remote"
_WORKPLACE = re.compile(
    rf"(?i)(?:^|[-–—|/,:(\[]\s*)(?:{_WORKPLACE_WORDS})\s*(?:$|[-–—|/,:)\]])|\b(?:{_WORKPLACE_WORDS})\s*$"
)
_COUNTRY_ALIASES = {"US": ("USA", "U.S.", "U.S.A.", "America"), "GB": ("UK", "U.K.", "Britain", "Great Britain")}
_COMPANY_SUFFIX = re.compile(r"(?i)[\s,]+(?:inc|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|pty|ab|oy|as)\.?$")


def _words_re(phrases) -> re.Pattern | None:
    phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def _place_names(posting: Posting) -> list[str]:
    names: list[str] = []
    countries = [loc.country for loc in posting.locations]
    for loc in posting.locations:
        names.append(loc.city)
        if loc.region:
            names.append(codes.subdivision_name(f"{loc.country}-{loc.region}") or "")
    for code in posting.applicant_locations:
        if "-" in code:
            names.append(codes.subdivision_name(code) or "")
            countries.append(code.split("-", 1)[0])
        else:
            countries.append(code)
    for country in countries:
        names.append(codes.country_name(country) or "")
        names += _COUNTRY_ALIASES.get(country, ())
    return names


def _is_shouting(title: str) -> bool:
    """All caps: two or more words all in capitals, one of them 4+ letters ("QA ENGINEER"), or two
    long words in capitals ("URGENT: SENIOR ENGINEER (Remote)"); acronyms ("QA", "VP, HR",
    "SAP HANA ABAP Developer") are fine."""
    words = re.findall(r"[^\W\d_]+", title)
    upper = [w for w in words if w.isupper()]
    if len(words) >= 2 and len(upper) == len(words) and any(len(w) >= 4 for w in upper):
        return True
    return len([w for w in upper if len(w) >= 6]) >= 2


def _company_in_title(title: str, company: str) -> bool:
    if _words_re([company]).search(title):
        return True
    core = _COMPANY_SUFFIX.sub("", company).strip()
    if core == company or len(core) < 3:
        return False
    # a bare "Acme" may be part of a real title only when it is set apart as the company's name
    set_apart = re.compile(
        rf"(?:\b(?:at|with|join|@)\s+{re.escape(core)}\b)|(?:^{re.escape(core)}\s*[-–—|:])|(?:[-–—|:(]\s*{re.escape(core)}\)?\s*$)|(?:@{re.escape(core)}\b)",
        re.I,
    )
    return bool(set_apart.search(title))


def _check_title(posting: Posting, config: SiteConfig, add) -> None:
    title = posting.title

    def warn(code: str, message: str) -> None:
        add("title", WARNING, code, f"{title!r} {message}; Google wants the job title only")

    money = [m.group(0) for rx in _MONEY for m in rx.finditer(title)]
    money += [m.group(0) for m in _CURRENCY_AMOUNT.finditer(title) if codes.is_currency(m.group(1) or m.group(2))]
    if money:
        warn("title-has-salary", f"shows pay ({money[0].strip()!r}); put it in salary")
    rest = title
    for rx in _MONEY:
        rest = rx.sub(" ", rest)
    code_hits = [m.group(0) for rx in _CODE for m in rx.finditer(rest)]
    if posting.id and _words_re([posting.id]).search(title):
        code_hits.insert(0, posting.id)
    if code_hits:
        warn("title-has-code", f"holds a requisition code ({code_hits[0].strip()!r}); put it in id")
    places = _words_re(_place_names(posting))
    place = places.search(title) if places else None
    workplace = _WORKPLACE.search(title)
    if place or workplace:
        what = place.group(0) if place else workplace.group(0).strip(" -–—|/,:()[]")
        warn("title-has-location", f"names a location or workplace ({what!r}); locations and workplace say that")
    urgent = _URGENT.search(title)
    if urgent:
        warn("title-urgent", f"says {urgent.group(0)!r}; no urgency or hiring calls")
    if _is_shouting(title):
        warn("title-all-caps", "is written in capitals; write it as a title, e.g. 'Senior Data Engineer'")
    decorations = sorted({ch for ch in title if ch in "!*" or unicodedata.category(ch) == "So"})
    if decorations:
        warn("title-decorated", f"has decorations ({' '.join(decorations)}); no '!', '*', emoji or symbols")
    if _company_in_title(title, config.company.name):
        warn("title-has-company", f"names the company ({config.company.name}); hiringOrganization says that")


# --- lifecycle ---------------------------------------------------------------------------------


def _day(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _check_lifecycle(posting: Posting, state: str, config: SiteConfig, now: dt.datetime, add) -> None:
    if state == DRAFT:
        add("draft", WARNING, "draft", "not published: a draft (careersite build --drafts shows it, marked noindex); remove draft: true to publish")
    elif state == SCHEDULED:
        add("date_posted", WARNING, "scheduled", f"scheduled: not published until {_day(posting.date_posted)}; the first build on or after that date publishes it")
    elif state == EXPIRED:
        if config.expired_policy == "keep":
            fate = "its page stays, marked closed and noindex, without JSON-LD"
        else:
            fate = "its URL answers 410 Gone; keep the file while the 410 should be served"
        add("valid_through", WARNING, "expired", f"expired on {_day(posting.valid_through)}: {fate}")
    if state != OPEN:
        return
    if posting.valid_through:
        left = as_datetime(posting.valid_through, end_of_day=True) - now
        if left <= dt.timedelta(days=EXPIRING_DAYS):
            days = max(0, left.days)
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            add("valid_through", WARNING, "expiring-soon", f"expires {when} ({_day(posting.valid_through)}); extend valid_through if the role is still open")
    elif posting.date_posted:
        age = (now - as_datetime(posting.date_posted)).days
        if age > STALE_DAYS:
            add("date_posted", WARNING, "stale",
                f"open for {age} days (since {_day(posting.date_posted)}) without valid_through; Google may treat it as stale: set valid_through, or close it")


# --- pay transparency ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PayRule:
    name: str
    starts: dt.date
    codes: tuple[str, ...] = ()  # "DE", "US-CO"
    cities: tuple[tuple[str, str, str], ...] = ()  # (country, region, city)
    min_employees: int = 1
    note: str = ""

    def country_codes(self) -> set[str]:
        return {c.split("-", 1)[0] for c in self.codes} | {c for c, _, _ in self.cities}


class PayRulesError(ValueError):
    """The pay transparency data file is malformed (a careersite bug, not a site problem)."""


_RULE_KEYS = {"name", "codes", "cities", "starts", "min_employees", "note"}
_CITY_KEYS = {"country", "region", "city"}


def parse_pay_rules(text: str, shown: str = PAY_RULES) -> tuple[PayRule, ...]:
    """The rules in a pay transparency TOML text, validated; PayRulesError lists every mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise PayRulesError(f"{shown}: {err}") from None
    errors: list[str] = []
    if set(data) != {"jurisdiction"} or not isinstance(data["jurisdiction"], list):
        raise PayRulesError(f"{shown}: expected only [[jurisdiction]] tables")
    rules: list[PayRule] = []
    names: set[str] = set()
    for number, entry in enumerate(data["jurisdiction"], start=1):
        where = f"{shown}: jurisdiction {number} ({entry.get('name', '?')})"
        bad = len(errors)
        for key in sorted(set(entry) - _RULE_KEYS):
            errors.append(f"{where}: unknown key {key!r}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: name must be text")
        elif name in names:
            errors.append(f"{where}: name {name!r} is used twice")
        else:
            names.add(name)
        starts = entry.get("starts")
        if not isinstance(starts, dt.date) or isinstance(starts, dt.datetime):
            errors.append(f"{where}: starts must be a date such as 2026-01-01, not {starts!r}")
        rule_codes = entry.get("codes", [])
        if not isinstance(rule_codes, list) or not all(isinstance(c, str) for c in rule_codes):
            errors.append(f"{where}: codes must be a list of ISO 3166 codes")
            rule_codes = []
        for code in rule_codes:
            known = codes.subdivision_name(code) if "-" in code else codes.country_name(code)
            if not known:
                errors.append(f"{where}: {code!r} is not an ISO 3166 country or subdivision code")
        cities = entry.get("cities", [])
        parsed_cities = []
        if not isinstance(cities, list) or not all(isinstance(c, dict) for c in cities):
            errors.append(f"{where}: cities must be a list of {{country, region, city}} tables")
            cities = []
        for city in cities:
            if set(city) != _CITY_KEYS or not all(isinstance(v, str) and v for v in city.values()):
                errors.append(f"{where}: city {city!r} needs exactly country, region and city, as text")
            elif not codes.subdivision_name(f"{city['country']}-{city['region']}"):
                errors.append(f"{where}: city {city['city']!r}: {city['country']}-{city['region']} is not an ISO 3166-2 code")
            else:
                parsed_cities.append((city["country"], city["region"], city["city"]))
        if not rule_codes and not cities:
            errors.append(f"{where}: needs codes or cities")
        employees = entry.get("min_employees", 1)
        if not isinstance(employees, int) or isinstance(employees, bool) or employees < 1:
            errors.append(f"{where}: min_employees must be a whole number, 1 or more")
        note = entry.get("note", "")
        if not isinstance(note, str):
            errors.append(f"{where}: note must be text")
        if len(errors) == bad:
            rules.append(PayRule(name.strip(), starts, tuple(rule_codes), tuple(parsed_cities), employees, note))
    if errors:
        raise PayRulesError("\n".join(errors))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_pay_rules() -> tuple[PayRule, ...]:
    """careersite's own pay transparency rules (careersite/pay_transparency.toml)."""
    text = resources.files(__package__).joinpath(PAY_RULES).read_text(encoding="utf-8")
    return parse_pay_rules(text)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _covers_location(rule: PayRule, loc: Location) -> str | None:
    """The rule code an office location falls under, or None."""
    for code in rule.codes:
        if "-" in code:
            if loc.region and code == f"{loc.country}-{loc.region}":
                return code
        elif code == loc.country:
            return code
    # a city without a region still matches by country and name ("New York, US")
    for country, region, city in rule.cities:
        if country == loc.country and (not loc.region or region == loc.region) and _same(city, loc.city):
            return f"{country}-{region}"
    return None


def _covers_applicants(rule: PayRule, area: str) -> str | None:
    """The rule code an applicant area reaches: 'US' reaches US-CO and NYC; 'US-NY' reaches NYC; 'US-CA' reaches 'US'."""
    for code in rule.codes:
        if code == area or code.startswith(area + "-") or area.startswith(code + "-"):
            return code
    for country, region, _ in rule.cities:
        if area in (country, f"{country}-{region}"):
            return f"{country}-{region}"
    return None


def pay_rules_for(posting: Posting, rules: tuple[PayRule, ...]) -> list[tuple[PayRule, list[str], str]]:
    """(rule, codes matched, 'locations' or 'applicant_locations') for every rule a posting falls under."""
    matches = []
    for rule in rules:
        hit = []
        via = ""
        for loc in posting.locations:
            code = _covers_location(rule, loc)
            if code:
                hit.append(code)
                via = via or "locations"
        for area in posting.applicant_locations:
            code = _covers_applicants(rule, area)
            if code:
                hit.append(area if len(area) > len(code) else code)
                via = via or "applicant_locations"
        if via:
            matches.append((rule, sorted(set(hit)), via))
    return matches


def _rule_label(rule: PayRule, hit: list[str]) -> str:
    if len(rule.codes) > 3 and hit:  # the EU directive: say which member states
        return f"{rule.name} ({', '.join(hit)})"
    return rule.name


def _employers(rule: PayRule) -> str:
    return "all employers" if rule.min_employees <= 1 else f"employers with {rule.min_employees}+ employees"


def _listed(items: list[str]) -> str:
    shown = items[:LISTED_JURISDICTIONS]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" (and {more} more)" if more else "")


def _check_pay(posting: Posting, now: dt.datetime, rules, employees: int | None, lines: dict, add) -> None:
    if posting.salary:
        return
    published = max(now, as_datetime(posting.date_posted)) if posting.date_posted else now
    horizon = now + dt.timedelta(days=UPCOMING_DAYS)
    closes = as_datetime(posting.valid_through, end_of_day=True) if posting.valid_through else None
    in_force, upcoming = [], []
    for rule, hit, via in pay_rules_for(posting, rules):
        if employees is not None and employees < rule.min_employees:
            continue
        starts = as_datetime(rule.starts)
        if starts <= published:
            in_force.append((rule, hit, via))
        elif starts <= horizon and (closes is None or starts <= closes):
            upcoming.append((rule, hit, via))
    add_salary = "add salary: {min, max, currency, unit}"
    if in_force:
        in_force.sort(key=lambda m: m[0].name.casefold())
        via = "locations" if any(v == "locations" for _, _, v in in_force) else "applicant_locations"
        if len(in_force) == 1:
            rule, hit, _ = in_force[0]
            detail = f"{_rule_label(rule, hit)} requires pay in job ads since {_day(rule.starts)} ({_employers(rule)}; {rule.note})"
        else:
            names = [f"{_rule_label(r, h)} (since {_day(r.starts)})" for r, h, _ in in_force]
            detail = f"pay transparency rules require pay in job ads in {_listed(names)}"
        add("salary", WARNING, "pay-transparency", f"missing, and the job can be filled where {detail}; {add_salary}",
            line=lines.get(via, 2))
    if upcoming:
        upcoming.sort(key=lambda m: (m[0].starts, m[0].name.casefold()))
        via = "locations" if any(v == "locations" for _, _, v in upcoming) else "applicant_locations"
        names = [f"{_rule_label(r, h)} from {_day(r.starts)} ({_employers(r)})" for r, h, _ in upcoming]
        add("salary", WARNING, "pay-transparency-upcoming",
            f"missing; pay in job ads will be required where the job can be filled: {_listed(names)}; {add_salary}",
            line=lines.get(via, 2))


# --- output ------------------------------------------------------------------------------------


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """0 when clean; 1 on any error, or with `strict` on any warning too."""
    if any(f.severity == ERROR for f in findings):
        return 1
    if strict and findings:
        return 1
    return 0


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "No problems found."
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def format_text(findings: list[Finding]) -> str:
    """One line per finding, then a summary line; ends with a newline."""
    return "".join(f"{f}\n" for f in findings) + summary(findings) + "\n"


def format_json(findings: list[Finding]) -> str:
    """A JSON array of {file, line, field, severity, code, message}; ends with a newline."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
