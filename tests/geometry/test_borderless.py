"""Borderless tables: columns from the header words and the text below, rows from where
cells start and from vertical gaps, wrapped cells whole, never two rows merged, a table
going on over a page break."""
import pytest

from ikextract.geometry import build_document
from ikextract.model import Table, TextBlock
from ikextract.tables import join_tables
from tests.geometry.helpers import page, words_at, wrap

COLS = [60.0, 200.0, 380.0]
WIDTHS = [125.0, 165.0, 150.0]
HEADER = ("Risk", "Kontrollmoment", "Ansvarig")
ROWS = [
    ("Bristande rutiner för attest av fakturor inom förvaltningen",
     "Stickprov av trettio fakturor per kvartal med kontroll av attesträtt",
     "Ekonomiavdelningen"),
    ("Otillräcklig uppföljning av avtal",
     "Genomgång av samtliga ramavtal och avtalstrohet under året",
     "Upphandlingsenheten och respektive verksamhet"),
    ("Brister i hanteringen av personuppgifter", "Kontroll av registerförteckning",
     "Dataskyddsombud"),
    ("Risk för jäv vid myndighetsutövning",
     "Granskning av delegationsbeslut och jävsdeklarationer för handläggare", "Kanslichef"),
    ("Felaktiga löneutbetalningar",
     "Avstämning av lönelistor mot beslut om anställning och ledighet", "HR-avdelningen"),
    ("Bristande kontinuitetsplanering vid kris", "Övning av krisledningsplan",
     "Säkerhetssamordnare"),
    ("Otillåten användning av kommunens fordon",
     "Kontroll av körjournaler för ett urval av fordon", "Fordonsansvarig"),
    ("Ineffektiv lokalanvändning", "Analys av lokalernas nyttjandegrad", "Lokalstrateg"),
]
PITCH = 12.0


def _table_words(rows, row_gap, top=120.0, header=True, bold_header=True):
    """Rows of wrapped cells, top-aligned, with row_gap points of white space between rows;
    returns the words and the y below the last row."""
    ws = []
    y = top
    if header:
        for x, h in zip(COLS, HEADER):
            ws += words_at(h, x, y, bold=bold_header)
        y += PITCH + row_gap
    for row in rows:
        lines = [wrap(t, w) for t, w in zip(row, WIDTHS)]
        for x, cell in zip(COLS, lines):
            for k, ln in enumerate(cell):
                ws += words_at(ln, x, y + k * PITCH)
        y += PITCH * max(len(cell) for cell in lines) + row_gap
    return ws, y


@pytest.mark.parametrize("row_gap", [0.0, 2.0, 4.0, 8.0, 24.0, 40.0])
def test_rows_of_wrapped_cells_are_never_merged_whatever_the_space_between_them(row_gap):
    ws, _ = _table_words(ROWS, row_gap)
    t, = build_document([page(ws)], "x.pdf").tables
    assert not t.ruled and t.n_cols == 3 and t.n_rows == len(ROWS) + 1
    assert t.row_texts(0) == list(HEADER)
    for r, row in enumerate(ROWS, start=1):
        assert t.row_texts(r) == list(row)       # every wrapped cell whole, in its row


def test_header_in_regular_weight_gives_the_columns_too():
    ws, _ = _table_words(ROWS[:4], 4.0, bold_header=False)
    t, = build_document([page(ws)], "x.pdf").tables
    assert t.row_texts(0) == list(HEADER) and t.n_rows == 5


def test_column_starts_come_from_the_header_words():
    ws, _ = _table_words(ROWS[:3], 4.0)
    t, = build_document([page(ws)], "x.pdf").tables
    assert [t.rows[1][c].bbox.x0 for c in range(3)] == COLS


def test_a_line_spanning_the_columns_is_a_category_row():
    ws, y = _table_words(ROWS[:2], 4.0)
    ws += words_at("Personal och arbetsmiljö för hela förvaltningen", 60, y)
    more, _ = _table_words(ROWS[2:4], 4.0, top=y + PITCH + 4.0, header=False)
    t, = build_document([page(ws + more)], "x.pdf").tables
    category = t.rows[3]
    assert category[0] is category[2] and category[0].col_span == 3
    assert category[0].text == "Personal och arbetsmiljö för hela förvaltningen"
    assert t.row_texts(4) == list(ROWS[2])


def test_running_text_is_not_a_table():
    ws = words_at("Kommunstyrelsen har under året följt upp internkontrollplanen och", 60, 100)
    ws += words_at("bedömer att kontrollerna i huvudsak fungerar tillfredsställande.", 60, 112)
    doc = build_document([page(ws)], "x.pdf")
    assert doc.tables == [] and isinstance(doc.items[0], TextBlock)


def test_a_table_going_on_at_the_next_page_top_is_a_fragment_there_joined_by_the_tables_stage():
    first, _ = _table_words(ROWS[:3], 4.0, top=650.0)
    second, _ = _table_words(ROWS[3:5], 4.0, top=80.0, header=False)
    pages = [page(first, number=1), page(second, number=2)]
    doc = build_document(pages, "x.pdf")
    assert [(t.page, t.n_rows) for t in doc.tables] == [(1, 4), (2, 2)]
    t, = join_tables(doc).tables
    assert t.n_rows == 6 and t.row_pages == [1, 1, 1, 1, 2, 2]
    assert t.row_texts(4) == list(ROWS[3])


def test_a_header_alone_at_a_page_bottom_starts_its_table_on_the_next_page():
    header, _ = _table_words([], 4.0, top=800.0)
    body, _ = _table_words(ROWS[:2], 4.0, top=80.0, header=False)
    doc = build_document([page(header, number=1), page(body, number=2)], "x.pdf")
    t, = join_tables(doc).tables
    assert t.row_texts(0) == list(HEADER) and t.n_rows == 3 and t.row_pages == [1, 2, 2]
    assert isinstance(doc.items[0], Table)


def test_a_bold_category_line_in_one_column_is_a_row_of_its_own_even_when_wrapped():
    ws = []
    for x, h in zip(COLS, HEADER):
        ws += words_at(h, x, 120, bold=True)
    ws += words_at("Verksamhet och", 200, 136, bold=True)      # category, wrapped
    ws += words_at("organisation", 200, 148, bold=True)
    rows, y = _table_words(ROWS[:2], 4.0, top=164, header=False)
    ws += rows + words_at("Ekonomi", 200, y, bold=True)
    more, _ = _table_words(ROWS[2:3], 4.0, top=y + PITCH + 4, header=False)
    t, = build_document([page(ws + more)], "x.pdf").tables
    assert [t.rows[r][1].text for r in range(t.n_rows)] == [
        "Kontrollmoment", "Verksamhet och organisation", ROWS[0][1], ROWS[1][1], "Ekonomi",
        ROWS[2][1]]
    assert t.rows[1][1].bold and t.rows[1][0].text == ""


def test_sub_items_share_the_cell_printed_once_above_them():
    rows = [("Kompetensförsörjning", "a) Risk att inte behålla kompetens", "Ja"),
            ("", "b) Risk att inte kunna rekrytera", "Ja"),
            ("Arbetsmiljö", "Risk för ohälsa", "Nej")]
    ws, _ = _table_words(rows, 4.0)
    t, = build_document([page(ws)], "x.pdf").tables
    assert t.rows[2][0] is t.rows[1][0] and t.rows[1][0].row_span == 2
    assert t.rows[3][0].text == "Arbetsmiljö" and t.rows[3][0].row_span == 1


def test_a_bulleted_list_with_hanging_indent_is_text_not_a_table():
    ws, y = [], 100.0
    for item in ("Kontroll av attester varje månad", "Avtal följs upp", "Löner stäms av"):
        ws += words_at("•", 60, y) + words_at(item, 78, y)
        y += 12
    doc = build_document([page(ws)], "x.pdf")
    assert doc.tables == []
    assert [i.text for i in doc.items] == ["• Kontroll av attester varje månad",
                                           "• Avtal följs upp", "• Löner stäms av"]


def test_a_column_whose_heading_stands_close_to_the_next_comes_from_the_text_below():
    ws = words_at("Nr", 60, 100, bold=True) + words_at("Process", 80, 100, bold=True) + \
        words_at("Kontrollmoment", 250, 100, bold=True) + words_at("Resultat", 420, 100, bold=True)
    y = 116
    for k in range(1, 5):
        ws += words_at(str(k), 60, y) + words_at("Attest av fakturor", 80, y) + \
            words_at("Stickprov av tio fakturor", 250, y) + words_at("Inga avvikelser", 420, y)
        ws += words_at("inom förvaltningen", 80, y + 12)
        y += 30
    t, = build_document([page(ws)], "x.pdf").tables
    assert t.row_texts(0) == ["Nr", "Process", "Kontrollmoment", "Resultat"]
    assert t.row_texts(1) == ["1", "Attest av fakturor inom förvaltningen",
                              "Stickprov av tio fakturor", "Inga avvikelser"]


def test_indented_lines_inside_a_cell_make_no_column():
    ws = words_at("Risk", 60, 100, bold=True) + words_at("Åtgärd", 300, 100, bold=True)
    y = 116
    for k in range(4):
        ws += words_at(f"Risk nummer {k}", 60, y) + words_at("Rutinen ses över och", 300, y)
        ws += words_at("dokumenteras", 320, y + 12)      # a hanging indent in the cell
        y += 30
    t, = build_document([page(ws)], "x.pdf").tables
    assert t.n_cols == 2 and t.row_texts(1) == ["Risk nummer 0",
                                                "Rutinen ses över och dokumenteras"]
