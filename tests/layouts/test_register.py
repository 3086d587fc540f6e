from ikextract.layouts import reconstruct
from ikextract.model import Document, TextBlock

from tests.layouts.helpers import make_table


def test_register_and_sections_give_one_row_per_risk():
    register = make_table([["Risk", "Hantering", "Bedömning"],
                           ["Bristande rättssäkerhet", "Granskning", "Medel"],
                           ["Brister i GDPR", "Åtgärd", "Medel"],
                           ["(G) Driftverksamheten tvingas prioritera.", "Granskning", "Högrisk"]])
    reviews = make_table([["Risk", "Granskning", "Uppföljning av granskning"],
                          ["Bristande rättssäkerhet", "Kontroll av bedömning.", "Avvikelse i två fall."],
                          ["(G) Driftverksamheten tvingas prioritera.", "Följa kostnader.", "Inom budget."]])
    actions = make_table([["Risk", "Åtgärd", "Uppföljning av åtgärder"],
                          ["Brister i GDPR", "Utbildning.", "Genomförd."]])
    items = [TextBlock("Prioriterade risker"), register,
             TextBlock("3.1 Granskningar", kind="heading", level=2), reviews,
             TextBlock("3.2 Åtgärder", kind="heading", level=2), actions]
    rows = reconstruct(Document(path="x", source_format="docx", items=items)).rows
    assert [r.risk for r in rows] == ["Bristande rättssäkerhet", "Brister i GDPR",
                                      "Driftverksamheten tvingas prioritera."]
    assert [r.handling for r in rows] == ["Granskning", "Åtgärd", "Granskning"]
    assert [r.risk_level for r in rows] == ["Medel", "Medel", "Högrisk"]
    assert [r.control for r in rows] == ["Kontroll av bedömning.", "Utbildning.", "Följa kostnader."]
    assert [r.result for r in rows] == ["Avvikelse i två fall.", "Genomförd.", "Inom budget."]
    assert all(r.area is None for r in rows)


def test_sections_in_labelled_paragraphs_fold_into_the_register():
    register = make_table([["Risk", "Hanteringsform", "Riskbedömning"],
                           ["Brister i läkemedelshanteringen inom hemtjänsten", "Kontroll", "Hög"],
                           ["(K) Otillräcklig kontinuitet i hemtjänsten", "Åtgärd", "Medel"]])
    items = [TextBlock("Prioriterade risker", bold=True), register,
             TextBlock("3 Resultat per risk", kind="heading", level=1),
             TextBlock("Läkemedelshantering", kind="heading", level=3),
             TextBlock("Kontroll: Granskning av signeringslistor."),
             TextBlock("Resultat: 14 av 120 listor saknade signering."),
             TextBlock("(K) Otillräcklig kontinuitet i hemtjänsten", kind="heading", level=3),
             TextBlock("Åtgärd: Planeringsverktyg."), TextBlock("Uppföljning: Arbetet pågår.")]
    rec = reconstruct(Document(path="x", source_format="docx", items=items))
    assert [p.family for p in rec.proposals] == ["register"]
    first, second = rec.rows
    assert first.control == "Granskning av signeringslistor."
    assert first.result == "14 av 120 listor saknade signering."
    assert first.risk == "Brister i läkemedelshanteringen inom hemtjänsten"
    assert second.risk == "Otillräcklig kontinuitet i hemtjänsten"
    assert second.control == "Planeringsverktyg." and second.result == "Arbetet pågår."
    assert second.extra == {"Markering": "K"}


def test_a_register_may_name_who_is_responsible():
    register = make_table([["Risk", "Riskvärde", "Ansvarig"],
                           ["Felaktiga utbetalningar", "12", "Ekonomichef"],
                           ["Brister i arkivering", "6", "Registrator"]])
    section = make_table([["Risk", "Kontroll", "Resultat av kontroll"],
                          ["Felaktiga utbetalningar", "Stickprov.", "Två fel."],
                          ["Brister i arkivering", "Genomgång.", "Inga avvikelser."]])
    items = [register, TextBlock("Kontroller", kind="heading", level=2), section]
    rows = reconstruct(Document(path="x", source_format="docx", items=items)).rows
    assert [(r.risk_value, r.responsible, r.control) for r in rows] == [
        (12, "Ekonomichef", "Stickprov."), (6, "Registrator", "Genomgång.")]


def test_sections_titled_risk_n_dash_text_fold_into_the_numbered_register():
    register = make_table([["Nr", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Hantering"],
                           ["1", "Felaktiga utbetalningar", "3", "4", "12", "Kontroll"],
                           ["2", "Brister i arkivering", "2", "3", "6", "Kontroll"],
                           ["3", "Otillåten påverkan", "2", "4", "8", "Kontroll"]])
    items = [register, TextBlock("4 Uppföljning per risk", kind="heading", level=2)]
    for n, risk in [(1, "Felaktiga utbetalningar"), (2, "Brister i arkivering"),
                    (3, "Otillåten påverkan")]:
        items += [TextBlock(f"Risk {n} – {risk}", kind="heading", level=3),
                  TextBlock("Kontroll: Stickprov."), TextBlock("Resultat: Inga fel.")]
    rec = reconstruct(Document(path="x", source_format="docx", items=items))
    assert [p.family for p in rec.proposals] == ["register"]
    assert [(r.number, r.risk, r.area) for r in rec.rows] == [
        ("1", "Felaktiga utbetalningar", None), ("2", "Brister i arkivering", None),
        ("3", "Otillåten påverkan", None)]
    # small integers are no area names: Sannolikhet stays in extra under its heading
    assert rec.rows[0].extra == {"Sannolikhet": "3", "Konsekvens": "4"}
    assert all(r.control == "Stickprov." and r.result == "Inga fel." for r in rec.rows)
