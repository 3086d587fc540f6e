"""The layout-family fixtures (tests/fixtures/families, written independently of the
extractor from descriptions of real reports) against their gold, and the old fixtures kept.

tuning/: the eight reports the layouts were tuned on; heldout/: four reports set aside before
tuning and measured once (see the figures below), then opened for fixing. Each must match its
gold exactly as the seed fixtures do (same row count, every field >= 0.95 similarity,
metadata equal). A PDF printed from a DOCX must give what the DOCX gives: every families PDF
beside its DOCX (the fixtures' own prints and those in prints/) is compared with it row by
row (same rows, every field >= 0.98 similarity).
"""
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from ikextract.evaluate import compare_meta, compare_parity, compare_rows
from ikextract.model import ROW_FIELDS
from ikextract.pipeline import extract_file

FAMILIES = Path(__file__).parent / "fixtures" / "families"
MANIFEST = FAMILIES / "manifest.json"
PRINTS = FAMILIES / "prints"


def entries(split: str) -> list[dict]:
    if not MANIFEST.exists():
        return []
    return [e for e in json.loads(MANIFEST.read_text(encoding="utf-8")) if e["split"] == split]


def _extract(entry):
    gold = json.loads((FAMILIES / entry["gold"]).read_text(encoding="utf-8"))
    report = extract_file(FAMILIES / entry["file"])
    rows = [asdict(r) for r in report.controls]
    return gold, report, compare_rows(gold["controls"], rows), rows


def _ids(es):
    return [Path(e["file"]).name for e in es]


TUNING = entries("tuning")
# Measured once, after the last tuning commit (b9f2247), with
#   ikextract ingest tests/fixtures/families/heldout -o /tmp/heldout_out --workers 1
#   ikextract eval /tmp/heldout_out tests/fixtures/families/heldout/*.json
# 4 DOCX reports: rows 29/29 aligned, metadata all agree; fields below 100% in area 69.0%,
# number 89.7%, process 75.9%, risk 75.9%, result 89.7%; the PDF print of i_asbro failed
# (NotAReport). Then opened for fixing: now held to full agreement like the tuning set.
HELDOUT = entries("heldout")
ALL = TUNING + HELDOUT


def test_the_fixture_sets_cover_every_family():
    families = {e["family"] for e in TUNING}
    assert len({e["gold"] for e in TUNING}) == 8
    assert len({e["gold"] for e in HELDOUT}) == 4
    assert {"labelled_paragraphs", "label_value_tables", "register_sections"} <= families


@pytest.mark.parametrize("entry", ALL, ids=_ids(ALL))
def test_fixture_matches_gold(entry):
    gold, report, result, rows = _extract(entry)
    assert result["n_rows"] == result["n_gold"], "row count differs from gold"
    assert result["n_aligned"] == result["n_gold"]
    bad = result["disagreements"]
    assert not bad, "fields below 0.95 similarity: " + "; ".join(
        f"row {d['gold_seq']} {d['field']}: gold={d['gold']!r:.60} got={d['value']!r:.60}"
        for d in bad[:5])
    assert all(v == 1.0 for f, v in result["fields"].items() if f in ROW_FIELDS)
    meta = compare_meta(gold["report"], asdict(report.meta))
    assert all(meta.values()), {k: (gold["report"][k], getattr(report.meta, k))
                                for k, ok in meta.items() if not ok}
    assert 0.0 < report.text_coverage <= 1.0


@pytest.mark.parametrize("entry", [e for e in ALL if e["format"] != "pdf"],
                         ids=_ids([e for e in ALL if e["format"] != "pdf"]))
def test_fixture_extra_holds_the_unmapped_columns(entry):
    """Text under headings the contract has no field for ('Lagrum', 'Avvikelse (Ja/Nej)')
    is in extra under its heading, as gold has it."""
    gold, report, result, rows = _extract(entry)
    for i, j, _ in result["pairs"]:
        for item in gold["controls"][i].get("extra", []):
            got = rows[j]["extra"].get(item["label"])
            assert got is not None and " ".join(got.split()) == " ".join(item["text"].split()), \
                (gold["controls"][i]["seq"], item, rows[j]["extra"])


# ---------------------------------------------------------------- DOCX against its PDF print

def print_pairs() -> list[tuple[Path, Path]]:
    """(docx, pdf) for every families PDF with a DOCX (or the one ODT) of the same name in the
    fixture sets:
    the fixtures' own prints beside their DOCX, and those printed into prints/ with
    soffice --headless --convert-to pdf."""
    docx = {p.stem: p for split in ("tuning", "heldout") for ext in ("docx", "odt")
            for p in (FAMILIES / split).glob(f"*.{ext}")}
    pdfs = [p for split in ("tuning", "heldout", "prints") for p in sorted((FAMILIES / split).glob("*.pdf"))]
    return [(docx[p.stem], p) for p in pdfs if p.stem in docx]


PAIRS = print_pairs()


def test_every_word_processor_fixture_has_a_pdf_print():
    assert {d.stem for d, _ in PAIRS} == {p.stem for split in ("tuning", "heldout")
                                          for ext in ("docx", "odt")
                                          for p in (FAMILIES / split).glob(f"*.{ext}")}


@pytest.mark.parametrize("pair", PAIRS, ids=[p.relative_to(FAMILIES).as_posix() for _, p in PAIRS])
def test_a_pdf_printed_from_a_docx_gives_what_the_docx_gives(pair):
    docx, pdf = pair
    from_docx = extract_file(docx)
    from_pdf = extract_file(pdf)
    diffs = compare_parity([asdict(r) for r in from_docx.controls],
                           [asdict(r) for r in from_pdf.controls])
    assert not diffs, "; ".join(diffs[:5])
    assert from_pdf.meta == from_docx.meta
