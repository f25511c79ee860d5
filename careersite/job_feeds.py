"""indeed.xml and linkedin.xml: the open postings in the XML feeds job boards crawl, and
plan_job_feeds(), which plans them when [feeds] asks for them.

The formats, as their owners document them (read December 2026):
- Indeed: "XML feed reference", https://docs.indeed.com/indeed-apply/xml-feed (and the older
  https://techdocs.indeedeng.io/xml-job-feed/): <source> with <publisher>, <publisherurl>,
  <lastBuildDate>, one <job> per job; job content in CDATA; "the same job posted in multiple
  locations must have a unique value" of <referencenumber>, so a posting at several places is
  one <job> per place; <date> in ISO 8601, equal to the date the site shows; <salary> as text
  ("$70K per year"); <jobtype> one or more of fulltime, parttime, contract, internship, temporary.
- LinkedIn: "XML Feeds Development Guide", https://learn.microsoft.com/linkedin/talent/job-postings/xml-feeds-development-guide
  (Basic Jobs feed): <source> with lastBuildDate, publisherURL, publisher, expectedJobCount and a
  <job> per job: partnerJobId (at most 40 characters), company, title, description, applyUrl,
  location (one place a job), city, state, country, postalCode, workplaceTypes, jobtype, salaries.
Values are those of the posting's JobPosting JSON-LD (jsonld.py), never another reading of it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote, urlsplit

from . import codes
from .config import SiteConfig
from .feeds import rfc822
from .fingerprint import digest
from .formatting import UNIT_WORDS, money
from .jsonld import iso
from .parsed_posting import ParsedPosting
from .posting import Location, Posting, as_datetime
from .problems import ContentError, Problem
from .render import Planned
from .site import Site

if TYPE_CHECKING:
    from lxml import etree

# employment type -> Indeed's <jobtype> words; volunteer, per diem and "other" have none (left out)
INDEED_JOB_TYPES = {"full_time": "fulltime", "part_time": "parttime", "contractor": "contract",
                    "intern": "internship", "temporary": "temporary"}
# employment type -> LinkedIn's jobtype; one a job, the posting's first that LinkedIn names
LINKEDIN_JOB_TYPES = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contractor": "CONTRACT",
                      "temporary": "TEMPORARY", "volunteer": "VOLUNTEER", "intern": "INTERNSHIP"}
LINKEDIN_PERIODS = {"hour": "HOURLY", "day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
LINKEDIN_ID_LENGTH = 40
# what no XML 1.0 document can hold, even escaped: a YAML escape such as "\x01" can put it in a title
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class Unwritable(ValueError):
    """A value XML cannot hold: the feed names the posting and the element instead of failing inside lxml."""

    def __init__(self, tag: str):
        super().__init__(tag)
        self.tag = tag


@dataclass(frozen=True)
class FeedJob:
    """One <job> of a board's feed: a posting at one place. Boards take one city a job, so a
    posting with several offices is several jobs, each with its own reference; a remote posting
    with no office is one job per area hires may live in (a country, or a country's state)."""

    posting: Posting
    reference: str
    location: Location | None = None  # an office, as in the JSON-LD's jobLocation
    area: str = ""  # or an applicant location: 'US' or 'US-CA', as in applicantLocationRequirements

    @property
    def country(self) -> str:
        return self.location.country if self.location else self.area.split("-")[0]

    @property
    def state(self) -> str:
        return self.location.region if self.location else self.area.partition("-")[2]

    @property
    def place_label(self) -> str:
        """'Berlin, Germany', or the area's name for a remote job."""
        if self.location:
            return self.location.label
        name = codes.subdivision_name(self.area) if "-" in self.area else ""
        country = codes.country_name(self.country) or self.country
        return f"{name}, {country}" if name else country


def feed_jobs(posting: Posting) -> list[FeedJob]:
    """The posting's jobs in a board feed. The first keeps the posting's own reference (its id, or
    its slug), the others add their place's slug: adding an office never renumbers the first."""
    base = posting.id or posting.slug
    places: list[tuple[Location | None, str, str]] = [(loc, "", loc.slug) for loc in posting.locations]
    if not places:
        places = [(None, area, area.lower()) for area in posting.applicant_locations]
    jobs: list[FeedJob] = []
    taken: set[str] = set()
    for n, (loc, area, slug) in enumerate(places):
        reference = base if n == 0 else f"{base}-{slug}"
        count = 1
        while reference in taken:  # another office in the same city: '-berlin-de-2'
            count += 1
            reference = f"{base}-{slug}-{count}"
        taken.add(reference)
        jobs.append(FeedJob(posting, reference, loc, area))
    return jobs or [FeedJob(posting, base)]


def _add(parent: etree._Element, tag: str, value: str, cdata: bool = True) -> None:
    """<tag>value</tag>, the value in CDATA as the boards ask; left out when empty (no placeholder).
    A value holding ']]>' cannot be one CDATA section: it is written escaped, which any XML parser
    reads as the same text."""
    from lxml import etree

    if not value:
        return
    if _NOT_XML.search(value):
        raise Unwritable(tag)
    node = etree.SubElement(parent, tag)
    node.text = etree.CDATA(value) if cdata and "]]>" not in value else value


def _add_jobs(root: etree._Element, feed: str, postings: list[tuple[Posting, str, str]],
              write: Callable[[etree._Element, FeedJob, str, SiteConfig], None], config: SiteConfig) -> None:
    """A <job> for each of the postings' feed jobs, written by `write`. A posting with a value XML
    cannot hold is named (file and element) with every other one, instead of failing inside lxml."""
    from lxml import etree

    problems = []
    for posting, html, _ in postings:
        try:
            for job in feed_jobs(posting):
                write(etree.SubElement(root, "job"), job, html, config)
        except Unwritable as err:
            problems.append(Problem(posting.source, 0, err.tag, (
                f"cannot be written to {feed}: it holds a control character, which XML cannot carry; remove it")))
    if problems:
        raise ContentError(problems)


def _document(root: etree._Element) -> bytes:
    from lxml import etree

    # the declaration as the boards' documents write it (lxml's own uses single quotes)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(root, encoding="utf-8", pretty_print=True)


def apply_email(posting: Posting) -> str:
    """The address of a mailto: apply link ('' for a web form)."""
    parts = urlsplit(posting.apply_url)
    return unquote(parts.path) if parts.scheme == "mailto" else ""


def apply_page(posting: Posting, config: SiteConfig) -> str:
    """Where a board sends a candidate to apply: the posting's apply link, or its page when it has no
    web address to give (its own form, `apply: form`, or a mailto: link the page's button opens)."""
    if posting.apply == "link" and posting.apply_url and not apply_email(posting):
        return posting.apply_url
    return config.absolute(posting.url)


def salary_words(posting: Posting) -> str:
    """Indeed's <salary>: '$80,000 - $100,000 per year', the amounts of the JSON-LD's baseSalary
    in English with the currency's symbol (CA$, €, CHF...); '' when the posting gives none."""
    salary = posting.salary
    if salary is None:
        return ""
    amounts = [salary.value] if salary.value is not None else [salary.min, salary.max]
    return " - ".join(money(a, salary.currency, "en") for a in amounts) + f" {UNIT_WORDS[salary.unit]}"


def experience_words(months: int | None) -> str:
    """Indeed's <experience>: '3+ years' for the JSON-LD's monthsOfExperience 36 ('18+ months')."""
    if months is None:
        return ""
    return f"{months // 12}+ years" if months and months % 12 == 0 else f"{months}+ months"


def _newest(postings: list[Posting]) -> dt.datetime | None:
    dates = [as_datetime(p.lastmod) for p in postings if p.lastmod]
    return max(dates) if dates else None


def indeed(postings: list[tuple[Posting, str, str]], config: SiteConfig) -> bytes:
    """Indeed's XML feed of the given open postings (each with its description HTML and summary), in order."""
    from lxml import etree

    root = etree.Element("source")
    _add(root, "publisher", config.company.name, cdata=False)
    _add(root, "publisherurl", config.absolute("/"), cdata=False)
    newest = _newest([p for p, _, _ in postings])
    if newest:  # the newest change, not the clock: the same postings give the same bytes
        _add(root, "lastBuildDate", rfc822(newest), cdata=False)
    _add_jobs(root, "indeed.xml", postings, _indeed_job, config)
    return _document(root)


def _indeed_job(node: etree._Element, job: FeedJob, html: str, config: SiteConfig) -> None:
    """The elements of one Indeed <job>, in the order Indeed's reference lists them."""
    posting = job.posting
    _add(node, "title", posting.title)
    _add(node, "date", iso(posting.date_posted))
    _add(node, "referencenumber", job.reference)
    _add(node, "requisitionid", posting.id or posting.slug)
    _add(node, "url", config.absolute(posting.url))
    _add(node, "company", config.company.name)
    _add(node, "sourcename", config.company.name)
    _add(node, "city", job.location.city if job.location else "")
    _add(node, "state", job.state)
    _add(node, "country", job.country)
    _add(node, "postalcode", job.location.postal_code if job.location else "")
    _add(node, "email", apply_email(posting))
    _add(node, "description", html)
    _add(node, "salary", salary_words(posting))
    _add(node, "education", codes.EDUCATION_LEVELS.get(posting.education, ""))
    _add(node, "jobtype", ", ".join(INDEED_JOB_TYPES[t] for t in posting.employment_types if t in INDEED_JOB_TYPES))
    _add(node, "category", ", ".join(n for n in (posting.department, posting.team) if n))
    _add(node, "experience", experience_words(posting.experience_months))
    _add(node, "expirationdate", iso(posting.valid_through) if posting.valid_through else "")
    # "Fully remote" for the postings whose JSON-LD says TELECOMMUTE; hybrid and on-site: none
    _add(node, "remotetype", "Fully remote" if posting.workplace == "remote" else "")


def linkedin_id(reference: str) -> str:
    """partnerJobId, at most 40 characters: a longer reference keeps its start and a hash of the
    whole, so two long references never collide and the same one always gives the same id."""
    if len(reference) <= LINKEDIN_ID_LENGTH:
        return reference
    return f"{reference[:LINKEDIN_ID_LENGTH - 9]}-{digest(reference)[:8]}"


def linkedin(postings: list[tuple[Posting, str, str]], config: SiteConfig) -> bytes:
    """LinkedIn's Basic Jobs XML feed of the given open postings (each with its description HTML and summary)."""
    from lxml import etree

    jobs = [job for posting, _, _ in postings for job in feed_jobs(posting)]
    root = etree.Element("source")
    newest = _newest([p for p, _, _ in postings])
    if newest:
        _add(root, "lastBuildDate", rfc822(newest), cdata=False)
    _add(root, "publisherURL", config.absolute("/"), cdata=False)
    _add(root, "publisher", config.company.name, cdata=False)
    _add(root, "expectedJobCount", str(len(jobs)), cdata=False)
    _add_jobs(root, "linkedin.xml", postings, _linkedin_job, config)
    return _document(root)


def _linkedin_job(node: etree._Element, job: FeedJob, html: str, config: SiteConfig) -> None:
    """The fields of one LinkedIn <job>, in the order LinkedIn's guide lists them."""
    posting = job.posting
    _add(node, "partnerJobId", linkedin_id(job.reference))
    _add(node, "company", config.company.name)
    _add(node, "title", posting.title)
    _add(node, "description", html)
    _add(node, "applyUrl", apply_page(posting, config))
    _add(node, "location", job.place_label)
    _add(node, "city", job.location.city if job.location else "")
    _add(node, "state", job.state)
    _add(node, "country", job.country)
    _add(node, "postalCode", job.location.postal_code if job.location else "")
    _add(node, "workplaceTypes", codes.WORKPLACES[posting.workplace])
    _add(node, "jobtype", next((LINKEDIN_JOB_TYPES[t] for t in posting.employment_types if t in LINKEDIN_JOB_TYPES), ""))
    if posting.salary:
        _linkedin_salary(node, posting)


def _linkedin_salary(job: etree._Element, posting: Posting) -> None:
    """<salaries><salary> with highEnd and lowEnd (one amount: both the same), period and type."""
    from lxml import etree

    salary = posting.salary
    assert salary is not None
    low, high = (salary.value, salary.value) if salary.value is not None else (salary.min, salary.max)
    node = etree.SubElement(etree.SubElement(job, "salaries"), "salary")
    for tag, amount in (("highEnd", high), ("lowEnd", low)):
        end = etree.SubElement(node, tag)
        _add(end, "amount", str(int(amount)) if float(amount).is_integer() else str(amount), cdata=False)
        _add(end, "currencyCode", salary.currency, cdata=False)
    _add(node, "period", LINKEDIN_PERIODS[salary.unit], cdata=False)
    _add(node, "type", "BASE_SALARY", cdata=False)


def plan_job_feeds(site: Site, parsed: dict[str, ParsedPosting], html_of: Callable[[ParsedPosting], str]) -> list[Planned]:
    """indeed.xml and linkedin.xml, as [feeds] asks. Each one's key hashes the settings and every
    open posting's parse key (which covers its HTML), so the postings' HTML is loaded (`html_of`)
    only when a feed must be made again: when an open posting changed, opened or closed."""
    config = site.config
    wanted = [(name, make) for name, on, make in (("indeed.xml", config.feeds.indeed, indeed),
                                                    ("linkedin.xml", config.feeds.linkedin, linkedin)) if on]
    inputs = repr((config, [(p.slug, parsed[p.slug].key) for p in site.open]))

    def postings() -> list[tuple[Posting, str, str]]:
        """Each open posting with its HTML and its summary."""
        return [(p.without_body(), html_of(parsed[p.slug]), parsed[p.slug].summary) for p in site.open]

    return [Planned(name, digest(name, inputs), make=lambda make=make: make(postings(), config)) for name, make in wanted]
