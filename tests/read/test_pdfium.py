"""The PDFium word source against the pdfplumber one: the same words (text, box, size,
bold) and rulings, page by page; errors named as the reader names them."""
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ikextract.model import ExtractionError
from ikextract.read import DEFAULT_WORD_SOURCE, ReadOptions, WORD_SOURCES, read_document
from ikextract.read import pdf_pdfium, pdf_plumber

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
H = A4[1]


def _drawn(tmp_path) -> Path:
    path = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Uppföljning")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(60, H - 80, "Internkontroll 2024")
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 120, "Kontrollen av attester visar inga avvikelser.")
    c.line(60, H - 140, 400, H - 140)                 # a ruling drawn as a line
    c.rect(60, H - 200, 340, 40, stroke=1, fill=0)     # a stroked box: four sides
    c.rect(60, H - 260, 340, 0.6, stroke=0, fill=1)    # a rule drawn as a thin filled box
    c.rect(60, H - 330, 340, 40, stroke=0, fill=1)     # shading: no ruling
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(60, H - 100, "Sida två")
    c.showPage()
    c.save()
    return path


def _words(page):
    return [(w.text, round(w.x0), round(w.top), round(w.x1), round(w.bottom), w.size, w.bold)
            for w in page.words]


def _rulings(page):
    return sorted((round(r.x0), round(r.top), round(r.x1), round(r.bottom))
                  for r in page.rulings)


def test_pdfium_gives_the_words_fonts_and_rulings_pdfplumber_gives(tmp_path):
    path = _drawn(tmp_path)
    a, meta_a = pdf_plumber.read_pages(path)
    b, meta_b = pdf_pdfium.read_pages(path)
    assert [p.number for p in b] == [1, 2] and b[0].source == "pdfium"
    assert (b[0].width, b[0].height) == pytest.approx(A4)
    assert [w[0] for w in _words(b[0])] == ["Internkontroll", "2024", "Kontrollen", "av",
                                             "attester", "visar", "inga", "avvikelser."]
    assert b[0].words[0].bold is True and b[0].words[2].bold is False
    assert b[0].words[0].size == 14 and b[0].words[2].size == 10
    for pa, pb in zip(a, b):
        assert [w[0] for w in _words(pa)] == [w[0] for w in _words(pb)]
        for wa, wb in zip(_words(pa), _words(pb)):
            assert abs(wa[1] - wb[1]) <= 1 and abs(wa[3] - wb[3]) <= 1   # x within 1 pt
            assert abs(wa[4] - wb[4]) <= 3 and wa[5:] == wb[5:]          # baseline, font
        assert _rulings(pa) == _rulings(pb)
    assert len(b[0].rulings) == 1 + 4 + 1
    assert meta_b.get("title") == meta_a.get("title") == "Uppföljning"


@pytest.mark.parametrize("name", ["001_3373f616eefb6ac1__seed.pdf",
                                  "003_977ef8c6729c1ad8__noborders.pdf"])
def test_same_words_and_rulings_as_pdfplumber_on_libreoffice_prints(name):
    a, _ = pdf_plumber.read_pages(FIXTURES / name)
    b, _ = pdf_pdfium.read_pages(FIXTURES / name)
    for pa, pb in zip(a, b):     # the order in the stream may differ: geometry sorts
        assert sorted(w.text for w in pa.words) == sorted(w.text for w in pb.words)
        assert _rulings(pa) == _rulings(pb)


def test_both_sources_are_registered_and_pdfium_is_the_default():
    assert {"pdfplumber", "pdfium"} <= set(WORD_SOURCES) and DEFAULT_WORD_SOURCE == "pdfium"
    doc = read_document(FIXTURES / "004_6b10d17d9fb80832__seed.pdf",
                        ReadOptions(word_source="pdfplumber"))
    assert doc.source_format == "pdf" and doc.tables


def test_encrypted_and_corrupt_pdfs_are_named(tmp_path):
    secret = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(secret), encrypt="hemligt")
    c.drawString(100, 700, "Hemlig text")
    c.showPage()
    c.save()
    with pytest.raises(ExtractionError) as err:
        pdf_pdfium.read_pages(secret)
    assert err.value.error_type == "Encrypted"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n")
    with pytest.raises(ExtractionError) as err:
        pdf_pdfium.read_pages(broken)
    assert err.value.error_type == "CorruptFile"


def test_a_page_turned_by_rotate_is_read_as_displayed_by_both_sources(tmp_path):
    """A landscape page made by /Rotate 90 with its content drawn turned back: the words
    read upright, placed on the page as displayed (842 x 595), in both sources."""
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setPageRotation(90)
    c.rotate(90)
    c.setFont("Helvetica", 12)
    c.drawString(60, -100, "Liggande sida med text")
    c.line(60, -110, 300, -110)
    c.showPage()
    c.save()
    for source in (pdf_plumber, pdf_pdfium):
        page, = source.read_pages(path)[0]
        assert (round(page.width), round(page.height)) == (842, 595)
        assert [w.text for w in page.words] == ["Liggande", "sida", "med", "text"]
        assert round(page.words[0].x0) == 60 and 86 <= page.words[0].bottom <= 103
        assert _rulings(page) == [(60, 110, 300, 110)]
