"""Running the stages: one file -> Report (extract_file), many files -> Parquet (ingest).

A pipeline (pipelines/*.py) names the stages and their settings; this module runs them and
keeps one file's failure from touching any other:

- the per-file stages run in isolated worker processes (ikextract.runner.workers: time and
  memory limits, recycled), or on a Dask cluster (ikextract.runner.dask);
- the parent takes results as they finish, in any order, links them from an in-memory index
  of the batch (ikextract.link) and writes them through one open Store, so its work per
  report does not grow with the archive;
- an exception in any stage, the parent's linking and writing included, becomes a failure
  row and a stderr line, and the batch goes on; risks/ is rebuilt at the end of every run,
  an interrupted one included (SIGTERM, SIGINT: workers stopped, datasets left consistent).
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ikextract import __version__
from ikextract.model import ExtractionError, Failure, Report

READ_CHUNK = 1 << 20


@dataclass
class PipelineSpec:
    """Which stages run, in which order, with which settings."""
    name: str
    stages: tuple[str, ...] = ("read", "tables", "layouts", "meta", "text", "status")
    link: bool = True
    settings: dict = field(default_factory=dict)


def load_pipeline(name: str = "default") -> PipelineSpec:
    import importlib
    try:
        module = importlib.import_module(f"pipelines.{name}")
    except ModuleNotFoundError as exc:
        raise ValueError(f"no pipeline named '{name}' (pipelines/{name}.py)") from exc
    return module.PIPELINE


def file_sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(READ_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Context:
    path: Path
    settings: dict
    doc: object = None
    rows: list = field(default_factory=list)
    meta: object = None
    warnings: list = field(default_factory=list)
    text_coverage: float = 1.0


def _stage_read(ctx: _Context) -> None:
    from ikextract.read import ReadOptions, read_document
    ctx.doc = read_document(ctx.path, ReadOptions.from_settings(ctx.settings))
    ctx.warnings.extend(ctx.doc.warnings)


def _stage_tables(ctx: _Context) -> None:
    from ikextract.tables import join_tables
    ctx.doc = join_tables(ctx.doc)


def _stage_layouts(ctx: _Context) -> None:
    from ikextract.layouts import reconstruct
    result = reconstruct(ctx.doc)
    if not result.rows:
        raise ExtractionError("no control table or control blocks found: not an "
                              "internal-control report, or a layout ikextract does not know",
                              stage="layouts", error_type="NotAReport")
    ctx.rows = result.rows
    ctx.warnings.extend(result.warnings)
    ctx.text_coverage = getattr(result, "text_coverage", 1.0)


def _stage_meta(ctx: _Context) -> None:
    from ikextract.meta import read_meta
    ctx.meta = read_meta(ctx.doc)
    if ctx.meta.year is None:
        raise ExtractionError("no year found in the report (title, front page or text)",
                              stage="meta", error_type="NoYear")
    if ctx.meta.organisation is None:
        ctx.warnings.append("organisation not named in the report; left empty")


def _stage_text(ctx: _Context) -> None:
    from ikextract.text.normalize import clean_row
    ctx.rows = [clean_row(r) for r in ctx.rows]


def _stage_status(ctx: _Context) -> None:
    from ikextract.status import apply
    ctx.rows = apply(ctx.rows)


STAGES: dict[str, Callable[[_Context], None]] = {
    "read": _stage_read, "tables": _stage_tables, "layouts": _stage_layouts,
    "meta": _stage_meta, "text": _stage_text, "status": _stage_status,
}


def stage_function(name: str) -> Callable[[_Context], None]:
    """A stage by name: one of STAGES, or "module:function" for a stage kept elsewhere
    (a pipeline may add its own; the function takes the per-file context)."""
    if name in STAGES:
        return STAGES[name]
    if ":" in name:
        import importlib
        module, _, attr = name.partition(":")
        return getattr(importlib.import_module(module), attr)
    raise ExtractionError(f"no stage named '{name}'", stage=name, error_type="UnknownStage")


def extract_file(path: str | Path, spec: PipelineSpec | None = None, *,
                 source_path: str | None = None, sha256: str | None = None) -> Report:
    """Run the per-file stages on one file. Raises ExtractionError (with .stage) on failure."""
    from ikextract.runner.sources import stored_path
    spec = spec or load_pipeline("default")
    path = Path(path)
    sha = sha256 or file_sha256(path)
    ctx = _Context(path=path, settings=spec.settings)
    for name in spec.stages:
        try:
            stage_function(name)(ctx)
        except ExtractionError as exc:
            if exc.stage in ("read", None) and name != "read":
                exc.stage = name
            raise
        except Exception as exc:   # a bug or an input we did not foresee: name the stage
            raise ExtractionError(f"{type(exc).__name__}: {exc}", stage=name,
                                  error_type=type(exc).__name__) from exc
    from ikextract.model import ReportMeta
    meta = ctx.meta or ReportMeta()
    doc = ctx.doc
    return Report(report_id=sha[:16], source_path=source_path or stored_path(path),
                  source_sha256=sha, source_format=doc.source_format, meta=meta,
                  page_count=doc.page_count, controls=ctx.rows,
                  warnings=list(dict.fromkeys(ctx.warnings)), text_coverage=ctx.text_coverage)


def extract_or_fail(source, spec: PipelineSpec) -> Report | Failure:
    """One source file to a Report, or a Failure saying which stage failed and why. Never
    raises (a worker runs this for every file)."""
    refused = _refuse_large_junk(source)
    if refused is not None:
        return refused
    try:
        sha = file_sha256(source.path)
    except OSError as exc:
        return Failure(source.source_path, None, "read", type(exc).__name__,
                       f"cannot read file: {exc.strerror or exc}")
    except MemoryError:
        return Failure(source.source_path, None, "read", "MemoryError", "out of memory")
    try:
        return extract_file(source.path, spec, source_path=source.source_path, sha256=sha)
    except ExtractionError as exc:
        return Failure(source.source_path, sha, exc.stage, exc.error_type, str(exc))
    except MemoryError:
        return Failure(source.source_path, sha, "unknown", "MemoryError",
                       "out of memory (--max-memory)")
    except Exception as exc:   # never let one report stop the batch
        return Failure(source.source_path, sha, "unknown", type(exc).__name__,
                       f"{exc} ({traceback.format_exc(limit=1).strip().splitlines()[-1]})")


# A file this big is looked at before it is hashed: gigabytes of junk named .pdf are refused
# in milliseconds instead of costing seconds of reading (their digest is then left null).
HASH_AFTER_SNIFF_BYTES = 64 << 20


def _refuse_large_junk(source) -> Optional[Failure]:
    try:
        if os.path.getsize(source.path) < HASH_AFTER_SNIFF_BYTES:
            return None
        from ikextract.read import FORMATS
        from ikextract.read.sniff import format_of
        if format_of(source.path, FORMATS) is not None:
            return None
        return Failure(source.source_path, None, "read", "UnsupportedFormat",
                       "unsupported file type: its bytes are not a report format "
                       "ikextract reads (not hashed)")
    except ExtractionError as exc:
        return Failure(source.source_path, None, "read", exc.error_type,
                       f"{exc} (not hashed)")
    except OSError:
        return None


# ---------------------------------------------------------------------------- batches

UNCHANGED = "unchanged"          # progress outcome: stored already, bytes unchanged
SKIPPED_FAILURE = "skipped"      # progress outcome: failed before, unchanged since
# Failures that say nothing about the file itself: always tried again.
RETRIED_STAGES = {"store", "find", "link"}


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


class _Linker:
    """risk_key for each report as it arrives: ikextract.link.LinkIndex when present (an
    in-memory index of the batch's boards), else assign_risk_keys against the stored rows
    of the report's board, kept in memory per board."""

    def __init__(self, out_dir: Path, enabled: bool):
        self.enabled = enabled
        self.index = None
        self.known = None
        self.error: Optional[Exception] = None
        if not enabled:
            return
        try:
            self._build(out_dir)
        except Exception as exc:      # each report then fails at link, and is retried
            self.error = exc

    def _build(self, out_dir: Path) -> None:
        import ikextract.link as link
        if hasattr(link, "LinkIndex"):
            self.index = link.LinkIndex.from_store(out_dir)
        else:
            import pyarrow as pa
            from ikextract import store
            from ikextract.store.datasets import LINK_COLUMNS
            from ikextract.store.schema import CONTROLS_SCHEMA
            self.schema = pa.schema([CONTROLS_SCHEMA.field(c) for c in LINK_COLUMNS])
            known = store.known_rows(out_dir)
            self.known = known.select(LINK_COLUMNS).cast(self.schema) if known else None

    def forget(self, report_id: str) -> None:
        if self.index is not None:
            self.index.forget(report_id)

    def assign(self, report: Report) -> None:
        if self.error is not None:
            raise RuntimeError(f"the link index could not be built from the stored rows: "
                               f"{type(self.error).__name__}: {self.error}")
        if not self.enabled:
            for seq, row in enumerate(report.controls, 1):
                row.risk_key = f"{report.report_id}:{seq}"
            return
        if self.index is not None:
            self.index.assign(report)
            return
        import pyarrow as pa
        from ikextract.link import assign_risk_keys
        assign_risk_keys([report], self.known)
        rows = [{"risk_key": r.risk_key, "organisation": report.meta.organisation,
                 "municipality": report.meta.municipality, "year": report.meta.year,
                 "process": r.process, "risk": r.risk, "control": r.control,
                 "report_id": report.report_id, "seq": i}
                for i, r in enumerate(report.controls, 1)]
        new = pa.Table.from_pylist(rows, schema=self.schema)
        self.known = new if self.known is None else pa.concat_tables([self.known, new])


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

    def report(self, source, report: Report) -> None:
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
                self.store.write_report(report, source.aliases, _stamp(source))
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
        if isinstance(result, Failure):
            if result.source_sha256 is None and result.stage == "worker":
                result.source_sha256 = _try_sha(source.path)
            self.fail(result, source)
        else:
            self.report(source, result)

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
    from ikextract.runner.sources import find_sources
    from ikextract.runner.workers import Limits

    started = time.perf_counter()
    spec = spec or load_pipeline("default")
    limits = limits or Limits()
    out = Path(out_dir)
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
            batch.linker = _Linker(out, spec.link)
            with _Writer(batch) as writer:
                for source, result in _results(jobs, spec, workers, limits, scheduler,
                                               _Ticks(progress, signals), summary.stats):
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
    interrupted) everything already received is still written."""

    def __init__(self, batch: _Batch):
        import queue
        self.batch = batch
        self.queue: "queue.Queue" = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="ikextract-writer", daemon=True)

    def _run(self) -> None:
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
             progress, stats: dict) -> Iterator[tuple[object, Report | Failure]]:
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
    n = min(len(jobs), workers or os.cpu_count() or 1)
    pool = WorkerPool(spec, n, limits)
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
