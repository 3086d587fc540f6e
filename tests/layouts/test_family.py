"""The family interface and the registry: every family proposes, the best proposals that do
not overlap are kept in document order, and a new family plugs in without other edits."""
from ikextract.layouts import FAMILIES, reconstruct, resolve
from ikextract.layouts.family import Proposal
from ikextract.model import ControlRow, Document, TextBlock

from tests.layouts.helpers import make_table


def _p(family, items, score):
    return Proposal(family, [ControlRow(control=family)], frozenset(items), score)


def test_every_family_has_a_name_and_proposes():
    names = [f.name for f in FAMILIES]
    assert names == sorted(set(names), key=names.index)       # unique
    assert {"grid", "blocks", "register", "label_value", "labelled_paragraphs"} <= set(names)
    doc = Document(path="x", source_format="docx", items=[TextBlock("Ingenting här.")])
    from ikextract.layouts.family import build_context
    for family in FAMILIES:
        assert family.propose(doc, build_context(doc)) == []


def test_overlaps_are_resolved_by_score_and_rivals_together():
    big = _p("grid", {1, 2}, 10.0)
    small_a, small_b = _p("label_value", {1}, 6.0), _p("label_value", {2}, 6.0)
    other = _p("blocks", {5}, 1.0)
    kept = resolve([big, small_a, small_b, other])
    # the two tables read one by one explain more than the grid that swallowed both
    assert kept == [small_a, small_b, other]
    assert resolve([_p("grid", {1, 2}, 13.0), small_a, small_b])[0].family == "grid"


def test_a_new_family_is_one_class_and_one_registry_entry():
    class Memo:
        name = "memo"

        def propose(self, doc, context):
            rows = [ControlRow(control=b.text[5:]) for b in doc.items
                    if isinstance(b, TextBlock) and b.text.startswith("PM 1:")]
            return [Proposal(self.name, rows, frozenset({0}), 1.0)] if rows else []

    doc = Document(path="x", source_format="docx", items=[TextBlock("PM 1: Kontroll av kassa")])
    assert reconstruct(doc).rows == []
    rows = reconstruct(doc, families=[*FAMILIES, Memo()]).rows
    assert [r.control for r in rows] == [" Kontroll av kassa"]


def test_rows_keep_document_order_across_families():
    grid = make_table([["Nr", "Kontrollmoment", "Resultat"], ["1", "Kassa", "Ok."]])
    kv = make_table([["Risk", "Fel."], ["Kontrollmoment", "Bank"], ["Resultat", "Ok."]])
    items = [TextBlock("2.1 Bank", kind="heading", level=2), kv, grid]
    rec = reconstruct(Document(path="x", source_format="docx", items=items))
    assert [r.control for r in rec.rows] == ["Bank", "Kassa"]
    assert [p.family for p in rec.proposals] == ["label_value", "grid"]


def test_text_coverage_counts_what_went_to_extra_and_warns_below_98_percent():
    grid = make_table([["Nr", "Kontrollmoment", "Resultat", "Lagrum"],
                       ["1", "Kontroll av kassan", "Inga avvikelser.", "KL 6 kap. 6 § och 7 §"]])
    rec = reconstruct(Document(path="x", source_format="docx", items=[grid]))
    assert rec.rows[0].extra == {"Lagrum": "KL 6 kap. 6 § och 7 §"}
    assert 0.4 < rec.text_coverage < 0.7
    assert any("text coverage" in w and "'Lagrum'" in w for w in rec.warnings)
    full = make_table([["Nr", "Kontrollmoment", "Resultat"], ["1", "Kassa", "Ok."]])
    rec = reconstruct(Document(path="x", source_format="docx", items=[full]))
    assert rec.text_coverage == 1.0 and not any("coverage" in w for w in rec.warnings)
