"""Isolated worker processes: one file at a time each, under a wall-clock and a memory limit.

The parent starts a few worker processes itself (multiprocessing, forkserver: a warm server
with the extraction modules imported forks each worker in milliseconds, so recycling is
cheap) and talks to each over its own pipe. A worker past its deadline is killed with its
whole process group (LibreOffice children included) and replaced; a worker that dies (a
segfault in a C library, the kernel's OOM killer, a memory limit hit in C code) is replaced;
either way its file becomes a Failure naming the reason, and the batch goes on. Workers are
also replaced after `files_per_worker` files, so slow leaks in C libraries cannot build up.

concurrent.futures.ProcessPoolExecutor is not used: one dead worker breaks its whole pool.
"""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing import connection
from typing import Callable, Iterable, Iterator, Optional

from ikextract.model import Failure, Report
from ikextract.runner.sources import Source

DEFAULT_TIMEOUT = 300.0            # seconds per file: a 300-page scan OCRs within this
DEFAULT_MAX_MEMORY_MB = 3072       # address space a worker may add while reading a file
DEFAULT_FILES_PER_WORKER = 200
TICK = 0.5                         # seconds between progress ticks while nothing finishes
# store.prepared too: each worker builds its reports' files (pyarrow) without importing it.
OCR_JOBS_ENV = "IKEXTRACT_OCR_JOBS"  # processes for one file's OCR pages (read/ocr.pool_size)
PRELOAD = ["ikextract.runner.preload", "ikextract.store.prepared"]


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_memory_mb: Optional[int] = DEFAULT_MAX_MEMORY_MB
    files_per_worker: int = DEFAULT_FILES_PER_WORKER


# ---------------------------------------------------------------- inside a worker

def _limit_memory(max_memory_mb: Optional[int]) -> None:
    """RLIMIT_AS: the address space the worker has after start-up, plus the allowance."""
    if not max_memory_mb:
        return
    import resource
    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        current = 0
    limit = current + (max_memory_mb << 20)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _usage() -> tuple[int, float]:
    """(peak resident memory in kB, CPU seconds) of this process so far."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_maxrss, r.ru_utime + r.ru_stime


SPARE = "spare"                    # parent -> busy worker: ("spare", n) idle cores to borrow


def _spare_offered(conn, pending: deque) -> int:
    """Idle cores the parent has offered this busy worker since its file began (read between
    OCR pages); anything else read on the way is kept for the main loop."""
    spare = 0
    try:
        while conn.poll():
            message = conn.recv()
            if isinstance(message, tuple) and message and message[0] == SPARE:
                spare = max(spare, int(message[1]))
            else:
                pending.append(message)
    except (EOFError, OSError):
        return 0
    return spare


def set_page_jobs(jobs: int) -> None:
    """The processes this worker's next file may OCR its pages with: more than 1 only for a
    batch's last files while other workers stand idle (a long scan's pages spread over them;
    they are the worker's children, in its process group, under its memory limit)."""
    os.environ[OCR_JOBS_ENV] = str(max(1, int(jobs)))


def worker_main(conn, spec, max_memory_mb: Optional[int], prepare_for=None) -> None:
    """Loop: receive (index, Source), send (index, Report | Failure, _usage()).

    prepare_for: (output folder, extractor version, the parent's pid): each Report is sent as a
    store.prepared.PreparedReport, its files made as far as they can be before linking."""
    os.setpgrp()                    # its own group: killed with its children, no terminal ^C
    # Started daemonic (ends with the parent), but a daemonic process may not start children,
    # and a last file's OCR pages run in a pool of this worker's (set_page_jobs). The pool's
    # processes share this group, so the parent's killpg still takes them all.
    import multiprocessing
    multiprocessing.current_process().daemon = False
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _limit_memory(max_memory_mb)
    own_ocr_jobs = OCR_JOBS_ENV in os.environ     # the user's own setting is kept
    from ikextract.pipeline import extract_or_fail
    from ikextract.read import ocr_share
    pending: deque = deque()        # jobs read by the probe (the parent sends none while busy)
    ocr_share.set_probe(lambda: _spare_offered(conn, pending))
    while True:
        try:
            job = pending.popleft() if pending else conn.recv()
        except (EOFError, OSError):
            return                  # the parent is gone
        if isinstance(job, tuple) and job and job[0] == SPARE:
            continue                # an offer that came after its file was done
        if job is None:
            return
        index, source, *hint = job
        if not own_ocr_jobs:
            set_page_jobs(hint[0] if hint else 1)
        result = extract_or_fail(source, spec)
        if prepare_for is not None and isinstance(result, Report):
            from ikextract.store.prepared import prepare
            result = prepare(result, source, *prepare_for, link=bool(spec.link))
        try:
            conn.send((index, result, _usage()))
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:    # a result that cannot be pickled: say so instead
            if hasattr(result, "discard"):
                result.discard()    # its prepared file: the parent never hears of it
            sha = getattr(getattr(result, "report", result), "source_sha256", None)
            conn.send((index, Failure(source.source_path, sha,
                                      "worker", type(exc).__name__,
                                      f"result could not be sent to the parent: {exc}"),
                       _usage()))


# ---------------------------------------------------------------- in the parent

@dataclass
class _Worker:
    process: object
    conn: object
    done: int = 0
    job: Optional[tuple[int, Source]] = None
    started: float = 0.0
    offered: bool = False           # idle cores offered to its current file (SPARE)
    cores: int = 1                  # cores its current file may use (hint + offers)


@dataclass
class PoolStats:
    started_workers: int = 0
    killed_for_time: int = 0
    died: int = 0
    peak_rss_kb: int = 0            # the largest peak of any one worker
    cpu_seconds: float = 0.0        # CPU time of all workers (as last reported)
    _cpu: dict = field(default_factory=dict, repr=False)


def _context():
    import multiprocessing as mp
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


class WorkerPool:
    """`run(sources)` yields (Source, Report | Failure) as files finish, in any order."""

    def __init__(self, spec, workers: int, limits: Limits = Limits(), prepare_for=None,
                 page_slots: Optional[int] = None):
        self.spec = spec
        self.prepare_for = prepare_for      # see worker_main
        self.size = max(1, workers)
        # processes the batch may run at once: workers, or a last file's OCR pages (_page_jobs)
        self.page_slots = max(self.size, page_slots or 0)
        self.limits = limits
        self.stats = PoolStats()
        self._workers: list[_Worker] = []
        self._queue: deque = deque()
        self._retiring: list[tuple[_Worker, float]] = []
        self._ctx = None

    # -- worker lifetime
    def _start(self) -> _Worker:
        if self._ctx is None:
            self._ctx = _context()
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=worker_main, name="ikextract-worker", daemon=True,
                                 args=(child_end, self.spec, self.limits.max_memory_mb,
                                       self.prepare_for))
        proc.start()
        child_end.close()
        self.stats.started_workers += 1
        w = _Worker(proc, parent_end)
        self._workers.append(w)
        return w

    def _kill(self, w: _Worker) -> None:
        try:
            os.killpg(w.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            try:
                w.process.kill()
            except Exception:
                pass
        w.process.join(5)
        w.conn.close()
        if w in self._workers:
            self._workers.remove(w)

    def _retire(self, w: _Worker) -> None:
        """Ask a worker to end after its last file; reaped later, never waited for here."""
        try:
            w.conn.send(None)
        except OSError:
            pass
        self._workers.remove(w)
        self._retiring.append((w, time.monotonic()))

    def _reap(self, grace: float = 10.0) -> None:
        now = time.monotonic()
        for w, since in list(self._retiring):
            if not w.process.is_alive() or now - since > grace:
                self._retiring.remove((w, since))
                if w.process.is_alive():
                    self._workers.append(w)      # so _kill finds and removes it
                    self._kill(w)
                else:
                    w.process.join(0)
                    w.conn.close()

    def close(self) -> None:
        """Stop every worker now (their files are left unrecorded: a rerun reads them)."""
        for w in list(self._workers):
            self._kill(w)
        self._reap(grace=0.0)

    def in_progress(self) -> list[tuple[str, float]]:
        """(source_path, seconds so far) of the files being read, slowest first."""
        now = time.monotonic()
        busy = [(w.job[1].source_path, now - w.started) for w in self._workers if w.job]
        return sorted(busy, key=lambda b: -b[1])

    def run_one(self, source: Source) -> object:
        """Read one file in a worker, keeping the worker for the next call (the Dask task
        runs each file this way, under the same limits)."""
        self._queue = deque([(0, source)])
        while True:
            self._dispatch(self._queue)
            for _, result in self._collect():
                return result

    # -- the loop
    def run(self, sources: Iterable[Source],
            on_tick: Optional[Callable[[], None]] = None) -> Iterator[tuple[Source, object]]:
        queue = self._queue = deque(enumerate(sources))
        try:
            while queue or any(w.job for w in self._workers):
                self._dispatch(queue)
                yield from self._collect()
                if on_tick:
                    on_tick()
        finally:
            self.close()

    def _dispatch(self, queue: deque) -> None:
        idle = [w for w in self._workers if w.job is None]
        while queue and (idle or len(self._workers) < self.size):
            w = idle.pop() if idle else self._start()
            job = queue.popleft()
            try:
                jobs = self._page_jobs(queue)
                w.conn.send((*job, jobs))
            except OSError:             # died while idle: put the file back, replace it
                queue.appendleft(job)
                self._kill(w)
                continue
            w.job, w.started, w.offered, w.cores = job, time.monotonic(), False, jobs
        if not queue:
            self._offer_spare()

    def _offer_spare(self) -> None:
        """No file left to give: the idle cores go to the file read longest (most likely a
        long scan), whose OCR spreads its remaining pages over them."""
        busy = [w for w in self._workers if w.job]
        spare = self.page_slots - sum(w.cores for w in busy)
        waiting = sorted((w for w in busy if not w.offered), key=lambda w: w.started)
        if spare <= 0 or not waiting:
            return
        w = waiting[0]
        try:
            w.conn.send((SPARE, spare))
            w.offered, w.cores = True, w.cores + spare
        except OSError:
            pass                        # its death is seen by _collect

    def _page_jobs(self, queue: deque) -> int:
        """Processes the file being sent may OCR its pages with: itself plus the slots no file
        will fill (the queue is empty and they are idle), so the last long scan of a batch, or
        a scan read alone, does not run on one core while the others wait."""
        if queue:
            return 1
        busy = sum(w.cores for w in self._workers if w.job)
        return max(1, self.page_slots - busy)

    def _collect(self) -> Iterator[tuple[Source, object]]:
        if self._retiring:
            self._reap()
        busy = [w for w in self._workers if w.job]
        if not busy:
            return
        now = time.monotonic()
        wait = min(w.started + self.limits.timeout for w in busy) - now
        handles = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = connection.wait(list(handles), timeout=max(0.0, min(wait, TICK)))
        seen = set()
        for h in ready:
            w = handles[h]
            if id(w) in seen or w.job is None:
                continue
            seen.add(id(w))
            yield from self._receive(w)
        now = time.monotonic()
        for w in [w for w in self._workers if w.job and now - w.started > self.limits.timeout]:
            source = w.job[1]
            self.stats.killed_for_time += 1
            self._kill(w)
            self._dispatch(self._queue)
            yield source, Failure(source.source_path, None, "worker", "Timeout",
                                  f"not finished within {self.limits.timeout:g} s (--timeout); "
                                  "the worker was stopped")

    def _receive(self, w: _Worker) -> Iterator[tuple[Source, object]]:
        source = w.job[1]
        message = None
        try:
            if w.conn.poll():
                message = w.conn.recv()
        except (EOFError, OSError):
            message = None
        except Exception as exc:        # a result the parent cannot unpickle
            w.job = None
            self._kill(w)
            self._dispatch(self._queue)
            yield source, Failure(source.source_path, None, "worker", type(exc).__name__,
                                  f"the worker's result could not be read: {exc}")
            return
        if message is None:
            if w.process.is_alive():
                return                  # sentinel not set and nothing readable yet
            w.process.join(1)
            code = w.process.exitcode
            self.stats.died += 1
            self._kill(w)
            self._dispatch(self._queue)
            yield source, Failure(source.source_path, None, "worker", "WorkerDied",
                                  _death_reason(code, self.limits))
            return
        _, result, (peak, cpu) = message
        self.stats.peak_rss_kb = max(self.stats.peak_rss_kb, peak)
        self.stats._cpu[w.process.pid] = cpu
        self.stats.cpu_seconds = sum(self.stats._cpu.values())
        w.job = None
        w.done += 1
        if w.done >= self.limits.files_per_worker or \
                getattr(result, "error_type", None) == "MemoryError":
            self._retire(w)             # a fresh process: leaks and fragmentation gone
        # The next file goes out before the caller handles this one: the worker never
        # waits for the parent's linking and writing.
        self._dispatch(self._queue)
        yield source, result


def _death_reason(code: Optional[int], limits: Limits) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        why = {"SIGKILL": "killed (out of memory?)", "SIGSEGV": "crashed (segmentation fault)",
               "SIGABRT": "aborted"}.get(name, "stopped")
        return f"the worker reading this file was {why} by {name}"
    if code:
        return f"the worker reading this file exited with status {code}" + (
            f" (memory limit {limits.max_memory_mb} MB?)" if limits.max_memory_mb else "")
    return "the worker reading this file ended without a result"
