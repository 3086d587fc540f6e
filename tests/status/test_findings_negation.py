"""What the control found, read through negation: a deviation said of something negated
(a negated head and its relative clause, a negated subject and its predicate) is none."""

import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


def code(text):
    return classify_text(text).code


@pytest.mark.parametrize("text", [
    # a negated head and a relative clause stating a deviation of it
    "Det fanns inga ansökningar som inte hade handlagts inom föreskriven tid.",
    "Vi har inte funnit någon faktura i urvalet som saknar attest.",
    "Inga ärenden där handläggare och beslutsfattare varit samma person har påträffats.",
    "Det har inte framkommit något som visar att riktlinjen för representation inte följs.",
    # a negated subject and its predicate
    "Inga inköp har gjorts utan godkänd beställning.",
    "Inte en enda av de kontrollerade tjänsteresorna saknade beslut om resa.",
])
def test_double_negation_clears(text):
    assert code(text) == "inga_avvikelser"


@pytest.mark.parametrize("text", [
    # the negated thing is itself what is missing, or the deviation is another clause's
    "Ingen dokumentation fanns för hälften av ärendena.",
    "Ingen av de åtgärder som beslutades i fjol har genomförts och bristerna kvarstår.",
    "Det finns inga rutiner som säkerställer att fel upptäcks.",
    "Inga åtgärder har vidtagits trots tidigare påpekanden.",
    "Inga åtgärder har vidtagits mot bristerna.",
])
def test_negated_head_that_is_the_deviation(text):
    assert code(text) == "avvikelser"


def test_double_negation_is_said_less_surely():
    reading = classify_text("Vi har inte funnit någon faktura i urvalet som saknar attest.")
    assert reading.code == "inga_avvikelser" and reading.confidence < 0.9


def test_a_reason_clause_is_not_the_subject_s_predicate():
    # "då underlag saknas" says why nothing was found, not that nothing was missing
    assert code("Inga avvikelser har kunnat konstateras då underlag saknas.") != "inga_avvikelser"


@pytest.mark.parametrize("text", [
    # "utan" after a negated noun phrase is "but rather": what follows is the finding
    "Det rör sig inte om enstaka fel utan om systematiska brister i attestflödet.",
    "Inga smärre avvikelser utan allvarliga brister i dokumentationen.",
    # a negated "utan": not without
    "Granskningen var inte helt utan anmärkningar.",
])
def test_utan_after_a_negation_is_no_all_clear(text):
    assert code(text) == "avvikelser"


def test_utan_after_a_verb_is_without():
    assert code("Inga fakturor betalades utan attest.") == "inga_avvikelser"
    assert code("Inventeringen genomfördes utan anmärkning.") == "inga_avvikelser"


@pytest.mark.parametrize("text", [
    # a negated verb of what was (not) done to the things checked
    "Elva tjänsteresor har inte godkänts av närmaste chef.",
    "Parkeringsavgiften debiterades inte för de hyrda platserna under våren.",
    "Läkarintyg hade inte begärts in vid de långa sjukfrånvarona.",
])
def test_a_negated_verb_of_the_things_checked_is_a_deviation(text):
    reading = classify_text(text)
    assert reading.code == "avvikelser" and reading.confidence < 0.9


@pytest.mark.parametrize("text, not_expected", [
    ("Vi har inte funnit några fel i löneutbetalningarna.", "avvikelser"),  # none found
    ("Om intygen inte begärs in finns risk för felaktiga utbetalningar.", "avvikelser"),
    ("Resultatet har inte redovisats ännu.", "avvikelser"),                # not yet
    ("Samtliga resor var godkända och privata resor hade inte bekostats.", "avvikelser"),
])
def test_a_negated_verb_that_reports_no_deviation(text, not_expected):
    assert code(text) != not_expected


@pytest.mark.parametrize("text", [
    "Inga dubbelbokade lokaler hittades i bokningssystemet.",
    "Inga felaktigt konterade verifikationer har hittats.",
    "Granskningen gjordes utan att något har framkommit som behöver rättas.",
    "Sena betalningar: inga under året.",
])
def test_nothing_wrong_found_or_answered_none(text):
    assert code(text) == "inga_avvikelser"


def test_evidence_not_found_is_no_all_clear():
    assert code("Inga underlag för utbetalningarna hittades.") != "inga_avvikelser"
    assert code("Ingen dokumentation av besöken kunde hittas.") != "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Granskningen visade att avtalen för lokalhyra inte registrerats i systemet.",
    "Trots att riktlinjen är känd har den inte tillämpats vid två av fyra bibliotek.",
    "Uttagen på totalt 3 200 kr kunde inte härledas till något kvitto.",
    "Förvaltningen har inte följt antagen taxa för bygglov.",
    "Resultat: fem ansökningar hade inte registrerats inom en vecka.",
])
def test_a_negated_verb_in_other_word_orders(text):
    assert code(text) == "avvikelser"


def test_a_follow_up_not_done_is_no_finding_of_this_kind():
    assert code("Åtgärderna har inte följts upp ännu.") != "avvikelser"


@pytest.mark.parametrize("text", [
    "Ingen förskola hade upprättat en plan mot kränkande behandling.",
    "Granskningen visade att ingen nämnd har aktuella delegationsordningar.",
])
def test_no_one_did_or_has_what_all_should(text):
    assert code(text) == "avvikelser"


@pytest.mark.parametrize("text", [
    "Inga olyckor har inträffat under året.",
    "Inga nya avtal har tillkommit sedan förra kontrollen.",
])
def test_nothing_happening_is_no_deviation(text):
    assert code(text) != "avvikelser"


@pytest.mark.parametrize("text", [
    "Förteckningen över arkivhandlingar var inte uppdaterad.",
    "Rutinbeskrivningen är inte tillräcklig för nyanställda.",
    "Granskningen visar att reseräkningar inte attesteras av närmaste chef.",
])
def test_a_state_or_a_present_passive_negated(text):
    assert code(text) == "avvikelser"


def test_a_negated_state_in_a_control_point_or_not_applicable():
    assert code("Kontrollen är inte aktuell i år.") != "avvikelser"


@pytest.mark.parametrize("text", [
    "Inte heller i år fanns några brister i kassahanteringen.",
    "Inga fel hittades, inte heller vid den andra kontrollen.",
])
def test_a_negation_opening_the_clause_reaches_any(text):
    assert code(text) == "inga_avvikelser"


def test_a_possibility_is_no_all_clear():
    assert code("Det kan inte uteslutas att några fel finns.") != "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Inte sällan saknades kvitto på utläggen.", "avvikelser"),          # litotes: often
    ("Inte vid något tillfälle har kassan visat differens.", "inga_avvikelser"),
    ("Aldrig har någon resa bokats utan godkännande.", "inga_avvikelser"),
])
def test_litotes_and_negations_opening_the_clause(text, expected):
    assert code(text) == expected


def test_information_not_missing_is_no_lack_of_information():
    assert code("Varken beslut eller underlag saknades i något av ärendena.") == "inga_avvikelser"
    assert code("Inga uppgifter om brister har lämnats från enheterna.") == "okand"
