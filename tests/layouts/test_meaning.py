"""Headings and labels read by meaning: vocabulary, folded forms, stems, compound heads,
near spellings, and the column's content."""
import pytest

from ikextract.layouts.meaning import (content_meaning, heading_meaning, is_date,
                                       is_risk_level_text, label_meaning)
from ikextract.layouts.vocabulary import STATUS, STATUS_CELL


@pytest.mark.parametrize("heading, field, how", [
    ("Kontrollmoment", "control", "vocabulary"),
    ("KONTROLLMOMENT:", "control", "vocabulary"),
    ("Atgard", "control", "folded"),                      # no diacritics
    ("Iakttagelserna", "result", "stem"),                  # definite plural
    ("Kontrollfrekvens", "frequency", "compound"),         # head "frekvens"
    ("Granskningsområde", "area", "compound"),             # head "område"
    ("Åtgärdsansvarig", "responsible", "compound"),        # head "ansvarig"
    ("Uppföljningsresultat", "result", "compound"),
    ("Kontrollmomet", "control", "fuzzy"),                 # a letter lost (OCR)
    ("Kontrollinsats", "control", "compound"),             # known first part
    ("Resultatbeskrivning", "result", "compound"),
    ("Hur?", "method", "question"),                        # the question word decides
    ("Vem?", "responsible", "question"),
    ("Hur ofta?", "frequency", "question"),
    ("Vad ska kontrolleras?", "control", "question"),
    ("Hur har kontrollen gjorts", "method", "question"),   # not "kontroll" -> control
    ("Vad visade kontrollen", "result", "question"),       # a verb of finding after "vad"
    ("Vad kom fram", "result", "question"),
    ("Hur gick det?", "result", "question"),               # how it went: the finding
    ("Vad behöver göras?", "comment", "question"),
    ("Risk-bedömning", "risk_level", "vocabulary"),        # a hyphen in a narrow cell
    ("Risk-värde", "risk_value", "vocabulary"),
    ("Behov av åtgärder", "comment", "vocabulary"),
])
def test_heading_words_map_by_meaning(heading, field, how):
    m = heading_meaning(heading)
    assert m is not None and m.field == field and m.how == how
    assert m.from_vocabulary == (how == "vocabulary")
    if how != "vocabulary":
        assert m.reason      # said in the warnings so a user can add a TSV line


@pytest.mark.parametrize("heading", ["Lagrum", "Koppling till mål", "Sida", "Datum", "Nr x"])
def test_words_of_no_field_stay_unknown(heading):
    assert heading_meaning(heading) is None


def test_a_short_word_is_not_matched_fuzzily():
    # "Period" is one letter from nothing useful and far from "Metod": no guess.
    assert heading_meaning("Period") is None


def test_label_meaning_prefers_the_paragraph_labels():
    assert label_meaning("Resultat").field == "result"
    assert label_meaning("Status").field == STATUS
    assert label_meaning("Vidtagna åtgärder").field == "comment"


def test_yes_no_column_is_follows_plan_only_under_a_plan_heading():
    values = ["Ja", "Nej", "Ja"]
    assert content_meaning("Enligt tidplan?", values, set()).field == "follows_plan"
    m = content_meaning("Genomförd (J/N)", values, set())
    assert m.field == STATUS_CELL and "Ja/Nej" in m.reason


def test_small_integers_are_a_risk_value_not_a_level():
    assert content_meaning("Poängsumma", ["6", "9", "12", "16"], set()).field == "risk_value"
    assert content_meaning("Poängsumma", ["6", "9", "120"], set()) is None   # not 1..25


def test_colour_words_state_a_status():
    assert content_meaning("Färg", ["Grön", "Gul", "Röd"], set()).field == STATUS_CELL


def test_frequency_phrases_roles_and_areas_by_content():
    freq = ["En gång per år", "Månadsvis", "Varje kvartal", "Löpande"]
    assert content_meaning("När?", freq, set()).field == "frequency"
    assert content_meaning("När?", freq, {"frequency"}) is None        # already held
    roles = ["Ekonomichef", "HR-avdelningen", "Enhetschef", "Controller"]
    assert content_meaning("Vem", roles, set()).field == "responsible"
    areas = ["Ekonomi", "Ekonomi", "Personal", "Personal"]
    assert content_meaning("Del", areas, set()).field == "area"


def test_dates_map_to_no_field():
    assert is_date("2024-03-31") and is_date("31 mars 2024") and not is_date("Mars är kall")
    assert content_meaning("Klart", ["2024-03-31", "2024-06-30", "2024-12-31"], set()) is None


def test_risk_level_words():
    assert is_risk_level_text("Hög") and is_risk_level_text("Mycket hög")
    assert not is_risk_level_text("Godkänd")
    assert is_risk_level_text("Röd", colours=True) and not is_risk_level_text("Röd")


def test_free_text_under_an_unknown_heading_is_the_result_only_where_none_is():
    from ikextract.layouts.meaning import free_text_meaning
    text = ["Stickprov på 30 fakturor visade att två saknade attest.",
            "Kontrollen är genomförd utan anmärkning i samtliga fall."]
    assert free_text_meaning(text, {"control"}).field == "result"
    assert free_text_meaning(text, {"control", "result"}) is None
    assert free_text_meaning(["KL 6 kap.", "SoL"], {"control"}) is None


def test_progress_words_state_a_status_not_an_area():
    m = content_meaning("Läge", ["Klar", "Pågår", "Klar", "Ej påbörjad"], set())
    assert m.field == STATUS_CELL


def test_a_short_verb_after_vad_matches_whole_words_only():
    # "kom" (came) names a finding, "kommunen" does not
    assert heading_meaning("Vad ska kommunen granska").field == "control"
