"""Texts that are no result (not_a_result.py): the risk of a control point, its risk score,
its goal or scope, a page or column header, a colour legend, a norm. All okand; the words
that say the risk came true, the goal was reached or a finding still read."""
import pytest

from ikextract.status import classify_text
from ikextract.status.columns import prose_code as rules_code
from ikextract.status.rules import get_rules


def code(text):
    return classify_text(text).code


def reads(text, expected):
    """The stage reads text as expected, or ("not X") as anything but X, with no hit of the
    rules read neutral where they have hits."""
    if expected.startswith("not "):
        assert not neutral(text) and code(text) != expected[4:]
    else:
        assert code(text) == expected


def neutral(text):
    """Every hit of the rules is neutral: nothing in the text reads as a status."""
    r = get_rules()
    hits = r.hits(r.make_doc(text))
    return hits and all(h.code == "okand" for h in hits)


@pytest.mark.parametrize("text", [
    "Risk för att bistånd beviljas utan utredning.",
    "Risk att felaktiga timlöner registreras.",
    "Risken är att hyresgäster debiteras fel hyra.",
    "Risk: Att avtal förlängs utan beslut.",
    "Risk för jäv vid bedömning av bygglov.",
    "Risken bedöms som hög eftersom felaktiga betalningar kan ske.",
    "Riskvärde 9 (sannolikhet 3, konsekvens 3)",
    "Sannolikhet: 2, Konsekvens: 4",
    "Konsekvens: Kännbar (3)",
    "Riskbedömning: medel",
])
def test_a_risk_is_no_finding(text):
    assert code(text) == "okand"
    assert neutral(text)


@pytest.mark.parametrize("text", [
    "Om attesten inte görs finns risk för dubbla utbetalningar.",
    "Bristande dokumentation kan leda till felaktiga beslut om bistånd.",
    "Ofullständiga underlag riskerar att ge fel debitering.",
])
def test_what_could_follow_is_no_finding(text):
    assert code(text) == "okand"
    assert neutral(text)


@pytest.mark.parametrize("text", [
    "Målet är att 95 % av ansökningarna handläggs inom fyra veckor.",
    "Mål: 100 % av fordonen besiktigade i tid.",
    "Målet är att inga leverantörer ska sakna F-skatt.",
    "Den som beställer ska inte själv godkänna fakturan.",
    "Förskolechef ansvarar för att rutinen för hämtning följs.",
    "Gäller alla förskolor i kommunen.",
])
def test_a_goal_a_norm_or_a_scope_is_no_finding(text):
    assert code(text) == "okand"


@pytest.mark.parametrize("text", [
    "Sida 2 av 9",
    "Fel (Ja/Nej)",
    "Grön = utan anmärkning, gul = mindre brister, röd = allvarliga brister",
    "Förklaring: Grön – utförd utan avvikelse, Röd – inte utförd",
])
def test_headers_and_legends_are_no_result(text):
    assert code(text) == "okand"
    assert neutral(text)


@pytest.mark.parametrize("text, expected", [
    ("Risken har inträffat: två fakturor betalades till fel konto.", None),
    ("Risken kvarstår.", "avvikelser"),
    ("Risken bedöms vara omhändertagen.", "inga_avvikelser"),
    ("Målet om 90 % inom tidsgränsen uppnåddes.", None),
    ("Risken bedöms som låg och ingen kontroll har därför gjorts.", "ej_utford"),
    ("Risk för fel. Kontrollen visade att 4 av 20 fakturor saknade attest.", "avvikelser"),
    ("Gul enligt teckenförklaringen: mindre avvikelser.", "mindre_avvikelser"),
])
def test_what_the_risk_or_goal_became_still_reads(text, expected):
    if expected is None:
        assert not neutral(text)
    else:
        assert rules_code(text) == expected


@pytest.mark.parametrize("text", [
    "Ingen direktupphandling har genomförts under året.",
    "Inga ansökningar om bostadsanpassning under perioden.",
    "Inga deltagare till kursen i år.",
    "Kontrollen ska göras genom stickprov på 30 fakturor i oktober.",
    "Granskningen kommer att genomföras via registerutdrag.",
    "Sammanlagt kontrollerades 42 körjournaler.",
])
def test_nothing_to_check_a_method_or_a_size_is_no_result(text):
    assert code(text) == "okand"


@pytest.mark.parametrize("text, expected", [
    # the subject is the control: not carried out
    ("Ingen kontroll har genomförts under året.", "ej_utford"),
    # something that should exist did not: a finding
    ("Inga kvitton fanns för utlägget under perioden maj–juni.", "avvikelser"),
    ("Inga sökande hade fått besked inom två veckor.", "avvikelser"),
    # a size and a finding
    ("Totalt granskades 40 beslut och samtliga var korrekta.", "inga_avvikelser"),
    ("Kontrollen ska genomföras under våren.", "ej_paborjad"),
])
def test_near_misses_of_nothing_to_check(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inget svar från förvaltningen.", "okand"),
    ("Ingen återkoppling från skolorna.", "okand"),
    # nothing missing is an all-clear
    ("Inga uppgifter saknades i ansökningarna.", "inga_avvikelser"),
    # a page header damaged by the scan
    ("Sicla 2 av 5", "okand"),
])
def test_no_word_from_the_unit_and_damaged_headers(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Det har inte förekommit några upphandlingar över tröskelvärdet under året.", None),
    ("Det har inte förekommit några fel under året.", "inga_avvikelser"),
    ("Det har inte gått att avgöra om rutinen följs.", None),
    ("Det har inte gått att genomföra granskningen.", "ej_utford"),
    ("Redovisning av avvikelser sker till ledningsgruppen varje månad.", None),
    # a finding in the past of the same procedure still reads
    ("Hanteringen av klagomålen skedde enligt rutinen i samtliga fall.", "inga_avvikelser"),
    ("Granskningen ska genomföras med stickprov under hösten.", None),
])
def test_what_is_handled_or_how_is_no_finding(text, expected):
    if expected is None:
        assert rules_code(text) in (None, "okand")
    else:
        assert rules_code(text) == expected


@pytest.mark.parametrize("text", [
    # a goal stated with the words of an all-clear is still the goal
    "Mål: Inga felaktiga utbetalningar.",
    "Målsättning: inga oattesterade fakturor.",
    "Inget svar har inkommit från skolan.",
    "Det har inte funnits några ansökningar att pröva.",
])
def test_goals_and_no_answer_in_other_words(text):
    assert code(text) == "okand"


def test_a_goal_reached_with_the_same_words_is_a_finding():
    assert rules_code("Målet om inga felaktiga utbetalningar uppnåddes.") != "okand"


@pytest.mark.parametrize("text, expected", [
    # a norm said by the rule it comes from is no all-clear
    ("Enligt riktlinjen får ingen chef godkänna sin egen bisyssla.", None),
    ("Enligt reglementet ska samtliga fakturor attesteras av två personer.", None),
    # what the rule says was done is
    ("Enligt rutinen har samtliga fakturor attesterats.", "inga_avvikelser"),
    # nothing to check, but a criterion: "utan" is what the control looked for
    ("Ingen direktupphandling har genomförts under året utan att dokumenteras.", "not okand"),
])
def test_norms_by_their_rule_and_criteria(text, expected):
    if expected is None:
        assert rules_code(text) in (None, "okand")
    elif expected == "not okand":
        assert rules_code(text) not in (None, "okand")
    else:
        assert rules_code(text) == expected


@pytest.mark.parametrize("text", [
    "Inga beslut får fattas utan delegation.",
    "Ingen får attestera sina egna utlägg.",
    "Status avvikelse ja/nej",
    "Avvikelse (ja / nej)",
])
def test_a_norm_with_a_negated_subject_and_a_bare_header(text):
    assert rules_code(text) in (None, "okand")


@pytest.mark.parametrize("text, expected", [
    # the reason given for the risk level states a finding
    ("Risken bedöms som låg eftersom samtliga 20 avtal var korrekt registrerade.",
     "inga_avvikelser"),
    # a reason that is itself a possibility is not
    ("Risken bedöms som hög då felaktiga beslut kan fattas.", None),
    # a consequence after the finding leaves the finding
    ("I fyra fall saknades underskrift, vilket kan leda till tvister.", "avvikelser"),
])
def test_reasons_and_consequences_beside_a_risk(text, expected):
    assert rules_code(text) == expected


def test_the_state_wished_for_is_no_all_clear():
    assert code("Önskat läge: samtliga avtal registrerade i systemet.") == "okand"


@pytest.mark.parametrize("text", [
    "Det är viktigt att attestordningen följs.",
    "Det är angeläget att samtliga avtal registreras.",
    "Attestordningen följs om alla chefer tar sitt ansvar.",
    "Bedömningen är att rutinen fungerar om den används som avsett.",
    "Förväntat resultat: inga fel i stickprovet.",
])
def test_what_matters_or_is_expected_or_conditional_is_no_all_clear(text):
    assert code(text) != "inga_avvikelser"


def test_a_noun_with_om_is_no_condition():
    assert rules_code("Samtliga granskade ärenden hade beslut om insats.") == "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Samtliga handläggare har informerats om den nya riktlinjen.", None),
    ("Alla chefer har påmints om rutinen för bisysslor.", None),
    ("När nya systemet är på plats kommer samtliga behörigheter att vara korrekta.", None),
    # a measure after the finding leaves the finding
    ("Samtliga fakturor var korrekt attesterade. Attestanterna har informerats om resultatet.",
     "inga_avvikelser"),
])
def test_a_measure_taken_or_the_future_is_no_all_clear(text, expected):
    assert rules_code(text) == expected


def test_nothing_left_to_check():
    assert code("Inga kontantkassor finns längre, alla betalningar sker digitalt.") == "okand"


@pytest.mark.parametrize("text, expected", [
    ("Riktlinjen är att chef ska godkänna varje bisyssla skriftligt.", "okand"),
    ("Reglementet anger att attest ska ske innan betalning.", "okand"),
    ("Hänvisning till revisorernas rapport 2025.", "okand"),
    # the rule said, and what the control found of it
    ("Rutinen är att alla fakturor attesteras av två, och kontrollen visade att så skett i "
     "alla fall.", "inga_avvikelser"),
])
def test_what_the_rule_says_and_references(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Handläggaren får inte besluta i egna ärenden.", "okand"),
    ("Beställaren får ej vara attestant.", "okand"),
    ("Skriftlig delegation krävs för alla beslut.", "okand"),
    ("Underlag: registerutdrag ur lönesystemet.", "okand"),
    ("• Risk för dubbla utbetalningar", "okand"),
    ("2. Risk att avtal förlängs utan beslut", "okand"),
    ("Kontrollmoment 4 – Risk: fel delegat", "okand"),
    ("• Sida 3 av 8", "okand"),
])
def test_may_not_required_labels_and_list_marks(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    # receiving, not being allowed: no norm read
    "Eleverna får inte det stöd de har rätt till.",
    "Ingen åtgärd krävs.",
    # a role missing is a finding, not nothing to check
    "Det har inte funnits någon ansvarig för arkivet under året.",
])
def test_near_misses_of_may_not(text):
    assert not neutral(text)


@pytest.mark.parametrize("text, expected", [
    ("Riskbild: dubbla utbetalningar av bostadsbidrag.", "okand"),
    ("Sårbarhet: bara en person kan systemet.", "okand"),
    ("Väsentlighet: 3. Sannolikhet: 2.", "okand"),
    # threats that occurred are a finding
    ("Hot mot handläggare har förekommit vid två tillfällen.", "not okand"),
])
def test_other_words_for_a_risk(text, expected):
    reads(text, expected)


@pytest.mark.parametrize("text", [
    "Medelhög risk att bidrag betalas ut felaktigt.",
    "Riskbedömningen visar att dubbla utbetalningar kan förekomma.",
    "Det föreligger risk för att avtal tecknas utan behörighet.",
    "Det finns en risk att beslut fattas av fel person.",
])
def test_a_risk_said_otherwise(text):
    assert code(text) == "okand"


def test_errors_that_occurred_are_no_possibility():
    assert rules_code("Kontrollen visade att felaktiga utbetalningar förekom i tre fall.") \
        == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Förvaltningen föreslår att kontrollen finns kvar i nästa års plan.", None),
    ("Avsikten är att samtliga chefer ska ha utbildats till sommaren.", None),
    ("Planen är att införa e-tjänst för ansökningar under 2027.", None),
    # a result before the proposal stands
    ("Samtliga beslut var korrekta. Vi föreslår att kontrollen utgår nästa år.",
     "inga_avvikelser"),
    ("Rutinen fungerar väl och kontrollmomentet föreslås utgå ur planen.", "inga_avvikelser"),
    ("Har inte hunnit genomföras och föreslås flyttas till nästa år.", "ej_utford"),
    # that a routine exists says nothing of whether it is followed
    ("Rutin finns.", "okand"),
    ("Rutin finns men följs inte.", "avvikelser"),
])
def test_proposals_intentions_and_a_routine_that_exists(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inga nya placeringar under året.", "okand"),
    ("Inga utlandsresor har genomförts under perioden.", "okand"),
    # a verb of what was (not) there keeps the finding
    ("Inga kvitton fanns under perioden.", "not okand"),
    ("Inga fel under perioden.", "inga_avvikelser"),
])
def test_nothing_of_the_kind_in_the_period(text, expected):
    reads(text, expected)


@pytest.mark.parametrize("text", [
    "Alla enheter har ombetts lämna underlag.",
    "Samtliga rektorer har tillfrågats om rutinen.",
])
def test_a_request_made_is_no_all_clear(text):
    assert code(text) != "inga_avvikelser"
