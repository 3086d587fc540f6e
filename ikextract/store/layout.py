"""The processed folder's four dataset folders, created and upgraded to the current schema."""
from __future__ import annotations

from pathlib import Path
from typing import Union

import pyarrow as pa
import pyarrow.parquet as pq

from ikextract.store.files import clean_temp_files, folder_lock, write_atomic
from ikextract.store.schema import SCHEMAS

PathLike = Union[str, Path]
RISKS_FILE = "risks.parquet"
EMPTY_FILE = "empty.parquet"
# Reports files that workers write before the parent renames them into reports/ (see
# store.prepared); hidden, and no dataset.
PREPARED_DIR = ".prepared"


def ensure_layout(out_dir: PathLike) -> Path:
    """Create the four dataset folders and clear temporary files of dead writers.

    reports/, controls/ and failures/ each get an EMPTY_FILE: a Parquet file with the
    dataset's schema and no rows, so every reader (pandas, pyarrow, polars, a DuckDB glob)
    gets the typed columns even before the first report or failure arrives. risks/ always
    holds risks.parquet once rebuild_risks has run. Files written by an older version with
    fewer columns are rewritten with the current schema (see _upgrade).
    """
    root = Path(out_dir)
    for name, schema in SCHEMAS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        clean_temp_files(folder)
        empty = folder / (RISKS_FILE if name == "risks" else EMPTY_FILE)
        if empty.exists():
            if not pq.read_schema(empty).remove_metadata().equals(schema):
                _upgrade(folder, schema)
        elif name != "risks":
            write_atomic(schema.empty_table(), empty)
    try:                   # optional: without it the parent writes every file itself
        (root / PREPARED_DIR).mkdir(exist_ok=True)
        clean_temp_files(root / PREPARED_DIR)
    except OSError:
        pass
    return root


def _upgrade(folder: Path, schema: pa.Schema) -> None:
    """Rewrite every file of a dataset with `schema` (columns added since it was written
    become null, `extra` an empty list)."""
    with folder_lock(folder.parent):
        for f in sorted(folder.glob("*.parquet")):
            old = pq.read_table(f)
            if old.schema.remove_metadata().equals(schema):
                continue
            cols = []
            for field in schema:
                if field.name in old.column_names:
                    cols.append(old.column(field.name).cast(field.type))
                elif field.name == "extra":
                    cols.append(pa.array([[]] * old.num_rows, field.type))
                else:
                    cols.append(pa.nulls(old.num_rows, field.type))
            write_atomic(pa.Table.from_arrays(cols, schema=schema), f)
