"""Column headings mapped by words, then checked and completed by the column's content."""
from ikextract.layouts import reconstruct
from ikextract.layouts.columns import find_header
from ikextract.layouts.vocabulary import STATUS, STATUS_CELL
from ikextract.model import Document

from tests.layouts.helpers import make_table


def _rows(table):
    return reconstruct(Document(path="x", source_format="docx", items=[table]))


def test_unknown_headings_read_by_compound_and_content():
    t = make_table([
        ["Nr", "Del", "Kontrollaktivitet", "Kontrollansvarig", "Kontrollfrekvens", "Summa",
         "Genomförd (Ja/Nej)", "Utfall"],
        ["1", "Ekonomi", "Kontroll av fakturor", "Controller", "Två gånger per år", "9", "Ja", "Ok."],
        ["2", "Ekonomi", "Kontroll av kundfordringar", "Ekonom", "Varje kvartal", "6", "Nej", "Ej gjord."],
        ["3", "Personal", "Kontroll av löner", "HR-chef", "Månadsvis", "12", "Ja", "Två fel."],
    ])
    cmap = find_header(t)
    assert cmap.fields == {0: "number", 1: "area", 2: "control", 3: "responsible",
                           4: "frequency", 5: "risk_value", 6: STATUS_CELL, 7: "result"}
    rec = _rows(t)
    first = rec.rows[0]
    assert (first.area, first.frequency, first.risk_value) == ("Ekonomi", "Två gånger per år", 9)
    assert first.risk_level is None
    assert first.status_cells == [("Genomförd (Ja/Nej)", "Ja")]
    assert first.extra == {"Genomförd (Ja/Nej)": "Ja"}
    reasons = " ".join(rec.warnings)
    for heading in ("Del", "Kontrollfrekvens", "Summa", "Genomförd (Ja/Nej)"):
        assert f"column '{heading}' read as" in reasons
    assert "column 'Kontrollaktivitet'" not in reasons      # the vocabulary knows it


def test_a_risk_level_heading_over_integers_is_a_risk_value():
    t = make_table([["Risk", "Riskbedömning", "Kontrollmoment"],
                    ["Fel", "6", "K1"], ["Brist", "12", "K2"]])
    rows = _rows(t).rows
    assert [r.risk_value for r in rows] == [6, 12] and rows[0].risk_level is None


def test_an_assessment_of_findings_is_a_status_and_of_risks_a_level():
    verdicts = make_table([["Kontrollmoment", "Iakttagelser", "Bedömning"],
                           ["K1", "Allt rätt.", "Godkänd"], ["K2", "Fel.", "Ej godkänd"]])
    row = _rows(verdicts).rows[0]
    assert row.risk_level is None and row.status_cells == [("Bedömning", "Godkänd")]
    levels = make_table([["Risk", "Bedömning", "Kontrollmoment"],
                         ["Fel", "Hög", "K1"], ["Brist", "Medel", "K2"]])
    assert [r.risk_level for r in _rows(levels).rows] == ["Hög", "Medel"]


def test_colours_are_a_status_where_the_table_rates_no_risks():
    t = make_table([["Verksamhet", "Granskningsområde", "Kontrollmoment", "Iakttagelser",
                     "Bedömning"],
                    ["Bibliotek", "Medieinköp", "K1", "Ok.", "Grön"],
                    ["Bibliotek", "Kassa", "K2", "Fel.", "Röd"],
                    ["Fritid", "Bidrag", "K3", "Fel.", "Gul"]])
    rows = _rows(t).rows
    assert [(r.area, r.process) for r in rows] == [("Bibliotek", "Medieinköp"),
                                                   ("Bibliotek", "Kassa"), ("Fritid", "Bidrag")]
    assert rows[1].status_cells == [("Bedömning", "Röd")] and rows[1].risk_level is None


def test_a_date_column_under_words_like_a_field_stays_in_extra():
    t = make_table([["Nr", "Kontrollmoment", "Kontrollansvarig datum", "Resultat"],
                    ["1", "K1", "2024-03-31", "Ok."], ["2", "K2", "2024-06-30", "Ok."]])
    row = _rows(t).rows[0]
    assert row.responsible is None and row.extra == {"Kontrollansvarig datum": "2024-03-31"}


def test_a_label_value_pair_is_not_a_header():
    t = make_table([["Process", "Bygglovshantering"], ["Risk", "Sena beslut."]])
    assert find_header(t) is None


def test_a_result_column_named_in_other_words_and_roles_in_compounds():
    t = make_table([["Nr", "Kontrollmoment", "Vem", "Noteringar från kontrollen"],
                    ["1", "Kontroll av fakturor", "Gatuchef",
                     "Stickprov på 30 fakturor visade att samtliga var korrekta."],
                    ["2", "Kontroll av avtal", "VA-chef",
                     "Två av tio avtal saknade underskrift och har kompletterats."]])
    rec = _rows(t)
    assert [r.responsible for r in rec.rows] == ["Gatuchef", "VA-chef"]
    assert rec.rows[0].result.startswith("Stickprov") and rec.rows[0].comment is None
    assert any("'Noteringar från kontrollen' read as result" in w for w in rec.warnings)


def test_only_a_status_column_fills_status_text():
    t = make_table([["Kontrollmoment", "Status", "Avvikelse (Ja/Nej)", "Resultat"],
                    ["K1", "Klar", "Nej", "Ok."], ["K2", "Pågår", "Ja", "Fel."]])
    row = _rows(t).rows[0]
    assert row.status_text == "Klar"          # as before: the Status column only
    assert row.status_cells == [("Status", "Klar"), ("Avvikelse (Ja/Nej)", "Nej")]
