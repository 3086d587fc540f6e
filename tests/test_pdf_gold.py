"""Every PDF fixture (LibreOffice prints of the DOCX fixtures, reportlab drawings) against
../shared/gold: same rows, fields, status, and the page each row starts on; with every word
source (pdfplumber, PDFium)."""
import re
from dataclasses import asdict

import pdfplumber
import pytest

from ikextract.evaluate import compare_meta, compare_rows
from ikextract.model import ROW_FIELDS
from ikextract.pipeline import PipelineSpec, extract_file
from ikextract.read import WORD_SOURCES
from tests.conftest import GOLD, fixture_entries, load_gold

ENTRIES = fixture_entries("pdf")
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold not beside the checkout")


def test_pdf_fixtures_cover_every_layout_and_two_producers():
    golds = {e["gold"] for e in ENTRIES}
    assert len(golds) == 5
    assert {e.get("producer") for e in ENTRIES} == {"libreoffice", "reportlab"}
    assert any(e["variant"] == "noborders" for e in ENTRIES)


def _page_words(path) -> list[set[str]]:
    with pdfplumber.open(path) as pdf:
        return [set(re.findall(r"\w+", (p.extract_text() or "").lower())) for p in pdf.pages]


def _first_words(row) -> list[str]:
    """The first words of the row's first printed text, in the order a row is read."""
    for f in ("number", "process", "risk", "control"):
        text = row.get(f)
        if text and len(re.findall(r"\w+", text)) >= (1 if f == "number" else 2):
            return re.findall(r"\w+", text.lower())[:3]
    return []


@pytest.mark.parametrize("source", sorted(WORD_SOURCES))
@pytest.mark.parametrize("entry", ENTRIES, ids=[e["path"].name for e in ENTRIES])
def test_pdf_fixture_matches_gold(entry, source):
    gold = load_gold(entry["gold"])
    report = extract_file(entry["path"], PipelineSpec("gold", settings={"word_source": source}))
    assert report.source_format == "pdf"
    rows = [asdict(r) for r in report.controls]
    result = compare_rows(gold["controls"], rows)
    assert result["n_rows"] == result["n_gold"], "row count differs from gold"
    assert result["n_aligned"] == result["n_gold"]
    bad = result["disagreements"]
    assert not bad, "fields below 0.95 similarity: " + "; ".join(
        f"row {d['gold_seq']} {d['field']}: gold={d['gold']!r:.80} got={d['value']!r:.80}"
        for d in bad[:5])
    assert all(v == 1.0 for f, v in result["fields"].items() if f in ROW_FIELDS)
    assert result["status"] >= 0.90, f"status agreement {result['status']:.0%}"
    meta = compare_meta(gold["report"], asdict(report.meta))
    assert all(meta.values()), {k: (gold["report"][k], getattr(report.meta, k))
                                for k, ok in meta.items() if not ok}
    # source_page: set on every row, and the page shows the row's first words
    pages = _page_words(entry["path"])
    assert report.page_count == len(pages)
    for k, r in enumerate(rows, start=1):
        assert r["source_page"] is not None and 1 <= r["source_page"] <= len(pages)
        words = _first_words(r)
        shown = pages[r["source_page"] - 1]
        # a row cut by a page break may go on to the next page after its first words
        later = pages[r["source_page"]] if r["source_page"] < len(pages) else set()
        assert words and words[0] in shown and set(words) <= shown | later, \
            f"row {k}: {words} not on page {r['source_page']}"
    assert [r["source_page"] for r in rows] == sorted(r["source_page"] for r in rows) \
        or gold["render"]["style"] == "register_sections"
