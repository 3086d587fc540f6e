"""Line-end hyphenation decided with the Swedish word list."""
import pytest

from ikextract.text.hyphenation import (COMPOUND, JOIN, KEEP, SPACE, classify_break,
                                        is_broken_word, join_hyphenated, swedish_words)


@pytest.mark.parametrize("left,right,joined", [
    ("grans-", "kas", "granskas"),             # hyphenation inside a word: joined
    ("upp-", "följning", "uppföljning"),
    ("till-", "fredsställande", "tillfredsställande"),
    ("e-", "tjänst", "e-tjänst"),               # one-letter prefix: a real hyphen
    ("IT-", "system", "IT-system"),             # abbreviation
    ("Kompetens-", "och", "Kompetens- och"),    # suspended compound: the space stays
    ("5-", "10", "5-10"),                       # number range
    ("SAM+", "SSA", "SAM+SSA"),
    ("ansvarsområde/", "process", "ansvarsområde/process"),
    ("medarbetare", "-", "medarbetare -"),
    ("-", "chef", "- chef"),
    ("riskerna", "bedöms", "riskerna bedöms"),
    ("kontroll\u00ad", "moment", "kontrollmoment"),   # a soft hyphen is always joined
])
def test_join_hyphenated(left, right, joined):
    assert join_hyphenated(left, right) == joined


def test_compound_broken_at_its_seam_is_kept_unless_the_document_is_hyphenated():
    assert classify_break("personal-", "omsättning") == COMPOUND
    assert join_hyphenated("personal-", "omsättning") == "personal-omsättning"
    assert join_hyphenated("personal-", "omsättning", hyphenated_document=True) \
        == "personalomsättning"


def test_forms_seen_in_the_document_decide():
    assert join_hyphenated("personal-", "omsättning", seen={"personalomsättning"}) \
        == "personalomsättning"
    assert join_hyphenated("grans-", "kas", seen={"grans-kas"}) == "grans-kas"


def test_classify_break_kinds():
    assert classify_break("grans-", "kas") == JOIN
    assert classify_break("e-", "tjänst") == KEEP
    assert classify_break("Kompetens-", "och") == SPACE


def test_word_list_knows_inflected_forms_by_affix_rules():
    words = swedish_words()
    assert words.known("granskas") and words.known("Granskningen") and words.known("tjänst")
    assert not words.known("kas") and not words.known("granskasx")


def test_words_broken_without_hyphen():
    assert is_broken_word("Kontrollmomen", "t")
    assert is_broken_word("progressionsmät", "ning")
    assert not is_broken_word("ekonomiskt", "bistånd")
