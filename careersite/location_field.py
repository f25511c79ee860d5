"""The `locations` front matter field -> Locations: mappings or 'City, ST' texts, each checked
against ISO 3166, with the fix for the usual mistakes (Remote as a place, a state as a country)."""

from __future__ import annotations

from typing import Callable

from . import codes, places
from .posting import Location
from .problems import brief, did_you_mean

LOCATION_FIELDS = ("city", "region", "country", "postal_code", "street", "name")

REMOTE_WORDS = ("remote", "anywhere", "worldwide", "work from home", "fully remote", "remote first", "global")


def remote_words_hint(value: object) -> str:
    """The message for `locations: Remote` (or [Remote], Anywhere, Worldwide): what to write instead; '' otherwise."""
    items = value if isinstance(value, list) else [value]
    words = [" ".join(str(v).replace("-", " ").split()).casefold() for v in items if isinstance(v, str)]
    if not words or len(words) != len(items) or not all(w in REMOTE_WORDS for w in words):
        return ""
    return (f"{brief(value)} is not a place; for a remote job write workplace: remote and applicant_locations: [US] "
            "(the countries or regions, such as [US, CA] or [DE, US-NY], where hires may live), "
            "and list offices under locations only if there are any")


def read_locations(value: object, line: int, item_lines: list[int], err: Callable[..., None]) -> list[Location]:
    """The `locations` field: a list of {city, country, ...} mappings or 'City, ST' texts, each
    checked against ISO 3166 and the place list, each problem at its item's line."""
    if value is None:
        return []
    if hint := remote_words_hint(value):
        err("locations", hint)
        return []
    if isinstance(value, (dict, str)):
        value, item_lines = [value], [line]
    if not isinstance(value, list):
        err("locations", f"{brief(value)} is not a list of locations like {{city: Berlin, country: DE}}")
        return []
    result = []
    for index, item in enumerate(value):
        where = item_lines[index] if index < len(item_lines) else line
        if isinstance(item, str):
            located = _location_text(item)
            if isinstance(located, Location):
                result.append(located)
            else:
                err("locations", f"item {index + 1}: {located}" if len(value) > 1 else located, where)
            continue
        if not isinstance(item, dict):
            err("locations", f"item {index + 1}: {brief(item)} is not a mapping like {{city: Berlin, country: DE}}", where)
            continue
        fields = {}
        ok = True
        for key, val in item.items():
            if key not in LOCATION_FIELDS:
                err("locations", f"item {index + 1}: unknown key {key!r}{did_you_mean(str(key), LOCATION_FIELDS)}", where)
                ok = False
            elif isinstance(val, int) and not isinstance(val, bool) and key == "postal_code":
                fields[key] = str(val)
            elif not isinstance(val, str) or not val.strip():
                err("locations", f"item {index + 1}: {key} {brief(val)} is not text", where)
                ok = False
            else:
                fields[key] = val.strip()
        for key in ("city", "country"):
            if key not in fields and ok:
                err("locations", f"item {index + 1}: {key} is missing; each location needs city and country", where)
                ok = False
        if not ok:
            continue
        country = fields["country"]
        if not codes.country_name(country):
            err("locations", f"item {index + 1}: country {country!r} is not an ISO 3166-1 alpha-2 code{_did_you_mean_code(country)}", where)
            continue
        region = fields.get("region", "")
        if not region and (mixed := _state_as_country(fields["city"], country)):
            err("locations", f"item {index + 1}: {mixed}", where)
            continue
        if region and not codes.subdivision_name(f"{country}-{region}"):
            err("locations", f"item {index + 1}: region {region!r} is not an ISO 3166-2 subdivision of {country} (e.g. CA for {country}-CA)", where)
            continue
        result.append(Location(**fields))
    return result


def _location_text(text: str) -> Location | str:
    """A location written as text ('Austin, TX', 'Berlin, DE', 'Wilmington, DE, US'), read by the
    place parser `new` and `import` use; or why not, with what to write instead."""
    located = places.locate(text, bare_city=False)
    if located.location:
        return Location(**located.location)
    return located.problem


def _state_as_country(city: str, country: str) -> str:
    """Why {city: San Francisco, country: CA} is refused: CA is San Francisco's state, and
    careersite's `new` wrote exactly this before 'City, ST' was read as a state; '' otherwise."""
    entry = places.city_entry(city)
    if not entry or entry[1] == country or entry[2] != country:
        return ""
    state = f"{entry[1]}-{entry[2]}"
    return (f"{city} with country {country} ({codes.country_name(country)}) reads like {codes.subdivision_name(state)} ({state}); "
            f"write region: {entry[2]}, country: {entry[1]}, or, if {codes.country_name(country)} is right, add its region")


def _did_you_mean_code(text: str) -> str:
    """'; did you mean US?' for 'USA', 'United States', 'us'; 'such as US, DE or GB' when nothing fits."""
    code = places.country_code(text)
    if code and code != text:
        return f"; did you mean {code}?"
    return " such as US, DE or GB"


def did_you_mean_area(text: str) -> str:
    """'; did you mean US?' for 'USA', '; did you mean US-CA?' for 'California'; '' when nothing fits."""
    code = places.country_code(text)
    if not code and not text.isupper():
        country, region = places.region_code(text)
        code = f"{country}-{region}" if region else ""
    return f"; did you mean {code}?" if code and code != text else ""
