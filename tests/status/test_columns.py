"""Status columns: finding columns win, progress columns decide only progress codes."""
import pytest

from ikextract.model import ControlRow
from ikextract.status import classify_row
from ikextract.status.columns import (COLUMN_CONFIDENCE, DONE, REFINED_CONFIDENCE, heading_rule,
                                      read_cell)


@pytest.mark.parametrize("heading, text, kind, code", [
    ("Status", "Inga avvikelser", "finding", "inga_avvikelser"),
    ("Status", "Genomförd", "progress", DONE),
    ("Status", "Pågår", "progress", "pagar"),
    ("Status", "Ej påbörjad", "progress", "ej_paborjad"),
    ("Status", "Flyttad", "progress", "ej_utford"),
    ("Avvikelse (Ja/Nej)", "Ja", "finding", "avvikelser"),
    ("Avvikelse (Ja/Nej)", "Nej", "finding", "inga_avvikelser"),
    ("Genomförd (Ja/Nej)", "Ja", "progress", DONE),
    ("Genomförd (Ja/Nej)", "Nej", "progress", "ej_utford"),
    ("Godkänd", "Delvis godkänd", "finding", "mindre_avvikelser"),
    ("Bedömning", "Ej godkänd", "finding", "avvikelser"),
    ("Bedömning", "Godkänd", "finding", "inga_avvikelser"),
    ("Klar", "Ja", "progress", DONE),
    ("Status", "Inga avvikelser noterade vid kontrollen.", "finding", "inga_avvikelser"),
    # a scanned or abbreviated value is the value (read on the rules' repaired words)
    ("Status", "Ej påbörjacl", "progress", "ej_paborjad"),
    ("Läge", "Pä- går", "progress", "pagar"),
    ("Status", "Ej genomf.", "progress", "ej_utford"),
    ("Bedömning", "Inqa avvikelser", "finding", "inga_avvikelser"),
    # an approval with a remark is approval with minor deviations
    ("Bedömning", "Godkänd med anmärkningar", "finding", "mindre_avvikelser"),
    ("Resultat", "Underkända", "finding", "avvikelser"),
])
def test_heading_and_value_say_the_kind(heading, text, kind, code):
    cell = read_cell(heading, text)
    assert (cell.kind, cell.code) == (kind, code)


def test_yes_under_a_heading_that_says_nothing_is_ignored():
    assert read_cell("Status", "Ja") is None
    assert heading_rule("Följer plan").yes == "inga_avvikelser"


def test_genomford_column_with_a_result_reporting_deviations_is_a_deviation():
    row = ControlRow(status_cells=[("Genomförd", "Ja")],
                     result="7 av 40 granskade fakturor saknade attest.")
    d = classify_row(row)
    assert d.code == "avvikelser"
    assert "7 av 40" in d.evidence and "Genomförd" in d.evidence
    row = ControlRow(status_text="Genomförd",
                     result="Mindre avvikelser kvarstår gällande sen attest.")
    assert classify_row(row).code == "mindre_avvikelser"


def test_genomford_column_with_a_silent_result_is_not_an_all_clear():
    d = classify_row(ControlRow(status_cells=[("Status", "Genomförd")]))
    assert d.code == "okand" and "Genomförd" in d.evidence
    d = classify_row(ControlRow(status_cells=[("Status", "Genomförd")],
                                result="Kontrollen är genomförd utan anmärkning."))
    assert d.code == "inga_avvikelser"


def test_progress_column_not_done_decides():
    row = ControlRow(status_cells=[("Genomförd (Ja/Nej)", "Nej")],
                     result="Stickprov har inte tagits.")
    assert classify_row(row).code == "ej_utford"
    row = ControlRow(status_cells=[("Status", "Pågår")], result="Inga avvikelser hittills.")
    assert classify_row(row).code == "pagar"


def test_finding_column_wins_over_result_and_progress():
    row = ControlRow(status_cells=[("Genomförd", "Ja"), ("Avvikelse (Ja/Nej)", "Ja")],
                     result="Kontrollen är genomförd.")
    d = classify_row(row)
    assert d.code == "avvikelser" and d.evidence == "column 'Avvikelse (Ja/Nej)': Ja"


def test_finding_column_against_the_result_lowers_confidence():
    row = ControlRow(status_cells=[("Status", "Inga avvikelser")],
                     result="Av 60 kontrollerade verifikationer saknade 5 attest.")
    d = classify_row(row)
    assert d.code == "inga_avvikelser"            # the column wins (contract) ...
    assert d.confidence <= 0.6 and "conflicts with result" in d.evidence   # ... unsure


def test_two_finding_columns_disagreeing_give_the_deviation():
    row = ControlRow(status_cells=[("Godkänd", "Ja"), ("Avvikelse (Ja/Nej)", "Ja")])
    d = classify_row(row)
    assert d.code == "avvikelser" and d.confidence <= 0.6


def test_follows_plan_ja_yields_to_a_result_reporting_deviations():
    row = ControlRow(follows_plan=True, result="Avvikelser identifierades i attesthanteringen.")
    assert classify_row(row).code == "avvikelser"
    row = ControlRow(follows_plan=True, comment="Arbetet pågår enligt plan.")
    assert classify_row(row).code == "inga_avvikelser"
    row = ControlRow(follows_plan=False, result="Mindre avvikelser.")
    assert classify_row(row).code == "mindre_avvikelser"


@pytest.mark.parametrize("text, code", [
    ("Ej påbörjad (röd)", "ej_paborjad"),
    ("pågår [gult]", "pagar"),
    ("Grön – inga brister", "inga_avvikelser"),
])
def test_the_words_of_a_cell_win_over_its_colour(text, code):
    assert read_cell("Status", text).code == code


def test_a_colour_with_only_a_filler_word_is_still_the_colour():
    cell = read_cell("Status", "Röd markering")
    assert cell.code == "avvikelser" and cell.confidence < 0.9


@pytest.mark.parametrize("text, code", [
    ("Kontroll OK", "inga_avvikelser"),
    ("Granskning pågår", "pagar"),
    ("Stickprov ej påbörjat", "ej_paborjad"),
    ("Kontrollmomentet utgår", "ej_utford"),
])
def test_a_value_after_the_control_it_is_said_of(text, code):
    assert read_cell("Status", text).code == code


def test_an_answer_after_a_control_noun_answers_nothing():
    assert read_cell("Status", "Kontroll ja") is None


def test_a_colour_without_a_usual_meaning_needs_the_legend():
    from ikextract.status.legend import LegendEntry
    assert read_cell("Status", "Grå") is None
    legend = {"grå": LegendEntry("grå", "ej_paborjad", "progress", "ej påbörjad")}
    assert read_cell("Status", "Grått", legend).code == "ej_paborjad"
    assert read_cell("Status", "Rödmarkerad").code == "avvikelser"


@pytest.mark.parametrize("heading, text, code", [
    ("OK (Ja/Nej)", "Nej", "avvikelser"),          # the word "ok" in the heading is no all-clear
    ("Fungerar (Ja/Nej)", "Nej", "avvikelser"),
    ("Problem", "Nej", "inga_avvikelser"),         # no problem, not a problem
    ("Underlag saknas (Ja/Nej)", "Ja", "avvikelser"),
    ("Noteringar", "Inga", "inga_avvikelser"),
    ("Synpunkter", "Ja", "avvikelser"),
    ("Stämmer mot avtal", "Nej", "avvikelser"),
])
def test_a_heading_says_what_yes_and_no_answer(heading, text, code):
    assert read_cell(heading, text).code == code


def test_a_label_and_its_answer_written_out_in_a_text():
    from ikextract.status import classify_text
    assert classify_text("Rätt belopp utbetalt (Ja/Nej): Nej").code == "avvikelser"
    assert classify_text("Problem: nej").code == "inga_avvikelser"


def test_a_heading_only_ok_is_one_a_sentence_with_ok_is_not():
    assert heading_rule("OK (Ja/Nej)").yes == "inga_avvikelser"
    assert heading_rule("Ok med mindre reservation").kind == "any"


@pytest.mark.parametrize("heading, text, code, kind", [
    ("Avvikelse (Ja/Nej)", "Ja, av mindre karaktär", "mindre_avvikelser", "finding"),
    ("Avvikelse (Ja/Nej)", "Ja (ringa)", "mindre_avvikelser", "finding"),
    ("Genomförd (Ja/Nej)", "Nej, pågår", "pagar", "progress"),
    ("Genomförd (Ja/Nej)", "Nej, ej påbörjad", "ej_paborjad", "progress"),
])
def test_a_columns_answer_is_refined_by_the_words_beside_it(heading, text, code, kind):
    # the same refinement a result written as a label gets (labels.py reads through read_cell)
    cell = read_cell(heading, text)
    assert (cell.code, cell.kind) == (code, kind)
    assert cell.confidence == REFINED_CONFIDENCE < COLUMN_CONFIDENCE


@pytest.mark.parametrize("heading, text, code", [
    ("Avvikelse (Ja/Nej)", "Ja", "avvikelser"),
    ("Avvikelse (Ja/Nej)", "Ja, se kommentar", "avvikelser"),
    ("Genomförd (Ja/Nej)", "Nej", "ej_utford"),
    ("Avvikelse (Ja/Nej)", "Nej, inga avvikelser", "inga_avvikelser"),
])
def test_an_answer_the_words_do_not_refine_stays(heading, text, code):
    cell = read_cell(heading, text)
    assert cell.code == code and cell.confidence == COLUMN_CONFIDENCE


def test_a_row_whose_deviation_column_grades_its_yes_minor_is_minor():
    d = classify_row(ControlRow(status_cells=[("Avvikelse (Ja/Nej)", "Ja, av mindre karaktär")]))
    assert d.code == "mindre_avvikelser" and "Avvikelse" in d.evidence
