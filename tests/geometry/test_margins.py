"""Running headers, footers and page numbers kept apart from the body."""
from ikextract.geometry import build_document
from ikextract.model import TextBlock
from tests.geometry.helpers import page, words_at


def _report_page(n: int, total: int, body: str):
    ws = words_at("Norrtälje kommun Internkontroll 2024", 60, 40, size=8)
    ws += words_at(body, 60, 200)
    ws += words_at(f"{n} ({total})", 500, 810, size=8)
    return page(ws, number=n)


def test_running_header_and_page_numbers_go_to_margin_texts():
    pages = [_report_page(n, 3, f"Brödtext på sidan {n}.") for n in (1, 2, 3)]
    doc = build_document(pages, "x.pdf")
    assert doc.margin_texts.count("Norrtälje kommun Internkontroll 2024") == 3
    assert {"1 (3)", "2 (3)", "3 (3)"} <= set(doc.margin_texts)
    body = [i.text for i in doc.items if isinstance(i, TextBlock)]
    assert body == ["Brödtext på sidan 1.", "Brödtext på sidan 2.", "Brödtext på sidan 3."]


def test_text_near_the_top_of_one_page_only_is_body_text():
    first = page(words_at("Uppföljning av internkontrollplan", 60, 60) +
                 words_at("Text.", 60, 200), number=1)
    second = page(words_at("Annan text.", 60, 200), number=2)
    doc = build_document([first, second], "x.pdf")
    assert "Uppföljning av internkontrollplan" in [i.text for i in doc.items]
    assert doc.margin_texts == []


def test_a_lone_page_number_is_margin_even_on_a_single_page():
    doc = build_document([page(words_at("Text.", 60, 200) + words_at("Sida 1 av 1", 280, 820))],
                         "x.pdf")
    assert doc.margin_texts == ["Sida 1 av 1"]
