"""Running the stages: one file -> Report (extract_file), many files -> Parquet (ingest).

A pipeline (pipelines/*.py) names the stages and their settings; this module runs them and
keeps one file's failure from touching any other.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

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


def file_sha256(path: Path) -> str:
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
    from ikextract.status.legend import find_legend
    ctx.rows = apply(ctx.rows, legend=find_legend(ctx.doc))


STAGES: dict[str, Callable[[_Context], None]] = {
    "read": _stage_read, "tables": _stage_tables, "layouts": _stage_layouts,
    "meta": _stage_meta, "text": _stage_text, "status": _stage_status,
}


def extract_file(path: str | Path, spec: PipelineSpec | None = None, *,
                 source_path: str | None = None, sha256: str | None = None) -> Report:
    """Run the per-file stages on one file. Raises ExtractionError (with .stage) on failure."""
    spec = spec or load_pipeline("default")
    path = Path(path)
    sha = sha256 or file_sha256(path)
    ctx = _Context(path=path, settings=spec.settings)
    for name in spec.stages:
        try:
            STAGES[name](ctx)
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
    return Report(report_id=sha[:16], source_path=source_path or str(path), source_sha256=sha,
                  source_format=doc.source_format, meta=meta, page_count=doc.page_count,
                  controls=ctx.rows, warnings=_dedupe(ctx.warnings + _row_warnings(ctx.rows)))


def _row_warnings(rows) -> list[str]:
    out = []
    for row in rows:
        for key in row.extra:
            if key not in ("Markering",):
                out.append(f"column '{key}' not recognised; its text is not in any field")
    return out


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------- batches

@dataclass
class Source:
    path: Path              # where to read it
    source_path: str        # as found under the SRC it came from


def find_sources(srcs: Iterable[str | Path]) -> tuple[list[Source], list[Failure]]:
    """Files under each SRC (folders searched recursively), in a stable order. Files of a
    type ikextract does not read are returned as failures: never silently dropped."""
    from ikextract.read import supported
    found: list[Source] = []
    failures: list[Failure] = []
    for src in srcs:
        src = Path(src)
        if src.is_dir():
            for p in sorted(src.rglob("*")):
                if p.is_file() and not p.name.startswith((".", "~$")):
                    found.append(Source(p, str(p)))
        elif src.is_file():
            found.append(Source(src, str(src)))
        else:
            failures.append(Failure(str(src), None, "find", "FileNotFound",
                                    f"{src}: no such file or folder"))
    seen, unique = set(), []
    for s in found:
        key = os.path.realpath(s.path)
        if key not in seen:
            seen.add(key)
            unique.append(s)
    out = []
    for s in unique:
        if supported(s.path):
            out.append(s)
        else:
            failures.append(Failure(s.source_path, _try_sha(s.path), "read", "UnsupportedFormat",
                                    f"unsupported file type '{s.path.suffix or '(none)'}'"))
    return out, failures


def _try_sha(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except OSError:
        return None


def _extract_or_fail(args) -> Report | Failure:
    source, spec = args
    try:
        sha = file_sha256(source.path)
    except OSError as exc:
        return Failure(source.source_path, None, "read", type(exc).__name__,
                       f"cannot read file: {exc.strerror or exc}")
    try:
        return extract_file(source.path, spec, source_path=source.source_path, sha256=sha)
    except ExtractionError as exc:
        return Failure(source.source_path, sha, exc.stage, exc.error_type, str(exc))
    except Exception as exc:   # never let one report stop the batch
        return Failure(source.source_path, sha, "unknown", type(exc).__name__,
                       f"{exc} ({traceback.format_exc(limit=1).strip().splitlines()[-1]})")


def _extract_many(jobs: list, workers: int) -> Iterator[Report | Failure]:
    """Results in input order (so linking is deterministic), extracted in parallel."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield _extract_or_fail(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_extract_or_fail, jobs, chunksize=1)


@dataclass
class IngestSummary:
    files: int = 0
    reports: int = 0
    unchanged: int = 0
    controls: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.files} files, {self.reports} reports ingested"
                + (f" ({self.unchanged} unchanged, skipped)" if self.unchanged else "")
                + f", {self.controls} controls, {len(self.failures)} failures, "
                f"{self.seconds:.1f} s")


def ingest(srcs: Iterable[str | Path], out_dir: str | Path, *, workers: int | None = None,
           spec: PipelineSpec | None = None, force: bool = False,
           progress: Callable[[str, Report | Failure | None], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestSummary:
    """Ingest files into out_dir. Each report is written as soon as it is linked, so an
    interrupted run keeps every report finished before it. on_start gets the number of files
    found; progress is called once per file."""
    from ikextract import store
    from ikextract.link import assign_risk_keys

    started = time.perf_counter()
    spec = spec or load_pipeline("default")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources, failures = find_sources(srcs)
    summary = IngestSummary(files=len(sources) + len(failures))
    if on_start:
        on_start(summary.files)
    for failure in failures:
        store.write_failure(out, failure)
        summary.failures.append(failure)
        if progress:
            progress(failure.source_path, failure)

    known = store.known_reports(out)
    jobs = []
    for s in sources:
        if not force and s.source_path in known:
            try:
                if file_sha256(s.path) == known[s.source_path]:
                    summary.unchanged += 1
                    if progress:
                        progress(s.source_path, None)
                    continue
            except OSError:
                pass
        jobs.append((s, spec))

    workers = workers or min(len(jobs), os.cpu_count() or 1) or 1
    for result in _extract_many(jobs, workers):
        if isinstance(result, Failure):
            store.write_failure(out, result)
            summary.failures.append(result)
        else:
            if spec.link:
                assign_risk_keys([result], store.known_controls(out))
            else:
                for seq, row in enumerate(result.controls, 1):
                    row.risk_key = f"{result.report_id}:{seq}"
            store.write_report(out, result, __version__)
            summary.reports += 1
            summary.controls += len(result.controls)
        if progress:
            progress(result.source_path, result)
    store.rebuild_risks(out)
    summary.seconds = time.perf_counter() - started
    return summary
