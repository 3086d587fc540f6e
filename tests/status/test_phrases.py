"""The phrase matcher (phrases.py): its shortcuts (each word pair's candidates, the words a
phrase cannot match without, plain phrases matched by a loop) find what the general search
over every phrase a word can start finds."""
import pytest

from ikextract.status.rules import get_rules
from ikextract.status.tokens import tokens_of
from ikextract.status.train import read_labelled

pytestmark = pytest.mark.usefixtures("rules_only")


def _searched(matcher, norms, is_word):
    """Every phrase tried at every word that can start it, by the general search (_ends)."""
    found = []
    for i, norm in enumerate(norms):
        if not is_word[i]:
            continue
        for p in matcher._starting(norm):
            ends = [e for e in matcher._ends(matcher.specs[p], 0, i, norms, is_word) if e > i]
            if ends:
                found.append((p, i, max(ends)))
    return found


def test_the_matcher_finds_what_the_general_search_finds():
    rules = get_rules()
    texts = [r.text for r in read_labelled()][::7]
    assert len(texts) > 1000
    for text in texts:
        toks = tokens_of(rules.make_doc(text))
        norms = [t.norm_ for t in toks]
        is_word = [not (t.is_punct or t.is_space) or t.text == "%" for t in toks]
        assert rules.matcher(norms, is_word) == _searched(rules.matcher, norms, is_word), text


def test_a_phrase_needs_each_of_its_exact_words():
    rules = get_rules()
    m = rules.matcher
    p = next(k for k, ph in enumerate(rules.phrases) if ph.pattern.startswith("inte|ej ~3"))
    assert m.required[p], rules.phrases[p].pattern
    assert all(isinstance(words, frozenset) for words in m.required[p])
