"""All-clear results that never say "avvikelse": what is said of all the things checked
("samtliga ... är anmälda", "alla hade ...") and "rätt X" with a passive; never where the
clause is a scope, a check, a norm, a purpose, negated or deviating."""
import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


def code(text):
    return classify_text(text).code


@pytest.mark.parametrize("text", [
    "Samtliga tjänstebilar är besiktade och försäkrade.",
    "Av 25 kontrollerade hyresavtal var samtliga undertecknade av båda parter.",
    "Granskningen visade att alla hade fått beslut inom tre veckor.",
    "Samtliga 40 brukare med hemtjänst har aktuell genomförandeplan.",
    "Alla avslutade konsulter har fått sina konton spärrade.",
    "I år var samtliga granskade protokoll justerade av ordföranden.",
    "Rätt moms redovisas på fakturorna från fastighetsavdelningen.",
    "Kontrollen visade att rätt belopp har betalats ut till föreningarna.",
])
def test_what_is_said_of_all_of_them_clears(text):
    reading = classify_text(text)
    assert reading.code == "inga_avvikelser"
    assert reading.confidence < 0.9        # read from no word of the finding itself


@pytest.mark.parametrize("text", [
    "Kontrollen omfattade samtliga enheter inom förvaltningen.",   # a scope
    "Samtliga fakturor granskades under oktober.",                 # a check
    "Samtliga avtal ska vara undertecknade av båda parter.",       # a norm
    "Syftet är att säkerställa att alla bilar är besiktade.",      # a purpose
    "Samtliga kontroller gjordes under hösten.",                   # done, no finding
    "Riktlinjen har gåtts igenom med personalen på alla avdelningar.",  # what was gone through
])
def test_scope_check_norm_or_purpose_is_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Samtliga fakturor saknade attest.",
    "Alla bilar var inte besiktade.",
    "Samtliga anmälningar hade registrerats för sent.",
])
def test_all_of_them_deviating_is_a_deviation(text):
    assert code(text) == "avvikelser"


def test_a_purpose_word_before_a_reported_finding_does_not_neutralize_it():
    # "om" of "ansökningar om bostadsanpassning" is no "kontrollera om"; "visade att" reports
    assert code("Genomgången av ansökningar om bostadsanpassning visade att alla hade "
                "handlagts inom föreskriven tid.") == "inga_avvikelser"
    assert code("Kontrollera om alla ansökningar handläggs inom föreskriven tid.") \
        != "inga_avvikelser"


def test_what_is_required_there_for_all_of_them_clears():
    assert code("Vid kontrollen fanns delegationsbeslut för samtliga utbetalningar.") \
        == "inga_avvikelser"
    assert code("Säkerställa att avtal finns för samtliga hyresgäster.") != "inga_avvikelser"
    assert code("Risk finns för alla enheter att underlag saknas.") != "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Kontrollmoment: samtliga hyresavtal är registrerade i avtalssystemet.",
    "Kontroll att rätt taxa tillämpas.",
    "Att rätt arvode betalas ut.",
    "Kontrollen avser att alla beslut är korrekt fattade.",
    "Samtliga ansökningar handläggs av två handläggare.",      # the procedure, present tense
    "Inga ärenden hittades för perioden.",                      # nothing to check
])
def test_the_control_point_or_procedure_is_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


def test_the_control_point_reported_on_is_a_finding():
    assert code("Kontrollen av att hyresavtalen följer beslutad nivå visade överensstämmelse "
                "i samtliga fall.") == "inga_avvikelser"


def test_the_right_thing_negated_is_a_deviation():
    assert code("Inte rätt arvode hade betalats ut i tre fall.") == "avvikelser"
