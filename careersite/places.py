"""Place names as people write them -> careersite locations and applicant_locations: the one place
parser of `new --location`, `import`, and front matter locations written as text.

Cities come from a small table of common hiring cities; countries and regions are resolved through
ISO 3166 (pycountry). A code that is both a region and a country ('CA': California or Canada) is
settled by the city table or an explicit country, else refused with the choices spelled out; text
that cannot be mapped to an ISO country is returned as unresolved for a human, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import codes

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
    reasons: dict[str, str] = field(default_factory=dict)  # unresolved text -> the choices it leaves, when known

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
        self.reasons = {**other.reasons, **self.reasons}

    def refuse(self, text: str, reason: str = "") -> None:
        """Leave `text` for a human, with the reason when there is a precise one."""
        if text not in self.unresolved:
            self.unresolved.append(text)
        if reason:
            self.reasons.setdefault(text, reason)


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
        return codes._pycountry().countries.lookup(text.strip()).alpha_2
    except LookupError:
        return ""


def region_code(text: str, countries: tuple[str, ...] = _REGION_COUNTRIES) -> tuple[str, str]:
    """(country, region suffix) for a region code or name ('TX', 'Ontario') tried in each of
    `countries` in order; ('', '') when it is none of them."""
    word = text.strip()
    for country in filter(None, countries):
        if len(word) <= 3 and word.isalpha() and codes.subdivision_name(f"{country}-{word.upper()}"):
            return country, word.upper()
        for sub in codes._pycountry().subdivisions.get(country_code=country) or ():
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
    located = locate(part)
    if located.location:
        places.add_location(located.location)
        return places
    pieces = [p for p in re.split(r"\s*,\s*", part) if p]
    cities = [parse_city(piece) for piece in pieces]
    if len(pieces) > 1 and all(cities) and not located.ambiguous:  # "London, Berlin": cities, not city and region
        for location in cities:
            places.add_location(location)
    else:
        places.refuse(part, located.problem if located.ambiguous else "")
    return places


def _parse_remote_area(rest: str, places: Places) -> None:
    """The countries or regions around 'Remote': 'Remote (US, Canada)', 'US Remote', 'Remote - DE'."""
    rest = _REMOTE_NOISE.sub(" ", rest)
    for word in filter(None, (w.strip(" .-") for w in _LIST_SPLIT.split(rest))):
        choices = _qualifier_choices(word)
        if len(choices) > 1:  # 'Remote (CA)': California or Canada
            ways = " or ".join(f"[{c}-{r}]" if r else f"[{c}]" for c, r in choices)
            places.refuse(word, f"{word} is {_choice_names(choices)}; write applicant_locations: {ways}")
            continue
        if choices:
            country, region = choices[0]
            places.add_applicant(f"{country}-{region}" if region else country)
            continue
        location = parse_city(word)
        if location:
            places.add_location(location)
        else:
            places.refuse(word)


def parse_city(text: str) -> dict[str, str] | None:
    """'Austin, TX', 'Berlin', 'Lyon, France', 'London, ON' -> a location mapping; None when the
    country cannot be known, a qualifier is not a place, or a code is ambiguous."""
    return locate(text).location


@dataclass(frozen=True)
class Located:
    """One place text read as a location: the mapping, or why not (the fix spelled out)."""

    location: dict[str, str] | None
    problem: str = ""
    ambiguous: bool = False  # the text names two places; the problem lists both


def locate(text: str, bare_city: bool = True) -> Located:
    """'City', 'City, ST', 'City, CC', 'City, Region, CC' -> {city, country, region?, name?}.

    A qualifier after the city may be a region code or name (of the US, Canada or Australia) or a
    country; when it could be several ('CA': California or Canada, 'WA': Washington or Western
    Australia), the city table settles it ('San Francisco, CA'), else it is refused with the ways
    to write each choice. With three parts the last is the country and the middle its region.
    `bare_city`: whether a city alone is looked up in the table (import) or refused (front matter,
    `new`), where a written qualifier is wanted."""
    written = " ".join(text.split())
    if REMOTE_RE.search(written):  # 'Remote, US' is not a city called Remote
        area = ", ".join(parse_places(written).applicant_locations) or "US"
        return Located(None, f"{written!r} is a workplace, not a location; write workplace: remote and applicant_locations: [{area}] "
                             "(where hires may live), and list an office here only if there is one")
    head, *rest = [p.strip() for p in written.split(",")]
    qualifiers = [p for p in rest if p]
    if not re.search(r"[^\W\d_]", head):
        return Located(None, f"{written!r} does not start with a city; write 'City, CC' such as 'Berlin, DE'")
    entry = city_entry(head)
    city, country, region = entry if entry else (head, "", "")
    name = head if entry and _AREA_WORDS.search(normalise(head)) else ""
    if not qualifiers:
        if not entry:
            return Located(None, f"{written!r} names no country, and is not a city careersite knows; write '{head}, CC' with its ISO country code, or '{head}, ST, US' with its US state")
        if not bare_city:
            return Located(None, f"{written!r} names no country; write '{_example(head, country, region)}'")
    elif len(qualifiers) == 1:
        choices = _qualifier_choices(qualifiers[0])
        if not choices:
            return Located(None, f"{qualifiers[0]!r} in {written!r} is neither a country nor a US, Canadian or Australian region; write 'City, CC' with an ISO country code such as 'Berlin, DE'")
        settled = [c for c in choices if c[0] == country] if entry else []
        if len(settled) == 1 or len(choices) == 1:
            found_country, found_region = (settled or choices)[0]
            region = found_region or (region if found_country == country else "")
            country = found_country
        else:
            return Located(None, _ambiguity(written, head, qualifiers[0], choices), ambiguous=True)
    else:
        *middle, last = qualifiers
        found_country = country_code(last)
        if not found_country:
            return Located(None, f"{last!r} in {written!r} is not a country; write 'City, Region, CC' with an ISO country code such as 'Austin, TX, US'")
        if len(middle) > 1:
            return Located(None, f"{written!r} has more parts than 'City, Region, CC'; write it as 'City, Region, CC'")
        found_region = region_code(middle[0], (found_country,))[1]
        if not found_region:
            return Located(None, f"{middle[0]!r} in {written!r} is not an ISO 3166-2 region of {found_country}; write '{head}, {found_country}', or the region's code")
        country, region = found_country, found_region
    location = {"city": city, "country": country}
    if region:
        location["region"] = region
    if name:
        location["name"] = name
    return Located(location)


# words that make a place an area around a city: kept as the location's name ('San Francisco Bay Area')
_AREA_WORDS = re.compile(r"\b(greater|area|metro|metropolitan|valley)\b")


def _qualifier_choices(qualifier: str) -> list[tuple[str, str]]:
    """Every (country, region) a qualifier can mean: 'GA' -> US-GA and Gabon, 'TX' -> US-TX only,
    'Georgia' -> the US state and the country; region suffix '' for a country."""
    choices = []
    if len(qualifier) <= 3 and qualifier.isalpha():
        code = qualifier.upper()
        choices += [(c, code) for c in _REGION_COUNTRIES if codes.subdivision_name(f"{c}-{code}")]
    else:
        for country in _REGION_COUNTRIES:
            found = region_code(qualifier, (country,))
            if found[1]:
                choices.append(found)
    country = country_code(qualifier)
    if country:
        choices.append((country, ""))
    return list(dict.fromkeys(choices))


def _ambiguity(written: str, head: str, qualifier: str, choices: list[tuple[str, str]]) -> str:
    """"'Wilmington, DE': DE is both Delaware (US-DE) and Germany; write 'Wilmington, DE, US' or
    'Wilmington, Germany'"."""
    ways = [f"'{head}, {r}, {c}'" if r else f"'{head}, {_country_written(c)}'" for c, r in choices]
    return f"{written!r}: {qualifier} is {_choice_names(choices)}; write {_either(ways, 'or')}"


def _choice_names(choices: list[tuple[str, str]]) -> str:
    """'both Delaware (US-DE) and Germany'; a country named like a region is called 'the country'."""
    regions = {codes.subdivision_name(f"{c}-{r}") for c, r in choices if r}
    names = []
    for country, region in choices:
        if region:
            names.append(f"{codes.subdivision_name(f'{country}-{region}')} ({country}-{region})")
        else:
            name = codes.country_name(country) or country
            names.append(f"the country {name} ({country})" if name in regions else name)
    return ("both " if len(names) == 2 else "") + _either(names, "and")


def _country_written(country: str) -> str:
    """How to write a country after a city so it cannot be read as a region: its name, or its code."""
    name = codes.country_name(country) or country
    return name if _qualifier_choices(name) == [(country, "")] else country


def _either(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _example(city: str, country: str, region: str) -> str:
    """How to write a table city with its country: 'Austin, TX, US', 'Berlin, DE'."""
    return f"{city}, {region}, {country}" if region and country in _REGION_COUNTRIES else f"{city}, {country}"
