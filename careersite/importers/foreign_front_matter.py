"""A posting another static site generator published (Jekyll, Hugo, Gatsby, Eleventy): its front
matter read through a table of the names those sites give careersite's fields, its body cleaned of
template tags and read like a plain Markdown posting for whatever the front matter lacks.

Nothing is lost quietly: a key careersite has no field for is kept under `imported.fields` (which
careersite accepts and never publishes), or, when it only served the old site's templates
(`layout`, `permalink`), named in the report as dropped. Each field the report lists says where it
came from: a front matter key, the body, or the file name.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pycountry
import yaml

from ..places import Places, parse_places
from ..posting_fields import FIELDS, KEPT_FIELDS
from ..problems import Problems
from ..slugs import slugify
from ..sourcefile import read_text
from . import values
from .draft import Draft, SourceError
from .labels import HANDLERS, apply_url, clean_inline, keyword_list, left_out_note, skill_terms
from .plain_markdown import markdown_draft
from .template_tags import clean_body

CAREERSITE_POSTING = "already has front matter, so it is a careersite posting: copy it into content/jobs/ as it is"
_OPEN = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n")
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]+(.+)$")
# an ATS's id glued to an exported file name: 'content-designer--e28b029a-9d1a-4217-aece-c45cab0ed56d'
_ID_SUFFIX = re.compile(r"-+(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|null)$", re.I)
_COLLECTION_SEGMENTS = {"jobs", "job", "careers", "career", "positions", "position", "openings", "vacancies", "join-us", "join"}
_GENERAL_APPLICATION = re.compile(
    r"\b(share your (resume|cv)|send us your (cv|resume)|open application|unsolicited|spontaneous application|"
    r"general application|future (job )?opportunit|talent (pool|community)|don'?t see (a|the) (role|job|position)|"
    r"envoyer votre c\.?v|candidature spontan|initiativbewerbung)", re.I)
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"
                   r"|<a\s[^>]*?href=[\"'](?P<href>[^\"']+)[\"'][^>]*>(?P<atext>.*?)</a>"
                   r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+)>", re.I | re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_APPLY_WORDS = re.compile(r"\bapply\b|\bapplication\b|postul|bewerb|solliciteer|candidat|지원|応募|申请", re.I)
# hosts whose links are an application form wherever they appear in a posting
_ATS_HOSTS = ("greenhouse.io", "lever.co", "smartrecruiters.com", "workable.com", "ashbyhq.com", "recruitee.com",
              "personio.de", "personio.com", "bamboohr.com", "jobvite.com", "myworkdayjobs.com", "icims.com",
              "breezy.hr", "teamtailor.com", "applytojob.com", "join.com", "homerun.co", "usajobs.gov",
              "workforcenow.adp.com", "jobs.jobvite.com", "taleo.net", "successfactors.com", "pinpointhq.com")


class _Yaml11(yaml.SafeLoader):
    """YAML 1.1, as Jekyll's and Hugo's readers take it: `remote: No` is false, a bare 2018-05-07 a
    date. Aliases are refused like in careersite's own files ("billion laughs")."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "uses a YAML alias (*name); write the value out", mark)
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class SourceFile:
    """A posting file to import and how the report and `imported.from` name it."""

    path: Path
    shown: str  # 'old-site/_jobs/x.md'
    language: str = ""  # from a language folder: content/fr/... -> 'fr'


def split_foreign(text: str, shown: str) -> tuple[dict, str] | None:
    """(front matter, body) of a file opening with `---` (YAML) or `+++` (TOML); None without one."""
    opened = _OPEN.match(text)
    if not opened:
        return None
    fence = opened.group(1)
    ends = r"---|\.\.\." if fence == "---" else r"\+\+\+"  # YAML may also end a document with '...'
    closing = re.compile(rf"^(?:{ends})[ \t]*\r?$", re.M)
    closed = closing.search(text, opened.end())
    if not closed:
        raise SourceError(f"opens its front matter with {fence} but never closes it; add a {fence} line after the last key")
    raw, body = text[opened.end():closed.start()], text[closed.end():].lstrip("\r\n")
    try:
        data = tomllib.loads(raw) if fence == "+++" else yaml.load(raw, Loader=_Yaml11)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise SourceError(f"has front matter that is not valid {'TOML' if fence == '+++' else 'YAML'}{where}: "
                          f"{getattr(err, 'problem', None) or err}; fix it there (often the indentation of a list) "
                          "and import the file again") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError("has front matter that is not a set of keys and values")
    return data, body


def read_posting_file(source: SourceFile) -> list[Draft]:
    """A Markdown (or Markdown-bodied .html) posting: with another site's front matter, or none."""
    problems = Problems()
    text = read_text(source.path, source.path.name, problems)
    if text is None:
        raise SourceError(problems.items[0].message)
    split = split_foreign(text, source.shown)
    if split is None:
        if source.path.suffix.lower() in (".html", ".htm"):
            raise SourceError("is an HTML page without front matter, not a posting of a static site")
        draft = markdown_draft(text, source.path.name)
        draft.slug_hint = str(draft.fields.get("title") or source.path.stem)
        return [draft]
    data, body = split
    if all(str(key) in FIELDS + KEPT_FIELDS for key in data):
        raise SourceError(CAREERSITE_POSTING)
    return [foreign_draft(data, body, source)]


# --- the front matter -------------------------------------------------------------------------


@dataclass
class _Reading:
    """One foreign front matter as it is read: what places said, what is kept, what is dropped."""

    draft: Draft
    places: Places = field(default_factory=Places)
    place_texts: list[str] = field(default_factory=list)
    place_parts: dict[str, str] = field(default_factory=dict)  # city, region, country keys
    kept: dict[str, object] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    imported: dict[str, object] = field(default_factory=dict)  # language, translation_key
    old_url: str = ""
    flagged_draft: str = ""  # 'archived: true'


KeyHandler = Callable[[_Reading, str, object], bool]  # True when the value was used (not kept)


def normal_key(key: object) -> str:
    """'job_title', 'jobTitle', 'Job-Title' -> 'job title': one spelling for the table."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(key))
    return " ".join(re.split(r"[\s_\-.]+", text.lower())).strip()


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_as_text(item) for item in value if item is not None)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return " ".join(str(value).split()) if value is not None else ""


def _label(handler_key: str) -> KeyHandler:
    """A key read like the body label of the same meaning (labels.py), so front matter and body
    lines agree on what 'Full time' or '$80-100k' means."""
    def read(r: _Reading, key: str, value: object) -> bool:
        text = _as_text(value)
        if not text:
            return True
        before = dict(r.draft.fields)
        understood = HANDLERS[handler_key](r.draft, text, r.places)
        _mark_source(r.draft, before, f"front matter {key}")
        return understood
    return read


def _mark_source(draft: Draft, before: dict[str, object], source: str) -> None:
    """Say where the fields just set came from, on the report lines they added."""
    for index, line in enumerate(draft.inferred):
        name = line.split(":", 1)[0]
        if name in draft.fields and draft.fields[name] is not before.get(name) and "[" not in line:
            draft.inferred[index] = f"{line} [{source}]"


def _title(r: _Reading, key: str, value: object) -> bool:
    """The first title-like key wins; another ('position: 3', a menu order on some sites) is kept."""
    text = _as_text(value)
    if not text or "title" in r.draft.fields or not isinstance(value, str):
        return False
    r.draft.set("title", text, f"{text!r} [front matter {key}]")
    return True


def _text_field(name: str) -> KeyHandler:
    def read(r: _Reading, key: str, value: object) -> bool:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]  # 'departments: [Engineering]'
        if isinstance(value, (dict, list)) or not _as_text(value):
            return False  # several departments, or a mapping: kept for a human to choose
        text = _as_text(value)
        r.draft.set(name, text, f"{text!r} [front matter {key}]")
        return True
    return read


def _place(r: _Reading, key: str, value: object) -> bool:
    text = _as_text(value)
    if text:
        r.place_texts.append(text)
        r.places.merge(parse_places(text))
    return bool(text)


def _place_part(part: str) -> KeyHandler:
    def read(r: _Reading, key: str, value: object) -> bool:
        text = _as_text(value)
        if text:
            r.place_parts[part] = text
        return bool(text)
    return read


def _remote(r: _Reading, key: str, value: object) -> bool:
    text = _as_text(value).lower()
    if value is True or text in ("yes", "true", "remote", "fully remote", "100%"):
        r.places.set_workplace("remote")
        r.draft.inferred.append(f"workplace: remote [front matter {key}: {value!r}]")
    elif value is False or text in ("no", "false", "onsite", "on-site", "0", "0%"):
        r.draft.inferred.append(f"workplace: not remote [front matter {key}: {value!r}]")
    elif "hybrid" in text or "partial" in text:
        r.places.set_workplace("hybrid")
        r.draft.inferred.append(f"workplace: hybrid [front matter {key}: {value!r}]")
    else:
        r.places.merge(parse_places(text))
        r.place_texts.append(text)
    return True


def _maybe_employment(r: _Reading, key: str, value: object) -> bool:
    """`type` is an employment type on some job sites and Hugo's layout type ('section') on others:
    used when it reads as one, kept under imported otherwise, never reported as a wrong type."""
    text = _as_text(value)
    if not values.employment_types(text):
        return False
    return _label("employment type")(r, key, value)


def _date(name: str) -> KeyHandler:
    def read(r: _Reading, key: str, value: object) -> bool:
        if isinstance(value, bool):
            return False
        found = _date_value(value)
        if found is None:
            r.draft.missing(name, f"{key}: {_as_text(value)!r} is not a date careersite can read; write YYYY-MM-DD")
            return False
        how = f"{found.isoformat()} [front matter {key}" + ("]" if _as_text(value) == found.isoformat() else f": {_as_text(value)!r}]")
        r.draft.set(name, found, how)
        return True
    return read


def _date_value(value: object) -> dt.date | None:
    """The day a date, a date-time or a date text names (a time of day is not kept: old sites
    stamp build times, not the moment a role opened)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _as_text(value)
    parsed = values.iso_date_time(text) if "T" in text or " " in text.strip() and ":" in text else None
    return parsed.date() if parsed else values.date_from(text)


def _posted_or_published(r: _Reading, key: str, value: object) -> bool:
    """`published: false` hides a page on Jekyll; `published: 2019-03-06` is a date on others."""
    if isinstance(value, bool) or _as_text(value).lower() in ("yes", "no", "true", "false"):
        return _draft_flag(hidden_when=False)(r, key, value)
    return _date("date_posted")(r, key, value)


def _draft_flag(hidden_when: bool) -> KeyHandler:
    def read(r: _Reading, key: str, value: object) -> bool:
        flag = value if isinstance(value, bool) else _as_text(value).lower() in ("yes", "true")
        if flag == hidden_when and not r.flagged_draft:
            r.flagged_draft = f"{key}: {str(value).lower()}"
        return isinstance(value, bool) or _as_text(value).lower() in ("yes", "no", "true", "false")
    return read


def _status(r: _Reading, key: str, value: object) -> bool:
    text = _as_text(value).lower()
    if text in ("closed", "filled", "archived", "expired", "inactive", "draft", "upcoming"):
        r.flagged_draft = r.flagged_draft or f"{key}: {text}"
        return True
    return text in ("open", "active", "published", "live")


def _apply(r: _Reading, key: str, value: object) -> bool:
    text = _as_text(value)
    if _EMAIL.fullmatch(text):
        text = f"mailto:{text}"
    before = dict(r.draft.fields)
    understood = apply_url(r.draft, text, r.places)
    _mark_source(r.draft, before, f"front matter {key}")
    if not understood:
        r.draft.missing("apply_url", f"{key}: {text!r} is neither a web address nor an e-mail address")
    return understood


def _summary(r: _Reading, key: str, value: object) -> bool:
    text = clean_inline(_as_text(value))
    if not text or "summary" in r.draft.fields:
        return False
    r.draft.set("summary", text, f"{len(text)} characters [front matter {key}]")
    return True


def _keywords(r: _Reading, key: str, value: object) -> bool:
    raw = [_as_text(v) for v in value] if isinstance(value, list) else keyword_list(_as_text(value))
    terms, left_out = skill_terms([t for t in raw if t])
    if terms:
        r.draft.set("keywords", terms, f"{len(terms)} terms [front matter {key}]{left_out_note(left_out)}")
    return bool(terms) and not left_out


def _imported(name: str) -> KeyHandler:
    def read(r: _Reading, key: str, value: object) -> bool:
        r.imported[name] = _plain(value)
        return True
    return read


def _old_url(r: _Reading, key: str, value: object) -> bool:
    text = _as_text(value)
    r.old_url = r.old_url or urlsplit(text).path
    r.dropped.append(f"{key}: {text}")
    return True


def _dropped(r: _Reading, key: str, value: object) -> bool:
    r.dropped.append(f"{key}: {_as_text(value)}" if not isinstance(value, (dict, list)) else key)
    return True


def _keys(handler: KeyHandler, *names: str) -> dict[str, KeyHandler]:
    return dict.fromkeys(names, handler)


# The names Jekyll, Hugo, Gatsby and Eleventy job sites give careersite's fields (after normal_key).
KEYS: dict[str, KeyHandler] = {
    **_keys(_title, "title", "job title", "position", "position title", "role", "job"),
    **_keys(_place, "location", "locations", "job location", "office", "offices", "based in", "where"),
    **_keys(_place_part("city"), "city", "town"),
    **_keys(_place_part("region"), "region", "state", "province"),
    **_keys(_place_part("country"), "country", "country code"),
    **_keys(_remote, "remote", "is remote", "remote ok", "remote friendly"),
    **_keys(_label("workplace"), "workplace", "workplace type", "work arrangement", "work model"),
    **_keys(_label("employment type"), "employment type", "employment", "job type", "contract", "contract type",
            "commitment", "position type", "hours", "employmenttype"),
    **_keys(_maybe_employment, "type"),
    **_keys(_label("salary"), "salary", "salary range", "pay", "pay range", "compensation", "wage", "rate"),
    **_keys(_label("experience"), "experience", "experience level", "seniority", "level"),
    **_keys(_label("education"), "education", "degree"),
    **_keys(_date("date_posted"), "date", "created", "created at", "date posted", "posted", "posted at", "publish date",
            "publishdate", "pubdate", "opens", "open date", "opening date", "start date"),
    **_keys(_posted_or_published, "published", "published at"),
    **_keys(_date("valid_through"), "expire", "expires", "expiry", "expiry date", "expirydate", "expiration",
            "expiration date", "closing date", "closes", "close date", "closing", "deadline", "valid through",
            "apply by", "application deadline"),
    **_keys(_date("updated"), "updated", "last modified", "lastmod", "modified", "date modified", "updated at"),
    **_keys(_apply, "apply", "apply url", "application url", "apply link", "application link", "apply here",
            "how to apply", "application", "apply to", "applyurl"),
    **_keys(_text_field("department"), "department", "dept", "departments"),
    **_keys(_text_field("team"), "team", "squad"),
    **_keys(_text_field("id"), "id", "job id", "req id", "requisition id", "requisition", "reference", "job reference",
            "lever id", "greenhouse id", "job code"),
    **_keys(_summary, "summary", "description", "excerpt", "teaser", "intro", "lead", "subtitle"),
    **_keys(_keywords, "tags", "keywords", "skills"),
    **_keys(_draft_flag(hidden_when=True), "draft", "archived", "hidden", "unlisted", "closed", "filled", "expired"),
    **_keys(_status, "status", "state"),
    **_keys(_imported("language"), "lang", "language", "locale"),
    **_keys(_imported("translation_key"), "translation key", "translationkey", "ref", "i18n key"),
    **_keys(_old_url, "permalink", "path", "slug", "url"),
    # what only the old site's templates used
    **_keys(_dropped, "layout", "weight", "menu", "sitemap", "aliases", "redirect from", "image", "images", "cover",
            "thumbnail", "featured image", "bg image", "icon", "nav", "order", "sidebar", "toc", "comments", "share",
            "class", "body class", "header", "banner", "hero", "show in menu", "no index", "noindex", "exclude"),
}


def foreign_draft(data: dict, body: str, source: SourceFile) -> Draft:
    """The Draft of one posting with another generator's front matter."""
    draft = Draft(origin=source.shown, slug_hint="")
    r = _Reading(draft)
    for key, value in data.items():
        handler = KEYS.get(normal_key(key))
        if value is None or value == "" or value == []:
            r.dropped.append(f"{key} (empty)")
        elif handler is None or not handler(r, str(key), value):
            r.kept[str(key)] = _plain(value)
    _settle_places(r)
    _read_body(r, body, source)
    _from_file_name(r, source)
    _settle_draft(r)
    _settle_imported(r, source)
    draft.slug_hint = _slug_hint(r, source)
    return draft


def _settle_places(r: _Reading) -> None:
    if r.place_parts:
        text = ", ".join(r.place_parts[p] for p in ("city", "region", "country") if p in r.place_parts)
        r.place_texts.append(text)
        r.places.merge(parse_places(text))
    if r.place_texts or r.places.workplace:
        before = dict(r.draft.fields)
        r.draft.set_places(r.places, " / ".join(r.place_texts) or "remote")
        _mark_source(r.draft, before, "front matter")


def _read_body(r: _Reading, body: str, source: SourceFile) -> None:
    """Template tags out; then the body read as plain Markdown fills what the front matter lacks."""
    draft = r.draft
    title = str(draft.fields.get("title", ""))
    cleaned = clean_body(body, title)
    for tag in cleaned.removed_text():
        draft.notes.append(f"removed {tag}")
    for tag in cleaned.resolved:
        draft.notes.append(f"resolved {tag}")
    from_body = markdown_draft(cleaned.text, source.shown, title=title)
    for item in from_body.inferred:
        name = item.split(":", 1)[0]
        if name not in draft.fields:
            draft.fields[name] = from_body.fields[name]
            draft.inferred.append(f"{item} [body]")
        elif from_body.fields[name] != draft.fields[name]:
            draft.notes.append(f"{name}: the front matter value is kept; the body says {_as_text(from_body.fields[name])!r}")
    given = {item.split(":", 1)[0] for item in draft.inferred}
    draft.to_fill += [item for item in from_body.to_fill if item.split(":", 1)[0] not in given]
    draft.body = from_body.body
    if cleaned.excerpt and "summary" not in draft.fields:
        summary = clean_inline(cleaned.excerpt)
        if "\n\n" not in cleaned.excerpt.strip() and len(summary) <= 300:
            draft.set("summary", summary, f"{len(summary)} characters [body, the text before the excerpt marker]")
    _apply_in_body(draft)
    _links_into_old_site(draft)


def _apply_in_body(draft: Draft) -> None:
    """An apply target only the body gives: one mailto, e-mail address, ATS form or apply link."""
    fixed = []

    def mail_target(match: re.Match[str]) -> str:
        target = match.group("target")
        if target and _EMAIL.fullmatch(target):
            fixed.append(target)
            return match.group(0).replace(f"({target}", f"(mailto:{target}", 1)
        return match.group(0)

    draft.body = _LINK.sub(mail_target, draft.body)
    for address in dict.fromkeys(fixed):
        draft.notes.append(f"the link to {address} had no mailto:; it now opens an e-mail")
    if draft.fields.get("apply_url"):
        return
    found: dict[str, str] = {}
    for match in _LINK.finditer(draft.body):
        target = match.group("target") or match.group("href") or match.group("auto") or ""
        text = clean_inline(match.group("text") or match.group("atext") or target)
        if target.startswith("mailto:") or _is_ats(target) or target.startswith("http") and _APPLY_WORDS.search(text):
            found.setdefault(target.rstrip(".,;"), text)
    if len(found) == 1:
        [(target, text)] = found.items()
        draft.set("apply_url", target, f"{target} [body, the link {text!r}]")
    elif found:
        choices = "; ".join(f"{text!r} {target}" for target, text in found.items())
        draft.missing("apply_url", f"the body links to {len(found)} places to apply ({choices}); set apply_url to the one to use")


def _is_ats(url: str) -> bool:
    host = re.sub(r"^https?://", "", url).split("/", 1)[0].lower()
    return any(host == ats or host.endswith("." + ats) for ats in _ATS_HOSTS)


def _links_into_old_site(draft: Draft) -> None:
    targets = [m.group("target") or m.group("href") or "" for m in _LINK.finditer(draft.body)]
    targets += [m.group("target") for m in _IMAGE.finditer(draft.body)]
    relative = [t for t in dict.fromkeys(targets) if t and not re.match(r"^([a-z][a-z0-9+.-]*:|#|//)", t, re.I)]
    for target in relative:
        draft.notes.append(f"the link {target} points into the old site; it is kept, make it a full URL or move that page too")


def _from_file_name(r: _Reading, source: SourceFile) -> None:
    dated = _FILE_DATE.match(source.path.stem)
    if dated and "date_posted" not in r.draft.fields:
        try:
            day = dt.date.fromisoformat(dated.group(1))
        except ValueError:
            return
        r.draft.set("date_posted", day, f"{day.isoformat()} [the file name {source.path.name!r}]")


def _settle_draft(r: _Reading) -> None:
    draft = r.draft
    if r.flagged_draft:
        draft.set("draft", True, f"true [front matter {r.flagged_draft}]: the old site did not show it; careersite builds it only with --drafts")
    title = str(draft.fields.get("title", ""))
    if _GENERAL_APPLICATION.search(title):
        if not draft.fields.get("draft"):
            draft.set("draft", True, "true: a general application, not a job")
        draft.notes.append(f"{title!r} invites applications for no particular job, which is not a JobPosting for "
                           "Google; it stays a draft. Link the apply form from a page in content/pages/ instead, "
                           "or delete this file")


def _settle_imported(r: _Reading, source: SourceFile) -> None:
    if source.language and "language" not in r.imported:
        r.imported["language"] = source.language
    imported: dict[str, object] = {"from": source.shown}
    imported.update(r.imported)
    if r.kept:
        imported["fields"] = r.kept
        r.draft.notes.append(f"kept under imported.fields (careersite has no field for them): {', '.join(r.kept)}")
    if r.dropped:
        r.draft.notes.append(f"dropped (only the old site's templates used them): {'; '.join(r.dropped)}")
    if "language" in r.imported or "translation_key" in r.imported:
        said = ", ".join(f"{k} {r.imported[k]}" for k in ("language", "translation_key") if k in r.imported)
        r.draft.notes.append(f"kept {said} under imported, for when careersite publishes translations")
    r.draft.fields["imported"] = imported


def _slug_hint(r: _Reading, source: SourceFile) -> str:
    """The file name: the old URL's words, else the file's name without a date or an ATS id, else
    the title (a file named in another script than Latin gives no ASCII slug)."""
    if r.old_url:
        parts = [p for p in r.old_url.strip("/").split("/") if p and p not in (".", "..")]
        # '/fr/jobs/dev-ops/' -> 'dev-ops': the section and language folders are the same for all
        parts = [p for p in parts[:-1] if slugify(p) not in _COLLECTION_SEGMENTS and not language_of((p,))] + parts[-1:]
        if slugify("-".join(parts)):
            return "-".join(parts)
    stem = source.path.stem
    if stem.lower() in ("index", "_index"):
        stem = source.path.parent.name  # a Hugo page bundle: jobs/senior-dev/index.md
    dated = _FILE_DATE.match(stem)
    stem = _ID_SUFFIX.sub("", dated.group(2) if dated else stem)
    if slugify(stem):
        return stem
    return str(r.draft.fields.get("title", "")) or stem


def _plain(value: object) -> object:
    """A fresh copy of a front matter value in types the YAML writer keeps as they are (no shared
    lists, which it would write as aliases careersite refuses)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
        return value
    return str(value)


# --- language folders ---------------------------------------------------------------------------


def language_of(parts: tuple[str, ...]) -> str:
    """The language a folder names ('content/fr/jobs' -> 'fr'): a two-letter ISO 639-1 code,
    optionally with a region ('pt-br'); '' when no folder is one."""
    for part in parts:
        match = re.fullmatch(r"([a-z]{2})(?:[-_][a-zA-Z]{2})?", part)
        if match and pycountry.languages.get(alpha_2=match.group(1)):
            return part.lower().replace("_", "-")
    return ""
