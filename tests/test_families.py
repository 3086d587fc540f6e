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


# The second independent set: eight reports (DOCX, their PDF prints, one ODT) in families and
# wordings the first lacks (question headings, Heading 1 areas over Heading 2 controls, a
# two-column label table per control, a landscape risk grid, a covering letter).
FAMILIES2 = Path(__file__).parent / "fixtures" / "families2" / "heldout"


def entries(split: str) -> list[dict]:
    if not MANIFEST.exists():
        return []
    return [dict(e, root=FAMILIES) for e in json.loads(MANIFEST.read_text(encoding="utf-8"))
            if e["split"] == split]


def entries2() -> list[dict]:
    manifest = FAMILIES2 / "manifest.json"
    if not manifest.exists():
        return []
    return [dict(e, root=FAMILIES2, split="families2")
            for e in json.loads(manifest.read_text(encoding="utf-8"))]


def _extract(entry):
    gold = json.loads((entry["root"] / entry["gold"]).read_text(encoding="utf-8"))
    report = extract_file(entry["root"] / entry["file"])
    rows = [asdict(r) for r in report.controls]
    return gold, report, compare_rows(gold["controls"], rows), rows


def _ids(es):
    return [("families2/" if e["root"] is FAMILIES2 else "") + Path(e["file"]).name for e in es]


TUNING = entries("tuning")
# Measured once, after the last tuning commit (b9f2247), with
#   ikextract ingest tests/fixtures/families/heldout -o /tmp/heldout_out --workers 1
#   ikextract eval /tmp/heldout_out tests/fixtures/families/heldout/*.json
# 4 DOCX reports: rows 29/29 aligned, metadata all agree; fields below 100% in area 69.0%,
# number 89.7%, process 75.9%, risk 75.9%, result 89.7%; the PDF print of i_asbro failed
# (NotAReport). Then opened for fixing: now held to full agreement like the tuning set.
HELDOUT = entries("heldout")
# families2 measured once by the lead (one gold per report, 12 files), then opened for fixing:
# rows 94/94; area 64.9 %, risk_level 90.4 %, control 85.1 %, method 68.1 %, result 85.1 %,
# comment 94.7 %, extra 55.3 %, title 91.7 %. Now held to full agreement like the others.
SECOND = entries2()
ALL = TUNING + HELDOUT + SECOND


def test_the_fixture_sets_cover_every_family():
    families = {e["family"] for e in TUNING}
    assert len({e["gold"] for e in TUNING}) == 8
    assert len({e["gold"] for e in HELDOUT}) == 4
    assert {"labelled_paragraphs", "label_value_tables", "register_sections"} <= families
    assert len({e["file"].split(".")[0] for e in SECOND}) == 8
    assert {e["format"] for e in SECOND} == {"docx", "pdf", "odt"}


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
        if entry["root"] is FAMILIES2:
            # this set's gold lists every extra item a row has: nothing more, in that order
            assert list(rows[j]["extra"]) == [x["label"] for x in gold["controls"][i].get("extra", [])], \
                (gold["controls"][i]["seq"], rows[j]["extra"])


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
# families2: the DOCX reports printed by LibreOffice beside them (02 is an ODT without a
# print; 03, 05 and 08 have none).
PAIRS2 = [(p.with_suffix(".docx"), p) for p in sorted(FAMILIES2.glob("*.pdf"))
          if p.with_suffix(".docx").exists()]


def test_every_word_processor_fixture_has_a_pdf_print():
    assert len(PAIRS2) == 4
    assert {d.stem for d, _ in PAIRS} == {p.stem for split in ("tuning", "heldout")
                                          for ext in ("docx", "odt")
                                          for p in (FAMILIES / split).glob(f"*.{ext}")}


@pytest.mark.parametrize("pair", PAIRS + PAIRS2,
                         ids=[p.relative_to(FAMILIES).as_posix() for _, p in PAIRS]
                         + ["families2/" + p.name for _, p in PAIRS2])
def test_a_pdf_printed_from_a_docx_gives_what_the_docx_gives(pair):
    docx, pdf = pair
    from_docx = extract_file(docx)
    from_pdf = extract_file(pdf)
    diffs = compare_parity([asdict(r) for r in from_docx.controls],
                           [asdict(r) for r in from_pdf.controls])
    assert not diffs, "; ".join(diffs[:5])
    assert from_pdf.meta == from_docx.meta
