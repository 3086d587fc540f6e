"""A report's files made ready by the worker that read it, so that the parent, which links
and commits every report of a batch one after another, does less per report: whatever the
parent does per report caps what more workers can gain.

A worker builds what needs none of the batch's shared state:
- the controls table (every column but risk_key, which the parent sets once the report is
  linked), sent as an Arrow IPC stream;
- the reports row, written to a temporary file (on disk: written and synced) in the
  processed folder's PREPARED_DIR, for the usual case: the report stored under its own
  paths, given no warning by linking. The parent renames that file into place where the row
  it would write is exactly this one, else writes its own and removes the prepared one
  (Store.write_report).

PREPARED_DIR is a folder of its own so that preparing changes nothing in reports/ (writers
notice another writer by the dataset folders changing, see Store._locked); it is on the
same file system, so the rename stays atomic. The temporary name carries the parent's pid
(files.TEMP_NAME): other writers' clean-up leaves it alone while the parent runs, and
removes it once the parent is gone (a parent killed before committing). Anything that goes
wrong here leaves the report unprepared: the parent then does all of it, as without this
module.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pyarrow as pa

from ikextract.link.index import first_link_note
from ikextract.model import Report
from ikextract.store.files import remove, write_temp
from ikextract.store.layout import PREPARED_DIR
from ikextract.store.records import _text, control_records, path_key, report_record
from ikextract.store.schema import CONTROLS_SCHEMA, REPORTS_SCHEMA

RISK_KEY = CONTROLS_SCHEMA.get_field_index("risk_key")


@dataclass
class PreparedReport:
    """A worker's result: the report, and its files as far as they can be made before linking."""
    report: Report
    controls_ipc: bytes
    record: Optional[dict] = None        # the reports row the prepared file holds
    report_file: Optional[str] = None    # that file, under a temporary name in reports/

    def controls(self) -> Optional[pa.Table]:
        """The controls table with each row's risk_key as linking set it (None where the
        prepared table does not fit the report: the caller builds its own)."""
        table = pa.ipc.open_stream(self.controls_ipc).read_all()
        rows = self.report.controls
        if table.num_rows != len(rows) or not table.schema.equals(CONTROLS_SCHEMA):
            return None
        rid = self.report.report_id
        keys = [_text(row.risk_key or f"unlinked-{rid}-{seq}") for seq, row in
                enumerate(rows, 1)]
        return table.set_column(RISK_KEY, CONTROLS_SCHEMA.field(RISK_KEY),
                                pa.array(keys, pa.string()))

    def take_report_file(self, path: Path, record: dict) -> Optional[Path]:
        """The prepared file, if it holds `record` and belongs at `path`; else None (and
        the prepared file is removed)."""
        if self.report_file is None:
            return None
        tmp, self.report_file = Path(self.report_file), None
        if record == self.record and tmp.parent == path.parent.parent / PREPARED_DIR and \
                tmp.name.startswith(f".{path.name}.") and tmp.exists():
            return tmp
        remove(tmp)
        return None

    def discard(self) -> None:
        """Remove a prepared file that was not taken (its report failed at link or store)."""
        if self.report_file is not None:
            remove(Path(self.report_file))
            self.report_file = None


def prepare(report: Report, source, out_dir: str, version: str, owner_pid: int,
            link: bool = True) -> PreparedReport | Report:
    """What a worker can make of `report` (read from `source`) for the store at out_dir;
    the report unprepared where anything fails (the parent then says why, as before).
    link: whether the batch links risks; the prepared row then has the warning linking
    gives where nothing of the report's board is stored yet (a report naming no
    municipality), the likeliest."""
    try:
        records = control_records(report)
        table = pa.Table.from_pylist(records, schema=CONTROLS_SCHEMA)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, CONTROLS_SCHEMA) as writer:
            writer.write_table(table)
        prepared = PreparedReport(report, sink.getvalue().to_pybytes())
    except Exception:
        return report
    try:
        paths = sorted({source.source_path, *source.aliases})
        record = report_record(report, version, paths[0], paths[1:],
                               (source.size, source.mtime_ns))
        note = first_link_note(report) if link else None
        if note and note not in report.warnings:
            record["warnings"] = _text([*report.warnings, note])
        name = f"{path_key(paths[0])}.parquet"
        tmp = Path(out_dir) / PREPARED_DIR / f".{name}.{owner_pid}-{os.getpid()}.tmp"
        write_temp(pa.Table.from_pylist([record], schema=REPORTS_SCHEMA), tmp, tmp)
        prepared.record, prepared.report_file = record, str(tmp)
    except Exception:
        pass              # a full disk, a read-only folder, a row the contract refuses
    return prepared
