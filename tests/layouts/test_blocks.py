from ikextract.layouts import reconstruct
from ikextract.model import Document, TextBlock

from tests.layouts.helpers import make_table

COLUMNS = ["Kontrollmoment", "Ansvarig avdelning", "Frekvens", "Metod", "Status"]


def _block(risk, control, result, comment=None, inline=False):
    items = [TextBlock(risk, bold=True),
             make_table([COLUMNS, [control, "HR", "Löpande.", "Stickprov", ""]])]
    if inline:
        items.append(TextBlock("Resultat: " + result))
    else:
        items += [TextBlock("Resultat:"), TextBlock(result)]
    if comment:
        items += [TextBlock("Kommentar:"), TextBlock(comment), TextBlock("Andra stycket.")]
    return items


def test_one_row_per_block_with_area_from_heading():
    items = [TextBlock("Internkontrollrapport", kind="heading", level=1),
             TextBlock("Informationssäkerhet", kind="heading", level=1),
             TextBlock("Internkontrollområdet syftar till ..."),
             *_block("Risk för otillåten åtkomst", "Kontroll av behörigheter", "Inga avvikelser.",
                     "Fortsatt arbete."),
             TextBlock("Ekonomi", kind="heading", level=1),
             *_block("Felaktiga utbetalningar", "Stickprov", "Pågår.", inline=True)]
    rows = reconstruct(Document(path="x", source_format="docx", items=items)).rows
    assert len(rows) == 2
    first, second = rows
    assert first.area == "Informationssäkerhet" and second.area == "Ekonomi"
    assert first.risk == "Risk för otillåten åtkomst"
    assert first.control == "Kontroll av behörigheter" and first.responsible == "HR"
    assert first.frequency == "Löpande." and first.method == "Stickprov"
    assert first.result == "Inga avvikelser."
    assert first.comment == "Fortsatt arbete.\nAndra stycket."
    assert second.result == "Pågår." and second.comment is None
    assert first.source_table == 0 and second.source_table == 1


def test_risk_heading_as_spanning_row_inside_the_table():
    table = make_table([COLUMNS, ["Brist på efterlevnad"],
                        ["Kontroll", "IT", "Årligen", "Intervju", ""]], spans={(1, 0): 5})
    items = [TextBlock("IT", kind="heading", level=1), table, TextBlock("Resultat:"),
             TextBlock("Mindre avvikelser.")]
    rows = reconstruct(Document(path="x", source_format="docx", items=items)).rows
    assert len(rows) == 1 and rows[0].risk == "Brist på efterlevnad"
    assert rows[0].control == "Kontroll" and rows[0].result == "Mindre avvikelser."


def test_paragraph_labels_in_other_words_and_an_unknown_label():
    table = make_table([["Kontrollmoment", "Ansvarig", "Frekvens"],
                        ["Kontroll av frånvaro", "Rektorer", "Varje termin"]])
    items = [TextBlock("Elevhälsa", kind="heading", level=1),
             TextBlock("Elever med hög frånvaro uppmärksammas inte", kind="heading", level=2),
             table, TextBlock("Iakttagelser: 5 av 60 saknade anmälan."),
             TextBlock("Bedömning: Delvis godkänd"), TextBlock("Analys: Rutinen är okänd."),
             TextBlock("Vidtagna åtgärder: Rutinen har gåtts igenom."),
             TextBlock("Trygghet", kind="heading", level=1)]
    rows = reconstruct(Document(path="x", source_format="docx", items=items)).rows
    assert len(rows) == 1
    row = rows[0]
    assert row.area == "Elevhälsa" and row.risk == "Elever med hög frånvaro uppmärksammas inte"
    assert row.result == "5 av 60 saknade anmälan." and row.comment == "Rutinen har gåtts igenom."
    assert row.risk_level is None
    assert row.status_cells == [("Bedömning", "Delvis godkänd")]
    assert row.extra == {"Bedömning": "Delvis godkänd", "Analys": "Rutinen är okänd."}
