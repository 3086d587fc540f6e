"""Lines into paragraphs and headings; line-end hyphens decided by the dictionary."""
from ikextract.geometry import GeometrySettings, build_document
from ikextract.geometry.lines import make_lines
from ikextract.geometry.paragraphs import Joiner, paragraphs
from ikextract.model import TextBlock
from tests.geometry.helpers import page, words_at


def _blocks(words, settings=GeometrySettings()):
    doc = build_document([page(words)], "x.pdf", settings=settings)
    return [(i.kind, i.text) for i in doc.items if isinstance(i, TextBlock)]


def test_lines_of_one_paragraph_are_joined_and_broken_words_mended():
    ws = words_at("Underlaget ska grans-", 60, 100) + words_at("kas av perso-", 60, 112) + \
        words_at("nalföreningen och av hälsoinspi-", 60, 124) + \
        words_at("ratörer med e-", 60, 136) + words_at("post.", 60, 148)
    assert _blocks(ws) == [("paragraph", "Underlaget ska granskas av personalföreningen och "
                                         "av hälsoinspiratörer med e-post.")]


def test_a_gap_a_bullet_or_a_short_line_before_a_capital_starts_a_paragraph():
    ws = words_at("Första stycket slutar här.", 60, 100) + \
        words_at("Andra stycket efter luft.", 60, 130) + \
        words_at("• Punkt ett", 60, 142) + \
        words_at("Kort rad.", 60, 154) + words_at("Ny mening på nästa rad.", 60, 166)
    texts = [t for _, t in _blocks(ws)]
    assert texts == ["Första stycket slutar här.", "Andra stycket efter luft.",
                     "• Punkt ett", "Kort rad.", "Ny mening på nästa rad."]


def test_larger_or_bold_short_lines_are_headings_with_levels():
    ws = words_at("Internkontroll 2024", 60, 80, size=18) + \
        words_at("Ekonomi", 60, 120, size=14) + \
        words_at("Attestkontroll", 60, 150, bold=True) + \
        words_at("Brödtext som beskriver kontrollen i löpande text.", 60, 170)
    blocks = build_document([page(ws)], "x.pdf").items
    assert [(b.kind, b.level) for b in blocks] == [("heading", 1), ("heading", 2),
                                                   ("heading", 3), ("paragraph", None)]


def test_a_word_too_long_for_its_column_broken_without_hyphen_is_joined():
    # "Kontrollmoment" broken as "Kontrollmomen" / "t": the first line fills the column
    lines = make_lines(words_at("Kontrollmomen", 60, 100) + words_at("t", 60, 112))
    right = lines[0].x1 + 0.5
    assert paragraphs(lines, right, Joiner()) == ["Kontrollmoment"]
    # two whole words, the first filling the line, stay two words
    lines = make_lines(words_at("ekonomiskt", 60, 100) + words_at("bistånd", 60, 112))
    assert paragraphs(lines, lines[0].x1 + 0.5, Joiner()) == ["ekonomiskt bistånd"]


def test_the_paragraph_gap_is_a_setting():
    ws = words_at("Första raden", 60, 100) + words_at("andra raden", 60, 116)
    assert len(_blocks(ws)) == 2            # 3 pt over the capped line pitch: a new paragraph
    assert _blocks(ws, GeometrySettings(paragraph_gap=5.0)) == [
        ("paragraph", "Första raden andra raden")]
