"""SmartRecruiters Posting API JSON -> Drafts.

Input: the response of GET https://api.smartrecruiters.com/v1/companies/{company}/postings
({"offset", "limit", "totalFound", "content": [...]}), each posting merged with its own answer
(GET .../postings/{id}) by fetch_board, or one posting's answer. The list leaves out the job ad
and the apply link: only the posting's own answer has `jobAd.sections` (companyDescription,
jobDescription, qualifications, additionalInformation: {title, text HTML}) and `applyUrl`.
`location.country` is an ISO code in lower case; `remote` and `hybrid` are its workplace flags.
The Posting API has no pay: salary is always left for a human.
"""

from __future__ import annotations

from urllib.parse import quote

from . import values
from .draft import Draft, SourceError
from .html_markdown import heading, html_to_markdown
from .jsonfile import listed_records, parse_json, records, text_of
from .structured_places import set_structured_places

NAME = "SmartRecruiters"
API = "https://api.smartrecruiters.com"
WHAT = 'a SmartRecruiters postings response: {"totalFound": N, "content": [...]} or one posting with id, name and location'
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
PAGE_SIZE = 100  # the API's largest page
MAX_PAGES = 1000  # 100,000 postings: past that an answer that never ends is refused, not followed


def looks_like(data: object) -> bool:
    """A postings page (an empty one too) or one posting."""
    if isinstance(data, dict) and isinstance(data.get("content"), list) and "totalFound" in data:
        return not data["content"] or looks_like(data["content"][0])
    return isinstance(data, dict) and "name" in data and ("releasedDate" in data or "jobAd" in data or "typeOfEmployment" in data)


def drafts(data: object, name: str) -> list[Draft]:
    return [posting_draft(posting, name) for posting in listed_records(data, looks_like, WHAT, "content")]


def fetch_board(board: str, get, api: str = API) -> object:
    """Every page of GET {api}/v1/companies/{board}/postings?limit=&offset= until totalFound are
    read, then each posting's own answer (its job ad and apply link) merged over its list entry."""
    root = f"{api}/v1/companies/{quote(board, safe='')}/postings"
    listed: list[dict] = []
    total = None
    for _ in range(MAX_PAGES):
        page = parse_json(get(f"{root}?limit={PAGE_SIZE}&offset={len(listed)}"))
        if not looks_like(page) or "content" not in page or not isinstance(page.get("totalFound"), int):
            raise SourceError(f"is not {WHAT}")
        total = page["totalFound"]
        content = records(page["content"], WHAT)
        if not content and len(listed) < total:
            raise SourceError(f"says totalFound {total} but its page at offset {len(listed)} is empty; the board changed while it was read, try again")
        listed += content
        if len(listed) >= total or not content:
            break
    else:
        raise SourceError(f"did not end after {MAX_PAGES} pages of {PAGE_SIZE}; not a job board careersite can read whole")
    postings = []
    for posting in listed:
        single = parse_json(get(f"{root}/{quote(text_of(posting.get('id')), safe='')}"))
        if not isinstance(single, dict):
            raise SourceError(f"answered posting {posting.get('id')!r} with something that is not {WHAT}")
        postings.append({**posting, **single})
    return {"offset": 0, "limit": len(postings), "totalFound": len(postings), "content": postings}


def posting_draft(posting: dict, name: str) -> Draft:
    posting_id = text_of(posting.get("id"))
    title = text_of(posting.get("name"))
    draft = Draft.of_ats_job(name, "posting", posting_id, title)
    department = _label(posting.get("department"))
    if department:
        draft.set("department", department)
    _employment(posting.get("typeOfEmployment"), draft)
    location = posting.get("location") if isinstance(posting.get("location"), dict) else {}
    workplace = "remote" if location.get("remote") is True else "hybrid" if location.get("hybrid") is True else ""
    set_structured_places(draft, [(text_of(location.get("city")), text_of(location.get("region")),
                                   text_of(location.get("country")).upper())], workplace)
    draft.set_date_posted(values.iso_date_time(posting.get("releasedDate")), "releasedDate")
    draft.set_apply_url(text_of(posting.get("applyUrl")), text_of(posting.get("postingUrl")))
    draft.body = body(posting)
    if not draft.body and "jobAd" not in posting:
        draft.missing("body", "a postings list has no job ad; import the posting's own answer (GET .../postings/{id}), or use sync")
    return draft


def _label(value: object) -> str:
    return text_of(value.get("label")) if isinstance(value, dict) else ""


def _employment(kind: object, draft: Draft) -> None:
    """typeOfEmployment {id, label}: the label ('Full-time') says more than the id ('permanent')."""
    label = _label(kind) or (text_of(kind.get("id")) if isinstance(kind, dict) else "")
    types = values.employment_types(label)
    if types:
        draft.set("employment_type", types[0] if len(types) == 1 else types, f"{', '.join(types)} (from typeOfEmployment {label!r})")
    elif label:
        draft.missing("employment_type", f"SmartRecruiters' typeOfEmployment {label!r} is not one careersite knows; write full_time, part_time, contractor, temporary or intern")


def body(posting: dict) -> str:
    """The job ad's sections in SmartRecruiters' order, each under its own title."""
    ad = posting.get("jobAd") if isinstance(posting.get("jobAd"), dict) else {}
    sections = ad.get("sections") if isinstance(ad.get("sections"), dict) else {}
    parts = []
    for key in SECTIONS:
        section = sections.get(key) if isinstance(sections.get(key), dict) else {}
        text = html_to_markdown(section["text"]) if isinstance(section.get("text"), str) else ""
        if text:
            title = text_of(section.get("title"))
            parts.append((heading(title) + "\n\n" if title else "") + text.strip())
    text = "\n\n".join(parts)
    return text + "\n" if text else ""
