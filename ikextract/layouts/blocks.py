"""The blocks family: per risk a heading, a small table (Kontrollmoment, Ansvarig, Frekvens,
Metod, Status) and then labelled paragraphs ("Resultat:", "Kommentar:", or other words that
mean them), grouped under area headings."""
from __future__ import annotations

from ikextract.layouts import grid
from ikextract.layouts.columns import ColumnMap, origin_cells
from ikextract.layouts.family import Context, Proposal, chars, item_text
from ikextract.layouts.labels import LabelCollector, read_label, title_level
from ikextract.model import ControlRow, Document, Table, TextBlock
from ikextract.text.normalize import join_fragments

# How many text items after a table may come before its first label paragraph.
LABEL_LOOKAHEAD = 3
# A block's table describes one control (a risk heading row, a row or two of data); a longer
# table is a grid or a register.
MAX_DATA_ROWS = 4
# A block explains its table and its paragraphs; it wins over the table read as a grid.
WEIGHT = 1.1


class BlocksFamily:
    name = "blocks"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        items = context.items
        tables = {i: cmap for i, cmap in context.headers.items()
                  if is_block_table(items, i, cmap)}
        heads = {i: risk_heading_index(items, i) for i in tables}
        risk_headings = {j for j in heads.values() if j is not None}
        out = []
        area = None
        area_of: dict[int, str | None] = {}
        for i, item in enumerate(items):
            if isinstance(item, TextBlock) and item.kind == "heading" \
                    and i not in risk_headings and read_label(item) is None:
                area = item.text.strip()
            area_of[i] = area
        for i, cmap in tables.items():
            out.append(self._block(context, i, cmap, heads[i], risk_headings | set(tables),
                                   area_of))
        return out

    def _block(self, context, i, cmap, head, stops, area_of) -> Proposal:
        items = context.items
        table = items[i]
        row, labels, parsed = block_row(table, cmap, context.table_index[i])
        used = {i}
        if head is not None:
            used.add(head)
            if not row.risk:
                row.risk = items[head].text.strip()
            else:
                row.extra["heading"] = items[head].text.strip()
            if items[head].page is not None:
                row.source_page = items[head].page   # the block starts at its heading
        row.area = area_of.get(head if head is not None else i)
        collector = LabelCollector(row, title_level=title_level(items[head]) if head is not None
                                   else None)
        for j in range(i + 1, len(items)):
            item = items[j]
            if j in stops or not isinstance(item, TextBlock) or not collector.take(item):
                break
            used.add(j)
        labels += collector.labels
        parsed += collector.parsed
        content = chars(t for j in used for t in item_text(items[j])) - chars(labels)
        in_extra = chars(row.extra.values())
        warnings = [f"table {context.table_index[i]}: {w}" for w in cmap.inferred + collector.inferred]
        return Proposal(self.name, [row], frozenset(used), WEIGHT * max(0, content - in_extra),
                        labels=labels, parsed=parsed, warnings=warnings)


def is_block_table(items: list, i: int, cmap: ColumnMap) -> bool:
    """A control table without a result column, followed by labelled paragraphs."""
    if "result" in cmap.field_set or items[i].n_rows - cmap.header_row - 1 > MAX_DATA_ROWS:
        return False
    seen = 0
    for item in items[i + 1:]:
        if isinstance(item, Table) or item.kind == "heading" and not item.text.rstrip().endswith(":"):
            return False
        seen += 1
        label = read_label(item)
        if label is not None and label.field is not None:
            return True
        if seen >= LABEL_LOOKAHEAD:
            return False
    return False


def block_row(table: Table, cmap: ColumnMap, table_index: int) -> tuple[ControlRow, list, list]:
    """The block's row from its table: the first data row, rows below joined to it; a row
    spanning the table between header and data (a printed risk heading) gives the risk."""
    risk_heading = None
    data_rows = []
    labels = [t for r in range(cmap.header_row + 1) for _, c in origin_cells(table.rows[r])
              for t in [c.text] if t.strip() and c.row == r]
    parsed: list[str] = []
    for r in range(cmap.header_row + 1, table.n_rows):
        filled = [cell for _, cell in origin_cells(table.rows[r]) if cell.text.strip()]
        if not filled:
            continue
        if len(filled) == 1 and filled[0].col_span >= max(2, table.n_cols - 1) and not data_rows:
            risk_heading = filled[0].text.strip()
            continue
        data_rows.append(r)
    rows = grid.table_rows(table, cmap, table_index, start_row=data_rows[0], parsed=parsed,
                           labels=labels) if data_rows else []
    row = rows[0] if rows else ControlRow(source_table=table_index, source_page=table.page)
    for more in rows[1:]:   # more data rows in one block: keep their words in this row
        for name in ("area", "number", "process", "risk", "risk_level", "handling", "control",
                     "responsible", "frequency", "method", "result", "comment"):
            setattr(row, name, join_fragments(getattr(row, name), getattr(more, name)))
        row.status_cells += more.status_cells
        for k, v in more.extra.items():
            row.extra[k] = join_fragments(row.extra.get(k), v)
    if risk_heading:
        if not row.risk:
            row.risk = risk_heading
        else:
            row.extra["heading"] = risk_heading
    if row.area is not None:
        row.extra["area"] = row.area
    row.area = None
    return row, labels, parsed


def risk_heading_index(items: list, i: int) -> int | None:
    """The text item just before block table i, when it reads as the block's risk heading."""
    j = i - 1
    if j < 0 or not isinstance(items[j], TextBlock):
        return None
    block = items[j]
    if read_label(block) is not None:
        return None
    return j
