"""Passes over the hits of a text: examples, minor verdicts, reasons, later steps, questions
and answered items (StatusRules.hits, after phrases and numbers)."""
from __future__ import annotations

from spacy.tokens import Doc

from .evidence import DEVIATION_CODES, FINDING_CODES, NOT_DONE_CODES, SUBSTANTIVE, Hit
from .windows import (ANSWERS, DELAY_WORDS, DELAY_WINDOW, EXAMPLE_MARKERS, EXAMPLE_WINDOW,
                      ITEM_ANSWERS, ITEM_MARKS, LATER, NOT_APPLICABLE_RULE, PAST_PROGRESS,
                      ALONE_RULE, FINITE_VERBS, NEUTRALIZED, OWN_SUBJECTS, PART_MARKS,
                      PROGRESS_QUESTION, START_WORDS, SENTENCE_ENDS, SUBORDINATORS, UNKNOWN_CODE)


class HitFilters:
    """Mixin of StatusRules: the passes hits() runs over what phrases and numbers found."""

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

    def _subordinate_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """"inom 14 dagar efter att insatsen påbörjats", "startas först när valet är
        genomfört", "ärenden där beslutet inte verkställts": progress in a clause of time or
        place says when or which, not how far the control has come."""
        by_idx = {t.idx: t.i for t in doc}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            progress = h.code in NOT_DONE_CODES or (
                h.code == "inga_avvikelser" and h.strength == 1
                and h.rule.startswith(("phrase:genomford", "phrase:klar")))
            sub = None if k is None or not progress else self._in_clause(
                doc, k, SUBORDINATORS,
                self.clause_breaks - {w for words in SUBORDINATORS for w in words})
            # "tills tjänsten är tillsatt har kontrollen inte kunnat utföras": a second
            # finite verb after the subordinate clause's own opens the main clause
            if sub is not None and sum(1 for t in doc[sub:k] if t.norm_ in FINITE_VERBS) < 2:
                continue
            out.append(h)
        return out

    def _reported_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """Progress of what the control checked is its finding: "Kontrollen visade att
        utrymningsövning inte genomförts på fyra av sex förskolor", "Av de 16 kontrollerade
        anläggningarna hade 5 inte fått planerad kontroll", "Endast 54 % av skyddsronderna
        genomfördes inom utsatt tid" (a share of a plan measured against a time limit)."""
        by_idx = {t.idx: t.i for t in doc}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            # (not "visar att ... effekten kan ännu inte bedömas": work on it under way)
            if k is None or h.code not in ("ej_utford", "ej_paborjad") or h.rule.endswith(LATER):
                out.append(h)
                continue
            begin, end = self._sentence_start(doc, k), self._sentence_end(doc, k)
            norms = [t.norm_ for t in doc[begin:end]]
            checked = any(norms[j] == "av" and any(w in self.check_verbs for w in norms[j + 1:j + 4])
                          and any(doc[begin + x].like_num for x in range(j + 1, min(j + 4, len(norms))))
                          for j in range(len(norms)))
            limit = h.rule == "number:plan" and any(
                c.code == "inga_avvikelser" and c.strength >= SUBSTANTIVE and h.end <= c.start
                and by_idx.get(c.start, end) < end for c in found)
            # ("Kontrollen visade att fakturorna betalats försenat": the report inside the hit)
            inside = [t for t in doc if h.start <= t.idx < h.end]
            reported_inside = any(t.norm_ in self.report_verbs and u.norm_ == "att"
                                  for t, u in zip(inside, inside[1:]))
            if self._reported(doc, k) or reported_inside or (
                    h.rule == "number:plan" and (checked or limit)):
                out.append(Hit("avvikelser", 2, h.start, h.end, h.rule + ":reported", h.cap))
                continue
            out.append(h)
        return out

    def _own_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """How far the control itself has come, in the words of its hits: "Vi har gått igenom
        ungefär hälften av korten" (our own coverage: under way, not a shortfall), "Inget
        arbete har påbörjats med kontrollen per augusti" (not started, not undone),
        "Pågår. Kontrollen har försenats men är nu återupptagen" (late, but under way)."""
        by_idx = {t.idx: t.i for t in doc}
        under_way = any(h.code == "pagar" and h.strength >= SUBSTANTIVE
                        and not h.rule.endswith(LATER) for h in found)
        out = []
        for h in found:
            k = by_idx.get(h.start)
            words = [t.norm_ for t in doc if h.start <= t.idx < h.end]
            if k is None:
                out.append(h)
            elif h.rule.startswith(ALONE_RULE):
                after = next((t for t in doc[k + 1:] if not t.is_space), None)
                if after is None or after.is_punct:     # "Inte aktuell i år, flyttas."
                    out.append(h)
            elif h.rule.startswith(("number:completion", "number:plan")) and h.code != "pagar" \
                    and (doc[k].norm_ == "noll" or self.value(doc[k]) == 0) and any(
                        w.startswith(self.done_prefixes) or w in self.done_words for w in words):
                # "0 % genomfört", "Noll procent utfört": nothing done, not started
                out.append(Hit("ej_paborjad", 3, h.start, h.end, "count:none_done", h.cap))
            elif h.rule.startswith("number:completion") and any(
                    t.norm_ in OWN_SUBJECTS for t in doc[self._sentence_start(doc, k):k + 1]) \
                    and any(w in self.check_verbs or w == "igenom" for w in words):
                out.append(Hit("pagar", 2, h.start, h.end, "number:plan:own", h.cap))
            elif h.code == "ej_utford" and h.rule.startswith("phrase:") and any(
                    w.startswith(START_WORDS) for w in words) and not any(
                    w.startswith(self.done_prefixes) or w in self.done_words for w in words):
                out.append(Hit("ej_paborjad", h.strength, h.start, h.end, h.rule + ":start", h.cap))
            elif h.code == "ej_utford" and under_way and any(w in DELAY_WORDS for w in words) \
                    and not any(w in ("inte", "ej", "ingen", "inget", "inga") for w in words):
                out.append(Hit("pagar", h.strength, h.start, h.end, h.rule + ":delay", h.cap))
            else:
                out.append(h)
        return out

    def _rest_planned(self, doc, found: list[Hit]) -> list[Hit]:
        """"Granskningen är klar för grundskolorna där allt var i ordning. Gymnasiet granskas
        i januari": done for a part ("klar/genomförd för|på ..."), the rest planned in another
        clause: under way, whatever the part showed."""
        by_idx = {t.idx: t.i for t in doc}

        def done_for_part(h):
            k_end = next((t.i for t in doc if t.idx >= h.end), len(doc))
            return (h.code == "inga_avvikelser" and h.rule.startswith(("phrase:genomford",
                                                                       "phrase:klar"))
                    and k_end < len(doc) and doc[k_end].norm_ in PART_MARKS)
        parts = [h for h in found if done_for_part(h)]
        if not parts:
            return found
        out = []
        for h in found:
            k = by_idx.get(h.start)
            if (h.code == "ej_paborjad" and h.strength <= 2 and not h.rule.endswith(LATER)
                    and k is not None and all(
                        self._sentence_start(doc, by_idx.get(p.start, k)) != self._sentence_start(doc, k)
                        or any(self._is_boundary(t) for t in doc[by_idx.get(p.start, k):k])
                        for p in parts)):
                out.append(Hit("pagar", 2, h.start, h.end, h.rule + ":rest", min(h.cap, 0.7)))
                continue
            out.append(h)
        return out

    def _checked_for_purpose(self, doc, found: list[Hit]) -> list[Hit]:
        """"Kontrollen av att förelägganden följs upp pågår": a deviation word in the clause a
        purpose governs ("kontroll av att", "säkerställa att") is what is checked; "Det har
        inte gått att bedöma om rutinen följs": what could not be judged is no finding."""
        by_idx = {t.idx: t.i for t in doc}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            last = next((t.i for t in reversed(doc) if t.idx < h.end), None)
            if (last is not None and last + 1 < len(doc) and doc[last].norm_ in ("gatt", "gick")
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

    def _delay_of_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """"Pågår, försenad", "Pågår men är försenat": a delay said just after the control
        is under way is its pace, not a finding."""
        under_way = [h for h in found if h.code == "pagar" and h.strength >= SUBSTANTIVE]
        by_idx = {t.idx: t.i for t in doc}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            if (h.code in DEVIATION_CODES and h.strength <= 2 and k is not None
                    and all(t.norm_ in DELAY_WORDS or t.is_punct
                            for t in doc[k:k + 1]) and any(
                        0 < k - by_idx.get(p.start, k) <= DELAY_WINDOW + 1
                        and self._sentence_end(doc, by_idx[p.start]) >= k
                        for p in under_way)):
                continue
            if (h.code in DEVIATION_CODES and h.strength <= 2 and k is not None
                    and doc[k].norm_ in DELAY_WORDS):
                begin = self._sentence_start(doc, k)
                if (0 < k - begin <= DELAY_WINDOW and self._names_a_control(doc[begin].norm_)
                        and not any(t.norm_ in self.report_verbs for t in doc[begin:k])):
                    # "Granskningen har försenats": the control's pace, late (under way where
                    # the text says so: "men är nu igång igen")
                    out.append(Hit("pagar" if under_way else "ej_utford", 2, h.start, h.end,
                                   h.rule + ":delay"))
                    continue
            out.append(h)
        return out

    def _later_steps_as_hints(self, doc, found: list[Hit]) -> list[Hit]:
        """A later step under way or not started ("Ett förbättringsarbete har påbörjats") is
        only a hint where another sentence states the control's finding; so is the control
        that has been under way ("Kontrollen har pågått under hela året")."""
        for h in found:
            if h.code == "pagar" and h.rule.startswith("phrase:") and not h.rule.endswith(
                    LATER) and any(t.norm_ in PAST_PROGRESS for t in doc
                                   if h.start <= t.idx < h.end):
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
