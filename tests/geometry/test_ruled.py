"""Ruled grids from ruling segments: cells, merged cells, grids apart from text."""
from ikextract.geometry import build_document
from ikextract.geometry.page import Ruling
from ikextract.geometry.ruled import ruled_grids, split_rulings
from ikextract.model import Table, TextBlock
from tests.geometry.helpers import grid_rulings, page, words_at

XS = [60.0, 160.0, 330.0, 500.0]
YS = [100.0, 120.0, 140.0, 160.0, 180.0]
ROWS = [["Process", "Kontrollmoment", "Resultat"],
        ["Kompetens", "a) Utbildning", "Inga avvikelser"],
        ["", "b) Rekrytering", "Pågår"],
        ["Ekonomi", "Attest", "Rutinen följs"]]


def _grid_words(rows=ROWS):
    ws = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                ws += words_at(text, XS[c] + 4, YS[r] + 14)
    return ws


def _table(rulings, rows=ROWS, extra=()):
    doc = build_document([page(_grid_words(rows) + list(extra), rulings)], "x.pdf")
    return doc


def test_a_full_grid_gives_every_cell():
    t, = _table(grid_rulings(XS, YS)).tables
    assert t.ruled and t.n_rows == 4 and t.n_cols == 3 and t.page == 1
    assert [t.row_texts(r) for r in range(4)] == ROWS
    assert t.rows[1][0].bbox.x0 == XS[0] and t.rows[1][0].bbox.bottom == YS[2]


def test_a_missing_border_makes_one_merged_cell_at_every_position_it_covers():
    rulings = [r for r in grid_rulings(XS, YS)
               if not (r.horizontal and r.top == YS[2])]     # no line under "Kompetens"
    rulings += [Ruling(XS[1], YS[2], XS[-1], YS[2])]          # ... except right of it
    t, = _table(rulings).tables
    merged = t.rows[1][0]
    assert merged is t.rows[2][0] and merged.row_span == 2 and merged.text == "Kompetens"
    assert t.rows[2][1].text == "b) Rekrytering"


def test_rules_drawn_as_thin_boxes_and_double_lines_are_one_grid():
    rulings = [Ruling(x - 0.4, YS[0], x + 0.4, YS[-1]) for x in XS] + \
              [Ruling(XS[0], y - 0.4, XS[-1], y + 0.4) for y in YS] + \
              [Ruling(XS[0], YS[0] + 1.5, XS[-1], YS[0] + 1.5)]   # a double top border
    t, = _table(rulings).tables
    assert t.n_rows == 4 and t.n_cols == 3


def test_boxes_thicker_than_a_rule_are_no_rulings():
    h, v = split_rulings([Ruling(60, 100, 300, 140)])            # shading
    assert h == [] and v == []


def test_text_above_and_below_a_grid_is_text_and_the_grid_holds_only_its_words():
    above = words_at("Uppföljning av kontrollerna", 60, 80)
    below = words_at("Kommentar efter tabellen.", 60, 220)
    doc = _table(grid_rulings(XS, YS), extra=above + below)
    kinds = [type(i).__name__ for i in doc.items]
    assert kinds == ["TextBlock", "Table", "TextBlock"]
    assert doc.items[2].text == "Kommentar efter tabellen."
    assert all("tabellen" not in c.text for row in doc.tables[0].rows for c in row)


def test_two_grids_on_a_page_are_two_tables():
    first = grid_rulings(XS, YS)
    ys2 = [y + 200 for y in YS]
    second = grid_rulings(XS, ys2)
    words = _grid_words()
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            if text:
                words += words_at(text, XS[c] + 4, ys2[r] + 14)
    grids = ruled_grids(page(words, first + second))
    assert len(grids) == 2
    doc = build_document([page(words, first + second)], "x.pdf")
    assert [isinstance(i, Table) for i in doc.items] == [True, True]
    assert not any(isinstance(i, TextBlock) for i in doc.items)


def test_a_thick_border_drawn_as_a_filled_box_is_a_ruling_but_shading_is_not():
    rulings = [r for r in grid_rulings(XS, YS) if not (r.horizontal and r.top == YS[1])]
    rulings.append(Ruling(XS[0], YS[1] - 2.25, XS[-1], YS[1] + 2.25))   # 4.5 pt header rule
    t, = _table(rulings).tables
    assert t.n_rows == 4 and t.row_texts(0) == ROWS[0]
    h, v = split_rulings([Ruling(60, 100, 300, 114)])                  # a shaded row
    assert h == [] and v == []
