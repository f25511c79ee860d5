"""Greenhouse job board API JSON -> Drafts.

Input: the response of GET /v1/boards/{board}/jobs?content=true ({"jobs": [...], "meta": ...}) or
one job object. `content` is HTML that Greenhouse entity-encodes: it is unescaped once, sanitised
and converted to Markdown. The id written is `requisition_id` when the company set one, else the
job post `id`: `internal_job_id` is shared by every post of one job (one per location), so it
would trip careersite's unique-id check.
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
from .html_markdown import html_to_markdown, unescape_html
from .jsonfile import listed_records, parse_json, records, text_of
from .labels import describe_salary

NAME = "Greenhouse"
API = "https://boards-api.greenhouse.io"
WHAT = 'a Greenhouse job board response: {"jobs": [...]} or one job with id, title and absolute_url'
_EMPLOYMENT_FIELD = re.compile(r"employment|job type|commitment|position type|contract type|time type", re.IGNORECASE)
_WORKPLACE_FIELD = re.compile(r"workplace|remote|location type|work (arrangement|model|setup)", re.IGNORECASE)
_SALARY_FIELD = re.compile(r"salary|pay range|compensation", re.IGNORECASE)
_EXPERIENCE_FIELD = re.compile(r"experience|years|seniority", re.IGNORECASE)


def looks_like(data: object) -> bool:
    """A board response ({"jobs": [...]}, an empty board too) or one job object."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return not data["jobs"] or looks_like(data["jobs"][0])
    return isinstance(data, dict) and ("absolute_url" in data or "internal_job_id" in data)


def drafts(data: object, name: str) -> list[Draft]:
    return [job_draft(job, name) for job in listed_records(data, looks_like, WHAT, "jobs")]


def fetch_board(board: str, get: Callable[[str], bytes], api: str = API) -> object:
    """GET /v1/boards/{board}/jobs?content=true, then each job's own answer with
    pay_transparency=true: only that one carries the pay ranges. Merged into one jobs answer."""
    root = f"{api}/v1/boards/{quote(board, safe='')}/jobs"
    listing = parse_json(get(f"{root}?content=true"))
    if not isinstance(listing, dict) or not looks_like(listing):
        raise SourceError(f"is not {WHAT}")
    jobs = []
    for job in records(listing["jobs"], WHAT):
        single = parse_json(get(f"{root}/{quote(str(job.get('id')), safe='')}?pay_transparency=true"))
        jobs.append({**job, **single} if isinstance(single, dict) else job)
    return {**listing, "jobs": jobs}


def job_draft(job: dict, name: str) -> Draft:
    title = text_of(job.get("title"))
    draft = Draft(origin=f"{name}, job {job.get('id', '?')}", slug_hint=title,
                  source_id=str(job["id"]) if job.get("id") is not None else "")
    if title:
        draft.set("title", title)
    requisition = text_of(job.get("requisition_id"))
    if requisition or job.get("id") is not None:
        draft.set("id", requisition or str(job["id"]))
    _department(job, draft)
    _places(job, draft)
    _metadata(job.get("metadata"), draft)
    _pay_ranges(job.get("pay_input_ranges"), draft)
    _dates(job, draft)
    if text_of(job.get("absolute_url")):
        draft.set("apply_url", text_of(job["absolute_url"]))
    draft.body = html_to_markdown(unescape_html(job.get("content") or ""))
    return draft


def most_specific(items: object) -> list[dict]:
    """Of a job's departments or offices (a tree by parent_id/child_ids, where Greenhouse lists a
    job under its department and every one above it), those no other listed one sits under."""
    named = [item for item in items if isinstance(item, dict) and text_of(item.get("name"))] if isinstance(items, list) else []
    ids = {item.get("id") for item in named if item.get("id") is not None}
    above = {item.get("parent_id") for item in named}
    above |= {item.get("id") for item in named if any(child in ids for child in item.get("child_ids") or [])}
    return [item for item in named if item.get("id") is None or item.get("id") not in above]


def _path(item: dict, items: list[dict]) -> str:
    """'Engineering > Data': a department's place in the listed tree, for the report."""
    by_id = {i.get("id"): i for i in items if isinstance(i, dict) and i.get("id") is not None}
    names, seen = [text_of(item.get("name"))], {item.get("id")}
    while (parent := by_id.get(item.get("parent_id"))) and parent.get("id") not in seen:
        seen.add(parent.get("id"))
        names.insert(0, text_of(parent.get("name")))
        item = parent
    return " > ".join(names)


def _department(job: dict, draft: Draft) -> None:
    listed = job.get("departments") or []
    leaves = most_specific(listed)
    if not leaves:
        return
    chosen = text_of(leaves[0].get("name"))
    how = ""
    if len(leaves) > 1:
        how = f"{chosen!r} (the first of the most specific departments {', '.join(text_of(d.get('name')) for d in leaves)})"
    elif len([d for d in listed if isinstance(d, dict)]) > 1:
        how = f"{chosen!r} (the most specific department: {_path(leaves[0], listed)})"
    draft.set("department", chosen, how)


_NAME_SEPARATOR = re.compile(r"\s*/\s*")


def _places(job: dict, draft: Draft) -> None:
    """location.name is what the board shows ('NYC', 'Remote - US', 'Berlin; Paris'); the job's
    most specific offices add the structured 'City, ST, Country'. When the offices say where,
    words of location.name that are no place careersite knows are left out, not asked about."""
    location = job.get("location") if isinstance(job.get("location"), dict) else {}
    name = text_of(location.get("name"))
    office_texts = list(dict.fromkeys(t for t in (text_of(o.get("location")) or text_of(o.get("name"))
                                                  for o in most_specific(job.get("offices"))) if t))
    offices = Places()
    for text in office_texts:
        offices.merge(parse_places(text))
    named = location_name_places(name)
    places = Places()
    if offices.locations and not offices.unresolved:
        places.merge(offices)
        places.merge(Places(workplace=named.workplace, locations=named.locations, applicant_locations=named.applicant_locations))
        if named.unresolved:
            draft.inferred.append(f"locations: {', '.join(map(repr, named.unresolved))} of location.name {name!r} left out: the offices name the places")
    else:
        places.merge(named)
        places.merge(offices)
    texts = list(dict.fromkeys(t for t in [name, *office_texts] if t))
    if texts:
        draft.set_places(places, " / ".join(texts))


def location_name_places(name: str) -> Places:
    """location.name as places: several are written with ';', ' or ', ' / ', and also 'Berlin/Paris';
    a '/' splits only when the parts read as places and the whole does not ('Remote - US/Canada')."""
    whole = parse_places(name)
    if not whole.unresolved or "/" not in name:
        return whole
    parts = Places()
    for part in _NAME_SEPARATOR.split(name):
        parts.merge(parse_places(part))
    return parts if len(parts.unresolved) < len(whole.unresolved) else whole


def _metadata(metadata: object, draft: Draft) -> None:
    """Custom fields: employment type, workplace, experience and pay where the company keeps them
    there. A value is a string, a list of strings, a number or null."""
    for item in metadata if isinstance(metadata, list) else []:
        if not isinstance(item, dict):
            continue
        name, text = text_of(item.get("name")), metadata_text(item.get("value"))
        if not text:
            continue
        source = f"the custom field {name!r}: {text!r}"
        if _EMPLOYMENT_FIELD.search(name):
            if types := values.employment_types(text):
                draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from {source})")
            else:
                draft.missing("employment_type", f"{source} is not an employment type careersite knows")
        elif _WORKPLACE_FIELD.search(name) and (workplace := parse_places(text).workplace):
            draft.set("workplace", workplace, f"{workplace} (from {source})")
        elif _EXPERIENCE_FIELD.search(name) and (months := values.experience_months(text if not _is_number(item.get("value")) else f"{text} years")) is not None:
            draft.set("experience_months", months, f"{months} (from {source})")
        elif _SALARY_FIELD.search(name):
            if salary := values.salary(text):
                draft.set("salary", salary, f"from {source}")
            else:
                draft.missing("salary", f"{source} is not an amount or range with a currency; write {{min: ..., max: ..., currency: USD}}")


def metadata_text(value: object) -> str:
    """A custom field's value as text: strings and numbers as written, a list's items joined by
    ', ', '' for null (and for what Greenhouse does not send: objects, booleans)."""
    items = value if isinstance(value, list) else [value]
    texts = [text_of(v) if isinstance(v, str) else f"{v:g}" if _is_number(v) else "" for v in items]
    return ", ".join(t for t in texts if t)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pay_ranges(ranges: object, draft: Draft) -> None:
    """pay_input_ranges (single-job answer, pay_transparency=true) -> salary. Amounts are cents.
    One range is the salary. Of several (often one per location), the one whose title names the
    posting's only matching place; else the widest, lowest minimum to highest maximum, with a
    note naming each range, and the report asks a human to check it."""
    if not isinstance(ranges, list) or not ranges:
        return
    read: list[tuple[str, dict[str, object]]] = []
    for number, item in enumerate(ranges, 1):
        item = item if isinstance(item, dict) else {}
        title = text_of(item.get("title")) or f"range {number}"
        low, high = (item.get(key) for key in ("min_cents", "max_cents"))
        salary = values.salary_range(*(v / 100 if _is_number(v) else v for v in (low, high)),
                                     text_of(item.get("currency_type")).upper(), values.salary_unit(title))
        if salary is None:
            draft.missing("salary", f"pay_input_ranges {title!r} ({low!r} to {high!r} cents, currency {item.get('currency_type')!r}) is not a range careersite can state")
            return
        read.append((title, salary))
    if len(read) == 1:
        draft.set("salary", read[0][1], f"{describe_salary(read[0][1])} (pay_input_ranges {read[0][0]!r})")
        return
    matching = [(title, salary) for title, salary in read if _names_a_place(title, draft)]
    if len(matching) == 1:
        title, salary = matching[0]
        draft.set("salary", salary, f"{describe_salary(salary)} (pay_input_ranges {title!r}, the one range for this posting's location; the others: {', '.join(repr(t) for t, _ in read if t != title)})")
        return
    described = "; ".join(f"{title} {salary_text(Salary(**salary))}" for title, salary in read)  # type: ignore[arg-type]
    widest = values.widest_salary(read, f"by location: {described}")
    if widest is None:
        draft.missing("salary", f"pay_input_ranges are in different currencies or units ({described}); write the one this posting states")
        return
    draft.set("salary", widest, f"{describe_salary(widest)} (the widest of the pay_input_ranges {', '.join(repr(t) for t, _ in read)})")
    draft.missing("salary", f"the posting has {len(read)} pay ranges and careersite states one: the widest is written, with each range in its note; check it, or make one posting per location")


_SHORT_NAMES = {"New York": ("NYC",), "San Francisco": ("SF", "Bay Area"), "Los Angeles": ("LA",), "Washington": ("DC",)}


def _names_a_place(title: str, draft: Draft) -> bool:
    """Whether a pay range's title ('NYC Salary Range') names one of the posting's places."""
    names = []
    for location in draft.fields.get("locations") or []:
        names += [location.get("city", ""), location.get("name", ""), *_SHORT_NAMES.get(location.get("city", ""), ())]
    if draft.fields.get("workplace") == "remote":
        names.append("Remote")
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", title, re.IGNORECASE) for n in names if n)


def _dates(job: dict, draft: Draft) -> None:
    draft.set_date_posted(values.iso_date_time(job.get("first_published")), "first_published")
    updated = values.iso_date_time(job.get("updated_at"))
    if updated:
        draft.set("updated", updated.isoformat())
