"""Reports and their rows as the contract's Parquet records, and the file name per source path."""
from __future__ import annotations

import hashlib
from typing import Optional

from ikextract.model import ROW_FIELDS, STATUS_CODES, Report


def path_key(source_path: str) -> str:
    """The file stem for one source path (reports, controls and failures alike)."""
    return hashlib.sha256(source_path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def failure_file_name(source_path: str) -> str:
    return path_key(source_path) + ".parquet"


def _text(value):
    """Text as Parquet needs it (valid UTF-8): a lone surrogate (a file name's undecodable
    byte, a PDF's broken character map) is written as its escape, \\udcXX."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
        return value
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items()}
    return value


def _clean(record: dict) -> dict:
    return {k: _text(v) for k, v in record.items()}


def _int(value) -> Optional[int]:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def report_record(report: Report, extractor_version: str, source_path: Optional[str] = None,
                  duplicate_paths: Optional[list[str]] = None,
                  stamp: Optional[tuple[int, int]] = None) -> dict:
    m = report.meta
    if m.year in (None, ""):
        raise ValueError("report metadata lacks year, which the contract requires")
    coverage = getattr(report, "text_coverage", None)
    return _clean({
        "report_id": report.report_id,
        "source_path": source_path or report.source_path,
        "source_sha256": report.source_sha256,
        "source_format": report.source_format,
        "title": m.title,
        "organisation": m.organisation or None,
        "municipality": m.municipality,
        "year": _int(m.year),
        "period": m.period,
        "diarienummer": m.diarienummer,
        "page_count": _int(report.page_count),
        "n_controls": len(report.controls),
        "extractor_version": extractor_version,
        "warnings": list(report.warnings),
        "text_coverage": float(coverage) if coverage is not None else None,
        "duplicate_paths": list(duplicate_paths or []),
        "source_size": stamp[0] if stamp else None,
        "source_mtime_ns": stamp[1] if stamp else None,
    })


def _extra(row) -> list[dict]:
    extra = getattr(row, "extra", None) or {}
    items = extra.items() if isinstance(extra, dict) else extra
    return [{"label": str(k), "text": "" if v is None else str(v)} for k, v in items]


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
            "organisation": m.organisation or None,
            "municipality": m.municipality,
        }
        rec.update({f: getattr(row, f) for f in ROW_FIELDS})
        rec["risk_value"] = _int(rec["risk_value"])
        rec.update({
            "status": row.status,
            "status_confidence": float(row.status_confidence or 0.0),
            "status_evidence": row.status_evidence,
            # Unlinked rows (a pipeline that skips linking) still need a key: their own id.
            "risk_key": row.risk_key or f"unlinked-{report.report_id}-{seq}",
            "source_page": _int(row.source_page),
            "source_table": _int(row.source_table) or 0,
            "extra": _extra(row),
        })
        records.append(_clean(rec))
    return records


def _paths(rec: dict) -> list[str]:
    return [rec["source_path"], *(rec.get("duplicate_paths") or [])]
