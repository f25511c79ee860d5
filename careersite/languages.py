"""A site in several languages: which postings translate each other, what they must agree on, and
the links between the languages of one page (hreflang alternates, the language switcher).

careersite.toml declares the default `language` and the others (`languages = ["de", "ar"]`). A
posting's translation is a file of its own: `content/jobs/designer.md` (the default language) and
`content/jobs/designer.de.md` translate each other, sharing the translation key `designer`; a file's
front matter may say `language:` and `translation_key:` instead (Hugo's translationKey, kept by
`careersite import` as `imported: {language: de, translation_key: ...}`, is read too). The default
language is published at the root, each other one under /<tag>/ (/de/jobs/designer/)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .posting import Posting, as_datetime
from .problems import Problems

# scripts written right to left: Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi, Dhivehi, Kurdish (Sorani)
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "dv", "ckb"})
TRANSLATION_MISMATCH = "translation-mismatch"  # the code `careersite check` reports a disagreement under
TRANSLATION_OUTDATED = "translation-outdated"


def direction(tag: str) -> str:
    """'rtl' for a language written right to left, else 'ltr' (the `dir` of its pages)."""
    return "rtl" if tag.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


@lru_cache(maxsize=64)
def autonym(tag: str) -> str:
    """A language's name in itself ('Deutsch', 'العربية', '日本語'), as a language switcher shows it."""
    from babel import Locale

    name = Locale.parse(tag.replace("-", "_")).get_display_name(tag.replace("-", "_")) or tag
    return name[:1].upper() + name[1:]


def original_of(versions: list[Posting], default: str = "") -> Posting:
    """The version the others translate: the one in the default language, else the first given."""
    return next((p for p in versions if p.language == default), versions[0])


def translation_groups(postings: list[Posting]) -> dict[str, list[Posting]]:
    """Translation key -> its versions, in the order given (files are read sorted by name)."""
    groups: dict[str, list[Posting]] = {}
    for posting in postings:
        groups.setdefault(posting.translation_group, []).append(posting)
    return groups


def _locations(posting: Posting) -> tuple:
    # a city's name may be translated (Munich, München): its country, region and postal code may not
    return (posting.workplace, tuple((loc.country, loc.region, loc.postal_code) for loc in posting.locations),
            posting.applicant_locations)


# what translations of one posting must agree on: (field, what it is called, its value)
_AGREED = (
    ("id", "id", lambda p: p.id),
    ("salary", "salary", lambda p: p.salary),
    ("date_posted", "date_posted", lambda p: p.date_posted),
    ("valid_through", "valid_through", lambda p: p.valid_through),
    ("locations", "locations (countries, regions, postal codes), workplace or applicant_locations", _locations),
    ("employment_type", "employment_type", lambda p: p.employment_types),
)


def check_translations(postings: list[Posting], problems: Problems) -> None:
    """Two files claiming one translation key and language, and translations that disagree on what
    is the same in every language (id, salary, dates, places): errors, for the build publishes
    each version's JobPosting, and search engines would read two different jobs. A translation
    without an id takes its original's (`careersite import` leaves it out of translations)."""
    for versions in translation_groups(postings).values():
        seen: dict[str, Posting] = {}
        for posting in versions:
            if posting.language in seen:
                first = seen[posting.language]
                problems.add(posting.source, posting.positions.lines.get("translation_key", posting.positions.lines.get("language", 0)),
                             "translation_key", f"{first.source} is already the {posting.language or 'default language'} version of "
                             f"{posting.translation_group!r}; give one of them another translation_key or language", TRANSLATION_MISMATCH)
            else:
                seen[posting.language] = posting
        original = original_of(versions)
        for posting in versions:
            if posting is original:
                continue
            for key, name, value in _AGREED:
                mine, theirs = value(posting), value(original)
                if key == "id" and not mine:
                    continue
                if mine != theirs:
                    problems.add(posting.source, posting.positions.lines.get(key, 2), key,
                                 f"differs from {original.source}, which this file translates: translations share the {name}; "
                                 f"write the same in both (or give this file another translation_key)", TRANSLATION_MISMATCH)


def outdated_translation(posting: Posting, original: Posting) -> str:
    """Why a translation looks older than its original, or "": the original's `updated` (else
    `date_posted`) is later than the translation's. Dates in the files, not file times, so the
    verdict is the same on every checkout; updating a translation means setting its `updated` too."""
    mine, theirs = posting.lastmod, original.lastmod
    if posting is original or theirs is None or mine is None or not as_datetime(mine) < as_datetime(theirs):
        return ""
    return (f"{original.source} was updated on {theirs.isoformat()}, after this translation ({mine.isoformat()}); "
            f"bring the translation up to date and set its updated date")


def shared_ids(postings: list[Posting]) -> list[Posting]:
    """The postings with a translation that gives no id given their original's, so each version's
    JobPosting carries the same identifier."""
    out = []
    for versions in translation_groups(postings).values():
        original = original_of(versions)
        for posting in versions:
            if not posting.id and original.id:
                posting = dataclasses.replace(posting, id=original.id)
            out.append(posting)
    return out


@dataclass(frozen=True)
class PageLanguage:
    """What a page in a site of several languages tells about its language, as the templates get it:
    `page_language` and `page_dir` (the <html> attributes), `hreflang_links` (its versions, x-default
    last; reciprocal, as every version lists all of them), `language_switcher` (every language: the
    page's version in it, or that language's listing) and `language_home` (this language's listing)."""

    tag: str
    home: str  # site path of this language's listing: / or /de/
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL), x-default last; () for one version
    switcher: tuple[tuple[str, str, str, bool], ...] = ()  # (tag, name, site path, is this page's language)

    def context(self) -> dict:
        return dict(page_language=self.tag, page_dir=direction(self.tag), language_home=self.home,
                    hreflang_links=[{"hreflang": h, "href": u} for h, u in self.alternates],
                    language_switcher=[{"language": t, "name": n, "url": u, "current": c} for t, n, u, c in self.switcher])


def prefix(tag: str, default: str) -> str:
    """The path prefix of a language's pages: '' for the default, '/de' for German."""
    return "" if tag == default else f"/{tag}"


@dataclass(frozen=True)
class LanguageLinks:
    """The pages of every language, by what they are in any language (a translation key, or a listing's
    path within its language), to link each page to its versions."""

    default: str
    tags: tuple[str, ...]  # the default first
    versions: dict[str, dict[str, str]]  # 'posting:<key>' or a listing's path ('/departments/x/') -> {tag: site path}
    absolute: Callable[[str], str]  # SiteConfig.absolute: a site path -> its absolute URL
    # (tag, a listing's path within its language) -> what it is in every language (a key of versions)
    listings: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def listing(self, tag: str, within: str) -> str:
        """What the listing at `within` ('/locations/東京-jp/') of language `tag` is in every language."""
        return self.listings.get((tag, within), within)

    def page(self, tag: str, what: str | None) -> PageLanguage:
        """A page in `tag` that is `what` (None: a page only this language has)."""
        versions = self.versions.get(what, {}) if what else {}
        home = prefix(tag, self.default) + "/"
        alternates: tuple[tuple[str, str], ...] = ()
        if len(versions) > 1:
            ordered = [(t, versions[t]) for t in self.tags if t in versions]
            x_default = versions.get(self.default, ordered[0][1])
            alternates = tuple((t, self.absolute(u)) for t, u in ordered) + (("x-default", self.absolute(x_default)),)
        switcher = tuple((t, autonym(t), versions.get(t, prefix(t, self.default) + "/"), t == tag) for t in self.tags)
        return PageLanguage(tag, home, alternates, switcher)

    def sitemap_alternates(self, what: str) -> tuple[tuple[str, str], ...]:
        """(hreflang, site path) of every version of `what`, x-default last; () when there is one."""
        versions = self.versions.get(what, {})
        if len(versions) < 2:
            return ()
        ordered = tuple((t, versions[t]) for t in self.tags if t in versions)
        return ordered + (("x-default", versions.get(self.default, ordered[0][1])),)
