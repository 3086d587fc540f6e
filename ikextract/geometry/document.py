"""Pages of words and rulings into a Document: the geometry stage's one entry point.

Per page: ruled grids from the rulings; the other words into lines; running headers and
footers apart (margin_texts); among the remaining lines, borderless tables (a table that
ran to the bottom of a page may go on at the top of the next with the same columns) and
text blocks. Each page's items in reading order, a paragraph cut by a page break joined.
Tables are reported page by page: joining a table split over pages is the tables stage's
job (ikextract.tables).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ikextract.geometry.borderless import (borderless_table, continues_table, fits_columns,
                                           header_columns, is_table, refine_columns,
                                           starts_on_columns, table_extent)
from ikextract.geometry.lines import Line, body_font_size, inside, make_lines
from ikextract.geometry.margins import margin_lines
from ikextract.geometry.page import PageGeometry
from ikextract.geometry.paragraphs import (SENTENCE_END, Joiner, heading_sizes,
                                           looks_hyphenated, one_line_forms, text_blocks)
from ikextract.geometry.ruled import grid_table, ruled_grids
from ikextract.geometry.settings import GeometrySettings
from ikextract.model import Document, Page, TextBlock


@dataclass
class _Context:
    """What every page's layout needs to know of the whole document."""
    joiner: Joiner
    body_size: float
    heading_sizes: list[float]
    settings: GeometrySettings


@dataclass
class _PageLayout:
    number: int
    items: list = field(default_factory=list)   # (top, item)

    def add(self, top: float, item) -> None:
        self.items.append((top, item))


def build_document(pages: list[PageGeometry], path: str | Path, source_format: str = "pdf",
                   settings: GeometrySettings = GeometrySettings(),
                   properties: Optional[dict[str, str]] = None) -> Document:
    """The Document the pages show: items in reading order, margins apart, page sizes.
    Pure: knows nothing of where the words came from."""
    if any(p.source == "ocr" for p in pages) and source_format == "pdf":
        source_format = "pdf_ocr"
    doc = Document(path=str(path), source_format=source_format,
                   properties=dict(properties or {}))
    doc.pages = [Page(p.number, p.width, p.height) for p in pages]
    doc.warnings = [w for p in pages for w in p.warnings]
    grids = {}
    page_lines: dict[int, list[Line]] = {}
    free_words = []
    for p in pages:
        grids[p.number] = ruled_grids(p, settings)
        free = [w for w in p.words
                if not any(inside(w, g.box, settings.inside) for g in grids[p.number])]
        free_words.extend(free)
        page_lines[p.number] = make_lines(free, settings)
    # the body text's size, from text outside ruled tables unless there is hardly any
    enough = sum(len(w.text) for w in free_words) >= settings.body_min_chars
    body_size = body_font_size(free_words if enough else [w for p in pages for w in p.words],
                               settings)
    margins = margin_lines(pages, page_lines, settings)
    doc.margin_texts = [ln.text for p in pages for ln in page_lines[p.number]
                        if id(ln) in margins]
    body = {n: [ln for ln in lines if id(ln) not in margins] for n, lines in page_lines.items()}
    seen = one_line_forms(pages)
    joiner = Joiner(seen, looks_hyphenated(list(page_lines.values()), seen, settings))
    ctx = _Context(joiner, body_size,
                   heading_sizes([ln for lines in body.values() for ln in lines], body_size,
                                 settings), settings)
    layouts: list[_PageLayout] = []
    carry: Optional[list[float]] = None   # columns of a borderless table ending a page
    lone_header = None   # (layout, line): a header line ending a page, its table on the next
    for p in pages:
        lay = _PageLayout(p.number)
        for grid in grids[p.number]:
            table = grid_table(grid, p.number, joiner, settings)
            if table is not None:
                lay.add(grid.box.top, table)
        carry, used_carry, lone = _borderless_and_text(lay, body[p.number], p.width, ctx, carry)
        if lone_header is not None:
            before, line = lone_header
            _place_lone_header(before, line, used_carry, ctx)
        lone_header = (lay, lone) if lone is not None else None
        layouts.append(lay)
    if lone_header is not None:
        _place_lone_header(*lone_header, False, ctx)
    doc.items = _reading_order(layouts)
    return doc


def _place_lone_header(lay: _PageLayout, line: Line, table_follows: bool, ctx: _Context) -> None:
    """A header line alone at a page bottom is its table's first row where the table goes on
    at the top of the next page, otherwise text."""
    if table_follows:
        table = borderless_table(lay.number, [line], header_columns(line, ctx.settings),
                                 ctx.joiner, settings=ctx.settings)
        lay.add(line.top, table)
    else:
        lay.items.extend(text_blocks(lay.number, [line], ctx.joiner, ctx.body_size,
                                     ctx.heading_sizes, line.x1, ctx.settings))


def _borderless_and_text(lay: _PageLayout, lines: list[Line], page_width: float,
                         ctx: _Context, carry: Optional[list[float]]):
    """Find borderless tables among the page's free lines; the rest become text blocks.
    Returns the columns of a borderless table running to the page bottom (for the next
    page), whether `carry` continued such a table here, and a lone table header line that
    ends the page (its table starts on the next page; the caller decides)."""
    s = ctx.settings
    i = 0
    text_run: list[Line] = []
    right_margin = max((ln.x1 for ln in lines), default=page_width)
    # a ruled table sits between text runs: lines above and below it are separate runs
    breaks = sorted(t for t, _ in lay.items)
    ending_cols = None
    used_carry = False
    lone = None

    def flush():
        lay.items.extend(text_blocks(lay.number, text_run, ctx.joiner, ctx.body_size,
                                     ctx.heading_sizes, right_margin, s))
        text_run.clear()

    small = ctx.body_size * s.heading_ratio
    while i < len(lines):
        ln = lines[i]
        cols = None
        header_rows = 0
        if carry is not None and not text_run and i == 0 and fits_columns(ln, carry, s) \
                and starts_on_columns(ln, carry, s) >= 1 and ln.size < small:
            cols = carry
        elif ln.size < small:
            starts = header_columns(ln, s)
            if len(starts) >= 2:
                cols, header_rows = starts, 1
        if cols is not None:
            end, spans = table_extent(lines, i, cols, header_rows, s)
            body = lines[i:end]
            if header_rows and cols is not carry:
                cols = refine_columns(body, cols, {k - i for k in spans}, s)
            if header_rows and end == i + 1 == len(lines) and len(cols) >= 3:
                flush()
                lone, ending_cols = ln, cols     # a header line alone at the page bottom
                i = end
                continue
            carried = cols is carry and continues_table(body, cols, s)
            if (end - i >= 2 and is_table(body, cols, s)) or carried:
                used_carry = used_carry or cols is carry
                flush()
                table = borderless_table(lay.number, body, cols, ctx.joiner,
                                         {k - i for k in spans}, s)
                if table is not None:
                    lay.add(body[0].top, table)
                ending_cols = cols if end == len(lines) else None
                i = end
                continue
        if text_run and any(text_run[-1].bottom <= t <= ln.top for t in breaks):
            flush()
        text_run.append(ln)
        ending_cols = None
        i += 1
    flush()
    return ending_cols, used_carry, lone


def _reading_order(layouts: list[_PageLayout]) -> list:
    """Items page by page, top to bottom; a paragraph the page break cut joined."""
    items: list = []
    for lay in layouts:
        page_items = [it for _, it in sorted(lay.items, key=lambda ti: ti[0])]
        if page_items and items and _continues_paragraph(items[-1], page_items[0]):
            items[-1].text = items[-1].text.rstrip() + " " + page_items[0].text
            page_items = page_items[1:]
        items.extend(page_items)
    return items


def _continues_paragraph(before, after) -> bool:
    """A paragraph the page break cut: same style, no sentence end, goes on in lower case."""
    return (isinstance(before, TextBlock) and isinstance(after, TextBlock)
            and before.kind == after.kind == "paragraph" and before.bold == after.bold
            and not before.text.rstrip().endswith(SENTENCE_END) and after.text[:1].islower())


__all__ = ["build_document"]
