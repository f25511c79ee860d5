"""`careersite sync`: the ATS as the source of truth for content/jobs/.

    changes = sync(Path("."), [Board("greenhouse", "acme")], HttpClient(), now, os.environ, dry_run=False)

Every board is fetched in full before anything is planned, and planned before anything is written:
a board that cannot be read (404, network, timeout, malformed JSON) ends the sync with a SyncError
and no file touched. What is planned and who owns which field: sync_plan.py. Works with any vendor
in importers.vendors.VENDORS, through its fetch_board and drafts only."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .config import CONFIG_NAME, SiteConfig, load_config
from .http_client import FetchError, HttpClient, url_problem
from .importers.draft import Draft, SourceError
from .importers.vendors import VENDORS
from .plural import counted
from .problems import Problems
from .sync_plan import ACTIONS, CHANGED, CLOSED, NEW, REFUSED, UNCHANGED, Change, plan_board, read_local
from .sync_source import Board

__all__ = ["Board", "Change", "SyncError", "api_root", "report_lines", "summary", "sync"]


class SyncError(Exception):
    """The sync stopped before writing anything; the message says why and what to do."""


def api_root(vendor: str, environ: Mapping[str, str]) -> str:
    """The vendor's API root: CAREERSITE_<VENDOR>_API when set (tests, a proxy), else its public one."""
    name = f"CAREERSITE_{vendor.upper()}_API"
    root = environ.get(name, "").strip().rstrip("/") or VENDORS[vendor].API
    if problem := url_problem(root):
        raise SyncError(f"{name}: {problem}")
    return root


def fetch_drafts(board: Board, client: HttpClient, environ: Mapping[str, str], where: str) -> list[Draft]:
    """Every posting on one board, read as `careersite import` reads a saved answer. `where` says
    where the board was named, for the message when it does not exist."""
    vendor = VENDORS[board.vendor]
    asked: list[str] = []

    def get(url: str) -> bytes:
        asked.append(url)
        return client.get(url)

    try:
        return vendor.drafts(vendor.fetch_board(board.token, get, api_root(board.vendor, environ)), str(board))
    except FetchError as err:
        if err.status == 404 and len(asked) == 1:  # the board itself, not a job that went meanwhile
            raise SyncError(f"{vendor.NAME} board {board.token!r} not found: check the board token in {where} "
                            f"({err.url} answered 404); nothing was written") from None
        gone = " (a posting taken down while syncing? run the sync again)" if err.status == 404 else ""
        raise SyncError(f"{board}: {err}{gone}; nothing was written") from None
    except SourceError as err:
        raise SyncError(f"{board}: the answer of {asked[-1] if asked else vendor.API} {err}; nothing was written") from None


def sync(site: Path, boards: list[Board], client: HttpClient, now: dt.datetime, environ: Mapping[str, str],
         dry_run: bool = False, where: str = "the command line") -> list[Change]:
    """Fetch every board, plan, then (unless `dry_run`) write: the changes, sorted as reported."""
    config = _config(site)
    fetched = [(board, fetch_drafts(board, client, environ, where)) for board in sorted(set(boards))]
    local = read_local(site, config)
    changes = [change for board, drafts in fetched for change in plan_board(board, drafts, local, config, now)]
    changes.sort(key=lambda c: (ACTIONS.index(c.action), c.path, c.ref))
    if not dry_run:
        _write_all(site, [change for change in changes if change.text is not None])
    return changes


def _write_all(site: Path, changes: list[Change]) -> None:
    """Write the planned files; a file that cannot be written stops the sync, saying which were."""
    done: list[str] = []
    for change in changes:
        try:
            _write(site / change.path, change.text or "", replace=change.action != NEW)
        except FileExistsError:
            raise SyncError(f"{change.path} appeared while syncing and was not overwritten; "
                            f"sync again ({len(done)} of {len(changes)} files were written)") from None
        except OSError as err:
            raise SyncError(f"cannot write {change.path}: {err.strerror}; "
                            f"{len(done)} of {len(changes)} files were written, sync again once it is fixed") from None
        done.append(change.path)


def _config(site: Path) -> SiteConfig:
    problems = Problems()
    config = load_config(site, problems)
    if config is None:
        raise SyncError("\n".join(str(p) for p in sorted(problems.items)) + f"\nfix {CONFIG_NAME} first; nothing was written")
    return config


def _write(path: Path, text: str, replace: bool) -> None:
    """A changed file is replaced through a temporary file beside it, so a reader (a build running
    meanwhile) sees the old file or the new one, never half of one. A new posting is created with
    "x": it never replaces a file that appeared since the plan was made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not replace:
        with open(path, "xb") as file:
            file.write(text.encode("utf-8"))
        return
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sync-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def report_lines(changes: list[Change]) -> list[str]:
    """One line per posting that changes or is refused, with its notes; unchanged ones are counted only."""
    lines = []
    for change in changes:
        if change.action == UNCHANGED:
            continue
        lines.append(change.line())
        prefix = "to fill in: " if change.action == NEW else ""
        lines += [f"      {prefix}{note}" for note in change.notes]
    return lines


def summary(changes: list[Change], dry_run: bool) -> str:
    """'Synced: 2 new, 1 changed (title), 1 closed, 3 unchanged.'; a dry run says nothing was written."""
    counts = {action: sum(c.action == action for c in changes) for action in ACTIONS}
    parts = [f"{counts[action]} {action}" for action in (NEW, CHANGED, CLOSED, UNCHANGED)]
    if counts[REFUSED]:
        parts.append(f"{counted(counts[REFUSED], 'posting')} refused (not written)")
    head = "Dry run, nothing written; a sync would make" if dry_run else "Synced"
    return f"{head}: {', '.join(parts)}."
