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


def test_ingest_applies_the_reports_own_legend(tmp_path):
    # end to end: a DOCX whose legend makes yellow "under way" and red "not done"; without
    # the legend they would read as minor and major deviations
    import docx

    from ikextract.pipeline import extract_file
    d = docx.Document()
    d.add_heading("Uppföljning av internkontrollplan 2024", 0)
    d.add_paragraph("Kultur- och fritidsnämnden, Exempelby kommun")
    d.add_heading("Teckenförklaring", 2)
    legend = d.add_table(rows=3, cols=2)
    for r, (colour, meaning) in enumerate([("Grön", "Genomförd utan avvikelser"),
                                           ("Gul", "Pågår"), ("Röd", "Ej genomförd")]):
        legend.cell(r, 0).text, legend.cell(r, 1).text = colour, meaning
    d.add_heading("Kontroller", 2)
    rows = [("Kontrollmoment", "Metod", "Status", "Kommentar"),
            ("Attest av leverantörsfakturor", "Stickprov 20 fakturor", "Gul", ""),
            ("Föreningsbidrag enligt regelverk", "Genomgång av beslut", "Röd", ""),
            ("Kassahantering i simhallen", "Kassainventering", "Grön", "")]
    table = d.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.save(tmp_path / "ik.docx")
    report = extract_file(tmp_path / "ik.docx")
    assert [c.status for c in report.controls] == ["pagar", "ej_utford", "inga_avvikelser"]
    assert all("legend:" in c.status_evidence for c in report.controls)


def test_a_row_the_stage_fails_on_is_okand_with_a_warning(monkeypatch):
    from ikextract.status import classify
    real = classify.decide_rows

    def fragile(rows, legend=None):
        if any(r.result == "boom" for r in rows):
            raise ValueError("odd cell")
        return real(rows, legend)
    monkeypatch.setattr(classify, "decide_rows", fragile)
    warnings: list = []
    out = classify.apply([ControlRow(result="Inga avvikelser."), ControlRow(result="boom")],
                         warnings=warnings)
    assert out[0].status == "inga_avvikelser"
    assert out[1].status == "okand" and out[1].status_confidence == 0.0
    assert warnings and "row 2" in warnings[0] and "ValueError" in warnings[0]
