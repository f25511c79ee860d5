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

from ..places import Places, parse_places
from . import values
from .draft import Draft, SourceError
from .html_markdown import html_to_markdown, unescape_html
from .jsonfile import parse_json, records, text_of

NAME = "Greenhouse"
API = "https://boards-api.greenhouse.io"
WHAT = 'a Greenhouse job board response: {"jobs": [...]} or one job with id, title and absolute_url'
_EMPLOYMENT_FIELD = re.compile(r"employment|job type|commitment|position type|contract type|time type", re.IGNORECASE)
_WORKPLACE_FIELD = re.compile(r"workplace|remote|location type|work (arrangement|model|setup)", re.IGNORECASE)
_SALARY_FIELD = re.compile(r"salary|pay range|compensation", re.IGNORECASE)


def looks_like(data: object) -> bool:
    """A board response ({"jobs": [...]}, an empty board too) or one job object."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return not data["jobs"] or looks_like(data["jobs"][0])
    return isinstance(data, dict) and ("absolute_url" in data or "internal_job_id" in data)


def drafts(data: object, name: str) -> list[Draft]:
    if not looks_like(data):
        raise SourceError(f"is not {WHAT}")
    jobs = records(data["jobs"], WHAT) if "jobs" in data else [data]
    return [job_draft(job, name) for job in jobs]


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
    _dates(job, draft)
    if text_of(job.get("absolute_url")):
        draft.set("apply_url", text_of(job["absolute_url"]))
    draft.body = html_to_markdown(unescape_html(job.get("content") or ""))
    return draft


def _department(job: dict, draft: Draft) -> None:
    names = [text_of(d.get("name")) for d in job.get("departments") or [] if isinstance(d, dict)]
    names = [n for n in names if n]
    if names:
        draft.set("department", names[0], f"{names[0]!r}" + (f" (the first of {', '.join(names)})" if len(names) > 1 else ""))


def _places(job: dict, draft: Draft) -> None:
    """location.name is what the board shows; offices add the structured 'City, ST, Country'."""
    location = job.get("location") if isinstance(job.get("location"), dict) else {}
    texts = [text_of(location.get("name"))]
    for office in job.get("offices") or []:
        if isinstance(office, dict):
            texts.append(text_of(office.get("location")) or text_of(office.get("name")))
    texts = list(dict.fromkeys(t for t in texts if t))
    places = Places()
    for text in texts:
        places.merge(parse_places(text))
    if texts:
        draft.set_places(places, " / ".join(texts))


def _metadata(metadata: object, draft: Draft) -> None:
    """Custom fields: employment type, workplace and pay where the company keeps them there."""
    for item in metadata if isinstance(metadata, list) else []:
        if not isinstance(item, dict):
            continue
        name, value = text_of(item.get("name")), item.get("value")
        text = ", ".join(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
        if not text:
            continue
        if _EMPLOYMENT_FIELD.search(name) and (types := values.employment_types(text)):
            draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from the custom field {name!r})")
        elif _WORKPLACE_FIELD.search(name) and (workplace := parse_places(text).workplace):
            draft.set("workplace", workplace, f"{workplace} (from the custom field {name!r})")
        elif _SALARY_FIELD.search(name) and (salary := values.salary(text)):
            draft.set("salary", salary, f"from the custom field {name!r}: {text!r}")


def _dates(job: dict, draft: Draft) -> None:
    published = values.iso_date_time(job.get("first_published"))
    if published:
        draft.set("date_posted", published.date(), f"{published.date().isoformat()} (first_published)")
    updated = values.iso_date_time(job.get("updated_at"))
    if updated:
        draft.set("updated", updated.isoformat())
