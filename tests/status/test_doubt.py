"""The cost-weighted guard on an all-clear (ikextract/status/doubt.py): an all-clear stands
only where nothing else in the text doubts it."""
import pytest

from ikextract.status.classify import classify_text


@pytest.mark.parametrize("text, code", [
    # a contrast clause with a negation reports the deviation
    ("Samtliga avtal var registrerade. Tre av dem var dock inte underskrivna.", "avvikelser"),
    ("Rutinen följs på förvaltningen, men inte på de två bolagen.", "avvikelser"),
    ("Inga brister i rutinen, däremot har den inte kommunicerats till personalen.", "avvikelser"),
    # a shortfall word
    ("Alla beslut var fattade, vilket i två fall strider mot delegationsordningen.", "avvikelser"),
    # part of the work still to come
    ("Januari till juni är granskat utan anmärkning, resterande månader granskas i höst.",
     "pagar"),
    # uncertainty
    ("Inga fel hittades, men det är oklart om urvalet är representativt.", "okand"),
    # nothing was there to check
    ("Inga avvikelser, eftersom inga avtal tecknades under året.", "okand"),
    ("Ingen kontroll av avvikelser har gjorts.", "ej_utford"),
    # a count of progress with the rest to come
    ("Två av fem skolor har lämnat sina rapporter, övriga väntas i december.", "pagar"),
])
def test_doubted_all_clear_is_not_inga(text, code):
    d = classify_text(text)
    assert d.code == code, (text, d)
    assert d.confidence < 0.9


@pytest.mark.parametrize("text", [
    "Inga avvikelser.",
    "Samtliga 25 fakturor var korrekt attesterade.",
    "Rutinen bedöms fungera väl och behöver inte förändras.",
    "Inga avvikelser. Inga anmärkningar.",
])
def test_plain_all_clear_stands(text):
    assert classify_text(text).code == "inga_avvikelser"


def test_contrast_after_an_all_clear_is_okand_before_it_the_all_clear_stands_less_surely():
    after = classify_text("Samtliga avtal fanns i registret, men för fyra av dem var "
                          "giltighetstiden passerad.")
    assert after.code != "inga_avvikelser" and after.confidence < 0.9
    before = classify_text("Åtgärdsplanen är ej påbörjad, men kontrollen är genomförd utan "
                           "avvikelser.")
    assert before.code == "inga_avvikelser" and before.confidence <= 0.7


def test_doubt_is_named_in_the_evidence():
    d = classify_text("Inga avvikelser i del 1; del 2 återstår.")
    assert d.code == "pagar" and "återstår" in d.evidence.replace("aterstar", "återstår")


def test_follows_plan_yes_with_a_doubting_result_is_said_less_surely():
    from ikextract.model import ControlRow
    from ikextract.status.classify import classify_row
    row = ControlRow(result="Inga avvikelser i april, maj och juni återstår.", follows_plan=True)
    d = classify_row(row)
    assert d.confidence <= 0.7 and "conflicts" in d.evidence
