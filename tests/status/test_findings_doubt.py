"""The all-clear guard (doubt.py) on findings: a negation that itself clears is no doubt, a
contrast clause of advice or plans is no caveat; a caveat or a limit still is."""
import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize("text", [
    # a second sentence that negates a deviation word is another all-clear
    "Kassan stämde mot kassaboken. Stickprovet visade inga felaktiga uttag.",
    "Representationen var korrekt redovisad. Inget att anmärka.",
    "Samtliga uppdrag är anmälda och prövade. Inget uppdrag har bedömts som konkurrerande "
    "eller förtroendeskadligt.",
    # a contrast of what is to come, no caveat on the finding
    "Inga avvikelser, men riktlinjen kommer att uppdateras när det nya systemet införs.",
    "Inga fel upptäcktes. Dock påminns enheterna om att arkivera underlagen framöver.",
    # "utan" with its own object does not negate what follows
    "Kassorna stämde utan anmärkning i samtliga fall.",
])
def test_no_doubt_on_the_all_clear(text):
    assert classify_text(text).code == "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Inga avvikelser, men kontrollen omfattade bara en av tre enheter.",
    "Kassan stämde. Ingen uppföljning har gjorts av fjolårets brister.",
    "Inga avvikelser, men två ärenden saknade dokumentation.",
])
def test_a_caveat_or_a_limit_still_doubts(text):
    assert classify_text(text).code != "inga_avvikelser"


def test_advice_is_said_less_surely():
    reading = classify_text("Inga avvikelser, men rutinen kommer att ses över inför nästa år.")
    assert reading.code == "inga_avvikelser" and reading.confidence < 0.9


@pytest.mark.parametrize("text", [
    "Inga fel hittades i år, till skillnad från förra året då tre avtal saknade underskrift.",
    "Alla fakturor var attesterade, till skillnad från 2023 då flera saknade attest.",
])
def test_an_earlier_year_clause_is_context(text):
    assert classify_text(text).code == "inga_avvikelser"


def test_this_year_s_when_clause_is_a_finding():
    assert classify_text("Inga fel hittades i våras, men i oktober när kontrollen upprepades "
                         "saknade tre avtal underskrift.").code != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Till skillnad från förra året saknades i år underskrift på flera avtal.", "avvikelser"),
    ("Förra året saknades underskrift på flera avtal.", "okand"),
    ("Överlag god ordning i förrådet. En kartong var feletiketterad.", "mindre_avvikelser"),
])
def test_this_year_against_an_earlier_one(text, expected):
    assert classify_text(text).code == expected
