"""Layouts: from a Document's tables and text blocks to ControlRows.

Every layout family (one module each, registered in FAMILIES) proposes control records with
a score; reconstruct() keeps the best proposals that do not overlap, in document order, and
accounts for the text: what is not in a contract field is in the rows' extra.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ikextract.layouts.abbreviations import spell_out_labels
from ikextract.layouts.blocks import BlocksFamily
from ikextract.layouts.family import (Context, LayoutFamily, Proposal, build_context, chars,
                                      item_text)
from ikextract.layouts.grid import GridFamily
from ikextract.layouts.label_value import LabelValueFamily
from ikextract.layouts.labelled_paragraphs import LabelledParagraphsFamily
from ikextract.layouts.register import RegisterFamily, strip_marker
from ikextract.model import ControlRow, Document

# The registry: a new layout family is a new module and one line here. On equal scores the
# earlier family wins.
FAMILIES: list[LayoutFamily] = [
    RegisterFamily(),
    BlocksFamily(),
    LabelValueFamily(),
    LabelledParagraphsFamily(),
    GridFamily(),
]
# Below this share of the control text in contract fields, say which labels went to extra.
COVERAGE_WARNING = 0.98


@dataclass
class Reconstruction:
    rows: list[ControlRow]
    warnings: list[str] = field(default_factory=list)
    # Share of the control tables' and blocks' characters that landed in contract fields.
    text_coverage: float = 1.0
    items: frozenset[int] = frozenset()   # Document.items the rows were read from
    labels: list[str] = field(default_factory=list)   # texts read as headings and labels
    parsed: list[str] = field(default_factory=list)   # texts turned into typed values
    proposals: list[Proposal] = field(default_factory=list)


def reconstruct(doc: Document, families: list[LayoutFamily] | None = None) -> Reconstruction:
    context = build_context(doc)
    order = families if families is not None else FAMILIES
    proposals: list[tuple[float, int, int, Proposal]] = []
    for rank, family in enumerate(order):
        for k, p in enumerate(family.propose(doc, context)):
            if p.rows and p.items:
                proposals.append((-p.score, rank, k, p))
    chosen = resolve([p for *_, p in sorted(proposals, key=lambda t: t[:3])])
    used: set[int] = set().union(*(p.items for p in chosen)) if chosen else set()
    chosen.sort(key=lambda p: p.first_item)
    _number_units(context, chosen)
    rows = [row for p in chosen for row in p.rows]
    for row in rows:
        strip_marker(row)
    warnings = _grouped([w for p in chosen for w in p.warnings])
    labels = [t for p in chosen for t in p.labels]
    parsed = [t for p in chosen for t in p.parsed]
    coverage = text_coverage(doc, used, labels, rows)
    warnings += spell_out_labels(doc, rows)
    if rows and coverage < COVERAGE_WARNING:
        names = list(dict.fromkeys(k for row in rows for k in row.extra))
        warnings.append(f"text coverage {coverage:.2f}: the text under "
                        + ", ".join(f"'{n}'" for n in names[:8])
                        + (" ..." if len(names) > 8 else "") + " is in extra, not in a field")
    return Reconstruction(rows=rows, warnings=warnings, text_coverage=coverage,
                          items=frozenset(used), labels=labels, parsed=parsed, proposals=chosen)


def _number_units(context: Context, chosen: list[Proposal]) -> None:
    """source_table: the 0-based index of the table or block a row comes from, counting
    every table and every control block that has no table, in document order."""
    tables = set(context.table_index)
    tableless = [p for p in chosen if not p.items & tables]
    no_table = {id(p) for p in tableless}
    if not tableless:
        return    # then it is the table's own index, as the rows already say
    starts = sorted(tables | {p.first_item for p in tableless})
    rank = {i: k for k, i in enumerate(starts)}
    by_ordinal = {n: rank[i] for i, n in context.table_index.items()}
    for p in chosen:
        for row in p.rows:
            row.source_table = (rank[p.first_item] if id(p) in no_table
                                else by_ordinal.get(row.source_table, row.source_table))


_WHERE = re.compile(r"^(table [^:]+?|section '.*?'(?=: )): (.*)$", re.S)


def _grouped(warnings: list[str]) -> list[str]:
    """One line per mapping, naming every table or section it was made in: "label
    'Kontrollfrekvens' read as frequency: ... (tables 0, 1, 2)"."""
    where: dict[str, list[str]] = {}
    for w in warnings:
        m = _WHERE.match(w)
        place, text = (m.group(1), m.group(2)) if m else ("", w)
        places = where.setdefault(text, [])
        if place and place not in places:
            places.append(place)
    out = []
    for text, places in where.items():
        tables = [p[6:] for p in places if p.startswith("table ")]
        sections = [p for p in places if not p.startswith("table ")]
        said = ([("table " if len(tables) == 1 else "tables ") + ", ".join(tables)] if tables
                else []) + sections
        out.append(f"{text} ({'; '.join(said)})" if said else text)
    return out


def resolve(ranked: list[Proposal]) -> list[Proposal]:
    """The proposals kept, from a list best first: each is kept unless the proposals it
    overlaps, taken together (the best of them that do not overlap each other), explain more.
    So two label/value tables beat one grid that swallowed both, and a block beats its table
    read alone."""
    chosen: list[Proposal] = []
    used: set[int] = set()
    rejected: set[int] = set()
    for k, p in enumerate(ranked):
        if k in rejected or not used.isdisjoint(p.items):
            continue
        rivals, rival_items = 0.0, set()
        for q in ranked[k + 1:]:
            if not p.items.isdisjoint(q.items) and used.isdisjoint(q.items) \
                    and rival_items.isdisjoint(q.items) and q.family != p.family:
                rivals += q.score
                rival_items |= q.items
        if rivals > p.score:
            rejected.add(k)
            continue
        chosen.append(p)
        used |= p.items
    return chosen


def text_coverage(doc: Document, used: set[int], labels: list[str],
                  rows: list[ControlRow]) -> float:
    """Characters of the control text (tables and blocks read, less their headings and
    labels) that are in contract fields: all but what went to extra."""
    content = chars(t for i in used for t in item_text(doc.items[i])) - chars(labels)
    if content <= 0:
        return 1.0
    in_extra = chars(v for row in rows for v in row.extra.values())
    return max(0.0, min(1.0, 1.0 - in_extra / content))


__all__ = ["FAMILIES", "Context", "LayoutFamily", "Proposal", "Reconstruction", "reconstruct"]
