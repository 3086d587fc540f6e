"""What a row is recognised by: topic words only, compared by stems and trigrams."""
from ikextract.link.signature import Signature, fold, signature_text, similarity, tokens


def test_tokens_fold_and_drop_prefixes_numbers_and_stopwords():
    assert tokens("b) Risk att inte kunna rekrytera nya medarbetare 2024") == [
        "kunna", "rekrytera", "nya", "medarbetare"]
    assert tokens("Brist på återrapportering i KIA") == ["aterrapportering", "kia"]
    assert tokens("Biblioteket d) öppen plats") == ["biblioteket", "oppen", "plats"]
    assert tokens(None) == [] and tokens("") == []


def test_fold_removes_diacritics():
    assert fold("Övertid Ärende Åtgärd é") == "overtid arende atgard e"


def test_signature_is_the_risk_else_process_and_control():
    assert signature_text("Inköp", "Risk för mutor", "Kontroll av fakturor") == "Risk för mutor"
    assert signature_text("Inköp", None, "Fakturor mot avtal") == "Inköp Fakturor mot avtal"
    # A risk cell holding only boilerplate says nothing: fall back to process and control.
    assert signature_text("Lönekörning", "Risk", "Löneskulder") == "Lönekörning Löneskulder"


def test_similarity_is_symmetric_and_bounded():
    a = Signature("Risk att felaktig makulering av fakturor utförs")
    b = Signature("Felaktig makulering av fakturor")
    assert similarity(a, b) == similarity(b, a)
    assert 0.7 < similarity(a, b) < 1.0
    assert similarity(a, a) == 1.0
    assert similarity(a, Signature("")) == 0.0


def test_inflections_and_framing_words_do_not_separate_a_risk():
    a = Signature("Avsaknad av kontroll av legitimation vid nyanställning")
    b = Signature("Bristande kontroll av legitimation vid nyanställningar")
    assert similarity(a, b) > 0.9


def test_different_risks_stay_apart():
    a = Signature("Risk att felaktig makulering av fakturor utförs")
    b = Signature("Risk för felaktigt utförda manuella betalningar")
    assert similarity(a, b) < 0.4
