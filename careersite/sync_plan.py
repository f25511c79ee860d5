"""What a sync would do to content/jobs/, worked out before anything is written: each board's
postings against the files an earlier sync wrote (found by their `source`, whatever their name).

Who owns what: the ATS owns the fields its answer gives and the body; every other field of a
synced file (a department or summary added by hand, an image...) is the site's and is kept. The
file's first line says which fields the ATS gave (`# careersite sync owns: title, ...`), so a field
the board stops giving is removed, not left with its last value. A posting gone from the board is
closed, never deleted: valid_through is set to the second before
the sync, so the build answers 410 and drops it from the sitemap. Files without a `source` from a
synced board are never read for more than that, and never written, but for the translations of a
synced posting (designer.de.md beside designer.md, or the same `translation_key`) on a site in several
languages: they take the fields every version shares (id, salary, dates, employment type, places)
when the board changes them or closes the posting, or the build would refuse the two as disagreeing
(and keep a closed job open in the other languages). Their own words are never touched."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


from .config import SiteConfig
from .content import JOBS_DIR
from .frontmatter_yaml import FrontMatterError, split_document
from .importers.draft import Draft, check_complete
from .importers.write import field_order, front_matter, unique_slug
from .posting import as_datetime, file_language, posting_slug
from .posting_fields import FIELDS, parse_date
from .posting_file import parse_posting
from .problems import Problems
from .sourcefile import is_editor_leftover
from .sync_source import Board, ref_board

NEW, CHANGED, CLOSED, UNCHANGED, REFUSED = "new", "changed", "closed", "unchanged", "refused"
ACTIONS = (NEW, CHANGED, CLOSED, UNCHANGED, REFUSED)  # the order a plan is told in
_SOURCE_LINE = re.compile(r"^source:\s*['\"]?([^'\"\s]+)", re.M)
_OWNED = "# careersite sync owns: {} and the description; fields you add are kept"
_OWNED_LINE = re.compile(r"^# careersite sync owns: ([a-z_, ]*?),? ?and the description;", re.M)


@dataclass(frozen=True)
class SyncedFile:
    """A posting file an earlier sync wrote: its name, front matter and body as they are now."""

    name: str
    data: dict
    body: str
    owned: tuple[str, ...] | None  # the fields the ATS gave at the last sync; None if its line was removed

    @property
    def shown(self) -> str:
        return f"{JOBS_DIR}/{self.name}"


@dataclass(frozen=True, order=True)
class Change:
    """What the sync does to one posting; `text` is the file's new content (None: nothing to write)."""

    action: str
    path: str  # content/jobs/<slug>.md, or the board's posting when it is refused before it has one
    ref: str  # greenhouse:acme/4012345
    fields: tuple[str, ...] = ()  # changed: the fields that change ('body' for the description)
    notes: tuple[str, ...] = ()  # refused: why; new: what is still to fill in
    text: str | None = field(default=None, compare=False)

    def line(self) -> str:
        what = {CHANGED: f": {', '.join(self.fields)}", REFUSED: ": not written"}.get(self.action, "")
        return f"  {self.action:<9} {self.path} ({self.ref}){what}"


@dataclass(frozen=True)
class LocalFiles:
    """content/jobs/ as the sync sees it: the synced files by source, the slugs and ids taken."""

    synced: dict[str, SyncedFile]  # source ref -> file
    slugs: set[str]  # every posting's slug, synced or not: a new file never takes one
    ids: dict[str, str]  # posting id -> the file that has it
    unreadable: dict[str, str]  # source ref -> why its file cannot be read (sync will not touch it)
    twice: dict[str, str]  # source ref -> a second file that claims it
    # a site in several languages: translation key -> the translations (not the default language's
    # version) that share it, which follow their synced original's shared fields
    translations: dict[str, list[SyncedFile]] = field(default_factory=dict)


def read_local(site: Path, config: SiteConfig | None = None) -> LocalFiles:
    """Every posting file's front matter, read once; files that cannot be read are left to the
    build to report, unless they name a source (then that posting is refused, not duplicated).
    `config`: the site's, for the translations of a site in several languages."""
    local = LocalFiles({}, set(), {}, {}, {})
    languages = config.file_languages if config else ()
    jobs = site / JOBS_DIR
    for path in sorted(jobs.glob("*.md")) if jobs.is_dir() else ():
        if path.name.startswith(".") or is_editor_leftover(path.name) or not path.is_file():
            continue
        local.slugs.add(posting_slug(path.name))
        shown = f"{JOBS_DIR}/{path.name}"
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        try:
            doc = split_document(raw.decode("utf-8"))
        except (UnicodeDecodeError, FrontMatterError) as err:
            for ref in _SOURCE_LINE.findall(raw.decode("utf-8", errors="replace")):
                local.unreadable[ref] = f"{shown} holds this posting but cannot be read ({err}); fix it and sync again"
            continue
        posting_id, ref = doc.data.get("id"), doc.data.get("source")
        group = _translation_of(path.name, doc.data, languages, config)
        if group and not (isinstance(ref, str) and ref_board(ref)):  # a translation (not an ATS's own posting): it shares its original's id
            local.translations.setdefault(group, []).append(SyncedFile(path.name, doc.data, doc.body, None))
            continue
        if isinstance(posting_id, (str, int)) and not isinstance(posting_id, bool):
            local.ids.setdefault(str(posting_id), shown)
        if isinstance(ref, str) and ref_board(ref):
            if ref in local.synced:
                local.twice[ref] = shown
            else:
                matter = "\n".join(raw.decode("utf-8").splitlines()[: doc.body_line - 1])
                owned = _OWNED_LINE.search(matter)
                local.synced[ref] = SyncedFile(path.name, doc.data, doc.body,
                                               tuple(filter(None, owned.group(1).split(", "))) if owned else None)
    return local


def _translation_of(name: str, data: dict, languages: tuple[str, ...], config: SiteConfig | None) -> str:
    """The translation key of a file that is a translation (designer.de.md, or `language: de` in its
    front matter) on a site in several languages, as the build groups it; "" for any other file."""
    if config is None or not config.languages:
        return ""
    named = file_language(name, languages)
    written = data.get("language")
    language = written if isinstance(written, str) and written else (named[0] if named else "")
    if not language or language.lower() == config.language.lower():
        return ""
    key = data.get("translation_key")
    return key if isinstance(key, str) and key else (named[1] if named else posting_slug(name))


def plan_board(board: Board, drafts: list[Draft], local: LocalFiles, config: SiteConfig, now: dt.datetime) -> list[Change]:
    """One board's changes: its postings new, changed or unchanged, the synced files it no longer
    lists closed. Each file to write is validated as the build would read it; what the build would
    refuse is reported, and left as it was."""
    changes = []
    listed = set()
    for draft in (d for d in drafts if not d.skipped):  # a skipped one (unlisted, closed) is not on the board
        ref = board.ref(draft.source_id)
        listed.add(ref)
        if not draft.source_id:
            changes.append(Change(REFUSED, draft.origin, ref, notes=("the board gives this posting no id",)))
        elif ref in local.unreadable or ref in local.twice:
            twice = f"{local.twice.get(ref)} and {local.synced[ref].shown} both hold it; delete one" if ref in local.twice else ""
            changes.append(Change(REFUSED, draft.origin, ref, notes=(local.unreadable.get(ref) or twice,)))
        elif ref in local.synced:
            changes.append(_update(ref, draft, local.synced[ref], now))
        else:
            changes.append(_new(ref, draft, local, config, now))
    for ref, synced in sorted(local.synced.items()):
        if ref_board(ref)[0] == str(board) and ref not in listed and not _closed(synced.data, now):
            closed = {**synced.data, "valid_through": _closing_time(now)}
            text = posting_file_text(closed, synced.body, synced.owned)
            changes.append(Change(CLOSED, synced.shown, ref, ("valid_through",), text=text))
    for ref, why in sorted(local.unreadable.items()):  # gone from the board, but its file cannot be closed
        if (ref_board(ref) or ("",))[0] == str(board) and ref not in listed:
            changes.append(Change(REFUSED, ref, ref, notes=(why.replace("fix it and sync again", "fix it and sync again to close it"),)))
    changes = [_validated(change, local, config) for change in changes]
    return changes + [_validated(follow, local, config, translation=True) for change in changes for follow in _translations_follow(change, local)]


# what every version of a posting shares (languages.py checks that they agree), as front matter keys
SHARED = ("id", "date_posted", "valid_through", "employment_type", "workplace", "applicant_locations", "salary")


def _translations_follow(change: Change, local: LocalFiles) -> list[Change]:
    """The translations of a changed or closed synced posting, with the fields every version shares
    as its new file has them: a city's translated name is kept while the places are the same
    (country, region, postal code, in order)."""
    if change.action not in (CHANGED, CLOSED) or change.text is None:
        return []
    new = split_document(change.text).data
    group = new.get("translation_key") if isinstance(new.get("translation_key"), str) and new.get("translation_key") \
        else posting_slug(Path(change.path).name)
    follows = []
    for translation in local.translations.get(group, []):
        data = dict(translation.data)
        for key in SHARED:
            if key in new:
                data[key] = new[key]
            elif key != "id":  # a translation without an id takes its original's
                data.pop(key, None)
        if _places(new.get("locations")) != _places(data.get("locations")):
            data["locations"] = new.get("locations")
            if data["locations"] is None:
                del data["locations"]
        changed = [key for key in sorted(set(data) | set(translation.data), key=field_order) if data.get(key) != translation.data.get(key)]
        if changed:
            follows.append(Change(change.action if change.action == CLOSED else CHANGED, translation.shown, change.ref,
                                  tuple(changed), notes=(f"follows {change.path}",),
                                  text=posting_file_text(data, translation.body, None)))
    return follows


def _places(locations) -> list:
    """What translations of a place share: its country, region and postal code (a city's name may be translated)."""
    if not isinstance(locations, list):
        return [locations]
    return [tuple(str(place.get(k, "")) for k in ("country", "region", "postal_code")) if isinstance(place, dict) else place
            for place in locations]


def _new(ref: str, draft: Draft, local: LocalFiles, config: SiteConfig, now: dt.datetime) -> Change:
    owned = tuple(draft.fields)  # before check_complete adds a date_posted the ATS did not give
    check_complete(draft, now.date(), config.defaults.apply_url, config.defaults.employment_type)
    slug = unique_slug(draft, local.slugs)  # adds it to the slugs taken
    text = posting_file_text({**draft.fields, "source": ref}, draft.body, owned)
    return Change(NEW, f"{JOBS_DIR}/{slug}.md", ref, notes=tuple(draft.to_fill), text=text)


def _update(ref: str, draft: Draft, synced: SyncedFile, now: dt.datetime) -> Change:
    """The file's own fields, the board's over them; a posting listed again after sync closed it
    (a past valid_through the board does not give) is opened again."""
    data = {**synced.data, **draft.fields, "source": ref}
    for key in synced.owned or ():  # given last time, no longer: not left with its old value
        if key not in draft.fields:
            data.pop(key, None)
    if "valid_through" not in draft.fields and _closed(synced.data, now):
        del data["valid_through"]
    text = posting_file_text(data, draft.body, tuple(draft.fields))
    written = split_document(text)  # compared as the build reads them: formatting is not a change
    keys = sorted(set(written.data) | set(synced.data), key=field_order)
    changed = [key for key in keys if written.data.get(key) != synced.data.get(key)]
    if written.body.strip("\n") != synced.body.strip("\n"):
        changed.append("body")
    if not changed:
        return Change(UNCHANGED, synced.shown, ref)
    return Change(CHANGED, synced.shown, ref, tuple(changed), text=text)


def _validated(change: Change, local: LocalFiles, config: SiteConfig, translation: bool = False) -> Change:
    """The change, or REFUSED with the build's reasons (a duplicate id too, but for a `translation`,
    which shares its original's) when its file would not build."""
    if change.text is None:
        return change
    problems = Problems()
    parse_posting(change.text.encode("utf-8"), change.path, posting_slug(Path(change.path).name), config, problems)
    reasons = [str(problem) for problem in sorted(problems.items)]
    posting_id = split_document(change.text).data.get("id")
    if posting_id is not None and not translation:
        holder = local.ids.setdefault(str(posting_id), change.path)
        if holder != change.path:
            reasons.append(f"{change.path}: id: {posting_id!r} is also the id of {holder}; careersite needs unique ids")
    if reasons:
        if change.action == NEW and change.notes:  # what the board did not give, with its fix, and where to give it
            reasons += [f"to fill in: {note}" for note in change.notes]
            reasons.append(f"a field the board does not give can be written by hand: create {change.path} with "
                           f"`source: {change.ref}` and that field; the next sync keeps it and fills in the rest")
        return Change(REFUSED, change.path, change.ref, notes=tuple(reasons))
    return change


def _closed(data: dict, now: dt.datetime) -> bool:
    end = parse_date(data.get("valid_through"))
    return end is not None and as_datetime(end, end_of_day=True) < now


def _closing_time(now: dt.datetime) -> str:
    """The second before the sync, in UTC: the posting is expired for any build from the sync on,
    even one run at the same instant (SOURCE_DATE_EPOCH)."""
    moment = now.astimezone(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def posting_file_text(data: dict, body: str, owned: tuple[str, ...] | None) -> str:
    """A posting file: the line naming the fields the ATS owns (none when `owned` is None: the
    line was removed by hand), front matter in careersite's field order (a key careersite does not
    know, added by hand, is kept after them, for the build to report), then the body."""
    names = ", ".join(sorted((key for key in owned or () if key in FIELDS), key=field_order))
    line = _OWNED.format(names) + "\n" if owned is not None else ""
    return f"---\n{line}{front_matter(data)}---\n{body.strip(chr(10))}\n"
