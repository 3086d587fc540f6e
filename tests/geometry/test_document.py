"""build_document: the geometry stage's entry point, for any word source."""
from ikextract.geometry import build_document
from tests.geometry.helpers import page, words_at


def test_a_page_from_ocr_makes_the_document_pdf_ocr_and_its_warnings_are_kept():
    text = page(words_at("Text från textlagret.", 60, 100), number=1, source="pdfium")
    scan = page(words_at("Text från en skannad sida.", 60, 100), number=2, source="ocr")
    scan.warnings.append("page 2: OCR, mean word confidence 0.91")
    doc = build_document([text, scan], "rapport.pdf", "pdf", properties={"title": "IK"})
    assert doc.source_format == "pdf_ocr" and doc.path == "rapport.pdf"
    assert doc.warnings == ["page 2: OCR, mean word confidence 0.91"]
    assert [p.number for p in doc.pages] == [1, 2] and doc.properties == {"title": "IK"}
    assert [(i.page, i.text) for i in doc.items] == [(1, "Text från textlagret."),
                                                     (2, "Text från en skannad sida.")]


def test_text_layer_pages_only_stay_pdf_and_a_paragraph_cut_by_a_page_break_is_joined():
    first = page(words_at("Kontrollen visar att rutinen", 60, 780), number=1)
    second = page(words_at("följs i alla delar.", 60, 90), number=2)
    doc = build_document([first, second], "x.pdf")
    assert doc.source_format == "pdf"
    assert [i.text for i in doc.items] == ["Kontrollen visar att rutinen följs i alla delar."]
