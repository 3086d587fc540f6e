"""Risk text to concepts: stems, compounds split, synonyms merged, framing words light."""
from ikextract.link.words import concepts, fold, has_cue, split_compound, weight


def test_compounds_are_split_against_the_word_list():
    assert split_compound("leverantörsbetalningar") == ("leverantör", "betalning")
    assert split_compound("registerutdrag") == ("register", "utdrag")
    assert split_compound("brandskyddsarbetet") == ("brand", "skydd", "arbete")
    assert split_compound("löneutbetalningar") == ("lön", "utbetalning")
    assert split_compound("handläggning") == ("handläggning",)
    # Known words are not cut into short pieces, nor at a function-word prefix.
    assert split_compound("kontroll") == ("kontroll",)
    assert split_compound("kompetensen") == ("kompetens",)
    assert split_compound("upphandling") == ("upphandling",)


def test_a_compound_and_its_words_written_out_are_the_same_concepts():
    assert set(concepts("Risk för felaktiga leverantörsbetalningar")) <= \
        set(concepts("Risk för felaktigt hanterade betalningar till leverantörer"))


def test_synonyms_and_weak_prefixes_meet():
    assert concepts("Bristande kontroll av körkort vid anställning") == \
        concepts("Bristande kontroll av körkort vid nyrekrytering")
    assert "gdpr" in concepts("dataskyddsförordningen") and "gdpr" in concepts("personuppgifter")


def test_numbers_letter_prefixes_and_stopwords_are_dropped():
    assert concepts("b) Förhandsbedömning inom 14 dagar") == \
        concepts("Förhandsbedömning inom två dagar")
    assert concepts(None) == () and concepts("") == ()


def test_framing_words_weigh_less():
    assert weight("felaktig") < 1 and weight("korkort") == 1


def test_carry_over_cues():
    assert has_cue("Risken kvarstår från föregående år.")
    assert has_cue("Risken återkommer.") and has_cue("Återkommande risk sedan 2022.")
    assert not has_cue("Vi återkommer med en åtgärdsplan.")
    assert not has_cue("Inga avvikelser.") and not has_cue(None)


def test_fold():
    assert fold("Övertid Ärende Åtgärd é") == "overtid arende atgard e"
