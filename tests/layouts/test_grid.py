from ikextract.layouts import reconstruct
from ikextract.layouts.columns import find_header
from ikextract.layouts.grid import sub_risk_letter, table_rows
from ikextract.model import ControlRow, Document, TextBlock

from tests.layouts.helpers import make_table

HEADER = ["Nr", "Process/rutin/system", "Kontrollmoment", "Kontrollmetod och avgränsning",
          "Resultat av kontroll", "Åtgärd"]


def test_header_words_map_to_fields_not_positions():
    t = make_table([["Åtgärd", "Resultat av kontroll", "Kontrollmoment", "Nr"], ["x", "y", "z", "1"]])
    cmap = find_header(t)
    assert cmap.fields == {0: "comment", 1: "result", 2: "control", 3: "number"}


def test_category_rows_become_area_and_continuations_join():
    t = make_table([
        HEADER,
        ["Verksamhet och organisation"],
        ["1", "Ansökan", "Kontroll av att", "Stickprov", "Inga avvikelser.", ""],
        ["2", "Årshjul", "Kontroll av årshjul", "Stickprov på", "Resultatet visar att", ""],
        ["", "", "", "", "det saknas en koppling.", ""],
        ["Ekonomi"],
        ["3", "Representation", "Stickprov", "Kontroll", "Rutinen följs.", "Ny rutin."],
        ["", "", "", "", "Nästa stycke.", ""],
    ], spans={(1, 0): 6, (5, 0): 6})
    rows = table_rows(t, find_header(t), 0)
    assert [r.number for r in rows] == ["1", "2", "3"]
    assert [r.area for r in rows] == ["Verksamhet och organisation", "Verksamhet och organisation", "Ekonomi"]
    assert rows[1].result == "Resultatet visar att det saknas en koppling."
    assert rows[2].result == "Rutinen följs.\nNästa stycke."
    assert rows[2].comment == "Ny rutin."


def test_bold_category_in_first_text_column_without_span():
    t = make_table([HEADER, ["", "Personal", "", "", "", ""],
                    ["7", "SAM", "Kontroll", "Stickprov", "7 av 8 chefer.", ""]], bold={(1, 1)})
    rows = table_rows(t, find_header(t), 0)
    assert len(rows) == 1 and rows[0].area == "Personal"


def test_sub_risks_share_merged_process_cell():
    header = ["Ansvarsområde/process", "Risk", "Risk-\nvärde", "Befintliga åtgärder/kontrollmoment",
              "Ställningstagande av hantering (planering)", "Följer plan:", "Kommentar:"]
    t = make_table([
        header,
        ["Kompetens (HR)", "a) Risk att inte behålla", "9", "a) Planer", "a) Hanteras", "Ja", "Ok."],
        ["", "b) Risk att inte rekrytera", "9", "b) Search", "b) Varumärke", "Nej", "Delvis."],
        ["Exploatering", "Risk att politisk intention", "8", "Agenda 2030", "Hanteras", "Ja", "Bra."],
    ], vmerge={(2, 0)})
    rows = table_rows(t, find_header(t), 0)
    assert [r.process for r in rows] == ["Kompetens (HR)", "Kompetens (HR)", "Exploatering"]
    assert [r.number for r in rows] == ["a", "b", None]
    assert [r.risk_value for r in rows] == [9, 9, 8]
    assert [r.follows_plan for r in rows] == [True, False, True]
    assert rows[0].handling == "a) Hanteras" and rows[0].comment == "Ok."


def test_sub_risk_letter_found_after_a_prefix():
    assert sub_risk_letter(ControlRow(risk="Biblioteket d) öppen plats")) == "d"
    assert sub_risk_letter(ControlRow(risk="Allmänt.\na) Risk för ohälsa.")) == "a"
    assert sub_risk_letter(ControlRow(risk="Risk att (se bilaga)")) is None


def test_repeated_header_skipped_and_unknown_column_warned():
    t = make_table([HEADER + ["Datum"], ["1", "P", "K", "M", "R.", "", "2024-01-01"],
                    HEADER + ["Datum"], ["2", "P2", "K2", "M2", "R2.", "", ""]])
    result = reconstruct(Document(path="x", source_format="docx", items=[t]))
    assert [r.number for r in result.rows] == ["1", "2"]
    assert any("Datum" in w for w in result.warnings)
    assert result.rows[0].extra == {"Datum": "2024-01-01"}


def test_tables_that_are_not_control_tables_give_no_rows():
    calendar = make_table([["Tidpunkt", "Aktivitet"], ["Januari", "Möte med representanterna."]])
    toc = make_table([["Innehåll", "Sida"], ["Inledning", "2"]])
    signature = make_table([["Ort och datum", "Underskrift"], ["", ""]])
    doc = Document(path="x", source_format="docx",
                   items=[TextBlock("Rapport", kind="heading", level=1), calendar, toc, signature])
    assert reconstruct(doc).rows == []


def test_headerless_fragment_after_control_table_continues_it():
    first = make_table([HEADER, ["1", "P", "K", "M", "Resultatet visar att", ""]])
    second = make_table([["", "", "", "", "rutinen följs.", ""], ["2", "Q", "K", "M", "Bra.", ""]])
    rows = reconstruct(Document(path="x", source_format="docx", items=[first, second])).rows
    assert [r.number for r in rows] == ["1", "2"]
    assert rows[0].result == "Resultatet visar att rutinen följs."


def test_sub_risk_row_after_page_break_is_not_a_continuation():
    header = ["Risk", "Process", "Riskvärde", "Kontrollmoment", "Hantering", "Kommentar"]
    t = make_table([
        header,
        ["Arbetsmiljö påverkar medarbetare", "Arbetsmiljö", "9", "a) Samverkan", "a) Rapport", "Ok."],
        ["b) Risk att vi inte har en god arbetsmiljö", "", "9", "b) Stratsys", "b) Rapport", "Ok."],
    ], vmerge={(2, 1)}, pages=[4, 4, 5])
    rows = table_rows(t, find_header(t), 0)
    assert [r.risk for r in rows] == ["Arbetsmiljö påverkar medarbetare",
                                      "b) Risk att vi inte har en god arbetsmiljö"]
    assert [r.process for r in rows] == ["Arbetsmiljö", "Arbetsmiljö"]
    assert [r.source_page for r in rows] == [4, 5]


def _unknown_headings_grid(headings=("Verksamhetsdel", "Beskrivning", "Person", "Takt", "Noterat")):
    return make_table([
        list(headings),
        ["Ekonomi", "Att leverantörsfakturor är attesterade av behörig person.", "Ekonomichef",
         "Två gånger per år", "Av 40 fakturor saknade 3 korrekt attest enligt ordningen."],
        ["Ekonomi", "Att representation följer kommunens riktlinjer för måltider.", "Controller",
         "En gång per år", "Samtliga 25 granskade tillfällen följde riktlinjerna utan anmärkning."],
        ["Personal", "Att löner inte betalas ut efter avslutad anställning.", "Lönechef",
         "Varje månad", "Inga felaktiga utbetalningar hittades under året i stickproven."]])


def test_a_grid_whose_headings_are_unknown_is_read_by_structure_and_content():
    rec = reconstruct(Document(path="x", source_format="docx",
                               items=[TextBlock("Uppföljning"), _unknown_headings_grid()]))
    assert [p.family for p in rec.proposals] == ["grid"]
    assert [(r.area, r.responsible, r.frequency) for r in rec.rows] == [
        ("Ekonomi", "Ekonomichef", "Två gånger per år"), ("Ekonomi", "Controller", "En gång per år"),
        ("Personal", "Lönechef", "Varje månad")]
    assert rec.rows[0].control == "Att leverantörsfakturor är attesterade av behörig person."
    assert rec.rows[2].result == "Inga felaktiga utbetalningar hittades under året i stickproven."
    assert all(r.extra == {} for r in rec.rows)
    assert any("by its structure and content" in w and "'Noterat'" in w for w in rec.warnings)
    assert any("'Takt' read as frequency: frequency phrases" in w for w in rec.warnings)


def test_question_headings_are_read_by_their_question_word():
    """'Vad ska kontrolleras', 'Vem', 'Hur ofta', 'Vad kom fram': the question word (or the
    verb after 'vad') names the field, each reading named in the warnings."""
    grid = _unknown_headings_grid(("Verksamhetsdel", "Vad ska kontrolleras", "Vem", "Hur ofta",
                                   "Vad kom fram"))
    rec = reconstruct(Document(path="x", source_format="docx",
                               items=[TextBlock("Uppföljning"), grid]))
    assert [(r.area, r.responsible, r.frequency) for r in rec.rows] == [
        ("Ekonomi", "Ekonomichef", "Två gånger per år"), ("Ekonomi", "Controller", "En gång per år"),
        ("Personal", "Lönechef", "Varje månad")]
    assert rec.rows[0].control == "Att leverantörsfakturor är attesterade av behörig person."
    assert rec.rows[2].result == "Inga felaktiga utbetalningar hittades under året i stickproven."
    assert all(r.extra == {} for r in rec.rows)
    assert any("'Vad kom fram' read as result: question 'vad' with 'kom'" in w for w in rec.warnings)
    assert any("'Hur ofta' read as frequency: question 'hur ofta'" in w for w in rec.warnings)


def test_tables_without_a_control_structure_are_not_grids():
    budget = make_table([["Konto", "Budget", "Utfall", "Avvikelse"],
                         ["Personal", "1 200", "1 150", "50"], ["Lokaler", "300", "310", "-10"],
                         ["Övrigt", "90", "80", "10"]])
    matrix = make_table([["S \\ K", "1", "2", "3"], ["3", "3", "6", "9"], ["2", "2", "4", "6"],
                         ["1", "1", "2", "3"]])
    prose = make_table([["Mål", "Beskrivning", "Kommentar"],
                        ["Mål 1", "En attraktiv kommun att bo och verka i för alla.", "Bra."],
                        ["Mål 2", "En hållbar ekonomi över tid med god kontroll.", "Bra."]])
    for table in (budget, matrix, prose):
        doc = Document(path="x", source_format="docx", items=[table])
        assert reconstruct(doc).rows == [], table.rows[0][0].text


def _merged_area_cut_at_a_page_break():
    header = ["Verksamhet", "Nr", "Kontrollmoment", "Kontrollfrekvens", "Iakttagelser"]
    first = make_table([header,
                        ["Tillsyn", "a)", "Kontroll av arvoden.", "En gång per år", "Inga fel."],
                        ["Rekrytering och", "a)", "Kontroll av lämplighetspröv", "Två gånger",
                         "Alla prövade."]], pages=[1, 1, 1])
    rest = make_table([["utbildning", "", "ning.", "per år", ""],
                       ["", "b)", "Kontroll av utbildning.", "En gång per år", "29 av 38."]],
                      vmerge={(1, 0)}, pages=[2, 2])
    return first, rest


def test_a_merged_area_cell_cut_at_a_page_break_names_every_row_it_covers():
    first, rest = _merged_area_cut_at_a_page_break()
    rows = reconstruct(Document(path="x", source_format="pdf", items=[first, rest])).rows
    assert [(r.area, r.number) for r in rows] == [
        ("Tillsyn", "a"), ("Rekrytering och utbildning", "a"), ("Rekrytering och utbildning", "b")]
    assert rows[1].frequency == "Två gånger per år"     # the cut row is one row


def test_a_merged_cell_takes_the_text_of_the_cell_it_starts_in():
    """Tables joined over a page break may leave the lower piece of a merged cell in the
    rows below while its top row holds the joined text."""
    table = make_table([["Verksamhet", "Nr", "Kontrollmoment", "Kontrollfrekvens", "Iakttagelser"],
                        ["Rekrytering och utbildning", "a)", "Kontroll av prövning.",
                         "Två gånger per år", "Alla prövade."],
                        ["utbildning", "b)", "Kontroll av utbildning.", "En gång per år",
                         "29 av 38."]])
    piece = table.rows[2][0]
    piece.row, piece.row_span = 1, 2          # as the join leaves it: starting in row 1
    rows = reconstruct(Document(path="x", source_format="pdf", items=[table])).rows
    assert [r.area for r in rows] == ["Rekrytering och utbildning"] * 2


def test_free_text_before_the_result_in_a_table_without_a_control_column_is_the_control():
    table = make_table([["Område", "Beskrivning", "Vem", "Resultat"],
                        ["Livsmedel", "Att planerade kontroller genomförs enligt planen för året.",
                         "Livsmedelsinspektör", "104 av 120 genomfördes."],
                        ["Livsmedel", "Att provtagning sker enligt nationella riktlinjer.",
                         "Enhetschef", "Riktlinjerna följs."]])
    rec = reconstruct(Document(path="x", source_format="docx", items=[table]))
    assert [r.control for r in rec.rows] == [
        "Att planerade kontroller genomförs enligt planen för året.",
        "Att provtagning sker enligt nationella riktlinjer."]
    assert [r.responsible for r in rec.rows] == ["Livsmedelsinspektör", "Enhetschef"]
    assert any("'Beskrivning' read as control: a column of free text before the result" in w
               for w in rec.warnings)


def test_a_risk_value_printed_with_its_factors():
    from ikextract.layouts.grid import parse_risk_value
    assert [parse_risk_value(t) for t in ("12", "Hög (12)", "3 x 4 = 12", "3x4", "4 × 2")] == \
        [12, 12, 12, 12, 8]


def test_category_rows_give_the_area_over_a_column_of_repeated_names():
    """'Rapporteras till' holds names repeated down the column, which alone would read as an
    area; with category rows spanning the table the area is theirs and the column is extra."""
    table = make_table([
        ["Vad ska kontrolleras?", "Hur?", "Utfall 2021", "Rapporteras till"],
        ["Individ- och familjeomsorg"],
        ["Att utredningar inleds inom 14 dagar.", "Stickprov 20 anmälningar",
         "Samtliga inleddes i tid.", "Individutskottet"],
        ["Att beslut följs upp.", "Stickprov 15 beslut", "Två saknade uppföljning.",
         "Individutskottet"],
        ["Ekonomi"],
        ["Att fakturerad tid stämmer.", "Jämförelse för 30 brukare", "Inga avvikelser.",
         "Socialnämnden"]], spans={(1, 0): 4, (4, 0): 4})
    rec = reconstruct(Document(path="x", source_format="docx", items=[table]))
    assert [r.area for r in rec.rows] == ["Individ- och familjeomsorg"] * 2 + ["Ekonomi"]
    assert [r.method for r in rec.rows] == ["Stickprov 20 anmälningar", "Stickprov 15 beslut",
                                            "Jämförelse för 30 brukare"]
    assert [r.extra for r in rec.rows] == [{"Rapporteras till": "Individutskottet"}] * 2 + [
        {"Rapporteras till": "Socialnämnden"}]
