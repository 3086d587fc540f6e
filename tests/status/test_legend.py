"""The report's own colour legend decides what a colour word in a status column means."""
from ikextract.model import Cell, ControlRow, Document, Table, TextBlock
from ikextract.status import apply, classify_row
from ikextract.status.legend import colour_of, find_legend


def _table(rows):
    return Table(rows=[[Cell(t, r, c) for c, t in enumerate(row)] for r, row in enumerate(rows)])


def test_legend_table():
    doc = Document("x.docx", "docx", items=[
        TextBlock("Teckenförklaring", kind="heading"),
        _table([["Grön", "Inga avvikelser"], ["Gul", "Mindre avvikelser"],
                ["Röd", "Väsentliga avvikelser"]])])
    legend = find_legend(doc)
    assert {c: e.code for c, e in legend.items()} == {
        "grön": "inga_avvikelser", "gul": "mindre_avvikelser", "röd": "avvikelser"}


def test_legend_paragraph_with_progress_meanings():
    doc = Document("x.pdf", "pdf", items=[TextBlock(
        "Grön = Genomförd utan anmärkning, Gul = Pågår, Röd = Ej genomförd")])
    legend = find_legend(doc)
    assert legend["grön"].code == "inga_avvikelser"
    assert (legend["gul"].kind, legend["gul"].code) == ("progress", "pagar")
    assert (legend["röd"].kind, legend["röd"].code) == ("progress", "ej_utford")


def test_legend_is_applied_to_a_colour_column():
    doc = Document("x.pdf", "pdf", items=[TextBlock(
        "Färgmarkering: Grönt: inga avvikelser. Gult: pågår. Rött: väsentliga brister.")])
    legend = find_legend(doc)
    row = ControlRow(status_cells=[("Status", "Gul")], result="Inga avvikelser hittills.")
    out = apply([row], legend=legend)[0]
    assert out.status == "pagar"
    assert "legend: gul" in out.status_evidence
    # without the legend, yellow keeps its usual meaning, less sure
    d = classify_row(row)
    assert d.code == "mindre_avvikelser" and d.confidence < 0.9


def test_a_control_table_with_a_colour_column_is_not_a_legend():
    doc = Document("x.docx", "docx", items=[_table(
        [["Kontroll", "Status"], ["Attest", "Grön"], ["Kassa", "Röd"], ["Avtal", "Grön"]])])
    assert find_legend(doc) == {}


def test_colour_of_short_cells_only():
    assert colour_of("Röd") == "röd" and colour_of("Grönt.") == "grön"
    assert colour_of("Den röda tråden i arbetet är tydlig") is None


def test_a_legend_may_give_grey_and_white_a_meaning():
    from ikextract.status.legend import _pairs_in_text, legend_from_pairs
    legend = legend_from_pairs(_pairs_in_text(
        "Grön = klar utan avvikelser, Grå = ej påbörjad, Vit = utgår"))
    assert legend["grå"].code == "ej_paborjad"
    assert legend["vit"].code == "ej_utford"
