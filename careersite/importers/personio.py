"""Personio XML job feed -> Drafts.

Input: the feed at https://{company}.jobs.personio.de/xml: <workzag-jobs> with one <position> per
job (id, subcompany, office, additionalOffices, department, recruitingCategory, name,
jobDescriptions/jobDescription {name, value: HTML in CDATA}, employmentType, seniority, schedule,
yearsOfExperience, keywords, occupation, createdAt).

It is XML, not JSON: `parse` turns the bytes into plain data (the Vendor protocol's hook for a
non-JSON answer), {"workzag-jobs": [position, ...]} with each position's fields as text, its job
descriptions as [{name, value}] and additionalOffices as a list. The XML is read with defusedxml
and any DOCTYPE is refused: a feed has no use for one, and entities are how XML bombs and file
or network reads get in.

Offices are city names without a country: they are read through the place table (Berlin, Munich,
Hamburg...) and the rest reported, never given a guessed country. The feed has no job URL, no
pay and no workplace; fetch_board adds the company's feed root so the apply URL can be written.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..places import Places, parse_places
from . import values
from .company_api import company_root
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import MAX_JSON_BYTES, text_of

NAME = "Personio"
# The feed is per company: "{board}" is replaced by its subdomain ('acme' for acme.jobs.personio.de;
# some companies are on .jobs.personio.com: give that as the api). An `api` without "{board}" is
# taken as that one company's root as it is (a test server).
API = "https://{board}.jobs.personio.de"
WHAT = "a Personio XML job feed: <workzag-jobs> holding <position> elements"
ROOT = "workzag-jobs"
# employmentType -> careersite employment type; 'permanent' is full or part time by its schedule
_EMPLOYMENT = {"intern": "intern", "trainee": "intern", "freelance": "contractor", "temporary": "temporary"}
_SCHEDULE = {"full-time": "full_time", "part-time": "part_time"}


def parse(raw: bytes) -> object:
    """The feed's bytes as {"workzag-jobs": [...]}; SourceError for what is not well-formed XML,
    holds a DOCTYPE or entities, or is not a Personio feed."""
    if len(raw) > MAX_JSON_BYTES:
        raise SourceError(f"is larger than {MAX_JSON_BYTES:,} bytes; not a job feed")
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise SourceError(f"is XML with a DOCTYPE or entity declaration ({type(err).__name__}), which careersite refuses to read: "
                          "a Personio feed has none") from None
    except ElementTree.ParseError as err:
        line, column = err.position
        raise SourceError(f"is not well-formed XML: {_reason(err)} at line {line}, column {column}") from None
    if root.tag != ROOT:
        raise SourceError(f"is not {WHAT} (its root element is <{root.tag}>)")
    return {ROOT: [_position(element) for element in root.findall("position")]}


def _reason(err: ElementTree.ParseError) -> str:
    return str(err).split(":")[0]


def _position(element: ElementTree.Element) -> dict[str, object]:
    position: dict[str, object] = {}
    for child in element:
        if child.tag == "jobDescriptions":
            position["jobDescriptions"] = [{"name": (d.findtext("name") or "").strip(), "value": (d.findtext("value") or "").strip()}
                                           for d in child.findall("jobDescription")]
        elif child.tag == "additionalOffices":
            position["additionalOffices"] = [(o.text or "").strip() for o in child.findall("office") if (o.text or "").strip()]
        else:
            position[child.tag] = (child.text or "").strip()
    return position


def looks_like(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get(ROOT), list)


def drafts(data: object, name: str) -> list[Draft]:
    if not looks_like(data):
        raise SourceError(f"is not {WHAT}")
    return [position_draft(position, name, text_of(data.get("feed_root"))) for position in data[ROOT] if isinstance(position, dict)]


def fetch_board(board: str, get, api: str = API) -> object:
    """GET {company root}/xml: the whole feed in one answer; the root is kept with it, since
    each job's page (where people apply) is {root}/job/{id} and the feed does not say so."""
    root = company_root(board, api, NAME, ".jobs.personio.de")
    return {**parse(get(f"{root}/xml")), "feed_root": root}


def position_draft(position: dict, name: str, root: str = "") -> Draft:
    position_id = text_of(position.get("id"))
    title = text_of(position.get("name"))
    draft = Draft.of_ats_job(name, "position", position_id, title)
    if text_of(position.get("department")):
        draft.set("department", text_of(position["department"]))
    _employment(text_of(position.get("employmentType")), text_of(position.get("schedule")), draft)
    _offices(position, draft)
    draft.set_date_posted(values.iso_date_time(position.get("createdAt")), "createdAt")
    months = values.years_months(text_of(position.get("yearsOfExperience")))
    if months:
        draft.set("experience_months", months, f"{months} (from yearsOfExperience {position['yearsOfExperience']!r})")
    keywords = [k.strip() for k in text_of(position.get("keywords")).split(",") if k.strip()]
    if keywords:
        draft.set("keywords", keywords)
    if root and position_id:
        draft.set("apply_url", f"{root}/job/{position_id}", f"{root}/job/{position_id} (Personio's job page)")
    elif position_id:
        draft.missing("apply_url", f"a saved Personio feed has no job URL; write https://COMPANY.jobs.personio.de/job/{position_id}")
    draft.body = body(position)
    return draft


def _employment(kind: str, schedule: str, draft: Draft) -> None:
    """permanent + full-time -> full_time; intern/trainee -> intern; freelance -> contractor."""
    how = f"employmentType {kind!r}" + (f", schedule {schedule!r}" if schedule else "")
    if kind == "permanent" and schedule in _SCHEDULE:
        draft.set("employment_type", _SCHEDULE[schedule], f"{_SCHEDULE[schedule]} (from {how})")
    elif kind in _EMPLOYMENT:
        draft.set("employment_type", _EMPLOYMENT[kind], f"{_EMPLOYMENT[kind]} (from {how})")
    elif kind or schedule:
        draft.missing("employment_type", f"{how} does not say which careersite type it is; write full_time, part_time, contractor, temporary or intern")


def _offices(position: dict, draft: Draft) -> None:
    """The office and additional offices: city names, read through the place table; one it does
    not know is reported with the fix (the feed names no country, and none is guessed)."""
    extra = position.get("additionalOffices") if isinstance(position.get("additionalOffices"), list) else []
    offices = list(dict.fromkeys(o for o in [text_of(position.get("office")), *map(text_of, extra)] if o))
    places = Places()
    for office in offices:
        places.merge(parse_places(office))
    for office in places.unresolved:
        places.reasons.setdefault(office, f"office {office!r}: the Personio feed names no country and careersite's city table does not "
                                          f"know this city; write it as {{city: {office}, country: XX}} (ISO code)")
    if offices:
        draft.set_places(places, " / ".join(offices))


def body(position: dict) -> str:
    """Each job description under its own name, in the feed's order."""
    parts = []
    for section in position.get("jobDescriptions") or []:
        if isinstance(section, dict) and (text := html_to_markdown(str(section.get("value") or ""))):
            title = text_of(section.get("name"))
            parts.append((heading(title) + "\n\n" if title else "") + text.strip())
    text = "\n\n".join(parts)
    return text + "\n" if text else ""
