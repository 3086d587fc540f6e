"""The batch side of ingest: which files to read, results linked and written, the summary."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ikextract import __version__
from ikextract.model import Failure, Report
from ikextract.pipeline import PipelineSpec, extract_or_fail, file_sha256, load_pipeline
from ikextract.runner.linker import _Linker
from ikextract.runner.signals import Interrupted, _Signals

UNCHANGED = "unchanged"          # progress outcome: stored already, bytes unchanged
SKIPPED_FAILURE = "skipped"      # progress outcome: failed before, unchanged since
# Failures that say nothing about the file itself: always tried again.
RETRIED_STAGES = {"store", "find", "link"}
# The main thread feeds the workers while the writer thread links and writes; a worker
# whose result arrives waits for its next file until the main thread gets the interpreter
# lock, by default up to 5 ms (a tenth of a DOCX's reading; measured: 1.7 ms idle per file
# at 5 ms, 1.0 at 0.5 ms).
SWITCH_INTERVAL = 0.0005


@dataclass
class IngestSummary:
    files: int = 0
    reports: int = 0
    unchanged: int = 0
    controls: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped_failures: int = 0      # failed before, unchanged: not tried (--retry-failed)
    seconds: float = 0.0
    interrupted: Optional[int] = None     # the signal that stopped the run
    # Why the batch could not run or finish writing: the output folder cannot be written,
    # the Dask scheduler cannot be reached, risks/ could not be rebuilt.
    store_error: Optional[str] = None
    stats: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.files} files, {self.reports} reports ingested"
                + (f" ({self.unchanged} unchanged, skipped)" if self.unchanged else "")
                + f", {self.controls} controls, {len(self.failures)} failures"
                + (f" ({self.skipped_failures} failed before and unchanged, not retried: "
                   "--retry-failed)" if self.skipped_failures else "")
                + f", {self.seconds:.1f} s"
                + (f"; interrupted by {signal.Signals(self.interrupted).name}, rerun to "
                   "finish" if self.interrupted else ""))



def _stamp(source) -> tuple[int, int]:
    return (source.size, source.mtime_ns)


def _try_sha(path) -> Optional[str]:
    try:
        return file_sha256(path)
    except OSError:
        return None


class _Batch:
    """The parent's side of one ingest: decides what to read, records what comes back."""

    def __init__(self, out: Path, spec: PipelineSpec, progress, signals: _Signals):
        from ikextract import store
        self.out = out
        self.spec = spec
        self.progress = progress
        self.signals = signals
        self.summary = IngestSummary()
        self.store = store.Store(out, __version__)
        self.linker = None

    def note(self, source_path: str, outcome) -> None:
        if self.progress is not None:
            self.progress.file_done(source_path, outcome)

    def unchanged(self, source, force: bool, retry_failed: bool) -> Optional[str]:
        """UNCHANGED, SKIPPED_FAILURE, or None when the file must be read."""
        failure = self.store.failure(source.source_path)
        if failure is not None:
            if retry_failed or force or failure["stage"] in RETRIED_STAGES:
                return None
            if (failure["source_size"], failure["source_mtime_ns"]) == _stamp(source):
                return SKIPPED_FAILURE
            return None
        stored = self.store.stored(source.source_path)
        if force or stored is None:
            return None
        if (stored["source_size"], stored["source_mtime_ns"]) == _stamp(source):
            return UNCHANGED
        try:     # touched, perhaps not changed: the bytes decide
            return UNCHANGED if file_sha256(source.path) == stored["source_sha256"] else None
        except OSError:
            return None

    def fail(self, failure: Failure, source=None) -> None:
        """Record a failure (for the file and each of its other paths); never raises."""
        paths = [failure.source_path, *(source.aliases if source is not None else [])]
        self.summary.failures.append(failure)
        for path in paths:
            row = Failure(path, failure.source_sha256, failure.stage, failure.error_type,
                          failure.message)
            try:
                with self.signals.critical():
                    kept = self.store.write_failure(row, _stamp(source) if source else None)
            except Exception as exc:
                row.message += f" (and the failure could not be recorded in {self.out}: {exc})"
                kept = []
            if kept:
                row.message += (f" (the rows of an earlier version are kept: "
                                f"{', '.join(kept)})")
            self.note(path, row)

    def report(self, source, report: Report, prepared=None) -> None:
        """Link and store one report; prepared: what its worker made ready for the store
        (store.prepared.PreparedReport), or None."""
        try:
            self._report(source, report, prepared)
        finally:
            if prepared is not None:
                prepared.discard()               # its file, where it was not used

    def _report(self, source, report: Report, prepared) -> None:
        try:
            for old in self.store.replaced_by(report, source.aliases):
                self.linker.forget(old)
            self.linker.assign(report)
        except Exception as exc:
            self.fail(Failure(report.source_path, report.source_sha256, "link",
                              type(exc).__name__, f"linking risks failed: {exc}"), source)
            return
        try:
            with self.signals.critical():
                self.store.write_report(report, source.aliases, _stamp(source), prepared)
        except Exception:
            self.linker.forget(report.report_id)     # not stored: nothing may link to it
            self._write_failed(source, report)
            return
        self.summary.reports += 1
        self.summary.controls += len(report.controls)
        self.note(report.source_path, report)
        for alias in source.aliases:
            self.note(alias, UNCHANGED)

    def _write_failed(self, source, report: Report) -> None:
        import sys
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            self.fail(Failure(report.source_path, report.source_sha256, "store",
                              type(exc).__name__, f"could not be written to {self.out}: "
                              f"{exc.strerror or exc}"), source)
        else:
            self.fail(Failure(report.source_path, report.source_sha256, "store",
                              type(exc).__name__, f"could not be stored: {exc}"), source)

    def result(self, source, result) -> None:
        prepared = None
        if type(result).__name__ == "PreparedReport":
            prepared, result = result, result.report
        if isinstance(result, Failure):
            if result.source_sha256 is None and result.stage == "worker":
                result.source_sha256 = _try_sha(source.path)
            self.fail(result, source)
        else:
            self.report(source, result, prepared)

    def finish(self) -> None:
        """Risks rebuilt and every rename made durable: also after an interruption."""
        try:
            with self.signals.critical():
                if self.store.changed or not (self.out / "risks" / "risks.parquet").exists():
                    self.store.rebuild_risks()
                self.store.close()
        except OSError as exc:
            self.summary.store_error = f"risks/ could not be rebuilt in {self.out}: {exc}"
        except Interrupted as stop:       # arrived while finishing: finished all the same
            self.summary.interrupted = self.summary.interrupted or stop.signum


def ingest(srcs: Iterable[str | Path], out_dir: str | Path, *, workers: int | None = None,
           spec: PipelineSpec | None = None, force: bool = False, retry_failed: bool = False,
           limits=None, scheduler: Optional[str] = None, progress=None) -> IngestSummary:
    """Ingest files into out_dir; see the module doc.

    workers: parallel worker processes (default one per core); 0 reads the files in this
    process without isolation (for debugging and tests). limits: runner.workers.Limits
    (timeout, max_memory_mb, files_per_worker). scheduler: a Dask scheduler address.
    progress: an object with start(total), file_done(source_path, outcome), tick(busy) and
    close() (see runner.progress.Progress), or None.
    """
    from ikextract.runner.workers import Limits

    started = time.perf_counter()
    spec = spec or load_pipeline("default")
    limits = limits or Limits()
    out = Path(out_dir)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        return _ingest(srcs, out, spec, workers, force, retry_failed, limits, scheduler,
                       progress, started)
    finally:
        sys.setswitchinterval(switch)


def _ingest(srcs, out: Path, spec: PipelineSpec, workers, force: bool, retry_failed: bool,
            limits, scheduler, progress, started: float) -> IngestSummary:
    from ikextract.runner.sources import find_sources
    with _Signals() as signals:
        try:
            out.mkdir(parents=True, exist_ok=True)
            batch = _Batch(out, spec, progress, signals)
        except (OSError, ValueError) as exc:
            return _unwritable(srcs, out, exc, progress, started)
        summary = batch.summary
        try:
            sources, failures = find_sources(srcs, exclude=out)
            summary.files = len(sources) + len(failures) + sum(len(s.aliases) for s in sources)
            if progress is not None:
                progress.start(summary.files)
            for failure in failures:
                batch.fail(failure)
            jobs = []
            for s in sources:
                skip = batch.unchanged(s, force, retry_failed)
                if skip is None:
                    jobs.append(s)
                    continue
                if skip == UNCHANGED:
                    summary.unchanged += 1 + len(s.aliases)
                else:
                    summary.skipped_failures += 1
                    old = batch.store.failure(s.source_path)
                    summary.failures.append(Failure(s.source_path, old["source_sha256"],
                                                    old["stage"], old["error_type"],
                                                    old["message"]))
                for path in [s.source_path, *s.aliases]:
                    batch.note(path, skip)
            # Largest first: a scan of megabytes (minutes of OCR) started last would leave the
            # other workers idle while it finishes; small files fill in at the end.
            jobs.sort(key=lambda s: -s.size)
            with _Writer(batch, link=bool(jobs)) as writer:
                for source, result in _results(jobs, spec, workers, limits, scheduler,
                                               _Ticks(progress, signals), summary.stats, out):
                    writer.put(source, result)
                    signals.check()
        except Interrupted as stop:
            summary.interrupted = stop.signum
        except RuntimeError as exc:
            if type(exc).__name__ != "SchedulerUnavailable":
                raise
            summary.store_error = str(exc)
        finally:
            batch.finish()
            if progress is not None:
                progress.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Ticks:
    """The pool's progress ticks, also where the main thread notices a deferred signal."""

    def __init__(self, progress, signals: _Signals):
        self.progress, self.signals = progress, signals

    def tick(self, busy) -> None:
        self.signals.check()
        if self.progress is not None:
            self.progress.tick(busy)


class _Writer:
    """Links and writes results in a thread of its own, so the main thread keeps the
    workers fed while a report is linked or its files are synced. On leaving (normally, or
    interrupted) everything already received is still written.

    link: the thread first reads the stored rows into the link index (_Linker), while the
    workers read the first files: that read grows with the archive, and would otherwise
    hold back the start of every batch."""

    def __init__(self, batch: _Batch, link: bool = True):
        import queue
        self.batch = batch
        self.link = link
        self.queue: "queue.Queue" = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="ikextract-writer", daemon=True)

    def _run(self) -> None:
        if self.link and self.batch.linker is None:
            self.batch.linker = _Linker(self.batch.out, self.batch.spec.link, self.batch.store)
        while True:
            item = self.queue.get()
            if item is None:
                return
            try:
                self.batch.result(*item)
            except Exception as exc:   # a bug here must not silently drop the files after it
                source = item[0]
                self.batch.summary.failures.append(Failure(
                    source.source_path, None, "store", type(exc).__name__,
                    f"could not be recorded: {exc}"))
                self.batch.summary.store_error = f"results could not all be recorded: {exc}"

    def put(self, source, result) -> None:
        self.queue.put((source, result))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, kind, value, tb):
        self.queue.put(None)
        stop = None
        while self.thread.is_alive():     # join in steps: a signal here is still handled
            try:
                self.thread.join(0.2)
            except Interrupted as exc:    # ... after what was received is written
                stop = exc
        if stop is not None and kind is None:
            raise stop


def _results(jobs: list, spec: PipelineSpec, workers: Optional[int], limits, scheduler,
             progress, stats: dict, out: Optional[Path] = None
             ) -> Iterator[tuple[object, Report | Failure]]:
    """(Source, result) as files finish. Local workers also prepare each report's files
    for the store at `out` (store.prepared), where out is given."""
    if not jobs:
        return
    if scheduler:
        from ikextract.runner.dask import run_on_cluster
        yield from run_on_cluster(scheduler, jobs, spec, limits, progress)
        return
    if workers == 0:
        for source in jobs:
            yield source, extract_or_fail(source, spec)
        return
    from ikextract.runner.workers import WorkerPool
    cores = workers or os.cpu_count() or 1
    n = min(len(jobs), cores)
    # fewer files than workers: the spare cores go to the last files' OCR pages (page_slots)
    pool = WorkerPool(spec, n, limits,
                      prepare_for=(str(out), __version__, os.getpid()) if out is not None else None,
                      page_slots=cores)
    tick = lambda: progress.tick(pool.in_progress())  # noqa: E731
    try:
        yield from pool.run(jobs, on_tick=tick)
    finally:
        stats.update({k: v for k, v in vars(pool.stats).items() if not k.startswith("_")})


def _unwritable(srcs, out: Path, exc: Exception, progress, started: float) -> IngestSummary:
    """The output folder cannot be written at all: nothing is read, every file is listed."""
    from ikextract.runner.sources import find_sources
    reason = getattr(exc, "strerror", None) or str(exc)
    summary = IngestSummary(store_error=f"cannot write to {out}: {reason}")
    sources, failures = find_sources(srcs, exclude=out)
    summary.files = len(sources) + len(failures)
    if progress is not None:
        progress.start(summary.files)
    for s in sources:
        f = Failure(s.source_path, None, "store", type(exc).__name__,
                    f"not ingested: cannot write to {out}: {reason}")
        summary.failures.append(f)
        if progress is not None:
            progress.file_done(s.source_path, f)
    for f in failures:
        summary.failures.append(f)
        if progress is not None:
            progress.file_done(f.source_path, f)
    if progress is not None:
        progress.close()
    summary.seconds = time.perf_counter() - started
    return summary
