"""Arrow schemas of the four datasets, exactly as in CONTRACT.md (column order included).

Every file is written with one of these, even when empty or all-null, so every reader sees
the same type for a column in every file (an all-null column would otherwise become `null`).
Columns after the contract's are additions (the contract allows them).
"""
import pyarrow as pa

S, I16, I32, I64, F32, B = pa.string(), pa.int16(), pa.int32(), pa.int64(), pa.float32(), pa.bool_()
EXTRA = pa.list_(pa.struct([("label", S), ("text", S)]))

REPORTS_SCHEMA = pa.schema([
    ("report_id", S), ("source_path", S), ("source_sha256", S), ("source_format", S),
    ("title", S), ("organisation", S), ("municipality", S), ("year", I16), ("period", S),
    ("diarienummer", S), ("page_count", I32), ("n_controls", I32),
    ("extractor_version", S), ("warnings", pa.list_(S)), ("text_coverage", F32),
    # Added: other source paths whose bytes are identical to this report's, ingested as
    # this one report.
    ("duplicate_paths", pa.list_(S)),
    # Added: the source file's size and modification time when it was read, so a rerun
    # knows an unchanged file without reading its bytes again.
    ("source_size", I64), ("source_mtime_ns", I64),
])

CONTROLS_SCHEMA = pa.schema([
    ("control_id", S), ("report_id", S), ("seq", I32), ("year", I16), ("organisation", S),
    ("municipality", S), ("area", S), ("number", S), ("process", S), ("risk", S),
    ("risk_value", I16), ("risk_level", S), ("handling", S), ("control", S),
    ("responsible", S), ("frequency", S), ("method", S), ("result", S), ("comment", S),
    ("follows_plan", B), ("status", S), ("status_confidence", F32),
    ("status_evidence", S), ("risk_key", S), ("source_page", I32), ("source_table", I32),
    ("extra", EXTRA),
])

RISKS_SCHEMA = pa.schema([
    ("risk_key", S), ("organisation", S), ("municipality", S), ("label", S),
    ("years", pa.list_(I16)), ("first_year", I16), ("last_year", I16), ("n_reports", I32),
])

FAILURES_SCHEMA = pa.schema([
    ("source_path", S), ("source_sha256", S), ("stage", S), ("error_type", S), ("message", S),
    # Added, as in reports: what the file looked like when it failed (null when unknown).
    ("source_size", I64), ("source_mtime_ns", I64),
])

SCHEMAS = {
    "reports": REPORTS_SCHEMA,
    "controls": CONTROLS_SCHEMA,
    "risks": RISKS_SCHEMA,
    "failures": FAILURES_SCHEMA,
}
