from ikextract.meta import read_meta
from ikextract.model import Document, TextBlock


def _doc(*blocks, margins=()):
    return Document(path="x", source_format="docx", items=list(blocks), margin_texts=list(margins))


def test_title_organisation_year_from_the_front_page():
    meta = read_meta(_doc(TextBlock("Internkontrollrapport 2024", kind="heading", level=1),
                          TextBlock("Arbetsmarknadsnämnden"),
                          TextBlock("Möte i delårsrapport 2 och 2023.")))
    assert meta.title == "Internkontrollrapport 2024"
    assert meta.organisation == "Arbetsmarknadsnämnden"
    assert meta.year == 2024 and meta.period == "helår"
    assert meta.municipality is None and meta.diarienummer is None


def test_genitive_board_in_title_and_period_from_title():
    meta = read_meta(_doc(TextBlock("Helårsuppföljning av kritiska risker i Kommunstyrelsens "
                                    "Internkontrollplan 2023", kind="heading", level=1)))
    assert meta.organisation == "Kommunstyrelsen" and meta.year == 2023 and meta.period == "helår"


def test_mid_year_report_with_letterhead_and_diarienummer():
    meta = read_meta(_doc(
        TextBlock("Internkontrollrapport", kind="heading", level=1),
        TextBlock("Kommunstyrelsekontoret har per april 2025 arbetat med 26 riskpunkter, beslutat "
                  "i internkontrollplanen för kommunstyrelsen (diarienummer KS 2024-1528)."),
        margins=["Norrtälje kommun", "Kommunstyrelsen"]))
    assert meta.year == 2025 and meta.period == "april"
    assert meta.municipality == "Norrtälje kommun"
    assert meta.organisation == "Kommunstyrelsen"
    assert meta.diarienummer == "KS 2024-1528"


def test_board_in_letterhead_capitals_only():
    meta = read_meta(_doc(TextBlock("Internkontrollrapport 2021", bold=True),
                          TextBlock("Nämndens verksamheter följs upp."),
                          margins=["SOCIALNÄMNDEN\t\tLINDESFORS KOMMUN", "Sida 1 av 1"]))
    assert meta.organisation == "Socialnämnden"
    assert meta.municipality == "Lindesfors kommun"
    assert meta.title == "Internkontrollrapport 2021"


def test_coordinated_board_names_are_kept_whole():
    for printed, name in [("Gymnasie- och vuxenutbildningsnämnden", None),
                          ("MILJÖ- OCH BYGGNADSNÄMNDEN", "Miljö- och byggnadsnämnden"),
                          ("Nämnd: Kultur- och fritidsnämnden", "Kultur- och fritidsnämnden"),
                          ("Tekniska nämnden, 2022-02-10", "Tekniska nämnden")]:
        meta = read_meta(_doc(TextBlock("Uppföljning 2022", kind="heading", level=1),
                              TextBlock(printed)))
        assert meta.organisation == (name or printed), printed
    title = TextBlock("Barn- och utbildningsnämndens internkontrollplan 2023", kind="heading",
                      level=1)
    assert read_meta(_doc(title)).organisation == "Barn- och utbildningsnämnden"


def test_no_board_named_gives_none_not_a_crash():
    meta = read_meta(_doc(TextBlock("Uppföljning av internkontrollplan 2022", bold=True),
                          TextBlock("Nämnden ska följa upp planen. Styrelsen informeras."),
                          TextBlock("Kommunstyrelsen har uppsiktsplikt."),
                          margins=["Sida 1 av 2"]))
    assert meta.organisation is None and meta.year == 2022


def test_diarienummer_in_its_forms():
    cases = [("Dnr KS 2022/114", "KS 2022/114"), ("Diarienummer: SN 2021-0456", "SN 2021-0456"),
             ("Vårt dnr: SBN 2022/301", "SBN 2022/301"),
             ("Tekniska nämnden, 2022-02-10, diarienummer TN 2021.0342", "TN 2021.0342"),
             ("BUN 2023/77", "BUN 2023/77"), ("2024-01-30 · BUN 2023/77", "BUN 2023/77"),
             ("Enligt SFS 2018/218 gäller", None)]
    for line, number in cases:
        meta = read_meta(_doc(TextBlock("Rapport intern kontroll 2023", bold=True),
                              TextBlock(line)))
        assert meta.diarienummer == number, line


def test_bare_number_in_body_text_is_not_a_diarienummer():
    long = "Enligt beslut KS 2022/114 i kommunstyrelsen ska varje nämnd årligen följa upp planen."
    meta = read_meta(_doc(TextBlock("Rapport 2023", bold=True), TextBlock(long)))
    assert meta.diarienummer is None


def test_period_words():
    for title, period in [("Uppföljning av internkontrollplan 2022", "helår"),
                          ("Internkontroll 2022 – uppföljning per delår 2", "delår 2"),
                          ("Delårsrapport per augusti 2024", "augusti"),
                          ("Rapport intern kontroll helår 2023", "helår"),
                          ("Delårsuppföljning av internkontroll 2024", "delår")]:
        assert read_meta(_doc(TextBlock(title, kind="heading", level=1))).period == period, title


def test_title_from_the_document_property_or_a_bold_title_line():
    doc = _doc(TextBlock("Storvikens kommun", bold=True), TextBlock("Tjänsteskrivelse", bold=True),
               TextBlock("Dnr KS 2022/114"),
               TextBlock("Uppföljning av internkontrollplan 2022", bold=True),
               TextBlock("Beslutsförslag", kind="heading", level=2))
    assert read_meta(doc).title == "Uppföljning av internkontrollplan 2022"
    doc.properties["title"] = "Tjänsteskrivelse"
    assert read_meta(doc).title == "Tjänsteskrivelse"
    assert read_meta(doc).municipality == "Storvikens kommun"


def test_front_table_is_read_as_front_matter():
    from tests.layouts.helpers import make_table
    box = make_table([["Datum", "2023-02-14"], ["Dnr", "KS 2022/114"]])
    doc = _doc(TextBlock("Uppföljning 2022", kind="heading", level=1), box)
    assert read_meta(doc).diarienummer == "KS 2022/114"


def test_letterhead_run_together_keeps_board_and_municipality_apart():
    meta = read_meta(_doc(TextBlock("Internkontrollrapport 2021", kind="heading", level=1),
                          margins=["SOCIALNÄMNDEN LINDESFORS KOMMUN"]))
    assert meta.municipality == "Lindesfors kommun" and meta.organisation == "Socialnämnden"


def test_diarienummer_after_a_label_without_series_letters():
    meta = read_meta(_doc(TextBlock("Rapport intern kontroll 2023", bold=True),
                          TextBlock("Dnr 2023/114")))
    assert meta.diarienummer == "2023/114"


def test_a_board_line_naming_its_municipality():
    meta = read_meta(_doc(TextBlock("Internkontroll 2023 – uppföljning", bold=True),
                          TextBlock("Socialnämnden i Dalby kommun")))
    assert meta.organisation == "Socialnämnden" and meta.municipality == "Dalby kommun"


def test_a_covering_letter_before_the_report_does_not_give_the_title():
    """A tjänsteskrivelse names the matter ('... 2024 för överförmyndarnämnden'); the report
    after it prints its own title in the title style, and that is the title."""
    meta = read_meta(_doc(
        TextBlock("Överförmyndarnämnden"),
        TextBlock("Uppföljning av intern kontroll 2024 för överförmyndarnämnden", kind="heading",
                  level=1),
        TextBlock("Förslag till beslut", kind="heading", level=3),
        TextBlock("Överförmyndarnämnden godkänner uppföljningen."),
        TextBlock("Uppföljning av intern kontroll 2024", kind="heading", level=0),
        TextBlock("Bilaga till tjänsteskrivelse, Överförmyndarnämnden")))
    assert meta.title == "Uppföljning av intern kontroll 2024"
    assert meta.organisation == "Överförmyndarnämnden" and meta.year == 2024
