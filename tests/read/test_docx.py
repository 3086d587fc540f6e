"""The DOCX reader on small documents made here with python-docx (plus raw XML for content
controls and text boxes, which python-docx cannot write)."""
import copy

import docx
import pytest
from docx.oxml import parse_xml

from ikextract.model import ExtractionError, Table, TextBlock
from ikextract.read.docx import read_docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _save(document, tmp_path, name="t.docx"):
    path = tmp_path / name
    document.save(path)
    return path


def test_body_in_document_order_with_headings(tmp_path):
    d = docx.Document()
    d.add_heading("Internkontrollrapport 2024", level=1)
    d.add_paragraph("Arbetsmarknadsnämnden")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Kontrollmoment", "Resultat"
    d.add_heading("Sammanfattning", level=2)
    doc = read_docx(_save(d, tmp_path))
    kinds = [(type(i).__name__, getattr(i, "kind", None), getattr(i, "level", None)) for i in doc.items]
    assert kinds == [("TextBlock", "heading", 1), ("TextBlock", "paragraph", None),
                     ("Table", None, None), ("TextBlock", "heading", 2)]
    assert doc.items[0].text == "Internkontrollrapport 2024"


def test_merged_cells_resolved_and_paragraphs_kept(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "Ekonomi"           # gridSpan
    merged = t.cell(1, 0).merge(t.cell(2, 0))                   # vMerge
    merged.text = "Process"
    t.cell(1, 1).text = "a) Risk"
    t.cell(2, 1).text = "b) Risk"
    cell = t.cell(1, 2)
    cell.text = "Första stycket."
    cell.add_paragraph("Andra stycket.")
    table = read_docx(_save(d, tmp_path)).tables[0]
    assert table.n_rows == 3 and table.n_cols == 3
    assert table.rows[0][0] is table.rows[0][2] and table.rows[0][0].col_span == 3
    assert table.rows[1][0] is table.rows[2][0] and table.rows[1][0].row_span == 2
    assert table.rows[2][0].text == "Process" and table.rows[2][0].row == 1
    assert table.rows[1][2].text == "Första stycket.\nAndra stycket."


def test_nested_table_words_kept(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Yttre"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Inre A", "Inre B"
    doc = read_docx(_save(d, tmp_path))
    tables = doc.tables
    assert len(tables) == 2 and tables[1].nested_in == 0
    assert "Inre A" in tables[0].rows[0][1].text and "Inre B" in tables[0].rows[0][1].text


def test_content_controls_and_text_boxes_not_lost(tmp_path):
    d = docx.Document()
    d.add_paragraph("Före")
    sdt = parse_xml(f'<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Titel i innehållskontroll'
                    f'</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    d.element.body.insert(1, sdt)
    p = d.add_paragraph("Ankare")
    box = parse_xml(
        f'<w:r {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>Text i textruta</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>')
    p._p.append(box)
    doc = read_docx(_save(d, tmp_path))
    texts = [i.text for i in doc.items if isinstance(i, TextBlock)]
    assert texts == ["Före", "Titel i innehållskontroll", "Ankare", "Text i textruta"]


def test_headers_and_footers_are_margin_texts(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Norrtälje kommun"
    d.sections[0].footer.paragraphs[0].text = "Sida 1"
    d.add_paragraph("Brödtext")
    doc = read_docx(_save(d, tmp_path))
    assert "Norrtälje kommun" in doc.margin_texts and "Sida 1" in doc.margin_texts
    assert all("Norrtälje" not in i.text for i in doc.items if isinstance(i, TextBlock))


@pytest.mark.parametrize("content, error_type", [
    (b"", "EmptyFile"),
    (b"PK\x03\x04 truncated", "CorruptFile"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "Encrypted"),
    (b"just text", "CorruptFile"),
])
def test_bad_files_raise_clear_errors(tmp_path, content, error_type):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as info:
        read_docx(path)
    assert info.value.error_type == error_type
    assert str(info.value)


def test_word_numbered_headings_get_their_printed_number(tmp_path):
    """Headings numbered by a Word list ("2.1" is printed, not typed) keep the number in
    their text, so a layout can read it as the control's number."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for name, lvl in (("Heading 1", 0), ("Heading 2", 1)):
        d.styles[name].element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{lvl}"/><w:numId w:val="90"/></w:numPr>'))
    d.add_heading("Inledning", 1)
    d.add_paragraph("Text.")
    d.add_heading("Ekonomi", 1)
    d.add_heading("Attest av fakturor", 2)
    d.add_heading("Representation", 2)
    d.add_paragraph("En punkt", style="List Bullet")
    texts = [i.text for i in read_docx(_save(d, tmp_path)).items]
    assert texts == ["1 Inledning", "Text.", "2 Ekonomi", "2.1 Attest av fakturor",
                     "2.2 Representation", "En punkt"]
