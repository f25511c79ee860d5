"""The publishing lints over a loaded posting or config: schema.org and Google's required and
recommended JobPosting properties, the posting's lifecycle (draft, scheduled, expiring, stale),
placeholders left in a draft, URLs that point at example domains or plain http, and a posting file
named like a translation on a site in one language."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .config import CONFIG_NAME, SiteConfig
from .findings import ERROR, WARNING, Add, Finding
from .jsonld import job_posting
from .languages import TRANSLATION_OUTDATED, original_of, outdated_translation, translation_groups
from .messages import SITE_LOCALES, likely_subtags, locale_for, messages_for, shipped_catalog, template_msgids
from .placeholders import PLACEHOLDER, describe, placeholders_by_field
from .posting import Posting, as_datetime
from .settings import is_language
from .site import DRAFT, EXPIRED, OPEN, SCHEDULED
from .text import plain_text
from .vocabulary import unknown_properties
from .plural import counted

MIN_DESCRIPTION_WORDS = 50
# scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai): counted as a
# word every two characters, about a word's length in Japanese and Chinese, so a site in several
# languages is not told its full Japanese descriptions are five words long
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
EXPIRING_DAYS = 7
STALE_DAYS = 90


def word_count(text: str) -> int:
    """Words as spaces separate them, plus one for every two characters of a script without spaces."""
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + (unspaced + 1) // 2


def check_draft_placeholders(posting: Posting, add: Add) -> None:
    """A draft may hold placeholders (the build refuses them once draft: true is gone): say which are left."""
    at = posting.positions
    for name, here in placeholders_by_field(posting.title, posting.summary, posting.body):
        line = at.body_start + here[0].line - 1 if name == "body" else at.lines.get(name, at.body_line)
        add(name, WARNING, PLACEHOLDER, f"still holds {describe(here)}; write the real text before removing draft: true "
                                        "(the build refuses to publish a posting with placeholders)", line=line)


# --- URLs: example domains and plain http ---------------------------------------------------------

_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")  # RFC 2606 section 3
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")  # RFC 2606 section 2, RFC 6761
APPLY_URL_FIX = "your applicant tracking system's apply link, or mailto: an inbox someone reads"


def reserved_host(url: str) -> str:
    """The host of a URL (or a mailto address) when it is a name reserved for examples and tests
    (RFC 2606, RFC 6761: example.com, *.example, *.test, *.invalid, localhost), else ''."""
    if url.startswith("mailto:"):
        host = url[len("mailto:"):].split("?", 1)[0].rpartition("@")[2]
    else:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return ""
    host = host.lower().rstrip(".")
    if any(host == name or host.endswith("." + name) for name in _EXAMPLE_DOMAINS):
        return host
    if host.rpartition(".")[2] in _RESERVED_TLDS or re.fullmatch(r"127(?:\.\d{1,3}){3}|::1", host):
        return host
    return ""


def _check_url(url: str, setting: str, fix: str, warn) -> None:
    """Warn (`warn(message, code)`) when a URL no one can use stands where a real one belongs."""
    host = reserved_host(url)
    if host:
        warn(f"{url!r} points to {host}, a name reserved for examples and tests (RFC 2606), not a real site; "
             f"set {setting} to {fix}", "example-domain")
    elif setting.endswith("apply_url") and url.startswith("http://"):
        warn(f"{url!r} uses http: applications would travel unencrypted; use https://{url[len('http://'):]}", "apply-url-not-https")


def check_apply_url(posting: Posting, add: Add) -> None:
    """The posting's own apply_url (a default one from careersite.toml is reported there)."""
    if "apply_url" in posting.positions.written:
        _check_url(posting.apply_url, "apply_url", APPLY_URL_FIX, lambda message, code: add("apply_url", WARNING, code, message))


def check_apply_form(posting: Posting, config: SiteConfig, add: Add) -> None:
    """A posting with the application form asks for personal data: candidates must be able to read
    how it is handled (GDPR: the privacy notice, and how long it is kept)."""
    if posting.apply != "form":
        return
    if not config.apply.privacy_notice:
        add("apply", WARNING, "form-privacy-notice",
            f"candidates apply on this page, but no privacy notice is linked from the form; set [apply] privacy_notice "
            f"in {CONFIG_NAME} (a page such as /privacy/ or an address) and [apply] retention (how long applications are kept)")
    elif not config.apply.retention:
        add("apply", WARNING, "form-retention",
            f"the form does not say how long applications are kept; set [apply] retention in {CONFIG_NAME}, e.g. \"12 months\"")


def check_config(config: SiteConfig) -> list[Finding]:
    """careersite.toml's own findings: trusted raw HTML, URLs no one can use, a language search
    cannot split into words with the Pagefind binary installed."""
    found = check_config_urls(config) + check_search_segmenting(config) + check_card_scripts(config)
    if config.raw_html:
        found.append(Finding(CONFIG_NAME, config.lines.get(("build", "raw_html"), 0), "build.raw_html", WARNING, "raw-html",
                             "true: HTML in postings is published as written, scripts and all; "
                             "only keep it if every author is trusted"))
    return found


def check_search_segmenting(config: SiteConfig) -> list[Finding]:
    """Japanese or Chinese pages indexed by Pagefind's standard binary: a search finds a word only
    where it starts a run of text, so candidates miss roles; the extended binary splits the words."""
    from .search import extended_binary, needs_segmenting

    if os.environ.get("PAGEFIND_BINARY_PATH") or extended_binary() is not None:
        return []
    found = []
    for language in config.all_languages:
        if needs_segmenting(language):
            key = _language_setting(config, language)
            found.append(Finding(CONFIG_NAME, config.lines.get(key, 0), key[1], WARNING, "search-unsegmented",
                                 f"{language!r}: the Pagefind binary installed does not split {language!r} text into words, so "
                                 f"the search finds a word only where a run of text starts with it; install Pagefind's extended "
                                 f"binary with pip install 'careersite[cjk]', which the build then uses for {language!r} pages"))
    return found


# scripts a site's card font draws (share_card.py); scripts that need shaping or combining marks
# (Thai, Devanagari...) and right-to-left ones are never drawn: no font to ask for
CARD_FONT_SCRIPTS = frozenset({"Jpan", "Hans", "Hant", "Kore", "Cyrl", "Grek", "Armn", "Geor"})


def check_card_scripts(config: SiteConfig) -> list[Finding]:
    """A language written in a script the share cards' bundled font lacks (Japanese, Chinese, Korean,
    Greek, Cyrillic...) on a site that gives no [theme] card_fonts: its postings' cards say "Open
    role" instead of their titles. Right-to-left scripts are never drawn (share_card.py): no fix to ask."""
    from .languages import direction

    if config.theme_options.card_fonts:
        return []
    found = []
    for language in config.all_languages:
        script = likely_subtags(language)[0]
        if script in CARD_FONT_SCRIPTS and direction(language) == "ltr":
            key = _language_setting(config, language)
            found.append(Finding(CONFIG_NAME, config.lines.get(key, 0), key[1], WARNING, "card-font-missing",
                                 f"{language!r}: the share cards' bundled font has no {script} letters, so a title in them is "
                                 f"drawn as \"Open role\"; give [theme] card_fonts a font that has them (README: \"Fonts for the cards\")"))
    return found


def check_translations(config: SiteConfig, catalogs: tuple[tuple[str, str], ...]) -> list[Finding]:
    """The words that show in English (or as written) on pages in a language: for each of the site's
    languages, the theme's strings missing from careersite's catalog and the site's own
    locales/<language>.po (`catalogs`), or one finding when careersite ships no catalog for the
    language and the site has none either; and in a language other than the default, the site's
    own title, description and [apply] retention when its catalog does not translate them."""
    found = []
    for language in config.all_languages:
        found += _missing_words(config, catalogs, language)
    return found


def _language_setting(config: SiteConfig, language: str) -> tuple[str, str]:
    """Where careersite.toml names a language: `language` for the default, else `languages`."""
    return ("", "language") if language == config.language else ("", "languages")


def _missing_words(config: SiteConfig, catalogs: tuple[tuple[str, str], ...], language: str) -> list[Finding]:
    line = config.lines.get(_language_setting(config, language), 0)
    own = f"{SITE_LOCALES}/{language}.po"
    words = messages_for(language, catalogs)
    found = []
    if language != config.language:
        for table, name, text in (("", "title", config.title), ("", "description", config.description),
                                  ("apply", "retention", config.apply.retention)):  # in the form's consent sentence
            if text and words.site_text(text) == text:
                shown = f"{table}.{name}" if table else name
                found.append(Finding(CONFIG_NAME, config.lines.get((table, name), 0), shown, WARNING, "missing-translation",
                                     f"the site's {shown} has no {language!r} translation: the {language!r} pages show it as "
                                     f"written; add msgid {text!r} with its translation to {own}"))
    missing = words.missing()
    if not missing:
        return found
    if shipped_catalog(language) is None and not words.site_po:
        return found + [Finding(CONFIG_NAME, line, "language", WARNING, "missing-translation",
                                f"careersite ships no catalog for {language!r}: the theme's {counted(len(template_msgids()), 'string')} "
                                f"show in English; translate careersite/locales/careersite.pot into {own}")]
    return found + [Finding(CONFIG_NAME, line, "language", WARNING, "missing-translation",
                            f"no {language!r} translation of {msgid!r}: it shows in English; add it to {own}") for msgid in missing]


def check_config_urls(config: SiteConfig) -> list[Finding]:
    """base_url, [company] url and [defaults] apply_url, as `careersite init` left them or as written."""
    lines = config.lines
    found: list[Finding] = []
    settings = (
        ("", "base_url", config.base_url, "the address the site is published at, e.g. https://careers.yourcompany.com"),
        ("company", "url", config.company.url, "your company's website, e.g. https://yourcompany.com"),
        ("defaults", "apply_url", config.defaults.apply_url,
         "your applicant tracking system's apply link ({id} and {slug} are filled in) or mailto: an inbox someone reads; "
         "every posting without its own apply_url sends applicants there"),
    )
    for table, key, url, fix in settings:
        name = f"{table}.{key}" if table else key
        shown = f"[{table}] {key}" if table else key
        if url:
            _check_url(url, shown, fix, lambda message, code: found.append(
                Finding(CONFIG_NAME, lines.get((table, key), 0), name, WARNING, code, message)))
    return found


# --- JSON-LD: schema.org vocabulary and Google's required properties -----------------------------


def check_jsonld(posting: Posting, html: str, config: SiteConfig, now: dt.datetime, add: Add) -> None:
    body_line = posting.positions.body_line
    # a draft may have no date_posted yet; the vocabulary does not depend on the date
    dated = posting if posting.date_posted else replace(posting, date_posted=now.date())
    data = job_posting(dated, html, config)
    for entry in unknown_properties(data):
        add("", ERROR, "jsonld-unknown-property", f"JobPosting JSON-LD: {entry} (schema.org)", line=0)
    for name in ("title", "description", "datePosted", "hiringOrganization"):
        if not data.get(name):
            where = body_line if name == "description" else 0
            add("", ERROR, "google-required", f"JobPosting JSON-LD has no {name}, which Google requires", line=where)
    if not data.get("jobLocation") and not (data.get("jobLocationType") == "TELECOMMUTE" and data.get("applicantLocationRequirements")):
        add("", ERROR, "google-required", "JobPosting JSON-LD has neither jobLocation nor jobLocationType TELECOMMUTE with applicantLocationRequirements; Google requires one", line=0)
    if data.get("description") and not plain_text(html):
        add("body", ERROR, "google-required", "the description has no text left after sanitising; Google requires a description", line=body_line)


def check_recommended(posting: Posting, html: str, add: Add, employment_default: bool) -> None:
    """What Google recommends beyond what it requires (`employment_default`: careersite.toml sets
    [defaults] employment_type, so a posting may leave it out)."""
    body_line = posting.positions.body_line
    if not posting.valid_through:
        add("valid_through", WARNING, "missing-valid-through", "missing; Google recommends validThrough, the date the posting closes (e.g. valid_through: 2027-01-31)")
    if not posting.salary:
        add("salary", WARNING, "missing-salary", "missing; Google recommends baseSalary (e.g. salary: {min: 60000, max: 80000, currency: USD, unit: year})")
    if not posting.id:
        add("id", WARNING, "missing-id", "missing; Google recommends identifier, the requisition id (e.g. id: ENG-1042)")
    if "employment_type" not in posting.positions.written and not employment_default:  # the site's own default is deliberate
        add("employment_type", WARNING, "employment-type-defaulted",
            f"not given; careersite assumed {', '.join(posting.employment_types)}; write employment_type in the posting, "
            "or set [defaults] employment_type in careersite.toml for every posting that leaves it out")
    words = word_count(plain_text(html))
    if 0 < words < MIN_DESCRIPTION_WORDS:
        add("body", WARNING, "description-too-short",
            f"the description has {words} words; Google wants the full description (responsibilities, qualifications, hours); write at least {MIN_DESCRIPTION_WORDS}",
            line=body_line)


# --- lifecycle ---------------------------------------------------------------------------------


def _day(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def check_lifecycle(posting: Posting, state: str, config: SiteConfig, now: dt.datetime, add: Add) -> None:
    if state == DRAFT:
        add("draft", WARNING, "draft", "not published: a draft (careersite build --drafts shows it, marked noindex); remove draft: true to publish")
    elif state == SCHEDULED:
        add("date_posted", WARNING, "scheduled", f"scheduled: not published until {_day(posting.date_posted)}; the first build on or after that date publishes it")
    elif state == EXPIRED:
        if config.expired_policy == "keep":
            fate = "its page stays, marked closed and noindex, without JSON-LD"
        else:
            fate = "its URL answers 410 Gone; keep the file while the 410 should be served"
        add("valid_through", WARNING, "expired", f"expired on {_day(posting.valid_through)}: {fate}")
    if state != OPEN:
        return
    if posting.valid_through:
        left = as_datetime(posting.valid_through, end_of_day=True) - now
        if left <= dt.timedelta(days=EXPIRING_DAYS):
            days = max(0, left.days)
            when = "today" if days == 0 else f"in {counted(days, 'day')}"
            add("valid_through", WARNING, "expiring-soon", f"expires {when} ({_day(posting.valid_through)}); extend valid_through if the role is still open")
    elif posting.date_posted:
        age = (now - as_datetime(posting.date_posted)).days
        if age > STALE_DAYS:
            add("date_posted", WARNING, "stale",
                f"open for {age} days (since {_day(posting.date_posted)}) without valid_through; Google may treat it as stale: set valid_through, or close it")


# --- translations ---------------------------------------------------------------------------------

TRANSLATION_UNTRANSLATED = "translation-untranslated"

def check_outdated_translations(postings: list[Posting], config: SiteConfig) -> list[Finding]:
    """A translation whose original was updated after it (languages.outdated_translation): a
    warning at the translation's `updated` line (else its date_posted's), as candidates reading it
    may read what the original no longer says. One whose description is still its original's word
    for word (`careersite translate` copies it) and that is no draft: a warning at the description,
    as its language's candidates would read it in the original's language."""
    found = []
    for versions in translation_groups(postings).values():
        original = original_of(versions)
        for posting in versions:
            if posting is not original and not posting.draft and posting.body.strip() and posting.body.strip() == original.body.strip():
                found.append(Finding(posting.source, posting.positions.body_line, "", WARNING, TRANSLATION_UNTRANSLATED,
                                     f"the description is {original.source}'s word for word: the {posting.language} pages would "
                                     f"show it untranslated; translate it (or set draft: true until it is)"))
            why = outdated_translation(posting, original)
            if why:
                key = "updated" if "updated" in posting.positions.written else "date_posted"
                found.append(Finding(posting.source, posting.positions.lines.get(key, 2), key, WARNING, TRANSLATION_OUTDATED, why))
    return found if config.languages else []


# a file name's last dotted part that may be a language: an ISO 639-1 code, then BCP 47 subtags
# (designer.de.md, designer.pt-BR.md), as file_language reads it; Babel then says whether it is one
_LANGUAGE_LIKE = re.compile(r"[A-Za-z]{2}(?:-[A-Za-z0-9]{2,8})*")
LANGUAGE_SUFFIX = "language-suffix"


def language_suffix(name: str) -> str:
    """The language tag a posting file's name ends in, before .md ('team.it.md' -> 'it'), when
    Babel knows it as a language; '' for any other name ('node.js.md', 'engineer.v2.md')."""
    stem, _, tag = PurePosixPath(name).stem.rpartition(".")
    return tag if stem and _LANGUAGE_LIKE.fullmatch(tag) and is_language(tag) else ""


def check_language_suffixes(postings: list[Posting], config: SiteConfig) -> list[Finding]:
    """A posting file named like a translation (team.it.md) on a site that declares no `languages`
    is published as one more posting in the site's language, at /jobs/team-it/: say so, with both
    fixes, rather than let a translation go live as a duplicate in the wrong language. One named
    with the site's own language (team.en.md, as Hugo names files) is published at /jobs/team-en/:
    say that too."""
    if config.languages:
        return []
    site_language = locale_for(config.language).english_name
    found = []
    for posting in postings:
        path = PurePosixPath(posting.source)
        tag = language_suffix(path.name)
        if not tag:
            continue
        stem, suffix = path.stem.rpartition(".")[0], path.suffix
        if tag.lower() == config.language.lower():
            found.append(Finding(posting.source, 0, "", WARNING, LANGUAGE_SUFFIX,
                                 f"the file name ends in the site's own language (.{tag}), which a site in one language does "
                                 f"not read: it is published at {posting.url}; rename it to {stem}{suffix} (or {stem}-{tag}{suffix} "
                                 f"if -{tag} is part of its name)"))
            continue
        found.append(Finding(posting.source, 0, "", WARNING, LANGUAGE_SUFFIX,
                             f"the file name reads as a translation into {locale_for(tag).english_name} (of {stem}{suffix}), "
                             f"but {CONFIG_NAME} declares no `languages`: it is published as a posting in {site_language} "
                             f"at {posting.url}; to publish it as a translation, add languages = [\"{tag}\"] to {CONFIG_NAME}; "
                             f"if it is not one, rename it to {stem}-{tag}{suffix}"))
    return found
