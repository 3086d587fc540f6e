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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import spacy
from spacy.tokens import Doc

from .normalize import OcrRepair, fold, stem

HERE = Path(__file__).resolve().parent

STRENGTH_CONFIDENCE = {3: 0.95, 2: 0.85, 1: 0.65}
DEVIATION_CODES = ("avvikelser", "mindre_avvikelser")
NEGATION_WINDOW = 3          # words before a phrase a negator may stand in
AFTER_NEGATORS = ("inte", "ej", "icke", "aldrig")   # "rutinen följs inte"
AFTER_NEGATION_WINDOW = 3
# "mindre" means minor only before a deviation word ("mindre fel"), not in "mindre än hälften"
DEVIATION_WORDS = frozenset(("avvikelse", "avvikelser", "brist", "brister", "fel",
                             "felaktigheter", "anmarkning", "anmarkningar", "avvikelserna"))
ADVERB_BREAKS = ("dock",)    # after a verb "dock" is an adverb, not a new clause
SENTENCE_ENDS = {".", "!", "?", ";"}
CUE_WINDOW = 10              # words between a number and the cue it is about
CUE_BEFORE_WINDOW = 6        # "saknades i 4 av 15 ärenden": a cue before the count
TOTAL_WINDOW = 8             # "Av 60 kontrollerade verifikationer saknade 5 attest"
NEUTRALIZER_WINDOW = 2       # "risk för fel", "eventuella avvikelser"
CLEAR_NEUTRALIZER_WINDOW = 4 # "för att säkerställa att rutinen följs"
PAST_WINDOW = 3              # "I fjol fanns avvikelser"
STILL_WORDS = frozenset(("kvarstar", "kvarstod", "kvar", "fortfarande", "alltjamt", "annu"))
NEUTRALIZED = "neutralized"  # the rule of a hit that is a purpose or a procedure, not a finding
GOAL_WINDOW = 4              # words between a goal word and its percentage
NOT_A_CONTROL_CONFIDENCE = 0.85
QUALIFIED_NEGATION_CONFIDENCE = 0.85
CONTROL_PREFIXES = ("kontroll", "stickprov", "gransk", "uppfoljning", "moment", "inventering")
GOAL_UNITS = {"%": "%", "procent": "%", "dagar": "dagar", "dag": "dagar", "veckor": "veckor",
              "vecka": "veckor", "manader": "manader", "timmar": "timmar"}
SAMPLE_LINKS = frozenset(("pa", "om", "av", "omfattade", "omfattar", "omfattande", "motsvarade",
                          "motsvarar", "motsvarande", "till"))
SMALL_SHARE = 10.0           # at most this % with a finding ...
SMALL_SHARE_CONFIDENCE = 0.85  # ... is a deviation said less surely (minor or not?)


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
    cap: float = 1.0            # at most this confidence (a code a careful reader might not give)


def _literal_words(pattern: str) -> set[str]:
    words = set()
    for spec in pattern.split():
        for a in spec.lstrip("?").split("|"):
            if not a.endswith("*") and not a.startswith(("re:", "~")):
                words.add(a.lower())
    return words


@dataclass(frozen=True)
class TokenSpec:
    """One token of a pattern: folded words, folded prefixes, regular expressions."""
    words: frozenset
    prefixes: tuple
    regexes: tuple
    optional: bool = False
    gap: int = 0                # > 0: this spec is "~N", up to N words
    _seen: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def matches(self, norm: str) -> bool:
        if norm in self.words:
            return True
        if not (self.prefixes or self.regexes):
            return False
        hit = self._seen.get(norm)
        if hit is None:
            hit = self._seen[norm] = bool(
                (self.prefixes and norm.startswith(self.prefixes))
                or any(r.fullmatch(norm) for r in self.regexes))
        return hit


def parse_pattern(pattern: str) -> tuple[TokenSpec, ...]:
    out = []
    for spec in pattern.split():
        m = re.fullmatch(r"~(\d+)", spec)
        if m:
            out.append(TokenSpec(frozenset(), (), (), gap=int(m.group(1))))
            continue
        optional = spec.startswith("?")
        alternatives = spec.lstrip("?").split("|")
        out.append(TokenSpec(
            frozenset(fold(a) for a in alternatives if not a.endswith("*") and not a.startswith("re:")),
            tuple(fold(a[:-1]) for a in alternatives if a.endswith("*")),
            tuple(re.compile(a[3:].lstrip("^").rstrip("$")) for a in alternatives if a.startswith("re:")),
            optional))
    return tuple(out)


class PhraseMatcher:
    """All phrases over a text's list of norms, in pure Python: each phrase is tried only at
    positions whose word can start it (an index by first word), which is what makes the
    rules fast; a gap ("~N") spans words only, never punctuation or a line break."""

    def __init__(self, phrases: list[Phrase]):
        self.specs = [parse_pattern(p.pattern) for p in phrases]
        self.by_first: dict[str, list[int]] = {}
        self.scan: list[int] = []        # first spec with prefixes or regexes
        for i, specs in enumerate(self.specs):
            first = specs[0]
            if first.optional or first.gap or first.prefixes or first.regexes:
                self.scan.append(i)
                continue
            for w in first.words:
                self.by_first.setdefault(w, []).append(i)

    def _ends(self, specs, k: int, j: int, norms, is_word) -> list[int]:
        """Every end position of specs[k:] matched from token j."""
        if k == len(specs):
            return [j]
        spec = specs[k]
        n = len(norms)
        out = []
        if spec.gap:
            following = specs[k + 1] if k + 1 < len(specs) else None
            g = 0
            while True:
                at = j + g
                # only where the spec after the gap can match (the common case: a word)
                if following is None or following.optional or following.gap or (
                        at < n and is_word[at] and following.matches(norms[at])):
                    out.extend(self._ends(specs, k + 1, at, norms, is_word))
                if g == spec.gap or at >= n or not is_word[at]:
                    break
                g += 1
            return out
        if j < n and is_word[j] and spec.matches(norms[j]):
            out.extend(self._ends(specs, k + 1, j + 1, norms, is_word))
        if spec.optional:
            out.extend(self._ends(specs, k + 1, j, norms, is_word))
        return out

    @lru_cache(maxsize=None)
    def _starting(self, norm: str) -> tuple[int, ...]:
        return tuple(self.by_first.get(norm, [])) + tuple(
            q for q in self.scan if self.specs[q][0].matches(norm))

    def __call__(self, norms: list[str], is_word: list[bool]) -> list[tuple[int, int, int]]:
        """(phrase index, start, end) of the longest match of each phrase at each start."""
        found = []
        for i, norm in enumerate(norms):
            if not is_word[i]:
                continue
            for p in self._starting(norm):
                ends = self._ends(self.specs[p], 0, i, norms, is_word)
                ends = [e for e in ends if e > i]
                if ends:
                    found.append((p, i, max(ends)))
        return found


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
        minor = _read_tsv("minor_qualifiers.tsv")
        self.minor = {fold(r["word"]) for r in minor}
        self.minor_in_sentence = {fold(r["word"]) for r in minor if r["scope"] == "sentence"}
        self.scope_breaks = {fold(r["word"]) for r in _read_tsv("scope_breaks.tsv")}
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
        self.past_words = {fold(r["word"]) for r in _read_tsv("past_words.tsv")}
        planned_rows = _read_tsv("planned_work.tsv")
        planned = [fold(r["word"]) for r in planned_rows if r["kind"] == "plan"]
        self.control_nouns = frozenset(fold(r["word"]) for r in planned_rows
                                       if r["kind"] == "control")
        self.report_verbs = frozenset(fold(r["word"]) for r in planned_rows
                                      if r["kind"] == "report_verb")
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
        i = start - 1
        while i >= 0 and start - i <= NEGATION_WINDOW:
            t = doc[i]
            if self._is_boundary(t):
                break
            if t.norm_ in self.negators:
                return i
            i -= 1
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
        is_word = [not (t.is_punct or t.is_space) for t in doc]
        found = [(start, end, self.phrases[p]) for p, start, end in self.matcher(norms, is_word)]
        # Strongest, then longest match first: "mindre avvikelser" is not also "avvikelser",
        # "följs i huvudsak" (minor) is not "Regelverket ... följs".
        found.sort(key=lambda m: (-m[2].strength, -(m[1] - m[0]),
                                  m[2].code not in DEVIATION_CODES, m[0]))
        taken = [False] * len(doc)
        hits = []
        for start, end, phrase in found:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            negator = self._negation(doc, start, end, phrase)
            if phrase.family == "hanterade" and negator is None and start > 0 and (
                    doc[start - 1].norm_ in self.minor or doc[start - 1].like_num):
                # "marginella avvikelser som har rättats", "tre avvikelser har åtgärdats":
                # deviations were found (and handled); "alla avvikelser har hanterats" is not
                code = "mindre_avvikelser" if doc[start - 1].norm_ in self.minor else "avvikelser"
                hits.append(Hit(code, 3, doc[start - 1].idx,
                                doc[end - 1].idx + len(doc[end - 1]), "phrase:hanterade:found"))
                continue
            cap = 1.0
            if negator is not None:
                code, strength = phrase.negated_code, phrase.negated_strength
                if negator < start - 1 and code == "inga_avvikelser" and any(
                        t.norm_ not in self.negators for t in doc[negator + 1:start]):
                    # "inga nya avvikelser", "inga allvarliga brister": all clear, or only
                    # of the worst?
                    cap = QUALIFIED_NEGATION_CONFIDENCE
                start, end = min(start, negator), max(end, negator + 1)
            else:
                code, strength = phrase.code, phrase.strength
                neutral = False
                if code in DEVIATION_CODES and (strength <= 2 and (
                        self._neutralized(doc, start) or (
                            end < len(doc) and doc[end].norm_ in self.modals))
                        or (self._neutralized(doc, start, self.past_words, PAST_WINDOW)
                            and not self._still(doc, start))):
                    # "risk för fel", "eventuella avvikelser", "avvikelser ska
                    # dokumenteras": what is looked for, not what was found.
                    code, strength, neutral = "okand", 1, True
                elif code == "inga_avvikelser" and strength <= 2 and self._neutralized(
                        doc, start, self.clear_neutralizers, CLEAR_NEUTRALIZER_WINDOW):
                    # "för att säkerställa att rutinen följs": a purpose, not a finding.
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
                            f"phrase:{phrase.family}:{phrase.pattern[:40]}", cap))
        return hits

    def _reported(self, doc, start: int) -> bool:
        """A report verb and "att" before position start in its sentence ("visade att")."""
        begin = self._sentence_start(doc, start)
        for k in range(begin, start - 1):
            if doc[k].norm_ in self.report_verbs and doc[k + 1].norm_ == "att":
                return True
        return False

    def _still(self, doc, start: int) -> bool:
        """"tidigare brister kvarstår": an earlier finding that still stands."""
        return any(t.norm_ in STILL_WORDS for t in doc[start:self._sentence_end(doc, start)])

    def _neutralized(self, doc: Doc, start: int, words=None, window: int = 0) -> bool:
        words = self.neutralizers if words is None else words
        window = window or NEUTRALIZER_WINDOW
        i = start - 1
        while i >= 0 and start - i <= window:
            t = doc[i]
            if t.is_punct or t.is_space:
                return False
            if t.norm_ in words:
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

    def _cue_kind(self, norm: str) -> Optional[str]:
        try:
            return self._cue_cache[norm]
        except KeyError:
            kind = self._cue_cache[norm] = self._find_cue_kind(norm)
            return kind

    def _find_cue_kind(self, norm: str) -> Optional[str]:
        for cue, kind in self.cues:
            if (cue.endswith("*") and norm.startswith(cue[:-1])) or norm == cue:
                return kind
        return None

    def value(self, token) -> Optional[float]:
        """A token's number: digits ("60", "1,5") or a number word ("tre", "femtio")."""
        if token.like_num:
            v = _number(token.text)
            if v is not None:
                return v
        return self.number_words.get(token.norm_)

    def _sentence_end(self, doc: Doc, i: int) -> int:
        n = len(doc)
        while i < n and not (doc[i].text in SENTENCE_ENDS or "\n" in doc[i].text):
            i += 1
        return i

    def _cue_near(self, doc: Doc, lo: int, hi: int, *, backwards: bool = False,
                  clause: bool = False):
        """(index, kind, negated) of the first cue in doc[lo:hi] (the last one, backwards);
        clause: stop at a comma ("tre av sex enheter, övriga genomförs under hösten")."""
        order = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
        for j in order:
            c = doc[j]
            if clause and c.text == ",":
                return None
            kind = self._cue_kind(c.norm_)
            if kind is None:
                continue
            negated = any(x.norm_ in self.negators for x in doc[max(lo, j - 2):j])
            if j + 1 < len(doc) and doc[j + 1].norm_ in AFTER_NEGATORS:
                negated = True     # "stämde inte", "följde inte"
            return j, kind, negated
        return None

    def _share_hit(self, doc: Doc, share: float, a: int, cue) -> Hit:
        j, kind, negated = cue
        counts_findings = (kind == "deviation") != negated
        bad_share = share if counts_findings else 100.0 - share
        lo, hi = min(a, j), max(a, j)
        sentence = doc[self._sentence_start(doc, lo):self._sentence_end(doc, hi)]
        if kind == "completion" and self._counts_the_plan(doc, a, j, sentence):
            # Part of the control's own plan carried out: the rest was not (yet); whether
            # that is a deviation, a move or work under way, the other sentences say.
            if bad_share <= 0:
                return Hit("inga_avvikelser", 1, doc[lo].idx, doc[hi].idx + len(doc[hi]),
                           "phrase:genomford:number")
            return Hit("ej_utford", 2, doc[lo].idx, doc[hi].idx + len(doc[hi]), "number:plan")
        if bad_share <= 0:
            code = "inga_avvikelser"
        elif any(t.norm_ in self.minor_in_sentence or t.norm_ in self.minor and t.i + 1 < len(doc)
                 and doc[t.i + 1].norm_ in DEVIATION_WORDS for t in sentence):
            code = "mindre_avvikelser"      # the report's own word for minor decides
        else:
            code = "avvikelser"
        # "1 fel av 30": a deviation, but one a reader may well call minor
        cap = SMALL_SHARE_CONFIDENCE if code == "avvikelser" and bad_share <= SMALL_SHARE else 1.0
        return Hit(code, 3, doc[lo].idx, doc[hi].idx + len(doc[hi]), f"number:{kind}", cap)

    @staticmethod
    def _after_av(doc, i: int) -> bool:
        """"av 60", "av totalt 60", "av de 60": the total of a count."""
        if i > 0 and doc[i - 1].norm_ == "av":
            return True
        return i > 1 and doc[i - 1].norm_ in ("totalt", "sammanlagt", "de", "dessa") \
            and doc[i - 2].norm_ == "av"

    def _planned(self, norm: str) -> bool:
        return norm in self.planned_words or norm.startswith(self.planned_prefixes)

    def _counts_the_plan(self, doc, number: int, cue: int, sentence) -> bool:
        """Does a completion count measure the control's own plan ("91 % av de planerade
        inspektionerna har genomförts", "Kontrollen har genomförts på 15 av 60 enheter")
        rather than what the control found ("7 av 8 chefer har gått utbildningen")?"""
        if any(self._planned(t.norm_) for t in sentence):
            return True
        verb = doc[cue].norm_
        return cue < number and (verb in self.done_words or verb.startswith(self.done_prefixes)) \
            and any(t.norm_ in self.control_nouns for t in doc[self._sentence_start(doc, cue):cue])

    def _sentence_start(self, doc: Doc, i: int) -> int:
        while i > 0 and not (doc[i - 1].text in SENTENCE_ENDS or "\n" in doc[i - 1].text):
            i -= 1
        return i

    def number_hits(self, doc: Doc) -> list[Hit]:
        """Shares and counts tied to a deviation or completion word in the same sentence:
        "12 % med anmärkning", "7 av 8 chefer har gått", "I 4 av 15 avtal stämde inte",
        "Av 60 kontrollerade verifikationer saknade 5 attest", "85 % mot målet 95 %"."""
        hits = []
        n = len(doc)
        used = set()
        hits.extend(self._goal_hits(doc, used))
        for i, t in enumerate(doc):
            if i in used:
                continue
            nxt = doc[i + 1] if i + 1 < n else None
            fraction = _fraction(t.text)      # "3/20 fakturor saknade attest"
            value = self.value(t) if fraction is None else fraction
            if value is None and t.norm_ in self.share_words and nxt is not None \
                    and nxt.norm_ == "av":
                value = self.share_words[t.norm_]
            if value is None:
                continue
            end = self._sentence_end(doc, i)
            begin = self._sentence_start(doc, i)
            share = q_end = None
            if t.norm_ in self.share_words:
                share, q_end = value, i + 2
            elif fraction is not None:
                share, q_end = fraction, i + 1
            elif nxt is not None and (nxt.text == "%" or nxt.norm_ == "procent"):
                if not t.like_num:
                    continue
                share, q_end = value, i + 2
            elif nxt is not None and nxt.norm_ == "av" and (i == 0 or doc[i - 1].norm_ != "av"):
                k = i + 2
                while k < n and k < i + 4 and doc[k].norm_ in ("de", "totalt", "sammanlagt",
                                                                 "dessa", "alla", "samtliga"):
                    k += 1
                total = self.value(doc[k]) if k < n else None
                if not total or value > total or (k + 1 < n and doc[k + 1].text == "%"):
                    continue
                if t.norm_ in ("en", "ett") and not doc[k].like_num and total > 20:
                    continue
                share, q_end = 100.0 * value / total, k + 1
                used.add(k)
            elif (t.like_num and value > 0 and self._after_av(doc, i)
                  and not (nxt is not None and nxt.norm_ == "av")):
                # "Av 60 kontrollerade verifikationer saknade 5 attest": the total first.
                total, hit = value, None
                for k in range(i + 1, min(end, i + 1 + TOTAL_WINDOW)):
                    m = self.value(doc[k])
                    if m is None or m > total or (k + 1 < n and doc[k + 1].text == "%"):
                        continue
                    cue = self._cue_near(doc, i + 1, min(end, k + CUE_WINDOW))
                    if cue is not None:
                        hit = self._share_hit(doc, 100.0 * m / total, i, cue)
                        hit.end = max(hit.end, doc[k].idx + len(doc[k]))
                        used.add(k)
                    break
                if hit is not None:
                    hits.append(hit)
                continue
            else:
                continue
            if (share is not None and nxt is not None and (nxt.text == "%" or nxt.norm_ == "procent")
                    and i > 0 and doc[i - 1].norm_ in SAMPLE_LINKS and any(
                        t2.norm_ in self.sample_words for t2 in doc[max(begin, i - 4):i])):
                continue   # "Stickprov på 10 % av fakturorna": the sample's size, not a finding
            if any(doc[x].norm_.startswith("mal") and doc[x].norm_ in self.goal_words
                   or doc[x].norm_.endswith(("malet", "malvardet")) for x in range(begin, end)):
                continue   # a stated goal, not "all", is the measure: _goal_hits and phrases
            cue = self._cue_near(doc, q_end, min(end, q_end + CUE_WINDOW), clause=True)
            if cue is None:
                # "Andelen korrekt registrerade avvikelser uppgick till 100 %": the first cue
                # of the words before names what is counted.
                cue = self._cue_near(doc, max(begin, i - CUE_BEFORE_WINDOW), i)
            if cue is not None:
                hits.append(self._share_hit(doc, share, i, cue))
        return hits

    def _goal_hits(self, doc: Doc, used: set) -> list[Hit]:
        """A percentage against a stated goal in the same sentence: short of it is a finding."""
        hits = []
        # measures: a number and its unit ("85 %", "12 dagar"); a goal compares like units
        unit_of = {}
        for i, t in enumerate(doc[:-1]):
            if t.like_num and _number(t.text) is not None:
                unit = GOAL_UNITS.get(doc[i + 1].norm_ if doc[i + 1].text != "%" else "%")
                if unit:
                    unit_of[i] = unit
        percents = sorted(unit_of)
        if len(percents) < 2:
            return hits
        for g, t in enumerate(doc):
            direction = self.goal_words.get(t.norm_)
            if direction is None or direction != "at_least":
                continue
            goal_at = next((p for p in percents if 0 < p - g <= GOAL_WINDOW), None)
            if goal_at is None:
                continue
            at_most = any(doc[x].norm_ in self.goal_words and self.goal_words[doc[x].norm_]
                          == "at_most" for x in range(g, goal_at))
            begin, end = self._sentence_start(doc, g), self._sentence_end(doc, g)
            unit = unit_of[goal_at]
            actual = [p for p in percents if begin <= p < end and p != goal_at
                      and unit_of[p] == unit]
            if not actual and begin > 0:
                # "94 procent av inköpen gjordes mot avtal. Målet för året var 90 procent."
                before = self._sentence_start(doc, begin - 1)
                actual = [p for p in percents if before <= p < begin and unit_of[p] == unit][-1:]
            if not actual:
                continue
            a = min(actual, key=lambda p: abs(p - g))
            goal, value = _number(doc[goal_at].text), _number(doc[a].text)
            short = value > goal if at_most else value < goal
            lo, hi = min(a, goal_at), max(a, goal_at) + 1
            hits.append(Hit("avvikelser" if short else "inga_avvikelser", 3 if short else 2,
                            doc[lo].idx, doc[hi].idx + len(doc[hi]), "number:goal"))
            used.update((a, goal_at))
        return hits

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
        questions = self._questions(doc)
        if questions:
            # "varför har vi en avvikelse?": a question reports nothing.
            found = [h for h in found if not any(a <= h.start < b for a, b in questions)]
        return found

    def _questions(self, doc: Doc) -> list[tuple[int, int]]:
        spans, start = [], 0
        for t in doc:
            if t.text in SENTENCE_ENDS or "\n" in t.text:
                if t.text == "?":
                    spans.append((start, t.idx + 1))
                start = t.idx + len(t)
        return spans


class Tok:
    """The few attributes of a spaCy token the rules use, with i its index in the list."""
    __slots__ = ("text", "norm_", "idx", "i", "is_punct", "is_space", "like_num")

    def __init__(self, token, i: int):
        self.text, self.norm_, self.idx, self.i = token.text, token.norm_, token.idx, i
        self.is_punct, self.is_space, self.like_num = token.is_punct, token.is_space, token.like_num

    def __len__(self) -> int:
        return len(self.text)


def tokens_of(doc) -> list[Tok]:
    out = []
    for t in doc:
        if t.is_space and "\n" not in t.text:
            continue
        out.append(Tok(t, len(out)))
    return out


_FRACTION = re.compile(r"(\d+)/(\d+)")


def _fraction(text: str) -> Optional[float]:
    m = _FRACTION.fullmatch(text)
    if m is None or int(m.group(2)) == 0 or int(m.group(1)) > int(m.group(2)):
        return None
    return 100.0 * int(m.group(1)) / int(m.group(2))


def _number(text: str) -> Optional[float]:
    try:
        return float(text.replace(",", ".").replace("\u2009", "").replace(" ", ""))
    except ValueError:
        return None


FINDING_CODES = ("avvikelser", "mindre_avvikelser", "inga_avvikelser")
NOT_DONE_CODES = ("ej_utford", "ej_paborjad", "pagar")   # on a tie, the first wins
SUBSTANTIVE = 2            # a hit this strong says the status; weaker ones only hint


@dataclass
class Verdict:
    """What the rules make of a whole text."""
    code: str
    confidence: float
    hit: Hit
    conflict: bool = False      # other evidence in the text points elsewhere


def weigh(hits: list[Hit]) -> Optional[Verdict]:
    """The whole text's evidence weighed, as the contract and the cost of errors ask:

    - a reported deviation wins over an all-clear anywhere in the text (a false all-clear is
      the costliest error), and is minor only where the minor statement is stronger than any
      plain deviation ("Mindre avvikelser ... saknade attest");
    - a control not done or under way wins over an all-clear of no greater strength;
    - conflicting evidence lowers the confidence.
    Returns None when no hit is substantive (the classifier may decide, or okand)."""
    strong = [h for h in hits if h.strength >= SUBSTANTIVE]
    if not strong:
        return None
    def best(code_hits):
        top = max(h.strength for h in code_hits)
        return min((h for h in code_hits if h.strength == top), key=lambda h: h.start)

    deviation = [h for h in strong if h.code in DEVIATION_CODES]
    clear = [h for h in strong if h.code == "inga_avvikelser"]
    not_done = [h for h in strong if h.code in NOT_DONE_CODES]
    reference = [h for h in strong if h.code == "okand"]
    if not_done and deviation and max(h.strength for h in not_done) > max(
            h.strength for h in deviation):
        # "underlag saknas, vilket medför att kontrollmomentet inte har möjliggjorts": the
        # control was not carried out; what is missing says why, it is not a finding.
        deviation = []
    if deviation:
        plain = [h for h in deviation if h.code == "avvikelser"]
        minor = [h for h in deviation if h.code == "mindre_avvikelser"]
        if minor and (not plain or max(h.strength for h in minor) > max(h.strength for h in plain)):
            chosen = best(minor)
        else:
            chosen = best(plain)
        conflict = bool(clear) and max(h.strength for h in clear) >= chosen.strength
        confidence = STRENGTH_CONFIDENCE[chosen.strength]
        if clear:
            confidence -= 0.2 if conflict else 0.1
        if minor and plain:
            confidence -= 0.1
        return Verdict(chosen.code, min(confidence, chosen.cap), chosen, conflict or bool(clear))
    if not_done:
        top = max(h.strength for h in not_done)
        # A share of the plan carried out says only that part is left; words saying what
        # became of it ("hittills", "flyttas", "pågår") decide first.
        chosen = min((h for h in not_done if h.strength == top),
                     key=lambda h: (h.rule == "number:plan", NOT_DONE_CODES.index(h.code),
                                    h.start))
        # The control itself not carried out outweighs an all-clear as strong; "ej
        # påbörjad" or "pågår" as strong as an explicit all-clear is about another step.
        clear_top = max((h.strength for h in clear), default=0)
        if top > clear_top or (top == clear_top and (chosen.code == "ej_utford" or top < 3)):
            confidence = STRENGTH_CONFIDENCE[top]
            if clear or len({h.code for h in not_done}) > 1:
                confidence -= 0.2
            return Verdict(chosen.code, min(confidence, chosen.cap), chosen, bool(clear))
    if clear:
        chosen = best(clear)
        confidence = min(STRENGTH_CONFIDENCE[chosen.strength], chosen.cap)
        if not_done:
            confidence -= 0.2
        return Verdict("inga_avvikelser", confidence, chosen, bool(not_done))
    chosen = best(reference)
    return Verdict("okand", STRENGTH_CONFIDENCE[chosen.strength] - 0.1, chosen)


@lru_cache(maxsize=1)
def get_rules() -> StatusRules:
    return StatusRules()
