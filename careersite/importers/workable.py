"""Workable careers widget API JSON -> Drafts.

Input: the response of GET https://apply.workable.com/api/v1/widget/accounts/{account}?details=true
({"name", "description", "jobs": [...]}), or one job of it. The job's id is its `shortcode` (what
its URL ends in). Places come from `locations` [{country, countryCode, region, city}] when present,
else from the job's own city/state/country; `telecommuting` marks a remote job. With
details=true a job carries `description` (and on some accounts `requirements` and `benefits`,
shown under their headings, as Workable's own job page does), else `full_description`.
"""

from __future__ import annotations

from urllib.parse import quote

from . import values
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import listed_records, parse_json, text_of
from .structured_places import set_structured_places

NAME = "Workable"
API = "https://apply.workable.com"
WHAT = 'a Workable careers widget response: {"name": ..., "jobs": [...]} with each job\'s shortcode and title'
WORKPLACES = {"remote": "remote", "hybrid": "hybrid", "on_site": "onsite", "onsite": "onsite", "on-site": "onsite"}
SECTIONS = (("requirements", "Requirements"), ("benefits", "Benefits"))


def looks_like(data: object) -> bool:
    """An account answer whose jobs have shortcodes (an empty board too), or one job."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        return not data["jobs"] or looks_like(data["jobs"][0])
    return isinstance(data, dict) and "shortcode" in data and "title" in data


def drafts(data: object, name: str) -> list[Draft]:
    return [job_draft(job, name) for job in listed_records(data, looks_like, WHAT, "jobs")]


def fetch_board(board: str, get, api: str = API) -> object:
    """GET {api}/api/v1/widget/accounts/{board}?details=true: one answer holds every job with its
    description, so there is nothing more to ask."""
    answer = parse_json(get(f"{api}/api/v1/widget/accounts/{quote(board, safe='')}?details=true"))
    if not looks_like(answer) or not isinstance(answer.get("jobs"), list):
        raise SourceError(f"is not {WHAT}")
    return answer


def job_draft(job: dict, name: str) -> Draft:
    shortcode = text_of(job.get("shortcode"))
    title = text_of(job.get("title"))
    draft = Draft.of_ats_job(name, "job", shortcode, title)
    if text_of(job.get("department")):
        draft.set("department", text_of(job["department"]))
    kind = text_of(job.get("employment_type"))
    if types := values.employment_types(kind):
        draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from employment_type {kind!r})")
    elif kind:
        draft.missing("employment_type", f"Workable's employment_type {kind!r} is not one careersite knows; write full_time, part_time, contractor, temporary or intern")
    set_structured_places(draft, _places(job), _workplace(job))
    _dates(job, draft)
    draft.set_apply_url(text_of(job.get("application_url")), text_of(job.get("url")), text_of(job.get("shortlink")))
    draft.body = body(job)
    return draft


def _places(job: dict) -> list[tuple[str, str, str]]:
    listed = [loc for loc in job.get("locations") or [] if isinstance(loc, dict) and not loc.get("hidden")]
    if listed:
        return [(text_of(loc.get("city")), text_of(loc.get("region")),
                 text_of(loc.get("countryCode")) or text_of(loc.get("country"))) for loc in listed]
    return [(text_of(job.get("city")), text_of(job.get("state")),
             text_of(job.get("country_code")) or text_of(job.get("country")))]


def _workplace(job: dict) -> str:
    """`workplace`/`workplace_type` where the account has one, else `telecommuting`: true is remote;
    false says only 'not remote', so it is left to the place text and the site's default."""
    stated = WORKPLACES.get((text_of(job.get("workplace")) or text_of(job.get("workplace_type"))).lower(), "")
    return stated or ("remote" if job.get("telecommuting") is True else "")


def _dates(job: dict, draft: Draft) -> None:
    for key in ("published_on", "created_at"):  # the first that gives a date
        if draft.set_date_posted(values.iso_date_time(job.get(key)), key):
            break


def body(job: dict) -> str:
    """The description, then requirements and benefits under their headings (the job page's
    order); `full_description` when the answer has only that."""
    parts = [html_to_markdown(job.get("description") or "") if isinstance(job.get("description"), str) else ""]
    for key, title in SECTIONS:
        if isinstance(job.get(key), str) and (section := html_to_markdown(job[key])):
            parts.append(heading(title) + "\n\n" + section)
    if not any(parts) and isinstance(job.get("full_description"), str):
        parts = [html_to_markdown(job["full_description"])]
    text = "\n\n".join(part.strip() for part in parts if part.strip())
    return text + "\n" if text else ""
