"""Every DOCX fixture (the seeds and their restyled variants) against ../shared/gold."""
from dataclasses import asdict

import pytest

from ikextract.evaluate import compare_meta, compare_rows
from ikextract.model import ROW_FIELDS
from ikextract.pipeline import extract_file
from tests.conftest import GOLD, fixture_entries, load_gold

ENTRIES = fixture_entries("docx")
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold not beside the checkout")


def test_every_gold_report_has_a_seed_and_a_variant():
    golds = {e["gold"] for e in ENTRIES}
    assert len(golds) == 5
    for g in golds:
        assert len([e for e in ENTRIES if e["gold"] == g]) >= 2


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["path"].name for e in ENTRIES])
def test_docx_fixture_matches_gold(entry):
    gold = load_gold(entry["gold"])
    report = extract_file(entry["path"])
    rows = [asdict(r) for r in report.controls]
    result = compare_rows(gold["controls"], rows)
    assert result["n_rows"] == result["n_gold"], "row count differs from gold"
    assert result["n_aligned"] == result["n_gold"]
    bad = [d for d in result["disagreements"]]
    assert not bad, "fields below 0.95 similarity: " + "; ".join(
        f"row {d['gold_seq']} {d['field']}: gold={d['gold']!r:.80} got={d['value']!r:.80}" for d in bad[:5])
    assert all(v == 1.0 for f, v in result["fields"].items() if f in ROW_FIELDS)
    assert result["status"] >= 0.90, f"status agreement {result['status']:.0%}"
    meta = compare_meta(gold["report"], asdict(report.meta))
    assert all(meta.values()), {k: (gold["report"][k], getattr(report.meta, k)) for k, ok in meta.items() if not ok}
    assert report.source_format == "docx"
    assert all(r.status for r in report.controls)
