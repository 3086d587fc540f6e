"""Atomic Parquet files: a reader never sees a half-written file under a .parquet name.

A file is written under a hidden temporary name in its own folder (".NAME.PID-THREAD.tmp"),
flushed to disk and renamed over the final name. pyarrow.dataset (and so pandas) skips names
starting with "." or "_"; the "*.parquet" glob of DuckDB and polars does not match ".tmp".
A temporary file left by a killed process is removed by the next writer once its process is
gone. The folder's own fsync (which makes the rename durable, not atomic) may be left to the
caller, which batches them (see Store.flush).

Writers of one processed folder (several runs at once) take `folder_lock` around what they
change, so one cannot remove what another has just written.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import threading
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.parquet as pq

TEMP_NAME = re.compile(r"^\..+\.(\d+)-\d+\.tmp$")
LOCK_FILE = ".ikextract.lock"


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass    # some file systems do not sync directories; the rename is still atomic
    finally:
        os.close(fd)


# A file of one report's rows (or one report, one failure) holds a dozen rows: dictionary
# pages and statistics on every column cost a fifth of writing it and help no reader at that
# size. Statistics stay on the columns a reader of a folder of such files filters by.
SMALL_FILE_ROWS = 1000
FILTER_COLUMNS = ("control_id", "report_id", "year", "organisation", "municipality", "status",
                  "risk_key", "source_path", "stage")


def parquet_options(table: pa.Table) -> dict:
    if table.num_rows > SMALL_FILE_ROWS:
        return {}
    names = set(table.schema.names)
    return {"use_dictionary": False,
            "write_statistics": [c for c in FILTER_COLUMNS if c in names]}


def write_temp(table: pa.Table, path: Path, tmp: Optional[Path] = None) -> Path:
    """Write `table` beside `path` under a temporary name (or to `tmp`), on disk; returns
    that name."""
    tmp = tmp or temp_path(path)
    try:
        with open(tmp, "wb") as fh:
            pq.write_table(table, fh, **parquet_options(table))
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(table: pa.Table, path: Path, sync_dir: bool = True) -> None:
    tmp = write_temp(table, path)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_temp_files(folder: Path) -> int:
    """Remove temporary files whose writing process is gone; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        m = TEMP_NAME.match(entry.name)
        if m and not _alive(int(m.group(1))):
            removed += remove(entry)
    return removed


@contextlib.contextmanager
def folder_lock(root: Path):
    """An exclusive lock on a processed folder (flock on a hidden file in it)."""
    path = root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        fd = os.open(path, os.O_RDONLY)     # read-only folder: the lock still orders readers
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
