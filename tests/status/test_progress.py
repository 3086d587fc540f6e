"""How far the control has come: under way, not started, not carried out (dropped, moved,
replaced), in words other than the contract's labels (phrases.tsv)."""
import pytest

from ikextract.status.columns import prose_code as rules_code


@pytest.mark.parametrize("text", [
    "Inväntar underlag från bemanningsenheten.",
    "Frågor har skickats till rektorerna, svaren inväntas.",
    "Avvaktar kompletteringar från två förvaltningar.",
    "Granskning inledd i september.",
    "Pågår men med viss försening på grund av sjukfrånvaro.",
])
def test_under_way(text):
    assert rules_code(text) == "pagar"


@pytest.mark.parametrize("text", [
    "Urvalet är inte draget än.",
    "Enkäten är ännu inte utskickad.",
    "Inga stickprov har dragits ännu.",
    "Arbetet med kontrollen har inte börjat.",
    "Start planeras till vecka 12.",
    "Startar efter årsskiftet, inget har gjorts hittills.",
    "0 procent klart.",
    "Ej påbörjad enligt tidplan.",
])
def test_not_started(text):
    assert rules_code(text) == "ej_paborjad"


@pytest.mark.parametrize("text", [
    "Ej genomförd enligt plan.",
    "Inte utförd enligt tidplanen på grund av vakanser.",
    "Granskningen genomfördes inte enligt planen.",
    "Momentet flyttas till nästa års internkontrollplan.",
    "Kontrollen har lagts in i planen för 2027.",
    "Struken efter beslut i nämnden.",
    "Nedprioriterad under året.",
    "Kontrollmomentet har tagits bort ur planen.",
    "Ersätts av en gemensam granskning av inköp.",
    "Har inte prioriterats i år.",
    "Utgår 2026.",
])
def test_not_carried_out(text):
    assert rules_code(text) == "ej_utford"


@pytest.mark.parametrize("text, expected", [
    # something checked not done as scheduled is a finding, not the control left undone
    ("Städningen har inte utförts enligt schema.", "avvikelser"),
    # waiting for a decision before the work can start: not started
    ("Inväntar beslut innan arbetet kan påbörjas.", "ej_paborjad"),
    # what the control is based on, not a dropped control
    ("Kontrollen utgår från kommunens riskanalys.", "okand"),
])
def test_near_misses_of_progress(text, expected):
    assert rules_code(text) == expected


def test_a_proposal_to_drop_the_control_next_year_keeps_the_finding():
    text = ("Alla granskade avtal var korrekta. Vi föreslår att kontrollen tas bort ur "
            "planen nästa år.")
    assert rules_code(text) == "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    # progress in a clause of time or place says when or which, not how far the control is
    ("Besluten verkställs inte inom tre månader efter att utredningen påbörjats.", None),
    ("Granskningen startar först när bokslutet är genomfört och är ännu inte påbörjad.",
     "ej_paborjad"),
    # a fronted clause of time, then the main clause with its own verb
    ("Tills ny controller är anställd har kontrollen inte kunnat genomföras.", "ej_utford"),
])
def test_progress_in_a_subordinate_clause(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text", [
    "Pågår, något försenad.",
    "Pågår men är försenat.",
    "Granskningen har börjat men vi har inte hunnit igenom samtliga förvaltningar.",
    "Vi har börjat med de största enheterna. Kontrollen av de små enheterna görs i mars.",
])
def test_under_way_though_late_or_partly(text):
    assert rules_code(text) == "pagar"


def test_a_control_that_has_been_under_way_all_year_and_found_nothing():
    text = ("Kontrollen har pågått under hela våren. I juni konstaterades att samtliga "
            "avtal var korrekt registrerade.")
    assert rules_code(text) == "inga_avvikelser"


@pytest.mark.parametrize("text", [
    "Ingen av de planerade inspektionerna har gjorts.",
    "Genomgången har inte skett.",
])
def test_the_controls_own_parts_not_done(text):
    assert rules_code(text) == "ej_utford"


def test_something_checked_not_followed_up_is_a_finding():
    text = "För fem avtal saknas avtalsansvarig och uppföljning har inte skett."
    assert rules_code(text) == "avvikelser"


@pytest.mark.parametrize("text", [
    # what the control checked was not done: its finding, not the control left undone
    "Granskningen visade att brandövning inte har genomförts på tre av sju skolor under året.",
    "Kontrollen visade att utredning inte påbörjats inom två veckor i fem av tolv ärenden.",
    "Av de 20 granskade fastigheterna hade 6 inte fått planerad besiktning.",
    "Endast 61 % av de planerade skyddsronderna genomfördes inom utsatt tid.",
])
def test_progress_of_what_was_checked_is_a_finding(text):
    assert rules_code(text) == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    # the control's own progress, reported: still under way
    ("Uppföljningen visar att åtgärder har vidtagits men effekten kan ännu inte bedömas.",
     "pagar"),
    ("91 % av de planerade inspektionerna har genomförts.", "ej_utford"),
])
def test_the_controls_own_progress_reported(text, expected):
    assert rules_code(text) == expected


def test_a_deviation_word_under_a_purpose_is_what_is_checked():
    text = "Granskningen av att klagomål besvaras i tid pågår; hittills har 8 av 25 ärenden lästs."
    assert rules_code(text) == "pagar"


@pytest.mark.parametrize("text, expected", [
    # our own coverage so far: under way, not a shortfall
    ("Vi har gått igenom ungefär en tredjedel av leasingavtalen.", "pagar"),
    ("Vi håller på med genomgången av avvikelserapporterna.", "pagar"),
    # people who went through training: a finding
    ("6 av 9 handläggare har gått igenom utbildningen.", "avvikelser"),
    # the words say not started, whatever the date
    ("Inget arbete har påbörjats med granskningen per oktober.", "ej_paborjad"),
    # late, but under way
    ("Pågår. Granskningen har försenats av sjukfrånvaro men är nu igång igen.", "pagar"),
    ("Granskningen är försenad.", "ej_utford"),
])
def test_how_far_the_control_itself_has_come(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Granskningen har försenats.", "ej_utford"),
    ("Kontrollen visade att ersättningarna betalats ut försenat.", "avvikelser"),
    ("Utbetalningarna har gjorts försenat.", "avvikelser"),
])
def test_a_delay_of_the_control_or_of_what_it_checked(text, expected):
    assert rules_code(text) == expected


def test_in_the_middle_of_the_control():
    assert rules_code("Vi befinner oss mitt i inventeringen.") == "pagar"


def test_the_next_round_planned_after_a_control_done_is_not_progress():
    text = "Kontrollen genomfördes i april. Nästa kontroll planeras till oktober."
    assert rules_code(text) not in ("pagar", "ej_paborjad")


@pytest.mark.parametrize("text, expected", [
    ("Vi väntar på underlag från två av fyra förvaltningar.", "pagar"),
    ("Inte möjlig att utföra under året.", "ej_utford"),
    ("Ersatt av kommunens gemensamma granskning.", "ej_utford"),
    ("Momentet är borttaget ur årets plan.", "ej_utford"),
    # what was removed of the things checked is no control dropped
    ("Alla som slutat har fått sina konton borttagna.", "not ej_utford"),
])
def test_waiting_impossible_replaced_removed(text, expected):
    if expected.startswith("not "):
        assert rules_code(text) != expected[4:]
    else:
        assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ej relevant i år, flyttas.", "ej_utford"),
    ("Arkivet flyttas från källaren till nya lokaler.", None),
    ("0 % utfört, inte påbörjad.", "ej_paborjad"),
    ("Kontrollen är klar för förskolorna, där allt stämde. Skolorna granskas i februari.",
     "pagar"),
    ("Genomförd på hemtjänsten. Boendena kontrolleras under december.", "pagar"),
    # the follow-up after a control done is a later step
    ("Kontrollen genomfördes i maj. Uppföljning görs i november.", None),
])
def test_moved_nothing_done_and_the_rest_planned(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Granskningen är uppstartad.", "pagar"),
    ("Inventeringen fortsätter under januari.", "pagar"),
    ("Stickprovet är inplanerat till vecka 12.", "ej_paborjad"),
    ("Granskningen lades ned när tjänsten drogs in.", "ej_utford"),
])
def test_started_continuing_scheduled_closed(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Stickprovet har inte tagits under perioden.", "ej_utford"),
    ("Inga granskningar gjorda.", "ej_utford"),
    ("Ingen granskning av leasingavtalen har gjorts.", "ej_utford"),
    ("Ingen granskning har kunnat genomföras på grund av systembyte.", "ej_utford"),
    ("Väntar på uppstart.", "ej_paborjad"),
])
def test_the_control_not_done_in_other_word_orders(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hittills inga fel, men bara en tredjedel av urvalet är granskat.", "pagar"),
    ("Tre av sex skolor är kontrollerade utan anmärkning, övriga besöks i mars.", "pagar"),
    ("Hälften av avtalen är granskade och inga brister har hittats.", "pagar"),
    # what someone else checked is the thing the control looks at
    ("20 av 25 ärenden var granskade av enhetschef.", "not pagar"),
])
def test_a_count_of_what_has_been_checked_so_far(text, expected):
    if expected.startswith("not "):
        assert rules_code(text) != expected[4:]
    else:
        assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Inget har gjorts än, start planeras till januari.", "ej_paborjad"),
    ("Bytet av system har försenats. Kontrollen är därför ännu inte påbörjad.", "ej_paborjad"),
    ("Under granskning – inget resultat att rapportera per oktober.", "pagar"),
    ("Granskningen är gjord för alla enheter utom en, som granskas i mars.", "pagar"),
    ("Stickproven för hösten saknas fortfarande.", "pagar"),
    # an exception that is a finding stays one
    ("Samtliga avtal var registrerade utom tre som saknade underskrift.", "avvikelser"),
    ("Alla förskolor utom två hade rutin för hämtning.", "avvikelser"),
])
def test_progress_read_with_the_rest_of_the_text(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Granskningen har påbörjats men är inte avslutad.", "pagar"),
    ("Underlag har kommit in från merparten av skolorna.", "pagar"),
    ("Granskningen har inte kunnat påbörjas.", "ej_paborjad"),
    ("Inventeringen kunde inte slutföras före årsskiftet.", "ej_utford"),
    ("Granskningen har fått stå tillbaka under hösten.", "ej_utford"),
    # accounts not closed are a finding
    ("Tre konton har inte avslutats efter att personerna slutat.", "avvikelser"),
])
def test_started_not_finished_and_the_like(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Debitering har uteblivit för 12 uthyrningar.", "avvikelser"),
    ("På tre skolor har brandövningar inte genomförts under året.", "avvikelser"),
    ("Rutin saknas och introduktion har inte genomförts.", "avvikelser"),
    # nothing named or counted: the control itself, or something not done, not a finding
    ("Inte utförd enligt plan. Ny tidpunkt är inte bestämd.", "ej_utford"),
    ("Utbildningen har inte genomförts på grund av sjukdom.", "ej_utford"),
])
def test_something_checked_not_done_where_and_how_many(text, expected):
    assert rules_code(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Vi har gått igenom hälften av fakturorna och hittills inga fel.", "pagar"),
    # a finding in the part checked stays one
    ("Vi har granskat hälften av ärendena, och i tre av dem saknades beslut.", "avvikelser"),
])
def test_our_own_share_checked_so_far(text, expected):
    assert rules_code(text) == expected


def test_the_sample_not_yet_drawn():
    assert rules_code("Urvalet är ej draget.") == "ej_paborjad"


@pytest.mark.parametrize("text", [
    # a finding in the part checked so far stays a finding
    "Vi har gått igenom hälften av avtalen och hittat fel i fyra.",
    # late, but the control already reports deviations
    "Granskningen har försenats men visar redan nu att underskrift saknas i flera fall.",
])
def test_progress_does_not_hide_a_finding(text):
    assert rules_code(text) == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Utförd till 60 %.", "pagar"),
    ("Inväntar ny delegationsordning innan granskningen kan påbörjas.", "ej_paborjad"),
    ("Ingen granskning 2026.", "ej_utford"),
    ("Resultatet väntas till årsskiftet.", "pagar"),
])
def test_done_to_a_share_waiting_none_this_year_results_expected(text, expected):
    assert rules_code(text) == expected
