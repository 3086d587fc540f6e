"""Results written as labels and values ("Avvikelse: Ja, ..."), read as the columns they are
(labels._labelled_value), and the classifier's second opinion (reading._second_opinion)."""
import pytest

from ikextract.status import reading
from ikextract.status.classify import classify_text


@pytest.mark.parametrize("text, expected", [
    ("Avvikelse: Ja, av mindre karaktär.", "mindre_avvikelser"),
    ("Brister: Ja – enstaka sena anmälningar", "mindre_avvikelser"),
    ("Avvikelse: Ja, allvarliga brister i attestflödet", "avvikelser"),
    ("Avvikelse: Ja", "avvikelser"),
    ("Utförd: Ja. Avvikelse: Ja, av mindre omfattning.", "mindre_avvikelser"),
])
def test_a_yes_graded_minor_in_its_value_is_minor(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text", ["Genomförd: Nej. Påbörjad: Nej.", "Utförd: Nej. Påbörjad: Nej"])
def test_not_started_says_more_than_not_done(text):
    assert classify_text(text).code == "ej_paborjad"


def test_a_colour_alone_is_no_all_clear():
    for text in ("Grön", "Grönt"):
        d = classify_text(text)
        assert d.code == "okand" and d.confidence < 0.9


def test_second_opinion_never_calls_an_all_clear():
    # the classifier may overturn an unsure rule, never towards inga_avvikelser
    rd = reading.TextReading("okand", 0.5, "x", "doubt")
    out = reading._second_opinion(None, None, rd, None, "x", {"inga_avvikelser": 0.99,
                                                              "okand": 0.01})
    assert out is rd


def test_second_opinion_needs_a_sentence_on_a_long_text():
    # four paragraphs of context, one sentence each of something else: no code from the sum
    text = ("Kostnaderna har ökat något under året jämfört med föregående år, främst på grund av "
            "inflation och högre räntor. Vi följer löpande upp budgeten för verksamheten. "
            "En ny e-tjänst för synpunkter lanserades i december, vilket kommer att göra det "
            "enklare att se mönster i inkomna synpunkter. Dialogen med föreningarna fortsätter "
            "vid de årliga träffarna.")
    d = classify_text(text)
    assert d.code != "inga_avvikelser" or d.confidence < 0.9
    assert d.kind != "second_opinion"


def test_second_opinion_overturns_an_unsure_rule_and_names_it():
    from ikextract.status.rules import get_rules
    from ikextract.status.textcat import get_textcat
    rules, nlp = get_rules(), get_textcat()
    text = "Kontrollmomentet skjuts upp till nästa års plan."
    unsure = reading.TextReading("avvikelser", 0.6, text, "rules")
    out = reading._second_opinion(nlp, rules, unsure, rules.make_doc(text), text,
                                  {"ej_utford": 0.99, "avvikelser": 0.01})
    assert out.code == "ej_utford" and out.by == "second_opinion" and out.conflict
    assert "against the rules' avvikelser" in out.sentence and out.confidence <= 0.85
    sure = reading.TextReading("avvikelser", 0.99, text, "rules")
    assert reading._second_opinion(nlp, rules, sure, rules.make_doc(text), text,
                                   {"ej_utford": 0.99, "avvikelser": 0.01}) is sure


@pytest.mark.parametrize("text, expected", [
    # the auditors' old word for an objection ("erinran"), and "föreligger"
    ("Ingen erinran.", "inga_avvikelser"),
    ("Granskningen föranleder ingen erinran.", "inga_avvikelser"),
    ("Revisionen lämnade en erinran om representationen.", "avvikelser"),
    ("Brister föreligger ej.", "inga_avvikelser"),
    ("Brister föreligger i diarieföringen.", "avvikelser"),
    ("Bedömning: betryggande intern kontroll.", "inga_avvikelser"),
    ("Den interna kontrollen är inte tillräcklig.", "avvikelser"),
    ("Ej granskat.", "ej_utford"),
    ("Inte kontrollerad", "ej_utford"),
])
def test_older_audit_wording(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    # "inom" is a preposition; "all within" clears only with a time
    ("Intervjuer med samtliga rektorer inom grundskolan.", "okand"),
    ("Alla ansökningar om bygglov avgjordes inom tio veckor.", "inga_avvikelser"),
    ("Alla ansökningar avgjordes inte inom tio veckor.", "avvikelser"),
    # "ok" graded like "fungerar": mostly fine is a minor deviation
    ("Överlag ok.", "mindre_avvikelser"),
    ("Ok.", "inga_avvikelser"),
])
def test_within_a_time_and_ok_graded(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text", ["Inga under perioden", "Ingen i år.", "Inga", "Ej", ":", "–",
                                  "Inga : :", "Det har inte förekommit några", "Ingen under året",
                                  "?", "Inga.. under perioden ..", "0", "- -", "Nej Nej Nej"])
def test_short_and_odd_texts_never_raise(text):
    d = classify_text(text)
    assert 0.0 <= d.confidence <= 1.0


@pytest.mark.parametrize("text, expected", [
    # a narrow table's question and answer side by side, no colon
    ("Genomförd Ja Avvikelser Nej", "inga_avvikelser"),
    ("Följer plan Ja", "inga_avvikelser"),
    ("Utförd Nej", "ej_utford"),
    ("Påbörjad Nej", "ej_paborjad"),
    ("Genomförd Nej Påbörjad Ja", "pagar"),
    ("Avv. Nej", "inga_avvikelser"),
    ("Avv. Ja", "avvikelser"),
    # the words beside an answer say more than it does
    ("Genomförd: Nej, pågår", "pagar"),
    ("Avvikelse: Ja (ringa)", "mindre_avvikelser"),
])
def test_answers_beside_their_questions(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text", ["Kontrollen visar nej", "Ja", "Nej"])
def test_a_bare_answer_is_no_label(text):
    assert classify_text(text).kind != "label"


@pytest.mark.parametrize("text, expected", [
    # labels of an earlier year are context; the latest year's state the status
    ("Avvikelse 2023: ja. Avvikelse 2024: nej.", "inga_avvikelser"),
    ("Brister 2022: nej. Brister 2023: ja.", "avvikelser"),
    ("Fel 2025: 0. Fel 2024: 3.", "inga_avvikelser"),
])
def test_the_latest_years_label_decides(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    # a label that itself grades what it heads
    ("Mindre avvikelser: två beslut saknade datum.", "mindre_avvikelser"),
    ("Ett par smärre brister noterades: kvitton saknades för två utlägg.", "mindre_avvikelser"),
    ("Avvikelser: tolv beslut saknade datum.", "avvikelser"),
])
def test_a_label_grading_its_deviation(text, expected):
    assert classify_text(text).code == expected
