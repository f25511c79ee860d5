"""How facts read to a candidate: salaries in the site's locale, dates, labels. Used by templates."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import codes
from .messages import ENGLISH, N_, Messages, likely_subtags, locale_for
from .posting import Posting, Salary

UNIT_WORDS = {"hour": N_("per hour"), "day": N_("per day"), "week": N_("per week"), "month": N_("per month"), "year": N_("per year")}


def money(amount: float, currency: str, language: str) -> str:
    """'$160,000' / '160.000 €': the locale's currency pattern, cents only when there are some."""
    from babel.numbers import format_currency

    locale = locale_for(language)
    pattern = locale.currency_formats["standard"].pattern
    if float(amount).is_integer():
        pattern = pattern.replace(".00", "")
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


@lru_cache(maxsize=4096)  # Babel's formatting is slow, and listings repeat the same salaries
def salary_text(salary: Salary, language: str = "en", words: Messages | None = None) -> str:
    """'$160,000 – $240,000 per year', and the salary's note: '... per year + equity'. `words`:
    the page's language's (the unit's words), else `language`'s as careersite ships them."""
    if salary.value is not None:
        amount = money(salary.value, salary.currency, language)
    else:
        amount = f"{money(salary.min, salary.currency, language)} – {money(salary.max, salary.currency, language)}"
    text = f"{amount} {(words or Messages(language)).gettext(UNIT_WORDS[salary.unit])}"
    if not salary.note:
        return text
    joined = salary.note[0] in "+(&" or salary.note.lower().startswith(("plus ", "and ", "with "))
    return f"{text} {salary.note}" if joined else f"{text}, {salary.note}"


@lru_cache(maxsize=4096)
def date_text(value: dt.date | dt.datetime, language: str = "en") -> str:
    from babel.dates import format_date

    day = value.date() if isinstance(value, dt.datetime) else value
    return format_date(day, "long", locale=locale_for(language))


def employment_text(posting: Posting, words: Messages = ENGLISH) -> str:
    return ", ".join(words.gettext(codes.EMPLOYMENT_LABELS[t]) for t in posting.employment_types)


def workplace_text(posting: Posting, words: Messages = ENGLISH) -> str:
    return words.gettext(codes.WORKPLACES[posting.workplace])


def locations_text(posting: Posting, words: Messages = ENGLISH) -> str:
    """'San Francisco, CA, United States · Remote (United States)'; the countries a remote role
    takes applicants from are named in the page's language (Babel's), English as pycountry has them."""
    parts = [loc.page_label_for(words.language) for loc in posting.locations]
    if posting.workplace == "remote":
        where = ", ".join(_place_name(c, words.language) for c in posting.applicant_locations)
        parts.append(words.gettext("Remote (%(places)s)") % {"places": where} if where else words.gettext("Remote"))
    return " · ".join(parts)


def _place_name(code: str, language: str) -> str:
    """A country in `language` (Babel's names), a subdivision ('US-CA') as ISO 3166-2 names it."""
    if "-" in code:
        return codes.subdivision_name(code) or code
    return codes.country_name_in(code, language) or code


@lru_cache(maxsize=64)
def og_locale(language: str) -> str:
    """Open Graph's locale for a language tag, language_TERRITORY as it asks ('de' -> 'de_DE',
    'ja' -> 'ja_JP', 'pt-BR' -> 'pt_BR', 'zh-Hant' -> 'zh_TW'): the territory CLDR finds likeliest
    when the tag gives none."""
    locale = locale_for(language)
    territory = likely_subtags(language)[1]
    return f"{locale.language}_{territory}" if territory else locale.language
