"""The rows a person should check first: least sure of their status or of their fields.

    ikextract review [DIR] [--json] [--limit N]

Read from a processed folder (DIR/controls, DIR/reports); nothing is re-extracted. Each row
gets a doubt score from what makes its status or fields unsure, worst first:
- a low status_confidence (the status stage's own doubt);
- conflicting evidence (status_evidence names what it conflicts with);
- a status left to the trained classifier, or okand while the row has text;
- text under headings that map to no field (`extra`);
- a report whose text_coverage is low (part of its tables did not reach any field).
Folders written before text_coverage or extra existed are read as if those were full / empty.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import click

DEFAULT_DIR = "data/processed"
COVERAGE_OK = 0.98            # the contract's threshold for a coverage warning
CONFLICT_WEIGHT = 0.35
CLASSIFIER_WEIGHT = 0.1
UNKNOWN_WITH_TEXT_WEIGHT = 0.15
EXTRA_WEIGHT = 0.15
EXTRA_CHARS_FULL = 1000       # this much text in extra adds EXTRA_WEIGHT once more
COVERAGE_WEIGHT = 2.0         # per unit of coverage below COVERAGE_OK
EVIDENCE_CHARS = 240

CONTROL_COLUMNS = ("control_id", "report_id", "seq", "status", "status_confidence",
                   "status_evidence", "source_page", "result", "comment", "control", "risk",
                   "extra")
REPORT_COLUMNS = ("report_id", "source_path", "text_coverage")


@dataclass
class ReviewItem:
    score: float
    control_id: str
    report: str                 # the report's source_path
    page: Optional[int]
    seq: Optional[int]
    status: str
    confidence: Optional[float]
    evidence: Optional[str]
    reasons: list[str] = field(default_factory=list)
    what: Optional[str] = None  # the control or risk, to find the row on the page


def _read(dir_: Path, name: str, wanted: tuple[str, ...]):
    """The dataset's wanted columns that exist, as a pandas DataFrame (None if absent)."""
    import pyarrow.dataset as ds
    path = dir_ / name
    if not path.exists():
        return None
    dataset = ds.dataset(str(path), format="parquet")
    columns = [c for c in wanted if c in dataset.schema.names]
    return dataset.to_table(columns=columns).to_pandas()


def _is_null(value) -> bool:
    if value is None:
        return True
    try:
        return value != value        # NaN
    except Exception:
        return False


def _extra_chars(extra) -> tuple[int, list[str]]:
    if extra is None:
        return 0, []
    try:
        entries = list(extra)
    except TypeError:          # NaN or a scalar where a folder has no extra
        return 0, []
    chars, labels = 0, []
    for item in entries:
        if isinstance(item, dict):
            label, text = item.get("label"), item.get("text")
        else:
            label, text = (list(item) + [None, None])[:2]
        chars += len(text or "")
        if label:
            labels.append(str(label))
    return chars, labels


def score_row(row: dict, coverage: Optional[float]) -> tuple[float, list[str]]:
    """The doubt of one row (higher: check first) and the reasons for it."""
    reasons = []
    confidence = row.get("status_confidence")
    confidence = None if _is_null(confidence) else float(confidence)
    score = 1.0 - confidence if confidence is not None else 1.0
    if confidence is None or confidence < 0.9:
        reasons.append(f"status confidence {confidence:.2f}" if confidence is not None
                       else "no status confidence")
    evidence = row.get("status_evidence")
    evidence = None if _is_null(evidence) else str(evidence)
    if evidence and ("conflicts with" in evidence or "conflicting evidence" in evidence):
        score += CONFLICT_WEIGHT
        reasons.append("conflicting evidence")
    if evidence and "(classifier)" in evidence:
        score += CLASSIFIER_WEIGHT
        reasons.append("status from the classifier, not a rule")
    has_text = any(not _is_null(row.get(f)) and str(row.get(f)).strip()
                   for f in ("result", "comment"))
    if row.get("status") == "okand" and has_text:
        score += UNKNOWN_WITH_TEXT_WEIGHT
        reasons.append("status okand although the row has text")
    chars, labels = _extra_chars(row.get("extra"))
    if chars:
        score += EXTRA_WEIGHT * (1 + min(1.0, chars / EXTRA_CHARS_FULL))
        reasons.append(f"{chars} chars in extra ({', '.join(dict.fromkeys(labels))})")
    if coverage is not None and coverage < COVERAGE_OK:
        score += COVERAGE_WEIGHT * (COVERAGE_OK - coverage)
        reasons.append(f"report text_coverage {coverage:.2f}")
    return round(score, 4), reasons


def review(dir_: Path, limit: Optional[int] = None) -> list[ReviewItem]:
    """Rows with any doubt, worst first (ties: report, then order in the report)."""
    dir_ = Path(dir_)
    controls = _read(dir_, "controls", CONTROL_COLUMNS)
    if controls is None or controls.empty:
        return []
    reports = _read(dir_, "reports", REPORT_COLUMNS)
    paths, coverage = {}, {}
    if reports is not None:
        for r in reports.to_dict("records"):
            paths[r["report_id"]] = r.get("source_path")
            cov = r.get("text_coverage")
            coverage[r["report_id"]] = None if _is_null(cov) else float(cov)
    items = []
    for row in controls.to_dict("records"):
        score, reasons = score_row(row, coverage.get(row.get("report_id")))
        if not reasons:
            continue
        page = row.get("source_page")
        seq = row.get("seq")
        evidence = row.get("status_evidence")
        evidence = None if _is_null(evidence) else str(evidence)
        what = next((str(row[f]) for f in ("control", "risk")
                     if not _is_null(row.get(f)) and str(row.get(f)).strip()), None)
        confidence = row.get("status_confidence")
        items.append(ReviewItem(
            score=score, control_id=str(row.get("control_id")),
            report=str(paths.get(row.get("report_id"), row.get("report_id"))),
            page=None if _is_null(page) else int(page), seq=None if _is_null(seq) else int(seq),
            status=str(row.get("status")),
            confidence=None if _is_null(confidence) else round(float(confidence), 3),
            evidence=evidence, reasons=reasons,
            what=what if what is None or len(what) <= 120 else what[:119] + "…"))
    items.sort(key=lambda i: (-i.score, i.report, i.seq or 0))
    return items[:limit] if limit else items


def format_items(items: list[ReviewItem]) -> str:
    if not items:
        return "nothing to review: every row is sure of its status and fields"
    lines = []
    for rank, i in enumerate(items, 1):
        where = i.report + (f", page {i.page}" if i.page else "") + (f", row {i.seq}" if i.seq else "")
        conf = f"{i.confidence:.2f}" if i.confidence is not None else "-"
        lines.append(f"{rank:>3}. doubt {i.score:.2f}  {i.status} ({conf})  {where}")
        if i.what:
            lines.append(f"     row:      {i.what}")
        lines.append(f"     why:      {'; '.join(i.reasons)}")
        if i.evidence:
            ev = i.evidence if len(i.evidence) <= EVIDENCE_CHARS else i.evidence[:EVIDENCE_CHARS - 1] + "…"
            lines.append(f"     evidence: {ev}")
    return "\n".join(lines)


@click.command("review")
@click.argument("dir_", metavar="[DIR]", default=DEFAULT_DIR,
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The rows as a JSON list.")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True,
              help="At most this many rows (0: all).")
def review_command(dir_: Path, as_json: bool, limit: int) -> None:
    """The rows least sure of their status or fields, worst first, to the page."""
    if not (dir_ / "controls").exists():
        raise click.UsageError(f"{dir_}: no controls dataset (run ikextract ingest first)")
    items = review(dir_, limit or None)
    if as_json:
        click.echo(json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=2))
    else:
        click.echo(format_items(items))
