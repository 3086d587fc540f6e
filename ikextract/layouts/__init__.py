"""Layouts: from a Document's tables and text blocks to ControlRows.

One module per layout family (grid, blocks, register); this module walks the document once,
decides which family each control table belongs to, and hands it over.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ikextract.layouts import blocks, grid, register
from ikextract.layouts.columns import ColumnMap, find_header
from ikextract.model import ControlRow, Document, Table, TextBlock


@dataclass
class Reconstruction:
    rows: list[ControlRow]
    warnings: list[str] = field(default_factory=list)


def reconstruct(doc: Document) -> Reconstruction:
    items = doc.items
    rows: list[ControlRow] = []
    warnings: list[str] = []
    register_tables: set[int] = set()
    table_index = -1
    previous: tuple[Table, ColumnMap] | None = None
    area: str | None = None
    collector: blocks.LabelCollector | None = None
    block_plan = _plan_blocks(items)
    reported_unknown: set[str] = set()

    for i, item in enumerate(items):
        if isinstance(item, TextBlock):
            if collector is not None and i not in block_plan.risk_headings:
                if collector.take(item):
                    continue
                collector = None
            if item.kind == "heading" and i not in block_plan.risk_headings:
                area = item.text.strip()
            continue
        if item.nested_in is not None:
            continue   # its words are already in the enclosing cell
        table_index += 1
        collector = None
        cmap = block_plan.headers.get(i)
        start, carry, carry_area = None, None, None
        if cmap is None and previous is not None and _continues(previous[0], item, items, i):
            # A table split over pages without its header repeated.
            cmap, start = previous[1], 0
            carry = rows[-1] if rows and rows[-1].source_table == table_index - 1 else None
            carry_area = carry.area if carry is not None else None
        if cmap is None:
            continue
        previous = (item, cmap)
        for col, heading in cmap.unknown.items():
            if heading not in reported_unknown:
                reported_unknown.add(heading)
                warnings.append(f"table {table_index}: column '{heading}' not recognised; "
                                f"its text is not in any field")
        if i in block_plan.tables:
            row = blocks.block_row(item, cmap, table_index)
            j = block_plan.tables[i]
            if j is not None:
                if not row.risk:
                    row.risk = items[j].text.strip()
                if items[j].page is not None:
                    row.source_page = items[j].page   # the block starts at its heading
            row.area = area
            rows.append(row)
            collector = blocks.LabelCollector(row)
            continue
        if register.is_register(cmap):
            register_tables.add(table_index)
        rows.extend(grid.table_rows(item, cmap, table_index, start_row=start, carry=carry,
                                    area=carry_area))

    for row in rows:
        register.strip_marker(row)
    rows = register.merge_sections(rows, register_tables)
    return Reconstruction(rows=rows, warnings=warnings)


@dataclass
class _BlockPlan:
    tables: dict[int, int | None]          # item index of block table -> its risk heading
    risk_headings: set[int]
    headers: dict[int, ColumnMap]          # item index of a table -> its header, if it has one


def _plan_blocks(items: list) -> _BlockPlan:
    tables: dict[int, int | None] = {}
    headers: dict[int, ColumnMap] = {}
    for i, item in enumerate(items):
        if isinstance(item, Table) and item.nested_in is None:
            cmap = find_header(item)
            if cmap is None:
                continue
            headers[i] = cmap
            if blocks.is_block_table(items, i, cmap):
                tables[i] = blocks.risk_heading_index(items, i)
    return _BlockPlan(tables=tables, risk_headings={j for j in tables.values() if j is not None},
                      headers=headers)


def _continues(before: Table, table: Table, items: list, i: int) -> bool:
    """A header-less table right after a control table, with the same columns."""
    if table.n_cols != before.n_cols:
        return False
    j = i - 1
    while j >= 0 and isinstance(items[j], TextBlock) and not items[j].text.strip():
        j -= 1
    return j >= 0 and items[j] is before
