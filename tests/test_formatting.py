"""formatting: what candidates read, in the site's language."""

from __future__ import annotations

import datetime as dt

from careersite.formatting import date_text, locations_text, salary_text
from careersite.posting import Location, Posting, Salary


def test_salary_ranges_in_each_locale():
    assert salary_text(Salary("USD", "year", min=160000, max=240000)) == "$160,000 – $240,000 per year"
    assert salary_text(Salary("EUR", "year", value=70000), "de") == "70.000\xa0€ pro Jahr"
    assert salary_text(Salary("USD", "hour", min=22.5, max=28)) == "$22.50 – $28 per hour"
    assert salary_text(Salary("GBP", "month", value=3000), "en-GB") == "£3,000 per month"


def test_dates_and_locations():
    assert date_text(dt.date(2026, 11, 20)) == "November 20, 2026"
    assert date_text(dt.datetime(2027, 1, 31, 17), "de") == "31. Januar 2027"
    posting = Posting(slug="x", source="x.md", title="t", body="b", apply_url="https://a.example", workplace="remote",
                      locations=(Location("San Francisco", "US", "CA"),), applicant_locations=("US", "DE-BE"))
    assert locations_text(posting) == "San Francisco, CA, United States · Remote (United States, Berlin)"
