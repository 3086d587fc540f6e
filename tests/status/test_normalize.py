from ikextract.status.normalize import OcrRepair, fold, stem


def test_fold_keeps_offsets():
    text = "Lépande ÅTGÄRD påbörjad"
    assert len(fold(text)) == len(text)
    assert fold(text) == "lepande atgard paborjad"


def test_repair_only_where_the_word_has_a_diacritic():
    repair = OcrRepair(["löpande", "saknades"])
    assert repair("Lépande") == "lopande"
    assert repair("sökandes") == "sokandes"      # not "saknades"


def test_stem_joins_inflections():
    assert stem("avvikelser") == stem("avvikelserna") == stem("avvikelse")


def test_abbreviations_read_as_their_word():
    repair = OcrRepair(["avvikelser"], {"avv": "avvikelser"})
    assert repair("avv.") == "avvikelser"
    assert repair("avv") == "avvikelser"


def test_a_word_split_in_two_is_joined_only_into_a_vocabulary_word():
    repair = OcrRepair(["påbörjad", "kontrollen", "i", "fall"])
    assert repair.joined("p", "åbörjad") == "paborjad"
    assert repair.joined("Kontro", "llen") == "kontrollen"
    assert repair.joined("i", "fall") is None        # two words of their own


def test_a_wrong_code_page_mark_becomes_the_swedish_letter():
    from ikextract.status.rules import get_rules
    repair = get_rules().repair
    assert repair.lost_letters("Arbetet p\ufffdg\ufffdr") == "Arbetet pågår"
    assert repair.lost_letters("Inga anm?rkningar") == "Inga anmärkningar"
    # a question mark ending a sentence, or before a capital, is left alone
    assert repair.lost_letters("Följs rutinen? Ja.") == "Följs rutinen? Ja."
    assert repair.lost_letters("Varför?Inga svar") == "Varför?Inga svar"
    # a word no vocabulary word fits stays one word, so "?" does not make it a question
    assert "?" not in repair.lost_letters("kontroll av xyzq?tt")
