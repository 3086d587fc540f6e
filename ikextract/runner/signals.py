"""Signals during ingest: SIGTERM/SIGINT become Interrupted, deferred while a store write runs."""
from __future__ import annotations

import signal
import threading
from typing import Optional


class Interrupted(BaseException):
    """SIGTERM or SIGINT during ingest (BaseException: no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """SIGTERM and SIGINT raise Interrupted in the main thread, except while a store write
    is under way (critical(), in any thread): then the main thread raises it once the write
    is done (check(), or the end of the write in the main thread), so none is left half done.
    """

    def __init__(self):
        self.pending: Optional[int] = None
        self.depth = 0
        self.saved = {}

    def _handler(self, signum, frame):
        if self.depth:
            self.pending = signum
        else:
            raise Interrupted(signum)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                self.saved[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc):
        for sig, old in self.saved.items():
            signal.signal(sig, old)

    class _Critical:
        def __init__(self, owner):
            self.owner = owner

        def __enter__(self):
            self.owner.depth += 1

        def __exit__(self, *exc):
            self.owner.depth -= 1
            if threading.current_thread() is threading.main_thread():
                self.owner.check()

    def critical(self):
        return self._Critical(self)

    def check(self) -> None:
        """In the main thread: raise a signal that arrived during a write."""
        if not self.depth and self.pending is not None:
            signum, self.pending = self.pending, None
            raise Interrupted(signum)
