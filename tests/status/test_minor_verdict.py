"""A minor grading after the deviations it grades makes them minor ("Av 40 fakturor saknade
3 attest. Bedöms som mindre avvikelse."); a count after it is another finding, and a hint
of minor ("behöver ses över") grades nothing."""
import pytest

from ikextract.status import classify_text


def code(text):
    return classify_text(text).code


@pytest.mark.parametrize("text", [
    "Av 40 kontrollerade fakturor saknade 3 attest. Bedöms som mindre avvikelse.",
    "Två av 20 avtal saknade underskrift. Smärre brister som har åtgärdats.",
    "I ett fall av 15 saknades delegationsbeslut. Marginell avvikelse.",
    "Stickprov 40 st – en avvikelse noterad och den var av mindre art.",
    "Fel hittades i fyra ärenden. Felen var av administrativ karaktär.",
])
def test_a_minor_grading_after_the_deviations(text):
    assert code(text) == "mindre_avvikelser"


@pytest.mark.parametrize("text", [
    "Rutinerna följs inte och behöver ses över.",
    "Fel i 12 av 30 ärenden. Mindre avvikelser i 4 ärenden.",
])
def test_no_grading_of_what_came_before(text):
    assert code(text) == "avvikelser"


def test_small_amounts_grade_the_errors_before_them():
    assert code("I fem fall av 60 har fakturor betalats med fel belopp. Beloppen var "
                "obetydliga och har rättats.") == "mindre_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Riskbedömningar görs inte regelbundet på alla förskolor.", "avvikelser"),
    ("Rutinen följs inte alltid vid sjukfrånvaro.", "avvikelser"),
    ("Kontrollen genomförs inte.", "ej_utford"),
    ("Kontrollmiljön bedöms vara tillräcklig.", "inga_avvikelser"),
    ("Kontrollmiljön är inte tillräcklig.", "avvikelser"),
    ("Kommentar saknas", "okand"),
])
def test_irregular_work_sufficiency_and_missing_comment(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Samtliga 12 ansökningar handlades inom lagstadgad tid.", "inga_avvikelser"),
    ("Samtliga 8 beslut verkställdes inom tre månader.", "inga_avvikelser"),
    ("Inte samtliga beslut verkställdes inom tre månader.", "avvikelser"),
    ("Samtliga beslut ska verkställas inom tre månader.", "okand"),
])
def test_all_done_within_the_deadline(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    # a count repeated in brackets, or one that refers back, is no other finding
    "Av 40 reseräkningar saknade en (1) kvitto. Avvikelsen bedöms som mindre.",
    "18 av 20 avtal var korrekta. De två avvikelserna var av formell karaktär.",
])
def test_a_count_that_is_no_other_finding_leaves_the_grading(text):
    assert classify_text(text).code == "mindre_avvikelser"
