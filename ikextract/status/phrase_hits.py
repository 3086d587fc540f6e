"""Phrases found in a text, with negation and its scope (StatusRules's phrase step)."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from .evidence import DEVIATION_CODES, Hit
from .universal import QUANTIFIERS
from .phrases import (ADVERB_BREAKS, AFTER_NEGATION_WINDOW, AFTER_NEGATORS, NEGATION_WINDOW,
                      Phrase)
from .windows import (AUXILIARIES, CLEAR_NEGATED_CONFIDENCE, CLEAR_NEUTRALIZER_WINDOW,
                      CONTROL_PREFIXES, EXPECTATIONS, LATER, NEUTRALIZED, NORMS,
                      NOT_A_CONTROL_CONFIDENCE, PARTLY, PAST_WINDOW, QUALIFIED_NEGATION_CONFIDENCE,
                      SUBJECT_NEGATORS, UNKNOWN_CODE)
from .tokens import by_index


# "var små", "bedöms som mindre": a grading of deviations already named
MINOR_GRADING_VERBS = frozenset(("ar", "var", "blev", "bedoms", "bedomdes", "bedomts", "anses",
                                 "ansags", "betraktas", "klassas", "klassades"))
UTAN_NEGATION_WINDOW = 4
LITOTES = frozenset(("sallan", "ovanligt", "ovanliga", "ovanlig", "osannolikt"))
# "allvarliga brister": the report's own word for grave outweighs a minor word nearby
GRAVE_PREFIXES = ("allvarlig", "grundlaggande", "vasentlig", "betydande", "systematisk",
                  "omfattande", "stora")
VERB_FORM = re.compile(r"\w{3,}(ade|ades|ats|des|tes|ts|tts|its)$")
NORMS_OR_EXPECTATIONS = NORMS | EXPECTATIONS
MINOR_GRADES = frozenset(("fa", "mindre", "begransade", "begransad", "begransat", "smarre",
                          "administrativ", "administrativa", "formell", "formella"))


def _char_end(doc, end: int) -> int:
    """The character offset where the token before index end ends (a hit's end)."""
    last = doc[end - 1]
    return last.idx + len(last.text)


class PhraseHitRules:
    """Mixin of StatusRules: phrase hits (phrases.tsv) with negation and scope; reads the
    vocabularies StatusRules loads."""

    def _minor_in(self, tokens) -> bool:
        """The report's own word for minor anywhere in tokens: "enstaka", "få", and the
        phrases of minor_qualifiers.tsv ("ett par")."""
        norms = [t.norm_ for t in tokens]
        single, phrases = self.minor_in_sentence, self.minor_phrases
        for k, w in enumerate(norms):
            # (not "Inga smärre avvikelser utan allvarliga brister", "inte vid något tillfälle")
            if w in single or w in phrases.by_first:
                if any(x in SUBJECT_NEGATORS or x in AFTER_NEGATORS
                       for x in norms[max(0, k - 2):k]):
                    continue
                if w in single or any(tuple(norms[k:k + len(p)]) == p
                                      for p in phrases.by_first[w]):
                    return True
        return False

    def _graded_minor(self, doc, end: int) -> bool:
        """"De avvikelser som hittades var små", "Bristerna är rättade och bedöms som
        mindre": a grading later in the sentence of the deviations before it."""
        stop = self._sentence_end(doc, end)
        for k in range(end, stop):
            if doc[k].norm_ not in MINOR_GRADING_VERBS:
                continue
            j = k + 1
            while j < stop and j <= k + 3 and doc[j].norm_ in ("som", "vara", "ha", "varit",
                                                                "relativt", "mycket"):
                j += 1
            if j < stop and doc[j].norm_ in self.minor_grades and not (
                    j + 1 < stop and doc[j + 1].norm_ in ("an", "antal")):
                return True     # (not "mindre än hälften", "få antal")
        return False

    def _negated_before_utan(self, doc, u: int) -> bool:
        """"inga mindre avvikelser utan grundläggande brister", "Inte helt utan anmärkning":
        a negation of the words just before "utan" (no verb between) makes it "but rather",
        or negates "utan" itself; either way what follows is no all-clear."""
        for j in range(u - 1, max(-1, u - 1 - UTAN_NEGATION_WINDOW), -1):
            n = doc[j].norm_
            if self._is_boundary(doc[j]) or n in AUXILIARIES or VERB_FORM.fullmatch(n):
                return False
            if n in ("inte", "ej", "icke", "inga", "ingen", "inget", "aldrig"):
                return True
        return False

    def _is_boundary(self, token) -> bool:
        return token.is_punct or token.is_space or token.norm_ in self.scope_breaks

    def _sentence_around(self, doc, start: int, end: int) -> list:
        """The tokens of the sentence (or sentences) tokens start..end stand in."""
        return doc[self._sentence_start(doc, start):self._sentence_end(doc, end)]

    def _clause_start(self, doc, k: int, breaks=frozenset(), floor: int = 0) -> int:
        """Where the clause of token k begins: back to punctuation, a line break, a scope
        break ("och", "men") or one of breaks ("att", "som"), never before floor."""
        lo = k
        while lo > floor and not (self._is_boundary(doc[lo - 1]) or doc[lo - 1].norm_ in breaks):
            lo -= 1
        return lo

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
            if t.norm_ == "utan" and i + 1 < start and self._cue_kind(
                    doc[i + 1].norm_) == "deviation":
                break   # "utan differens vid samtliga tillfällen": "utan" has its own object
            if t.norm_ in self.negators and not (
                    i + 1 < len(doc) and doc[i + 1].norm_.startswith("uteslut")) and not (
                    t.norm_ == "utan" and self._negated_before_utan(doc, i)) and not (
                    i + 1 < len(doc) and doc[i + 1].norm_ in LITOTES):
                # ("Inte sällan saknades underskrift": not rarely is often, no negation)
                # ("Det kan inte uteslutas att fel förekommer": a possibility, no negation)
                return i
            if t.norm_ == "eller":
                window += 2      # "inga fel eller brister": the negation reaches both
            if t.norm_ == "heller":
                window += 1      # "Ej heller förekom några felaktigheter"
            i -= 1
        if phrase.negated_code == "inga_avvikelser" and start > 0 and doc[start - 1].norm_ in (
                "nagra", "nagon", "nagot"):
            # "Inte heller denna gång fanns några brister": "några" stands in a negation's
            # scope, which may open further back in the clause
            j = start - 2
            while j >= 0 and not (self._is_boundary(doc[j]) or doc[j].norm_ in self.clause_breaks):
                if doc[j].norm_ in ("inte", "ej", "aldrig", "icke"):
                    return j
                j -= 1
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
        by_idx = by_index(doc)
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
                                _char_end(doc, end), "phrase:hanterade:partly"))
                continue
            if phrase.family == "hanterade" and negator is None and any(
                    t.norm_ in self.found_verbs for t in doc[start:end]) and not any(
                    t.norm_ in self.past_words for t in
                    self._sentence_around(doc, start, end)):
                # "Avvikelser har hittats men är nu åtgärdade": this control found them (and
                # they were handled); "de avvikelser som noterades i fjol har åtgärdats" not
                minor = start > 0 and doc[start - 1].norm_ in self.minor
                hits.append(Hit("mindre_avvikelser" if minor else "avvikelser", 3,
                                doc[start - 1 if minor else start].idx,
                                _char_end(doc, end), "phrase:hanterade:found"))
                continue
            if phrase.family == "hanterade" and negator is None and (
                    any(t.norm_ in self.minor_grades for t in doc[start:end])
                    or self._graded_minor(doc, end)):
                # "Avvikelserna var få och har rättats", "Bristerna är rättade och bedöms
                # som mindre": minor deviations were found (and handled)
                hits.append(Hit("mindre_avvikelser", 3, doc[start].idx,
                                _char_end(doc, end), "phrase:hanterade:minor"))
                continue
            if phrase.family == "hanterade" and negator is None and start > 0 and (
                    doc[start - 1].norm_ in self.minor or doc[start - 1].like_num):
                # "marginella avvikelser som har rättats", "tre avvikelser har åtgärdats":
                # deviations were found (and handled); "alla avvikelser har hanterats" is not
                code = "mindre_avvikelser" if doc[start - 1].norm_ in self.minor else "avvikelser"
                hits.append(Hit(code, 3, doc[start - 1].idx,
                                _char_end(doc, end), "phrase:hanterade:found"))
                continue
            if (phrase.code == "inga_avvikelser" and doc[start].norm_ == "utan"
                    and self._negated_before_utan(doc, start)):
                # "Inte helt utan anmärkning", "ej utan brister": not without
                hits.append(Hit("avvikelser", 2, doc[start].idx,
                                _char_end(doc, end), "phrase:utan:negated"))
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
                        t.norm_ in self.info_nouns for t in doc[negator + 1:start]) and any(
                        t.norm_ in ("om", "kring", "gallande", "avseende", "rorande", "pa")
                        for t in doc[negator + 1:start]):
                    # (about the deviations; not "Varken attest eller underlag saknades",
                    # where what is not missing is the information itself)
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
                        self._sentence_around(doc, start, end)):
                    code = "mindre_avvikelser"   # "Endast i undantagsfall följs inte rutinen"
                first = min(start, negator)
                if code == "inga_avvikelser" and any(
                        t.norm_ == "utan" for t in doc[end:end + 2]) and (
                        self._negated_before_utan(doc, next(
                            k for k in range(end, min(len(doc), end + 2))
                            if doc[k].norm_ == "utan"))):
                    # "Det rör sig inte om enstaka fel utan om brister i ...": not this but
                    # that; what follows "utan" is the finding
                    hits.append(Hit(UNKNOWN_CODE, 1, doc[first].idx,
                                    _char_end(doc, end), NEUTRALIZED))
                    continue
                if code == "inga_avvikelser" and (
                        (end < len(doc) and doc[end].norm_ in NORMS_OR_EXPECTATIONS)
                        or any(t.norm_ in NORMS for t in doc[start:end])
                        or self._neutralized(doc, first, self.clear_neutralizers,
                                             CLEAR_NEUTRALIZER_WINDOW, True)
                        or self._in_clause(doc, first, self.purpose_words, self.report_verbs) is not None):
                    # "Inga fel ska förekomma", "för att säkerställa att inga obehöriga har
                    # tillgång": what the rule demands or the control looks for, not a finding
                    hits.append(Hit(UNKNOWN_CODE, 1, doc[min(start, negator)].idx,
                                    _char_end(doc, end), NEUTRALIZED))
                    continue
                start, end = min(start, negator), max(end, negator + 1)
            else:
                code, strength = phrase.code, phrase.strength
                neutral = False
                if code in DEVIATION_CODES and (strength <= 2 and (
                        self._neutralized(doc, start, self.neutralizers_this_year
                                          if self._this_year(doc, start) else self.neutralizers)
                        or (
                            end < len(doc) and doc[end].norm_ in self.modals) or (
                            end < len(doc) and doc[end].norm_ in self.procedure_verbs
                            and not (end + 1 < len(doc)
                                     and doc[end + 1].norm_ in AFTER_NEGATORS)))
                        or ((((self._neutralized(doc, start, self.past_words, PAST_WINDOW)
                               or self._past_label(doc, start))
                              and not self._this_year(doc, start))
                             or self._past_after(doc, end) or self._past_clause(doc, start))
                            and not self._still(doc, start))):
                    # "risk för fel", "eventuella avvikelser", "avvikelser ska
                    # dokumenteras": what is looked for, not what was found.
                    code, strength, neutral = "okand", 1, True
                elif code == "inga_avvikelser" and strength <= 2 and (self._neutralized(
                        doc, start, self.clear_neutralizers, CLEAR_NEUTRALIZER_WINDOW, True)
                        or self._in_clause(doc, start, self.purpose_words, self.report_verbs) is not None
                        or any(t.norm_ in NORMS for t in doc[start:end])
                        or doc[self._sentence_start(doc, start)].norm_ == "att"
                        or (any(t.norm_ in QUANTIFIERS for t in doc[start:end])
                            and self.scope_of_all(doc, start, end))
                        or self.control_point(doc, start)):
                    # "för att säkerställa att rutinen följs": a purpose, not a finding;
                    # "Kontrollen omfattade samtliga enheter": a scope;
                    # "Samtliga avtal ska finnas registrerade", "Att rutinen följs.": a norm
                    # or the control point itself
                    strength, neutral = 1, True
                if neutral:
                    hits.append(Hit(code, strength, doc[start].idx,
                                    _char_end(doc, end), NEUTRALIZED))
                    continue
                # "Mindre avvikelser i form av ...": a qualifier makes a deviation minor.
                if code == "avvikelser" and not (
                        start > 0 and doc[start - 1].norm_.startswith(GRAVE_PREFIXES)):
                    if start > 0 and doc[start - 1].norm_ in self.minor:
                        code, start = "mindre_avvikelser", start - 1
                    elif any(t.norm_ in self.minor for t in doc[start:end]):
                        code = "mindre_avvikelser"
                    elif self._minor_in(
                            self._sentence_around(doc, start, end)):
                        code = "mindre_avvikelser"    # "Enstaka fakturor har attesterats sent"
                    elif self._graded_minor(doc, end):
                        code = "mindre_avvikelser"    # "De fel som hittades var små"
            if code == "ej_paborjad" and strength <= 2 and any(
                    t.norm_ in self.recurrence for t in doc[end:self._sentence_end(doc, end)]):
                # "Ett stickprov om 20 ärenden ska göras per halvår": the method, not a start
                hits.append(Hit(UNKNOWN_CODE, 1, doc[start].idx,
                                _char_end(doc, end), NEUTRALIZED))
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
                hits.append(Hit(code, 1, doc[start].idx, _char_end(doc, end),
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
                    for t in self._sentence_around(doc, start, end)):
                # "har inte genomförts" of something not named a control: perhaps a finding
                cap = NOT_A_CONTROL_CONFIDENCE
            hits.append(Hit(code, strength, doc[start].idx, _char_end(doc, end),
                            f"phrase:{phrase.family}:{phrase.pattern[:40]}" + (
                                LATER if later else ""), cap))
        if clause_negated:
            # "Ingen av de tio kassorna visade differens": the negator negates the finding
            # ("ingen av" is no shortfall of its own here)
            # (the words of the negator: "I inget av" holds the phrase "inget av")
            starts = {doc[j].idx for k in clause_negated for j in range(k, min(len(doc), k + 3))}
            hits = [h for h in hits if not (h.code in DEVIATION_CODES and h.start in starts
                                            and h.rule.startswith("phrase:"))]
        grave = self.negated_grave_hits(doc, taken)
        if grave:
            # "Ingen av avvikelserna bedöms som allvarlig": not "Ingen av avvikelserna"
            starts = {h.start for h in grave}
            hits = [h for h in hits if not (h.code == "inga_avvikelser" and h.start in starts)]
        hits = sorted(hits + grave + self.universal_hits(doc, taken)
                      + self.negated_find_hits(doc, taken)
                      + self.negated_subject_hits(doc, taken), key=lambda h: h.start)
        clear_sentences = {self._sentence_start(doc, by_idx[h.start]) for h in hits
                           if h.code == "inga_avvikelser" and h.strength >= 2}
        # a negated verb no phrase knows is a weaker reading than a sentence's all-clear
        # ("Samtliga var godkända och alkohol hade inte bekostats")
        hits = sorted(hits + [h for h in self.negated_verb_hits(doc, taken)
                              if self._sentence_start(doc, by_idx[h.start])
                              not in clear_sentences], key=lambda h: h.start)
        hits = self.answered_none(doc, self._negated_heads(doc, hits))
        return self.minor_in_same_clause(doc, self.few_after_clear(doc, hits))
