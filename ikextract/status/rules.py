"""Rules that read a status from text: phrases (phrases.tsv) with negation and scope, and
numbers that carry the finding ("12 % med anmärkning", "7 av 8 chefer har gått igenom").

The vocabulary lives in the TSV files next to this module; this code only knows the pattern
syntax. A pattern is space-separated token specs matched on the folded, OCR-repaired norm:
  a|b|c     any of these words (written in normal Swedish, folded on load)
  stem*     any word starting with stem
  re:RX     a word matching the regular expression RX
  ?spec     an optional token
  ~N        0..N words (no punctuation, no line break)
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from .normalize import OcrRepair, fold, stem

HERE = Path(__file__).resolve().parent

STRENGTH_CONFIDENCE = {3: 0.95, 2: 0.85, 1: 0.65}
DEVIATION_CODES = ("avvikelser", "mindre_avvikelser")
NEGATION_WINDOW = 3          # words before a phrase a negator may stand in
AFTER_NEGATORS = ("inte", "ej", "icke", "aldrig")   # "rutinen följs inte"
SENTENCE_ENDS = {".", "!", "?", ";"}
CUE_WINDOW = 10              # words between a number and the cue it is about
MINOR_SHARE = 10.0           # at most this % with a finding is a minor deviation ("19 av 20")


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Phrase:
    family: str
    pattern: str
    code: str
    strength: int
    negated_code: Optional[str]
    negated_strength: int
    negation: str               # "before", "both" or "" (never negated)


@dataclass
class Hit:
    """One piece of evidence: a code, how strongly the words say it, and where."""
    code: str
    strength: int
    start: int                  # character offsets in the text
    end: int
    rule: str


def _token_spec(spec: str) -> dict:
    optional = spec.startswith("?")
    if optional:
        spec = spec[1:]
    alternatives = spec.split("|")
    if all(not a.endswith("*") and not a.startswith("re:") for a in alternatives):
        d: dict = {"NORM": {"IN": sorted({fold(a) for a in alternatives})}}
    else:
        parts = []
        for a in alternatives:
            if a.startswith("re:"):
                parts.append(a[3:].lstrip("^").rstrip("$"))
            elif a.endswith("*"):
                parts.append(re.escape(fold(a[:-1])) + r".*")
            else:
                parts.append(re.escape(fold(a)))
        d = {"NORM": {"REGEX": "^(?:" + "|".join(parts) + ")$"}}
    if optional:
        d["OP"] = "?"
    return d


def compile_pattern(pattern: str) -> list[dict]:
    out = []
    for spec in pattern.split():
        m = re.fullmatch(r"~(\d+)", spec)
        if m:
            out.append({"IS_PUNCT": False, "IS_SPACE": False, "OP": "{0,%s}" % m.group(1)})
        else:
            out.append(_token_spec(spec))
    return out


def _required(pattern: str) -> list[tuple[frozenset, tuple]]:
    """For each required token spec: (its folded words, its folded prefixes); specs with a
    regular expression are left out (they are checked by the Matcher only)."""
    out = []
    for spec in pattern.split():
        if spec.startswith(("?", "~")) or "re:" in spec:
            continue
        alternatives = spec.split("|")
        words = frozenset(fold(a) for a in alternatives if not a.endswith("*"))
        prefixes = tuple(fold(a[:-1]) for a in alternatives if a.endswith("*"))
        out.append((words, prefixes))
    return out


def _present(norms: set, words: frozenset, prefixes: tuple) -> bool:
    if not words.isdisjoint(norms):
        return True
    return bool(prefixes) and any(n.startswith(prefixes) for n in norms)


def _literal_words(pattern: str) -> set[str]:
    words = set()
    for spec in pattern.split():
        for a in spec.lstrip("?").split("|"):
            if not a.endswith("*") and not a.startswith(("re:", "~")):
                words.add(a.lower())
    return words


class StatusRules:
    """Compiled phrase and number rules over a blank Swedish tokenizer."""

    def __init__(self):
        self.nlp = spacy.blank("sv")
        self.phrases = [
            Phrase(r["family"], r["pattern"], r["code"], int(r["strength"]),
                   r["negated_code"] or None, int(r["negated_strength"] or 0), r["negation"] or "")
            for r in _read_tsv("phrases.tsv")
        ]
        self.negators = {fold(r["word"]) for r in _read_tsv("negators.tsv")}
        self.minor = {fold(r["word"]) for r in _read_tsv("minor_qualifiers.tsv")}
        self.scope_breaks = {fold(r["word"]) for r in _read_tsv("scope_breaks.tsv")}
        self.cues = [(fold(r["cue"]), r["kind"]) for r in _read_tsv("numbers.tsv")]
        vocabulary = {r["word"] for r in _read_tsv("negators.tsv")}
        # One Matcher per phrase, run only on documents holding a word for each of its
        # required tokens: most phrases cannot match most texts, and this check is cheap.
        self.matchers = []
        for i, p in enumerate(self.phrases):
            matcher = Matcher(self.nlp.vocab)
            matcher.add(str(i), [compile_pattern(p.pattern)])
            self.matchers.append((p, matcher, _required(p.pattern)))
            vocabulary |= _literal_words(p.pattern)
        vocabulary |= {r["cue"] for r in _read_tsv("numbers.tsv") if not r["cue"].endswith("*")}
        self.repair = OcrRepair(vocabulary)

    # -- documents ---------------------------------------------------------------------
    def make_doc(self, text: str) -> Doc:
        """Tokenise the folded text and set each token's norm to its OCR-repaired form."""
        doc = self.nlp.make_doc(fold(text))
        for token in doc:
            # The folded text keeps offsets, so the printed token is at the same place.
            token.norm_ = self.repair(text[token.idx:token.idx + len(token)])
        return doc

    def norm_text(self, doc: Doc) -> str:
        """The text the classifier sees: stems of the repaired norms, words only."""
        return " ".join(stem(t.norm_) for t in doc if not t.is_space)

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
        i = start - 1
        while i >= 0 and start - i <= NEGATION_WINDOW:
            t = doc[i]
            if self._is_boundary(t):
                break
            if t.norm_ in self.negators:
                return i
            i -= 1
        if phrase.negation == "both":
            for t in doc[end:end + 2]:
                if self._is_boundary(t):
                    break
                if t.norm_ in AFTER_NEGATORS:
                    return t.i
        return None

    def phrase_hits(self, doc: Doc) -> list[Hit]:
        found = []
        norms = {t.norm_ for t in doc}
        for phrase, matcher, required in self.matchers:
            if all(_present(norms, words, prefixes) for words, prefixes in required):
                for _, start, end in matcher(doc):
                    found.append((start, end, phrase))
        # Longest match first: "mindre avvikelser" is not also "avvikelser".
        found.sort(key=lambda m: (-(m[1] - m[0]), -m[2].strength, m[0]))
        taken = [False] * len(doc)
        hits = []
        for start, end, phrase in found:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            negator = self._negation(doc, start, end, phrase)
            if negator is not None:
                code, strength = phrase.negated_code, phrase.negated_strength
                start, end = min(start, negator), max(end, negator + 1)
            else:
                code, strength = phrase.code, phrase.strength
                # "Mindre avvikelser i form av ...": a qualifier makes a deviation minor.
                if code == "avvikelser":
                    if start > 0 and doc[start - 1].norm_ in self.minor:
                        code, start = "mindre_avvikelser", start - 1
                    elif any(t.norm_ in self.minor for t in doc[start:end]):
                        code = "mindre_avvikelser"
            hits.append(Hit(code, strength, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                            f"phrase:{phrase.family}:{phrase.pattern[:40]}"))
        return hits

    def _cue_kind(self, norm: str) -> Optional[str]:
        for cue, kind in self.cues:
            if (cue.endswith("*") and norm.startswith(cue[:-1])) or norm == cue:
                return kind
        return None

    def number_hits(self, doc: Doc) -> list[Hit]:
        """Shares and counts tied to a deviation or completion word in the same sentence."""
        hits = []
        n = len(doc)
        for i, t in enumerate(doc):
            if not t.like_num:
                continue
            value = _number(t.text)
            if value is None:
                continue
            nxt = doc[i + 1] if i + 1 < n else None
            if nxt is not None and (nxt.text == "%" or nxt.norm_ == "procent"):
                share, q_end = value, i + 2
            elif (i + 2 < n and nxt.norm_ == "av" and doc[i + 2].like_num
                  and (_number(doc[i + 2].text) or 0) > 0 and (i == 0 or doc[i - 1].norm_ != "av")):
                total = _number(doc[i + 2].text)
                if value > total:
                    continue
                share, q_end = 100.0 * value / total, i + 3
            else:
                continue
            for j in range(q_end, min(n, q_end + CUE_WINDOW)):
                c = doc[j]
                if c.is_space or c.text in SENTENCE_ENDS:
                    break
                kind = self._cue_kind(c.norm_)
                if kind is None:
                    continue
                negated = any(x.norm_ in self.negators for x in doc[max(q_end, j - 2):j])
                # The share of cases with a finding, whichever way the sentence counts.
                counts_findings = (kind == "deviation") != negated
                bad_share = share if counts_findings else 100.0 - share
                if bad_share <= 0:
                    code = "inga_avvikelser"
                elif bad_share <= MINOR_SHARE:
                    code = "mindre_avvikelser"
                else:
                    code = "avvikelser"
                hits.append(Hit(code, 3, t.idx, c.idx + len(c), f"number:{kind}"))
                break
        return hits

    def hits(self, doc: Doc) -> list[Hit]:
        return sorted(self.phrase_hits(doc) + self.number_hits(doc), key=lambda h: h.start)


def _number(text: str) -> Optional[float]:
    try:
        return float(text.replace(",", ".").replace("\u2009", "").replace(" ", ""))
    except ValueError:
        return None


def decide(hits: list[Hit]) -> Optional[tuple[str, float, Hit]]:
    """The strongest hit; on a tie a reported deviation beats an all-clear, then the earliest.

    Returns (code, confidence, deciding hit), or None when no rule fired."""
    if not hits:
        return None
    top = max(h.strength for h in hits)
    best = [h for h in hits if h.strength == top]
    if any(h.code in DEVIATION_CODES for h in best):
        best = [h for h in best if h.code != "inga_avvikelser"]
    chosen = min(best, key=lambda h: h.start)
    confidence = STRENGTH_CONFIDENCE[top]
    if len({h.code for h in best}) > 1:
        confidence -= 0.1
    return chosen.code, confidence, chosen


@lru_cache(maxsize=1)
def get_rules() -> StatusRules:
    return StatusRules()
