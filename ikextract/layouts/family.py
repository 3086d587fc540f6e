"""The interface every layout family implements, and what they share.

A family looks at the whole document and proposes control records: each Proposal holds the
rows, the document items (indexes into Document.items) whose text it accounts for, and a
score. reconstruct() (ikextract/layouts/__init__.py) asks every registered family, keeps the
best proposals that do not overlap, and puts their rows in document order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ikextract.layouts.columns import ColumnMap, find_header
from ikextract.model import ControlRow, Document, Table, TextBlock


@dataclass
class Proposal:
    family: str
    rows: list[ControlRow]
    items: frozenset[int]                 # Document.items indexes it consumes
    score: float                          # higher wins an overlap; chars explained, weighted
    # Texts read as headings or labels (names of fields, not content), and texts turned into
    # typed values (risk_value, follows_plan) or repeating a field's text (a register risk
    # printed again in its section): the text accounting allows for both.
    labels: list[str] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def first_item(self) -> int:
        return min(self.items)


@dataclass
class Context:
    """What families share about one document, computed once."""
    doc: Document
    headers: dict[int, ColumnMap]         # item index of a table -> its header, if found
    table_index: dict[int, int]           # item index of a table -> its 0-based ordinal

    @property
    def items(self) -> list:
        return self.doc.items

    def unit_index(self, i: int) -> int:
        """source_table for a record starting at item i: the ordinal of the table at i, or
        for a block with no table, the number of tables before it."""
        at = self.table_index.get(i)
        return at if at is not None else sum(1 for j in self.table_index if j < i)


def build_context(doc: Document) -> Context:
    headers, index = {}, {}
    n = 0
    for i, item in enumerate(doc.items):
        if isinstance(item, Table) and item.nested_in is None:
            index[i] = n
            n += 1
            cmap = find_header(item)
            if cmap is not None:
                headers[i] = cmap
    return Context(doc=doc, headers=headers, table_index=index)


class LayoutFamily(Protocol):
    name: str

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        ...


def table_text(table: Table) -> list[str]:
    """Every distinct cell's text of a table, row by row."""
    out, seen = [], set()
    for row in table.rows:
        for cell in row:
            if id(cell) not in seen:
                seen.add(id(cell))
                if cell.text.strip():
                    out.append(cell.text)
    return out


def item_text(item) -> list[str]:
    if isinstance(item, Table):
        return table_text(item)
    if isinstance(item, TextBlock):
        return [item.text] if item.text.strip() else []
    return []


def chars(texts) -> int:
    """Characters of texts, whitespace-normalised (runs of space count as one)."""
    return sum(len(" ".join(t.split())) for t in texts if t)
