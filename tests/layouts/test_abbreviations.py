"""Abbreviated headings spelled out where the report explains them."""
from ikextract.layouts.abbreviations import legend, spell_out_labels
from ikextract.model import ControlRow, Document, TextBlock


def _doc(*texts):
    return Document(path="x", source_format="docx", items=[TextBlock(t) for t in texts])


def test_the_legend_reads_word_then_letter_and_letter_equals_word():
    doc = _doc("Nämnden har bedömt sannolikhet (S) och konsekvens (K) för varje risk.",
               "R = riskvärde", "Kontroll (ett kontrollmoment genomförs), Åtgärd (AB)")
    assert legend(doc) == {"S": "Sannolikhet", "K": "Konsekvens", "R": "Riskvärde"}


def test_extra_labels_are_spelled_out_in_order_and_the_text_kept():
    doc = _doc("Nämnden har bedömt sannolikhet (S) och konsekvens (K).")
    row = ControlRow(risk="Kassan stämmer inte", extra={"S": "3", "Lagrum": "KL", "K": "4"})
    warnings = spell_out_labels(doc, [row])
    assert list(row.extra.items()) == [("Sannolikhet", "3"), ("Lagrum", "KL"), ("Konsekvens", "4")]
    assert len(warnings) == 2 and "'S' labelled 'Sannolikhet'" in warnings[1]


def test_unexplained_abbreviations_stay_as_printed():
    row = ControlRow(extra={"S": "3"})
    assert spell_out_labels(_doc("Ingen förklaring här."), [row]) == [] and row.extra == {"S": "3"}
