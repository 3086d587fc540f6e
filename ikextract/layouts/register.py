"""The register family: a register of prioritised risks (Risk, Hantering, Bedömning), then
sections reporting each risk's review (Granskning) or action (Åtgärd). One row per risk: the
sections' rows are folded into the register row about the same risk."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ikextract.layouts.columns import ColumnMap
from ikextract.layouts.family import Context, Proposal
from ikextract.layouts.grid import TableGroup, table_groups
from ikextract.model import ControlRow, Document

REGISTER_FIELDS = {"risk", "handling", "risk_level", "risk_value", "process", "number", "area"}
# "(G)" marks a risk shared by the whole municipality (kommungemensam); not part of the risk.
RISK_MARKER = re.compile(r"^\s*\(([A-ZÅÄÖ]{1,3})\)\s*")
MATCH_THRESHOLD = 0.85
MARKER_LABEL = "Markering"


class RegisterFamily:
    name = "register"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        groups = table_groups(context)
        out = []
        for k, group in enumerate(groups):
            if not is_register(group.cmap):
                continue
            later = []
            for other in groups[k + 1:]:
                if is_register(other.cmap):
                    break
                later.append(other)
            out.append(self._merge(group, later))
        return out

    def _merge(self, register: TableGroup, sections: list[TableGroup]) -> Proposal:
        for row in register.rows:
            strip_marker(row)
        rows = list(register.rows)
        used = set(register.items)
        labels, parsed, warnings = list(register.labels), list(register.parsed), register.warnings()
        score = register.proposal().score
        for section in sections:
            matched = [r for r in section.rows if r.risk and _best_match(r, register.rows)]
            if not matched:
                continue
            used |= set(section.items)
            labels += section.labels
            parsed += section.parsed
            warnings += section.warnings()
            score += section.proposal().score
            for row in section.rows:
                strip_marker(row)
                target = _best_match(row, register.rows) if row.risk else None
                if target is None:
                    rows.append(row)
                else:
                    merge_into(target, row, parsed)
        # The sections' words are accounted for in the register rows: one record per risk.
        return Proposal(self.name, rows, frozenset(used), score * 1.05, labels=labels,
                        parsed=parsed, warnings=warnings)


def is_register(cmap: ColumnMap) -> bool:
    fields = cmap.field_set
    return "risk" in fields and bool(fields & {"handling", "risk_level"}) and fields <= REGISTER_FIELDS


def strip_marker(row: ControlRow) -> None:
    if row.risk:
        m = RISK_MARKER.match(row.risk)
        if m:
            row.risk = row.risk[m.end():]
            row.extra.setdefault(MARKER_LABEL, m.group(1))


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^\wåäö]+", " ", (text or "").lower()).split())


def merge_into(target: ControlRow, row: ControlRow, repeated: list[str]) -> None:
    """A section's row folded into its register row: fields the register lacks are taken;
    text that differs from what the register already holds is kept in extra, text that
    repeats it is noted in `repeated` (for the text accounting)."""
    for name in ("control", "result", "comment", "method", "responsible", "frequency",
                 "process", "handling", "risk_level", "area", "number"):
        value = getattr(row, name)
        if not value:
            continue
        current = getattr(target, name)
        if not current:
            setattr(target, name, value)
        elif _key(current) != _key(value):
            target.extra.setdefault(name, value)
        else:
            repeated.append(value)
    if row.risk and _key(row.risk) != _key(target.risk):
        target.extra.setdefault("risk", row.risk)
    elif row.risk:
        repeated.append(row.risk)
    if target.follows_plan is None:
        target.follows_plan = row.follows_plan
    if target.risk_value is None:
        target.risk_value = row.risk_value
    target.status_cells += row.status_cells
    if target.status_text is None:
        target.status_text = row.status_text
    for k, v in row.extra.items():
        if k not in target.extra:
            target.extra[k] = v
        elif _key(target.extra[k]) == _key(v):
            repeated.append(v)
        else:
            target.extra[k] = target.extra[k] + "\n" + v


def _best_match(row: ControlRow, register: list[ControlRow]) -> ControlRow | None:
    key = _key(row.risk)
    best, best_score = None, MATCH_THRESHOLD
    for candidate in register:
        score = SequenceMatcher(None, key, _key(candidate.risk), autojunk=False).ratio()
        if score >= best_score:
            best, best_score = candidate, score
    return best
