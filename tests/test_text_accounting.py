"""Nothing lost: every word of every control table or block the layouts read ends in a
contract field, in a status cell (the status stage reads it), or in the row's extra. Only the
headings and labels themselves (column headings, "Resultat:") and values turned into typed
fields (risk_value 9, follows_plan "Ja") are allowed to be missing from the text fields."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ikextract.layouts import reconstruct
from ikextract.layouts.family import item_text
from ikextract.model import TEXT_FIELDS
from ikextract.read import read_document
from ikextract.read.docx import read_docx
from ikextract.tables import join_tables
from tests.conftest import FIXTURES, fixture_entries

WORD = re.compile(r"\w+")
FAMILIES = FIXTURES / "families"
FAMILIES2 = FIXTURES / "families2"     # the second independent set (held out, then opened)


def _fixture_paths() -> list[Path]:
    paths = [e["path"] for e in fixture_entries("docx")]
    for split in ("tuning", "heldout"):
        paths += sorted((FAMILIES / split).glob("*.docx"))
    paths += sorted((FAMILIES2 / "heldout").glob("*.docx"))
    return paths


def _converted_paths() -> list[Path]:
    """Word-processor files read after conversion (ODT)."""
    return sorted((FAMILIES2 / "heldout").glob("*.odt"))


def _print_paths() -> list[Path]:
    """The families' PDF prints (beside their DOCX, and in prints/)."""
    return [p for split in ("tuning", "heldout", "prints")
            for p in sorted((FAMILIES / split).glob("*.pdf"))] + sorted(
        (FAMILIES2 / "heldout").glob("*.pdf"))


def words(texts) -> Counter:
    return Counter(w for t in texts if t for w in WORD.findall(str(t).lower()))


def accounted_words(rec) -> Counter:
    texts = []
    for row in rec.rows:
        texts += [getattr(row, f) for f in TEXT_FIELDS]
        texts += list(row.extra.values()) + [t for _, t in row.status_cells]
    return words(texts)


def lost_words(doc, rec) -> Counter:
    source = words(t for i in rec.items for t in item_text(doc.items[i]))
    allowed = accounted_words(rec) + words(rec.labels) + words(rec.parsed)
    return source - allowed


@pytest.mark.parametrize("path", _fixture_paths(), ids=lambda p: p.name)
def test_fields_and_extra_hold_every_word_of_the_control_text(path):
    doc = join_tables(read_docx(path))
    rec = reconstruct(doc)
    assert rec.rows, "no rows"
    lost = lost_words(doc, rec)
    assert not lost, f"words of the control text in no field and not in extra: {dict(lost)}"
    assert 0.0 < rec.text_coverage <= 1.0


@pytest.mark.parametrize("path", _print_paths() + _converted_paths(), ids=lambda p: p.name)
def test_no_word_of_a_pdf_print_is_lost(path):
    doc = join_tables(read_document(path))
    rec = reconstruct(doc)
    assert rec.rows, "no rows"
    lost = lost_words(doc, rec)
    assert not lost, f"words of the control text in no field and not in extra: {dict(lost)}"


def test_a_dropped_word_is_caught():
    """The check itself: a word removed from a field shows up as lost."""
    path = _fixture_paths()[0]
    doc = join_tables(read_docx(path))
    rec = reconstruct(doc)
    row = next(r for r in rec.rows if r.control)
    row.control = row.control + " " if False else " ".join(row.control.split()[1:])
    assert lost_words(doc, rec)
