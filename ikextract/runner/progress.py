"""What the user sees while a batch runs (stderr).

On a terminal: one status line redrawn in place, files done of total, files/s, ETA, failures
so far, and the file in progress when one is slow; failures are printed above it as full
lines. Not on a terminal (a log, CI): plain lines, one per file, and a line when a file has
been reading for a long time. `quiet` prints only failures; `verbose` also prints every
file on a terminal, and each report's warnings.
"""
from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import Optional, TextIO

from ikextract.model import Failure, Report

SLOW_SECONDS = 10.0          # a file reading longer than this is named in the status line
PLAIN_SLOW_EVERY = 60.0      # plain output: a line per minute per slow file
REDRAW_SECONDS = 0.2


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


def failure_line(f: Failure) -> str:
    return f"ikextract: FAILED {f.source_path}: {f.message} [{f.stage}/{f.error_type}]"


class Progress:
    def __init__(self, stream: Optional[TextIO] = None, terminal: Optional[bool] = None,
                 quiet: bool = False, verbose: bool = False):
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.quiet, self.verbose = quiet, verbose
        self.total = 0
        self.done = 0
        self.read = 0                 # files actually read this run (for the rate)
        self.failed = 0
        self.started = time.monotonic()
        self.busy: list[tuple[str, float]] = []
        self._drawn = 0.0
        self._line_shown = False
        self._slow_said: dict[str, float] = {}
        self._lock = threading.RLock()      # events come from the writer thread too

    # -- output
    def _write(self, text: str) -> None:
        if self.terminal and self._line_shown:
            self.stream.write("\r\x1b[K")
            self._line_shown = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def status_line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.read / elapsed
        parts = [f"[{self.done}/{self.total}]", f"{rate:.1f} files/s"]
        left = self.total - self.done
        if rate > 0 and left:
            parts.append(f"ETA {_duration(left / rate)}")
        if self.failed:
            parts.append(f"{self.failed} failed")
        slow = [(p, s) for p, s in self.busy if s >= SLOW_SECONDS]
        if slow:
            path, secs = slow[0]
            parts.append(f"slow: {path} ({_duration(secs)})")
        return "  ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if not self.terminal or self.quiet:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        width = shutil.get_terminal_size((100, 20)).columns
        line = self.status_line()
        if len(line) >= width:
            line = line[:max(width - 2, 10)] + "…"
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._line_shown = True

    # -- events
    def start(self, total: int) -> None:
        with self._lock:
            self._start(total)

    def file_done(self, source_path: str, outcome) -> None:
        with self._lock:
            self._file_done(source_path, outcome)

    def tick(self, busy: list[tuple[str, float]]) -> None:
        with self._lock:
            self._tick(busy)

    def close(self) -> None:
        with self._lock:
            self._close()

    def _start(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self._draw(force=True)

    def _file_done(self, source_path: str, outcome) -> None:
        from ikextract.pipeline import SKIPPED_FAILURE, UNCHANGED
        self.done += 1
        self._slow_said.pop(source_path, None)
        if isinstance(outcome, Failure):
            self.failed += 1
            self.read += outcome.stage not in ("find",)
            self._write(failure_line(outcome))
        elif outcome == SKIPPED_FAILURE:
            self.failed += 1
            if self.verbose:
                self._write(f"ikextract: failed before and unchanged, not retried "
                            f"(--retry-failed): {source_path}")
        elif isinstance(outcome, Report):
            self.read += 1
            if self.verbose or (not self.terminal and not self.quiet):
                self._write(f"[{self.done}/{self.total}] {source_path}: "
                            f"{len(outcome.controls)} controls")
            if self.verbose:
                for w in outcome.warnings:
                    self._write(f"    warning: {w}")
        elif outcome == UNCHANGED:
            if self.verbose or (not self.terminal and not self.quiet):
                self._write(f"[{self.done}/{self.total}] {source_path}: unchanged")
        self._draw()

    def _tick(self, busy: list[tuple[str, float]]) -> None:
        self.busy = busy
        if not self.terminal and not self.quiet:
            now = time.monotonic()
            for path, secs in busy:
                if secs >= PLAIN_SLOW_EVERY and now - self._slow_said.get(path, now - secs) \
                        >= PLAIN_SLOW_EVERY:
                    self._slow_said[path] = now
                    self._write(f"ikextract: still reading {path} ({_duration(secs)})")
        self._draw()

    def _close(self) -> None:
        if self.terminal and self._line_shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._line_shown = False
