"""Reading the processed folder: datasets, stored paths and digests, the rows linking reads."""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ikextract.store.layout import PathLike
from ikextract.store.schema import SCHEMAS

# Columns of controls that the risks dataset and linking read.
LINK_COLUMNS = ["risk_key", "organisation", "municipality", "year", "process", "risk",
                "control", "report_id", "seq"]
# ... and the cues linking also reads (link.index.INDEX_COLUMNS): what a batch keeps.
BATCH_COLUMNS = LINK_COLUMNS + ["area", "number", "result", "comment"]
INDEX_COLUMNS = ["report_id", "source_path", "duplicate_paths", "source_sha256",
                 "source_size", "source_mtime_ns"]


# Names a reader skips, as pyarrow.dataset does: temporary files, hidden files.
IGNORED_PREFIXES = (".", "_")


def read_dataset(out_dir: PathLike, name: str, columns: Optional[list[str]] = None) -> pa.Table:
    """All rows of one dataset with the contract schema (an empty table if there are none)."""
    folder = Path(out_dir) / name
    schema = SCHEMAS[name]
    if not folder.is_dir():
        table = schema.empty_table()
    else:
        tables = _read_files(folder, schema, columns)
        want = _selected(schema, columns)
        if tables == []:
            return want.empty_table()
        if tables is not None:
            try:      # one cast for all: Parquet names a list's items "element", Arrow "item"
                return pa.concat_tables([t for _, t in tables]).cast(want)
            except (pa.ArrowException, ValueError):
                pass
        table = ds.dataset(folder, schema=schema, format="parquet").to_table(columns=columns)
    return table.select(columns) if columns else table


def _selected(schema: pa.Schema, columns: Optional[list[str]]) -> pa.Schema:
    return pa.schema([schema.field(c) for c in columns]) if columns else schema


def _read_files(folder: Path, schema: pa.Schema, columns: Optional[list[str]]
                ) -> Optional[list[tuple[str, pa.Table]]]:
    """(stem, rows) of each Parquet file of a dataset folder, in the order of their paths
    (as pyarrow.dataset gives them), read one by one with ParquetFile: a processed folder
    holds thousands of one-report files, and the dataset API costs three times as much per
    small file. None where a file does not read as the schema says (the caller then reads
    the folder through pyarrow.dataset, which reconciles what it can or says why not). A
    file removed while the folder is read (another run replacing it) is left out."""
    want = _selected(schema, columns)
    names = sorted(n for n in os.listdir(folder)
                   if n.endswith(".parquet") and not n.startswith(IGNORED_PREFIXES))
    out = []
    for name in names:
        try:
            with open(folder / name, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            continue
        except OSError:
            return None
        try:
            table = pq.ParquetFile(pa.BufferReader(data)).read(columns=columns,
                                                               use_threads=False)
            if not table.schema.equals(want):
                table = table.cast(want)
        except (pa.ArrowException, ValueError, KeyError, TypeError):
            return None
        out.append((name[:-len(".parquet")], table))
    return out


def _file_key(path: Path) -> Optional[tuple]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class FolderRows:
    """The rows of one dataset folder kept file by file through a batch, so that a file
    unchanged since this batch last read or wrote it (same inode, size and modification
    time: a file is only ever replaced by renaming a new one over it) is not read again:
    the controls are read once for linking at the start and once for risks at the end.

    columns: what is kept of each file; table(columns) asks for some of them."""

    def __init__(self, folder: Path, schema: pa.Schema, columns: list[str]):
        self.folder, self.schema, self.columns = folder, schema, list(columns)
        self._files: dict[str, tuple[tuple, pa.Table]] = {}

    def remember(self, path: Path, table: pa.Table) -> None:
        """`table` (with at least self.columns) was just renamed into `path`."""
        key = _file_key(path)
        if key is not None:
            self._files[path.name] = (key, table.select(self.columns))

    def table(self, columns: list[str]) -> pa.Table:
        assert set(columns) <= set(self.columns), "only kept columns can be asked for"
        want = _selected(self.schema, columns)
        if not self.folder.is_dir():
            return want.empty_table()
        keep = _selected(self.schema, self.columns)
        names = sorted(n for n in os.listdir(self.folder)
                       if n.endswith(".parquet") and not n.startswith(IGNORED_PREFIXES))
        tables, seen = [], {}
        for name in names:
            key = _file_key(self.folder / name)
            if key is None:
                continue                  # replaced or removed meanwhile
            hit = self._files.get(name)
            if hit is None or hit[0] != key:
                table = _read_one(self.folder / name, self.columns, keep)
                if table is None:         # not as the schema says: the dataset API decides
                    return read_dataset(self.folder.parent, self.folder.name, columns)
                hit = (key, table)
            seen[name] = hit
            tables.append(hit[1])
        self._files = seen
        if not tables:
            return want.empty_table()
        try:
            return pa.concat_tables(tables).select(columns).cast(want)
        except (pa.ArrowException, ValueError):
            return read_dataset(self.folder.parent, self.folder.name, columns)


def _read_one(path: Path, columns: Optional[list[str]], want: pa.Schema) -> Optional[pa.Table]:
    """One file's rows as `want`, or None where it does not read so (a file removed
    meanwhile included)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        table = pq.ParquetFile(pa.BufferReader(data)).read(columns=columns, use_threads=False)
        return table if table.schema.equals(want) else table.cast(want)
    except (OSError, pa.ArrowException, ValueError, KeyError, TypeError):
        return None


def _read_with_stems(folder: Path, schema: pa.Schema, columns: list[str]) -> list[dict]:
    """Rows of a dataset with the stem of the file each came from (under "_stem")."""
    if not folder.is_dir():
        return []
    tables = _read_files(folder, schema, columns)
    if tables is None:
        dataset = ds.dataset(folder, schema=schema, format="parquet")
        tables = [(Path(f.path).stem, f.to_table(columns=columns, schema=schema))
                  for f in dataset.get_fragments()]
    rows = []
    for stem, table in tables:
        for r in table.to_pylist():
            r["_stem"] = stem
            rows.append(r)
    return rows


def known_reports(out_dir: PathLike) -> dict[str, str]:
    """source_path -> source_sha256 of every file stored with no failure after it."""
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


def known_rows(out_dir: PathLike, columns: Optional[list[str]] = None) -> Optional[pa.Table]:
    """The stored rows linking compares new reports with, or None if there are none."""
    root = Path(out_dir)
    if not (root / "controls").is_dir():
        return None
    table = read_dataset(root, "controls", columns or LINK_COLUMNS)
    return table if table.num_rows else None


# The name the pipeline used.
known_controls = known_rows


def risk_records(controls: pa.Table) -> list[dict]:
    """One record per risk_key, from controls rows (see CONTRACT.md, risks)."""
    from ikextract.link.keys import risk_label
    names = ("risk_key", "organisation", "municipality", "process", "risk", "control",
             "report_id", "year", "seq")
    key, org, muni, process, risk, control, rid, year, seq = (
        controls.column(n).to_pylist() for n in names)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(key):
        by_key[k].append(i)
    out = []
    for k in sorted(by_key):
        rows = by_key[k]
        years = sorted({year[i] for i in rows if year[i] is not None})
        # The label and board come from the latest occurrence: the current wording.
        last = max(rows, key=lambda i: (year[i] or 0, rid[i], seq[i] or 0))
        out.append({
            "risk_key": k,
            "organisation": org[last],
            "municipality": muni[last],
            "label": risk_label(process[last], risk[last], control[last]),
            "years": years,
            "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None,
            "n_reports": len({rid[i] for i in rows}),
        })
    return out
