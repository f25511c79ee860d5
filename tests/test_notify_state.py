"""notify_state: what each engine was told, kept between deploys; a damaged file is a first run."""

from __future__ import annotations

import datetime as dt

from careersite.notify_state import EngineState, NotifyState, load_state, save_state

DAY = dt.date(2026, 11, 25)


def test_state_survives_a_save_and_a_load(tmp_path):
    path = tmp_path / ".careersite-cache" / "notify.json"
    state = NotifyState()
    google = state.engine("google")
    google.started, google.told = True, {"https://x.example/jobs/a/": "f1"}
    google.spend(DAY, 3)
    state.engine("indexnow")  # never started: not kept, so its first run tells of everything
    save_state(path, state)
    loaded, note = load_state(path)
    assert note == "" and set(loaded.engines) == {"google"}
    assert loaded.engines["google"] == EngineState({"https://x.example/jobs/a/": "f1"}, DAY.isoformat(), 3, True)
    assert not list(path.parent.glob("*.tmp"))


def test_calls_spent_count_for_their_day_only():
    engine = EngineState()
    engine.spend(DAY, 150)
    engine.spend(DAY, 50)
    assert engine.spent(DAY) == 200 and engine.spent(DAY + dt.timedelta(days=1)) == 0
    engine.spend(DAY + dt.timedelta(days=1), 1)
    assert engine.spent(DAY + dt.timedelta(days=1)) == 1


def test_missing_or_damaged_state_is_a_first_run_with_a_note(tmp_path):
    path = tmp_path / "notify.json"
    state, note = load_state(path)
    assert not state.engines and "a first run" in note
    for text in ("{not json", '{"format": 99, "engines": {}}', '{"format": 1, "engines": {"google": {"told": []}}}', "[]"):
        path.write_text(text)
        state, note = load_state(path)
        assert not state.engines and "unreadable" in note and "first run" in note, text
