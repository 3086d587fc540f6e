"""The rules' token list (tokens.py): made once with the doc, the same as one made again from
the finished doc; folding one letter for one; word sequences by first word."""
import pytest

from ikextract.status.folding import _FOLD, fold
from ikextract.status.rules import get_rules
from ikextract.status.tokens import (RULE_TOKENS, WordSequences, plain_tokens, rule_tokens,
                                     tokens_of)

pytestmark = pytest.mark.usefixtures("rules_only")

# texts each surface repair touches: a cut word, a hyphen half at a line break, glued words,
# a short form's dot, a scan's mark inside a word, letters spaced out, spaces within a line
SURFACE_TEXTS = [
    "Ej p åbörjad.", "Inga avvi-\nkelser noterades.", "Ejpåbörjad", "Kontrollen pa- går",
    "Utg. enl. konst. brister", "Inga avvil<elser", "I n g a  avvikelser", "Inga  fel\n\nOK.",
    "Mindre avvikelser: 3 av 40 fakturor saknade attest (7,5 %).", "",
]

SLOTS = ("text", "norm_", "idx", "i", "is_punct", "is_space", "like_num", "whitespace_",
         "is_alpha")


def _attrs(tokens):
    return [tuple(getattr(t, s) for s in SLOTS) for t in tokens]


@pytest.mark.parametrize("text", SURFACE_TEXTS)
def test_the_kept_list_is_the_list_of_the_finished_doc(text):
    rules = get_rules()
    doc = rules.make_doc(text)
    kept = tokens_of(doc)
    assert kept is doc.user_data[RULE_TOKENS] and tokens_of(doc) is kept
    assert _attrs(kept) == _attrs(rule_tokens(plain_tokens(doc)))
    # the doc's own norms are the ones the rules read (columns and shares read the doc)
    assert [t.norm_ for t in doc if not (t.is_space and "\n" not in t.text)] == [
        t.norm_ for t in kept]


def test_a_doc_not_made_by_the_rules_gets_a_list_made_now():
    rules = get_rules()
    doc = rules.nlp.make_doc("inga  avvikelser\nnoterades")
    toks = tokens_of(doc)
    assert [t.text for t in toks] == ["inga", "avvikelser", "\n", "noterades"]
    assert [t.i for t in toks] == [0, 1, 2, 3]


def _fold_by_table(text: str) -> str:
    # the definition: lower case, then each letter of the table folded (translate)
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


@pytest.mark.parametrize("text", [
    "".join(chr(k) for k in _FOLD), "ÅÄÖ åäö Éé ü’”“\u00a0x", "İstanbul Åsa", "plain ascii",
    "Ej påbörjad – Lépande atgärd"])
def test_fold_is_the_table_letter_for_letter(text):
    assert fold(text) == _fold_by_table(text)
    assert len(fold(text)) == len(text)


def test_word_sequences_by_first_word():
    seqs = WordSequences([("under", "perioden"), ("i", "ar"), ("under", "aret")])
    assert seqs.by_first["under"] == [("under", "perioden"), ("under", "aret")]
    assert tuple(seqs) == (("under", "perioden"), ("i", "ar"), ("under", "aret"))
