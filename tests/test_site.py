"""site: which postings are open on the build date, and how they group."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

from careersite.config import Company, SiteConfig
from careersite.posting import Location, Posting
from careersite.site import DRAFT, EXPIRED, OPEN, SCHEDULED, NextChange, Page, make_site, next_change, status, steady_span

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


def test_a_closing_time_with_an_offset_is_compared_as_the_moment_it_names():
    """17:00 at UTC+14 on the 26th is 03:00 UTC that day: open at NOW (noon UTC on the 25th), closed a day later."""
    closes = dt.datetime(2026, 11, 26, 17, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    assert status(make("a", valid_through=closes), NOW) == OPEN
    assert status(make("a", valid_through=closes), dt.datetime(2026, 11, 26, 3, 0, 1, tzinfo=dt.timezone.utc)) == EXPIRED
    early = dt.datetime(2026, 11, 25, 20, tzinfo=dt.timezone(dt.timedelta(hours=9)))  # 11:00 UTC, an hour before NOW
    assert status(make("a", valid_through=early), NOW) == EXPIRED
    assert status(make("a", date_posted=dt.datetime(2026, 11, 25, 14, tzinfo=dt.timezone(dt.timedelta(hours=3)))), NOW) == OPEN
    assert status(make("a", date_posted=dt.datetime(2026, 11, 25, 14, tzinfo=dt.timezone(dt.timedelta(hours=1)))), NOW) == SCHEDULED
    assert status(make("a", date_posted=NOW), NOW) == OPEN and status(make("a", valid_through=NOW), NOW) == OPEN


def test_a_posting_with_two_offices_in_one_city_is_listed_once_there():
    offices = (Location("Berlin", "DE", street="Alexanderplatz 1"), Location("Berlin", "DE", street="Torstrasse 2"), Location("Paris", "FR"))
    site = make_site(CONFIG, [make("a", locations=offices), make("b", locations=(Location("Berlin", "DE"),))], [], NOW, drafts=False)
    assert [(g.slug, g.name, [p.slug for p in g.postings]) for g in site.locations] == [
        ("berlin-de", "Berlin, Germany", ["a", "b"]), ("paris-fr", "Paris, France", ["a"])]


def test_drafts_closed_and_gone_by_policy():
    postings = [make("d2", draft=True), make("d1", draft=True), make("z", valid_through=dt.date(2026, 11, 1)),
                make("y", valid_through=dt.date(2026, 10, 1)), make("later", date_posted=dt.date(2026, 12, 1))]
    shown = make_site(CONFIG, postings, [], NOW, drafts=True)
    assert [p.slug for p in shown.drafts] == ["d1", "d2"] and shown.skipped == {DRAFT: 0, SCHEDULED: 1, EXPIRED: 2}
    assert [p.slug for p in shown.gone] == ["y", "z"] and shown.closed == []
    hidden = make_site(CONFIG, postings, [], NOW, drafts=False)
    assert hidden.drafts == [] and hidden.skipped[DRAFT] == 2
    keep = SiteConfig(title="T", base_url="https://j.example", company=Company("C"), expired_policy="keep")
    kept = make_site(keep, postings, [], NOW, drafts=False)
    assert [p.slug for p in kept.closed] == ["y", "z"] and kept.gone == []


def test_pages_sorted_and_groups_sorted_by_name_whatever_the_case():
    pages = [Page("z", "z.md", "Z", "", "b"), Page("a", "a.md", "A", "", "b")]
    postings = [make("p", department="sales"), make("q", department="Design"), make("r", department="Sales")]
    site = make_site(CONFIG, postings, pages, NOW, drafts=False)
    assert [p.slug for p in site.pages] == ["a", "z"] and site.pages[0].url == "/a/"
    assert site.config is CONFIG
    teams = make_site(CONFIG, [make("s", department="Salesforce"), make("o", department="Sales_Ops")], [], NOW, drafts=False)
    assert [g.name for g in teams.departments] == ["Sales_Ops", "Salesforce"]  # "_" sorts before letters, as in lower case
    assert [(g.slug, g.name, [p.slug for p in g.postings]) for g in site.departments] == [
        ("design", "Design", ["q"]), ("sales", "sales", ["p", "r"])]  # one slug: the first name seen names it


def test_newest_first_compares_dates_with_date_times_and_ties_go_by_slug():
    postings = [make("b", date_posted=dt.date(2026, 11, 20)), make("a", date_posted=dt.date(2026, 11, 20)),
                make("t", date_posted=dt.datetime(2026, 11, 20, 8, tzinfo=dt.timezone.utc)), make("o")]
    assert [p.slug for p in make_site(CONFIG, postings, [], NOW, drafts=False).open] == ["t", "a", "b", "o"]


def test_next_change_is_the_first_opening_or_closing_after_the_build():
    postings = [make("draft", draft=True, date_posted=dt.date(2026, 11, 26)), make("later", title="Later", date_posted=dt.date(2026, 12, 1)),
                make("closing", title="Closing", valid_through=dt.date(2026, 11, 26)), make("past", valid_through=dt.date(2026, 11, 1))]
    change = next_change(postings, NOW)
    assert (change.title, change.change, change.when, change.day, change.days, change.others, change.mixed) == (
        "Closing", "closes", "at the end of 2026-11-26", dt.date(2026, 11, 26), 1, 0, False)
    assert change.note() == ("Next change: 'Closing' closes at the end of 2026-11-26 (tomorrow); schedule a daily rebuild "
                             "so it leaves the site on time: see README, \"Deploying on Netlify\".")
    assert NextChange.from_record(change.record(), NOW) == change
    assert NextChange.from_record(change.record(), NOW + dt.timedelta(days=1)).days == 0
    assert "closes at the end of 2026-11-26 (today);" in replace(change, days=0).note()
    assert NextChange.from_record(None, NOW) is None
    opening = next_change([make("later", title="Later", date_posted=dt.datetime(2026, 12, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=2))))], NOW)
    assert (opening.change, opening.when, opening.day, opening.days) == ("opens", "at 2026-12-01 07:00 UTC", dt.date(2026, 12, 1), 6)
    assert "'Later' opens at 2026-12-01 07:00 UTC (in 6 days);" in opening.note() and "so it appears on time" in opening.note()
    assert next_change([make("past"), make("d", draft=True)], NOW) is None
    # a moment is a change only after the build: opening at NOW, or closing just as NOW begins, already happened
    assert next_change([make("now", date_posted=NOW)], NOW) is None
    midnight = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
    assert next_change([make("closed", valid_through=dt.date(2026, 11, 24))], midnight) is None


def test_next_change_names_utc_whatever_the_machine_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        change = next_change([make("a", date_posted=dt.datetime(2026, 11, 30, 20, tzinfo=dt.timezone.utc))], NOW)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (change.when, change.day) == ("at 2026-11-30 20:00 UTC", dt.date(2026, 11, 30))


def test_next_change_counts_what_happens_at_the_same_moment():
    same = [make("a", title="A", valid_through=dt.date(2026, 11, 30)), make("b", title="B", valid_through=dt.date(2026, 11, 30)),
            make("c", title="C", valid_through=dt.date(2026, 11, 30))]
    change = next_change(same, NOW)
    assert (change.title, change.others, change.mixed) == ("A", 2, False)
    assert "'A' and 2 other postings close at the end of 2026-11-30 (in 5 days);" in change.note() and "so they leave the site on" in change.note()
    mixed = next_change([make("a", title="A", valid_through=dt.date(2026, 11, 30)), make("b", title="B", date_posted=dt.date(2026, 12, 1))], NOW)
    assert (mixed.title, mixed.change, mixed.others, mixed.mixed) == ("B", "opens", 1, True)  # openings first
    assert ", and 1 other posting closes then; schedule a daily rebuild so the site changes on time" in mixed.note()
    one = next_change([make("a", title="A", date_posted=dt.date(2026, 11, 26)), make("b", title="B", date_posted=dt.date(2026, 11, 26))], NOW)
    assert "'A' and 1 other posting open on 2026-11-26 (tomorrow); schedule a daily rebuild so they appear" in one.note()
    closing = next_change([make("a", title="A", valid_through=dt.date(2026, 11, 30)), make("b", title="B", date_posted=dt.date(2026, 12, 1)),
                           make("c", title="C", date_posted=dt.date(2026, 12, 1))], NOW)
    assert ", and 2 other postings open or close then;" in closing.note()
    assert ", and 1 other posting opens then;" in replace(mixed, change="closes").note()
    assert NextChange.from_record(mixed.record(), NOW) == mixed


def test_steady_span_ignores_drafts_and_closes_after_the_whole_last_day():
    postings = [make("d", draft=True, date_posted=dt.date(2026, 11, 26)), make("b", date_posted=dt.date(2026, 11, 22)),
                make("a", date_posted=dt.date(2026, 11, 20), valid_through=dt.date(2026, 11, 30)),
                make("c", date_posted=dt.date(2026, 12, 5))]
    assert steady_span(postings, NOW) == (dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc),
                                          dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc))
    today = NOW.replace(hour=0)
    assert steady_span([make("c", date_posted=today.date())], today) == (today, None)
