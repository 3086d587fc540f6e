"""Minor against major in the report's own words: a grading later in the sentence ("var
små", "bedöms som mindre"), few deviations found and handled, "ett par"; a count alone
stays a deviation."""
import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


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


@pytest.mark.parametrize("text", [
    # a verdict that the control is in order, then a few exceptions
    "Attestordningen följs. Vid ett tillfälle saknades mottagningsattest, vilket har rättats.",
    "Rutinen för nyckelkvittens fungerar bra. Två kvittenser var inte signerade.",
    # a grave grading negated
    "Felen som hittades är inte av allvarlig karaktär.",
    "Inget allvarligt, bara ett par felstavade namn i registret.",
    "Ingen av bristerna bedöms som allvarlig.",
])
def test_a_good_verdict_with_few_exceptions_or_no_grave_ones_is_minor(text):
    assert code(text) == "mindre_avvikelser"


@pytest.mark.parametrize("text, expected", [
    # many, several, a duration, what was not checked: not "a few exceptions"
    ("Rutinen följs. I sju ärenden saknades dock beslut om avgift.", "avvikelser"),
    ("Attestordningen följs, men flera fakturor saknade mottagningsattest.", "avvikelser"),
    ("Kontrollen genomfördes i enlighet med planen. Två attestanter saknade behörighet.",
     "avvikelser"),
    ("Inga risker av allvarlig art kvarstår.", "inga_avvikelser"),
])
def test_no_minor_from_many_or_from_the_control_s_conduct(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    # all of them right in one respect, wrong in another: the writers call it a deviation
    "Samtliga lönebesked var attesterade. I två fall saknades dock underlag för övertid.",
    # the exception says the verdict itself is wrong
    "Alla avtal var diarieförda, vilket i två fall skett i strid med arkivreglerna.",
])
def test_an_exception_to_all_of_them_stays_a_deviation(text):
    assert code(text) == "avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Vid något tillfälle hade kvittens inte lämnats.", "mindre_avvikelser"),
    ("Sporadiska fel i tidrapporteringen förekommer.", "mindre_avvikelser"),
    ("Brandronder görs sporadiskt.", "avvikelser"),
])
def test_once_and_sporadic(text, expected):
    assert code(text) == expected


def test_a_deviation_in_the_clause_of_a_minor_one_is_the_same():
    assert code("En mindre differens på 150 kr kunde inte förklaras.") == "mindre_avvikelser"
    # a need to improve is no grading of the deviation beside it
    assert code("Riktlinjen behöver förtydligas eftersom den inte följs enhetligt.") \
        == "avvikelser"
