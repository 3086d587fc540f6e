"""Families found on heldout_v3: a control dropped from the plan ("utgår på grund av",
"blev inte av", "Struken"), short forms with their dot inside a phrase ("Utg. enl."), and a
control point written as "Kontroll av att ..." (what is checked, never an all-clear)."""
import pytest

from ikextract.status import classify_text


def code(text):
    return classify_text(text).code


@pytest.mark.parametrize("text", [
    "Utgår på grund av sjukskrivningar.",
    "Kontrollen utgick eftersom systemet byttes ut.",
    "Utgår då underlag saknas.",
    "Momentet stryks enligt beslut i nämnden.",
    "Granskningen av leasingavtal har utgått.",
    "Stickprovet under hösten blev aldrig av.",
    "Uppföljningen har inte blivit av på grund av sjukdom.",
    "Struket",
    "Utg. enl. beslut i ledningsgruppen",
])
def test_a_dropped_control_is_not_carried_out(text):
    assert code(text) == "ej_utford"


def test_a_short_form_dot_does_not_cut_the_phrase():
    assert code("Pgr. enl. plan") == "pagar"


@pytest.mark.parametrize("text", [
    "Kontroll av att leverantörsfakturor attesteras enl. attestordningen",
    "Att kontrollera att beslut fattas inom lagstadgad tid.",
    "Uppföljning av att brandronder genomförs på alla förskolor.",
])
def test_a_control_point_is_not_an_all_clear(text):
    assert code(text) != "inga_avvikelser"


def test_a_result_after_the_control_point_still_counts():
    assert code("Kontroll av att fakturor attesteras. Resultatet visar att rutinen följs.") \
        == "inga_avvikelser"


@pytest.mark.parametrize("text, expected", [
    ("Ej p\ufffdb\ufffdrjad", "ej_paborjad"),
    ("Arbetet p\ufffdg\ufffdr enligt plan", "pagar"),
    ("Inga anm?rkningar i stickproven", "inga_avvikelser"),
    ("Rutinen f\ufffdljs inte", "avvikelser"),
])
def test_text_read_in_the_wrong_code_page(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text", [
    "Kontrollen utförs därför inte.",
    "Granskningen genomförs tyvärr inte i år.",
])
def test_not_carried_out_with_an_adverb_between(text):
    assert code(text) == "ej_utford"


@pytest.mark.parametrize("text, expected", [
    ("Ej påbörjad. Inget att rapportera.", "ej_paborjad"),
    ("Inte påbörjad, startar i mars. Inga avvikelser att rapportera ännu.", "ej_paborjad"),
    ("Inget att rapportera.", "inga_avvikelser"),
    ("Kontrollen genomförd. Inga avvikelser att rapportera.", "inga_avvikelser"),
])
def test_nothing_to_report_beside_a_control_not_started(text, expected):
    assert code(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a result after a report verb is not the control point ("Kontroll av att ... visade att")
    ("Kontroll av att delegationsbeslut anmäls visade att inga fel fanns.", "inga_avvikelser"),
    ("Kontrollen av att fakturor attesteras visade att rutinen följs.", "inga_avvikelser"),
    ("Kontroll av att bisysslor anmäls visade att 4 av 30 saknade anmälan.", "avvikelser"),
])
def test_a_result_reported_after_the_control_point(text, expected):
    assert code(text) == expected
