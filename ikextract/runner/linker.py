"""Risk keys for each report as a batch's results arrive (ikextract.link, in memory)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ikextract.model import Report


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
