"""The theme's own words in a page's language: gettext catalogs shipped in careersite/locales/
(read from their .po text with Babel, so the wheel needs no compiling step), a site's own
locales/<language>.po over them, and English (the msgid itself) wherever neither has a string."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale
    from markupsafe import Markup
    from babel.messages.catalog import Catalog
    from babel.support import Translations

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "careersite"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"  # every msgid, made by `pybabel extract` (README: "Translating the theme")
SITE_LOCALES = "locales"  # a site's own catalogs: locales/<language>.po


def N_(text: str) -> str:
    """Marks a string for `pybabel extract` where it is written; it is translated where it is shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural message for `pybabel extract` (keyword Nn_:1,2)."""
    return singular, plural


# What the theme's scripts say, by script: a key -> its message. A template hands a script its
# words in the page's language (script_words, in a data-words attribute: the CSP forbids inline
# script); %(name)s becomes {name} for the script, and a plural message one string per CLDR
# category for the browser's Intl.PluralRules.
SCRIPT_WORDS: dict[str, dict[str, str | tuple[str, str]]] = {
    "listing": {
        "all": Nn_("Showing %(num)d open role", "Showing all %(num)d open roles"),
        "some": Nn_("Showing %(shown)s of %(num)d open role", "Showing %(shown)s of %(num)d open roles"),
        "searching": N_("Searching…"),
        "open": Nn_("%(num)d open", "%(num)d open"),
        "filters": N_("Filters"),
        "chosen": Nn_("Filters, %(num)d chosen", "Filters, %(num)d chosen"),
    },
    "share": {  # a posting's "Copy link" (share.js)
        "copied": N_("Link copied."),
        "copyByHand": N_("Press Ctrl+C (or ⌘C) to copy the selected link."),
    },
    "apply": {
        "required": N_("(required)"),
        "tooBig": N_("This file is %(size)s MB; the limit is %(limit)s MB."),
        "chooseOne": N_("Choose one answer."),
        "tick": N_("Tick this box to send your application."),
        "chooseFile": N_("Choose a file to upload."),
        "fillIn": N_("Fill in this field."),
        "email": N_("Enter an e-mail address such as name@example.org."),
        "url": N_("Enter a full address starting with https://"),
        "problem": N_("%(label)s: %(problem)s"),
        "summary": Nn_("One answer needs your attention:", "%(num)d answers need your attention:"),
    },
}


def script_words(script: str, words: "Messages") -> Markup:
    """A script's words in `words`' language as the JSON its data-words attribute carries (in
    single quotes: the JSON escapes them): short, as every page that loads the script carries it,
    so a plural message lists only the forms that differ from its "other" one."""
    from jinja2.utils import htmlsafe_json_dumps

    said: dict[str, str | dict[str, str]] = {}
    for key, message in SCRIPT_WORDS[script].items():
        if isinstance(message, tuple):
            forms = {category: _for_script(text) for category, text in words.plural_forms(*message).items()}
            other = forms["other"]
            said[key] = {c: t for c, t in forms.items() if t != other or c == "other"} if len(set(forms.values())) > 1 else other
        else:
            said[key] = _for_script(words.gettext(message))
    return htmlsafe_json_dumps(said, separators=(",", ":"), ensure_ascii=False)


def _for_script(text: str) -> str:
    return re.sub(r"%\((\w+)\)[sd]", r"{\1}", text)


def shipped_languages() -> tuple[str, ...]:
    """The languages careersite ships a catalog for: en, fr, de, ..."""
    return tuple(sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def shipped_catalog(language: str) -> Path | None:
    """The shipped catalog for a language tag: fr-CA takes fr_CA's if there is one, else fr's."""
    tag = language.replace("-", "_")
    for name in (tag, tag.split("_")[0]):
        path = LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=64)
def read_catalog(text: str, language: str) -> Catalog:
    """A .po file's text as a Babel catalog (the plural rule of its Plural-Forms header, else
    Babel's for the language; the merged catalog a page reads always has Babel's). Raises babel's
    PoFileError on a malformed file."""
    from babel.messages.pofile import read_po

    return read_po(io.StringIO(text), locale=_babel_locale(language), abort_invalid=True)


@lru_cache(maxsize=None)
def locale_for(language: str) -> Locale:
    """Babel's locale for a language tag, English for one it does not know. Babel is imported here,
    when a page first needs it: a build that renders no page never loads it (a tenth of the time of
    a build that finds nothing changed)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@lru_cache(maxsize=None)
def likely_subtags(language: str) -> tuple[str, str]:
    """(script, territory) of a language tag, CLDR's likeliest where the tag gives none: 'de' ->
    ('Latn', 'DE'), 'ja' -> ('Jpan', 'JP'), 'zh-Hant' -> ('Hant', 'TW'); '' for what CLDR does not know."""
    from babel.core import get_global

    locale = locale_for(language)
    table = get_global("likely_subtags")
    found = table.get(f"{locale.language}_{locale.script}", "") if locale.script else ""
    parts = (found or table.get(locale.language, "")).split("_")[1:]
    script = locale.script or next((part for part in parts if len(part) == 4), "")
    territory = locale.territory or next((part for part in parts if part.isupper() and len(part) in (2, 3)), "")
    return script, territory


def _babel_locale(language: str) -> str:
    return str(locale_for(language))


@lru_cache(maxsize=None)
def template_msgids() -> tuple[str | tuple[str, str], ...]:
    """Every msgid the theme and careersite use (a plural one as (singular, plural)), from the template."""
    catalog = read_catalog(TEMPLATE.read_text(encoding="utf-8"), "en")
    return tuple(m.id for m in catalog if m.id)


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return all(strings)


@dataclass(frozen=True)
class Messages:
    """The words of one language: the shipped catalog with the site's own `site_po` over it. Frozen
    and hashable, so a page's language can be handed to cached formatting (formatting.salary_text)
    and to a worker; one is made per language a site publishes in."""

    language: str = "en"
    site_po: str = ""  # the text of the site's locales/<language>.po, "" if it has none

    def merged(self) -> Catalog:
        return _merged(self.language, self.site_po)

    def translations(self) -> Translations:
        return _translations(self.language, self.site_po)

    def gettext(self, message: str) -> str:
        return self.translations().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations().ngettext(singular, plural, n)

    def key(self) -> str:
        """All these words depend on (careersite's catalog and the site's), for the key of an
        output that shows them outside the theme's pages (a feed's title)."""
        return _key(self.language, self.site_po)

    def site_text(self, text: str) -> str:
        """One of the site's own words (its title, its description) in this language: the site's
        catalog translates them as it does the theme's (msgid "Acme Careers" in locales/de.po)."""
        return self.gettext(text) if text else ""  # gettext("") would be the catalog's header

    def missing(self) -> list[str]:
        """The template's msgids this language shows in English (none for English itself)."""
        if self.language.split("-")[0].split("_")[0] == "en":
            return []
        catalog = self.merged()
        found = []
        for msgid in template_msgids():
            message = catalog.get(msgid)
            if message is None or not _translated(message):
                found.append(msgid[0] if isinstance(msgid, tuple) else msgid)
        return found

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A plural message for a browser's Intl.PluralRules: CLDR category ('one', 'few', 'other')
        -> its string, found by asking gettext with a number of each category (Babel's rules)."""
        rule, forms = locale_for(self.language).plural_form, {}
        for n in range(0, 1000):
            forms.setdefault(rule(n), self.ngettext(singular, plural, n))
        return forms


ENGLISH = Messages("en")


@lru_cache(maxsize=64)
def _key(language: str, site_po: str) -> str:
    from .fingerprint import digest

    shipped = shipped_catalog(language)
    return digest("messages", language, shipped.read_bytes() if shipped else b"", site_po)


@lru_cache(maxsize=64)
def _merged(language: str, site_po: str) -> Catalog:
    from babel.messages.catalog import Catalog

    merged = Catalog(locale=_babel_locale(language), domain=DOMAIN)
    shipped = shipped_catalog(language)
    for text in (shipped.read_text(encoding="utf-8") if shipped else "", site_po):
        for message in read_catalog(text, language) if text else ():
            if message.id and _translated(message) and not message.fuzzy:
                if message.id in merged:  # Catalog keeps an entry's first string: the site's must replace it
                    del merged[message.id]
                merged.add(message.id, message.string)  # a new entry: the cached catalogs stay as read
    return merged


@lru_cache(maxsize=64)
def _translations(language: str, site_po: str) -> Translations:
    """gettext over the merged catalog: what it lacks, gettext answers with the English msgid
    (and English's plural rule), so a missing string shows in English."""
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    buffer = io.BytesIO()
    write_mo(buffer, _merged(language, site_po))
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def site_catalogs(source: Path) -> tuple[tuple[str, str], ...]:
    """A site's own catalogs: (language, .po text) of each locales/<language>.po, sorted; a file that
    is not UTF-8 is read with its bad bytes replaced (catalog_errors says so)."""
    folder = source / SITE_LOCALES
    if not folder.is_dir():
        return ()
    return tuple((p.stem, p.read_bytes().decode("utf-8", errors="replace")) for p in sorted(folder.glob("*.po")) if p.is_file())


def catalog_errors(language: str, text: str) -> list[tuple[int, str]]:
    """What is wrong with a site's catalog, as (line, message): a language Babel does not know, a
    malformed file, a translation whose placeholders are not its msgid's (it would fail the page)."""
    from babel.messages.catalog import TranslationError
    from babel.messages.pofile import PoFileError

    if "\ufffd" in text:
        return [(0, "is not UTF-8 text: save it as UTF-8")]
    if str(locale_for(language)) == "en" and language.split("-")[0].split("_")[0] != "en":
        return [(0, f"{language!r} is not a language tag careersite knows: name the file after one, such as fr.po or fr-CA.po")]
    try:
        catalog = read_catalog(text, language)
    except PoFileError as err:
        return [(getattr(err, "lineno", 0) or 0, f"is not a gettext catalog Babel can read: {err}")]
    found = []
    for message in catalog:
        if not message.id:
            continue
        try:
            for checker_error in message.check(catalog):
                raise checker_error
        except TranslationError as err:
            shown = message.id[0] if isinstance(message.id, tuple) else message.id
            found.append((message.lineno, f"the translation of {shown!r} does not fit it: {err}"))
    return found


def messages_for(language: str, catalogs: tuple[tuple[str, str], ...] = ()) -> Messages:
    """The words of `language`, with the site's own catalog of that language (`catalogs`, from
    site_catalogs) over careersite's: locales/fr-CA.po, else locales/fr.po."""
    own = dict(catalogs)
    tag = language.replace("_", "-")
    return Messages(language, own.get(tag, own.get(tag.split("-")[0], "")))
