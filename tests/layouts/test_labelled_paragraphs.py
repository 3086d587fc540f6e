"""Controls with no table: a heading, then labelled paragraphs."""
from ikextract.layouts import reconstruct
from ikextract.model import Document, TextBlock


def _doc(items):
    return Document(path="x", source_format="docx", items=items)


def _section(number, name, inline=True, bold=True):
    pairs = [("Risk", f"Risk för fel i {name.lower()}."), ("Kontrollmoment", "Stickprov."),
             ("Ansvarig", "Ekonomichef"), ("Frekvens", "En gång per år"),
             ("Resultat", "Inga avvikelser."), ("Åtgärd", "Ingen.")]
    items = [TextBlock(f"{number} {name}", kind="heading", level=2)]
    for label, text in pairs:
        if inline:
            items.append(TextBlock(f"{label}: {text}"))
        else:
            items += [TextBlock(label, bold=bold), TextBlock(text)]
    return items


def test_numbered_headings_with_inline_labels():
    items = [TextBlock("Uppföljning 2022", kind="heading", level=0),
             TextBlock("3 Ekonomi", kind="heading", level=1), TextBlock("Inledande text."),
             *_section("3.1", "Attest av leverantörsfakturor"),
             *_section("3.2", "Representation"),
             TextBlock("4 Personal", kind="heading", level=1), *_section("4.1", "Löner"),
             TextBlock("6 Slutsats", kind="heading", level=1), TextBlock("Arbetet fortsätter.")]
    rec = reconstruct(_doc(items))
    assert [r.number for r in rec.rows] == ["3.1", "3.2", "4.1"]
    assert [r.area for r in rec.rows] == ["Ekonomi", "Ekonomi", "Personal"]
    first = rec.rows[0]
    assert first.process == "Attest av leverantörsfakturor"
    assert first.risk == "Risk för fel i attest av leverantörsfakturor."
    assert first.control == "Stickprov." and first.comment == "Ingen."
    assert first.responsible == "Ekonomichef" and first.frequency == "En gång per år"
    # the conclusion after the last control is no part of it
    assert rec.rows[-1].comment == "Ingen."
    assert [r.source_table for r in rec.rows] == [0, 1, 2]


def test_labels_on_their_own_line_bold_or_not():
    for bold in (True, False):
        items = [*_section("1.1", "Kassa", inline=False, bold=bold),
                 *_section("1.2", "Bank", inline=False, bold=bold)]
        rows = reconstruct(_doc(items)).rows
        assert len(rows) == 2, bold
        assert rows[1].result == "Inga avvikelser." and rows[1].process == "Bank"


def test_an_unknown_label_inside_a_control_goes_to_extra():
    items = [*_section("1.1", "Kassa"), TextBlock("Lagrum: KL 6 kap. 6 §")]
    rec = reconstruct(_doc(items))
    assert rec.rows[0].extra == {"Lagrum": "KL 6 kap. 6 §"}
    assert rec.text_coverage < 1.0


def test_a_heading_with_one_label_is_not_a_control():
    items = [TextBlock("Bakgrund", kind="heading", level=1), TextBlock("Syfte: att följa upp.")]
    assert reconstruct(_doc(items)).rows == []


def test_a_sentence_ending_in_a_colon_stays_in_its_field():
    items = [*_section("1.1", "Kassa"), TextBlock("Stickprov visade följande: två fel.")]
    row = reconstruct(_doc(items)).rows[0]
    assert row.comment == "Ingen.\nStickprov visade följande: två fel." and row.extra == {}


def _own_line_section(title, level, label_kind):
    """A numbered title, then labels on their own lines; label_kind "heading": the labels
    read as headings of the title's own level (as a PDF's bold label lines come out)."""
    items = [TextBlock(title, kind="heading", level=level)]
    for label, text in [("Kontrollmoment", "Kontroll av attest."), ("Ansvarig", "Ekonomichef"),
                        ("Frekvens", "Varje månad"), ("Resultat", "Inga avvikelser."),
                        ("Kommentar", "Ny kontroll i december.")]:
        items.append(TextBlock(label, kind="heading", level=level) if label_kind == "heading"
                     else TextBlock(label, bold=True))
        items.append(TextBlock(text))
    return items


def test_label_lines_read_as_headings_of_the_titles_level_are_labels():
    items = [TextBlock("Ekonomiadministration", kind="heading", level=2),
             *_own_line_section("1. Manuella utbetalningar", 3, "heading"),
             *_own_line_section("2. Handkassor", 3, "heading"),
             TextBlock("6 Slutsats", kind="heading", level=3), TextBlock("Det går bra.")]
    rows = reconstruct(_doc(items)).rows
    assert [(r.number, r.process, r.area) for r in rows] == [
        ("1", "Manuella utbetalningar", "Ekonomiadministration"),
        ("2", "Handkassor", "Ekonomiadministration")]
    assert all(r.risk is None and r.control == "Kontroll av attest." for r in rows)
    assert rows[1].comment == "Ny kontroll i december."    # "6 Slutsats" is no label


def test_a_title_that_states_a_risk_is_the_risk_a_name_is_the_process():
    items = [*_own_line_section("Inköp sker utan giltigt avtal", 2, "bold"),
             *_own_line_section("Leverans till e-arkiv", 2, "bold")]
    first, second = reconstruct(_doc(items)).rows
    assert (first.risk, first.process) == ("Inköp sker utan giltigt avtal", None)
    assert (second.risk, second.process) == (None, "Leverans till e-arkiv")


def test_a_section_whose_first_labels_no_vocabulary_knows_is_read_by_their_style():
    def section(title, result):
        items = [TextBlock(title, kind="heading", level=2)]
        for label, text in [("Syfte", "Att ärenden handläggs i tid."), ("Takt", "Två gånger per år"),
                            ("Kontrollansvarig", "Enhetschef miljö"), ("Iakttagelser", result),
                            ("Åtgärdsförslag", "Påminnelser i systemet.")]:
            items += [TextBlock(label, bold=True), TextBlock(text)]
        return items
    items = [TextBlock("Tillsyn", kind="heading", level=1),
             *section("Kontroll 1: Handläggningstider", "27 av 30 ärenden var handlagda i tid."),
             *section("Kontroll 2: Avgifter", "Inga avvikelser.")]
    rec = reconstruct(_doc(items))
    first, second = rec.rows
    assert (first.number, first.process, first.area) == ("1", "Handläggningstider", "Tillsyn")
    # "27 av 30 ..." opens with a number but is a sentence, not the next section's title
    assert first.result == "27 av 30 ärenden var handlagda i tid."
    assert first.comment == "Påminnelser i systemet." and first.responsible == "Enhetschef miljö"
    assert first.frequency == "Två gånger per år"         # by its text: a frequency phrase
    assert first.extra == {"Syfte": "Att ärenden handläggs i tid."}
    assert second.number == "2" and second.result == "Inga avvikelser."
    assert any("'Takt' read as frequency: its text reads as one" in w for w in rec.warnings)
    assert any("section 'Kontroll 1: Handläggningstider'" in w for w in rec.warnings)


def test_a_report_title_over_a_background_and_a_result_heading_is_no_control():
    items = [TextBlock("Uppföljning av intern kontroll 2023", kind="heading", level=1),
             TextBlock("Bakgrund", kind="heading", level=2), TextBlock("Nämnden har en plan."),
             TextBlock("Resultat", kind="heading", level=2)]
    assert reconstruct(_doc(items)).rows == []


def test_bold_titles_under_an_area_heading_with_colon_labels_on_their_own_lines():
    items = [TextBlock("Gata och park", kind="heading", level=1)]
    for title in ("Vinterväghållning", "Lekplatser"):
        items.append(TextBlock(title, bold=True))
        for label, text in [("Kontrollmoment:", "Stickprov."), ("Ansvarig:", "Gatuchef"),
                            ("Resultat:", "Inga fel.")]:
            items += [TextBlock(label), TextBlock(text)]
    rows = reconstruct(_doc(items)).rows
    assert [(r.area, r.process, r.control, r.responsible, r.result) for r in rows] == [
        ("Gata och park", "Vinterväghållning", "Stickprov.", "Gatuchef", "Inga fel."),
        ("Gata och park", "Lekplatser", "Stickprov.", "Gatuchef", "Inga fel.")]


def test_area_headings_named_by_a_vocabulary_word_and_report_parts():
    """A Heading 1 'Verksamhet' (a word the vocabulary knows as an area) is the area of the
    sections under it; 'Uppföljning av kontrollerna' (a part of the report that speaks of the
    controls) is no area."""
    def section(title):
        return [TextBlock(title, kind="heading", level=2),
                TextBlock("Genomförande: Stickprov på 20 ärenden."),
                TextBlock("Resultat: Inga avvikelser.")]
    items = [TextBlock("Verksamhet", kind="heading", level=1), *section("Kontroll 1: Frånvaro"),
             TextBlock("Uppföljning av kontrollerna", kind="heading", level=1),
             *section("Kontroll 2: Avgifter")]
    rec = reconstruct(_doc(items))
    assert [(r.number, r.area, r.method) for r in rec.rows] == [
        ("1", "Verksamhet", "Stickprov på 20 ärenden."), ("2", None, "Stickprov på 20 ärenden.")]
