"""Words into lines and column segments; the body size; OCR words without a font size."""
from ikextract.geometry.lines import body_font_size, make_lines, segments, word_size
from ikextract.geometry.page import PageWord
from ikextract.geometry.settings import GeometrySettings
from tests.geometry.helpers import words_at


def test_words_on_one_baseline_make_one_line_in_reading_order():
    ws = words_at("Kontroll av attester", 60, 100) + words_at("Inga avvikelser", 60, 114)
    ws.reverse()                                  # the stream order does not matter
    lines = make_lines(ws)
    assert [ln.text for ln in lines] == ["Kontroll av attester", "Inga avvikelser"]
    assert lines[0].bottom == 100 and lines[0].size == 10


def test_a_word_slightly_off_the_baseline_stays_on_its_line():
    ws = words_at("Risk", 60, 100) + [PageWord("2", 90, 91.5, 95, 101.5, size=10)]
    assert [ln.text for ln in make_lines(ws)] == ["Risk 2"]


def test_segments_split_where_words_stand_a_column_gap_apart():
    ws = words_at("Nr", 60, 100) + words_at("Kontroll av avtal", 100, 100) + \
        words_at("Ekonomi", 300, 100)
    line, = make_lines(ws)
    assert [[w.text for w in seg] for seg in segments(line)] == \
        [["Nr"], ["Kontroll", "av", "avtal"], ["Ekonomi"]]
    # a wider column gap setting keeps "Nr" and the control together
    wide = GeometrySettings(column_gap_em=3.0)
    assert len(segments(line, wide)) == 2


def test_body_size_is_the_size_most_characters_are_set_in():
    ws = words_at("Rubrik", 60, 80, size=16) + words_at("Lång brödtext " * 5, 60, 120)
    assert body_font_size(ws) == 10


def test_ocr_words_without_a_size_use_their_box_height_and_are_not_bold():
    w = PageWord("Kontroll", 60, 90, 110, 101, size=None, bold=None, confidence=0.9)
    assert word_size(w) == 11
    line, = make_lines([w])
    assert line.size == 11 and line.bold is False
