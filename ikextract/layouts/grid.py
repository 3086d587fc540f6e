"""The grid layout: one table row per control point or risk, perhaps with category rows
spanning the table (-> area), continuation rows after page breaks, and sub-risks a), b)
sharing one merged process cell."""
from __future__ import annotations

import re

from ikextract.layouts.columns import ColumnMap, is_repeated_header, origin_cells
from ikextract.layouts.vocabulary import follows_plan_value
from ikextract.model import ControlRow, Table
from ikextract.text.normalize import clean_text, ends_sentence, join_fragments

# A sub-risk letter as printed: "a) ", "b) " at the start of the text or of a line.
SUB_RISK = re.compile(r"(?:^|[\s,])([a-h])\)\s")
NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*|[a-zA-Z])[.):]?\s*$")
CATEGORY_MAX_CHARS = 90
KEY_FIELDS = ("risk", "control", "process")


def table_rows(table: Table, cmap: ColumnMap, table_index: int,
               start_row: int | None = None, carry: ControlRow | None = None,
               area: str | None = None) -> list[ControlRow]:
    """Control rows of a grid table, starting below its header row. carry is the last row of
    the fragment this table continues (its first rows may finish it)."""
    rows: list[ControlRow] = []
    first = cmap.header_row + 1 if start_row is None else start_row
    number_col = cmap.column_of("number")
    previous_r: int | None = None
    for r in range(first, table.n_rows):
        if is_repeated_header(table, r, cmap):
            continue
        cells = [(c, cell) for c, cell in origin_cells(table.rows[r]) if cell.row == r]
        filled = [(c, cell) for c, cell in cells if cell.text.strip()]
        if not filled:
            continue
        category = _category_text(table, r, cmap, filled)
        if category is not None:
            area = category
            previous_r = None
            continue
        values = _row_values(table, r, cmap)
        last = rows[-1] if rows else carry
        if last is not None and _is_continuation(table, r, previous_r, cmap, values, number_col):
            _extend(last, values, cmap)
            previous_r = r
            continue
        row = _make_row(values, area, table.row_page(r), table_index, number_col is not None)
        rows.append(row)
        previous_r = r
    return rows


def _category_text(table: Table, r: int, cmap: ColumnMap, filled) -> str | None:
    """The area name if row r is a category row: one short text alone in the row, spanning
    the table or standing in bold (or in the process/area column) with no number."""
    if len(filled) != 1:
        return None
    c, cell = filled[0]
    text = " ".join(cell.text.split())
    if not text or "\n" in cell.text.strip() or ends_sentence(text) and not text.endswith(")"):
        return None
    if len(text) > CATEGORY_MAX_CHARS:
        return None
    field = cmap.fields.get(c)
    spans = cell.col_span >= max(2, table.n_cols - 1)
    if field == "number" and not spans:
        return None
    if spans or field == "area":
        return text
    if cell.bold and field in (None, "process", "risk", "control"):
        return text
    return None


def _row_values(table: Table, r: int, cmap: ColumnMap) -> dict[str, tuple[str, bool]]:
    """field -> (text, inherited); inherited marks a cell merged down from a row above."""
    values: dict[str, tuple[str, bool]] = {}
    for c, field in cmap.fields.items():
        if c >= len(table.rows[r]):
            continue
        cell = table.rows[r][c]
        if cell.col != c and c - cell.col < cell.col_span and cell.row == r:
            continue   # the same cell spans from a column to the left: counted there
        text = cell.text.strip()
        if text:
            values[field] = (text, cell.row != r)
    for c, heading in cmap.unknown.items():
        if c < len(table.rows[r]):
            cell = table.rows[r][c]
            if cell.text.strip() and cell.row == r:
                values["extra:" + heading] = (cell.text.strip(), False)
    return values


def _is_continuation(table: Table, r: int, previous_r: int | None, cmap: ColumnMap,
                     values: dict[str, tuple[str, bool]], number_col: int | None) -> bool:
    own = {f: t for f, (t, inherited) in values.items() if not inherited}
    if not own:
        return False
    if number_col is not None:
        # Where rows are numbered, a row without its own number continues the one above.
        return "number" not in own
    # Unnumbered: a row whose key cells are empty (or merged from above) continues...
    keys = [f for f in KEY_FIELDS if f in cmap.field_set]
    if keys and not any(f in own for f in keys):
        return True
    # ...and so does a row split by a page break: its text picks up mid-sentence.
    if previous_r is not None and table.row_page(r) != table.row_page(previous_r):
        prev_cells = {cmap.fields[c]: cell.text for c, cell in origin_cells(table.rows[previous_r])
                      if c in cmap.fields}
        for f, text in own.items():
            before = prev_cells.get(f, "")
            # "b) Risk ..." opens a sub-risk in lower case: a new row, not mid-sentence
            if before and not ends_sentence(before) and text[:1].islower() \
                    and not SUB_RISK.match(text):
                return True
    return False


def _extend(row: ControlRow, values: dict[str, tuple[str, bool]], cmap: ColumnMap) -> None:
    for field, (text, inherited) in values.items():
        if inherited:
            continue
        if field.startswith("extra:"):
            key = field[6:]
            row.extra[key] = join_fragments(row.extra.get(key), text)
        elif field in ("risk_value", "follows_plan", "number"):
            continue
        elif field == "status_text":
            row.status_text = join_fragments(row.status_text, text)
        else:
            setattr(row, field, join_fragments(getattr(row, field), text))


def _make_row(values: dict[str, tuple[str, bool]], area: str | None, page: int | None,
              table_index: int, numbered: bool) -> ControlRow:
    row = ControlRow(area=area, source_page=page, source_table=table_index)
    for field, (text, _) in values.items():
        if field.startswith("extra:"):
            row.extra[field[6:]] = text
        elif field == "number":
            row.number = parse_number(text)
        elif field == "risk_value":
            row.risk_value = parse_risk_value(text)
            if row.risk_value is None:
                row.extra["Riskvärde"] = text
        elif field == "follows_plan":
            row.follows_plan = follows_plan_value(text)
            if row.follows_plan is None:
                row.extra["Följer plan"] = text
        elif field == "status_text":
            row.status_text = text
        elif field == "area":
            row.area = clean_text(text)
        else:
            setattr(row, field, text)
    if not numbered and row.number is None:
        row.number = sub_risk_letter(row)
    return row


def parse_number(text: str) -> str | None:
    text = " ".join(text.split())
    m = NUMBER.match(text)
    if m:
        return m.group(1)
    return text.strip(" .):") or None


def parse_risk_value(text: str) -> int | None:
    m = re.search(r"-?\d+", text)
    if not m:
        return None
    value = int(m.group(0))
    return value if -32768 <= value <= 32767 else None


def sub_risk_letter(row: ControlRow) -> str | None:
    """The letter of a sub-risk ("a" for "a) Risk att ..."), read where it is printed."""
    for text in (row.risk, row.handling, row.control):
        if text:
            m = SUB_RISK.search(text)
            if m:
                return m.group(1).lower()
    return None
