"""Field values as postings write them in prose -> careersite front matter values.

'Full-time' -> full_time, 'Senior (6+ years)' -> 72 months, '$160,000 - $240,000' -> a salary
mapping. Each reader returns None (or nothing) when it does not understand the text, so the caller
can report the field as still to fill in instead of writing a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import codes

_EMPLOYMENT_WORDS = (
    (re.compile(r"\bfull[- ]?time\b", re.IGNORECASE), "full_time"),
    (re.compile(r"\bpart[- ]?time\b", re.IGNORECASE), "part_time"),
    (re.compile(r"\bcontract(or)?\b|\bfreelance\b|\bconsultant\b", re.IGNORECASE), "contractor"),
    (re.compile(r"\btemp(orary)?\b|\bfixed[- ]term\b|\bseasonal\b", re.IGNORECASE), "temporary"),
    (re.compile(r"\bintern(ship)?\b|\btrainee\b|\bco-?op\b", re.IGNORECASE), "intern"),
    (re.compile(r"\bvolunteer\b", re.IGNORECASE), "volunteer"),
    (re.compile(r"\bper[- ]diem\b", re.IGNORECASE), "per_diem"),
)
# Ashby-style enum values and Greenhouse custom-field values written without spaces
_EMPLOYMENT_CODES = {"fulltime": "full_time", "parttime": "part_time", "contract": "contractor"}


def employment_types(text: str) -> list[str]:
    """'Full-time or Contract' -> ['full_time', 'contractor'], in the order written; [] if none."""
    compact = re.sub(r"[^a-z]", "", text.lower())
    if compact in _EMPLOYMENT_CODES:
        return [_EMPLOYMENT_CODES[compact]]
    found = [(m.start(), value) for pattern, value in _EMPLOYMENT_WORDS for m in [pattern.search(text)] if m]
    return list(dict.fromkeys(value for _, value in sorted(found)))


_EXPERIENCE = re.compile(r"(\d+(?:\.\d+)?)\s*\+?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*\+?\s*)?(years?|yrs?|months?|mos?)\b", re.IGNORECASE)


def experience_months(text: str) -> int | None:
    """'Senior (6+ years)' -> 72; a range counts from its minimum ('3-5 years' -> 36)."""
    match = _EXPERIENCE.search(text)
    if not match:
        return None
    amount = float(match.group(1))
    months = amount if match.group(2).lower().startswith("mo") else amount * 12
    return round(months)


_EDUCATION_WORDS = (
    (re.compile(r"\b(master|mba|phd|ph\.d|doctora|postgraduate|graduate degree)", re.IGNORECASE), "postgraduate_degree"),
    (re.compile(r"\b(bachelor|b\.?sc?\b|b\.?a\b|undergraduate|college degree|university degree)", re.IGNORECASE), "bachelor_degree"),
    (re.compile(r"\bassociate", re.IGNORECASE), "associate_degree"),
    (re.compile(r"\b(certificat|certified)", re.IGNORECASE), "professional_certificate"),
    (re.compile(r"\b(high school|secondary school|ged)\b", re.IGNORECASE), "high_school"),
)


def education_level(text: str) -> str:
    """The lowest level the text asks for: 'Bachelor's or Master's degree' -> bachelor_degree."""
    found = [value for pattern, value in _EDUCATION_WORDS if pattern.search(text)]
    order = list(codes.EDUCATION_LEVELS)
    return min(found, key=order.index) if found else ""


# symbols that name a currency; '$' alone is read as USD and reported as such
_CURRENCY_SYMBOLS = (("CA$", "CAD"), ("C$", "CAD"), ("AU$", "AUD"), ("A$", "AUD"), ("NZ$", "NZD"), ("S$", "SGD"),
                     ("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"))
_AMOUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:([,.\u00a0\u202f' ])\d{3})(?:\2\d{3})*|\d+)(?:[.,](\d{1,2}))?(?![\d])\s*([kK]\b)?")
_OPEN_ENDED = re.compile(r"\b(up to|from|starting|min(imum)?|max(imum)?|over|under)\b", re.IGNORECASE)
_UNITS = (
    (re.compile(r"/\s*h(ou)?r\b|\bper\s+hour\b|\bhourly\b|\ban\s+hour\b", re.IGNORECASE), "hour"),
    (re.compile(r"/\s*day\b|\bper\s+day\b|\bdaily\b|\ba\s+day\b", re.IGNORECASE), "day"),
    (re.compile(r"/\s*(wk|week)\b|\bper\s+week\b|\bweekly\b", re.IGNORECASE), "week"),
    (re.compile(r"/\s*(mo|month)\b|\bper\s+month\b|\bmonthly\b", re.IGNORECASE), "month"),
)


def salary(text: str) -> dict[str, object] | None:
    """'$160,000 - $240,000 + equity' -> {min, max, currency, unit}; None without a currency or an
    amount, so a bare number is never taken for pay."""
    currency = _currency(text)
    amounts = [_amount(m) for m in _AMOUNT.finditer(text)][:2]
    if not currency or not amounts:
        return None
    if len(amounts) == 1 and _OPEN_ENDED.search(text):
        return None  # 'up to $200,000' is neither a range nor a value: a human must decide
    if len(amounts) == 2 and amounts[0] < 1000 <= amounts[1] and amounts[1] % 1000 == 0 and re.search(r"\d\s*[kK]\b", text):
        amounts[0] *= 1000  # '$80-100k': the k belongs to both
    unit = next((value for pattern, value in _UNITS if pattern.search(text)), "year")
    if len(amounts) == 1 or amounts[0] == amounts[1]:
        found: dict[str, object] = {"value": amounts[0], "currency": currency, "unit": unit}
    else:
        low, high = sorted(amounts)
        found = {"min": low, "max": high, "currency": currency, "unit": unit}
    note = salary_note(text)
    if note:
        found["note"] = note
    return found


# what may follow the amounts without being a note: the unit, the currency, 'gross', 'base'
_NOT_A_NOTE = re.compile(r"/\s*(h(ou)?r|day|wk|week|mo|month|yr|year|annum)\b|\b(per|a|an)\s+(hour|day|week|month|year|annum)\b|"
                         r"\b(hourly|daily|weekly|monthly|yearly|annually|annual|gross|base|salary|p\.?a\.?)(?!\w)", re.IGNORECASE)


def salary_note(text: str) -> str:
    """What a salary line says after its amounts besides the unit: '$160,000 - $240,000 + equity'
    -> '+ equity', kept for the page rather than dropped ('' when there is nothing)."""
    ends = [m.end() for m in _AMOUNT.finditer(text)]
    if not ends:
        return ""
    tail = _NOT_A_NOTE.sub(" ", text[ends[min(len(ends), 2) - 1]:])
    tail = re.sub(r"\b[A-Z]{3}\b", lambda m: " " if codes.is_currency(m.group()) else m.group(), tail)
    tail = " ".join(tail.split()).strip(" ,;.-–—()")
    return tail if re.search(r"[^\W\d_]", tail) else ""


def _currency(text: str) -> str:
    for word in re.findall(r"\b[A-Z]{3}\b", text):
        if codes.is_currency(word):
            return word
    for symbol, code in _CURRENCY_SYMBOLS:
        if symbol in text:
            return code
    return ""


def _amount(match: re.Match[str]) -> int | float:
    whole = re.sub(r"\D", "", match.group(1))
    value = float(f"{whole}.{match.group(3)}") if match.group(3) else float(whole)
    if match.group(4):
        value *= 1000
    return int(value) if value.is_integer() else value


def date_from(text: str) -> dt.date | None:
    """A date as people write it on a posting ('2027-01-31', 'January 31, 2027', '31 January 2027')."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def iso_date_time(value: object) -> dt.datetime | None:
    """An ISO 8601 date-time from an ATS ('2026-11-20T14:03:11-05:00', '...Z'), None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def epoch_ms_date(value: object) -> dt.date | None:
    """Lever's createdAt (milliseconds since the epoch) as the UTC date."""
    moment = epoch_ms_datetime(value)
    return moment.date() if moment else None


def epoch_ms_datetime(value: object) -> dt.datetime | None:
    """Lever's createdAt/updatedAt (milliseconds since the epoch) as a UTC date-time, to the second."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    try:
        return dt.datetime.fromtimestamp(value // 1000, tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def salary_unit(text: str) -> str:
    """The unit a pay line names ('Hourly range', '$30 / hr' -> hour); 'year' when it names none,
    as pay ranges without one are annual."""
    return next((value for pattern, value in _UNITS if pattern.search(text)), "year")


def widest_salary(ranges: list[tuple[str, dict[str, object]]], described: str) -> dict[str, object] | None:
    """Several titled pay ranges (one per location or zone) as the one salary a posting states: the
    lowest minimum to the highest maximum, with `described` (each range, as a reader sees it) as
    its note. None when they are in different currencies or units: no one range covers them."""
    if len({(salary["currency"], salary["unit"]) for _, salary in ranges}) != 1:
        return None
    lows = [salary.get("min", salary.get("value")) for _, salary in ranges]
    highs = [salary.get("max", salary.get("value")) for _, salary in ranges]
    widest = salary_range(min(lows), max(highs), str(ranges[0][1]["currency"]), str(ranges[0][1]["unit"]))  # type: ignore[type-var]
    if widest is not None:
        widest["note"] = described
    return widest


def department_and_team(department: str, team: str, vendor: str) -> list[tuple[str, str, str]]:
    """An ATS's department and team -> (field, value, how it was inferred): the team stands in
    for a missing department (and the report says so); a team that differs is kept as `team`."""
    found = []
    if department or team:
        found.append(("department", department or team, "" if department else f"{team!r} (the {vendor} team; no department set)"))
    if department and team and team != department:
        found.append(("team", team, ""))
    return found


# --- structured values from an ATS's own fields ---------------------------------------------------


def salary_range(low: object, high: object, currency: object, unit: object) -> dict[str, object] | None:
    """An ATS's structured pay ({min, max, currency, period}) as a salary mapping; amounts may be
    numbers or numeric text ('60000'). None unless both amounts are positive, min <= max, the
    currency is ISO 4217 and the unit is one careersite knows: an open-ended 'up to 15000' or an
    unknown period is left for a human, never completed by a guess."""
    amounts = [_number(low), _number(high)]
    code = currency.strip().upper() if isinstance(currency, str) else ""
    period = unit.strip().lower() if isinstance(unit, str) else ""
    if None in amounts or not codes.is_currency(code) or period not in codes.SALARY_UNITS:
        return None
    low_amount, high_amount = amounts
    if not 0 < low_amount <= high_amount:
        return None
    found: dict[str, object] = {"value": low_amount} if low_amount == high_amount else {"min": low_amount, "max": high_amount}
    found.update(currency=code, unit=period)
    return found


def _number(value: object) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value):
        value = float(value)
    if not isinstance(value, (int, float)) or value != value:  # NaN is not an amount
        return None
    return int(value) if float(value).is_integer() else value


def location_of(city: str, region: str, country: str) -> dict[str, str] | None:
    """An ATS's own structured place (city, region name or code, country name or ISO code) as a
    careersite location; None without a city or a country that is ISO 3166. A region that is not an
    ISO 3166-2 subdivision of that country is left out rather than guessed."""
    from ..places import country_code, region_code  # places imports nothing from importers

    code = country_code(country) if country else ""
    if not city or not code:
        return None
    location = {"city": city, "country": code}
    suffix = region_code(region, (code,))[1] if region else ""
    if suffix:
        location["region"] = suffix
    return location


def years_months(text: str) -> int | None:
    """An ATS's years-of-experience band ('2-5', '5+', 'ht15') as months from its lower end."""
    match = re.fullmatch(r"\s*(?:ht|gt)?(\d+)\s*(?:[-–+]\s*\d*)?\s*", text or "", re.IGNORECASE)
    return int(match.group(1)) * 12 if match and int(match.group(1)) > 0 else None
