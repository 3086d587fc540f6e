"""Status of a control: the contract's precedence over a row's columns and texts, the rules
over the whole of a text, and the trained classifier only where the rules settle nothing.

Precedence (CONTRACT.md, "Status codes"):
1. columns and labels that state a finding (columns.py: status and assessment columns,
   "Avvikelse (Ja/Nej)", "Godkänd", colours through the report's legend, "Följer plan");
2. columns that state only progress decide pagar / ej_paborjad / ej_utford; a finished
   control's finding comes from its result;
3. the result, then the comment.
Errors are weighed by cost: a false all-clear is the worst, so conflicting evidence gives the
code that does not hide a deviation (or a lower confidence), and an unsure text is okand.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..model import STATUS_CODES, ControlRow, replace_row
from .columns import DONE, PROGRESS_CODES, CellReading, read_cell
from .reading import (EVIDENCE_MAX, LONG_SENTENCE_WORDS, SENTENCE_MIN,  # noqa: F401
                      SHORT_TEXT_TOKENS, TEXTCAT_CONFIDENCE_CAP, TEXTCAT_MIN,
                      TEXTCAT_MIN_CLEAR, UNKNOWN, WEAK_HINT_CONFIDENCE, StatusDecision,
                      TextReading, _clean, _read_texts, _statements, classify_text,
                      classify_texts, read_texts)
from .evidence import DEVIATION_CODES
from .textcat import (DEFAULT_MODEL_DIR, MODEL_ENV, RULES_ONLY,  # noqa: F401
                      StatusModelMissing, _load_textcat, get_textcat, model_dir)

SEVERITY = {"avvikelser": 0, "mindre_avvikelser": 1, "ej_utford": 2, "ej_paborjad": 3,
            "pagar": 4, "inga_avvikelser": 5, UNKNOWN: 6}


# ------------------------------------------------------------------------------- rows

def _cells(row: ControlRow, legend: Optional[dict]) -> list[CellReading]:
    cells = list(row.status_cells or [])
    status_text = _clean(row.status_text)
    if status_text and not any(_clean(t) == status_text for _, t in cells):
        cells.insert(0, ("Status", status_text))
    out = []
    for heading, text in cells:
        reading = read_cell(heading, text, legend)
        if reading is not None:
            out.append(reading)
    return out


def _field_evidence(field: str, reading: TextReading) -> Optional[str]:
    if reading.sentence is None:
        return None
    tag = " (classifier)" if reading.by == "textcat" else ""
    return f"{field}: '{reading.sentence}'{tag}"


def _text_decision(row: ControlRow, result: TextReading, comment: TextReading
                   ) -> tuple[TextReading, str]:
    """The result decides, then the comment: (reading, field)."""
    if result.code != UNKNOWN:
        return result, "result"
    # A comment is mostly plans and next steps ("Åtgärd genom att ..."): only what a rule
    # reads in it counts, not the classifier's impression.
    if comment.code != UNKNOWN and comment.by != "textcat":
        if result.done_hint and comment.code in ("pagar", "ej_paborjad"):
            # "Ej påbörjad" in a comment about a later step: the control itself was done.
            return result, "result"
        return comment, "comment"
    if _clean(row.result):
        return result, "result"
    return comment, "comment"


def _decide(row: ControlRow, result: TextReading, comment: TextReading,
            legend: Optional[dict]) -> StatusDecision:
    cells = _cells(row, legend)
    text, field = _text_decision(row, result, comment)
    text_evidence = _field_evidence(field, text)
    findings = [c for c in cells if c.kind == "finding" and c.code in STATUS_CODES
                and c.code != UNKNOWN]
    progress = [c for c in cells if c.kind == "progress"]

    # 1. A column stating the finding wins.
    if findings:
        chosen = min(findings, key=lambda c: SEVERITY[c.code])
        confidence = chosen.confidence
        evidence = chosen.evidence
        if len({c.code for c in findings}) > 1:
            confidence = min(confidence, 0.6)
            evidence += " | conflicts with " + "; ".join(c.evidence for c in findings
                                                         if c.code != chosen.code)
        if chosen.code == "inga_avvikelser" and text.code in DEVIATION_CODES:
            confidence = min(confidence, 0.6)
            evidence += f" | conflicts with {text_evidence}"
        elif chosen.code == "mindre_avvikelser" and text.code == "avvikelser":
            confidence = min(confidence, 0.75)
            evidence += f" | conflicts with {text_evidence}"
        return StatusDecision(chosen.code, round(confidence, 3), evidence)

    # "Följer plan": Ja with nothing more specific is inga_avvikelser, Nej is avvikelser.
    if row.follows_plan is not None:
        if text.code in DEVIATION_CODES and text.by in ("rules", "label", "doubt") and (
                row.follows_plan is False or (field == "result" and text.confidence >= 0.95)):
            return StatusDecision(text.code, round(min(text.confidence, 0.85), 3),
                                  f"{text_evidence} | Följer plan: "
                                  + ("Ja" if row.follows_plan else "Nej"))
        if row.follows_plan:
            if text.by == "doubt" or (field == "result" and text.code in DEVIATION_CODES):
                # "Ja" with a result that doubts it or reports a deviation less surely: the
                # column still decides, said less surely (a false all-clear costs most)
                return StatusDecision("inga_avvikelser", 0.7,
                                      f"Följer plan: Ja | conflicts with {text_evidence}")
            return StatusDecision("inga_avvikelser", 0.95, "Följer plan: Ja")
        return StatusDecision("avvikelser", 0.95, "Följer plan: Nej")

    # 2. A progress column: not finished decides; finished leaves the finding to the result.
    not_done = [c for c in progress if c.code in PROGRESS_CODES]
    if not_done:
        chosen = min(not_done, key=lambda c: SEVERITY[c.code])
        confidence, evidence = chosen.confidence, chosen.evidence
        if text.code in DEVIATION_CODES or (text.code in PROGRESS_CODES and text.code != chosen.code):
            confidence = min(confidence, 0.7)
            evidence += f" | conflicts with {text_evidence}"
        return StatusDecision(chosen.code, round(confidence, 3), evidence)
    done = [c for c in progress if c.code == DONE]
    if done:
        column = done[0].evidence
        if text.code == UNKNOWN:
            return StatusDecision(UNKNOWN, 0.5, f"{column}; the result states no finding")
        confidence = text.confidence
        if text.code in PROGRESS_CODES:
            confidence = min(confidence, 0.6)
            return StatusDecision(text.code, round(confidence, 3),
                                  f"{text_evidence} | conflicts with {column}")
        return StatusDecision(text.code, round(confidence, 3), f"{text_evidence}; {column}")

    # 3. The result, then the comment.
    if text.code == UNKNOWN:
        if text_evidence is None and _clean(getattr(row, field)):
            text_evidence = f"{field}: no sentence states a status"
        return StatusDecision(UNKNOWN, text.confidence, text_evidence)
    confidence = text.confidence
    evidence = text_evidence
    if text.conflict:
        evidence = f"{evidence} | conflicting evidence in the {field}"
    if field == "result" and text.code == "inga_avvikelser" and comment.code in DEVIATION_CODES:
        confidence = min(confidence, 0.7)
        evidence += f" | conflicts with {_field_evidence('comment', comment)}"
    return StatusDecision(text.code, round(confidence, 3), evidence)


def decide_rows(rows: Sequence[ControlRow], legend: Optional[dict] = None
                ) -> list[StatusDecision]:
    results = read_texts([r.result for r in rows])
    comments = read_texts([r.comment for r in rows])
    out = []
    for row, result, comment in zip(rows, results, comments):
        d = _decide(row, result, comment, legend)
        assert d.code in STATUS_CODES, d
        out.append(d)
    return out


def classify_row(row: ControlRow, legend: Optional[dict] = None) -> StatusDecision:
    return decide_rows([row], legend)[0]


def apply(rows: list[ControlRow], legend: Optional[dict] = None,
          warnings: Optional[list] = None) -> list[ControlRow]:
    """Set status, status_confidence and status_evidence on every row (legend: the report's
    colour legend, legend.find_legend(document)). A row whose text the stage fails on gets
    okand at confidence 0 and a warning (appended to warnings), not the loss of its report."""
    try:
        decisions = decide_rows(rows, legend)
    except Exception:   # noqa: BLE001 - one odd cell must not cost the report its rows
        decisions = [_decide_alone(r, legend, k, warnings) for k, r in enumerate(rows)]
    return [replace_row(r, status=d.code, status_confidence=float(d.confidence),
                        status_evidence=d.evidence)
            for r, d in zip(rows, decisions)]


def _decide_alone(row: ControlRow, legend: Optional[dict], k: int,
                  warnings: Optional[list]) -> StatusDecision:
    try:
        return decide_rows([row], legend)[0]
    except Exception as e:  # noqa: BLE001
        message = f"status of row {k + 1} not read ({type(e).__name__}: {e}); set to okand"
        if warnings is not None:
            warnings.append(message)
        return StatusDecision(UNKNOWN, 0.0, message)
