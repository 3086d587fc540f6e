"""Risk keys for each report as a batch's results arrive (ikextract.link, in memory)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ikextract.model import Report


class _Linker:
    """risk_key for each report as it arrives, from ikextract.link.LinkIndex: an in-memory
    index of the stored boards, read once per batch and grown with each report."""

    def __init__(self, out_dir: Path, enabled: bool, store=None):
        """store: the batch's open Store, whose controls are read through it (and kept
        for rebuilding risks at the end); else read from out_dir."""
        self.enabled = enabled
        self.index = None
        self.error: Optional[Exception] = None
        if not enabled:
            return
        try:
            from ikextract.link import LinkIndex
            from ikextract.link.index import INDEX_COLUMNS
            if store is not None:
                self.index = LinkIndex.from_table(store.controls.table(INDEX_COLUMNS))
            else:
                self.index = LinkIndex.from_store(out_dir)
        except Exception as exc:      # each report then fails at link, and is retried
            self.error = exc

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
        self.index.assign(report)
