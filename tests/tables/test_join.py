from ikextract.layouts import reconstruct
from ikextract.model import Document
from ikextract.tables import join_tables
from tests.layouts.helpers import make_table

HEADER = ["Nr", "Process", "Kontrollmoment", "Resultat av kontroll"]


def test_fragments_on_later_pages_join_and_repeated_header_is_dropped():
    first = make_table([HEADER, ["1", "P", "K", "Resultatet visar att"]], pages=[1, 1])
    second = make_table([HEADER, ["", "", "", "rutinen följs."], ["2", "Q", "K", "Bra."]],
                        pages=[2, 2, 2])
    doc = join_tables(Document(path="x", source_format="pdf", items=[first, second]))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    # header dropped, the row cut by the page break joined into the row above
    assert table.n_rows == 3 and table.row_pages == [1, 1, 2]
    assert table.rows[1][3].text == "Resultatet visar att rutinen följs."
    rows = reconstruct(doc).rows
    assert [r.number for r in rows] == ["1", "2"]
    assert rows[0].result == "Resultatet visar att rutinen följs."
    assert [r.source_page for r in rows] == [1, 2]


def test_tables_on_the_same_page_or_with_other_columns_stay_apart():
    a = make_table([HEADER, ["1", "P", "K", "R."]], pages=[1, 1])
    b = make_table([["Tidpunkt", "Aktivitet"], ["Maj", "Möte"]], pages=[2, 2])
    c = make_table([HEADER, ["2", "P", "K", "R."]], pages=[1, 1])
    assert len(join_tables(Document(path="x", source_format="pdf", items=[a, b])).tables) == 2
    assert len(join_tables(Document(path="x", source_format="pdf", items=[a, c])).tables) == 2


def _kv(rows, page):
    return make_table(rows, pages=[page] * len(rows))


def test_a_key_value_table_over_a_break_joins_the_cut_row_and_drops_its_empty_piece():
    first = _kv([["Kontrollpunkt 2", "Kontrollpunkt 2"], ["Process", "Delegation"],
                 ["Risk", "Beslut anmäls inte."]], 1)
    second = _kv([["", ""], ["Riskvärde", "6"], ["Resultat", "Två av tio saknades."]], 2)
    third = _kv([["", "Rutinen ses över."], ["Kommentar", "Klart."]], 3)
    doc = join_tables(Document(path="x", source_format="pdf", items=[first, second, third]))
    t, = doc.tables
    assert [r[0].text for r in t.rows] == ["Kontrollpunkt 2", "Process", "Risk", "Riskvärde",
                                           "Resultat", "Kommentar"]
    # the first column is filled in every other row: the empty key continues the row above
    assert t.rows[4][1].text == "Två av tio saknades.\nRutinen ses över."
    assert t.row_pages == [1, 1, 1, 2, 2, 3]


def test_an_empty_first_cell_after_a_break_is_a_new_row_where_the_column_merges_cells():
    first = make_table([HEADER, ["1", "Ekonomi", "Attest", "Inga avvikelser."],
                        ["", "", "Avtal.", "Rutinen följs."]], vmerge={(2, 0), (2, 1)},
                       pages=[1, 1, 1])
    second = make_table([HEADER, ["", "", "Löner.", "Stickprov visar fel."]], pages=[2, 2])
    t, = join_tables(Document(path="x", source_format="pdf", items=[first, second])).tables
    assert t.n_rows == 4 and t.rows[3][2].text == "Löner."
    # the merged cells go on over the break
    assert t.rows[3][0] is t.rows[1][0] and t.rows[1][0].row_span == 3


def test_a_category_line_left_at_a_page_bottom_is_a_row_of_the_table_going_on():
    from ikextract.model import TextBlock
    first = make_table([HEADER, ["1", "P", "K", "R."]], pages=[1, 1])
    category = TextBlock("Ekonomi", kind="heading", page=1, bold=True)
    second = make_table([HEADER, ["2", "Q", "K", "R."]], pages=[2, 2])
    doc = join_tables(Document(path="x", source_format="pdf",
                               items=[first, category, second]))
    t, = doc.items
    assert [r[0].text for r in t.rows] == ["Nr", "1", "Ekonomi", "2"]
    assert t.rows[2][0] is t.rows[2][3] and t.row_pages == [1, 1, 1, 2]
    # a heading on the page the next table starts is no cut category row
    first = make_table([HEADER, ["1", "P", "K", "R."]], pages=[1, 1])
    heading = TextBlock("Åtgärder", kind="heading", page=2, bold=True)
    third = make_table([HEADER, ["3", "Q", "K", "R."]], pages=[2, 2])
    doc = join_tables(Document(path="x", source_format="pdf", items=[first, heading, third]))
    assert len(doc.tables) == 2
