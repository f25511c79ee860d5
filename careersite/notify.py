"""`careersite notify`: tell Google's Indexing API and IndexNow which posting URLs were added,
changed or removed since the last notification, within Google's daily quota, never failing a deploy.

What was told is kept per engine in .careersite-cache/notify.json (notify_state.py); what the
deployed site publishes is read from the output folder (notify_output.py). The difference of the
two is what each engine is owed: told now, as far as its quota goes, and kept for the next run."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from . import indexnow
from .config import SiteConfig, load_config
from .http_client import FetchError, HttpClient
from .indexing_api import INDEXING_API, KEY_VARIABLE, GoogleRefused, access_token, publish_batch, refusal
from .notify_output import OutputUnreadable, Published, read_published
from .notify_state import EngineState, load_state, save_state, state_path
from .plural import counted
from .problems import Problems
from .progress import Progress

NEW, CHANGED, EXPIRED, REMOVED = "new", "changed", "expired", "removed"
_ORDER = {NEW: 0, CHANGED: 1, EXPIRED: 2, REMOVED: 3}  # within a quota, new postings go first
GOOGLE, INDEXNOW = "google", "indexnow"


@dataclass(frozen=True)
class Change:
    url: str
    kind: str  # NEW, CHANGED, EXPIRED (answered 410) or REMOVED (no page any more)
    fingerprint: str = ""  # of the JobPosting now published; '' for EXPIRED and REMOVED

    @property
    def deleted(self) -> bool:
        return self.kind in (EXPIRED, REMOVED)

    @property
    def google_type(self) -> str:
        return "URL_DELETED" if self.deleted else "URL_UPDATED"


def changes(published: Published, told: Mapping[str, str]) -> list[Change]:
    """What an engine that was told `told` is owed now: new and changed postings, then the
    expired and removed ones, each group by URL."""
    found = [Change(url, CHANGED if url in told else NEW, fingerprint)
             for url, fingerprint in published.postings.items() if told.get(url) != fingerprint]
    found += [Change(url, EXPIRED if urlsplit(url).path in published.gone else REMOVED)
              for url in told if url not in published.postings]
    return sorted(found, key=lambda c: (_ORDER[c.kind], c.url))


def record(engine: EngineState, change: Change) -> None:
    """The engine was told of `change`."""
    if change.deleted:
        engine.told.pop(change.url, None)
    else:
        engine.told[change.url] = change.fingerprint


@dataclass(frozen=True)
class Endpoints:
    """Where the engines are; the environment may point them elsewhere (a test's local stand-ins)."""

    indexing_api: str = INDEXING_API
    indexnow: str = indexnow.INDEXNOW_API

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> "Endpoints":
        return cls(environ.get("CAREERSITE_INDEXING_API") or cls.indexing_api,
                   environ.get("CAREERSITE_INDEXNOW_API") or cls.indexnow)


@dataclass(frozen=True)
class NotifyOptions:
    source: Path
    output: Path
    today: dt.date  # the UTC day Google's quota is counted for
    google_key: str = ""  # the service account's JSON key (GOOGLE_INDEXING_KEY), '' when not set
    dry_run: bool = False
    endpoints: Endpoints = field(default_factory=Endpoints)


@dataclass
class NotifyReport:
    lines: list[str] = field(default_factory=list)  # what was (or would be) sent, and each answer
    problems: list[str] = field(default_factory=list)  # one line each, naming the fix


def notify(options: NotifyOptions, client: HttpClient, progress: Progress) -> NotifyReport:
    """Tell each engine what it is owed; the state is saved unless this is a dry run."""
    report = NotifyReport()
    problems = Problems()
    config = load_config(options.source, problems)
    if config is None:
        report.problems += [str(problem) for problem in problems.items]
        return report
    try:
        published = read_published(options.output)
    except OutputUnreadable as err:
        report.problems.append(str(err))
        return report
    path = state_path(options.source)
    state, note = load_state(path)
    if note:
        report.lines.append(f"Notify state: {note}; each engine is told of every open posting once.")
    _tell_google(options, config, published, state.engine(GOOGLE), client, progress, report)
    _tell_indexnow(options, config, published, state.engine(INDEXNOW), client, report)
    if not options.dry_run:
        try:
            save_state(path, state)
        except OSError as err:
            report.problems.append(f"cannot save {path} ({err}): the next run tells these engines again")
    return report


def _first(engine: EngineState, todo: list[Change]) -> str:
    return "" if engine.started else f" (first run: every open posting, {len(todo)}, is told once)"


def _tell_google(options: NotifyOptions, config: SiteConfig, published: Published, engine: EngineState,
                 client: HttpClient, progress: Progress, report: NotifyReport) -> None:
    from .indexing_api import BATCH_SIZE  # looked up when called: a test makes it smaller

    todo = changes(published, engine.told)
    left = max(0, config.google_daily_quota - engine.spent(options.today))
    now, later = todo[:left], todo[left:]
    if options.dry_run:
        report.lines.append(f"Google Indexing API would get {counted(len(now), 'publish call')}{_first(engine, todo)}:")
        report.lines += [f"  {change.google_type} {change.url} ({change.kind})" for change in now]
        _quota_note(later, config, report)
        return
    if not options.google_key:
        report.lines.append(f"Google Indexing API: not told ({KEY_VARIABLE} is not set; README, \"Tell search engines at once\")")
        return
    if not todo:
        report.lines.append("Google Indexing API: nothing changed since the last notification")
        return
    if not now:
        _quota_note(later, config, report)
        return
    try:
        token, account = access_token(options.google_key, client)
    except GoogleRefused as err:
        report.problems.append(f"Google Indexing API: {err}")
        return
    report.lines.append(f"Google Indexing API: {counted(len(now), 'publish call')}{_first(engine, todo)}:")
    engine.started = True
    with progress.stage("Telling Google") as tick:
        tick.start(len(now))
        for start in range(0, len(now), BATCH_SIZE):
            batch = now[start:start + BATCH_SIZE]
            try:
                answers = publish_batch(client, options.endpoints.indexing_api, token, [(c.url, c.google_type) for c in batch])
            except FetchError as err:
                report.problems.append(f"Google Indexing API: {err}; what is left is kept for the next run")
                break
            engine.spend(options.today, len(batch))  # each call in a batch counts against the quota
            stop = False
            for change, answer in zip(batch, answers):
                tick()
                if answer.status == 200:
                    record(engine, change)
                    report.lines.append(f"  {change.google_type} {change.url} ({change.kind}): 200 OK")
                    continue
                line, stops = refusal(answer, change.url, account)
                if not (stops and stop):  # one line for a refusal of them all (a 403, a 429)
                    report.problems.append(f"Google Indexing API: {line}")
                if answer.status == 429:  # Google says the day's quota is gone, whatever our count says
                    engine.spend(options.today, config.google_daily_quota)
                stop = stop or stops
            if stop:
                break
    owed = changes(published, engine.told)
    if later and len(owed) == len(later):  # the rest waits only for the quota
        _quota_note(later, config, report)
    elif owed:
        report.lines.append(f"Google Indexing API: {counted(len(owed), 'notification')} owed, sent on the next runs")


def _quota_note(later: list[Change], config: SiteConfig, report: NotifyReport) -> None:
    """Say so when the backlog is more than today's quota: it is spread over the next days."""
    if later:
        quota = config.google_daily_quota
        report.lines.append(
            f"Google Indexing API: {counted(len(later), 'more notification')} wait for the quota ({quota} a day, "
            f"[notify] google_daily_quota): told on the next runs, about {counted(math.ceil(len(later) / quota), 'more day')}")


def _tell_indexnow(options: NotifyOptions, config: SiteConfig, published: Published, engine: EngineState,
                   client: HttpClient, report: NotifyReport) -> None:
    todo = changes(published, engine.told)
    key = config.indexnow_key
    if options.dry_run:
        bodies = indexnow.payloads([c.url for c in todo], config, key or "<indexnow_key>")
        unset = "" if key else " (once [notify] indexnow_key is set in careersite.toml)"
        report.lines.append(f"IndexNow would get {counted(len(bodies), 'POST')} of {counted(len(todo), 'URL')}{unset}{_first(engine, todo)}:")
        kinds = {change.url: change.kind for change in todo}
        for body in bodies:
            report.lines.append(f"  POST {options.endpoints.indexnow} host={body['host']} keyLocation={body['keyLocation']}")
            report.lines += [f"    {url} ({kinds[url]})" for url in body["urlList"]]
        return
    if not key:
        report.lines.append("IndexNow: not told (no [notify] indexnow_key in careersite.toml; README, \"Tell search engines at once\")")
        return
    if not todo:
        report.lines.append("IndexNow: nothing changed since the last notification")
        return
    report.lines.append(f"IndexNow: {counted(len(todo), 'URL')}{_first(engine, todo)}:")
    engine.started = True
    for start in range(0, len(todo), indexnow.MAX_URLS):
        told = todo[start:start + indexnow.MAX_URLS]
        [body] = indexnow.payloads([change.url for change in told], config, key)
        try:
            answer = indexnow.submit(client, options.endpoints.indexnow, body)
        except FetchError as err:
            report.problems.append(f"IndexNow: {err}; the URLs are kept for the next run")
            return
        if answer.status not in (200, 202):
            report.problems.append(indexnow.refusal(answer, body))
            return
        for change in told:
            record(engine, change)
        report.lines.append(f"  POST {options.endpoints.indexnow}: {counted(len(told), 'URL')} accepted ({answer.status})")
        report.lines += [f"    {change.url} ({change.kind})" for change in told]
