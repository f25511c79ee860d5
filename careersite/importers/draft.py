"""Draft: one posting read from an outside format, before it is written as a careersite file.

Importers fill in front matter fields and say, for the report, what they inferred and what a
human still has to fill in. Nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..places import Places
from ..placeholders import describe, placeholders_by_field


class SourceError(Exception):
    """An input file that cannot be imported at all (unreadable, not JSON, not the expected shape)."""


@dataclass
class Draft:
    origin: str  # where it came from, for the report: 'board.json, job 4012345'
    slug_hint: str  # what the file name should come from: a title, or a source file's name
    # the ATS's own id for the posting ('4012345'): what `careersite sync` knows a posting by
    # from one sync to the next, whatever its title or file name became. '' for files.
    source_id: str = ""
    skipped: str = ""  # why a posting in the answer is not to be published ('' for one that is)
    skip_expected: bool = True  # the vendor does not publish it either (unlisted, closed): no failure
    fields: dict[str, object] = field(default_factory=dict)
    body: str = ""
    inferred: list[str] = field(default_factory=list)
    to_fill: list[str] = field(default_factory=list)
    # what the import did besides setting fields: tags removed, keys dropped or kept, links to check
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of_ats_job(cls, name: str, noun: str, job_id: str, title: str) -> Draft:
        """The Draft of one job in an ATS's answer (`name`: where the answer came from, `noun`: what
        the vendor calls a job), titled, with the ATS's id as its source_id and its `id`."""
        draft = cls(origin=f"{name}, {noun} {job_id or '?'}", slug_hint=title, source_id=job_id)
        if title:
            draft.set("title", title)
        if job_id:
            draft.set("id", job_id)
        return draft

    def set_date_posted(self, moment: dt.date | dt.datetime | None, key: str) -> bool:
        """date_posted from the ATS's own field `key` (a date-time gives its day), said in the report
        with the field's name; False when the field gave none."""
        if moment is None:
            return False
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        self.set("date_posted", day, f"{day.isoformat()} ({key})")
        return True

    def set_apply_url(self, *candidates: str) -> None:
        """apply_url from the first of the ATS's links that it gives (its apply form, then its page)."""
        found = next((url for url in candidates if url), "")
        if found:
            self.set("apply_url", found)

    def set(self, key: str, value: object, how: str = "") -> None:
        """Set a field; with `how`, also note it for the report as inferred."""
        self.fields[key] = value
        if how:
            self.inferred.append(f"{key}: {how}")

    def skip(self, why: str, expected: bool = True) -> None:
        """In the vendor's answer, but not published there (unlisted, closed, internal): not
        written, and the report says why. `expected`: the import is still complete (a vendor's own
        choice not to publish it); False when something the user asked for was left out (a page
        of the answer not given), which makes the import fail."""
        self.skipped, self.skip_expected = why, expected

    def missing(self, key: str, why: str) -> None:
        self.to_fill.append(f"{key}: {why}")

    def set_places(self, places: Places, source_text: str, workplace: str = "") -> None:
        """workplace, locations and applicant_locations from parsed place text; an explicit
        `workplace` (an ATS's own field) wins over what the words suggest."""
        chosen = workplace or places.workplace
        if chosen:
            self.set("workplace", chosen, "" if workplace or chosen == "onsite" else f"{chosen} (from {source_text!r})")
        if places.locations:
            self.set("locations", places.locations, f"{_location_labels(places.locations)} (from {source_text!r})")
        if places.applicant_locations:
            self.set("applicant_locations", places.applicant_locations,
                     f"{', '.join(places.applicant_locations)} (from {source_text!r})")
        for text in places.unresolved:
            reason = places.reasons.get(text) or f"{text!r} is not a city and country careersite knows; add it as {{city: ..., country: XX}} (ISO code) or as applicant_locations"
            self.missing("locations", reason)


def _location_labels(locations: list[dict[str, str]]) -> str:
    labels = []
    for loc in locations:
        label = ", ".join(filter(None, (loc["city"], loc.get("region", ""), loc["country"])))
        labels.append(f"{loc['name']} ({label})" if loc.get("name") else label)
    return "; ".join(labels)


def check_complete(draft: Draft, today: dt.date, default_apply_url: str, default_employment: str) -> None:
    """The checks every importer shares: what careersite will reject, and what a reader of the
    posting (or Google) will miss. A field an importer already reported is not reported twice,
    and one a site default covers only when there is no default."""
    fields = draft.fields
    reported = {item.split(":", 1)[0] for item in draft.to_fill}

    def need(key: str, why: str) -> None:
        if key not in reported:
            draft.missing(key, why)

    if not fields.get("title"):
        need("title", "no job title found; add title: ...")
    if "date_posted" not in fields:
        draft.set("date_posted", today)
        need("date_posted", f"set to today ({today.isoformat()}); the source has no publication date, check it")
    remote = fields.get("workplace") == "remote"
    if remote and not fields.get("applicant_locations"):
        need("applicant_locations", "needed for a remote posting: where hires may live, e.g. [US] or [DE, FR]")
    if not remote and not fields.get("locations"):
        need("locations", "needed unless the posting is remote: at least one {city: ..., country: XX}")
    if not fields.get("department"):
        need("department", "not in the source; add it to group the posting on the listing")
    if not fields.get("employment_type"):
        need("employment_type", f"not in the source; the site default {default_employment} applies")
    if not fields.get("apply_url") and not default_apply_url:
        need("apply_url", "not in the source and careersite.toml has no [defaults] apply_url")
    if not fields.get("salary"):
        need("salary", "not in the source; add it where pay transparency laws or Google ask for it")
    if not draft.body.strip():
        need("body", "the description is empty")
    for name, found in placeholders_by_field(str(fields.get("title", "")), str(fields.get("summary", "")), draft.body):
        need(name, f"holds {describe(found)}: the build refuses to publish it until it is replaced with the real text")
