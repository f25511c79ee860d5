"""Unit tests for careersite.codes: ISO country, subdivision and currency lookups."""

from __future__ import annotations

import pycountry

from careersite import codes


def test_every_subdivision_is_named_as_pycountry_names_it():
    for sub in pycountry.subdivisions:
        assert codes.subdivision_name(sub.code) == sub.name, sub.code


def test_subdivision_codes_in_any_case_and_unknown_ones():
    assert codes.subdivision_name("US-CA") == "California"
    assert codes.subdivision_name("de-be") == "Berlin"
    assert codes.subdivision_name("US-XX") is None
    assert codes.subdivision_name("") is None


def test_country_names_and_currencies():
    assert codes.country_name("DE") == "Germany"
    assert codes.country_name("TW") == "Taiwan"  # the common name, not 'Taiwan, Province of China'
    assert codes.country_name("de") is None and codes.country_name("XX") is None
    assert codes.is_currency("EUR") and not codes.is_currency("EURO") and not codes.is_currency("eur")
