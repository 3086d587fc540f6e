"""review_pages: which pages are OCR'd under --ocr auto|always|never, what the warnings say,
and the lexicon repair where a bad layer is kept (never, or OCR failing)."""
import pytest

from ikextract.geometry.page import PageGeometry, PageWord, Ruling
from ikextract.read import ReadOptions, ocr
from ikextract.read.pages import review_pages

GOOD = ("Kontrollen har genomförts under året och inga avvikelser har identifierats. Rutinen "
        "för attest av fakturor följs och bedöms fungera tillfredsställande. ") * 3
BAD = ("Kontrollen har genomférts under aret och inga awvikelser har identifierats. Rutinen "
       "for attest av fakturor foljs och bedéms fungera tillfredsstallande. Arbetet pagar ") * 3


def _page(number: int, text: str) -> PageGeometry:
    words = [PageWord(t, 10 + 20 * (i % 25), 20 + 14 * (i // 25), 28 + 20 * (i % 25),
                      31 + 14 * (i // 25), 11.0, bold=False) for i, t in enumerate(text.split())]
    return PageGeometry(number, 595, 842, words, source="pdfplumber")


@pytest.fixture
def fake_ocr(monkeypatch):
    """OCR that records which pages it was asked for and reads every page as 'påbörjad'."""
    asked = []

    def ocr_pages(path, pages, jobs=None):
        out = {}
        for n, w, h in pages:
            asked.append(n)
            words = [PageWord("Kontrollen", 10, 20, 60, 31, 11.0, None, 0.93),
                     PageWord("påbörjad", 65, 20, 110, 31, 11.0, None, 0.91)]
            out[n] = ocr.OcrPage(PageGeometry(n, w, h, words, [Ruling(10, 40, 500, 40.5)],
                                              source="ocr"), 0.4, 0.92)
        return out

    monkeypatch.setattr(ocr, "ocr_pages", ocr_pages)
    return asked


def test_auto_ocrs_only_pages_without_a_usable_layer(fake_ocr):
    pages = [_page(1, GOOD), PageGeometry(2, 595, 842), _page(3, BAD)]
    out = review_pages("x.pdf", pages, ReadOptions(ocr="auto"))
    assert fake_ocr == [2, 3]
    assert [p.source for p in out] == ["pdfplumber", "ocr", "ocr"]
    assert out[0] is pages[0] and not out[0].warnings
    assert out[1].warnings[0].startswith("page 2: no text layer: OCR in Swedish, 2 words")
    assert "page 3: text layer bad" in out[2].warnings[0] and "missing å/ä/ö" in out[2].warnings[0]
    assert all(w.bold is None for w in out[2].words)


def test_always_ocrs_every_page(fake_ocr):
    out = review_pages("x.pdf", [_page(1, GOOD), _page(2, GOOD)], ReadOptions(ocr="always"))
    assert fake_ocr == [1, 2] and {p.source for p in out} == {"ocr"}
    assert "OCR forced (--ocr always)" in out[0].warnings[0]


def test_never_repairs_a_bad_layer_and_says_so(fake_ocr):
    out = review_pages("x.pdf", [_page(1, BAD), PageGeometry(2, 595, 842)],
                       ReadOptions(ocr="never"))
    assert fake_ocr == []
    text = " ".join(w.text for w in out[0].words)
    assert "genomförts" in text and "avvikelser" in text and "för attest" in text
    assert "pågår" in text and "året" in text
    assert "repaired with the Swedish lexicon" in out[0].warnings[0]
    assert out[1].warnings == ["page 2: no text layer; not OCR'd (--ocr never)"]


def test_ocr_failing_falls_back_to_repair(monkeypatch):
    def broken(path, pages, jobs=None):
        return {n: ocr.OcrUnavailable("tesseract is not installed") for n, _, _ in pages}
    monkeypatch.setattr(ocr, "ocr_pages", broken)
    out = review_pages("x.pdf", [_page(1, BAD)], ReadOptions(ocr="auto"))
    assert out[0].source == "pdfplumber"
    assert "OCR failed (tesseract is not installed)" in out[0].warnings[0]
    assert "repaired with the Swedish lexicon" in out[0].warnings[0]
    assert "genomförts" in " ".join(w.text for w in out[0].words)


def test_a_born_digital_page_is_not_ocrd(fake_ocr):
    pages = [_page(n, GOOD) for n in range(1, 6)]
    out = review_pages("x.pdf", pages, ReadOptions())
    assert fake_ocr == [] and out == pages


def test_a_command_line_fallback_is_a_page_warning(monkeypatch):
    def ocr_pages(path, pages, jobs=None):
        return {n: ocr.OcrPage(PageGeometry(n, w, h, [PageWord("Pågår", 10, 20, 60, 31, 11.0,
                                                                None, 0.9)], source="ocr"),
                               0.0, 0.9, fallback="tesserocr is not installed")
                for n, w, h in pages}
    monkeypatch.setattr(ocr, "ocr_pages", ocr_pages)
    out = review_pages("x.pdf", [PageGeometry(1, 595, 842)], ReadOptions(ocr="auto"))
    assert any("command line" in w and "tesserocr is not installed" in w
               for w in out[0].warnings)
