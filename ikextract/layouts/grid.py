"""The grid family: one table row per control point or risk, perhaps with category rows
spanning the table (-> area), continuation rows after page breaks, and sub-risks a), b)
sharing one merged process cell. A table split over pages without its header repeated is
read on as the same table."""
from __future__ import annotations

import re

from ikextract.layouts.columns import ColumnMap, is_repeated_header, origin_cells
from ikextract.layouts.family import Context, Proposal, chars, table_text
from ikextract.layouts.labels import add_labelled
from ikextract.layouts.vocabulary import STATUS, STATUS_FIELDS, follows_plan_value
from ikextract.model import ControlRow, Document, Table, TextBlock
from ikextract.text.normalize import clean_text, ends_sentence, join_fragments

# A sub-risk letter as printed: "a) ", "b) " at the start of the text or of a line.
SUB_RISK = re.compile(r"(?:^|[\s,])([a-h])\)\s")
NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*|[a-zA-Z])[.):]?\s*$")
CATEGORY_MAX_CHARS = 90
KEY_FIELDS = ("risk", "control", "process")
SINGLE_VALUED = ("risk_value", "follows_plan", "number")


class GridFamily:
    name = "grid"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        return [group.proposal() for group in table_groups(context)]


class TableGroup:
    """A control table with its header and the header-less fragments that continue it."""

    def __init__(self, context: Context, i: int, cmap: ColumnMap):
        self.context = context
        self.items = [i]
        self.cmap = cmap
        self.rows: list[ControlRow] = []
        self.labels: list[str] = []
        self.parsed: list[str] = []
        table = context.items[i]
        self.labels += [c for r in range(cmap.header_row + 1)
                        for _, c in _texts(table, r)]
        self.rows = table_rows(table, cmap, context.table_index[i], parsed=self.parsed,
                               labels=self.labels)

    def continue_with(self, j: int) -> None:
        table = self.context.items[j]
        carry = self.rows[-1] if self.rows else None
        more = table_rows(table, self.cmap, self.context.table_index[j], start_row=0,
                          carry=carry, area=carry.area if carry else None, parsed=self.parsed,
                          labels=self.labels)
        self.items.append(j)
        self.rows.extend(more)

    @property
    def tables(self) -> list[Table]:
        return [self.context.items[i] for i in self.items]

    def warnings(self) -> list[str]:
        index = self.context.table_index[self.items[0]]
        out = [f"table {index}: {w}" for w in self.cmap.inferred]
        for heading in self.cmap.unknown.values():
            out.append(f"table {index}: column '{heading}' not recognised; its text is kept in "
                       f"extra")
        return out

    def proposal(self, family: str = "grid", weight: float = 1.0) -> Proposal:
        content = chars(t for table in self.tables for t in table_text(table)) - chars(self.labels)
        in_extra = chars(v for row in self.rows for v in row.extra.values())
        return Proposal(family, self.rows, frozenset(self.items),
                        weight * max(0, content - in_extra), labels=list(self.labels),
                        parsed=list(self.parsed), warnings=self.warnings())


def table_groups(context: Context) -> list[TableGroup]:
    groups: list[TableGroup] = []
    previous: TableGroup | None = None
    items = context.items
    for i, item in enumerate(items):
        if not isinstance(item, Table) or item.nested_in is not None:
            continue
        cmap = context.headers.get(i)
        if cmap is not None:
            previous = TableGroup(context, i, cmap)
            groups.append(previous)
        elif previous is not None and _continues(items[previous.items[-1]], item, items, i):
            previous.continue_with(i)
        else:
            previous = None
    return groups


def _continues(before: Table, table: Table, items: list, i: int) -> bool:
    """A header-less table right after a control table, with the same columns."""
    if table.n_cols != before.n_cols:
        return False
    j = i - 1
    while j >= 0 and isinstance(items[j], TextBlock) and not items[j].text.strip():
        j -= 1
    return j >= 0 and items[j] is before


def _texts(table: Table, r: int) -> list[tuple[int, str]]:
    return [(c, cell.text) for c, cell in origin_cells(table.rows[r])
            if cell.row == r and cell.text.strip()]


def table_rows(table: Table, cmap: ColumnMap, table_index: int,
               start_row: int | None = None, carry: ControlRow | None = None,
               area: str | None = None, parsed: list | None = None,
               labels: list | None = None) -> list[ControlRow]:
    """Control rows of a grid table, starting below its header row. carry is the last row of
    the fragment this table continues (its first rows may finish it)."""
    parsed = parsed if parsed is not None else []
    labels = labels if labels is not None else []
    rows: list[ControlRow] = []
    first = cmap.header_row + 1 if start_row is None else start_row
    number_col = cmap.column_of("number")
    previous_r: int | None = None
    whole_area: dict[str, str] = {}
    for r in range(first, table.n_rows):
        if is_repeated_header(table, r, cmap):
            labels.extend(t for _, t in _texts(table, r))
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
            _extend(last, values, parsed)
            for f, _, text, inherited in values:
                if f == "area" and not inherited and last.area:
                    # A merged area cell cut by a page break ("Rekrytering och" | "utbildning"):
                    # the rows below the break that the lower piece covers have the whole name.
                    whole_area[clean_text(text)] = last.area
            previous_r = r
            continue
        row = _make_row(values, area, table.row_page(r), table_index, number_col is not None,
                        parsed)
        row.area = whole_area.get(row.area, row.area)
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


# A row's values: (field, heading, text, inherited); field None for a column that maps to no
# field (-> extra under its heading); inherited marks a cell merged down from a row above.
Value = tuple


def _row_values(table: Table, r: int, cmap: ColumnMap) -> list[Value]:
    values: list[Value] = []
    for c, cell in origin_cells(table.rows[r]):
        if cell.col != c and cell.row == r:
            continue   # the same cell spans from a column to the left: counted there
        text = cell.text.strip()
        if not text:
            continue
        field = cmap.fields.get(c)
        inherited = cell.row != r
        origin = table.rows[cell.row][c] if inherited and 0 <= cell.row < table.n_rows \
            and c < len(table.rows[cell.row]) else cell
        if origin is not cell and origin.text.strip():
            # A merged cell whose top piece was joined with the rest of a row cut by a page
            # break: the rows it covers have the joined text, as the row it starts in.
            text = origin.text.strip()
        if field is None:
            if inherited:
                continue
            heading = cmap.unknown.get(c) or cmap.headings.get(c) or f"(column {c + 1})"
            values.append((None, heading, text, False))
        else:
            values.append((field, cmap.headings.get(c, field), text, inherited))
    return values


def _is_continuation(table: Table, r: int, previous_r: int | None, cmap: ColumnMap,
                     values: list[Value], number_col: int | None) -> bool:
    own = {f: t for f, _, t, inherited in values if not inherited and f is not None}
    if not own and not any(f is None for f, *_ in values):
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


def _extend(row: ControlRow, values: list[Value], parsed: list) -> None:
    for field, heading, text, inherited in values:
        if inherited:
            continue
        if field is None:
            row.extra[heading] = join_fragments(row.extra.get(heading), text)
        elif field in SINGLE_VALUED:
            if field == "number" or getattr(row, field) is not None:
                row.extra[heading] = join_fragments(row.extra.get(heading), text)
            else:
                _set_value(row, field, heading, text, parsed)
        elif field in STATUS_FIELDS:
            _extend_status(row, heading, text, field == STATUS)
        else:
            setattr(row, field, join_fragments(getattr(row, field), text))


def _extend_status(row: ControlRow, heading: str, text: str, status_column: bool) -> None:
    for k, (h, t) in enumerate(row.status_cells):
        if h == heading:
            row.status_cells[k] = (h, join_fragments(t, text))
            break
    else:
        row.status_cells.append((heading, text))
    if status_column:
        row.status_text = join_fragments(row.status_text, text)
    row.extra[heading] = join_fragments(row.extra.get(heading), text)


def _set_value(row: ControlRow, field: str, heading: str, text: str, parsed: list) -> None:
    if field == "risk_value":
        row.risk_value = parse_risk_value(text)
        if re.fullmatch(r"\s*-?\d+\s*", text):
            parsed.append(text)
        else:
            row.extra[heading] = text       # words beside (or instead of) the number are kept
    elif field == "follows_plan":
        row.follows_plan = follows_plan_value(text)
        if row.follows_plan is None or len(text.split()) > 1:
            row.extra[heading] = text
        else:
            parsed.append(text)


def _make_row(values: list[Value], area: str | None, page: int | None,
              table_index: int, numbered: bool, parsed: list) -> ControlRow:
    row = ControlRow(area=area, source_page=page, source_table=table_index)
    for field, heading, text, _ in values:
        if field is None:
            row.extra[heading] = text
        elif field == "number":
            row.number = parse_number(text)
            if row.number != " ".join(text.split()):
                parsed.append(text)
        elif field in ("risk_value", "follows_plan"):
            _set_value(row, field, heading, text, parsed)
        elif field in STATUS_FIELDS:
            add_labelled(row, heading, field, text, parsed)
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
    """The risk value printed: "12", "Hög (12)", "3 x 4 = 12" (the product, where the
    factors are printed too: "3x4")."""
    product = re.search(r"(\d{1,2})\s*[x×*]\s*(\d{1,2})(?:\s*=\s*(\d{1,3}))?", text)
    if product:
        return int(product.group(3)) if product.group(3) else \
            int(product.group(1)) * int(product.group(2))
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
