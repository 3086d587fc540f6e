"""The status of every gold row of the seed reports, built from the gold fields."""
import pytest

from ikextract.model import STATUS_CODES
from ikextract.status import classify_row
from ikextract.status.evaluate import GOLD_DIR, gold_rows
from ikextract.status.train import read_labelled

pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="no ../shared/gold")


def test_at_least_95_percent_of_gold_rows_within_gold_list():
    items = gold_rows()
    assert len(items) == 60
    misses = []
    for ident, row, accepted in items:
        d = classify_row(row)
        assert d.code in STATUS_CODES and 0.0 <= d.confidence <= 1.0
        if d.code not in accepted:
            misses.append((ident, d.code, accepted))
    assert len(misses) <= 0.05 * len(items), misses


def test_gold_rows_are_not_training_data():
    # Short status phrases ("Ej påbörjad.") are the contract's vocabulary, in training data
    # by design; no sentence of a gold row longer than that is.
    # ... nor are the contract's own example phrases ("Kartläggning av nuläge pågår"), which
    # writers of training data may quote.
    contract = (GOLD_DIR.parent / "CONTRACT.md").read_text(encoding="utf-8")
    trained = {r.text.rstrip(".") for r in read_labelled()
               if f'"{r.text.rstrip(".")}"' not in contract}
    for _, row, _ in gold_rows():
        for text in (row.result, row.comment):
            if text:
                for sentence in text.replace("\n", " ").split(". "):
                    sentence = sentence.strip().rstrip(".")
                    if len(sentence.split()) >= 4:
                        assert sentence not in trained
