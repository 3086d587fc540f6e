"""The register layout: a register of prioritised risks (Risk, Hantering, Bedömning), then
sections reporting each risk's review (Granskning) or action (Åtgärd). One row per risk."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ikextract.layouts.columns import ColumnMap
from ikextract.model import ControlRow

REGISTER_FIELDS = {"risk", "handling", "risk_level", "risk_value", "process", "number", "area"}
# "(G)" marks a risk shared by the whole municipality (kommungemensam); not part of the risk.
RISK_MARKER = re.compile(r"^\s*\(([A-ZÅÄÖ]{1,3})\)\s*")
MATCH_THRESHOLD = 0.85


def is_register(cmap: ColumnMap) -> bool:
    fields = cmap.field_set
    return "risk" in fields and bool(fields & {"handling", "risk_level"}) and fields <= REGISTER_FIELDS


def strip_marker(row: ControlRow) -> None:
    if row.risk:
        m = RISK_MARKER.match(row.risk)
        if m:
            row.risk = row.risk[m.end():]
            row.extra.setdefault("Markering", m.group(1))


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^\wåäö]+", " ", (text or "").lower()).split())


def merge_sections(rows: list[ControlRow], register_tables: set[int]) -> list[ControlRow]:
    """Fold rows of later tables into the register row about the same risk."""
    if not register_tables:
        return rows
    register = [r for r in rows if r.source_table in register_tables]
    out: list[ControlRow] = []
    for row in rows:
        if row.source_table in register_tables or not row.risk:
            out.append(row)
            continue
        target = _best_match(row, register)
        if target is None:
            out.append(row)
            continue
        for name in ("control", "result", "comment", "method", "responsible", "frequency",
                     "process", "handling", "risk_level", "status_text"):
            value = getattr(row, name)
            if value and not getattr(target, name):
                setattr(target, name, value)
        if target.follows_plan is None:
            target.follows_plan = row.follows_plan
        for k, v in row.extra.items():
            target.extra.setdefault(k, v)
    return out


def _best_match(row: ControlRow, register: list[ControlRow]) -> ControlRow | None:
    key = _key(row.risk)
    best, best_score = None, MATCH_THRESHOLD
    for candidate in register:
        score = SequenceMatcher(None, key, _key(candidate.risk), autojunk=False).ratio()
        if score >= best_score:
            best, best_score = candidate, score
    return best
