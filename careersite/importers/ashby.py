"""Ashby public job posting API JSON -> Drafts.

Input: the answer of GET /posting-api/job-board/{board}?includeCompensation=true ({"apiVersion":
"1", "jobs": [...]}) or one job. A job Ashby marks `isListed: false` is reachable only by its
direct link: it is skipped, and the report says so. Pay is read from the Salary components of the
compensation tiers only; equity, bonus and commission go into the salary's note.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

from ..formatting import salary_text
from ..places import Places, parse_places
from ..posting import Salary
from . import values
from .draft import Draft, SourceError
from .html_markdown import html_to_markdown
from .jsonfile import listed_records, parse_json, records, text_of
from .labels import describe_salary

NAME = "Ashby"
API = "https://api.ashbyhq.com"
WHAT = 'an Ashby job board response: {"apiVersion": "1", "jobs": [...]} or one job with title, jobUrl and descriptionHtml'
EMPLOYMENT_TYPES = {"FullTime": "full_time", "PartTime": "part_time", "Intern": "intern", "Contract": "contractor", "Temporary": "temporary"}
WORKPLACES = {"OnSite": "onsite", "Remote": "remote", "Hybrid": "hybrid"}
_INTERVAL = re.compile(r"1 (HOUR|DAY|WEEK|MONTH|YEAR)")
_EXTRAS = {"EquityPercentage": "equity", "EquityCashValue": "equity", "Bonus": "bonus", "Commission": "commission"}


def looks_like(data: object) -> bool:
    """A board answer (apiVersion and jobs, or jobs in Ashby's shape) or one job."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return "apiVersion" in data or bool(data["jobs"]) and looks_like(data["jobs"][0])
    return isinstance(data, dict) and "jobUrl" in data and ("descriptionHtml" in data or "isListed" in data)


def drafts(data: object, name: str) -> list[Draft]:
    return [job_draft(job, name) for job in listed_records(data, looks_like, WHAT, "jobs")]


def fetch_board(board: str, get: Callable[[str], bytes], api: str = API) -> object:
    """The whole board in one answer: Ashby does not page, and the list carries every field."""
    answer = parse_json(get(f"{api}/posting-api/job-board/{quote(board, safe='')}?includeCompensation=true"))
    if not isinstance(answer, dict) or not looks_like(answer):
        raise SourceError(f"is not {WHAT}")
    records(answer["jobs"], WHAT)
    return answer


def job_draft(job: dict, name: str) -> Draft:
    title = text_of(job.get("title"))
    job_id = text_of(job.get("id"))
    draft = Draft(origin=f"{name}, job {job_id or title or '?'}", slug_hint=title, source_id=job_id)
    if job.get("isListed") is False:
        draft.skip("not listed on the Ashby board (isListed is false: only its direct link shows it)")
        return draft
    if title:
        draft.set("title", title)
    if job_id:
        draft.set("id", job_id)
    _teams(job, draft)
    _employment(text_of(job.get("employmentType")), draft)
    _places(job, draft)
    draft.set_date_posted(values.iso_date_time(job.get("publishedAt")), "publishedAt")
    draft.set_apply_url(text_of(job.get("applyUrl")), text_of(job.get("jobUrl")))
    _compensation(job.get("compensation"), draft)
    html = job.get("descriptionHtml")
    plain = job.get("descriptionPlain")
    draft.body = html_to_markdown(html) if isinstance(html, str) and html.strip() else (plain.strip() + "\n" if isinstance(plain, str) and plain.strip() else "")
    return draft


def _teams(job: dict, draft: Draft) -> None:
    for key, value, how in values.department_and_team(text_of(job.get("department")), text_of(job.get("team")), "Ashby"):
        draft.set(key, value, how)


def _employment(kind: str, draft: Draft) -> None:
    if kind in EMPLOYMENT_TYPES:
        draft.set("employment_type", EMPLOYMENT_TYPES[kind])
    elif kind:
        draft.missing("employment_type", f"employmentType {kind!r} is none of {', '.join(EMPLOYMENT_TYPES)}")


def address_text(address: object) -> str:
    """A schema.org PostalAddress (Ashby's `address.postalAddress`, or a secondary location's
    `address`) as 'Houston, Texas, USA' for the place reader; '' when it has no locality."""
    if not isinstance(address, dict):
        return ""
    postal = address.get("postalAddress") if isinstance(address.get("postalAddress"), dict) else address
    parts = [text_of(postal.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")]
    return ", ".join(p for p in parts if p) if parts[0] else ""


def _places(job: dict, draft: Draft) -> None:
    """Each location: its postal address when it has a city, else its name ('Remote - US').
    workplaceType wins; isRemote alone also says remote."""
    entries = [(text_of(job.get("location")), job.get("address"))]
    for secondary in job.get("secondaryLocations") or []:
        if isinstance(secondary, dict):
            entries.append((text_of(secondary.get("location")), secondary.get("address")))
    places, texts, countries = Places(), [], []
    for label, address in entries:
        text = address_text(address) or label
        if not text:
            continue
        found = parse_places(text)
        if address_text(address) and label:
            found.merge(Places(workplace=parse_places(label).workplace))
        places.merge(found)
        texts.append(text)
        countries += [loc["country"] for loc in found.locations]
    workplace = WORKPLACES.get(text_of(job.get("workplaceType")), "") or ("remote" if job.get("isRemote") is True else "")
    if texts or workplace:
        draft.set_places(places, " / ".join(texts), workplace)
    countries = list(dict.fromkeys(countries))
    if (workplace or places.workplace) == "remote" and not places.applicant_locations and countries:
        draft.set("applicant_locations", countries, f"{', '.join(countries)} (the countries of its locations; check where hires may live)")


def _compensation(compensation: object, draft: Draft) -> None:
    """Salary components of the tiers (else of summaryComponents) -> salary; one tier's is the
    salary, several tiers' the widest with each tier in the note, for a human to check."""
    if not isinstance(compensation, dict):
        return
    tiers = [t for t in compensation.get("compensationTiers") or [] if isinstance(t, dict)]
    if not tiers and isinstance(compensation.get("summaryComponents"), list):
        tiers = [{"title": "summary", "components": compensation["summaryComponents"]}]
    read: list[tuple[str, dict[str, object]]] = []
    extras: list[str] = []
    for number, tier in enumerate(tiers, 1):
        title = text_of(tier.get("title")) or f"tier {number}"
        for component in tier.get("components") or []:
            if not isinstance(component, dict):
                continue
            kind = text_of(component.get("compensationType"))
            if kind == "Salary":
                salary = _salary(component, title, draft)
                if salary:
                    read.append((title, salary))
            elif kind:
                extras.append(_extra(component, kind))
    if not read:
        if tiers:
            draft.missing("salary", "the compensation has no Salary component careersite can state")
        return
    note = "+ " + ", ".join(dict.fromkeys(extras)) if extras else ""
    if len(read) == 1:
        salary = dict(read[0][1], **({"note": note} if note else {}))
        draft.set("salary", salary, f"{describe_salary(salary)} (the Salary component of {read[0][0]!r})")
        return
    described = "; ".join(f"{title} {salary_text(Salary(**salary))}" for title, salary in read)  # type: ignore[arg-type]
    widest = values.widest_salary(read, " ".join(filter(None, (note, f"(tiers: {described})"))))
    if widest is None:
        draft.missing("salary", f"the compensation tiers are in different currencies or intervals ({described}); write the one this posting states")
        return
    draft.set("salary", widest, f"{describe_salary(widest)} (the widest of the tiers {', '.join(repr(t) for t, _ in read)})")
    draft.missing("salary", f"the posting has {len(read)} compensation tiers and careersite states one: the widest is written, with each tier in its note; check it")


def _salary(component: dict, title: str, draft: Draft) -> dict[str, object] | None:
    interval = _INTERVAL.fullmatch(text_of(component.get("interval")))
    salary = values.salary_range(component.get("minValue"), component.get("maxValue"), text_of(component.get("currencyCode")).upper(),
                                 interval.group(1).lower() if interval else "")
    if salary is None:
        draft.missing("salary", f"the Salary component of {title!r} ({component.get('minValue')!r} to {component.get('maxValue')!r} "
                                f"{component.get('currencyCode')!r} per {component.get('interval')!r}) is not a range careersite can state")
    return salary


def _extra(component: dict, kind: str) -> str:
    """'equity 0.5% – 1.75%', 'Offers Bonus': a non-salary component, as its summary says it."""
    summary = text_of(component.get("summary"))
    word = _EXTRAS.get(kind, kind.lower())
    if not summary:
        return word
    return summary if word in summary.lower() else f"{word} {summary}"
