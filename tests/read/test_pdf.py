"""The PDF reader on small PDFs drawn here with reportlab, and on the committed fixtures."""
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ikextract.model import ExtractionError, Table, TextBlock
from ikextract.read.pdf import read_pdf
from ikextract.tables import join_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
H = A4[1]


def _ruled_table_page(c, title, rows, top=170.0, widths=(120, 150, 150), merge_first=False):
    """Draw `rows` (lists of one-line texts) as a fully ruled grid; with merge_first the
    first column of rows 1 and 2 is one merged cell (no line between them)."""
    x = [60.0]
    for w in widths:
        x.append(x[-1] + w)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(60, H - (top - 25), title)
    c.setFont("Helvetica", 10)
    y = top
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                c.drawString(x[k] + 4, H - (y + 14), text)
        if not (merge_first and r == 2):
            c.line(x[0], H - y, x[-1], H - y)
        else:
            c.line(x[1], H - y, x[-1], H - y)
        y += 20
    c.line(x[0], H - y, x[-1], H - y)
    for xx in x:
        c.line(xx, H - top, xx, H - y)


def _running_margins(c, n, total):
    c.setFont("Helvetica", 8)
    c.drawString(60, H - 40, "Internkontrollrapport 2024")
    c.drawRightString(535, 40, f"{n} ({total})")


def test_ruled_table_with_merged_cell_and_running_margins(tmp_path):
    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    rows = [["Process", "Kontrollmoment", "Resultat"],
            ["Kompetens", "a) Utbildning", "Inga avvikelser"],
            ["", "b) Rekrytering", "Pågår"],
            ["Ekonomi", "Attest", "Rutinen följs"]]
    for n in (1, 2):
        _running_margins(c, n, 2)
        _ruled_table_page(c, f"Rubrik {n}", rows, merge_first=True)
        c.showPage()
    c.save()
    doc = read_pdf(path)
    assert doc.source_format == "pdf" and len(doc.pages) == 2
    assert doc.pages[0].width == pytest.approx(A4[0])
    assert "1 (2)" in doc.margin_texts and "Internkontrollrapport 2024" in doc.margin_texts
    texts = [i.text for i in doc.items if isinstance(i, TextBlock)]
    assert not any("(2)" in t or "Internkontrollrapport" in t for t in texts)
    headings = [i for i in doc.items if isinstance(i, TextBlock) and i.kind == "heading"]
    assert [h.text for h in headings] == ["Rubrik 1", "Rubrik 2"]
    tables = [i for i in doc.items if isinstance(i, Table)]
    assert len(tables) == 2        # a heading sits between them: not one table
    t = tables[0]
    assert t.ruled and t.n_rows == 4 and t.n_cols == 3 and t.page == 1
    assert t.row_texts(0) == ["Process", "Kontrollmoment", "Resultat"]
    merged = t.rows[1][0]
    assert merged is t.rows[2][0] and merged.row_span == 2 and merged.text == "Kompetens"
    assert t.rows[3][2].text == "Rutinen följs" and t.row_pages == [1, 1, 1, 1]


def test_paragraph_lines_joined_and_line_end_hyphen_decided(tmp_path):
    path = tmp_path / "text.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    lines = ["Underlaget ska grans-", "kas av ekonomienheten och en e-", "tjänst för Kompetens-",
             "och utvecklingsfrågor används sedan 5-10 % av året."]
    for k, ln in enumerate(lines):
        c.drawString(60, H - (100 + 14 * k), ln)
    c.drawString(60, H - 200, "Nytt stycke efter luft.")
    c.showPage()
    c.save()
    doc = read_pdf(path)
    paras = [i.text for i in doc.items]
    assert paras[0] == ("Underlaget ska granskas av ekonomienheten och en e-tjänst för "
                        "Kompetens- och utvecklingsfrågor används sedan 5-10 % av året.")
    assert paras[1] == "Nytt stycke efter luft."


def test_table_over_pages_is_reported_per_page_and_joined_by_the_tables_stage(tmp_path):
    path = tmp_path / "long.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    head = ["Nr", "Kontrollmoment", "Resultat"]
    _ruled_table_page(c, "Uppföljning", [head, ["1", "Attest", "Inga avvikelser"],
                                         ["2", "Avtal", "Kontrollen visar att"]],
                      top=H - 120)
    c.showPage()
    _ruled_table_page(c, "", [head, ["", "", "rutinen inte följs."],
                              ["3", "Löner", "Pågår"]], top=60)
    c.showPage()
    c.save()
    doc = read_pdf(path)
    # the reader reports each page's fragment; the tables stage joins them
    assert [t.page for t in doc.tables] == [1, 2]
    tables = join_tables(doc).tables
    assert len(tables) == 1
    t = tables[0]
    assert [r[0].text for r in t.rows] == ["Nr", "1", "2", "3"]
    assert t.rows[2][2].text == "Kontrollen visar att rutinen inte följs."
    assert t.row_pages == [1, 1, 1, 2]


def test_landscape_fixture_table_crosses_pages_with_row_pages():
    doc = join_tables(read_pdf(FIXTURES / "001_3373f616eefb6ac1__seed.pdf"))
    assert all(p.landscape for p in doc.pages)
    t = max(doc.tables, key=lambda t: t.n_rows)
    assert t.n_cols == 7 and t.n_rows == 9
    assert t.row_pages[0] < t.row_pages[-1]
    assert t.rows[1][0] is t.rows[2][0] and t.rows[1][0].row_span == 2
    assert t.rows[0][2].text == "Riskvärde"      # a word broken inside a narrow header cell
    assert all("Sida" not in c.text for row in t.rows for c in row)


def test_borderless_fixture_columns_from_header_and_alignment():
    doc = read_pdf(FIXTURES / "004_6b10d17d9fb80832__seed.pdf")
    register = doc.tables[0]
    assert not register.ruled
    assert register.row_texts(0) == ["Risk", "Hantering", "Bedömning"]
    assert [r[1].text for r in register.rows[1:]] == [
        "Granskning", "Åtgärd", "Åtgärd", "Granskning", "Åtgärd", "Granskning"]
    assert any("1 (4)" == m for m in doc.margin_texts)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt="hemligt")
    c.drawString(100, 700, "Hemlig text")
    c.showPage()
    c.save()
    with pytest.raises(ExtractionError) as err:
        read_pdf(path)
    assert err.value.error_type == "Encrypted" and "encrypted" in str(err.value)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n")
    with pytest.raises(ExtractionError) as err:
        read_pdf(path)
    assert err.value.error_type == "CorruptFile" and "corrupt" in str(err.value)


def test_scan_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(ExtractionError) as err:
        read_pdf(path)
    assert err.value.error_type == "NoTextLayer" and "no text layer" in str(err.value)


def test_borderless_paragraph_break_in_every_column_keeps_one_row(tmp_path):
    """Rows stand apart by a gap; inside the first row every column starts its second
    paragraph on the same line (each first line stops short): still one row."""
    path = tmp_path / "breaks.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    xs = (60, 200, 340)
    c.setFont("Helvetica-Bold", 10)
    for x, text in zip(xs, ("Kontrollmoment", "Resultat", "Kommentar")):
        c.drawString(x, H - 150, text)
    c.setFont("Helvetica", 10)
    rows = [[["Attester.", "Stickprov."], ["Inga avvikelser.", "Rutinen följs."],
             ["Bra.", "Fortsätter."]],
            [["Kontroll av avtal och ramavtal", "samt inköp"],
             ["Mindre avvikelser i tre fall", "av tio"], ["Ny rutin tas fram under", "hösten 2024."]]]
    y = 170
    for row in rows:
        for x, cell in zip(xs, row):
            for k, line in enumerate(cell):
                c.drawString(x, H - (y + 12 * k), line)
        y += 12 * max(len(cell) for cell in row) + 10
    c.save()
    t, = read_pdf(path).tables
    assert not t.ruled and t.n_rows == 3 and t.n_cols == 3
    assert t.row_texts(1) == ["Attester.\nStickprov.", "Inga avvikelser.\nRutinen följs.",
                              "Bra.\nFortsätter."]
    assert t.row_texts(2)[0] == "Kontroll av avtal och ramavtal samt inköp"


def test_word_broken_at_a_narrow_ruled_cell_edge_is_joined(tmp_path):
    """A word longer than the column is broken without a hyphen where the next letter does
    not fit; a whole word that happens to fill the line is not joined to the next."""
    path = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    from reportlab.pdfbase.pdfmetrics import stringWidth
    width = stringWidth("Kontrollmo", "Helvetica", 10) + 8.5   # 4 pt padding each side
    rows = [["Nr", "Kontrollmo", "Resultat"], ["", "ment", ""],
            ["1", "ekonomiskt", "Inga avvikelser."], ["", "bistånd", ""]]
    x = [60.0, 90.0, 90.0 + width, 300.0]
    y = 170.0
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):      # two lines per ruled row
        if r % 2 == 0:
            c.line(x[0], H - y, x[-1], H - y)
        for k, text in enumerate(row):
            if text:
                c.drawString(x[k] + 4, H - (y + 12 * (r % 2) + 12), text)
        if r % 2 == 1:
            y += 28
    c.line(x[0], H - y, x[-1], H - y)
    for xx in x:
        c.line(xx, H - 170, xx, H - y)
    c.drawString(60, H - 260, "Varje kontrollmoment följs upp av ekonomiskt bistånd.")
    c.save()
    t, = read_pdf(path).tables
    assert t.row_texts(0) == ["Nr", "Kontrollmoment", "Resultat"]
    assert t.row_texts(1)[1] == "ekonomiskt bistånd"
