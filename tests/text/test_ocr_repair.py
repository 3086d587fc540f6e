"""Lexicon repair of text layers made by OCR without Swedish (the seed 000's layer)."""
from dataclasses import replace

import pytest

from ikextract.geometry.page import PageGeometry, PageWord
from ikextract.text.ocr_repair import lexicon, lost_letters, repair_page, repair_text, restore


@pytest.mark.parametrize("read, word", [
    ("paborjad", "påbörjad"), ("Lépande", "Löpande"), ("l&rande", "lärande"),
    ("awvikelser", "avvikelser"), ("fér", "för"), ("I6pande", "löpande"),
    ("uppfdéljningen", "uppföljningen"), ("évergripande", "övergripande"),
    ("Internkontrollomradet", "Internkontrollområdet"), ("omradet", "området"),
    ("(paborjad).", "(påbörjad)."), ("IT-omradet", "IT-området"),
    ("avstdmningsmaoten", "avstämningsmöten"), ("Aven", "Även"),
])
def test_restores_swedish_letters(read, word):
    assert restore(read, bad_layer=True) == word


def test_words_swedish_already_has_stay():
    for word in ("Kontrollmoment", "kontinuitet,", "Mindre", "IT", "2024-1528", "KS"):
        assert restore(word, bad_layer=True) == word


def test_real_words_a_bad_layer_makes_are_put_back_only_on_bad_pages():
    assert restore("for", bad_layer=True) == "för"
    assert restore("pa", bad_layer=True) == "på"
    assert restore("pagar", bad_layer=True) == "pågår"
    assert restore("for", bad_layer=False) == "for"


def test_repair_text_and_lost_letters():
    assert repair_text("Mindre awvikelser fér paborjad") == "Mindre avvikelser för påbörjad"
    assert lost_letters("paborjad") and not lost_letters("påbörjad")


def test_lexicon_knows_compounds_and_frequent_forms():
    lex = lexicon()
    assert lex.known("kommunstyrelsekontoret") and lex.known("avstämningsmöten")
    assert lex.known("är") and not lex.known("paborjad")


def test_repair_page_keeps_boxes_and_counts_changes():
    words = [PageWord("Lépande", 10, 20, 50, 31, 11.0), PageWord("kontroll", 55, 20, 90, 31, 11.0)]
    page = PageGeometry(1, 595, 842, words, source="pdfplumber")
    fixed, changed = repair_page(page)
    assert changed == 1
    assert [w.text for w in fixed.words] == ["Löpande", "kontroll"]
    assert fixed.words[0] == replace(words[0], text="Löpande")
    assert page.words[0].text == "Lépande"     # the input is not changed


def test_letter_spaced_pieces_of_a_layer_are_joined():
    """An OCR layer's stretched glyphs read back as touching pieces: 'p er ap ri l 2 02 5'."""
    texts = ["har", "p", "er", "ap", "ri", "l", "2", "02", "5", "arbetat", "K", "S", "in", "om"]
    words, x = [], 10.0
    for t in texts:
        width = 5.0 * len(t)
        gap = 3.0 if t in ("har", "arbetat", "l", "5", "S", "in", "om") else -0.1
        words.append(PageWord(t, x, 20, x + width, 31, 11.0))
        x += width + gap
    # "har" | "p er" | "ap ri l" | "2 02 5" | "arbetat" | "K S" | "in" | "om"
    page = PageGeometry(1, 595, 842, words)
    fixed, _ = repair_page(page)
    assert [w.text for w in fixed.words] == ["har", "per", "april", "2025", "arbetat", "KS",
                                             "in", "om"]
