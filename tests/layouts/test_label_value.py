"""One two-column label/value table per control."""
from ikextract.layouts import reconstruct
from ikextract.model import Document, TextBlock

from tests.layouts.helpers import make_table


def _doc(items):
    return Document(path="x", source_format="docx", items=items)


def _control(risk, result, extra=()):
    rows = [["Risk", risk], ["Kontrollmoment", "Kontroll av attest."],
            ["Kontrollansvarig", "Ekonomichef"], ["Kontrollfrekvens", "Två gånger per år"],
            ["Riskvärde", "9"], ["Status", "Genomförd"], ["Resultat", result],
            ["Åtgärd", "Påminnelse skickas."], *extra]
    return make_table(rows)


def test_numbered_heading_names_the_control_and_area_comes_from_above():
    items = [TextBlock("1 Ekonomi", kind="heading", level=1),
             TextBlock("1.1 Attest av fakturor", kind="heading", level=2),
             _control("Fakturor attesteras inte.", "3 av 40 saknade attest."),
             TextBlock("1.2 Representation", kind="heading", level=2),
             _control("Representation utan syfte.", "Inga avvikelser.",
                      extra=[["Lagrum", "KL 6 kap."]])]
    rec = reconstruct(_doc(items))
    assert [p.family for p in rec.proposals] == ["label_value", "label_value"]
    first, second = rec.rows
    assert (first.number, first.process, first.area) == ("1.1", "Attest av fakturor", "Ekonomi")
    assert first.risk == "Fakturor attesteras inte." and first.control == "Kontroll av attest."
    assert first.responsible == "Ekonomichef" and first.frequency == "Två gånger per år"
    assert first.risk_value == 9 and first.result == "3 av 40 saknade attest."
    # "Åtgärd" is the comment where Kontrollmoment holds the control
    assert first.comment == "Påminnelse skickas."
    assert first.status_cells == [("Status", "Genomförd")]
    assert first.extra == {"Status": "Genomförd"}
    assert second.extra == {"Status": "Genomförd", "Lagrum": "KL 6 kap."}
    assert any("Kontrollfrekvens" in w and "compound" in w for w in rec.warnings)
    assert any("'Lagrum' not recognised" in w for w in rec.warnings)


def test_a_title_row_spanning_the_table_gives_the_number():
    table = make_table([["Kontrollpunkt 4"], ["Process", "Planavtal"],
                        ["Risk", "Kostnader faktureras inte."], ["Kontrollmoment", "Kontroll."],
                        ["Resultat", "Klart."]], spans={(0, 0): 2})
    rows = reconstruct(_doc([TextBlock("Planarbete", kind="heading", level=1), table])).rows
    assert len(rows) == 1
    assert (rows[0].number, rows[0].process, rows[0].area) == ("4", "Planavtal", "Planarbete")


def test_labelled_paragraphs_after_the_table_belong_to_the_control():
    items = [TextBlock("2.1 Löner", kind="heading", level=2), _control("Fel lön.", "Ok."),
             TextBlock("Kommentar: Följs upp i vår."), TextBlock("Analys: Inget mönster."),
             TextBlock("3 Slutsats", kind="heading", level=1), TextBlock("Allt väl.")]
    rows = reconstruct(_doc(items)).rows
    assert len(rows) == 1
    assert rows[0].comment == "Påminnelse skickas.\nFöljs upp i vår."
    assert rows[0].extra["Analys"] == "Inget mönster."


def test_a_two_column_table_of_other_things_is_not_a_control():
    contacts = make_table([["Namn", "Anna"], ["Telefon", "123"], ["E-post", "a@b.se"]])
    legend = make_table([["Grön", "Inga avvikelser"], ["Gul", "Mindre avvikelser"]])
    assert reconstruct(_doc([contacts, legend])).rows == []


def test_a_sentence_before_the_table_is_not_its_title():
    items = [TextBlock("Ekonomi", kind="heading", level=1),
             TextBlock("Tabellen nedan visar kontrollen."),
             _control("Fel lön.", "Ok.")]
    row = reconstruct(_doc(items)).rows[0]
    assert row.process is None and row.area == "Ekonomi"


def test_a_heading_over_several_tables_is_their_area_and_a_verdict_label_states_status():
    def control(process, verdict):
        return make_table([["Process", process], ["Risk", "Fel sker."],
                           ["Kontrollmoment", "Stickprov."], ["Utfall", verdict],
                           ["Iakttagelser", "Av 50 beslut var 50 rätt."]])
    items = [TextBlock("1 Gymnasieskola", kind="heading", level=1),
             control("Antagning", "Inga avvikelser"), control("Elevhälsa", "Pågår"),
             TextBlock("2 Vuxenutbildning", kind="heading", level=1),
             control("Sfi", "Delvis"), control("Betyg", "Ej genomförd")]
    rec = reconstruct(_doc(items))
    rows = rec.rows
    assert [(r.area, r.number, r.process) for r in rows] == [
        ("Gymnasieskola", None, "Antagning"), ("Gymnasieskola", None, "Elevhälsa"),
        ("Vuxenutbildning", None, "Sfi"), ("Vuxenutbildning", None, "Betyg")]
    assert all(r.result == "Av 50 beslut var 50 rätt." for r in rows)
    assert [r.extra for r in rows] == [{"Utfall": v} for v in
                                       ("Inga avvikelser", "Pågår", "Delvis", "Ej genomförd")]
    assert rows[0].status_cells == [("Utfall", "Inga avvikelser")]
    assert any("'Utfall' read as a status" in w and "'Iakttagelser'" in w for w in rec.warnings)


def test_a_lone_verdict_under_utfall_is_the_result():
    items = [TextBlock("1.1 Attest", kind="heading", level=2),
             make_table([["Risk", "Fel sker."], ["Kontrollmoment", "Stickprov."],
                         ["Utfall", "Inga avvikelser"]])]
    (row,) = reconstruct(_doc(items)).rows
    assert row.result == "Inga avvikelser" and row.extra == {}


def test_tables_printed_as_one_or_cut_at_a_page_break_give_one_row_per_control():
    """A PDF print of borderless label/value tables: two controls' tables read as one table,
    and the second cut at a page break, its last value ending at the top of the next page."""
    first = make_table([["Process", "Antagning"], ["Risk", "Fel antagning."],
                        ["Kontrollmoment", "Stickprov."], ["Iakttagelser", "Inga fel."],
                        ["Process", "Betyg"], ["Risk", "Sena betyg."]], pages=[1] * 6)
    rest = make_table([["Kontrollmoment", "Kontroll av betyg."],
                       ["Iakttagelser", "Vid kontrollen i juni saknades 212 betyg under"]],
                      pages=[2, 2])
    tail = make_table([["", "hela hösten."], ["Förslag till åtgärd", "Påminnelser."]],
                      pages=[3, 3])
    items = [TextBlock("1 Gymnasieskola", kind="heading", level=1), first, rest, tail,
             TextBlock("Analys: Två program stod för förseningarna.")]
    rec = reconstruct(_doc(items))
    assert [p.family for p in rec.proposals] == ["label_value"]
    one, two = rec.rows
    assert (one.area, one.process, one.control, one.result) == (
        "Gymnasieskola", "Antagning", "Stickprov.", "Inga fel.")
    assert (two.area, two.process, two.risk, two.control) == (
        "Gymnasieskola", "Betyg", "Sena betyg.", "Kontroll av betyg.")
    assert two.result == "Vid kontrollen i juni saknades 212 betyg under hela hösten."
    assert two.comment == "Påminnelser." and one.comment is None
    assert two.extra == {"Analys": "Två program stod för förseningarna."} and one.extra == {}
    assert (one.source_page, two.source_page) == (1, 1)


def test_a_heading_above_the_titles_rank_ends_the_control_even_if_it_reads_as_a_label():
    items = [TextBlock("3.2 Introduktion", kind="heading", level=2),
             make_table([["Risk", "Fel sker."], ["Kontrollmoment", "Stickprov."],
                         ["Resultat", "Arbetet pågår."]]),
             TextBlock("Samlad bedömning", kind="heading", level=1),
             TextBlock("Den interna kontrollen bedöms som delvis tillräcklig.")]
    (row,) = reconstruct(_doc(items)).rows
    assert row.extra == {} and row.result == "Arbetet pågår."


def test_titled_borderless_tables_as_a_pdf_gives_them():
    """'Kontrollpunkt N' as a paragraph before the table, or alone in the label column of a
    table joined with the one before it over a page break."""
    def pairs(process):
        return [["Process", process], ["Kontrollmoment", "Stickprov."], ["Resultat", "Inga fel."]]
    joined = make_table(pairs("Lokalbokning") + [["Kontrollpunkt 3", ""]] + pairs("Kassa"))
    items = [TextBlock("Rapport intern kontroll 2022", kind="heading", level=2),
             TextBlock("Kontroller", kind="heading", level=1),
             TextBlock("Kontrollpunkt 1"), make_table(pairs("Bidrag")),
             TextBlock("Kontrollpunkt 2"), joined]
    rows = reconstruct(_doc(items)).rows
    assert [(r.number, r.process) for r in rows] == [("1", "Bidrag"), ("2", "Lokalbokning"),
                                                     ("3", "Kassa")]
    # neither the report's title nor a heading that reads as a label is an area
    assert all(r.area is None for r in rows)


def test_adjacent_tables_starting_with_other_labels_are_still_two_controls():
    one = make_table([["Risk", "Fel sker."], ["Kontrollmoment", "Stickprov."], ["Resultat", "Inga fel."]])
    two = make_table([["Process", "Kassa"], ["Risk", "Svinn."], ["Kontrollmoment", "Inventering."],
                      ["Resultat", "Kassan stämde."]])
    rows = reconstruct(_doc([TextBlock("Ekonomi", kind="heading", level=1), one, two])).rows
    assert [(r.risk, r.result) for r in rows] == [("Fel sker.", "Inga fel."), ("Svinn.", "Kassan stämde.")]
