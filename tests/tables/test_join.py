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
