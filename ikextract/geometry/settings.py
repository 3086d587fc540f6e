"""Every tolerance the geometry stage uses, named once.

Lengths ending in _em are multiples of the font size of the text at hand; the others are
PDF points. A word source in pixels converts to points before geometry sees its words, so
one set of settings serves text layers and OCR pages alike.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeometrySettings:
    # -- lines
    # words whose bottoms differ by at most this much are on one line
    line_join: float = 2.0
    line_join_em: float = 0.25
    # words further apart than this are in different table columns
    column_gap_em: float = 1.2
    # a word belongs to a box (ruled grid) when its centre is within this of the box
    inside: float = 1.0

    # -- font sizes
    # text this much larger than the body text is a heading (and ends a borderless table)
    heading_ratio: float = 1.12
    # below this many characters outside ruled tables, the body size comes from all text
    body_min_chars: int = 300
    # the body size where a page has no text at all
    default_size: float = 10.0
    # a font size change larger than this starts a new paragraph
    size_change: float = 0.6
    # a line larger than every line of a borderless table so far ends it
    table_size_rise: float = 0.5

    # -- margins (running headers and footers)
    # the top and bottom share of the page where running headers and footers live
    margin_zone: float = 0.13
    # a running line stands at the same height on every page within this
    margin_same_place: float = 4.0
    # a line split in this many columns is a repeated table header, not a running head
    margin_max_segments: int = 3

    # -- paragraphs
    # extra vertical room over the line pitch that makes a paragraph break
    paragraph_gap: float = 2.5
    paragraph_gap_em: float = 0.25
    # a word space, as a share of the font size, when asking whether a word would have fit
    word_space_em: float = 0.3
    fit_slack: float = 1.5
    # a line moved left or right by more than this starts a new text block
    indent_break: float = 30.0
    # the line pitch is capped at this many font sizes (rows of one line each); steps
    # between line tops over this many sizes are gaps, not the pitch; with one line only,
    # the pitch is taken as this many sizes
    max_pitch_em: float = 1.3
    pitch_steps_em: float = 3.0
    single_line_pitch_em: float = 1.2
    # a hyphenated line end is checked against the word below it when within this many sizes
    below_word_em: float = 2.0
    # a heading has fewer characters than this (by size / by bold alone)
    heading_max_chars: int = 200
    bold_heading_max_chars: int = 120
    # a word broken at a column edge without a hyphen: the room left is below both
    edge_room_em: float = 0.6
    edge_letters: float = 1.8
    edge_slack: float = 1.0

    # -- ruled grids
    # a ruling is at most this thick (lines, thin filled rectangles), or at most
    # thick_ruling thick and ruling_aspect times as long (a thick border)
    ruling_width: float = 3.0
    thick_ruling: float = 6.0
    ruling_aspect: float = 8.0
    # collinear ruling pieces closer than this join into one
    ruling_merge_pos: float = 1.0
    ruling_merge_gap: float = 1.5
    # a horizontal and a vertical ruling cross when they come this close
    ruling_cross: float = 2.5
    # ruling positions closer than this are one grid line
    grid_cluster: float = 2.0
    # grid lines closer than this are one (double borders)
    grid_min_step: float = 3.0
    # a cell border exists where rulings cover this share of it
    border_cover: float = 0.6
    border_pos: float = 2.0
    # the cell's text padding is taken within these bounds (the default for empty cells)
    cell_pad_min: float = 1.0
    cell_pad_max: float = 8.0
    cell_pad_empty: float = 2.0

    # -- borderless tables
    # a line's part starts on a column when within this of the column start
    column_snap: float = 3.0
    # a word crosses a column start when it reaches this far past it
    column_cross: float = 1.0
    # words either side of a column start closer than this share of the font size are
    # running text, not two columns
    column_min_gap_em: float = 0.45
    # a vertical gap larger than this many font sizes ends a borderless table
    table_gap_em: float = 2.2
    # ... unless the line after the gap starts on two or more of the columns (a row of
    # the same table, rows set far apart) and the gap is at most this many font sizes
    aligned_row_gap_em: float = 6.0
    # the gutter between borderless columns is at least this share of the font size
    min_gutter_em: float = 0.2
    # a borderless column's text ends at most this far before the next column
    column_end_room: float = 4.0
    # a column the header does not show starts where this many lines (and this share of
    # the table's lines) start a part at one place
    min_column_lines: int = 3
    column_line_share: float = 0.3
    # a category row's text wrapped to a next line at most this many sizes below
    category_wrap_em: float = 1.5
