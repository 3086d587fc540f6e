"""The register family: a register of prioritised risks (Risk, Hantering, Bedömning), then
sections reporting each risk's review (Granskning) or action (Åtgärd). One row per risk: the
sections' rows are folded into the register row about the same risk."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ikextract.layouts.columns import ColumnMap
from ikextract.layouts.family import Context, Proposal
from ikextract.layouts.grid import TableGroup, table_groups
from ikextract.layouts.meaning import stem
from ikextract.layouts.vocabulary import value_words
from ikextract.model import ControlRow, Document

# What a register never holds: the sections report it.
SECTION_FIELDS = {"control", "result", "method", "comment", "follows_plan"}
# "(G)" marks a risk shared by the whole municipality (kommungemensam); not part of the risk.
RISK_MARKER = re.compile(r"^\s*\(([A-ZÅÄÖ]{1,3})\)\s*")
MATCH_THRESHOLD = 0.85


class RegisterFamily:
    name = "register"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        from ikextract.layouts.labelled_paragraphs import LabelledParagraphsFamily
        groups = table_groups(context)
        registers = [g for g in groups if is_register(g.cmap)]
        if not registers:
            return []
        # Sections may report on each risk in labelled paragraphs instead of tables.
        written = LabelledParagraphsFamily().propose(doc, context)
        out = []
        for k, group in enumerate(registers):
            start = group.items[0]
            end = registers[k + 1].items[0] if k + 1 < len(registers) else len(context.items)
            later = [g for g in groups if start < g.items[0] < end and g is not group]
            paragraphs = [p for p in written if start < p.first_item < end]
            out.append(self._merge(group, later, paragraphs))
        return out

    def _merge(self, register: TableGroup, sections: list[TableGroup],
               paragraphs: list[Proposal]) -> Proposal:
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
        for p in paragraphs:
            row = p.rows[0]
            if not row.risk and row.process:
                # A section titled with a name ("Läkemedelshantering") read as its process:
                # under a register, the title names one of the register's risks.
                row.risk, row.process = row.process, None
            strip_marker(row)
            target = _best_match(row, register.rows) if row.risk else None
            if target is None:
                continue
            used |= p.items
            labels += p.labels
            parsed += p.parsed
            warnings += p.warnings
            score += p.score
            merge_into(target, row, parsed)
        # The sections' words are accounted for in the register rows: one record per risk.
        return Proposal(self.name, rows, frozenset(used), score * 1.05, labels=labels,
                        parsed=parsed, warnings=warnings)


def is_register(cmap: ColumnMap) -> bool:
    """A table of risks and how they are rated or handled, with nothing on what the controls
    found: the sections after it say that."""
    fields = cmap.field_set
    return "risk" in fields and bool(fields & {"handling", "risk_level", "risk_value"}) \
        and not fields & SECTION_FIELDS


def strip_marker(row: ControlRow) -> None:
    if row.risk:
        m = RISK_MARKER.match(row.risk)
        if m:
            row.risk = row.risk[m.end():]
            row.extra.setdefault(value_words("extra_label")["marker"], m.group(1))


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^\wåäö]+", " ", (text or "").lower()).split())


def merge_into(target: ControlRow, row: ControlRow, repeated: list[str]) -> None:
    """A section's row folded into its register row: fields the register lacks are taken
    (not the area: a section's heading only repeats the handling, "3.1 Kontroller");
    text that differs from what the register already holds is kept in extra, text that
    repeats it is noted in `repeated` (for the text accounting)."""
    for name in ("control", "result", "comment", "method", "responsible", "frequency",
                 "process", "handling", "risk_level", "number"):
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
        score = similarity(key, _key(candidate.risk))
        if score >= best_score:
            best, best_score = candidate, score
    return best


def similarity(a: str, b: str) -> float:
    """How surely two printings name one risk: their spelling, or a short name whose word
    stems all stand in the longer text ("Läkemedelshantering" in "Brister i
    läkemedelshanteringen inom hemtjänsten")."""
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    # Words of three letters or fewer ("i", "av", "och") say nothing about which risk it is.
    short, long = sorted(([w for w in a.split() if len(w) > 3], [w for w in b.split() if len(w) > 3]),
                         key=len)
    if not short:
        return ratio
    stems = [stem(w) for w in long]
    found = sum(1 for w in short if any(s.startswith(stem(w)) or stem(w).startswith(s)
                                        for s in stems))
    contained = found / len(short) if len(short) >= 2 or len(short[0]) >= 8 else 0.0
    return max(ratio, 0.9 * contained)
