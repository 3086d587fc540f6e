"""Finding a table's header row and mapping its columns to contract fields by their words."""
from __future__ import annotations

from dataclasses import dataclass, field

from ikextract.layouts.vocabulary import CORE_FIELDS, match_heading, normalise_heading
from ikextract.model import Cell, Table

HEADER_SEARCH_ROWS = 3


@dataclass
class ColumnMap:
    header_row: int                              # index of the (last) header row
    fields: dict[int, str]                       # grid column -> field
    unknown: dict[int, str] = field(default_factory=dict)   # grid column -> heading text
    header_texts: list[str] = field(default_factory=list)   # normalised, to spot repeats

    @property
    def field_set(self) -> set[str]:
        return set(self.fields.values())

    def column_of(self, name: str) -> int | None:
        for col, f in self.fields.items():
            if f == name:
                return col
        return None


def origin_cells(row: list[Cell], r: int | None = None) -> list[tuple[int, Cell]]:
    """(column, cell) for each distinct cell of a grid row, at the column it starts in."""
    out, seen = [], set()
    for c, cell in enumerate(row):
        if id(cell) in seen:
            continue
        seen.add(id(cell))
        out.append((c, cell))
    return out


def map_header_row(table: Table, r: int) -> ColumnMap | None:
    candidates = []
    unknown = {}
    for c, cell in origin_cells(table.rows[r]):
        text = cell.text.strip()
        if not text:
            continue
        m = match_heading(text)
        if m is None:
            unknown[c] = text
        else:
            candidates.append((m.score, c, m))
    # Strongest headings choose first; a weaker one falls back, or is reported as unknown.
    fields: dict[int, str] = {}
    taken: set[str] = set()
    for _, c, m in sorted(candidates, key=lambda t: (-t[0], t[1])):
        for name in (m.field, m.fallback):
            if name and name not in taken:
                fields[c] = name
                taken.add(name)
                break
        else:
            unknown[c] = table.rows[r][c].text.strip()
    if len(taken) < 2 or not (taken & CORE_FIELDS):
        return None
    # A row of long sentences is data, not a header, even if it contains heading words.
    if sum(len(table.rows[r][c].text) for c in fields) / max(1, len(fields)) > 90:
        return None
    texts = [normalise_heading(cell.text) for _, cell in origin_cells(table.rows[r])]
    return ColumnMap(header_row=r, fields=dict(sorted(fields.items())), unknown=unknown,
                     header_texts=texts)


def find_header(table: Table) -> ColumnMap | None:
    for r in range(min(HEADER_SEARCH_ROWS, table.n_rows)):
        cmap = map_header_row(table, r)
        if cmap is not None:
            return cmap
    return None


def is_repeated_header(table: Table, r: int, cmap: ColumnMap) -> bool:
    texts = [normalise_heading(cell.text) for _, cell in origin_cells(table.rows[r])]
    return texts == cmap.header_texts
