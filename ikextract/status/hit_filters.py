"""Passes over the hits of a text: examples, minor verdicts, reasons, later steps, questions
and answered items (StatusRules.hits, after phrases and numbers)."""
from __future__ import annotations

from spacy.tokens import Doc

from .evidence import DEVIATION_CODES, FINDING_CODES, SUBSTANTIVE, Hit
from .windows import (ANSWERS, EXAMPLE_MARKERS, EXAMPLE_WINDOW, ITEM_ANSWERS, ITEM_MARKS, LATER,
                      NEUTRALIZED, NOT_APPLICABLE_RULE, PAST_PROGRESS, PROGRESS_QUESTION,
                      SENTENCE_ENDS, UNKNOWN_CODE)
from .tokens import by_index, first_at


class HitFilters:
    """Mixin of StatusRules: the passes hits() runs over what phrases and numbers found."""

    def _answered_items(self, doc, found: list[Hit]) -> list[Hit]:
        """"b) rutin följs – nej", "Rutin följs: Delvis": a list item that names what is
        checked and answers it after a dash or colon; the answer decides."""
        out = []
        for h in found:
            if h.code == "inga_avvikelser" and h.rule.startswith("phrase:"):
                after = [t for t in doc[first_at(doc, h.end):] if not t.is_space][:3]
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
            after = [t for t in doc[first_at(doc, b):] if not t.is_space]
            if not after or after[0].norm_ not in ANSWERS:
                continue
            answer = ANSWERS[after[0].norm_]
            if len(after) > 1 and not (after[1].is_punct or "\n" in after[1].text):
                continue       # "Ja alla har ..." is a sentence, read by the rules
            asked = [t.norm_ for t in doc[first_at(doc, a):first_at(doc, b)]
                     if not (t.is_punct or t.is_space)]
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
                after = [t for t in doc[first_at(doc, h.end):]
                         if not (t.is_punct or t.is_space)]
                if after and after[0].norm_ in self.reason_words and after[0].idx - h.end <= 2:
                    skip_until = doc[self._sentence_end(doc, after[0].i)].idx if \
                        self._sentence_end(doc, after[0].i) < len(doc) else 1 << 30
        return out

    def _checked_for_purpose(self, doc, found: list[Hit]) -> list[Hit]:
        """"Kontrollen av att förelägganden följs upp pågår": a deviation word in the clause a
        purpose governs ("kontroll av att", "säkerställa att") is what is checked; "Det har
        inte gått att bedöma om rutinen följs": what could not be judged is no finding."""
        by_idx = by_index(doc)
        out = []
        for h in found:
            k = by_idx.get(h.start)
            last = first_at(doc, h.end) - 1      # the hit's last token (-1: none before its end)
            if (last >= 0 and last + 1 < len(doc) and doc[last].norm_ in ("gatt", "gick")
                    and doc[last + 1].norm_ == "att"):
                continue     # "inte gått att ...": not possible to, read by what follows
            if (k is not None and h.code in DEVIATION_CODES and h.strength <= 2 and k >= 2
                    and doc[k - 1].norm_ == "av" and (
                        self._names_a_control(doc[k - 2].norm_)
                        or doc[k - 2].norm_ in self.not_result.get("procedure_noun", ()))):
                # "granskningen av läkemedelsavvikelserna": what is checked
                out.append(Hit(UNKNOWN_CODE, 1, h.start, h.end, NEUTRALIZED))
                continue
            if k is not None and h.code in DEVIATION_CODES and h.strength <= 2:
                j = k - 1
                while j >= 0 and not (doc[j].is_punct or doc[j].is_space) and doc[j].norm_ not in (
                        "att", "om"):
                    j -= 1
                norms = [t.norm_ for t in doc[:j + 1]] if j >= 0 else []
                if j >= 0 and doc[j].norm_ in ("att", "om") and any(
                        tuple(norms[len(norms) - len(w):]) == w
                        or tuple(norms[len(norms) - 1 - len(w):-1]) == w
                        for w in self.purpose_words):
                    out.append(Hit(UNKNOWN_CODE, 1, h.start, h.end, NEUTRALIZED))
                    continue
            out.append(h)
        return out

    def _later_steps_as_hints(self, doc, found: list[Hit]) -> list[Hit]:
        """A later step under way or not started ("Ett förbättringsarbete har påbörjats") is
        only a hint where another sentence states the control's finding; so is the control
        that has been under way ("Kontrollen har pågått under hela året")."""
        for h in found:
            if h.code == "pagar" and h.rule.startswith("phrase:") and not h.rule.endswith(
                    LATER) and any(t.norm_ in PAST_PROGRESS for t in
                                   doc[first_at(doc, h.start):first_at(doc, h.end)]):
                h.rule += LATER
        later = [h for h in found if h.rule.endswith(LATER)]
        if not later:
            return found
        ends = [t.idx for t in doc if t.text in SENTENCE_ENDS or "\n" in t.text]

        def sentence(pos):
            return sum(1 for e in ends if e < pos)
        # ("Kontrollen genomfördes i mars. Nästa kontroll planeras till hösten": the control
        # said done is a statement of its own, however weak)
        findings = {sentence(h.start) for h in found if h.code in FINDING_CODES
                    and not h.rule.endswith(LATER) and (
                        h.strength >= SUBSTANTIVE or h.rule.startswith(("phrase:genomford",
                                                                        "phrase:klar")))}
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
        k = first_at(doc, verdict.start)
        after = doc[first_at(doc, last_plain):self._sentence_end(doc, k)]
        if self.counts_another_finding(doc, after):    # (qualified.py)
            return found
        return [h for h in found if h not in plain]

    def _drop_examples(self, doc, found: list[Hit]) -> list[Hit]:
        """"Formella brister i form av saknade datum": a deviation after "i form av",
        "bland annat", "såsom" details the minor one before it, it is not another."""
        minor_ends = [h.end for h in found if h.code == "mindre_avvikelser"]
        if not minor_ends:
            return found
        by_idx = by_index(doc)
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
