"""The processed folder: reports/, controls/, risks/, failures/, one Parquet file per source.

    reports/{key}.parquet      one row: the report read from a source path
    controls/{key}.parquet     its rows, in document order
    failures/{key}.parquet     one row: why that source path could not be ingested
    risks/risks.parquet        rebuilt from all controls after a batch
    */empty.parquet            no rows, only the schema (see ensure_layout)
    .prepared/                 reports files written by workers, renamed into reports/ by
                               the parent (store.prepared); hidden, no dataset

key is path_key(source_path): the first 16 hex digits of the SHA-256 of the stored path. A
stable name per source path makes replacing a changed file's rows one rename over the old
file: a reader of controls sees the old rows or the new ones, never both, never neither. The
controls file is renamed before the reports file; the report marks the pair complete (a run
killed in between leaves new controls beside the old report row until the next run, which
reads that file again because its stored digest is the old one).

A source file seen under several paths with identical bytes is one report (report_id is the
hash of the bytes): it is stored under the first path in sorted order, and the others are
listed in the added column duplicate_paths.

A file that fails after an earlier version of it was ingested keeps its old rows: an analyst
still has the last good extraction. The failure is recorded in failures/, the old report gets
a warning saying its rows are from an earlier version, and write_failure returns the kept
report ids so the caller can say so on stderr. The next successful ingest replaces both.

A batch opens one Store: it reads the folder's index once, keeps it in memory, and batches
the folders' fsyncs (the renames stay atomic; a crash loses at most the last unsynced
renames, which the next run reads again). Writers take the folder lock around each change,
and an index changed by another writer (another run into the same folder) is read again,
so concurrent runs never remove each other's rows.
"""
from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Iterable, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from ikextract.model import Failure, Report
from ikextract.store.files import (clean_temp_files, folder_lock, fsync_dir, remove,  # noqa: F401
                                   write_atomic, write_temp)
from ikextract.store.layout import (EMPTY_FILE, RISKS_FILE, PathLike, _upgrade,  # noqa: F401
                                    ensure_layout)
from ikextract.store.reading import (BATCH_COLUMNS, INDEX_COLUMNS, LINK_COLUMNS,  # noqa: F401
                                     FolderRows, _read_with_stems, known_controls,
                                     known_reports, known_rows, read_dataset, risk_records)
from ikextract.store.records import (_clean, _extra, _int, _paths, _text,  # noqa: F401
                                     control_records, failure_file_name, path_key,
                                     report_record)
from ikextract.store.schema import (CONTROLS_SCHEMA, FAILURES_SCHEMA, REPORTS_SCHEMA,  # noqa: F401
                                    RISKS_SCHEMA, SCHEMAS)

STALE_WARNING = "Later ingest of this file failed"
SYNC_EVERY = 64           # renames between folder fsyncs
SYNC_SECONDS = 2.0
# Store, the one-call writers and rebuild_risks look ensure_layout, write_temp and fsync_dir
# up here (tests patch them on this module); the other parts live in records, layout and
# reading, and are named here too.


# ---------------------------------------------------------------- a batch's store

class Store:
    """A processed folder open for writing (see the module doc). Not thread-safe."""

    def __init__(self, out_dir: PathLike, extractor_version: str = "",
                 sync_every: int = SYNC_EVERY, sync_seconds: float = SYNC_SECONDS):
        self.root = ensure_layout(out_dir)
        self.version = extractor_version
        self.sync_every, self.sync_seconds = sync_every, sync_seconds
        self._dirty: set[Path] = set()
        self._unsynced = 0
        self._last_sync = time.monotonic()
        self._stamps: dict[str, int] = {}
        self.changed = False          # anything written or removed by this store
        # The stored controls (BATCH_COLUMNS) as this store last read or wrote each file:
        # for linking at the start of a batch and for risks at its end.
        self.controls = FolderRows(self.root / "controls", CONTROLS_SCHEMA, BATCH_COLUMNS)
        with self._locked(refresh=False):
            self._load()

    # -- the index
    def _load(self) -> None:
        self.reports: dict[str, dict] = {}         # stem -> stored report (INDEX_COLUMNS)
        self.by_path: dict[str, str] = {}          # every source path -> stem
        self.by_id: dict[str, str] = {}            # report_id -> stem
        for rec in _read_with_stems(self.root / "reports", REPORTS_SCHEMA, INDEX_COLUMNS):
            self._index(rec.pop("_stem"), rec)
        self.failures: dict[str, dict] = {}        # source path -> stored failure
        for rec in _read_with_stems(self.root / "failures", FAILURES_SCHEMA,
                                    FAILURES_SCHEMA.names):
            rec.pop("_stem")
            self.failures[rec["source_path"]] = rec

    def _index(self, stem: str, rec: dict) -> None:
        self.reports[stem] = rec
        self.by_id[rec["report_id"]] = stem
        for p in _paths(rec):
            self.by_path[p] = stem

    def _unindex(self, stem: str) -> None:
        rec = self.reports.pop(stem, None)
        if rec is None:
            return
        if self.by_id.get(rec["report_id"]) == stem:
            del self.by_id[rec["report_id"]]
        for p in _paths(rec):
            if self.by_path.get(p) == stem:
                del self.by_path[p]

    def _folder_stamps(self) -> dict[str, int]:
        out = {}
        for name in ("reports", "failures"):
            try:
                out[name] = os.stat(self.root / name).st_mtime_ns
            except OSError:
                out[name] = -1
        return out

    @contextlib.contextmanager
    def _locked(self, refresh: bool = True):
        with folder_lock(self.root):
            if refresh and self._folder_stamps() != self._stamps:
                self._load()            # another writer changed the folder: read it again
            try:
                yield
            finally:
                self._stamps = self._folder_stamps()

    def stored(self, source_path: str) -> Optional[dict]:
        """The stored report holding this path (as INDEX_COLUMNS), or None."""
        stem = self.by_path.get(source_path)
        return self.reports.get(stem) if stem else None

    def failure(self, source_path: str) -> Optional[dict]:
        return self.failures.get(source_path)

    def replaced_by(self, report: Report, aliases: Iterable[str] = ()) -> list[str]:
        """Ids of stored reports that writing `report` (at its path and aliases) removes."""
        paths = {report.source_path, *aliases}
        out = []
        for stem in {self.by_path[p] for p in paths if p in self.by_path}:
            rec = self.reports[stem]
            if rec["report_id"] != report.report_id and set(_paths(rec)) <= paths:
                out.append(rec["report_id"])
        return sorted(out)

    # -- writing
    def _renamed(self, folder: Path) -> None:
        self._dirty.add(folder)
        self._unsynced += 1
        self.changed = True

    def _maybe_sync(self) -> None:
        if self._unsynced >= self.sync_every or \
                time.monotonic() - self._last_sync >= self.sync_seconds:
            self.flush()

    def flush(self) -> None:
        """Make the renames so far durable: one fsync per folder touched."""
        for folder in sorted(self._dirty):
            fsync_dir(folder)
        self._dirty.clear()
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def _write_pair(self, stem: str, report_row: dict, controls: pa.Table,
                    prepared=None) -> None:
        """Controls then report, both written before either is renamed: a full disk fails
        before anything is replaced. prepared: a PreparedReport whose reports file is used
        where it holds report_row."""
        c_path = self.root / "controls" / f"{stem}.parquet"
        r_path = self.root / "reports" / f"{stem}.parquet"
        r_tmp = prepared.take_report_file(r_path, report_row) if prepared else None
        try:
            c_tmp = write_temp(controls, c_path)
        except BaseException:
            if r_tmp is not None:
                remove(r_tmp)
            raise
        try:
            if r_tmp is None:
                r_tmp = write_temp(pa.Table.from_pylist([report_row], schema=REPORTS_SCHEMA),
                                   r_path)
        except BaseException:
            remove(c_tmp)
            raise
        os.replace(c_tmp, c_path)
        self.controls.remember(c_path, controls)
        self._renamed(c_path.parent)
        os.replace(r_tmp, r_path)
        self._renamed(r_path.parent)

    def _write_report_row(self, stem: str, rec: dict) -> None:
        path = self.root / "reports" / f"{stem}.parquet"
        write_atomic(pa.Table.from_pylist([rec], schema=REPORTS_SCHEMA), path, sync_dir=False)
        self._renamed(path.parent)

    def _full_record(self, stem: str) -> Optional[dict]:
        f = self.root / "reports" / f"{stem}.parquet"
        try:
            rows = pq.read_table(f, schema=REPORTS_SCHEMA).to_pylist()
        except FileNotFoundError:
            return None
        return rows[0] if rows else None

    def _remove_stem(self, stem: str) -> None:
        # Report first: once it is gone the controls are orphans that rebuild_risks removes.
        remove(self.root / "reports" / f"{stem}.parquet")
        remove(self.root / "controls" / f"{stem}.parquet")
        self._renamed(self.root / "reports")
        self._renamed(self.root / "controls")
        self._unindex(stem)

    def _give_up_paths(self, stem: str, lost: set[str], keep_files: bool = False) -> None:
        """The stored report at `stem` no longer holds the paths in `lost`."""
        rec = self._full_record(stem)
        if rec is None:
            self._unindex(stem)
            return
        rest = sorted(p for p in _paths(rec) if p not in lost)
        if not rest:
            if not keep_files:
                self._remove_stem(stem)
            else:
                self._unindex(stem)
            return
        new = dict(rec, source_path=rest[0], duplicate_paths=rest[1:])
        new_stem = path_key(rest[0])
        if new_stem == stem:
            self._write_report_row(stem, new)
        else:                            # its first path changes: it moves to that name
            controls = pq.read_table(self.root / "controls" / f"{stem}.parquet",
                                     schema=CONTROLS_SCHEMA)
            self._write_pair(new_stem, new, controls)
            if not keep_files:
                remove(self.root / "reports" / f"{stem}.parquet")
                remove(self.root / "controls" / f"{stem}.parquet")
        self._unindex(stem)
        self._index(new_stem, {k: new.get(k) for k in INDEX_COLUMNS})

    def write_report(self, report: Report, aliases: Iterable[str] = (),
                     stamp: Optional[tuple[int, int]] = None, prepared=None) -> None:
        """Write one report and its rows, replacing whatever its paths gave before.
        prepared: what the worker made of it (store.prepared.PreparedReport), used where it
        fits; the files written are the same either way."""
        controls = prepared.controls() if prepared is not None else None
        if controls is None:
            controls = pa.Table.from_pylist(control_records(report), schema=CONTROLS_SCHEMA)
        report_record(report, self.version)          # refuse a contract violation early
        mine = {report.source_path, *aliases}
        with self._locked():
            same = self.by_id.get(report.report_id)    # identical bytes stored already?
            paths = set(mine) | (set(_paths(self.reports[same])) if same else set())
            ordered = sorted(paths)
            stem = path_key(ordered[0])
            record = report_record(report, self.version, ordered[0], ordered[1:], stamp)
            # A report stored under our name that keeps other paths moves to one of them
            # first, so the rename below replaces only what our paths gave.
            current = self.reports.get(stem)
            if current is not None and current["report_id"] != report.report_id:
                self._give_up_paths(stem, paths, keep_files=True)
            self._write_pair(stem, record, controls, prepared)
            for other in sorted({self.by_path[p] for p in paths if p in self.by_path} - {stem}):
                self._give_up_paths(other, paths)
            if same and same != stem and same in self.reports:
                self._remove_stem(same)
            self._unindex(stem)
            self._index(stem, {k: record.get(k) for k in INDEX_COLUMNS})
            for p in paths:
                if p in self.failures:
                    remove(self.root / "failures" / failure_file_name(p))
                    self._renamed(self.root / "failures")
                    del self.failures[p]
        self._maybe_sync()

    def write_failure(self, failure: Failure, stamp: Optional[tuple[int, int]] = None) -> list[str]:
        """Record that a source path could not be ingested, replacing an older failure of
        it. Rows stored earlier for the path are kept with a warning; returns their ids."""
        row = _clean({"source_path": failure.source_path,
                      "source_sha256": failure.source_sha256, "stage": failure.stage,
                      "error_type": failure.error_type, "message": failure.message,
                      "source_size": stamp[0] if stamp else None,
                      "source_mtime_ns": stamp[1] if stamp else None})
        with self._locked():
            path = row["source_path"]
            if self.failures.get(path) != row:
                write_atomic(pa.Table.from_pylist([row], schema=FAILURES_SCHEMA),
                             self.root / "failures" / failure_file_name(path), sync_dir=False)
                self._renamed(self.root / "failures")
                self.failures[path] = row
            kept = []
            stem = self.by_path.get(failure.source_path)
            rec = self._full_record(stem) if stem else None
            if rec is not None:
                kept.append(rec["report_id"])
                note = (f"{STALE_WARNING} ({failure.stage}: {failure.error_type}); these rows "
                        "come from an earlier ingest")
                warnings = [w for w in rec["warnings"] or [] if not w.startswith(STALE_WARNING)]
                if [*warnings, note] != list(rec["warnings"] or []):
                    self._write_report_row(stem, dict(rec, warnings=[*warnings, note]))
        self._maybe_sync()
        return kept

    def rebuild_risks(self) -> int:
        """Remove orphaned controls, rewrite risks/risks.parquet from all stored controls."""
        with self._locked():
            n = rebuild_risks(self.root, _locked=True,
                              controls=lambda: self.controls.table(LINK_COLUMNS))
        self._dirty.add(self.root / "risks")
        return n

    def close(self) -> None:
        self.flush()


# ---------------------------------------------------------------- one-call API

def write_report(out_dir: PathLike, report: Report, extractor_version: str,
                 aliases: Iterable[str] = ()) -> None:
    """Write one report (opens the folder for this one write; a batch keeps a Store)."""
    store = Store(out_dir, extractor_version)
    store.write_report(report, aliases)
    store.close()


def write_failure(out_dir: PathLike, failure: Failure) -> list[str]:
    store = Store(out_dir)
    kept = store.write_failure(failure)
    store.close()
    return kept


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


def rebuild_risks(out_dir: PathLike, _locked: bool = False, controls=None) -> int:
    """Rewrite risks/risks.parquet from all stored controls; returns the number of risks.
    controls: a callable giving them (LINK_COLUMNS), read after orphans are removed."""
    root = Path(out_dir) if _locked else ensure_layout(out_dir)
    lock = contextlib.nullcontext() if _locked else folder_lock(root)
    with lock:
        remove_orphans(root)
        controls = controls() if controls is not None else \
            read_dataset(root, "controls", LINK_COLUMNS)
        table = pa.Table.from_pylist(risk_records(controls), schema=RISKS_SCHEMA)
        write_atomic(table, root / "risks" / RISKS_FILE)
        for f in (root / "risks").glob("*.parquet"):
            if f.name != RISKS_FILE:
                remove(f)
    return table.num_rows
