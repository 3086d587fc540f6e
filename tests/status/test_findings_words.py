"""Vocabulary of what the control found: a good state ('gott skick'), minor nouns
('småfel', 'mindre justeringar'), 'i stort', 'med mindre undantag', a conflict of roles
('samma person'), 'inte något som tyder på'."""
import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize("text, expected", [
    ("Brandsläckarna var i gott skick.", "inga_avvikelser"),
    ("Brandsläckarna var inte i gott skick.", "avvikelser"),
    ("Det rör sig om småfel i två protokoll.", "mindre_avvikelser"),
    ("Mindre korrigeringar har gjorts i tre lönebesked.", "mindre_avvikelser"),
    ("Inventarieförteckningen stämmer i stort sett.", "mindre_avvikelser"),
    ("Rutinen tillämpas med smärre undantag på fritidsgårdarna.", "mindre_avvikelser"),
    ("I tre fall var beställare och godkännare samma person.", "avvikelser"),
    ("Det finns inte något som tyder på att jävsreglerna har frångåtts.", "inga_avvikelser"),
    ("Delegationsordningen har frångåtts vid två beslut.", "avvikelser"),
])
def test_words_of_the_finding(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("Revisionsrapporterna saknade anmärkningar.", "inga_avvikelser"),
    ("Inga dubbletter i kundregistret.", "inga_avvikelser"),
    ("Rapporterna saknade underskrift.", "avvikelser"),
])
def test_lacking_remarks_clears_lacking_evidence_does_not(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("Dubbelfakturering förekom vid tre tillfällen.", "avvikelser"),
    ("Inga dubbla utbetalningar förekom.", "inga_avvikelser"),
    ("Två rektorer attesterar sina egna reseräkningar.", "avvikelser"),
    ("Ingen chef har attesterat sina egna utlägg.", "inga_avvikelser"),
    ("Fem kundfakturor har legat obetalda i över ett halvår.", "avvikelser"),
    ("Risken har inträffat: en leverantör fick betalt till fel konto.", "avvikelser"),
    ("Tre avtal har förlängts utan att upphandlas.", "avvikelser"),
    ("Vid kassakontrollen saknades 800 kr.", "avvikelser"),
    ("Adressen var felregistrerad i två ärenden.", "avvikelser"),
])
def test_more_words_of_deviations(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("Samtliga reseräkningar hade attesterats i efterhand.", "avvikelser"),
    ("Felen har rättats i efterhand.", "inga_avvikelser"),
    ("Två hyresavtal hade löpt ut utan att förnyas.", "avvikelser"),
    ("Inget avtal har löpt ut.", "inga_avvikelser"),
    ("Genomförandeplaner saknades för 9 av 25 brukare.", "avvikelser"),
    ("Avvikelsen var av administrativ karaktär och har rättats.", "mindre_avvikelser"),
])
def test_late_expired_and_graded(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("Fyra konsulter hade för höga behörigheter i lönesystemet.", "avvikelser"),
    ("Ingen användare hade för höga behörigheter.", "inga_avvikelser"),
    ("Simhallens kassahantering fungerar väl. En kassa hade en differens på 50 kr.",
     "mindre_avvikelser"),
])
def test_too_much_access_and_a_small_amount(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("I det stora hela följs attestordningen.", "mindre_avvikelser"),
    ("Granskningen var i huvudsak utan anmärkning.", "mindre_avvikelser"),
    ("Inventeringen visade stora skillnader mot anläggningsregistret.", "avvikelser"),
    ("Tillsynen följde planen med några mindre förseningar.", "mindre_avvikelser"),
    # "som helhet" is no relative clause, and a negation does not reach past a comma
    ("Inga anmärkningar för nämnden som helhet, med undantag av en enhet där attest saknades.",
     "mindre_avvikelser"),
])
def test_qualified_verdicts(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("Det finns inte någon rutin för gallring av personakter.", "avvikelser"),
    ("Tre reseräkningar hade ersatts två gånger.", "avvikelser"),
    ("Inköpen hade godkänts av den som själv beställt dem.", "avvikelser"),
    # a verdict on most is no verdict on the whole: what follows is no "few exceptions"
    ("De flesta beslut var korrekta. Två beslut saknade motivering.", "avvikelser"),
])
def test_missing_routines_double_payments_and_self_approval(text, expected):
    assert classify_text(text).code == expected


def test_according_to_the_routine_with_a_determiner():
    assert classify_text("Fritidsgårdarna hanterar kontanter enligt den beslutade "
                         "rutinen.").code == "inga_avvikelser"
    assert classify_text("Kontanter hanteras inte enligt den beslutade rutinen.").code \
        == "avvikelser"
