"""An ATS's own place fields (city, region, country as separate values) -> a draft's workplace,
locations and applicant_locations, for the vendors that give places that way (Workable, Recruitee,
SmartRecruiters). A place without an ISO country is read like any place text (the city table),
else reported; a remote posting's applicant area is what the posting's countries say, and when
those are the countries of its offices the report asks a human to check them."""

from __future__ import annotations

from ..places import Places, country_code, parse_places
from . import values
from .draft import Draft


def set_structured_places(draft: Draft, parts: list[tuple[str, str, str]], workplace: str) -> None:
    """`parts`: one (city, region, country) per place the ATS lists, as it writes them ('' where
    absent); `workplace`: the ATS's own remote/hybrid/onsite flag, '' when it has none."""
    places = Places()
    office_countries: list[str] = []
    texts = []
    for city, region, country in parts:
        text = ", ".join(filter(None, (city, region, country)))
        if not text:
            continue
        texts.append(text)
        code = country_code(country) if country else ""
        location = values.location_of(city, region, country)
        if location:
            places.add_location(location)
            office_countries.append(location["country"])
        elif city:
            places.merge(parse_places(text))
        elif code and workplace == "remote":
            places.add_applicant(code)  # a remote job listed under a country alone: where hires may live
        elif not code:
            places.refuse(text, f"{text!r} names no country careersite knows; write locations as {{city: ..., country: XX}} (ISO code)")
    draft.set_places(places, " / ".join(texts), workplace)
    countries = list(dict.fromkeys(office_countries))
    if (workplace or places.workplace) == "remote" and not places.applicant_locations and countries:
        draft.set("applicant_locations", countries)
        draft.missing("applicant_locations", f"set to {', '.join(countries)}, the country of the posting's office; "
                                             "check where hires of this remote posting may live")
