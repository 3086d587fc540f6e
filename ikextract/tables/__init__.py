"""Logical tables: fragments of one table split over pages joined, repeated headers dropped."""
from __future__ import annotations

from dataclasses import replace

from ikextract.layouts.columns import find_header, origin_cells
from ikextract.layouts.vocabulary import normalise_heading
from ikextract.model import Document, Table, TextBlock


def join_tables(doc: Document) -> Document:
    items: list = []
    for item in doc.items:
        if isinstance(item, Table) and item.nested_in is None:
            before = _previous_table(items)
            if before is not None and _same_table(before, item):
                _append(before, item)
                continue
        items.append(item)
    return replace(doc, items=items)


def _previous_table(items: list) -> Table | None:
    for item in reversed(items):
        if isinstance(item, TextBlock):
            if item.text.strip():
                return None
            continue
        return item if item.nested_in is None else None
    return None


def _row_key(table: Table, r: int) -> list[str]:
    return [normalise_heading(c.text) for _, c in origin_cells(table.rows[r])]


def _same_table(before: Table, table: Table) -> bool:
    """The next fragment of `before`: on a later page, same columns, and either repeating its
    header row or having no header of its own."""
    if before.page is None or table.page is None or table.page <= _last_page(before):
        return False
    if table.n_cols != before.n_cols or not table.rows:
        return False
    head = find_header(before)
    if head is not None and _row_key(table, 0) == _row_key(before, head.header_row):
        return True
    return find_header(table) is None


def _last_page(table: Table) -> int:
    pages = [p for p in table.row_pages if p is not None]
    return max(pages) if pages else (table.page or 0)


def _append(before: Table, table: Table) -> None:
    head = find_header(before)
    start = 1 if head is not None and _row_key(table, 0) == _row_key(before, head.header_row) else 0
    if not before.row_pages:
        before.row_pages = [before.page] * before.n_rows
    offset = before.n_rows
    for r in range(start, table.n_rows):
        row = table.rows[r]
        for cell in {id(c): c for c in row}.values():
            if cell.row == r:
                cell.row = offset + r - start
        before.rows.append(row)
        before.row_pages.append(table.row_page(r))
