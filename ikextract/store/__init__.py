"""Store: reports, rows and failures as Parquet datasets with the contract's Arrow schema."""
from ikextract.store.datasets import (Store, ensure_layout, known_controls, known_reports,
                                      known_rows, path_key, read_dataset, rebuild_risks,
                                      remove_orphans, write_failure, write_report)
from ikextract.store.schema import (CONTROLS_SCHEMA, FAILURES_SCHEMA, REPORTS_SCHEMA,
                                    RISKS_SCHEMA, SCHEMAS)

__all__ = [
    "Store", "write_report", "write_failure", "known_reports", "known_rows", "known_controls",
    "rebuild_risks", "ensure_layout", "read_dataset", "remove_orphans", "path_key",
    "REPORTS_SCHEMA", "CONTROLS_SCHEMA", "RISKS_SCHEMA", "FAILURES_SCHEMA", "SCHEMAS",
]
