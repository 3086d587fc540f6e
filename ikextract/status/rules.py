"""Rules that read a status from text: phrases (phrases.tsv) with negation and scope, and
numbers that carry the finding ("12 % med anmärkning", "7 av 8 chefer har gått igenom").

The vocabulary lives in the TSV files next to this module; this code only knows the pattern
syntax. A pattern is space-separated token specs matched on the folded, OCR-repaired norm:
  a|b|c     any of these words (written in normal Swedish, folded on load)
  stem*     any word starting with stem
  re:RX     a word matching the regular expression RX
  rx:RX     the whole spec one regular expression ("|" inside it is the regex's own)
  ?spec     an optional token
  ~N        0..N words (no punctuation, no line break)

StatusRules loads the vocabularies and runs the steps, each a mixin in its own module:
phrase_hits.py (phrases, negation), numbers.py (counts, shares), clauses.py (the context a
hit stands in), hit_filters.py (the passes over what was found), not_a_result.py (sentences
that are no result: risks, goals, norms, headers), progress.py (how far the control itself
has come); windows.py holds how far they look.
"""
from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.tokens import Doc

from .clauses import ClauseRules
from .evidence import Hit
from .hit_filters import HitFilters
from .normalize import OcrRepair, fold, rule_words, stem
from .numbers import NumberRules
from .phrases import AFTER_NEGATORS, Phrase, PhraseMatcher, _literal_words
from .not_a_result import NotAResultRules
from .phrase_hits import MINOR_GRADES, PhraseHitRules
from .progress import ProgressRules
from .surface import repair_tokens
from .tokens import RULE_TOKENS, Tok, WordSequences, rule_tokens, tokens_of
from .vocabulary import read_tsv
from .windows import SUBORDINATORS

DOC_CACHE = 512
_stem = lru_cache(maxsize=1 << 16)(stem)      # a word's stem, once per process


class StatusRules(PhraseHitRules, ClauseRules, HitFilters, NotAResultRules, ProgressRules,
                  NumberRules):
    """Compiled phrase and number rules over a blank Swedish tokenizer."""

    def __init__(self):
        self.nlp = spacy.blank("sv")
        self.phrases = [
            Phrase(r["family"], r["pattern"], r["code"], int(r["strength"]),
                   r["negated_code"] or None, int(r["negated_strength"] or 0), r["negation"] or "")
            for r in read_tsv("phrases.tsv")
        ]
        self.negators = {fold(r["word"]) for r in read_tsv("negators.tsv")}
        minor = read_tsv("minor_qualifiers.tsv")
        self.minor = {fold(r["word"]) for r in minor}
        self.minor_grades = frozenset(self.minor | MINOR_GRADES)   # a grading's words (_graded_minor)
        self.minor_in_sentence = {fold(r["word"]) for r in minor if r["scope"] == "sentence"}
        # its phrases ("ett par") by first word (_minor_in)
        self.minor_phrases = WordSequences(tuple(w.split()) for w in self.minor_in_sentence
                                           if " " in w)
        self.scope_breaks = {fold(r["word"]) for r in read_tsv("scope_breaks.tsv")}
        self.clause_breaks = {fold(r["word"]) for r in read_tsv("clause_breaks.tsv")}
        # a subordinate clause's breaks: not its own opening words (_subordinate_progress)
        self.subordinate_breaks = frozenset(self.clause_breaks - {
            w for words in SUBORDINATORS for w in words})
        self.verb_negators = WordSequences((w,) for w in AFTER_NEGATORS)
        self.clause_negators = WordSequences(tuple(fold(r["words"]).split())
                                             for r in read_tsv("clause_negators.tsv"))
        self.purpose_words = WordSequences(tuple(fold(r["words"]).split())
                                           for r in read_tsv("purpose_words.tsv"))
        self.cues = [(fold(r["cue"]), r["kind"]) for r in read_tsv("numbers.tsv")]
        self._cue_cache: dict = {}
        number_words = read_tsv("number_words.tsv")
        self.number_words = {fold(r["word"]): float(r["value"])
                             for r in number_words if r["share"] != "yes"}
        # "hälften av", "merparten av": a share, read as "N % av"
        self.share_words = {fold(r["word"]): float(r["value"])
                            for r in number_words if r["share"] == "yes"}
        self.neutralizers = {fold(r["word"]) for r in read_tsv("neutralizers.tsv")}
        self.clear_neutralizers = {fold(r["word"]) for r in read_tsv("clear_neutralizers.tsv")}
        self.modals = frozenset(("ska", "skall", "bor", "maste", "kan", "behover"))
        past = read_tsv("past_words.tsv")
        self.past_words = {fold(r["word"]) for r in past}
        # where the sentence names this year, an earlier year's words neutralize nothing
        self.neutralizers_this_year = frozenset(self.neutralizers - self.past_words)
        self.recurrence = {fold(r["word"]) for r in read_tsv("recurrence.tsv")}
        self.procedure_verbs = {fold(r["word"]) for r in read_tsv("procedure_verbs.tsv")}
        self.info_nouns = {fold(r["word"]) for r in read_tsv("info_nouns.tsv")}
        self.later_steps = {fold(r["word"]) for r in read_tsv("later_steps.tsv")}
        self.reason_words = {fold(r["word"]).split()[0] for r in read_tsv("reason_words.tsv")}
        # "tidigare under året" after a finding is this year's: only a year named counts
        self.past_words_after = {fold(r["word"]) for r in past if r.get("after") == "yes"}
        self.past_after_words = WordSequences((w,) for w in sorted(self.past_words_after))
        planned_rows = read_tsv("planned_work.tsv")
        planned = [fold(r["word"]) for r in planned_rows if r["kind"] == "plan"]
        self.control_nouns = frozenset(fold(r["word"]) for r in planned_rows
                                       if r["kind"] == "control")
        self.report_verbs = frozenset(fold(r["word"]) for r in planned_rows
                                      if r["kind"] == "report_verb")
        self.check_verbs = frozenset(fold(r["word"]) for r in planned_rows
                                     if r["kind"] == "check_verb")
        self.found_verbs = frozenset(fold(r["word"]) for r in planned_rows
                                     if r["kind"] == "found_verb")
        self.sample_words = frozenset(fold(r["word"]) for r in planned_rows
                                      if r["kind"] == "sample")
        done = [fold(r["word"]) for r in planned_rows if r["kind"] == "done_verb"]
        self.done_words = frozenset(w for w in done if not w.endswith("*"))
        self.done_prefixes = tuple(w[:-1] for w in done if w.endswith("*"))
        self.planned_words = frozenset(w for w in planned if not w.endswith("*"))
        self.planned_prefixes = tuple(w[:-1] for w in planned if w.endswith("*"))
        self.classifier_stopwords = {fold(r["word"]) for r in read_tsv("classifier_stopwords.tsv")}
        self.goal_words = {fold(r["word"]): r["direction"] for r in read_tsv("goal_words.tsv")}
        self._load_not_a_result(read_tsv("not_a_result.tsv"))
        self.matcher = PhraseMatcher(self.phrases)
        # the words OCR may damage: every vocabulary's words (rule_words: negators, number
        # words, the heads of sentences of no result, "Sicla 3 av 7"...), the phrases' own
        # words and the cues of numbers (columns rule_words does not read)
        vocabulary = set()
        for p in self.phrases:
            vocabulary |= _literal_words(p.pattern)
        vocabulary |= {r["cue"] for r in read_tsv("numbers.tsv") if not r["cue"].endswith("*")}
        abbreviations = read_tsv("abbreviations.tsv")
        self.repair = OcrRepair(vocabulary | rule_words(),
                                {r["abbreviation"]: r["word"] for r in abbreviations})
        self._docs = lru_cache(maxsize=DOC_CACHE)(self._make_doc)   # make_doc's last texts
        for r in abbreviations:
            # "Utg. enl. nämndbeslut": the dot of a short form is part of it, not a sentence
            # end that would cut the phrase it is in
            short = fold(r["abbreviation"]) + "."
            self.nlp.tokenizer.add_special_case(short, [{"ORTH": short}])

    # -- documents ---------------------------------------------------------------------
    def make_doc(self, text: str) -> Doc:
        """Tokenise the folded text and set each token's norm to its OCR-repaired form. The
        same text is read more than once (as a whole, as a label's part, as the sentence a
        rule quotes): the docs of the last texts are kept, and nothing changes a doc once
        made (the rules only read it)."""
        return self._docs(text)

    def _make_doc(self, text: str) -> Doc:
        repair = self.repair
        text = repair.lost_letters(text)
        doc = self.nlp.make_doc(fold(text))
        toks = []
        for k, view in enumerate(doc):
            # The folded text keeps offsets, so the printed token is at the same place.
            at = view.idx
            norm = view.norm_ = repair(text[at:at + len(view)])
            toks.append(Tok(view, k, norm))
        # glued, cut and hyphenated words, and words a scan split at a space (surface.py)
        toks = repair_tokens(doc, text, repair, toks)
        # the rules' tokens, made here from the same plain tokens (tokens_of)
        doc.user_data[RULE_TOKENS] = rule_tokens(toks)
        return doc

    def norm_text(self, doc: Doc) -> str:
        """The text the classifier sees: stems of the repaired norms, words only, without
        the function words of classifier_stopwords.tsv."""
        return " ".join(_stem(t.norm_) for t in tokens_of(doc)
                        if not t.is_space and t.norm_ not in self.classifier_stopwords)


    def hits(self, doc: Doc) -> list[Hit]:
        # The tokens once, as plain objects: every rule below indexes them many times (each
        # doc[i] makes a new Token object), and spaces within a line ("Inga  avvikelser")
        # are not tokens to the rules; a line break is.
        doc = tokens_of(doc)
        numbers = self.number_hits(doc)
        # A count already read the cue inside it ("0 % av stickproven hade anmärkning").
        phrases = [h for h in self.phrase_hits(doc)
                   if h.strength >= 3 or not any(h.start < n.end and n.start < h.end
                                                 for n in numbers)]
        found = sorted(phrases + numbers, key=lambda h: h.start)
        found = self._not_a_result(doc, found)
        found = self._drop_examples(doc, found)
        found = self._minor_verdict(doc, found)
        found = self._drop_reasons_not_applicable(doc, found)
        found = self._subordinate_progress(doc, found)
        found = self._reported_progress(doc, found)
        found = self._own_progress(doc, found)
        found = self._rest_planned(doc, found)
        found = self._coverage_counts(doc, found)
        found = self._progress_in_context(doc, found)
        found = self._undone_of_what_was_checked(doc, found)
        found = self._checked_for_purpose(doc, found)
        found = self._delay_of_progress(doc, found)
        found = self._later_steps_as_hints(doc, found)
        questions = self._questions(doc)
        if questions:
            # "varför har vi en avvikelse?": a question reports nothing.
            found = [h for h in found if not any(a <= h.start < b for a, b in questions)]
            found = sorted(found + self._answers(doc, questions), key=lambda h: h.start)
        return self._answered_items(doc, found)


def settle_loaded() -> None:
    """What was just loaded (the rules' vocabularies, the classifier) lives as long as the
    process: out of the cyclic collector's full passes, which otherwise walk all of it each
    time (gc.freeze; `bench/status_speed.py --without-freeze` measures what it saves)."""
    gc.collect()
    gc.freeze()


@lru_cache(maxsize=1)
def get_rules() -> StatusRules:
    rules = StatusRules()
    settle_loaded()
    return rules
