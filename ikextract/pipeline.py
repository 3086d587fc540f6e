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
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

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
    from ikextract.status.legend import find_legend
    # the report's own colour legend says what its colour words mean (CONTRACT.md, status)
    ctx.rows = apply(ctx.rows, legend=find_legend(ctx.doc), warnings=ctx.warnings)


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


# The batch side lives in ikextract.runner (ingest, signals, linker); its names are kept here,
# looked up on first use so that either module may be imported first.
_BATCH_NAMES = {
    "ingest": "ingest", "IngestSummary": "ingest", "UNCHANGED": "ingest",
    "SKIPPED_FAILURE": "ingest", "RETRIED_STAGES": "ingest", "_Batch": "ingest",
    "_Ticks": "ingest", "_Writer": "ingest", "_results": "ingest", "_unwritable": "ingest",
    "_stamp": "ingest", "_try_sha": "ingest",
    "Interrupted": "signals", "_Signals": "signals", "_Linker": "linker",
}


def __getattr__(name: str):
    module = _BATCH_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(f"ikextract.runner.{module}"), name)
