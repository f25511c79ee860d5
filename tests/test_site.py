"""site: which postings are open on the build date, and how they group."""

from __future__ import annotations

import datetime as dt

from careersite.config import Company, SiteConfig
from careersite.posting import Location, Posting
from careersite.site import DRAFT, EXPIRED, OPEN, SCHEDULED, make_site, status

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.timezone.utc)
CONFIG = SiteConfig(title="T", base_url="https://j.example", company=Company("C"))


def make(slug, **fields) -> Posting:
    base = dict(slug=slug, source=f"{slug}.md", title=slug, body="b", apply_url="https://a.example", date_posted=dt.date(2026, 11, 1))
    base.update(fields)
    return Posting(**base)


def test_status_on_the_build_date():
    assert status(make("a"), NOW) == OPEN
    assert status(make("a", draft=True, date_posted=None), NOW) == DRAFT
    assert status(make("a", date_posted=dt.date(2026, 11, 26)), NOW) == SCHEDULED
    assert status(make("a", valid_through=dt.date(2026, 11, 24)), NOW) == EXPIRED
    assert status(make("a", valid_through=dt.date(2026, 11, 25)), NOW) == OPEN  # the whole closing day
    assert status(make("a", valid_through=dt.datetime(2026, 11, 25, 11, tzinfo=dt.timezone.utc)), NOW) == EXPIRED


def test_open_postings_newest_first_then_by_slug_and_grouped():
    postings = [
        make("b", department="Sales", locations=(Location("Berlin", "DE"),)),
        make("a", department="Sales", locations=(Location("Berlin", "DE"),)),
        make("c", department="Design", date_posted=dt.date(2026, 11, 20), workplace="remote", applicant_locations=("US",)),
        make("old", valid_through=dt.date(2026, 11, 1)),
    ]
    site = make_site(CONFIG, postings, [], NOW, drafts=False)
    assert [p.slug for p in site.open] == ["c", "a", "b"]
    assert [(g.name, [p.slug for p in g.postings]) for g in site.departments] == [("Design", ["c"]), ("Sales", ["a", "b"])]
    assert [(g.slug, g.name) for g in site.locations] == [("berlin-de", "Berlin, Germany"), ("remote", "Remote")]
    assert [p.slug for p in site.gone] == ["old"] and site.skipped[EXPIRED] == 1
