"""A PDF printed from a DOCX gives what the DOCX gives: every DOCX fixture with a LibreOffice
print in tests/fixtures/pdf (ruled and borderless), the parity-only variants in
tests/fixtures/pdf/parity (borderless risk tables, category rows in one column, small fonts)
and the other boards' reports in tests/fixtures/families with their prints, for every word
source, give the same rows with every field at >= 0.98 similarity."""
import json
from functools import lru_cache
from pathlib import Path

import pytest
from rapidfuzz.fuzz import ratio

from ikextract.model import ROW_FIELDS
from ikextract.pipeline import PipelineSpec, extract_file
from ikextract.read import WORD_SOURCES
from tests.conftest import FIXTURES, fixture_entries

MIN_SIMILARITY = 0.98
PARITY = FIXTURES / "pdf" / "parity"
FAMILIES = FIXTURES / "families"


def _pairs() -> list[tuple[Path, Path]]:
    prints = {e["path"].stem: e["path"] for e in fixture_entries("pdf")
              if e.get("producer") == "libreoffice"}
    pairs = [(e["path"], prints[e["path"].stem]) for e in fixture_entries("docx")
             if e["path"].stem in prints]
    if (PARITY / "manifest.json").exists():
        pairs += [(PARITY / e["docx"], PARITY / e["pdf"])
                  for e in json.loads((PARITY / "manifest.json").read_text(encoding="utf-8"))]
    # other boards' reports: each word-processor file with its print (beside it or in prints/)
    for source in sorted(FAMILIES.glob("*/*.docx")) + sorted(FAMILIES.glob("*/*.odt")):
        for pdf in (source.with_suffix(".pdf"), FAMILIES / "prints" / f"{source.stem}.pdf"):
            if pdf.exists():
                pairs.append((source, pdf))
                break
    return pairs


PAIRS = _pairs()


@lru_cache(maxsize=None)
def _rows(path: Path, source: str = "") -> list[dict]:
    spec = PipelineSpec("parity", settings={"word_source": source} if source else {})
    return [r.fields_dict() for r in extract_file(path, spec).controls]


def _same(a, b) -> float:
    if a is None or b is None or isinstance(a, (bool, int)) or isinstance(b, (bool, int)):
        return 1.0 if a == b else 0.0
    a, b = " ".join(str(a).split()), " ".join(str(b).split())
    return 1.0 if a == b else ratio(a, b) / 100


def test_every_pdf_print_has_its_docx_and_both_kinds_of_table_are_covered():
    assert len(PAIRS) >= 36
    names = {docx.stem for docx, _ in PAIRS}
    assert any("noborders" in n for n in names) and any("ruled" in n for n in names)
    assert sum("pnoborders" in n for n in names) >= 6


@pytest.mark.parametrize("source", sorted(WORD_SOURCES))
@pytest.mark.parametrize("docx,pdf", PAIRS, ids=[d.stem for d, _ in PAIRS])
def test_pdf_print_gives_the_rows_of_its_docx(docx, pdf, source):
    want, got = _rows(docx), _rows(pdf, source)
    assert len(got) == len(want), f"{len(got)} rows from the PDF, {len(want)} from the DOCX"
    low = [(k + 1, f, w.get(f), g.get(f)) for k, (w, g) in enumerate(zip(want, got))
           for f in ROW_FIELDS if _same(w.get(f), g.get(f)) < MIN_SIMILARITY]
    assert not low, "fields below 0.98: " + "; ".join(
        f"row {k} {f}: docx={a!r:.70} pdf={b!r:.70}" for k, f, a, b in low[:6])
