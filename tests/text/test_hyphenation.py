"""Line-end hyphenation decided with the Swedish dictionary shipped in the package."""
from pathlib import Path

import pytest

import ikextract.text.hyphenation as hyphenation
from ikextract.text.hyphenation import (COMPOUND, JOIN, KEEP, SPACE, SwedishWords,
                                        classify_break, is_broken_word, join_hyphenated,
                                        swedish_words)


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
    # compounds hyphenated inside one of their parts: the dictionary's compound rules
    ("perso-", "nalförening", "personalförening"),
    ("hälsoinspi-", "ratörer", "hälsoinspiratörer"),
    ("kontroll-", "momenten", "kontroll-momenten"),   # at the seam: both parts words
    # real hyphens kept
    ("Gymnasie-", "och", "Gymnasie- och"),
    ("e-", "post", "e-post"),
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
    # a compound broken at the edge where both pieces are words too
    assert is_broken_word("Förvaltnings", "chef") and is_broken_word("Gemensam", "t")


def test_the_dictionary_ships_inside_the_package():
    package = Path(hyphenation.__file__).parent
    assert hyphenation.DICTIONARY.parent == package
    assert (package / "sv_SE.aff").exists() and (package / "sv_SE.dic").exists()
    assert (package / "sv_SE.LICENSE.txt").exists()


def test_document_spelling_decides_where_the_dictionary_is_silent():
    # "Norrtäljeprojektet" is no dictionary word: kept, unless the document writes it whole
    assert classify_break("Norrtälje-", "projektet".lower()) in (KEEP, COMPOUND)
    assert join_hyphenated("xyzpro-", "jektet") == "xyzpro-jektet"
    assert join_hyphenated("xyzpro-", "jektet", seen={"xyzprojektet"}) == "xyzprojektet"


def test_a_given_form_list_needs_no_dictionary():
    words = SwedishWords(forms={"granskas"})
    assert words.known("granskas") and not words.known("kas")


def test_compounds_known_by_compound_rules():
    words = swedish_words()
    assert words.known("personalförening") and words.known("hälsoinspiratörer")
    assert not words.known("perso") and not words.known("ratörer")


WORDS_ASKED = ["granskas", "Granskningen", "kas", "personalförening", "hälsoinspiratörer",
               "perso", "progressionsmät", "Förvaltningschef", "ekonomiskt", "5-10", "e-tjänst"]


def test_the_memo_gives_the_dictionary_answers_without_parsing_it(tmp_path):
    memo_file = tmp_path / "memo.tsv"
    first = SwedishWords(memo=hyphenation.LookupMemo(memo_file))
    answers = [(first.known(w), first.simple(w)) for w in WORDS_ASKED]
    assert first._dictionary is not None                 # asked the dictionary itself
    assert answers == [(swedish_words().known(w), swedish_words().simple(w))
                       for w in WORDS_ASKED]
    again = SwedishWords(memo=hyphenation.LookupMemo(memo_file))
    assert [(again.known(w), again.simple(w)) for w in WORDS_ASKED] == answers
    assert again._dictionary is None                     # every answer from the memo
    assert again.known("uppföljning") and again._dictionary is not None   # a new word


def test_a_torn_memo_line_is_ignored(tmp_path):
    memo_file = tmp_path / "memo.tsv"
    memo_file.write_text("c\tgranskas\t1\nc\tkas\t0\ns\tgrans", encoding="utf-8")
    memo = hyphenation.LookupMemo(memo_file)
    assert memo.get("c", "granskas") is True and memo.get("c", "kas") is False
    assert memo.get("s", "grans") is None


def test_the_memo_is_named_by_the_dictionary_and_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(hyphenation.CACHE_ENV, str(tmp_path))
    path = hyphenation.LookupMemo.for_dictionary(hyphenation.DICTIONARY).path
    assert path.parent == tmp_path and path.name.startswith("sv_SE-")
    monkeypatch.setenv(hyphenation.CACHE_ENV, "off")
    assert hyphenation.LookupMemo.for_dictionary(hyphenation.DICTIONARY).path is None
