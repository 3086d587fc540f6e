"""Text-layer verdicts: usable (born-digital), none (image only), bad (English-only OCR)."""

import pytest

from ikextract.geometry.page import PageGeometry, PageWord
from ikextract.read.pdf_plumber import read_pages
from ikextract.read.textlayer import assess
from tests.conftest import FIXTURES


def _page(text: str) -> PageGeometry:
    words = [PageWord(t, 10 + 30 * i, 20, 38 + 30 * i, 31, 11.0) for i, t in enumerate(text.split())]
    return PageGeometry(1, 595, 842, words)


GOOD = ("Kontrollen har genomförts under året och inga avvikelser har identifierats. Rutinen "
        "för attest av fakturor följs och bedöms fungera tillfredsställande. Arbetet pågår "
        "löpande med att säkerställa att kommunens styrdokument efterlevs i verksamheten. ") * 3
BAD = ("Kontrollen har genomférts under aret och inga awvikelser har identifierats. Rutinen "
       "for attest av fakturor foljs och bedéms fungera tillfredsstallande. Arbetet pagar "
       "Iépande med att sakerstalla att kommunens styrdokument efterlevs i verksamheten. ") * 3


def test_swedish_text_is_usable():
    q = assess(_page(GOOD))
    assert q.verdict == "usable" and not q.needs_ocr
    assert q.swedish_letters > 0.1 and q.known is None     # no lexicon needed


def test_english_ocr_of_swedish_is_bad_with_figures():
    q = assess(_page(BAD))
    assert q.verdict == "bad" and q.needs_ocr
    assert q.lost > 0.1 and q.swedish_letters < 0.04
    line = q.describe(3)
    assert line.startswith("page 3: text layer bad") and "missing å/ä/ö" in line


def test_empty_page_has_no_layer():
    q = assess(PageGeometry(2, 595, 842, []))
    assert q.verdict == "none" and q.describe(2) == "page 2: no text layer"


def test_odd_characters_make_a_layer_bad():
    q = assess(_page("l&rande I6pande utf¢rd " * 10 + GOOD))
    assert q.odd > 0.05 and q.verdict == "bad"


@pytest.mark.parametrize("name, verdict", [
    ("pdf/000_a8a4c6867aeb0241__seed.pdf", "usable"),
    ("pdf/003_977ef8c6729c1ad8__seed.pdf", "usable"),
    ("scans/000_a8a4c6867aeb0241__scan.pdf", "none"),
    ("scans/000_a8a4c6867aeb0241__scan_eng.pdf", "bad"),
    ("scans/004_6b10d17d9fb80832__scan_eng.pdf", "bad"),
])
def test_fixture_pages(name, verdict):
    pages, _ = read_pages(FIXTURES / name)
    assert {assess(p).verdict for p in pages} == {verdict}


def test_the_check_is_cheap_on_a_born_digital_pdf():
    pages, _ = read_pages(FIXTURES / "pdf/000_a8a4c6867aeb0241__seed.pdf")
    assess(pages[0])                              # lexicon loaded
    words = sum(len(p.words) for p in pages)
    assert words > 2000
    verdicts = [assess(p) for p in pages]
    assert all(v.verdict == "usable" for v in verdicts)


def test_swedish_without_many_swedish_letters_is_measured_by_the_lexicon():
    text = ("Kontrollen har genomförts och inga avvikelser har identifierats. Rutinen "
            "fungerar bra och uppfyller kraven i policy och riktlinje. ") * 3
    q = assess(_page(text))
    assert q.verdict == "usable" and q.known is not None and q.known > 0.9


def test_names_and_abbreviations_alone_do_not_make_a_layer_bad():
    text = ("Bilaga Xqzt AB Wexus Oy Lumtra GmbH Fjorvik Brandt Kessler Nyquist Omrix "
            "Pellegrini rapport och Tesseract-data enligt Sjöström ") * 3
    q = assess(_page(text))
    assert q.verdict == "usable"
