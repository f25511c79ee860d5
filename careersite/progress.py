"""Progress on the terminal: a bar on a TTY for long stages, plain lines otherwise, nothing when quiet."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Iterator

BAR_AFTER = 1.0  # seconds: short builds show no bar at all


@dataclass
class Tick:
    """Counts finished items of one stage; the code doing the work calls start(total) then tick()."""

    progress: "Progress"
    label: str
    total: int = 0
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    last_draw: float = 0.0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def __call__(self) -> None:
        self.done += 1
        self.progress.draw(self)


@dataclass
class Progress:
    enabled: bool = True
    stream: IO[str] = field(default_factory=lambda: sys.stderr)

    @property
    def tty(self) -> bool:
        return self.enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    @contextmanager
    def stage(self, label: str) -> Iterator[Tick]:
        tick = Tick(self, label)
        yield tick
        seconds = time.monotonic() - tick.started
        if not self.enabled or not tick.total or seconds < BAR_AFTER:
            if tick.last_draw:
                self.stream.write("\r\x1b[2K")
            return
        if self.tty:
            if tick.last_draw:
                self.stream.write("\r\x1b[2K")
        self.stream.write(f"{label}: {tick.done} in {seconds:.1f}s\n")
        self.stream.flush()

    def draw(self, tick: Tick) -> None:
        if not self.tty or not tick.total:
            return
        now = time.monotonic()
        if now - tick.started < BAR_AFTER or now - tick.last_draw < 0.1:
            return
        tick.last_draw = now
        width = 30
        filled = width * tick.done // tick.total
        self.stream.write(f"\r{tick.label} [{'#' * filled}{'.' * (width - filled)}] {tick.done}/{tick.total}")
        self.stream.flush()
