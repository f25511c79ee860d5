"""What `careersite notify` has told each search engine, kept between deploys in
.careersite-cache/notify.json (Netlify's build cache keeps that folder: the careersite-cache plugin).

Per engine: the URLs it was told of, each with the fingerprint of the JobPosting it was told of,
and the publish calls spent on the current day (Google's quota). What is still owed is not stored
apart: it is the difference between what the output publishes and what was told, so a backlog
left by a spent quota, a 429 or a failure goes out on the next run, in its newest version."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CACHE_DIR

STATE_NAME = "notify.json"
_FORMAT = 1


@dataclass
class EngineState:
    told: dict[str, str] = field(default_factory=dict)  # absolute URL -> fingerprint told of
    day: str = ""  # the UTC day `used` counts for (ISO date)
    used: int = 0  # publish calls spent on `day`
    started: bool = False  # this engine has been told before (its first run tells of every open posting)

    def spent(self, today: dt.date) -> int:
        return self.used if self.day == today.isoformat() else 0

    def spend(self, today: dt.date, calls: int) -> None:
        self.used, self.day = self.spent(today) + calls, today.isoformat()


@dataclass
class NotifyState:
    engines: dict[str, EngineState] = field(default_factory=dict)

    def engine(self, name: str) -> EngineState:
        return self.engines.setdefault(name, EngineState())


def state_path(source: Path) -> Path:
    return source / CACHE_DIR / STATE_NAME


def load_state(path: Path) -> tuple[NotifyState, str]:
    """The state kept at `path`, and a note when there is none to use ('' when read). A missing or
    damaged state is a first run, never a failure: the worst it costs is telling again."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            raise ValueError(f"format {data.get('format')!r}, not {_FORMAT}")
        engines = {name: EngineState({str(k): str(v) for k, v in e["told"].items()}, str(e["day"]), int(e["used"]), True)
                   for name, e in data["engines"].items()}
    except FileNotFoundError:
        return NotifyState(), f"no {path} yet: a first run"
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        return NotifyState(), f"{path} is unreadable ({err}): treated as a first run"
    return NotifyState(engines), ""


def save_state(path: Path, state: NotifyState) -> None:
    """Write the state aside and rename it into place, so a run cut short leaves the old one."""
    data = {"format": _FORMAT, "engines": {
        name: {"told": dict(sorted(e.told.items())), "day": e.day, "used": e.used}
        for name, e in sorted(state.engines.items()) if e.started}}
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(temp, path)
