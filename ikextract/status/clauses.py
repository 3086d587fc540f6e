"""Where a hit stands: its clause and sentence, a negated subject, earlier years, purposes
and procedures around it (StatusRules's context tests)."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .negated_heads import OBJECT_MARKS, NegatedFinds, NegatedHeads
from .negated_verbs import NegatedSubjects, NegatedVerbs
from .qualified import QualifiedClear
from .universal import UniversalClear
from .windows import (AFTER_AUXILIARY, AUXILIARIES, COMPARISON_WORDS, CONTROL_PREFIXES,
                      NEUTRALIZER_WINDOW, PAST_AFTER_RELATIVE, PAST_LABEL_WORDS, PAST_WINDOW,
                      SENTENCE_ENDS, STILL_WORDS, SUBJECT_NEGATORS, SUBJECT_WORDS)
from .tokens import Toks, sentence_bounds


# the words that begin a control's name: a control, or an inventory, a review, a measure
CONTROL_NAME_PREFIXES = CONTROL_PREFIXES + (
    "avstamning", "inventering", "genomgang", "atgard", "arbete", "aktivitet")


class ClauseRules(NegatedHeads, NegatedFinds, UniversalClear, NegatedVerbs, NegatedSubjects,
                  QualifiedClear):
    """Mixin of StatusRules: the context a hit stands in."""

    def _negated_subject(self, doc, start: int) -> Optional[int]:
        """"Inga fakturor hade betalats för sent", "Inga beslut hade fattats utan delegation":
        a negated subject at the head of the clause, its auxiliary and participle, then the
        finding: index of the negator, or None. Not across "av" ("Ingen uppföljning har
        gjorts av felen" does not say there were no errors)."""
        lo = self._clause_start(doc, start, self.clause_breaks)
        if lo >= start or doc[lo].norm_ not in SUBJECT_NEGATORS:
            return None
        between = [t.norm_ for t in doc[lo + 1:start]]
        if "av" in between or any(w in OBJECT_MARKS for w in between) or any(
                a == "for" and b == "att" for a, b in zip(between, between[1:])):
            return None     # ("Inga åtgärder har vidtagits mot bristerna": its object)
        aux = [k for k, w in enumerate(between) if w in AUXILIARIES]
        if not aux or aux[0] > SUBJECT_WORDS or len(between) - aux[0] - 1 > AFTER_AUXILIARY:
            return None
        return lo

    def _in_clause(self, doc, start: int, sequences, breaks=frozenset()) -> Optional[int]:
        """Index of the first of sequences (word tuples) in the clause before start: back to
        punctuation, a scope break ("och", "men") or one of breaks ("att", "som")."""
        lo = self._clause_start(doc, start, breaks)
        k = self._find([t.norm_ for t in doc[lo:start]], sequences)
        return None if k is None else lo + k

    def _names_a_control(self, norm: str) -> bool:
        return norm in self.control_nouns or norm.startswith(CONTROL_NAME_PREFIXES)

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

    def _this_year(self, doc, start: int) -> bool:
        """"Till skillnad från förra året saknades i år dokumentation": this year named in
        the sentence of the finding, against the earlier one."""
        lo, hi = start, start
        while lo > 0 and not (doc[lo - 1].is_punct or doc[lo - 1].is_space):
            lo -= 1
        while hi < len(doc) and not (doc[hi].is_punct or doc[hi].is_space):
            hi += 1
        norms = [t.norm_ for t in doc[lo:hi]]
        # its clause (not "I fjol fanns avvikelser, i år inga"); "årets" not "förra årets"
        return any(a == "i" and b == "ar" for a, b in zip(norms, norms[1:])) or any(
            w in ("arets", "innevarande") and (k == 0 or norms[k - 1] not in
                                                self.past_words_after)
            for k, w in enumerate(norms))

    def _past_clause(self, doc, start: int) -> bool:
        """"till skillnad från föregående år då fyra ärenden saknade dokumentation": a clause
        of when, headed by an earlier year, is about that year."""
        begin = self._sentence_start(doc, start)
        for j in range(start - 1, begin - 1, -1):
            if doc[j].is_punct and doc[j].text != ",":
                return False
            if doc[j].norm_ in ("da", "nar"):
                contrast = any(t.norm_ in ("skillnad", "jamfort", "jamforelse")
                               for t in doc[begin:j])
                return any(t.norm_ in self.past_words_after or (
                    _year([t]) is not None and (contrast or any(
                        _year([u]) is not None and _year([u]) > _year([t]) for u in doc)))
                           for t in doc[max(begin, j - PAST_WINDOW):j])
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
            if clause and t.norm_ == "att" and i > 0 and doc[i - 1].norm_ in self.report_verbs:
                return False  # "Stickprov på ansökningar om ... visade att alla": reported
            if t.norm_ == "om" and i > 0 and doc[i - 1].norm_ in ("sig", "handlar", "utan"):
                return False  # "Det rör sig om brister", "utan om brister": the finding
            if t.norm_ in words and not (
                    t.norm_ == "vid" and i + 1 < len(doc)
                    and (self._names_a_control(doc[i + 1].norm_) or doc[i + 1].like_num
                         or doc[i + 1].norm_.endswith(CONTROL_ENDS)   # "vid kassainventering"
                         or doc[i + 1].norm_.startswith(("tillfall", "besok")))):
                # ("vid kontrollen fattades 800 kronor": when, not a procedure)
                return True
            i -= 1
        return False

    def _sentence_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) token ranges of the sentences (a line break ends one too)."""
        out, start = [], 0
        for t in doc:
            if t.text in SENTENCE_ENDS or "\n" in t.text:
                out.append((start, t.i + 1))
                start = t.i + 1
        if start < len(doc):
            out.append((start, len(doc)))
        return out

    def _sentence_end(self, doc: Doc, i: int) -> int:
        n = len(doc)
        if isinstance(doc, Toks) and 0 <= i <= n:
            return sentence_bounds(doc)[1][i]
        while i < n and not (doc[i].text in SENTENCE_ENDS or "\n" in doc[i].text):
            i += 1
        return i

    def _sentence_start(self, doc: Doc, i: int) -> int:
        if isinstance(doc, Toks) and 0 <= i <= len(doc):
            return sentence_bounds(doc)[0][i]
        while i > 0 and not (doc[i - 1].text in SENTENCE_ENDS or "\n" in doc[i - 1].text):
            i -= 1
        return i



CONTROL_ENDS = ("inventering", "inventeringen", "kontroll", "kontrollen", "granskning",
                "granskningen", "genomgang", "genomgangen", "avstamning", "avstamningen",
                "besiktning", "besiktningen", "stickprovet", "ronden", "rond")


def _year(tokens) -> Optional[int]:
    """The year a label names ("2025:"), or None."""
    if len(tokens) == 1 and re.fullmatch(r"(19|20)\d\d", tokens[0].text):
        return int(tokens[0].text)
    return None

