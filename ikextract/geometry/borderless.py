"""Borderless tables: columns from a header line whose words stand apart, extended down the
page while the lines keep to those columns; rows where cells start.

A line starts a block in a column when that column was empty just above it, when a vertical
gap stands above it, or when the column's line above stopped short although this line's
first word would have fit (the cell's text had ended). A new row starts where the first
column and every other column start a block together; where most row boundaries stand apart
by a gap, a start without one is a paragraph break inside the row, not a new row.
"""
from __future__ import annotations

import re
from typing import Collection, Optional

from ikextract.geometry.lines import Line, segments, word_size
from ikextract.geometry.page import PageWord
from ikextract.geometry.paragraphs import (Joiner, line_pitch, paragraph_step, paragraphs,
                                           would_have_fit)
from ikextract.geometry.settings import GeometrySettings
from ikextract.model import BBox, Cell, Table

DEFAULT = GeometrySettings()


def header_columns(ln: Line, settings: GeometrySettings = DEFAULT) -> list[float]:
    """Column starts a line proposes: where its parts standing apart begin."""
    return [seg[0].x0 for seg in segments(ln, settings)]


def fits_columns(ln: Line, cols: list[float], settings: GeometrySettings = DEFAULT) -> bool:
    """Every word of the line lies inside one column (none crosses a column start), and
    words in neighbouring columns stand further apart than a word space (running text
    whose words happen to fall either side of a column start is not a table line)."""
    tol = settings.column_snap
    for w in ln.words:
        for x in cols[1:]:
            if w.x0 < x - tol and w.x1 > x + settings.column_cross:
                return False
    for a, b in zip(ln.words, ln.words[1:]):
        if b.x0 - a.x1 < settings.column_min_gap_em * max(word_size(a), word_size(b)) and \
                any(a.x1 <= x + settings.column_cross and b.x0 >= x - tol for x in cols[1:]):
            return False
    return ln.x0 >= cols[0] - tol


def starts_on_columns(ln: Line, cols: list[float], settings: GeometrySettings = DEFAULT) -> int:
    tol = settings.column_snap
    return sum(1 for s in header_columns(ln, settings) if any(abs(s - x) <= tol for x in cols))


def table_extent(lines: list[Line], start: int, cols: list[float], header_rows: int,
                 settings: GeometrySettings = DEFAULT) -> tuple[int, set[int]]:
    """Index after the last line that still belongs to a borderless table from `start`,
    and the lines that are rows spanning the table (category rows)."""
    ref = lines[start]
    end = start + 1
    # header words wrapped inside their cell: following bold lines on the header columns
    while end < len(lines) and header_rows and lines[end].bold == ref.bold and ref.bold \
            and fits_columns(lines[end], cols, settings) \
            and lines[end].top - lines[end - 1].bottom < ref.size:
        end += 1
    spans: set[int] = set()
    gap = settings.table_gap_em
    while end < len(lines):
        ln, prev = lines[end], lines[end - 1]
        space = ln.top - prev.bottom
        if space > gap * ln.size and not (
                space <= settings.aligned_row_gap_em * ln.size
                and starts_on_columns(ln, cols, settings) >= 2
                and fits_columns(ln, cols, settings)):
            break      # a wide gap ends the table, unless a row aligned to it follows
        # text set larger than anything in the table so far is the text after it
        if ln.size > max(x.size for x in lines[start:end]) + settings.table_size_rise:
            break
        if not fits_columns(ln, cols, settings):
            # a row spanning the table (a category row) when the columns go on after it
            nxt = end + 1
            if nxt < len(lines) and lines[nxt].top - ln.bottom <= gap * ln.size \
                    and fits_columns(lines[nxt], cols, settings) \
                    and starts_on_columns(lines[nxt], cols, settings) >= 2 \
                    and len(segments(ln, settings)) == 1:
                spans.add(end)
                end += 1
                continue
            break
        end += 1
    return end, spans


def refine_columns(body: list[Line], cols: list[float], spans: Collection[int] = (),
                   settings: GeometrySettings = DEFAULT) -> list[float]:
    """Column starts from the header words and the text below them: where the lines under
    the header start a part after a gap at one place that no header part starts at (a
    narrow "Nr" column whose heading stands closer to the next than a column gap), on
    enough lines and crossed by no word, a column starts too."""
    tol = settings.column_snap
    starts: list[float] = []
    lines = [ln for k, ln in enumerate(body) if k > 0 and k not in spans]
    for ln in lines:     # parts after a gap on their line (not an indented line's start)
        starts += [x for x in header_columns(ln, settings)[1:]
                   if not any(abs(x - c) <= tol for c in cols)]
    out = list(cols)
    for group in _clusters(sorted(starts), tol):
        if len(group) < max(settings.min_column_lines, settings.column_line_share * len(lines)):
            continue
        x = min(group)
        trial = sorted(out + [x])
        if all(fits_columns(ln, trial, settings) for ln in body[1:]) and \
                x > cols[0] + tol:
            out = trial
    return out


def _clusters(values: list[float], tol: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for v in values:
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def is_table(body: list[Line], cols: list[float], settings: GeometrySettings = DEFAULT) -> bool:
    """Enough lines use columns other than the first to be a table, not indented text."""
    tol = settings.column_snap
    multi = sum(1 for ln in body if starts_on_columns(ln, cols, settings) >= 2 or
                (ln.x0 > cols[0] + tol and starts_on_columns(ln, cols, settings) >= 1))
    return multi >= 2 or (len(body) >= 2 and multi >= 1 and len(cols) >= 3)


def continues_table(body: list[Line], cols: list[float],
                    settings: GeometrySettings = DEFAULT) -> bool:
    """Lines at a page top that go on with a table from the page before, even for one
    line: every part starts on one of its columns, and not all of it in the first."""
    tol = settings.column_snap
    return all(any(abs(seg[0].x0 - x) <= tol for x in cols)
               for b in body for seg in segments(b, settings)) and any(
        b.x0 > cols[0] + tol or len(segments(b, settings)) >= 2 for b in body)


def _column_of(w: PageWord, cols: list[float], tol: float) -> int:
    c = 0
    for j, x in enumerate(cols):
        if w.x0 >= x - tol:
            c = j
    return c


def borderless_table(page: int, body: list[Line], cols: list[float], joiner: Joiner,
                     spans: Collection[int] = frozenset(),
                     settings: GeometrySettings = DEFAULT) -> Optional[Table]:
    """The lines of one borderless table (`spans`: indexes of lines spanning all columns)."""
    n = len(cols)
    tol = settings.column_snap
    parts: list[dict[int, Line]] = []      # per line, the part of it in each column
    for ln in body:
        by_col: dict[int, list[PageWord]] = {}
        for w in ln.words:
            by_col.setdefault(_column_of(w, cols, tol), []).append(w)
        parts.append({c: Line(ws) for c, ws in by_col.items()})
    pitch = line_pitch(body, settings)
    step = paragraph_step(pitch, body[0].size, settings)
    # The column whose text comes closest to the next column shows the gutter between them.
    reach = [max((part[j].x1 for part in parts if j in part), default=cols[j])
             for j in range(n)]
    gutter = min((cols[j + 1] - reach[j] for j in range(n - 1)), default=0.0)
    gutter = max(gutter, settings.min_gutter_em * body[0].size)
    edges = [max(reach[j], cols[j + 1] - gutter) for j in range(n - 1)] + \
            [max(ln.x1 for ln in body)]
    last_seg: dict[int, Line] = {}
    starts: list[dict[int, bool]] = []     # per line and column: a block starts here
    opens: list[dict[int, bool]] = []      # ... or may: the part opens like a new cell
    for part in parts:
        flags, maybe = {}, {}
        for c, seg in part.items():
            above = last_seg.get(c)
            flags[c] = above is None or seg.top - above.top > step or \
                would_have_fit(above, seg, edges[c], settings)
            maybe[c] = flags[c] or _opens_cell(above, seg)
            last_seg[c] = seg
        starts.append(flags)
        opens.append(maybe)
    category = _category_lines(body, parts, settings)
    row_starts = [0]
    for k in range(1, len(body)):
        flags = starts[k]
        if k in spans or k - 1 in spans:
            row_starts.append(k)
        elif (k in category) != (k - 1 in category):
            row_starts.append(k)       # a category row starts or ends here
        elif k in category:
            continue                   # a category's text wrapped to a second line
        elif body[k - 1].bold and not body[k].bold and all(body[j].bold for j in range(k)):
            row_starts.append(k)       # the bold header row ends here
        elif 0 in flags and flags[0] and all(flags.values()):
            row_starts.append(k)
        elif 0 in flags and len(flags) >= 2 and all(opens[k].values()):
            # first lines aligned across columns, each opening like a cell's text, where a
            # cell above ended in a full line (rows with no space between them)
            row_starts.append(k)
        elif 0 not in flags and all(flags.values()) and len(flags) >= max(2, n - 1):
            row_starts.append(k)
    row_starts = _drop_paragraph_breaks(body, row_starts, step,
                                        set(spans) | category | {k + 1 for k in category})
    right_edges = [cols[j + 1] - settings.column_end_room for j in range(n - 1)] + \
                  [max(ln.x1 for ln in body)]
    for j in range(n - 1):   # a column's text may end well before the next column starts
        xs = [part[j].x1 for part in parts if j in part]
        if xs:
            right_edges[j] = min(right_edges[j], max(xs))
    rows = []
    bounds = row_starts + [len(body)]
    for r, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if a in spans:
            box = BBox(cols[0], body[a].top, right_edges[-1], body[b - 1].bottom)
            text = joiner.join([ln.text for ln in body[a:b]])
            cell = Cell(text, r, 0, 1, n, page, box, bold=all(ln.bold for ln in body[a:b]))
            rows.append([cell] * n)
            continue
        row = []
        for c in range(n):
            segs = [parts[k][c] for k in range(a, b) if c in parts[k]]
            text = "\n".join(paragraphs(segs, right_edges[c], joiner, pitch, settings=settings))
            box = BBox(cols[c], body[a].top, cols[c + 1] if c + 1 < n else right_edges[-1],
                       body[b - 1].bottom)
            bold = bool(segs) and all(s.bold for s in segs)
            row.append(Cell(text, r, c, page=page, bbox=box, bold=bold))
        rows.append(row)
    if not rows:
        return None
    _merge_into_sub_items(rows)
    box = BBox(cols[0], body[0].top, max(ln.x1 for ln in body), body[-1].bottom)
    return Table(rows, page=page, bbox=box, row_pages=[page] * len(rows), ruled=False)


SUB_ITEM = re.compile(r"^(?:[a-zåäö]|\d{1,2})\)\s")


def _merge_into_sub_items(rows: list[list[Cell]]) -> None:
    """A cell merged down over sub-items (a process shared by risks a), b) ...) prints its
    text in the first sub-item's row only, and no border shows the merge: in a row whose
    cells open a sub-item, an empty cell left of the first such cell, under a filled one,
    is the cell above."""
    for r in range(2, len(rows)):
        row, above = rows[r], rows[r - 1]
        marked = [c for c, cell in enumerate(row) if SUB_ITEM.match(cell.text)]
        if not marked or row[0].col_span > 1:
            continue
        for c in range(marked[0]):
            up = above[c]
            if row[c].text.strip() or not up.text.strip() or up.col_span > 1 \
                    or SUB_ITEM.match(up.text):
                continue
            row[c] = up
            up.row_span += 1


def _category_lines(body: list[Line], parts: list[dict[int, Line]],
                    settings: GeometrySettings = DEFAULT) -> set[int]:
    """Lines that are a category row in one column (bold, alone on their line, opening with
    a capital, as "Verksamhet och organisation" in the Process column, and the lines its
    text wraps to): a row of their own. The header's words wrapped below it go on in lower
    case ("Kontrollmetod och" / "avgränsning") and are no category."""
    out: set[int] = set()
    for k in range(1, len(body)):
        ln = body[k]
        if not ln.bold or len(parts[k]) != 1:
            continue
        if k - 1 in out and ln.top - body[k - 1].top <= settings.category_wrap_em * ln.size \
                and list(parts[k]) == list(parts[k - 1]):
            out.add(k)         # the category's text wrapped to a second line
            continue
        first = ln.words[0].text
        if first[:1].isupper() or first[:1].isdigit():
            out.add(k)
    return out


def _opens_cell(above: Optional[Line], seg: Line) -> bool:
    """Does the part begin the way a cell's text does (a capital or a digit), where the line
    above in its column does not run on into it (a hyphen, a comma, a conjunction)?"""
    first = seg.words[0].text
    if not (first[:1].isupper() or first[:1].isdigit()):
        return False
    if above is None:
        return True
    last = above.words[-1].text
    return not last.endswith(("-", ",", "/", "\u00ad")) and last.lower() not in _RUNS_ON


# Words a line does not end a cell's text with: the text runs on to the next line.
_RUNS_ON = frozenset({"och", "eller", "samt", "att", "för", "av", "i", "på", "med", "till",
                      "om", "som", "en", "ett", "den", "det", "de", "inom", "vid", "från"})


def _drop_paragraph_breaks(body: list[Line], row_starts: list[int], step: float,
                           spans: Collection[int]) -> list[int]:
    """Where most row boundaries (the header's end included) stand apart by more than the
    line pitch, a row start found without such a gap is a paragraph break that happens in
    every column on the same line, not a new row."""
    spaced = [k for k in row_starts[1:] if body[k].top - body[k - 1].top > step]
    unspaced = [k for k in row_starts[1:] if k not in spaced and k not in spans
                and k - 1 not in spans and not body[k - 1].bold]
    if not spaced or len(spaced) <= len(unspaced):
        return row_starts
    return [k for k in row_starts if k not in unspaced]
