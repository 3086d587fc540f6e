"""Finding a table's header row and mapping its columns to contract fields by meaning: the
heading's words first (ikextract/layouts/meaning.py), then the column's content."""
from __future__ import annotations

from dataclasses import dataclass, field

from ikextract.layouts.meaning import (FREE_TEXT_WORDS, content_meaning, free_text_meaning,
                                       heading_meaning,
                                       is_date_column, is_distinct_names, is_risk_level_column,
                                       is_risk_value)
from ikextract.layouts.vocabulary import CORE_FIELDS, STATUS_CELL, STATUS_FIELDS, normalise_heading
from ikextract.model import Cell, Table

HEADER_SEARCH_ROWS = 3
# Fields any number of columns may share: each status-like column keeps its own heading.
SHARED_FIELDS = STATUS_FIELDS


@dataclass
class ColumnMap:
    header_row: int                              # index of the (last) header row
    fields: dict[int, str]                       # grid column -> field
    unknown: dict[int, str] = field(default_factory=dict)   # grid column -> heading text
    header_texts: list[str] = field(default_factory=list)   # normalised, to spot repeats
    headings: dict[int, str] = field(default_factory=dict)  # grid column -> heading as printed
    # Mappings that did not come from the vocabulary, with their reason, for the warnings.
    inferred: list[str] = field(default_factory=list)

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


def column_values(table: Table, c: int, below: int) -> list[str]:
    """The texts a column holds below row `below` (each cell once, where it starts)."""
    out = []
    for r in range(below + 1, table.n_rows):
        if c < len(table.rows[r]):
            cell = table.rows[r][c]
            if cell.row == r and cell.col == c and cell.text.strip():
                out.append(cell.text.strip())
    return out


def map_header_row(table: Table, r: int) -> ColumnMap | None:
    candidates = []
    unknown: dict[int, str] = {}
    headings: dict[int, str] = {}
    for c, cell in origin_cells(table.rows[r]):
        text = cell.text.strip()
        if not text:
            continue
        headings[c] = text
        m = heading_meaning(text)
        if m is None:
            unknown[c] = text
        else:
            candidates.append((m.score, c, m))
    # Strongest headings choose first; a weaker one falls back, or is reported as unknown.
    fields: dict[int, str] = {}
    taken: set[str] = set()
    inferred: list[str] = []
    derived: set[int] = set()
    weak: set[int] = set()      # read from one word of a longer heading only
    for _, c, m in sorted(candidates, key=lambda t: (-t[0], t[1])):
        for name in (m.field, m.fallback):
            if name and (name not in taken or name in SHARED_FIELDS):
                fields[c] = name
                taken.add(name)
                if not m.from_vocabulary:
                    derived.add(c)
                    if not m.whole:
                        weak.add(c)
                    why = m.reason + (f", and another column holds {m.field}"
                                      if name != m.field else "")
                    inferred.append(f"column '{headings[c]}' read as {_shown(name)}: {why}")
                break
        else:
            unknown[c] = headings[c]
    # Only headings the vocabulary knows (in any inflection or spelling of case and accents)
    # make a row a header: a compound or a near-spelling alone is too weak ("Process |
    # Bygglovshantering" is a label/value pair, not a header).
    strong = {fields[c] for _, c, m in candidates
              if c in fields and m.how in ("vocabulary", "folded", "stem", "question")} - SHARED_FIELDS
    if len(strong) < 2 or len(taken - SHARED_FIELDS) < 2 or not (taken & CORE_FIELDS):
        return None
    # A row of long sentences is data, not a header, even if it contains heading words.
    if sum(len(table.rows[r][c].text) for c in fields) / max(1, len(fields)) > 90:
        return None
    _check_by_content(table, r, fields, taken, headings, inferred, derived, unknown)
    _area_or_process(table, r, fields, taken, headings, inferred, derived, unknown)
    for c in sorted(unknown):
        values = column_values(table, c, r)
        m = content_meaning(unknown[c], values, taken) or free_text_meaning(values, taken)
        if m is not None and m.field == "area" and _has_category_rows(table, r):
            continue    # the category rows give the area; the column's names stay in extra
        if m is not None and (m.field not in taken or m.field in SHARED_FIELDS):
            fields[c] = m.field
            taken.add(m.field)
            inferred.append(f"column '{unknown.pop(c)}' read as {_shown(m.field)}: {m.reason}")
    _result_column(table, r, fields, taken, headings, inferred, weak)
    _free_text_by_place(table, r, fields, taken, inferred, unknown)
    texts = [normalise_heading(cell.text) for _, cell in origin_cells(table.rows[r])]
    return ColumnMap(header_row=r, fields=dict(sorted(fields.items())), unknown=unknown,
                     header_texts=texts, headings=headings, inferred=inferred)


def _has_category_rows(table, r) -> bool:
    """A row below the header holding one short text across the table (a category row)."""
    for row in table.rows[r + 1:]:
        filled = [cell for c, cell in origin_cells(row) if cell.text.strip()]
        if len(filled) == 1 and filled[0].col_span >= max(2, table.n_cols - 1) \
                and "\n" not in filled[0].text.strip():
            return True
    return False


def _result_column(table, r, fields, taken, headings, inferred, weak) -> None:
    """A control table says what each control found: where no column is the result, a
    column of sentences read from one word of its heading only ("Noteringar från
    kontrollen" as a comment) is the result."""
    if "result" in taken or not taken & {"control", "risk"}:
        return
    for c in sorted(weak):
        if fields.get(c) in ("comment", "method") and free_text_meaning(
                column_values(table, c, r), taken - {"result"}) is not None:
            old = fields[c]
            fields[c] = "result"
            taken.discard(old)
            taken.add("result")
            inferred[:] = [w for w in inferred if not w.startswith(f"column '{headings[c]}'")]
            inferred.append(f"column '{headings[c]}' read as result: free text in a table "
                            f"without a result column (its words alone suggest {old})")
            return


def _free_text_by_place(table, r, fields, taken, inferred, unknown) -> None:
    """A column of sentences under a heading no word decides ("Vad granskas"), before the
    result of a control table that has no control column: what is checked. A guess, named.
    Other free text stays in extra: a comment, a goal or a legal reference ("Lagrum") cannot
    be told apart by content."""
    result = next((c for c, f in fields.items() if f == "result"), None)
    if result is None or "control" in taken:
        return
    for c in sorted(unknown):
        values = column_values(table, c, r)
        if c > result or not values \
                or sum(len(v.split()) for v in values) / len(values) < FREE_TEXT_WORDS:
            continue
        fields[c] = "control"
        taken.add("control")
        inferred.append(f"column '{unknown.pop(c)}' read as control: a column of free text "
                        f"before the result, in a table with no control column")
        return


def _area_or_process(table, r, fields, taken, headings, inferred, derived, unknown) -> None:
    """An area groups rows: a column read as area by a compound ("Granskningsområde") whose
    names differ on every row, beside an unknown column of names repeated down the table
    (the grouping), is the rows' process."""
    area = [c for c, name in fields.items() if name == "area" and c in derived]
    if not area or "process" in taken:
        return
    c = area[0]
    if not is_distinct_names(column_values(table, c, r)):
        return
    if not any(_repeats(column_values(table, u, r)) for u in unknown):
        return
    fields[c] = "process"
    taken.discard("area")
    taken.add("process")
    inferred.append(f"column '{headings[c]}' read as process: a name of its own on every row, "
                    f"not a grouping area")


def _check_by_content(table, r, fields, taken, headings, inferred, derived, unknown) -> None:
    """Where content contradicts a risk_level heading: a column of 1..25 integers is a risk
    value or score; an assessment ("Bedömning") of findings, not of risks, states a status."""
    for c, name in list(fields.items()):
        values = column_values(table, c, r)
        if c in derived and is_date_column(values):
            # Words that only resemble a field ("Kontrollansvarig datum") over a column of
            # dates: no contract field holds dates, keep it in extra under its heading.
            del fields[c]
            unknown[c] = headings[c]
            inferred[:] = [w for w in inferred if not w.startswith(f"column '{headings[c]}'")]
            continue
        if name != "risk_level":
            continue
        if not values:
            continue
        if all(is_risk_value(v) for v in values) and "risk_value" not in taken:
            fields[c] = "risk_value"
            taken.discard("risk_level")
            taken.add("risk_value")
            inferred.append(f"column '{headings[c]}' read as risk_value: its values are small "
                            f"integers such as '{values[0]}'")
        elif not is_risk_level_column(values, colours="risk" in taken):
            fields[c] = STATUS_CELL
            taken.discard("risk_level")
            taken.add(STATUS_CELL)
            inferred.append(f"column '{headings[c]}' read as a status: it assesses findings "
                            f"('{values[0][:30]}'), not risks")


def _repeats(values: list[str]) -> bool:
    values = [" ".join(v.split()) for v in values if v.strip()]
    return len(values) >= 3 and len(set(values)) < len(values) and all(
        len(v.split()) <= 5 and not v.endswith(".") for v in values)


def _shown(name: str) -> str:
    return "a status" if name in STATUS_FIELDS else name


def find_header(table: Table) -> ColumnMap | None:
    for r in range(min(HEADER_SEARCH_ROWS, table.n_rows)):
        cmap = map_header_row(table, r)
        if cmap is not None:
            return cmap
    return structural_header(table)


# ---------------------------------------------------------------- by structure and content

MIN_GRID_COLUMNS = 3
MIN_GRID_ROWS = 2              # data rows below the header: a repeated structure
MAX_HEADING_WORDS = 6
MAX_HEADING_LEN = 60
# Free-text columns left to right, by how many there are: what such columns hold in that
# order in control grids (the risk, what is checked, what was found).
# Fields only a control table has beside its free text: who, how often, how risky, whether
# done (a comment or a name column alone does not make a table of goals a control grid).
CONTROL_SIGNS = {"frequency", "responsible", "risk_value", "risk_level", "follows_plan",
                 "handling", "method"} | STATUS_FIELDS
FREE_TEXT_ORDER = {1: ("result",), 2: ("control", "result"), 3: ("risk", "control", "result")}


def structural_header(table: Table) -> ColumnMap | None:
    """A table whose headings the vocabulary hardly knows, read as a control grid by its
    structure and content: a first row of short distinct headings over at least two rows of
    the same shape, with a column of free text (what is checked or found) and another column
    whose content reads as a field (frequency phrases, role names, Ja/Nej, risk values,
    progress words, repeated area names). Every column's reading is a guess, named in the
    warnings."""
    if table.n_cols < MIN_GRID_COLUMNS or table.n_rows < MIN_GRID_ROWS + 1:
        return None
    header = [(c, cell) for c, cell in origin_cells(table.rows[0]) if cell.row == 0]
    headings = {c: cell.text.strip() for c, cell in header if cell.text.strip()}
    if len(header) < MIN_GRID_COLUMNS or len(headings) < len(header) - 1:
        return None
    if len(set(headings.values())) < len(headings) or not all(
            len(t.split()) <= MAX_HEADING_WORDS and len(t) <= MAX_HEADING_LEN
            and not t.endswith(".") and any(ch.isalpha() for ch in t) for t in headings.values()):
        return None
    data = [r for r in range(1, table.n_rows)
            if sum(1 for _, cell in origin_cells(table.rows[r]) if cell.row == r
                   and cell.text.strip()) >= max(2, len(header) // 2)]
    if len(data) < MIN_GRID_ROWS:
        return None
    fields: dict[int, str] = {}
    taken: set[str] = set()
    inferred: list[str] = []
    unknown = dict(headings)
    # Headings' words first, however weak (a compound, a near spelling), then content.
    for c, text in sorted(headings.items()):
        m = heading_meaning(text)
        if m is not None and (m.field not in taken or m.field in SHARED_FIELDS):
            fields[c] = m.field
            taken.add(m.field)
            inferred.append(f"column '{text}' read as {_shown(m.field)}: "
                            f"{m.reason or 'its heading'}")
            unknown.pop(c)
    free = []
    for c in sorted(unknown):
        values = column_values(table, c, 0)
        m = content_meaning(unknown[c], values, taken)
        if m is not None and (m.field not in taken or m.field in SHARED_FIELDS):
            fields[c] = m.field
            taken.add(m.field)
            inferred.append(f"column '{unknown.pop(c)}' read as {_shown(m.field)}: {m.reason}")
        elif values and sum(len(v.split()) for v in values) / len(values) >= FREE_TEXT_WORDS:
            free.append(c)
    if not free and not taken & CORE_FIELDS:
        return None
    signs = taken & CONTROL_SIGNS
    wanted = [f for f in FREE_TEXT_ORDER.get(len(free), FREE_TEXT_ORDER[3]) if f not in taken]
    for c, name in zip(free, wanted):
        fields[c] = name
        taken.add(name)
        inferred.append(f"column '{unknown.pop(c)}' read as {name}: a column of free text, "
                        f"the {name} by its place among the free-text columns")
    if not taken & CORE_FIELDS or not signs or len(fields) < 2:
        return None
    inferred.insert(0, "read as a control grid by its structure and content, not its headings "
                       f"({', '.join(repr(t) for t in headings.values())}): a guess")
    texts = [normalise_heading(cell.text) for _, cell in origin_cells(table.rows[0])]
    return ColumnMap(header_row=0, fields=dict(sorted(fields.items())), unknown=unknown,
                     header_texts=texts, headings=headings, inferred=inferred)


def is_repeated_header(table: Table, r: int, cmap: ColumnMap) -> bool:
    texts = [normalise_heading(cell.text) for _, cell in origin_cells(table.rows[r])]
    return texts == cmap.header_texts
