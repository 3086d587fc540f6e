"""The processed folder: reports/, controls/, risks/, failures/, one Parquet file per unit.

    reports/{report_id}.parquet     one row: the report
    controls/{report_id}.parquet    its rows, in document order
    failures/{hash of path}.parquet one row per source path that could not be ingested
    risks/risks.parquet             rebuilt from all controls after a batch
    */empty.parquet                 no rows, only the schema (see ensure_layout)

One file per report makes a batch incremental: a report's files are replaced as a whole and
nothing else is touched. The reports file is written last, so it marks a report as complete:
a run killed in between leaves at most a controls file without a report, which the next
rebuild_risks removes, and the file is ingested again because known_reports does not list it.

A source file seen under two paths with identical bytes is one report (report_id is the hash
of the bytes): source_path is the first path in sorted order and the others are listed in the
added column duplicate_paths.

A file that fails after an earlier version of it was ingested keeps its old rows: an analyst
still has the last good extraction. The failure is recorded in failures/, the old report gets
a warning saying its rows are from an earlier version, and write_failure returns the kept
report ids so the caller can say so on stderr. The next successful ingest replaces both.
"""
from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Optional, Union

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ikextract.link.keys import risk_label
from ikextract.model import ROW_FIELDS, STATUS_CODES, Failure, Report
from ikextract.store.files import clean_temp_files, remove, write_atomic
from ikextract.store.schema import (CONTROLS_SCHEMA, FAILURES_SCHEMA, REPORTS_SCHEMA,
                                    RISKS_SCHEMA, SCHEMAS)

PathLike = Union[str, Path]
STALE_WARNING = "Later ingest of this file failed"
RISKS_FILE = "risks.parquet"
EMPTY_FILE = "empty.parquet"
# Columns of controls that linking compares (see ikextract.link.assign_risk_keys).
LINK_COLUMNS = ["risk_key", "organisation", "municipality", "year", "process", "risk",
                "control", "report_id", "seq"]


def ensure_layout(out_dir: PathLike) -> Path:
    """Create the four dataset folders and clear temporary files of dead writers.

    reports/, controls/ and failures/ each get an EMPTY_FILE: a Parquet file with the
    dataset's schema and no rows, so every reader (pandas, pyarrow, polars, a DuckDB glob)
    gets the typed columns even before the first report or failure arrives. risks/ always
    holds risks.parquet once rebuild_risks has run.
    """
    root = Path(out_dir)
    for name, schema in SCHEMAS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        clean_temp_files(folder)
        if name != "risks" and not (folder / EMPTY_FILE).exists():
            write_atomic(schema.empty_table(), folder / EMPTY_FILE)
    return root


def read_dataset(out_dir: PathLike, name: str, columns: Optional[list[str]] = None) -> pa.Table:
    """All rows of one dataset with the contract schema (an empty table if there are none)."""
    folder = Path(out_dir) / name
    schema = SCHEMAS[name]
    if not folder.is_dir():
        table = schema.empty_table()
    else:
        table = ds.dataset(folder, schema=schema, format="parquet").to_table(columns=columns)
    return table.select(columns) if columns else table


# Per-file tables already read, by (path, columns): reused while the file's (inode, mtime,
# size) is unchanged. A batch writes one report at a time and links each against all stored
# rows; without this every report would re-read every file (quadratic in the folder size).
_FILE_CACHE: dict[tuple[str, tuple], tuple[tuple, pa.Table]] = {}
_FILE_CACHE_LIMIT = 20000


def read_files(folder: Path, schema: pa.Schema, columns: list[str]) -> pa.Table:
    """Like read_dataset, but re-reads only files that changed since the last call."""
    parts, seen = [], set()
    cols = tuple(columns)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
    for e in entries:
        if not e.name.endswith(".parquet") or e.name.startswith((".", "_")):
            continue
        try:
            st = e.stat()
        except FileNotFoundError:
            continue       # replaced or removed while listing
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        key = (e.path, cols)
        seen.add(key)
        hit = _FILE_CACHE.get(key)
        if hit is None or hit[0] != stamp:
            try:
                table = pq.read_table(e.path, schema=schema, columns=columns)
            except FileNotFoundError:
                continue
            if len(_FILE_CACHE) >= _FILE_CACHE_LIMIT:
                _FILE_CACHE.clear()
            _FILE_CACHE[key] = hit = (stamp, table)
        parts.append(hit[1])
    for key in [k for k in _FILE_CACHE if k[1] == cols and Path(k[0]).parent == folder
                and k not in seen]:
        del _FILE_CACHE[key]
    if not parts:
        return pa.schema([schema.field(c) for c in columns]).empty_table()
    return pa.concat_tables(parts)


def failure_file_name(source_path: str) -> str:
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:16] + ".parquet"


# ---------------------------------------------------------------- rows

def _int(value) -> Optional[int]:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_record(report: Report, extractor_version: str, source_path: Optional[str] = None,
                  duplicate_paths: Optional[list[str]] = None) -> dict:
    m = report.meta
    missing = [n for n, v in (("organisation", m.organisation), ("year", m.year)) if v in (None, "")]
    if missing:
        raise ValueError(f"report metadata lacks {', '.join(missing)}, which the contract "
                         "requires")
    return {
        "report_id": report.report_id,
        "source_path": source_path or report.source_path,
        "source_sha256": report.source_sha256,
        "source_format": report.source_format,
        "title": m.title,
        "organisation": m.organisation,
        "municipality": m.municipality,
        "year": _int(m.year),
        "period": m.period,
        "diarienummer": m.diarienummer,
        "page_count": _int(report.page_count),
        "n_controls": len(report.controls),
        "extractor_version": extractor_version,
        "warnings": list(report.warnings),
        "duplicate_paths": list(duplicate_paths or []),
    }


def control_records(report: Report) -> list[dict]:
    m = report.meta
    records = []
    for seq, row in enumerate(report.controls, start=1):
        if row.status not in STATUS_CODES:
            raise ValueError(f"row {seq}: status {row.status!r} is not a contract code")
        rec = {
            "control_id": f"{report.report_id}:{seq}",
            "report_id": report.report_id,
            "seq": seq,
            "year": _int(m.year),
            "organisation": m.organisation,
            "municipality": m.municipality,
        }
        rec.update(row.fields_dict())
        rec["risk_value"] = _int(rec["risk_value"])
        rec.update({
            "status": row.status,
            "status_confidence": float(row.status_confidence or 0.0),
            "status_evidence": row.status_evidence,
            # Unlinked rows (a pipeline that skips linking) still need a key: their own id.
            "risk_key": row.risk_key or f"unlinked-{report.report_id}-{seq}",
            "source_page": _int(row.source_page),
            "source_table": _int(row.source_table) or 0,
        })
        records.append(rec)
    return records


# ---------------------------------------------------------------- index of stored reports

def _stored_paths(root: Path) -> dict[str, list[str]]:
    """report_id -> [source_path, *duplicate_paths] of every stored report (one scan)."""
    folder = root / "reports"
    if not folder.is_dir():
        return {}
    table = read_files(folder, REPORTS_SCHEMA, ["report_id", "source_path", "duplicate_paths"])
    return {rid: [path, *(dups or [])] for rid, path, dups in zip(
        *(table.column(c).to_pylist() for c in ("report_id", "source_path", "duplicate_paths")))}


def _stored_report(root: Path, report_id: str) -> Optional[dict]:
    f = root / "reports" / f"{report_id}.parquet"
    if not f.exists():
        return None
    rows = pq.read_table(f, schema=REPORTS_SCHEMA).to_pylist()
    return rows[0] if rows else None


def _paths(rec: dict) -> list[str]:
    return [rec["source_path"], *(rec.get("duplicate_paths") or [])]


def _write_report_row(root: Path, rec: dict) -> None:
    write_atomic(pa.Table.from_pylist([rec], schema=REPORTS_SCHEMA),
                 root / "reports" / f"{rec['report_id']}.parquet")


def _remove_report(root: Path, report_id: str) -> None:
    # Report first: once it is gone the controls are orphans that rebuild_risks removes.
    remove(root / "reports" / f"{report_id}.parquet")
    remove(root / "controls" / f"{report_id}.parquet")


def _drop_path(root: Path, rec: dict, path: str) -> None:
    """Another report now owns `path`: take it away from the stored report `rec`."""
    rest = [p for p in _paths(rec) if p != path]
    if not rest:
        _remove_report(root, rec["report_id"])
        return
    rec = dict(rec, source_path=rest[0], duplicate_paths=rest[1:])
    _write_report_row(root, rec)


# ---------------------------------------------------------------- API

def write_report(out_dir: PathLike, report: Report, extractor_version: str) -> None:
    """Write one report and its rows, replacing whatever the same source path gave before."""
    root = ensure_layout(out_dir)
    stored = _stored_paths(root)
    path = report.source_path
    paths = {path, *stored.get(report.report_id, [])}   # identical bytes stored already?
    ordered = sorted(paths)
    record = report_record(report, extractor_version, ordered[0], ordered[1:])

    controls = pa.Table.from_pylist(control_records(report), schema=CONTROLS_SCHEMA)
    write_atomic(controls, root / "controls" / f"{report.report_id}.parquet")
    _write_report_row(root, record)

    for rid, rid_paths in stored.items():
        if rid != report.report_id and path in rid_paths:
            rec = _stored_report(root, rid)
            if rec is not None:
                _drop_path(root, rec, path)
    remove(root / "failures" / failure_file_name(path))


def write_failure(out_dir: PathLike, failure: Failure) -> list[str]:
    """Record that a source file could not be ingested, replacing an older failure of it.

    Rows an earlier run stored for the same path are kept (see the module doc); their
    report gets a warning. Returns the ids of those kept reports.
    """
    root = ensure_layout(out_dir)
    row = {
        "source_path": failure.source_path,
        "source_sha256": failure.source_sha256,
        "stage": failure.stage,
        "error_type": failure.error_type,
        "message": failure.message,
    }
    write_atomic(pa.Table.from_pylist([row], schema=FAILURES_SCHEMA),
                 root / "failures" / failure_file_name(failure.source_path))
    kept = []
    note = (f"{STALE_WARNING} ({failure.stage}: {failure.error_type}); these rows come from "
            f"an earlier ingest")
    for rid, rid_paths in sorted(_stored_paths(root).items()):
        rec = _stored_report(root, rid) if failure.source_path in rid_paths else None
        if rec is None:
            continue
        kept.append(rid)
        warnings = [w for w in rec["warnings"] or [] if not w.startswith(STALE_WARNING)]
        _write_report_row(root, dict(rec, warnings=[*warnings, note]))
    return kept


def known_reports(out_dir: PathLike) -> dict[str, str]:
    """source_path -> source_sha256 of every file stored with no failure after it.

    A runner skips a file whose path maps to its current digest (nothing changed). A path
    with a recorded failure is left out, so it is tried again.
    """
    root = Path(out_dir)
    failed = set()
    if (root / "failures").is_dir():
        failed = set(read_dataset(root, "failures", ["source_path"]).column(0).to_pylist())
    known = {}
    if not (root / "reports").is_dir():
        return known
    table = read_dataset(root, "reports", ["source_path", "duplicate_paths", "source_sha256"])
    for path, dups, sha in zip(*(table.column(i).to_pylist() for i in range(3))):
        for p in [path, *(dups or [])]:
            if p not in failed:
                known[p] = sha
    return known


def known_rows(out_dir: PathLike) -> Optional[pa.Table]:
    """The stored rows linking compares new reports with, or None if there are none."""
    root = Path(out_dir)
    if not (root / "controls").is_dir():
        return None
    table = read_files(root / "controls", CONTROLS_SCHEMA, LINK_COLUMNS)
    return table if table.num_rows else None


# The name the pipeline uses.
known_controls = known_rows


def remove_orphans(out_dir: PathLike) -> list[str]:
    """Delete controls files whose report file is gone (a run killed mid-replace)."""
    root = Path(out_dir)
    reports = {f.stem for f in (root / "reports").glob("*.parquet")}
    removed = []
    for f in sorted((root / "controls").glob("*.parquet")):
        if f.stem not in reports and f.name != EMPTY_FILE:
            remove(f)
            removed.append(f.stem)
    return removed


def risk_records(controls: pa.Table) -> list[dict]:
    """One record per risk_key, from controls rows (see CONTRACT.md, risks)."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for rec in controls.to_pylist():
        by_key[rec["risk_key"]].append(rec)
    out = []
    for key in sorted(by_key):
        rows = by_key[key]
        years = sorted({r["year"] for r in rows if r["year"] is not None})
        # The label and board come from the latest occurrence: the current wording.
        latest = max(rows, key=lambda r: (r["year"] or 0, r["report_id"], r["seq"] or 0))
        out.append({
            "risk_key": key,
            "organisation": latest["organisation"],
            "municipality": latest["municipality"],
            "label": risk_label(latest["process"], latest["risk"], latest["control"]),
            "years": years,
            "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None,
            "n_reports": len({r["report_id"] for r in rows}),
        })
    return out


def rebuild_risks(out_dir: PathLike) -> int:
    """Rewrite risks/risks.parquet from all stored controls; returns the number of risks."""
    root = ensure_layout(out_dir)
    remove_orphans(root)
    controls = read_dataset(root, "controls", LINK_COLUMNS)
    table = pa.Table.from_pylist(risk_records(controls), schema=RISKS_SCHEMA)
    write_atomic(table, root / "risks" / RISKS_FILE)
    for f in (root / "risks").glob("*.parquet"):
        if f.name != RISKS_FILE:
            remove(f)
    return table.num_rows
