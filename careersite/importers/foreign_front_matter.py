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
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from ..places import parse_places
from ..posting_fields import FIELDS, KEPT_FIELDS
from ..problems import Problems
from ..slugs import slugify
from ..sourcefile import read_text
from .draft import Draft, SourceError
from .labels import EMAIL, clean_inline
from .plain_markdown import markdown_draft
from .foreign_keys import KEYS, Reading, as_text, mark_source, normal_key, plain_value
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


def foreign_draft(data: dict, body: str, source: SourceFile) -> Draft:
    """The Draft of one posting with another generator's front matter."""
    draft = Draft(origin=source.shown, slug_hint="")
    r = Reading(draft)
    for key, value in data.items():
        handler = KEYS.get(normal_key(key))
        if value is None or value == "" or value == []:
            r.dropped.append(f"{key} (empty)")
        elif handler is None or not handler(r, str(key), value):
            r.kept[str(key)] = plain_value(value)
    _settle_places(r)
    _read_body(r, body, source)
    _from_file_name(r, source)
    _settle_draft(r)
    _settle_imported(r, source)
    draft.slug_hint = _slug_hint(r, source)
    return draft


def _settle_places(r: Reading) -> None:
    if r.place_parts:
        text = ", ".join(r.place_parts[p] for p in ("city", "region", "country") if p in r.place_parts)
        r.place_texts.append(text)
        r.places.merge(parse_places(text))
    if r.place_texts or r.places.workplace:
        before = dict(r.draft.fields)
        r.draft.set_places(r.places, " / ".join(r.place_texts) or "remote")
        mark_source(r.draft, before, "front matter")


def _read_body(r: Reading, body: str, source: SourceFile) -> None:
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
            draft.notes.append(f"{name}: the front matter value is kept; the body says {as_text(from_body.fields[name])!r}")
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
        if target and EMAIL.fullmatch(target):
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


def _from_file_name(r: Reading, source: SourceFile) -> None:
    dated = _FILE_DATE.match(source.path.stem)
    if dated and "date_posted" not in r.draft.fields:
        try:
            day = dt.date.fromisoformat(dated.group(1))
        except ValueError:
            return
        r.draft.set("date_posted", day, f"{day.isoformat()} [the file name {source.path.name!r}]")


def _settle_draft(r: Reading) -> None:
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


def _settle_imported(r: Reading, source: SourceFile) -> None:
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


def _slug_hint(r: Reading, source: SourceFile) -> str:
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


# --- language folders ---------------------------------------------------------------------------


def language_of(parts: tuple[str, ...]) -> str:
    """The language a folder names ('content/fr/jobs' -> 'fr'): a two-letter ISO 639-1 code,
    optionally with a region ('pt-br'); '' when no folder is one."""
    for part in parts:
        match = re.fullmatch(r"([a-z]{2})(?:[-_][a-zA-Z]{2})?", part)
        if match and pycountry.languages.get(alpha_2=match.group(1)):
            return part.lower().replace("_", "-")
    return ""
