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
