"""Minor against major in the report's own words: a grading later in the sentence ("var
små", "bedöms som mindre"), few deviations found and handled, "ett par"; a count alone
stays a deviation."""
import pytest

from ikextract.status import classify_text


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setenv("IKEXTRACT_STATUS_MODEL", "rules")


def code(text):
    return classify_text(text).code


@pytest.mark.parametrize("text", [
    # a grading of the deviations named earlier in the sentence
    "De fel som upptäcktes vid inventeringen var små och har inte påverkat bokslutet.",
    "De brister vi fann i delegationsordningen bedöms som mindre.",
    # found and handled, and graded few or minor
    "Felen var få och har korrigerats av lönehandläggaren.",
    "Bristerna är åtgärdade och bedöms som ringa.",
    "Avvikelserna var av mindre karaktär och har rättats.",
    # "ett par": the report says few
    "Av 80 bokade resor hade ett par stycken gjorts utanför avtalad resebyrå.",
    "I ett par fall saknades mottagningsattest på fakturan.",
])
def test_minor_in_the_reports_own_words(text):
    assert code(text) == "mindre_avvikelser"


@pytest.mark.parametrize("text", [
    "Av 80 bokade resor hade 12 gjorts utanför avtalad resebyrå.",
    "De fel som upptäcktes vid inventeringen var fler än förra året.",
])
def test_a_count_or_another_grading_stays_a_deviation(text):
    assert code(text) == "avvikelser"


def test_a_grave_grading_is_not_minor():
    assert code("Felen har korrigerats, men de var allvarliga.") not in (
        "mindre_avvikelser", "inga_avvikelser")


def test_all_handled_is_still_all_clear():
    assert code("Alla avvikelser som uppmärksammades har hanterats.") == "inga_avvikelser"
