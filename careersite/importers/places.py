"""Place names as postings write them -> careersite locations and applicant_locations.

Cities come from a small table of common hiring cities; countries and regions are resolved through
ISO 3166 (pycountry). Anything that cannot be mapped to an ISO country is returned as unresolved for
a human to fill in, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pycountry

from .. import codes

# city key -> (city as written in front matter, ISO country, ISO 3166-2 region suffix or "")
CITIES: dict[str, tuple[str, str, str]] = {
    "san francisco": ("San Francisco", "US", "CA"),
    "oakland": ("Oakland", "US", "CA"),
    "san jose": ("San Jose", "US", "CA"),
    "palo alto": ("Palo Alto", "US", "CA"),
    "mountain view": ("Mountain View", "US", "CA"),
    "menlo park": ("Menlo Park", "US", "CA"),
    "los angeles": ("Los Angeles", "US", "CA"),
    "san diego": ("San Diego", "US", "CA"),
    "seattle": ("Seattle", "US", "WA"),
    "portland": ("Portland", "US", "OR"),
    "new york": ("New York", "US", "NY"),
    "boston": ("Boston", "US", "MA"),
    "chicago": ("Chicago", "US", "IL"),
    "austin": ("Austin", "US", "TX"),
    "dallas": ("Dallas", "US", "TX"),
    "houston": ("Houston", "US", "TX"),
    "denver": ("Denver", "US", "CO"),
    "atlanta": ("Atlanta", "US", "GA"),
    "miami": ("Miami", "US", "FL"),
    "washington dc": ("Washington", "US", "DC"),
    "toronto": ("Toronto", "CA", "ON"),
    "vancouver": ("Vancouver", "CA", "BC"),
    "montreal": ("Montreal", "CA", "QC"),
    "london": ("London", "GB", ""),
    "manchester": ("Manchester", "GB", ""),
    "edinburgh": ("Edinburgh", "GB", ""),
    "dublin": ("Dublin", "IE", ""),
    "berlin": ("Berlin", "DE", "BE"),
    "munich": ("Munich", "DE", "BY"),
    "hamburg": ("Hamburg", "DE", "HH"),
    "paris": ("Paris", "FR", ""),
    "amsterdam": ("Amsterdam", "NL", ""),
    "madrid": ("Madrid", "ES", ""),
    "barcelona": ("Barcelona", "ES", ""),
    "lisbon": ("Lisbon", "PT", ""),
    "stockholm": ("Stockholm", "SE", ""),
    "copenhagen": ("Copenhagen", "DK", ""),
    "zurich": ("Zurich", "CH", ""),
    "warsaw": ("Warsaw", "PL", ""),
    "tel aviv": ("Tel Aviv", "IL", ""),
    "bangalore": ("Bengaluru", "IN", "KA"),
    "singapore": ("Singapore", "SG", ""),
    "tokyo": ("Tokyo", "JP", ""),
    "sydney": ("Sydney", "AU", "NSW"),
    "perth": ("Perth", "AU", "WA"),
    "melbourne": ("Melbourne", "AU", "VIC"),
    "sao paulo": ("São Paulo", "BR", "SP"),
    "mexico city": ("Mexico City", "MX", ""),
}
CITY_ALIASES = {
    "sf": "san francisco", "bay area": "san francisco", "sf bay area": "san francisco",
    "silicon valley": "san jose", "nyc": "new york", "new york city": "new york",
    "washington": "washington dc", "washington d c": "washington dc", "dc": "washington dc",
    "bengaluru": "bangalore", "munchen": "munich", "zurich": "zurich", "lisboa": "lisbon",
}
# words around a city that do not change the place: "Greater London", "SF Bay Area", "Berlin HQ"
_CITY_NOISE = re.compile(r"^(greater|downtown)\s+|\s+(bay area|metro area|metropolitan area|area|metro|office|hq|headquarters)$")

COUNTRY_ALIASES = {
    "uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB",
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "russia": "RU", "turkey": "TR", "the netherlands": "NL", "holland": "NL", "south korea": "KR",
    "korea": "KR", "czechia": "CZ", "deutschland": "DE", "uae": "AE",
}
# countries whose region codes are written after a city ("Austin, TX", "Ottawa, ON"), in the order tried
_REGION_COUNTRIES = ("US", "CA", "AU")

REMOTE_RE = re.compile(r"\b(remote|anywhere|work from home|wfh|distributed|telecommute)\b", re.IGNORECASE)
HYBRID_RE = re.compile(r"\bhybrid\b", re.IGNORECASE)
ONSITE_RE = re.compile(r"\b(on-?site|in[- ]office|in[- ]person)\b", re.IGNORECASE)
_PART_SPLIT = re.compile(r"\s*(?:;|\||•|\n|\s/\s|\s&\s|\bor\b|\band\b)\s*", re.IGNORECASE)
# what surrounds the area in 'Remote-first (US only)', 'Remote - based in Canada'
_REMOTE_NOISE = re.compile(r"[()\[\]:–—]|\s-\s|^\s*-|-\s*$|-?\b(?:first|friendly|ok|possible|eligible|only|based|within|in)\b", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:,|/|\bor\b|\band\b)\s*", re.IGNORECASE)


@dataclass
class Places:
    """What one or more location texts say; `workplace` is '' when they say nothing about it."""

    workplace: str = ""
    locations: list[dict[str, str]] = field(default_factory=list)
    applicant_locations: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def add_location(self, location: dict[str, str]) -> None:
        key = (location["city"], location["country"])
        if all((loc["city"], loc["country"]) != key for loc in self.locations):
            self.locations.append(location)

    def add_applicant(self, code: str) -> None:
        if code not in self.applicant_locations:
            self.applicant_locations.append(code)

    def set_workplace(self, workplace: str) -> None:
        """Remote wins over hybrid over on-site: 'Remote (US) or San Francisco' hires remotely."""
        order = ("", "onsite", "hybrid", "remote")
        if order.index(workplace) > order.index(self.workplace):
            self.workplace = workplace

    def merge(self, other: Places) -> None:
        self.set_workplace(other.workplace)
        for location in other.locations:
            self.add_location(location)
        for code in other.applicant_locations:
            self.add_applicant(code)
        self.unresolved += [text for text in other.unresolved if text not in self.unresolved]


def normalise(text: str) -> str:
    """'São Paulo' -> 'sao paulo', 'U.S.' -> 'u s': one key for table look-ups."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


def country_code(text: str) -> str:
    """An ISO alpha-2 code for a country name or code ('Germany', 'DE', 'UK'), '' when unknown."""
    key = normalise(text)
    if not key:
        return ""
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if len(key) == 2 and codes.country_name(key.upper()):
        return key.upper()
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        return ""


def region_code(text: str, countries: tuple[str, ...] = _REGION_COUNTRIES) -> tuple[str, str]:
    """(country, region suffix) for a region code or name ('TX', 'Ontario') tried in each of
    `countries` in order; ('', '') when it is none of them."""
    word = text.strip()
    for country in filter(None, countries):
        if len(word) <= 3 and word.isalpha() and codes.subdivision_name(f"{country}-{word.upper()}"):
            return country, word.upper()
        for sub in pycountry.subdivisions.get(country_code=country) or ():
            if sub.parent_code is None and normalise(sub.name) == normalise(word):
                return country, sub.code.split("-", 1)[1]
    return "", ""


def city_entry(text: str) -> tuple[str, str, str] | None:
    key = normalise(text)
    for candidate in (key, _CITY_NOISE.sub("", key)):
        candidate = CITY_ALIASES.get(candidate, candidate)
        if candidate in CITIES:
            return CITIES[candidate]
    return None


def parse_places(text: str) -> Places:
    """'Remote (US) or San Francisco Bay Area' -> remote, applicant_locations [US], San Francisco."""
    places = Places()
    for part in split_parts(text or ""):
        places.merge(_parse_part(part.strip(" ,.-–—")))
    return places


def split_parts(text: str) -> list[str]:
    """Split at ';', '|', ' or ', ' and ', ' / ' but not inside parentheses: 'Remote (US and
    Canada) or Berlin' is two places, not three."""
    parts, start = [], 0
    for match in _PART_SPLIT.finditer(text):
        if text.count("(", 0, match.start()) == text.count(")", 0, match.start()):
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _parse_part(part: str) -> Places:
    places = Places()
    if REMOTE_RE.search(part):
        places.set_workplace("remote")
        _parse_remote_area(REMOTE_RE.sub(" ", part), places)
        return places
    for pattern, workplace in ((HYBRID_RE, "hybrid"), (ONSITE_RE, "onsite")):
        if pattern.search(part):
            places.set_workplace(workplace)
            part = pattern.sub(" ", part)
    part = part.strip(" ()[],.-–—:")
    if not part:
        return places
    location = parse_city(part)
    if location:
        places.add_location(location)
        return places
    pieces = [p for p in re.split(r"\s*,\s*", part) if p]
    cities = [parse_city(piece) for piece in pieces]
    if len(pieces) > 1 and all(cities):  # "London, Berlin": a list of cities, not city and region
        for location in cities:
            places.add_location(location)
    else:
        places.unresolved.append(part)
    return places


def _parse_remote_area(rest: str, places: Places) -> None:
    """The countries or regions around 'Remote': 'Remote (US, Canada)', 'US Remote', 'Remote - DE'."""
    rest = _REMOTE_NOISE.sub(" ", rest)
    for word in filter(None, (w.strip(" .-") for w in _LIST_SPLIT.split(rest))):
        country = country_code(word)
        if country:
            places.add_applicant(country)
            continue
        region_country, region = region_code(word) if len(word) > 3 else ("", "")
        if region:
            places.add_applicant(f"{region_country}-{region}")
            continue
        location = parse_city(word)
        if location:
            places.add_location(location)
        else:
            places.unresolved.append(word)


def parse_city(text: str) -> dict[str, str] | None:
    """'Austin, TX', 'Berlin', 'Lyon, France', 'London, ON' -> a location mapping; None when the
    country cannot be known or a qualifier is not a place."""
    head, *qualifiers = [p.strip() for p in text.split(",") if p.strip()] or [""]
    entry = city_entry(head)
    city, country, region = entry if entry else (head, "", "")
    for qualifier in qualifiers:
        if _agrees(qualifier, country, region):
            continue
        found = _qualifier_place(qualifier, country)
        if found is None:
            return None
        country, region = found
    if not country or not re.search(r"[^\W\d_]", city):
        return None
    location = {"city": city, "country": country}
    if region:
        location["region"] = region
    return location


def _agrees(qualifier: str, country: str, region: str) -> bool:
    """Whether 'CA' or 'United States' after 'San Francisco' just repeats what the table says."""
    if not country:
        return False
    return country_code(qualifier) == country or bool(region) and region_code(qualifier, (country,)) == (country, region)


def _qualifier_place(qualifier: str, country: str) -> tuple[str, str] | None:
    """A qualifier as (country, region): a short upper-case code is a region first ('GA' is Georgia
    after a city, not Gabon), then a country; a name is a country first, then a region."""
    countries = tuple(dict.fromkeys((country, *_REGION_COUNTRIES)))
    is_code = len(qualifier) <= 3 and qualifier.isalpha() and qualifier.isupper()
    if is_code:
        region_country, region = region_code(qualifier, countries)
        if region:
            return region_country, region
    found = country_code(qualifier)
    if found:
        return found, ""
    region_country, region = region_code(qualifier, countries)
    return (region_country, region) if region else None
