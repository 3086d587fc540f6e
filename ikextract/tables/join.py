"""Tables split over pages joined into one logical table, in one place.

A reader reports what is on each page; here a table that opens a page (nothing but the
margins before it) continues the table that closed the page before when it has the same
columns: for PDF tables the same column starts on the page, for tables without positions the
same number of columns and either the same header row or none of its own. Then:

- one rule for repeated headers: a continuation whose first row reads as the table's header
  row drops it;
- a row cut by the page break (the continuation's first row goes on mid-sentence, or has
  an empty key cell) is joined into the row above, a word cut at the column edge joined
  without a space where the dictionary or the document's own spelling says it is one word;
- a cell merged down over the break prints its text on the first page only: the empty cell
  below the break is the same cell.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Collection, Optional

from ikextract.layouts.columns import find_header, origin_cells
from ikextract.layouts.vocabulary import normalise_heading
from ikextract.model import Cell, Document, Table, TextBlock
from ikextract.text.hyphenation import is_broken_word

# Column starts of two fragments of one table differ by at most this (points).
SAME_COLUMN = 4.0
# A category row cut from its table by a page break is at most this long.
CATEGORY_MAX_CHARS = 100
SENTENCE_END = (".", "!", "?", ":", ";")
SUB_ITEM = re.compile(r"^(?:[a-zåäö]|\d{1,2})\)\s")
_STRIP = ".,;:()!?\"”“'"


def join_tables(doc: Document) -> Document:
    """The document with each table split over pages joined into its first fragment."""
    seen = _document_forms(doc)
    cut_below = _body_bottom(doc)
    items: list = []
    for item in doc.items:
        if isinstance(item, Table) and item.nested_in is None:
            before, between = _previous_table(items, item)
            if before is not None and _same_table(before, item):
                if between:
                    del items[len(items) - len(between):]
                    _add_category_rows(before, between)
                _append(before, item, seen, cut_below)
                continue
        items.append(item)
    return replace(doc, items=items)


def _previous_table(items: list, table: Table) -> tuple[Optional[Table], list[TextBlock]]:
    """The table `table` may continue, and the text blocks between them: none but empty
    ones, or lines a page break cut from the table (see _cut_category)."""
    between: list[TextBlock] = []
    for item in reversed(items):
        if isinstance(item, TextBlock):
            if not item.text.strip():
                continue
            between.insert(0, item)
            continue
        if item.nested_in is not None:
            return None, []
        if between and not all(_cut_category(b, item, table) for b in between):
            return None, []
        return item, between
    return None, []


def _cut_category(block: TextBlock, before: Table, table: Table) -> bool:
    """A category row (a short bold line spanning the table) left alone at the bottom of a
    page, its rows on the next one: on the page the table ends, the table going on at the
    next page, one short line."""
    return (block.page is not None and block.page == _last_page(before)
            and table.page == block.page + 1 and "\n" not in block.text
            and len(block.text) <= CATEGORY_MAX_CHARS
            and (block.bold or block.kind == "heading"))


def _add_category_rows(table: Table, blocks: list[TextBlock]) -> None:
    n = table.n_cols
    for block in blocks:
        r = table.n_rows
        cell = Cell(block.text, r, 0, 1, n, block.page, block.bbox, bold=block.bold)
        table.rows.append([cell] * n)
        if table.row_pages:
            table.row_pages.append(block.page)


def _document_forms(doc: Document) -> set[str]:
    """Lower-cased words the document writes whole (not ending a line in a hyphen)."""
    texts = [i.text for i in doc.items if isinstance(i, TextBlock)]
    texts += [c.text for t in doc.tables for row in t.rows for c in row]
    return {w.lower().strip(_STRIP) for text in texts for w in text.split()
            if not w.endswith(("-", "\u00ad"))}


def _body_bottom(doc: Document) -> float:
    """Below this, a fragment ends where the page's body ends: its last row may be cut."""
    bottoms = [i.bbox.bottom for i in doc.items if i.bbox is not None]
    sizes: Counter = Counter()
    for i in doc.items:
        if isinstance(i, TextBlock) and i.font_size:
            sizes[i.font_size] += len(i.text)
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    return max(bottoms, default=0.0) - size


def _row_key(table: Table, r: int) -> list[str]:
    return [normalise_heading(c.text) for _, c in origin_cells(table.rows[r])]


def _header_row(table: Table) -> int:
    head = find_header(table)
    return head.header_row if head is not None else 0


def _repeats_header(before: Table, table: Table) -> bool:
    return bool(table.rows) and _row_key(table, 0) == _row_key(before, _header_row(before))


def _same_table(before: Table, table: Table) -> bool:
    if before.page is None or table.page is None or table.page <= _last_page(before):
        return False
    if table.n_cols != before.n_cols or not table.rows or before.ruled != table.ruled:
        return False
    a, b = _column_starts(before), _column_starts(table)
    if a is not None and b is not None:
        return all(abs(x - y) <= SAME_COLUMN for x, y in zip(a, b))
    return _repeats_header(before, table) or find_header(table) is None


def _column_starts(t: Table) -> Optional[list[float]]:
    starts = []
    for c in range(t.n_cols):
        xs = [row[c].bbox.x0 for row in t.rows
              if c < len(row) and row[c].bbox is not None and row[c].col == c]
        if not xs:
            return None
        starts.append(min(xs))
    return starts


def _last_page(table: Table) -> int:
    pages = [p for p in table.row_pages if p is not None]
    return max(pages) if pages else (table.page or 0)


def _append(first: Table, cont: Table, seen: Collection[str], cut_below: float) -> None:
    if not first.row_pages:
        first.row_pages = [first.page] * first.n_rows
    rows = list(cont.rows)
    row_pages = [cont.row_page(r) for r in range(cont.n_rows)]
    if _repeats_header(first, cont):
        rows, row_pages = rows[1:], row_pages[1:]
    # a row whose text all fit on the page before leaves an empty piece after the break
    while rows and not any(c.text.strip() for c in rows[0]):
        rows, row_pages = rows[1:], row_pages[1:]
    split_row: list[Cell] = []
    # a fragment that is only the header row, ending well above the page's body bottom, was
    # not cut: the next row did not fit whole (a category row, a row kept together)
    cut = len(first.rows) > 1 or first.bbox is None or first.bbox.bottom >= cut_below
    if rows and cut and _continues_row(first.rows[-1], rows[0], first.ruled,
                                       _first_column_always_filled(first, rows)):
        split_row = rows[0]
        _merge_row(first.rows[-1], rows[0], seen)
        rows, row_pages = rows[1:], row_pages[1:]
    offset = first.n_rows - (cont.n_rows - len(rows))
    done = set()
    for row in rows:
        for cell in row:
            if id(cell) not in done:
                cell.row += offset
                done.add(id(cell))
    if rows:
        _continue_merged_cells(first, rows, split_row)
    first.rows.extend(rows)
    first.row_pages.extend(row_pages)


def _continue_merged_cells(first: Table, rows: list[list[Cell]], split_row: list[Cell]) -> None:
    """A cell merged down over rows that the page break cuts prints its text on the first
    page only: the empty cell below the break is the same cell. Taken so where the empty
    cell was itself merged down from the split row, or where the column merges cells
    elsewhere in the table (its empty cells mean "as above")."""
    last = first.rows[-1]
    for c in range(min(len(last), len(rows[0]))):
        above, top = last[c], rows[0][c]
        if top is above or top.text.strip() or not above.text.strip() \
                or top.col_span != 1 or above.col_span != 1 or top.col != c or above.col != c:
            continue
        from_split = c < len(split_row) and split_row[c] is top
        merges = any(row[c].row_span > 1 for row in first.rows + rows if c < len(row))
        if not (from_split or merges):
            continue
        covered = 0
        for row in rows:
            if c < len(row) and row[c] is top:
                row[c] = above
                covered += 1
        above.row_span += covered


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def _first_column_always_filled(first: Table, rows: list[list[Cell]]) -> bool:
    """Does every row but the one after the break have its own text in the first column (a
    key or number column: no cells merged down it, none left empty)?"""
    body = first.rows[1:] + rows[1:]
    return bool(body) and all(row and row[0].col == 0 and row[0].row_span == 1
                              and row[0].text.strip() for row in body)


def _continues_row(last: list[Cell], nxt: list[Cell], ruled: bool,
                   keyed: bool = False) -> bool:
    """Is `nxt` (first row on the new page) the rest of `last`, split by the page break?
    Not when a cell opens a new sub-item ("b) ..."). When its first cell (number, key) goes
    on mid-sentence, yes. When its first cell is empty: in a borderless table yes (rows are
    found by their first cell), and in a ruled one whose first column is filled in every
    other row (`keyed`: a key/value table, a numbered grid); otherwise when some cell goes
    on mid-sentence."""
    if not nxt or not last or not last[0].text.strip():
        return False
    filled = [c for c, cell in enumerate(nxt) if cell.text.strip()]
    if not filled or any(SUB_ITEM.match(nxt[c].text) for c in filled):
        return False
    if nxt[0].text.strip():
        return nxt[0].text[:1].islower() and not _ends_sentence(last[0].text)
    if not ruled or keyed:
        return True
    return any(last[c].text.strip() and (not _ends_sentence(last[c].text)
                                         or nxt[c].text[:1].islower()) for c in filled)


def _word_cut(above: Cell, cell: Cell, seen: Collection[str]) -> bool:
    """Did the page break cut a word too long for the column ("ekonomisk" / "t bistånd")?
    The reader marks a cell whose last line is one word filling it to the edge; the
    dictionary or the document's own spelling says whether the pieces are one word."""
    if not above.at_edge:
        return False
    last = above.text.rsplit(None, 1)[-1]
    head = cell.text.split(None, 1)[0]
    if not (last[-1:].isalpha() and head[:1].isalpha() and head[:1].islower()):
        return False
    tail = head.rstrip(".,;:)")
    return is_broken_word(last, tail) or (last + tail).lower().strip(_STRIP) in seen


def _merge_row(last: list[Cell], nxt: list[Cell], seen: Collection[str]) -> None:
    for c, cell in enumerate(nxt):
        if c >= len(last) or not cell.text.strip():
            continue
        above = last[c]
        if not above.text.strip():
            above.text = cell.text
        elif _word_cut(above, cell, seen):
            above.text = above.text.rstrip() + cell.text.lstrip()
        elif _ends_sentence(above.text) and cell.text[:1].isupper():
            above.text = above.text.rstrip() + "\n" + cell.text
        else:
            above.text = above.text.rstrip() + " " + cell.text
