"""The Site view: what a build publishes, computed once from the postings and the build date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .config import SiteConfig
from .languages import LanguageLinks, prefix, shared_ids
from .messages import ENGLISH, Messages, messages_for
from .posting import Posting, as_datetime
from .slugs import slugify
from .plural import counted
from .problems import Problems

OPEN, DRAFT, SCHEDULED, EXPIRED = "open", "draft", "scheduled", "expired"


def status(posting: Posting, now: dt.datetime) -> str:
    """Where a posting stands on the build date: open, draft, scheduled or expired."""
    if posting.draft:
        return DRAFT
    if as_datetime(posting.date_posted) > now:
        return SCHEDULED
    if posting.valid_through and as_datetime(posting.valid_through, end_of_day=True) < now:
        return EXPIRED
    return OPEN


def steady_span(postings: list[Posting], now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The build dates [start, end) over which every posting keeps the status it has at `now`
    (None: no bound): a build at any of them publishes the same site."""
    start = end = None
    for posting in postings:
        if posting.draft:
            continue
        changes = [as_datetime(posting.date_posted)]  # scheduled before this moment
        if posting.valid_through:  # expired from the microsecond after the end of its day
            changes.append(as_datetime(posting.valid_through, end_of_day=True) + dt.timedelta(microseconds=1))
        for moment in changes:
            if moment > now:
                end = moment if end is None else min(end, moment)
            else:
                start = moment if start is None else max(start, moment)
    return start, end


@dataclass(frozen=True)
class NextChange:
    """The next posting to open or close after the build date. The site shows it wrongly from that
    moment until the next build, which is why `build` tells it (and the README asks for a daily one)."""

    title: str
    change: str  # "opens" or "closes"
    when: str  # "on 2026-12-01", "at the end of 2027-01-31", "at 2027-01-31 17:00 UTC"
    day: dt.date  # the UTC day `when` names
    days: int  # from the build date's UTC day to `day`
    others: int = 0  # other postings that open or close at the same moment
    mixed: bool = False  # some of those others open while this one closes, or the other way round

    def note(self) -> str:
        soon = {0: "today", 1: "tomorrow"}.get(self.days, f"in {self.days} days")
        subject, verb, tail = f"'{self.title}'", self.change, ""
        effect = "it appears" if self.change == "opens" else "it leaves the site"
        if self.others and self.mixed:  # one closes at the end of a day, another opens as the next begins
            other = ("closes" if self.change == "opens" else "opens") if self.others == 1 else "open or close"
            tail = f", and {counted(self.others, 'other posting')} {other} then"
            effect = "the site changes"
        elif self.others:
            subject += f" and {counted(self.others, 'other posting')}"
            verb = self.change.removesuffix("s")
            effect = "they appear" if self.change == "opens" else "they leave the site"
        return (f"Next change: {subject} {verb} {self.when} ({soon}){tail}; schedule a daily rebuild so {effect} "
                f"on time: see README, \"Deploying on Netlify\".")

    def record(self) -> dict:
        """As kept in the up-to-date stamp (JSON)."""
        return {"title": self.title, "change": self.change, "when": self.when, "day": self.day.isoformat(),
                "others": self.others, "mixed": self.mixed}

    @classmethod
    def from_record(cls, record: dict | None, now: dt.datetime) -> NextChange | None:
        """Back from the stamp, counting the days from this build's date."""
        if record is None:
            return None
        day = dt.date.fromisoformat(record["day"])
        return cls(record["title"], record["change"], record["when"], day, (day - now.date()).days, record["others"], record["mixed"])


def next_change(postings: list[Posting], now: dt.datetime) -> NextChange | None:
    """The first moment after `now` at which a posting opens or closes (drafts never do), or None.
    The moments are those of `status` (and `steady_span`): a date opens at its start, closes at its end."""
    changes = []
    for posting in postings:
        if posting.draft or posting.date_posted is None:
            continue
        opens = as_datetime(posting.date_posted)
        if opens > now:
            changes.append((opens, 0, posting.title, posting.slug, "opens", *_when(posting.date_posted, "on")))
        if posting.valid_through:
            closes = as_datetime(posting.valid_through, end_of_day=True) + dt.timedelta(microseconds=1)
            if closes > now:
                changes.append((closes, 1, posting.title, posting.slug, "closes", *_when(posting.valid_through, "at the end of")))
    if not changes:
        return None
    moment, _, title, _, change, when, day = min(changes)
    together = [c for c in changes if c[0] == moment]
    mixed = any(c[4] != change for c in together)
    return NextChange(title, change, when, day, (day - now.date()).days, len(together) - 1, mixed)


def _when(value: dt.date | dt.datetime, on_date: str) -> tuple[str, dt.date]:
    """How a posting's date reads in a sentence, and its UTC day."""
    if isinstance(value, dt.datetime):
        moment = as_datetime(value).astimezone(dt.timezone.utc)
        return f"at {moment:%Y-%m-%d %H:%M} UTC", moment.date()
    return f"{on_date} {value.isoformat()}", value


@dataclass(frozen=True)
class Group:
    """A department or a location: a listing page of its open postings."""

    slug: str
    name: str
    postings: tuple[Posting, ...]


@dataclass(frozen=True)
class Page:
    """A free page (benefits, about) from content/pages/."""

    slug: str
    source: str
    title: str
    description: str
    body: str  # Markdown
    language: str = ""  # a site in several languages: the page's when not the default (about.de.md)

    @property
    def url(self) -> str:
        return f"/{self.language}/{self.slug}/" if self.language else f"/{self.slug}/"


@dataclass
class Site:
    config: SiteConfig
    open: list[Posting]  # newest first
    closed: list[Posting] = field(default_factory=list)  # expired, kept as closed pages
    gone: list[Posting] = field(default_factory=list)  # expired, answered with 410
    drafts: list[Posting] = field(default_factory=list)  # shown only with --drafts
    skipped: dict[str, int] = field(default_factory=dict)  # status -> count not published
    departments: list[Group] = field(default_factory=list)
    locations: list[Group] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # a site in several languages (languages.py): a view per language, the default's first, each with
    # its own open postings, groups and listings; [] for a site in one language (itself its only view)
    views: list["Site"] = field(default_factory=list)
    language: str = ""  # a view's language tag ("" for a site in one language)
    prefix: str = ""  # where a view's pages are: "" for the default language, "/de" for German
    # the words careersite writes on its pages in the view's language (titles, breadcrumbs, a
    # location's country): careersite's catalog under the site's own locales/<language>.po
    words: Messages = ENGLISH

    @property
    def page_language(self) -> str:
        return self.language or self.config.language


def language_views(site: Site) -> list[Site]:
    """The sites to plan listings, posting pages, feeds and search for: one per language."""
    return site.views or [site]


def _newest_first(postings: list[Posting]) -> list[Posting]:
    by_slug = sorted(postings, key=lambda p: p.slug)
    return sorted(by_slug, key=lambda p: as_datetime(p.date_posted) if p.date_posted else dt.datetime.min.replace(tzinfo=dt.timezone.utc), reverse=True)


def _groups(pairs: list[tuple[str, str, Posting]]) -> list[Group]:
    """(slug, name, posting) triples -> groups sorted by name. A slug has one name (check_group_names
    refuses two when the postings are read); the first seen is kept all the same."""
    names: dict[str, str] = {}
    members: dict[str, list[Posting]] = {}
    seen: set[tuple[str, str]] = set()
    for slug, name, posting in pairs:
        names.setdefault(slug, name)
        members.setdefault(slug, [])
        if (slug, posting.slug) not in seen:  # two offices in one city list the posting once
            seen.add((slug, posting.slug))
            members[slug].append(posting)
    return sorted((Group(s, names[s], tuple(members[s])) for s in names), key=lambda g: (g.name.lower(), g.slug))


def check_group_names(postings: list[Posting], problems: Problems) -> None:
    """Two spellings of a department, or two places, that give one URL are an error naming both and
    where each is written: the listing would show one name for postings that give another, and
    'Año' and 'Ano', or 'Sales' and 'Säles', may not be the same thing at all (Portland, OR and
    Portland, ME have URLs of their own: a location's URL holds the region where its label does).
    Spellings that differ only in spaces at either end are one name. Every posting counts, drafts
    and expired ones too, so whether a site builds does not depend on the build date. Names in
    different scripts never meet here: their slugs keep their letters ('Продажи' is not 'Sales')."""
    first: dict[tuple[str, str], tuple[str, Posting, str]] = {}  # (kind, slug) -> (name, posting, field)
    reported: set[tuple[str, str, str]] = set()
    for posting in sorted(postings, key=lambda p: p.source):
        names = [("department", posting.department.strip(), slugify(posting.department), "department")] if posting.department else []
        names += [("location", loc.label, loc.slug, "locations") for loc in posting.locations]  # city, region where shown, country
        for kind, name, slug, field_name in names:
            if len(slug.encode()) > MAX_NAME_BYTES and (kind, slug, "") not in reported:
                reported.add((kind, slug, ""))
                problems.add(posting.source, posting.positions.lines.get(field_name, 0), field_name,
                             f"the {kind} {name[:40]!r}... gives a folder name of {len(slug.encode())} bytes (UTF-8), and "
                             f"file systems hold at most {MAX_NAME_BYTES}; shorten the name")
            seen = first.setdefault((kind, slug), (name, posting, field_name))
            if seen[0] == name or (kind, slug, name) in reported:
                continue
            reported.add((kind, slug, name))
            other, where = seen[0], seen[1]
            line = where.positions.lines.get(seen[2], 0)
            problems.add(posting.source, posting.positions.lines.get(field_name, 0), field_name,
                         f"the {kind} {name!r} gives the URL /{kind}s/{slug}/, as {other!r} does in "
                         f"{where.source}{f':{line}' if line else ''}; {_SAME_URL_FIX[kind]}")


MAX_NAME_BYTES = 255  # a file name's limit on ext4, APFS, NTFS: a listing's folder is named by its slug
_SAME_URL_FIX = {
    "department": "write the name the same way in both files, or make the names differ in letters, not only in accents or case",
    "location": "a location's URL is its city, region (in the US, Canada and Australia) and country: write one place "
                "the same way in both files",
}


def location_keys(posting: Posting, words: Messages = ENGLISH) -> list[tuple[str, str]]:
    """(slug, label) of every location listing a posting belongs to, its label in `words`' language
    (the country's name: 'Berlin, Deutschland'; the slug is the same in every language); remote
    postings under 'Remote'."""
    keys = [(loc.slug, loc.label_for(words.language)) for loc in posting.locations]
    if posting.workplace == "remote":
        keys.append(("remote", words.gettext("Remote")))
    return keys


def make_site(config: SiteConfig, postings: list[Posting], pages: list[Page], now: dt.datetime, drafts: bool,
              catalogs: tuple[tuple[str, str], ...] = ()) -> Site:
    """The whole site (every language's postings: what the build counts and the 410s answer), with a
    view per language when careersite.toml declares `languages`; `catalogs`: the site's own
    locales/<language>.po (Theme.catalogs), for the words of each language."""
    words = messages_for(config.language, catalogs)
    if not config.languages:
        return _make_view(config, postings, pages, now, drafts, words)
    postings = shared_ids(postings)
    site = _make_view(config, postings, pages, now, drafts, words)
    for tag in config.all_languages:
        own = "" if tag == config.language else tag
        view = _make_view(config, [p for p in postings if p.language == own], [p for p in pages if p.language == own], now, drafts,
                          messages_for(tag, catalogs))
        site.views.append(dataclasses.replace(view, language=tag, prefix=prefix(tag, config.language)))
    return site


def language_links(site: Site) -> LanguageLinks | None:
    """Every language's version of each page two languages may share (a listing, an open posting,
    by its translation key), for hreflang and the switcher; None for a site in one language. A
    department or location page of another language is the version of the default language's
    page its postings' originals list under (listing_versions): 'Kundenservice' of 'Customer
    Support', '東京' of 'Tokyo'."""
    if not site.views:
        return None
    versions: dict[str, dict[str, str]] = {}
    listings: dict[tuple[str, str], str] = {}
    default = site.views[0]
    for view in site.views:
        tag = view.language
        versions.setdefault("/", {})[tag] = view.prefix + "/"
        for posting in view.open:
            versions.setdefault(translation_page(posting), {})[tag] = posting.url
        for page in view.pages:
            versions.setdefault(free_page(page), {})[tag] = page.url
        for kind, groups in (("departments", view.departments), ("locations", view.locations)):
            matched = listing_versions(kind, groups, default) if view is not default else {}
            for group in groups:
                what = matched.get(group.slug, f"/{kind}/{group.slug}/")
                if group.slug not in matched and what in matched.values():  # its namesake is another group's original
                    what = f"{tag}:/{kind}/{group.slug}/"  # a page of this language alone
                listings[(tag, f"/{kind}/{group.slug}/")] = what
                versions.setdefault(what, {})[tag] = f"{view.prefix}/{kind}/{group.slug}/"
    config = site.config
    return LanguageLinks(config.language, config.all_languages, versions, config.absolute, listings)


def listing_versions(kind: str, groups: list[Group], default: Site) -> dict[str, str]:
    """Which of the default language's listings each of `groups` (another language's departments or
    locations) translates, as slug -> '/<kind>/<slug>/': the one every original of its postings lists
    under (the same place in its locations). A group whose originals list under several, or whose
    listing another group already translates, is matched to none: it links to no version rather
    than to a wrong one."""
    originals: dict[str, list[str]] = {}  # translation key -> the default language's listing slugs, in order
    for posting in default.open:
        if kind == "departments":
            originals[posting.translation_group] = [slugify(posting.department)] if posting.department else []
        else:
            originals[posting.translation_group] = [slug for slug, _ in location_keys(posting)]
    found: dict[str, str] = {}
    for group in groups:
        candidates = set()
        for posting in group.postings:
            theirs = originals.get(posting.translation_group)
            if theirs is None:
                continue
            if kind == "departments":
                candidates.update(theirs)
            else:
                mine = [slug for slug, _ in location_keys(posting)]
                candidates.update(theirs[i] for i, slug in enumerate(mine) if slug == group.slug and i < len(theirs))
        if len(candidates) == 1:
            found[group.slug] = candidates.pop()
    taken = [slug for slug in found.values()]
    return {mine: f"/{kind}/{theirs}/" for mine, theirs in found.items() if taken.count(theirs) == 1}


def free_page(page: Page) -> str:
    """What a free page is in every language (LanguageLinks.versions): about.md and about.de.md."""
    return f"page:{page.slug}"


def navigation(site: Site, view: Site) -> list[Page]:
    """The free pages a page of `view`'s language links to: each of the default language's pages in
    that language where it is translated, else as it is, and the pages only that language has."""
    own = {page.slug: page for page in view.pages}
    default = {page.slug: page for page in site.pages if not page.language}
    return [own.get(slug, page) for slug, page in default.items()] + [page for page in view.pages if page.slug not in default]


def translation_page(posting: Posting) -> str:
    """What a posting's page is in every language (LanguageLinks.versions)."""
    return f"posting:{posting.translation_group}"


def _make_view(config: SiteConfig, postings: list[Posting], pages: list[Page], now: dt.datetime, drafts: bool,
               words: Messages = ENGLISH) -> Site:
    by_status: dict[str, list[Posting]] = {OPEN: [], DRAFT: [], SCHEDULED: [], EXPIRED: []}
    for posting in postings:
        by_status[status(posting, now)].append(posting)
    open_postings = _newest_first(by_status[OPEN])
    expired = sorted(by_status[EXPIRED], key=lambda p: p.slug)
    keep = config.expired_policy == "keep"
    skipped = {DRAFT: 0 if drafts else len(by_status[DRAFT]), SCHEDULED: len(by_status[SCHEDULED]), EXPIRED: len(expired)}
    departments = _groups([(slugify(p.department), p.department, p) for p in open_postings if p.department])
    locations = _groups([(slug, label, p) for p in open_postings for slug, label in location_keys(p, words)])
    return Site(
        config=config,
        open=open_postings,
        closed=expired if keep else [],
        gone=[] if keep else expired,
        drafts=sorted(by_status[DRAFT], key=lambda p: p.slug) if drafts else [],
        skipped=skipped,
        departments=departments,
        locations=locations,
        pages=sorted(pages, key=lambda p: p.slug),
        words=words,
    )
