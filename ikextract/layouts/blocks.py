"""The blocks layout: per risk a heading, a small table (Kontrollmoment, Ansvarig, Frekvens,
Metod, Status) and then labelled paragraphs ("Resultat:", "Kommentar:"), grouped under area
headings."""
from __future__ import annotations

from ikextract.layouts import grid
from ikextract.layouts.columns import ColumnMap, origin_cells
from ikextract.layouts.vocabulary import split_label
from ikextract.model import ControlRow, Table, TextBlock

# How many text items after a table may come before its first label paragraph.
LABEL_LOOKAHEAD = 3


def is_block_table(items: list, i: int, cmap: ColumnMap) -> bool:
    """A control table without a result column, followed by labelled paragraphs."""
    if "result" in cmap.field_set:
        return False
    seen = 0
    for item in items[i + 1:]:
        if isinstance(item, Table):
            return False
        seen += 1
        if split_label(item.text) is not None:
            return True
        if seen >= LABEL_LOOKAHEAD:
            return False
    return False


def block_row(table: Table, cmap: ColumnMap, table_index: int) -> ControlRow:
    """The block's row from its table: the first data row, rows below joined to it; a row
    spanning the table between header and data (a printed risk heading) gives the risk."""
    risk_heading = None
    data_rows = []
    for r in range(cmap.header_row + 1, table.n_rows):
        filled = [cell for _, cell in origin_cells(table.rows[r]) if cell.text.strip()]
        if not filled:
            continue
        if len(filled) == 1 and filled[0].col_span >= max(2, table.n_cols - 1) and not data_rows:
            risk_heading = filled[0].text.strip()
            continue
        data_rows.append(r)
    rows = grid.table_rows(table, cmap, table_index, start_row=data_rows[0]) if data_rows else []
    row = rows[0] if rows else ControlRow(source_table=table_index, source_page=table.page)
    for extra in rows[1:]:   # more data rows in one block: keep their words in this row
        for name in ("control", "responsible", "frequency", "method", "status_text"):
            setattr(row, name, grid.join_fragments(getattr(row, name), getattr(extra, name)))
    if risk_heading and not row.risk:
        row.risk = risk_heading
    row.area = None
    return row


def risk_heading_index(items: list, i: int) -> int | None:
    """The text item just before block table i, when it reads as the block's risk heading."""
    j = i - 1
    if j < 0 or not isinstance(items[j], TextBlock):
        return None
    block = items[j]
    if split_label(block.text) is not None:
        return None
    return j


class LabelCollector:
    """Collects "Resultat:" / "Kommentar:" paragraphs into the block's row."""

    def __init__(self, row: ControlRow):
        self.row = row
        self.field: str | None = None

    def take(self, block: TextBlock) -> bool:
        """True if the paragraph belonged to the block."""
        label = split_label(block.text)
        if label is not None:
            self.field, rest = label
            if rest:
                self._add(rest)
            return True
        if self.field is None or block.kind == "heading":
            return False
        self._add(block.text)
        return True

    def _add(self, text: str) -> None:
        current = getattr(self.row, self.field)
        setattr(self.row, self.field, text if not current else current + "\n" + text)
