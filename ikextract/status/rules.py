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
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import spacy
from spacy.tokens import Doc

from .evidence import (DEVIATION_CODES, FINDING_CODES, NOT_DONE_CODES,  # noqa: F401
                       STRENGTH_CONFIDENCE, SUBSTANTIVE, Hit, Verdict, weigh)
from .normalize import OcrRepair, fold, stem
from .numbers import (CUE_BEFORE_WINDOW, CUE_WINDOW, DEVIATION_WORDS, GOAL_UNITS,  # noqa: F401
                      GOAL_WINDOW, SAMPLE_LINKS, SMALL_SHARE, SMALL_SHARE_CONFIDENCE,
                      TOTAL_WINDOW, NumberRules)
from .phrases import (ADVERB_BREAKS, AFTER_NEGATION_WINDOW, AFTER_NEGATORS,  # noqa: F401
                      NEGATION_WINDOW, Phrase, PhraseMatcher, TokenSpec, _literal_words,
                      parse_pattern)
from .tokens import _FRACTION, Tok, _fraction, _number, tokens_of  # noqa: F401

HERE = Path(__file__).resolve().parent
SENTENCE_ENDS = {".", "!", "?", ";"}
NEUTRALIZER_WINDOW = 2       # "risk för fel", "eventuella avvikelser"
CLEAR_NEUTRALIZER_WINDOW = 4 # "för att säkerställa att rutinen följs"
COMPARISON_WORDS = frozenset(("jamfort", "jamforelse", "jamforelsevis", "an", "mot", "sedan"))
PAST_LABEL_WORDS = 3        # "Förra året:", "Föregående års kontroll:"
PAST_WINDOW = 3              # "I fjol fanns avvikelser"
PAST_AFTER_RELATIVE = 7      # "avvikelser som uppmärksammades vid förra årets kontroll"
CLEAR_NEGATED_CONFIDENCE = 0.75  # "Bisysslor har inte prövats ... i enlighet med riktlinjen"
STILL_WORDS = frozenset(("kvarstar", "kvarstod", "kvar", "fortfarande", "alltjamt", "annu"))
NEUTRALIZED = "neutralized"
HYPHEN_REST = "_"             # the norm of a hyphenated word's second half
PARTLY = frozenset(("delvis",))
ITEM_MARKS = frozenset(("–", "-", ":", "—"))
ITEM_ANSWERS = {"nej": "avvikelser", "delvis": "mindre_avvikelser"}
NORMS = frozenset(("ska", "skall", "far", "bor", "maste"))   # "inga fel ska/får förekomma"
EXPECTATIONS = frozenset(("forvantas", "vantas", "beraknas", "forutses", "planeras"))
ANSWERS = {"ja": "yes", "nej": "no", "delvis": "partial"}
PROGRESS_QUESTION = ("genomfor", "utfor", "gjort", "gjorts", "paborja", "startat")
NOT_APPLICABLE_RULE = ("phrase:hanvisning:ej|inte aktuellt", "phrase:ej_bedombar:")
UNKNOWN_CODE = "okand"
LATER = ":later"
EXAMPLE_MARKERS = (("form", "av"), ("bland", "annat"), ("sasom",), ("exempelvis",),
                   ("t.ex",), ("t.ex.",), ("till", "exempel"), ("framfor", "allt"))
EXAMPLE_WINDOW = 4
SUBJECT_NEGATORS = frozenset(("inga", "ingen", "inget"))
AUXILIARIES = frozenset(("hade", "har", "var", "ar", "blev", "blivit"))
SUBJECT_WORDS = 3            # words of the negated subject before its auxiliary
AFTER_AUXILIARY = 4          # words from the auxiliary to the finding ("har tillgång till kassan utan")  # the rule of a hit that is a purpose or a procedure, not a finding
NOT_A_CONTROL_CONFIDENCE = 0.85
QUALIFIED_NEGATION_CONFIDENCE = 0.85
CONTROL_PREFIXES = ("kontroll", "stickprov", "gransk", "uppfoljning", "moment", "inventering")


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


class StatusRules(NumberRules):
    """Compiled phrase and number rules over a blank Swedish tokenizer."""

    def __init__(self):
        self.nlp = spacy.blank("sv")
        self.phrases = [
            Phrase(r["family"], r["pattern"], r["code"], int(r["strength"]),
                   r["negated_code"] or None, int(r["negated_strength"] or 0), r["negation"] or "")
            for r in _read_tsv("phrases.tsv")
        ]
        self.negators = {fold(r["word"]) for r in _read_tsv("negators.tsv")}
        minor = _read_tsv("minor_qualifiers.tsv")
        self.minor = {fold(r["word"]) for r in minor}
        self.minor_in_sentence = {fold(r["word"]) for r in minor if r["scope"] == "sentence"}
        self.scope_breaks = {fold(r["word"]) for r in _read_tsv("scope_breaks.tsv")}
        self.clause_breaks = {fold(r["word"]) for r in _read_tsv("clause_breaks.tsv")}
        self.verb_negators = [(w,) for w in AFTER_NEGATORS]
        self.clause_negators = [tuple(fold(r["words"]).split())
                                for r in _read_tsv("clause_negators.tsv")]
        self.purpose_words = [tuple(fold(r["words"]).split())
                              for r in _read_tsv("purpose_words.tsv")]
        self.cues = [(fold(r["cue"]), r["kind"]) for r in _read_tsv("numbers.tsv")]
        self._cue_cache: dict = {}
        number_words = _read_tsv("number_words.tsv")
        self.number_words = {fold(r["word"]): float(r["value"])
                             for r in number_words if r["share"] != "yes"}
        # "hälften av", "merparten av": a share, read as "N % av"
        self.share_words = {fold(r["word"]): float(r["value"])
                            for r in number_words if r["share"] == "yes"}
        self.neutralizers = {fold(r["word"]) for r in _read_tsv("neutralizers.tsv")}
        self.clear_neutralizers = {fold(r["word"]) for r in _read_tsv("clear_neutralizers.tsv")}
        self.modals = frozenset(("ska", "skall", "bor", "maste", "kan", "behover"))
        past = _read_tsv("past_words.tsv")
        self.past_words = {fold(r["word"]) for r in past}
        self.recurrence = {fold(r["word"]) for r in _read_tsv("recurrence.tsv")}
        self.procedure_verbs = {fold(r["word"]) for r in _read_tsv("procedure_verbs.tsv")}
        self.info_nouns = {fold(r["word"]) for r in _read_tsv("info_nouns.tsv")}
        self.later_steps = {fold(r["word"]) for r in _read_tsv("later_steps.tsv")}
        self.reason_words = {fold(r["word"]).split()[0] for r in _read_tsv("reason_words.tsv")}
        # "tidigare under året" after a finding is this year's: only a year named counts
        self.past_words_after = {fold(r["word"]) for r in past if r.get("after") == "yes"}
        self.past_after_words = [(w,) for w in sorted(self.past_words_after)]
        planned_rows = _read_tsv("planned_work.tsv")
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
        self.classifier_stopwords = {fold(r["word"]) for r in _read_tsv("classifier_stopwords.tsv")}
        self.goal_words = {fold(r["word"]): r["direction"] for r in _read_tsv("goal_words.tsv")}
        vocabulary = {r["word"] for r in _read_tsv("negators.tsv")}
        self.matcher = PhraseMatcher(self.phrases)
        for p in self.phrases:
            vocabulary |= _literal_words(p.pattern)
        vocabulary |= {r["cue"] for r in _read_tsv("numbers.tsv") if not r["cue"].endswith("*")}
        vocabulary |= {r["word"] for r in _read_tsv("number_words.tsv")}
        abbreviations = _read_tsv("abbreviations.tsv")
        self.repair = OcrRepair(vocabulary, {r["abbreviation"]: r["word"] for r in abbreviations})
        for r in abbreviations:
            # "Utg. enl. nämndbeslut": the dot of a short form is part of it, not a sentence
            # end that would cut the phrase it is in
            short = fold(r["abbreviation"]) + "."
            self.nlp.tokenizer.add_special_case(short, [{"ORTH": short}])

    # -- documents ---------------------------------------------------------------------
    def make_doc(self, text: str) -> Doc:
        """Tokenise the folded text and set each token's norm to its OCR-repaired form."""
        text = self.repair.lost_letters(text)
        doc = self.nlp.make_doc(fold(text))
        for token in doc:
            # The folded text keeps offsets, so the printed token is at the same place.
            token.norm_ = self.repair(text[token.idx:token.idx + len(token)])
        for token in doc[:-1]:
            # a word OCR split at one space ("Ej p åbörjad"): both halves read as the word
            after = doc[token.i + 1]
            if (token.whitespace_ == " " and token.norm_ not in self.repair.vocabulary
                    and token.is_alpha and after.is_alpha):
                word = self.repair.joined(token.text, after.text)
                if word is not None:
                    token.norm_ = after.norm_ = word
            elif (token.text.endswith("-") and len(token) > 2 and token.text[:-1].isalpha()
                  and (after.is_alpha or (after.is_space and token.i + 2 < len(doc)
                                          and doc[token.i + 2].is_alpha))):
                # a word hyphenated at a line break ("avvi-\nkelser"): read where it starts,
                # its second half a word of no meaning (the line break still ends a line)
                rest = after if after.is_alpha else doc[token.i + 2]
                word = self.repair.joined(token.text[:-1], rest.text)
                if word is not None:
                    token.norm_, rest.norm_ = word, HYPHEN_REST
        return doc

    def norm_text(self, doc: Doc) -> str:
        """The text the classifier sees: stems of the repaired norms, words only, without
        the function words of classifier_stopwords.tsv."""
        return " ".join(stem(t.norm_) for t in doc
                        if not t.is_space and t.norm_ not in self.classifier_stopwords)

    # -- rules -------------------------------------------------------------------------
    def _is_boundary(self, token) -> bool:
        return token.is_punct or token.is_space or token.norm_ in self.scope_breaks

    def _negation(self, doc: Doc, start: int, end: int, phrase: Phrase) -> Optional[int]:
        """Index of the negator that turns the phrase round, or None."""
        if not phrase.negation or not phrase.negated_code:
            return None
        # Inside the match (a gap may hold "inte": "avvikelser har inte hanterats").
        if phrase.negation == "both":
            for t in doc[start:end]:
                if t.norm_ in self.negators:
                    return t.i
        i, window = start - 1, NEGATION_WINDOW
        while i >= 0 and start - i <= window:
            t = doc[i]
            if self._is_boundary(t):
                break
            if t.norm_ in self.negators and not (
                    i + 1 < len(doc) and doc[i + 1].norm_.startswith("uteslut")):
                # ("Det kan inte uteslutas att fel förekommer": a possibility, no negation)
                return i
            if t.norm_ == "eller":
                window += 2      # "inga fel eller brister": the negation reaches both
            if t.norm_ == "heller":
                window += 1      # "Ej heller förekom några felaktigheter"
            i -= 1
        if phrase.negated_code == "inga_avvikelser" or (
                phrase.family == "pagar" and phrase.negated_code == "ej_paborjad"):
            # "Inte i något av de kontrollerade ärendena hade tidsfristen överskridits"
            found = self._in_clause(doc, start, self.clause_negators, self.clause_breaks)
            if found is not None:
                return found
        if phrase.negated_code == "inga_avvikelser":
            found = self._negated_subject(doc, start)
            if found is not None:
                return found
        if phrase.negation == "both":
            for t in doc[end:end + AFTER_NEGATION_WINDOW]:
                # "fungerar dock inte", "fungerar i praktiken inte"; "påbörjad men inte
                # avslutad" is another clause.
                if t.is_punct or t.is_space or (t.norm_ in self.scope_breaks
                                                and t.norm_ not in ADVERB_BREAKS):
                    break
                if t.norm_ in AFTER_NEGATORS:
                    return t.i
        return None

    def phrase_hits(self, doc) -> list[Hit]:
        norms = [t.norm_ for t in doc]
        # "%" is a word to a gap: "Målet om 100 % korrekt attesterade fakturor uppnåddes"
        is_word = [not (t.is_punct or t.is_space) or t.text == "%" for t in doc]
        found = [(start, end, self.phrases[p]) for p, start, end in self.matcher(norms, is_word)]
        # Strongest, then longest match first: "mindre avvikelser" is not also "avvikelser",
        # "följs i huvudsak" (minor) is not "Regelverket ... följs".
        found.sort(key=lambda m: (-m[2].strength, -(m[1] - m[0]),
                                  m[2].code not in DEVIATION_CODES, m[0]))
        taken = [False] * len(doc)
        hits = []
        clause_negated = set()   # where a clause-wide negator ("ingen av") turned a phrase
        for start, end, phrase in found:
            if any(taken[start:end]):
                continue
            if (phrase.code == "inga_avvikelser" and end < len(doc) and doc[end].norm_ == "upp"
                    and doc[end - 1].norm_.startswith("folj")):
                continue   # "följs upp", "följdes upp": a follow-up, not a rule followed
            if (end < len(doc) and doc[end].norm_ == "fran"
                    and doc[end - 1].norm_ in ("utgar", "utgick", "utgatt")):
                continue   # "Kontrollen utgår från riskanalysen": what it is based on
            for i in range(start, end):
                taken[i] = True
            negator = self._negation(doc, start, end, phrase)
            if phrase.family == "hanterade" and negator is None and any(
                    t.norm_ in PARTLY for t in doc[start:end]):
                # "Tidigare brister har delvis åtgärdats": some still stand
                hits.append(Hit("avvikelser", 3, doc[start].idx,
                                doc[end - 1].idx + len(doc[end - 1]), "phrase:hanterade:partly"))
                continue
            if phrase.family == "hanterade" and negator is None and any(
                    t.norm_ in self.found_verbs for t in doc[start:end]) and not any(
                    t.norm_ in self.past_words for t in
                    doc[self._sentence_start(doc, start):self._sentence_end(doc, end)]):
                # "Avvikelser har hittats men är nu åtgärdade": this control found them (and
                # they were handled); "de avvikelser som noterades i fjol har åtgärdats" not
                minor = start > 0 and doc[start - 1].norm_ in self.minor
                hits.append(Hit("mindre_avvikelser" if minor else "avvikelser", 3,
                                doc[start - 1 if minor else start].idx,
                                doc[end - 1].idx + len(doc[end - 1]), "phrase:hanterade:found"))
                continue
            if phrase.family == "hanterade" and negator is None and start > 0 and (
                    doc[start - 1].norm_ in self.minor or doc[start - 1].like_num):
                # "marginella avvikelser som har rättats", "tre avvikelser har åtgärdats":
                # deviations were found (and handled); "alla avvikelser har hanterats" is not
                code = "mindre_avvikelser" if doc[start - 1].norm_ in self.minor else "avvikelser"
                hits.append(Hit(code, 3, doc[start - 1].idx,
                                doc[end - 1].idx + len(doc[end - 1]), "phrase:hanterade:found"))
                continue
            cap, later = 1.0, False
            if (negator is None and phrase.code == "inga_avvikelser" and phrase.strength <= 2
                    and phrase.negation and phrase.negated_code in DEVIATION_CODES):
                # "Bisysslor har inte prövats av närmaste chef i enlighet med riktlinjen": a
                # verb's negation earlier in the clause reaches the all-clear at its end
                far = self._in_clause(doc, start, self.verb_negators, self.clause_breaks)
                if far is not None:
                    negator, cap = far, CLEAR_NEGATED_CONFIDENCE
            if negator is not None:
                code, strength = phrase.negated_code, phrase.negated_strength
                if negator < start - 1 and code == "inga_avvikelser" and any(
                        t.norm_ in self.info_nouns for t in doc[negator + 1:start]):
                    # "Inga uppgifter om avvikelser har lämnats": no word of them, which is
                    # not the same as none
                    code, strength = UNKNOWN_CODE, 2
                elif negator < start - 1 and code == "inga_avvikelser" and any(
                        t.norm_ not in self.negators for t in doc[negator + 1:start]):
                    # "inga nya avvikelser", "inga allvarliga brister": all clear, or only
                    # of the worst?
                    cap = QUALIFIED_NEGATION_CONFIDENCE
                if negator < start - NEGATION_WINDOW and code == "inga_avvikelser":
                    clause_negated.add(negator)
                if code == "avvikelser" and any(
                        t.norm_ in self.minor_in_sentence for t in
                        doc[self._sentence_start(doc, start):self._sentence_end(doc, end)]):
                    code = "mindre_avvikelser"   # "Endast i undantagsfall följs inte rutinen"
                first = min(start, negator)
                if code == "inga_avvikelser" and (
                        (end < len(doc) and doc[end].norm_ in NORMS | EXPECTATIONS)
                        or any(t.norm_ in NORMS for t in doc[start:end])
                        or self._neutralized(doc, first, self.clear_neutralizers,
                                             CLEAR_NEUTRALIZER_WINDOW, True)
                        or self._in_clause(doc, first, self.purpose_words) is not None):
                    # "Inga fel ska förekomma", "för att säkerställa att inga obehöriga har
                    # tillgång": what the rule demands or the control looks for, not a finding
                    hits.append(Hit(UNKNOWN_CODE, 1, doc[min(start, negator)].idx,
                                    doc[end - 1].idx + len(doc[end - 1]), NEUTRALIZED))
                    continue
                start, end = min(start, negator), max(end, negator + 1)
            else:
                code, strength = phrase.code, phrase.strength
                neutral = False
                if code in DEVIATION_CODES and (strength <= 2 and (
                        self._neutralized(doc, start) or (
                            end < len(doc) and doc[end].norm_ in self.modals) or (
                            end < len(doc) and doc[end].norm_ in self.procedure_verbs
                            and not (end + 1 < len(doc)
                                     and doc[end + 1].norm_ in AFTER_NEGATORS)))
                        or ((self._neutralized(doc, start, self.past_words, PAST_WINDOW)
                             or self._past_after(doc, end) or self._past_label(doc, start))
                            and not self._still(doc, start))):
                    # "risk för fel", "eventuella avvikelser", "avvikelser ska
                    # dokumenteras": what is looked for, not what was found.
                    code, strength, neutral = "okand", 1, True
                elif code == "inga_avvikelser" and strength <= 2 and (self._neutralized(
                        doc, start, self.clear_neutralizers, CLEAR_NEUTRALIZER_WINDOW, True)
                        or self._in_clause(doc, start, self.purpose_words) is not None
                        or any(t.norm_ in NORMS for t in doc[start:end])
                        or doc[self._sentence_start(doc, start)].norm_ == "att"):
                    # "för att säkerställa att rutinen följs": a purpose, not a finding;
                    # "Samtliga avtal ska finnas registrerade", "Att rutinen följs.": a norm
                    # or the control point itself
                    strength, neutral = 1, True
                if neutral:
                    hits.append(Hit(code, strength, doc[start].idx,
                                    doc[end - 1].idx + len(doc[end - 1]), NEUTRALIZED))
                    continue
                # "Mindre avvikelser i form av ...": a qualifier makes a deviation minor.
                if code == "avvikelser":
                    if start > 0 and doc[start - 1].norm_ in self.minor:
                        code, start = "mindre_avvikelser", start - 1
                    elif any(t.norm_ in self.minor for t in doc[start:end]):
                        code = "mindre_avvikelser"
                    elif any(t.norm_ in self.minor_in_sentence for t in
                             doc[self._sentence_start(doc, start):self._sentence_end(doc, end)]):
                        code = "mindre_avvikelser"    # "Enstaka fakturor har attesterats sent"
            if code == "ej_paborjad" and strength <= 2 and any(
                    t.norm_ in self.recurrence for t in doc[end:self._sentence_end(doc, end)]):
                # "Ett stickprov om 20 ärenden ska göras per halvår": the method, not a start
                hits.append(Hit(UNKNOWN_CODE, 1, doc[start].idx,
                                doc[end - 1].idx + len(doc[end - 1]), NEUTRALIZED))
                continue
            if code in ("pagar", "ej_paborjad") and strength <= 2 and any(
                    t.norm_ in self.later_steps
                    for t in doc[self._sentence_start(doc, start):start]):
                # "Ett förbättringsarbete kring rutinen har påbörjats": a later step (hits()
                # makes it a hint where another sentence states the control's finding)
                later = True
            if code == "inga_avvikelser" and phrase.family != "hanterade" and self._in_clause(
                    doc, start, self.past_after_words, self.clause_breaks) is not None:
                # (an earlier finding handled is this year's follow-up: "Förra årets
                # påpekande är åtgärdat")
                # "Kontrollen från förra året visade inga avvikelser": last year's all-clear
                # is context, not this year's finding
                hits.append(Hit(code, 1, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                                NEUTRALIZED))
                continue
            if (code == "ej_utford" and phrase.family == "genomford" and negator is not None
                    and doc[negator].norm_ in SUBJECT_NEGATORS and negator + 1 < len(doc)
                    and not self._names_a_control(doc[negator + 1].norm_)
                    and doc[negator + 1].norm_ not in AUXILIARIES):   # "Inget har gjorts"
                # "Inga chefer hade genomfört utbildningen": people who did not do something
                # (a finding), not a control left undone ("Ingen kontroll utförd")
                code, strength = "avvikelser", 2
            if (code == "ej_utford" and phrase.family == "ej_utford" and end + 1 < len(doc)
                    and doc[end].norm_ in ("nagon", "nagot", "nagra")
                    and not self._names_a_control(doc[end + 1].norm_)
                    and not any(self._names_a_control(t.norm_) for t in
                                doc[self._sentence_start(doc, start):start])):
                # "Det har inte gjorts någon riskanalys": something missing, not the control
                code, strength = "avvikelser", 2
            if code == "ej_utford" and phrase.family != "ej_utford_plan" and self._reported(
                    doc, start):
                # "Kontrollen visade att lönerevisionen inte genomförts enligt avtal"
                code, strength, cap = "avvikelser", 2, 1.0
            if code == "ej_utford" and not any(
                    t.norm_ in self.control_nouns or t.norm_.startswith(CONTROL_PREFIXES)
                    for t in doc[self._sentence_start(doc, start):self._sentence_end(doc, end)]):
                # "har inte genomförts" of something not named a control: perhaps a finding
                cap = NOT_A_CONTROL_CONFIDENCE
            hits.append(Hit(code, strength, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                            f"phrase:{phrase.family}:{phrase.pattern[:40]}" + (
                                LATER if later else ""), cap))
        if clause_negated:
            # "Ingen av de tio kassorna visade differens": the negator negates the finding
            # ("ingen av" is no shortfall of its own here)
            starts = {doc[k].idx for k in clause_negated}
            hits = [h for h in hits if not (h.code in DEVIATION_CODES and h.start in starts
                                            and h.rule.startswith("phrase:"))]
        return hits

    def _negated_subject(self, doc, start: int) -> Optional[int]:
        """"Inga fakturor hade betalats för sent", "Inga beslut hade fattats utan delegation":
        a negated subject at the head of the clause, its auxiliary and participle, then the
        finding: index of the negator, or None. Not across "av" ("Ingen uppföljning har
        gjorts av felen" does not say there were no errors)."""
        lo = start
        while lo > 0 and not (self._is_boundary(doc[lo - 1]) or doc[lo - 1].norm_ in
                              self.clause_breaks):
            lo -= 1
        if lo >= start or doc[lo].norm_ not in SUBJECT_NEGATORS:
            return None
        between = [t.norm_ for t in doc[lo + 1:start]]
        if "av" in between:
            return None
        aux = [k for k, w in enumerate(between) if w in AUXILIARIES]
        if not aux or aux[0] > SUBJECT_WORDS or len(between) - aux[0] - 1 > AFTER_AUXILIARY:
            return None
        return lo

    def _in_clause(self, doc, start: int, sequences, breaks=frozenset()) -> Optional[int]:
        """Index of the first of sequences (word tuples) in the clause before start: back to
        punctuation, a scope break ("och", "men") or one of breaks ("att", "som")."""
        lo = start
        while lo > 0:
            t = doc[lo - 1]
            if self._is_boundary(t) or t.norm_ in breaks:
                break
            lo -= 1
        norms = [t.norm_ for t in doc[lo:start]]
        for k in range(len(norms)):
            for words in sequences:
                if tuple(norms[k:k + len(words)]) == words:
                    return lo + k
        return None

    def _names_a_control(self, norm: str) -> bool:
        return norm in self.control_nouns or norm.startswith(CONTROL_PREFIXES + (
            "avstamning", "inventering", "genomgang", "atgard", "arbete", "aktivitet"))

    def _reported(self, doc, start: int) -> bool:
        """A report verb and "att" before position start in its sentence ("visade att")."""
        begin = self._sentence_start(doc, start)
        for k in range(begin, start - 1):
            if doc[k].norm_ in self.report_verbs and doc[k + 1].norm_ == "att":
                return True
        return False

    def _past_after(self, doc, end: int) -> bool:
        """"brister som hittades i fjol": a year named just after the finding's words."""
        # or in a relative clause right after: "De avvikelser som uppmärksammades vid förra
        # årets kontroll"
        window = PAST_AFTER_RELATIVE if end < len(doc) and doc[end].norm_ == "som" else PAST_WINDOW
        for t in doc[end:end + window]:
            if t.is_punct or t.is_space:
                return False
            if t.norm_ in self.past_words_after:
                return True
        return False

    def _past_label(self, doc, start: int) -> bool:
        """"Förra året: 8 avvikelser. I år: inga.": an earlier year named as the label of
        the sentence (before a colon) makes its finding context."""
        begin = self._sentence_start(doc, start)
        head = doc[begin:min(start, begin + PAST_LABEL_WORDS)]
        # "Vid förra årets kontroll konstaterades att attest saknades": the sentence is
        # about an earlier year ("Jämfört med förra året har felen ökat" is this year's)
        if any(t.norm_ in self.past_words_after for t in head) and not any(
                t.norm_ in COMPARISON_WORDS for t in doc[begin:start]):
            return True
        for colon in (start - 1, start - 2):
            if (colon >= 1 and doc[colon].text == ":" and _year([doc[colon - 1]]) is not None
                    and (colon == start - 1 or doc[start - 1].like_num)):
                # "Inga avvikelser 2026 (2025: 5 avvikelser)": an earlier year's figure
                year = _year([doc[colon - 1]])
                if any(_year([t]) is not None and _year([t]) > year for t in doc):
                    return True
        for k in range(begin, min(start, begin + PAST_LABEL_WORDS + 1)):
            if doc[k].text == ":":
                if any(t.norm_ in self.past_words for t in doc[begin:k]):
                    return True
                # "2025: 4 avvikelser. 2026: 0 avvikelser.": a year that another line's
                # label follows with a later one
                year = _year(doc[begin:k])
                return year is not None and any(
                    y > year for y in self._labelled_years(doc))
        return False

    def _labelled_years(self, doc) -> list[int]:
        out = []
        for t in doc:
            if t.i + 1 < len(doc) and doc[t.i + 1].text == ":" and (
                    t.i == 0 or doc[t.i - 1].text in SENTENCE_ENDS or "\n" in doc[t.i - 1].text):
                y = _year([t])
                if y is not None:
                    out.append(y)
        return out

    def earlier_year_sentences(self, norms: list[str], sentence_of: list[int]) -> set[int]:
        """The sentences whose head names an earlier year ("Vid förra årets kontroll ...",
        "I fjol ...") and that say nothing still stands ("kvarstår")."""
        out, heads = set(), {}
        for j, s in enumerate(sentence_of):
            heads.setdefault(s, []).append(j)
        for s, idx in heads.items():
            words = [norms[j] for j in idx]
            if (any(w in self.past_words_after for w in words[:PAST_LABEL_WORDS])
                    and not any(w in COMPARISON_WORDS or w in STILL_WORDS for w in words)):
                out.add(s)
        return out

    def _still(self, doc, start: int) -> bool:
        """"tidigare brister kvarstår": an earlier finding that still stands."""
        return any(t.norm_ in STILL_WORDS for t in doc[start:self._sentence_end(doc, start)])

    def _neutralized(self, doc: Doc, start: int, words=None, window: int = 0,
                     clause: bool = False) -> bool:
        """clause: not across "och", "men" ("syfte och deltagare angavs i samtliga fall")."""
        words = self.neutralizers if words is None else words
        window = window or NEUTRALIZER_WINDOW
        i = start - 1
        while i >= 0 and start - i <= window:
            t = doc[i]
            if t.is_punct or t.is_space or (clause and t.norm_ in self.scope_breaks):
                return False
            if t.norm_ in words and not (
                    t.norm_ == "vid" and i + 1 < len(doc)
                    and (self._names_a_control(doc[i + 1].norm_) or doc[i + 1].like_num
                         or doc[i + 1].norm_.startswith(("tillfall", "besok")))):
                # ("vid kontrollen fattades 800 kronor": when, not a procedure)
                return True
            i -= 1
        return False

    def _sentence_norms(self, doc: Doc) -> list[tuple[int, int, set]]:
        out, start, norms = [], 0, set()
        for t in doc:
            norms.add(t.norm_)
            if t.text in SENTENCE_ENDS or "\n" in t.text:
                out.append((start, t.i + 1, norms))
                start, norms = t.i + 1, set()
        if start < len(doc):
            out.append((start, len(doc), norms))
        return out

    def _sentence_end(self, doc: Doc, i: int) -> int:
        n = len(doc)
        while i < n and not (doc[i].text in SENTENCE_ENDS or "\n" in doc[i].text):
            i += 1
        return i

    def _sentence_start(self, doc: Doc, i: int) -> int:
        while i > 0 and not (doc[i - 1].text in SENTENCE_ENDS or "\n" in doc[i - 1].text):
            i -= 1
        return i

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
        found = self._drop_examples(doc, found)
        found = self._minor_verdict(doc, found)
        found = self._drop_reasons_not_applicable(doc, found)
        found = self._later_steps_as_hints(doc, found)
        questions = self._questions(doc)
        if questions:
            # "varför har vi en avvikelse?": a question reports nothing.
            found = [h for h in found if not any(a <= h.start < b for a, b in questions)]
            found = sorted(found + self._answers(doc, questions), key=lambda h: h.start)
        return self._answered_items(doc, found)

    def _answered_items(self, doc, found: list[Hit]) -> list[Hit]:
        """"b) rutin följs – nej", "Rutin följs: Delvis": a list item that names what is
        checked and answers it after a dash or colon; the answer decides."""
        out = []
        for h in found:
            if h.code == "inga_avvikelser" and h.rule.startswith("phrase:"):
                after = [t for t in doc if t.idx >= h.end and not t.is_space][:3]
                if (len(after) >= 2 and after[0].text in ITEM_MARKS
                        and after[1].norm_ in ITEM_ANSWERS and (
                            len(after) == 2 or after[2].is_punct or "\n" in after[2].text)):
                    out.append(Hit(ITEM_ANSWERS[after[1].norm_], h.strength, h.start,
                                   after[1].idx + len(after[1]), h.rule + ":answered", h.cap))
                    continue
            out.append(h)
        return out

    def _answers(self, doc, questions: list[tuple[int, int]]) -> list[Hit]:
        """"Finns rutin för bisysslor? Nej.", "Förekommer fel? Nej.": a question the text
        answers with Ja / Nej / Delvis. Yes to a question after compliance is all clear, yes
        to one after deviations ("fel", "saknas") is a deviation; a question whether the
        control was carried out answers only that (Nej: not carried out)."""
        out = []
        for a, b in questions:
            after = [t for t in doc if t.idx >= b and not t.is_space]
            if not after or after[0].norm_ not in ANSWERS:
                continue
            answer = ANSWERS[after[0].norm_]
            if len(after) > 1 and not (after[1].is_punct or "\n" in after[1].text):
                continue       # "Ja alla har ..." is a sentence, read by the rules
            asked = [t.norm_ for t in doc if a <= t.idx < b and not (t.is_punct or t.is_space)]
            if any(w.startswith(PROGRESS_QUESTION) for w in asked):
                code = {"no": "ej_utford"}.get(answer)
            elif any(self._cue_kind(w) == "deviation" for w in asked):
                code = {"yes": "avvikelser", "no": "inga_avvikelser",
                        "partial": "mindre_avvikelser"}[answer]
            else:
                code = {"yes": "inga_avvikelser", "no": "avvikelser",
                        "partial": "mindre_avvikelser"}[answer]
            if code is not None:
                out.append(Hit(code, 2, a, after[0].idx + len(after[0]), "question:answer"))
        return out

    def _drop_reasons_not_applicable(self, doc, found: list[Hit]) -> list[Hit]:
        """"Inte aktuellt då ingen upphandling genomförts": the reason a control does not
        apply is not a finding (weak deviation words after it in the sentence are dropped)."""
        out = []
        skip_until = -1
        for h in found:
            if h.start < skip_until and h.code in DEVIATION_CODES and h.strength <= 2:
                continue
            out.append(h)
            if h.code == UNKNOWN_CODE and h.rule.startswith(NOT_APPLICABLE_RULE):
                after = [t for t in doc if t.idx >= h.end and not (t.is_punct or t.is_space)]
                if after and after[0].norm_ in self.reason_words and after[0].idx - h.end <= 2:
                    skip_until = doc[self._sentence_end(doc, after[0].i)].idx if \
                        self._sentence_end(doc, after[0].i) < len(doc) else 1 << 30
        return out

    def _later_steps_as_hints(self, doc, found: list[Hit]) -> list[Hit]:
        """A later step under way or not started ("Ett förbättringsarbete har påbörjats") is
        only a hint where another sentence states the control's finding."""
        later = [h for h in found if h.rule.endswith(LATER)]
        if not later:
            return found
        ends = [t.idx for t in doc if t.text in SENTENCE_ENDS or "\n" in t.text]

        def sentence(pos):
            return sum(1 for e in ends if e < pos)
        findings = {sentence(h.start) for h in found if h.code in FINDING_CODES
                    and h.strength >= SUBSTANTIVE and not h.rule.endswith(LATER)}
        for h in later:
            if findings - {sentence(h.start)}:
                h.strength = 1
        return found

    def _minor_verdict(self, doc, found: list[Hit]) -> list[Hit]:
        """"Av 50 fakturor saknade 2 attest. Bedöms som mindre avvikelse.", "en avvikelse
        noterad och den var av mindre art": a minor grading after the deviations it grades
        (no count after them, which would be another finding: "Fel i 5 fall. Mindre fel i 2
        fall.") makes them minor; the deviations before it are what it speaks of."""
        # a grading says so in words of strength 3 ("mindre avvikelse"), not a hint of it
        minor = [h for h in found if h.code == "mindre_avvikelser" and h.strength >= 3]
        plain = [h for h in found if h.code == "avvikelser" and h.strength >= SUBSTANTIVE]
        if not minor or not plain:
            return found
        verdict = max(minor, key=lambda h: h.start)
        if any(h.end > verdict.start for h in plain) \
                or verdict.strength < max(h.strength for h in plain):
            return found
        last_plain = max(h.end for h in plain)
        k = next((t.i for t in doc if t.idx >= verdict.start), len(doc))
        after = [t for t in doc if t.idx >= last_plain and t.i < self._sentence_end(doc, k)]
        if any(t.like_num or t.norm_ in self.number_words for t in after):
            return found
        return [h for h in found if h not in plain]

    def _drop_examples(self, doc, found: list[Hit]) -> list[Hit]:
        """"Formella brister i form av saknade datum": a deviation after "i form av",
        "bland annat", "såsom" details the minor one before it, it is not another."""
        minor_ends = [h.end for h in found if h.code == "mindre_avvikelser"]
        if not minor_ends:
            return found
        by_idx = {t.idx: t.i for t in doc}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            if h.code == "avvikelser" and k is not None and any(e <= h.start for e in minor_ends):
                before = [t.norm_ for t in doc[max(0, k - EXAMPLE_WINDOW):k]]
                if any(tuple(before[j:j + len(w)]) == w for w in EXAMPLE_MARKERS
                       for j in range(len(before))):
                    continue
            out.append(h)
        return out

    def _questions(self, doc: Doc) -> list[tuple[int, int]]:
        spans, start = [], 0
        for t in doc:
            if t.text in SENTENCE_ENDS or "\n" in t.text:
                if t.text == "?":
                    spans.append((start, t.idx + 1))
                start = t.idx + len(t)
        return spans


def _year(tokens) -> Optional[int]:
    """The year a label names ("2025:"), or None."""
    if len(tokens) == 1 and re.fullmatch(r"(19|20)\d\d", tokens[0].text):
        return int(tokens[0].text)
    return None


@lru_cache(maxsize=1)
def get_rules() -> StatusRules:
    return StatusRules()
