"""Row similarity: text first, the reports' cues only tip close pairs."""
from ikextract.link.keys import LINK_THRESHOLD
from ikextract.link.similarity import main_text, row_similarity, row_text


def sim(a, b, **kw):
    return row_similarity(row_text(None, a, None), row_text(None, b, None), **kw)


def test_rewordings_of_one_risk_score_above_the_threshold():
    assert sim("Bristande kontroll av körkort vid anställning",
               "Bristande kontroll av körkort vid nyrekrytering") == 1.0
    assert sim("Risk för felaktiga leverantörsbetalningar",
               "Risk för felaktigt hanterade betalningar till leverantörer") > 0.8
    assert sim("Avsaknad av kontroll av legitimation vid nyanställning",
               "Bristande kontroll av legitimation vid nyanställningar") > 0.9


def test_near_misses_score_below_it():
    assert sim("Bristande kontroll av körkort vid anställning",
               "Bristande kontroll av legitimation vid anställning") < LINK_THRESHOLD
    assert sim("Risk för felaktiga leverantörsbetalningar",
               "Risk för felaktiga löneutbetalningar") < LINK_THRESHOLD


def test_symmetric_and_bounded():
    a, b = "Risk att felaktig makulering av fakturor utförs", "Felaktig makulering av fakturor"
    assert sim(a, b) == sim(b, a) and 0.7 < sim(a, b) <= 1.0
    assert sim(a, "") == 0.0


def test_cues_tip_a_pair_but_never_link_alone():
    a = row_text("Lön", "Felaktiga utbetalningar av lön", None, "3", "Ekonomi")
    b = row_text("Lön", "Risk för felaktiga löneutbetalningar till anställda", None, "3",
                 "Ekonomi", "Risken kvarstår från föregående år.")
    plain = row_text("Lön", "Risk för felaktiga löneutbetalningar till anställda", None)
    assert row_similarity(a, b, 2023, 2024) > row_similarity(a, plain, 2023, 2024)
    other = row_text("Lön", "Hot och våld mot personal", None, "3", "Ekonomi",
                     "Risken kvarstår från föregående år.")
    assert row_similarity(a, other, 2023, 2024) < LINK_THRESHOLD


def test_main_text_is_the_risk_else_process_and_control():
    assert main_text("Inköp", "Risk för mutor", "Kontroll av fakturor") == "Risk för mutor"
    assert main_text("Inköp", None, "Fakturor mot avtal") == "Inköp Fakturor mot avtal"
    assert main_text("Lönekörning", "Risk", "Löneskulder") == "Lönekörning Löneskulder"
