"""The layout-family fixtures (tests/fixtures/families, written independently of the
extractor from descriptions of real reports) against their gold, and the old fixtures kept.

tuning/: the eight reports the layouts were tuned on: each must match its gold exactly as the
seed fixtures do (same row count, every field >= 0.95 similarity, metadata equal).
heldout/: four reports set aside before tuning, measured once at the end; their test asserts
the agreement measured then (see test_heldout_fixtures_agree_as_measured), so a regression
shows.
"""
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from ikextract.evaluate import compare_meta, compare_rows
from ikextract.model import ROW_FIELDS
from ikextract.pipeline import extract_file

FAMILIES = Path(__file__).parent / "fixtures" / "families"
MANIFEST = FAMILIES / "manifest.json"


def entries(split: str) -> list[dict]:
    if not MANIFEST.exists():
        return []
    return [e for e in json.loads(MANIFEST.read_text(encoding="utf-8")) if e["split"] == split]


def _extract(entry):
    gold = json.loads((FAMILIES / entry["gold"]).read_text(encoding="utf-8"))
    report = extract_file(FAMILIES / entry["file"])
    rows = [asdict(r) for r in report.controls]
    return gold, report, compare_rows(gold["controls"], rows), rows


TUNING = entries("tuning")


def test_the_tuning_set_covers_every_family():
    families = {e["family"] for e in TUNING}
    assert len({e["gold"] for e in TUNING}) == 8
    assert {"labelled_paragraphs", "label_value_tables", "register_sections"} <= families


@pytest.mark.parametrize("entry", TUNING, ids=[Path(e["file"]).name for e in TUNING])
def test_tuning_fixture_matches_gold(entry):
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


@pytest.mark.parametrize("entry", [e for e in TUNING if e["format"] != "pdf"],
                         ids=[Path(e["file"]).name for e in TUNING if e["format"] != "pdf"])
def test_tuning_fixture_extra_holds_the_unmapped_columns(entry):
    """Text under headings the contract has no field for ('Lagrum', 'Avvikelse (Ja/Nej)')
    is in extra under its heading, as gold has it."""
    gold, report, result, rows = _extract(entry)
    for i, j, _ in result["pairs"]:
        for item in gold["controls"][i].get("extra", []):
            got = rows[j]["extra"].get(item["label"])
            assert got is not None and " ".join(got.split()) == " ".join(item["text"].split()), \
                (gold["controls"][i]["seq"], item, rows[j]["extra"])


# ---------------------------------------------------------------- held out
# Measured once, after the last tuning commit (b9f2247), with
#   ikextract ingest tests/fixtures/families/heldout -o /tmp/heldout_out --workers 1
#   ikextract eval /tmp/heldout_out tests/fixtures/families/heldout/*.json
# 4 DOCX reports: rows 29/29 aligned (recall and precision 100%), metadata all agree; field
# agreement below 100% in area 69.0%, number 89.7%, process 75.9%, risk 75.9%, result 89.7%;
# the PDF print of i_asbro failed (NotAReport). These figures are the floor: a change that
# lowers them is a regression; one that raises them should raise the floor.
HELDOUT = entries("heldout")
HELDOUT_FIELD_FLOOR = {"area": 0.68, "number": 0.89, "process": 0.75, "risk": 0.75,
                       "result": 0.89}


def test_heldout_fixtures_agree_as_measured():
    docs = [e for e in HELDOUT if e["format"] != "pdf"]
    assert len({e["gold"] for e in docs}) == 4
    hits = {f: 0 for f in ROW_FIELDS}
    aligned = 0
    for entry in docs:
        gold, report, result, _ = _extract(entry)
        assert result["n_rows"] == result["n_gold"] == result["n_aligned"], entry["file"]
        meta = compare_meta(gold["report"], asdict(report.meta))
        assert all(meta.values()), (entry["file"], meta)
        aligned += result["n_aligned"]
        for f in ROW_FIELDS:
            hits[f] += result["field_hits"][f]
    for f in ROW_FIELDS:
        assert hits[f] / aligned >= HELDOUT_FIELD_FLOOR.get(f, 1.0), (f, hits[f], aligned)


@pytest.mark.xfail(reason="measured: the PDF print of the own-line-labels report gives no "
                          "rows (NotAReport)", strict=False)
@pytest.mark.parametrize("entry", [e for e in HELDOUT if e["format"] == "pdf"],
                         ids=[Path(e["file"]).name for e in HELDOUT if e["format"] == "pdf"])
def test_heldout_pdf_gives_its_rows(entry):
    gold, report, result, _ = _extract(entry)
    assert result["n_aligned"] == result["n_gold"]
