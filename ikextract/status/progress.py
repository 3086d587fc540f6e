"""How far the control itself has come, read from the hits of a text (StatusRules.hits,
passes after phrases and numbers): progress in a subordinate clause, progress of what the
control checked (a finding), its own coverage, the rest planned, a delay of its pace."""
from __future__ import annotations

from .evidence import DEVIATION_CODES, NOT_DONE_CODES, SUBSTANTIVE, Hit
from .windows import (ALONE_RULE, DELAY_WINDOW, DELAY_WORDS, FINITE_VERBS, LATER, OWN_SUBJECTS,
                      MISSING_WORDS, NOT_YET, PART_MARKS, SAMPLE_PREFIXES, SO_FAR_WORDS,
                      START_WORDS, SUBORDINATORS, TO_COME_WORDS)
from .tokens import WordSequences, by_index, first_at

SUBORDINATOR_WORDS = WordSequences(SUBORDINATORS)


class ProgressRules:
    """Mixin of StatusRules: the control's progress against a finding or another step."""


    def _subordinate_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """"inom 14 dagar efter att insatsen påbörjats", "startas först när valet är
        genomfört", "ärenden där beslutet inte verkställts": progress in a clause of time or
        place says when or which, not how far the control has come."""
        by_idx = by_index(doc)
        out = []
        for h in found:
            k = by_idx.get(h.start)
            progress = h.code in NOT_DONE_CODES or (
                h.code == "inga_avvikelser" and h.strength == 1
                and h.rule.startswith(("phrase:genomford", "phrase:klar")))
            sub = None if k is None or not progress else self._in_clause(
                doc, k, SUBORDINATOR_WORDS, self.subordinate_breaks)
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
        by_idx = by_index(doc)
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
            inside = doc[first_at(doc, h.start):first_at(doc, h.end)]
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
        by_idx = by_index(doc)
        under_way = any(h.code == "pagar" and h.strength >= SUBSTANTIVE
                        and not h.rule.endswith(LATER) for h in found)
        out = []
        for h in found:
            k = by_idx.get(h.start)
            words = [t.norm_ for t in doc[first_at(doc, h.start):first_at(doc, h.end)]]
            if k is None:
                out.append(h)
            elif h.rule.startswith(ALONE_RULE):
                after = next((t for t in doc[k + 1:] if not t.is_space), None)
                if after is None or after.is_punct:     # "Inte aktuell i år, flyttas."
                    out.append(h)
            elif h.rule.startswith("number:plan") and h.code == "ej_utford" and any(
                    w == "till" for w in words[1:3]) and words[0].startswith(self.done_prefixes):
                # "Genomförd till 40 %": done to a share, under way
                out.append(Hit("pagar", 2, h.start, h.end, h.rule + ":to_share", h.cap))
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
        by_idx = by_index(doc)

        def done_for_part(h):
            k_end = first_at(doc, h.end)
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

    def _delay_of_progress(self, doc, found: list[Hit]) -> list[Hit]:
        """"Pågår, försenad", "Pågår men är försenat": a delay said just after the control
        is under way is its pace, not a finding."""
        under_way = [h for h in found if h.code == "pagar" and h.strength >= SUBSTANTIVE]
        by_idx = by_index(doc)
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

    def _coverage_counts(self, doc, found: list[Hit]) -> list[Hit]:
        """"Hittills har inga avvikelser noterats men endast hälften av stickprovet är
        granskat", "Två av fyra bibliotek är kontrollerade utan anmärkning, de andra två
        granskas i januari": a count of what the control has checked so far, where the text
        says the rest is still to come, is progress; the all-clear of the part is interim."""
        by_idx = by_index(doc)
        norms = [t.norm_ for t in doc]
        to_come = any(w in SO_FAR_WORDS for w in norms) or any(
            h.code in ("pagar", "ej_paborjad") and h.strength >= SUBSTANTIVE
            and not h.rule.endswith(LATER) for h in found)
        coverage = []
        for h in found:
            k = by_idx.get(h.start)
            if k is None or not h.rule.startswith(("number:deviation", "number:completion")):
                continue
            span = doc[first_at(doc, h.start):first_at(doc, h.end)]
            before = doc[max(0, k - 2):k]
            if h.rule.startswith("number:deviation") and not any(
                    t.norm_ in self.negators or t.norm_ == "utan" for t in list(before) + span):
                continue    # "hälften av ärendena och hittat fel i tre": a finding in the part
            counts = [t.i for t in span if t.like_num or t.norm_ in self.number_words
                      or t.norm_ in self.share_words]
            # a share ("hälften av ärendena är granskade") says the rest is to come by itself
            if any((self._checked_after(doc, j) or self._own_check_before(doc, j))
                   and (to_come or doc[j].norm_ in self.share_words) for j in counts):
                coverage.append(h)
        # "bara en tredjedel av urvalet är granskat": a phrase of coverage, read as such
        partly = [h for h in found if h.code == "pagar" and h.strength >= SUBSTANTIVE
                  and h.rule.startswith("phrase:") and self._coverage_words(doc, h)]
        if not coverage and not partly:
            return found
        out = []
        for h in found:
            if h in coverage:
                out.append(Hit("pagar", 3, h.start, h.end, "number:coverage", 0.75))
            elif h.code == "inga_avvikelser" and h.strength >= SUBSTANTIVE:
                out.append(Hit(h.code, 1, h.start, h.end, h.rule + ":interim", h.cap))
            else:
                out.append(h)
        return out

    def _checked_after(self, doc, j: int) -> bool:
        """"hälften av stickprovet är granskat", "Två av fyra bibliotek är kontrollerade":
        after the count its whole and the control's own verb of checking."""
        words = [t.norm_ for t in doc[j + 1:j + 7] if not t.is_space]
        for a in range(len(words) - 1):
            if words[a] in ("ar", "har", "hade", "var", "blivit") and words[a + 1] in self.check_verbs:
                # (not "granskade av chef": checked by someone, the thing the control looks at)
                return "av" in words[:a] and (a + 2 >= len(words) or words[a + 2] != "av")
        return False

    def _coverage_words(self, doc, h: Hit) -> bool:
        words = [t.norm_ for t in doc[first_at(doc, h.start):first_at(doc, h.end)]]
        return any(w in self.check_verbs for w in words) and any(
            w in self.share_words or w in ("endast", "bara", "enbart", "halva", "halften")
            for w in words)

    def _progress_in_context(self, doc, found: list[Hit]) -> list[Hit]:
        """What the other words of the text make of a progress hit: "Inget har gjorts ännu,
        start beräknas efter sommaren" (not yet, a start planned: not started); "Införandet
        har försenats ... Kontrollen är ännu inte påbörjad" (another thing's delay is the
        reason); "inget resultat att redovisa per augusti" (no result yet, not a control
        undone); "för alla utom en enhet, som ännu inte granskats" (the exception is the rest
        to come); "Stickproven för maj och juni saknas fortfarande" (the control's own samples
        missing: not done yet, no finding)."""
        by_idx = by_index(doc)
        starts = [h for h in found if h.code in ("ej_paborjad", "pagar") and h.strength >= SUBSTANTIVE
                  and not h.rule.endswith(LATER)]
        out = []
        for h in found:
            k = by_idx.get(h.start)
            if k is None:
                out.append(h)
                continue
            words = [t.norm_ for t in doc[first_at(doc, h.start):first_at(doc, h.end)]]
            begin, end = self._sentence_start(doc, k), self._sentence_end(doc, k)
            sentence = [t.norm_ for t in doc[begin:end]]
            others = [x for x in starts if x is not h]
            if h.code == "ej_utford" and any(w in NOT_YET for w in sentence) and any(
                    x.code == "ej_paborjad" for x in others):
                out.append(Hit("ej_paborjad", h.strength, h.start, h.end, h.rule + ":not_yet", h.cap))
            elif h.code == "ej_utford" and any(w in DELAY_WORDS for w in words) and (
                    (not self._names_a_control(words[0])
                     and any(x.strength >= h.strength for x in others))
                    or any(x.code in DEVIATION_CODES and x.strength >= SUBSTANTIVE
                           and by_idx.get(x.start) is not None
                           and self._reported_near(doc, by_idx[x.start]) for x in found)):
                # (late, "men visar redan nu att attest saknas": the finding reported decides)
                out.append(Hit(h.code, 1, h.start, h.end, h.rule + ":reason", h.cap))
            elif h.code == "ej_utford" and len(words) > 1 and words[0] in ("inget", "ingen", "inga") \
                    and words[1] in self.info_nouns:
                continue
            elif h.code in DEVIATION_CODES and any(w in ("utom", "forutom") for w in words) and (
                    self._still_to_come(doc, by_idx, h, end, found)):
                out.append(Hit("pagar", 3, h.start, h.end, h.rule + ":rest", 0.75))
            elif h.code in DEVIATION_CODES and h.strength <= 2 and set(words) & MISSING_WORDS \
                    and doc[begin].norm_.startswith(SAMPLE_PREFIXES):
                code = "pagar" if any(w in NOT_YET or w == "fortfarande" for w in sentence) \
                    else "ej_utford"
                out.append(Hit(code, 2, h.start, h.end, h.rule + ":own_samples", h.cap))
            else:
                out.append(h)
        rests = {self._sentence_start(doc, by_idx[h.start]) for h in out
                 if h.rule.endswith(":rest") and h.start in by_idx}
        if rests:
            # the all-clear of the part done, beside the rest to come, is interim
            out = [Hit(h.code, 1, h.start, h.end, h.rule + ":interim", h.cap)
                   if h.code == "inga_avvikelser" and h.strength >= SUBSTANTIVE
                   and h.start in by_idx and self._sentence_start(doc, by_idx[h.start]) in rests
                   else h for h in out]
        return out

    def _still_to_come(self, doc, by_idx, h: Hit, end: int, found) -> bool:
        """After the exception in its sentence: words of the rest still to come ("som ännu
        inte granskats", "där den pågår", "som lämnar i december")."""
        k_end = first_at(doc, h.end)
        rest = [t.norm_ for t in doc[k_end:end]]
        return any(w in SO_FAR_WORDS or w in TO_COME_WORDS for w in rest) or any(
            x.code in ("pagar", "ej_paborjad") and x.start >= h.end
            and by_idx.get(x.start, end) < end for x in found)

    def _undone_of_what_was_checked(self, doc, found: list[Hit]) -> list[Hit]:
        """Something not done that no word names a control (phrase_hits caps it) is a
        finding where the text says of how many or where ("fakturering har uteblivit för 9
        bokningar", "På två enheter har skyddsronder inte genomförts") or reports deviations
        beside it ("Dokumentation saknas och utbildning har inte genomförts")."""
        by_idx = by_index(doc)
        deviating = {self._sentence_start(doc, by_idx[h.start]) for h in found
                     if h.code in DEVIATION_CODES and h.strength >= SUBSTANTIVE
                     and h.start in by_idx}
        out = []
        for h in found:
            k = by_idx.get(h.start)
            if (h.code == "ej_utford" and h.cap < 1.0 and h.rule.startswith("phrase:")
                    and k is not None and self._named_subject(doc, k) and (
                        self._sentence_start(doc, k) in deviating or self._counted_place(doc, k))):
                out.append(Hit("avvikelser", 2, h.start, h.end, h.rule + ":of_checked"))
                continue
            out.append(h)
        return out

    def _counted_place(self, doc, k: int) -> bool:
        """"på två enheter", "för 9 bokningar", "i tre fall": a count of where, in the
        sentence of position k."""
        begin, end = self._sentence_start(doc, k), self._sentence_end(doc, k)
        for j in range(begin, end - 2):
            if doc[j].norm_ in ("pa", "for", "i", "vid") and (
                    doc[j + 1].like_num or doc[j + 1].norm_ in self.number_words) and doc[j + 2].norm_.isalpha():
                return True
        return False

    def _named_subject(self, doc, k: int) -> bool:
        """A word naming what was not done before the hit in its clause ("utbildning har
        inte genomförts"); "Inte utförd enligt plan" names nothing: the control itself."""
        j = k - 1
        while j >= 0 and not self._is_boundary(doc[j]):
            w = doc[j].norm_
            if w.isalpha() and len(w) > 3 and w not in FINITE_VERBS and w not in self.negators:
                return True
            j -= 1
        return False

    def _own_check_before(self, doc, j: int) -> bool:
        """"Vi har gått igenom hälften av avtalen": the controllers' own verb of checking
        before the count."""
        before = [t.norm_ for t in doc[self._sentence_start(doc, j):j]]
        return any(w in OWN_SUBJECTS for w in before) and any(
            w == "igenom" or w in self.check_verbs for w in before)

    def _reported_near(self, doc, k: int) -> bool:
        """A report verb and "att" within a few words before position k in its sentence
        ("visar redan nu att attest saknas")."""
        begin = self._sentence_start(doc, k)
        for j in range(begin, k):
            if doc[j].norm_ in self.report_verbs and any(
                    t.norm_ == "att" for t in doc[j + 1:min(k, j + 4)]):
                return True
        return False

