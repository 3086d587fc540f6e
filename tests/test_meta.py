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
