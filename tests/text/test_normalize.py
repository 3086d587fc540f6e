from ikextract.text.normalize import clean_text, join_fragments


def test_paragraphs_kept_spaces_collapsed_blank_lines_dropped():
    assert clean_text("  Första   stycket.\n\n Andra\u00a0stycket. ") == "Första stycket.\nAndra stycket."
    assert clean_text("   ") is None and clean_text(None) is None


def test_broken_capitals_mended():
    assert clean_text("kontoutdrag och deklARATIONER") == "kontoutdrag och deklarationer"
    assert clean_text("IT-avdelningen och SAM+SSA") == "IT-avdelningen och SAM+SSA"


def test_fragments_join_by_sentence_end():
    assert join_fragments("Resultatet visar att", "rutinen följs.") == "Resultatet visar att rutinen följs."
    assert join_fragments("Rutinen följs.", "Nästa stycke.") == "Rutinen följs.\nNästa stycke."
    assert join_fragments(None, "x") == "x" and join_fragments("x", None) == "x"
