"""A deviation said by a negated verb the phrases do not name: "18 bisysslor har inte
godkänts av chef", "Avgiften debiterades inte", "har inte begärts in" (a mixin of
StatusRules, through ClauseRules). Only what was not done to the things checked: not the
control itself not done or not yet done (the phrases of ej_utford / ej_paborjad / pagar), not
a norm, a risk, a purpose, a condition, a question or an earlier year."""
from __future__ import annotations

import re

from .evidence import Hit
from .windows import VERB_NEGATORS

# a participle, supine or passive: "godkänts", "debiterades", "anmälts", "upprättas"
VERB_FORM = re.compile(r"\w{3,}(ats|ts|tts|its|ades|des|tes|as|ade|at|t|d|da|de|e)$")
AUXILIARY_VERBS = frozenset(("har", "hade", "ar", "var", "blev", "blivit", "varit"))
# "kunde inte härledas", "gick inte att": could not be shown
COULD = frozenset(("kunde", "kunnat", "gick"))
SUPINE = re.compile(r"\w{3,}(ats|tts|its|ts)$")     # "att beslut inte anmälts"
PASSIVE = re.compile(r"\w{3,}(ras|tas|las|das|nas|gas|vas|kas|pas)$")
# verbs of the control's own progress and of reporting on it: the ej_utford, ej_paborjad
# and pagar phrases read them
PROGRESS_STEMS = ("genomfor", "utfor", "gjort", "gjord", "gjor", "pabor", "start", "slutfor",
                  "gransk", "kontroller", "hunn", "hann", "avslut", "inled", "tagit", "tagits",
                  "tas", "togs", "sammanstall", "analyser", "inventer", "planer", "prioriter",
                  "mojliggj", "klar", "fardig", "besok", "skickat", "skickats", "utvarder",
                  "behand", "bedom", "fastst", "beslut", "kommit", "komm", "borj", "hinn",
                  "stickprov", "skett", "ske")
# how the work should have been done: "har inte skett månadsvis", "inte gjorts enligt
# rutinen" is a finding even of a progress verb
MANNER_WORDS = frozenset(("manadsvis", "regelbundet", "lopande", "arligen", "kvartalsvis",
                          "veckovis", "dagligen", "enligt", "korrekt", "skyndsamt", "systematiskt"))
# "har den inte tillämpats": a pronoun between the auxiliary and the negation
PRONOUNS = frozenset(("den", "det", "de", "man", "vi", "dessa", "detta"))
# "behöver inte ändras", "krävs inte": a negation that says nothing is wrong
HARMLESS_STEMS = ("behov", "krav", "kravs", "foranled", "andra", "aktuell", "nodvand",
                  "berors", "paverka", "uppmarksamm", "noter", "konstater", "upptack",
                  "hitt", "framkom", "identifier", "patraff", "forekom", "observer", "setts",
                  "visat", "kunnat", "gatt", "uteslut", "tillampl", "forvant", "funn",
                  "finns", "fanns", "inkom", "haft", "hade")
# "har inte funnit några brister": the negation reaches the object, which the phrases read
OBJECT_QUANTIFIERS = frozenset(("nagra", "nagon", "nagot", "nagonting"))
# words that make the sentence no finding of its own
SPOIL_WORDS = frozenset(("risk", "risken", "riskerna", "ska", "skall", "far", "bor",
                         "maste", "kan", "ifall", "syfte", "syftet", "malet", "mal",
                         "annu", "an", "hittills", "forra", "foregaende", "fjol",
                         "tidigare", "nar", "innan", "forran"))
NEGATED_VERB_CONFIDENCE = 0.8
COPULAS = frozenset(("ar", "var", "blev", "varit", "blivit", "befanns"))
RIGHT_STATES = frozenset((
    "tillracklig", "tillrackliga", "tillrackligt", "aktuell", "aktuella", "aktuellt",
    "uppdaterad", "uppdaterade", "uppdaterat", "fullstandig", "fullstandiga", "fullstandigt",
    "komplett", "kompletta", "korrekt", "korrekta", "riktig", "riktiga", "riktigt", "tydlig",
    "tydliga", "tydligt", "ifylld", "ifyllda", "ifyllt", "attesterad", "attesterade",
    "attesterat", "signerad", "signerade", "signerat", "godkand", "godkanda", "godkant",
    "dokumenterad", "dokumenterade", "dokumenterat", "gjorda", "gjord", "registrerad",
    "registrerade", "diarieford", "diarieforda", "giltig", "giltiga", "giltigt",
    "tillfredsstallande", "andamalsenlig", "andamalsenliga", "andamalsenligt", "kand", "kanda",
    "forankrad", "forankrade", "implementerad", "implementerade"))

# stems of verbs whose negation is no finding: progress, or a need or demand
NOT_FINDING_STEMS = PROGRESS_STEMS + HARMLESS_STEMS

class NegatedVerbs:
    """Mixin: hits for a negated verb of what the control found."""

    def _verb_is_finding(self, norm: str, after: str = "") -> bool:
        if norm.startswith("folj"):
            return after != "upp"        # "har inte följt taxan"; not "följts upp"
        if norm.startswith(PROGRESS_STEMS) and after in MANNER_WORDS:
            return True                  # "har inte skett månadsvis"
        return bool(VERB_FORM.fullmatch(norm)) and not norm.startswith(
            NOT_FINDING_STEMS) and norm not in AUXILIARY_VERBS and norm not in (
            "inte", "ej", "aldrig", "helt", "alltid", "heller", "langre", "annu", "bara",
            "endast", "fullt", "riktigt", "tillrackligt", "korrekt", "ratt", "dessa", "det",
            "detta", "de", "den", "att", "sedan", "ut")

    def _negated_state(self, doc, k: int) -> int:
        """"Dokumentationen är inte tillräcklig", "Uppgifterna var inte aktuella": a copula,
        the negation, the state all should be in; the index of the state word, or -1."""
        if k == 0 or doc[k - 1].norm_ not in COPULAS:
            return -1
        j = k + 1
        if j < len(doc) and doc[j].norm_ in ("helt", "alltid", "tillrackligt", "fullt"):
            j += 1
        if j < len(doc) and doc[j].norm_ in RIGHT_STATES:
            return j
        return -1

    def negated_verb_hits(self, doc, taken) -> list:
        out = []
        n = len(doc)
        for k in range(n):
            if doc[k].norm_ not in VERB_NEGATORS or taken[k]:
                continue
            state = self._negated_state(doc, k)
            if state >= 0 and not taken[state]:
                begin = self._sentence_start(doc, k)
                if not any(t.norm_ in SPOIL_WORDS for t in doc[begin:k]) \
                        and not self.control_point(doc, k):
                    out.append(Hit("avvikelser", 2, doc[k - 1].idx,
                                   doc[state].idx + len(doc[state]), "phrase:negated_state",
                                   NEGATED_VERB_CONFIDENCE))
                continue
            # the verb after the negation ("har inte godkänts", "debiterades inte"): one
            # word after it, or the finite verb just before it
            verb = None
            nxt = doc[k + 2].norm_ if k + 2 < n else ""
            before = doc[k - 1].norm_ if k > 0 else ""
            if k + 1 < n and not taken[k + 1] and self._verb_is_finding(doc[k + 1].norm_, nxt) \
                    and (before in AUXILIARY_VERBS or before in COULD
                         or (before in PRONOUNS and k > 1 and doc[k - 2].norm_ in AUXILIARY_VERBS)
                         or SUPINE.fullmatch(doc[k + 1].norm_)
                         or (PASSIVE.fullmatch(doc[k + 1].norm_) and any(
                             t.norm_ == "att" for t in doc[max(0, k - 5):k]))):
                verb = k + 1     # ("visar att avgifter inte debiteras enligt taxan")
            elif k > 0 and not taken[k - 1] and doc[k - 1].norm_.endswith(("des", "ades", "tes",
                                                                         "ras", "tas", "las")) \
                    and self._verb_is_finding(doc[k - 1].norm_):
                verb = k - 1
            if verb is None or (verb + 1 < n and doc[verb + 1].norm_ in OBJECT_QUANTIFIERS):
                continue
            begin, end = self._sentence_start(doc, k), self._sentence_end(doc, k)
            if end < n and doc[end].text == "?":
                continue
            before = [t.norm_ for t in doc[begin:k]]
            if any(w in SPOIL_WORDS for w in before) or any(
                    t.norm_ in ("annu", "an", "hittills") for t in doc[k:end]):
                continue
            if (before and before[0] == "om") or any(
                    a == "for" and b == "att" for a, b in zip(before, before[1:])):
                continue     # "Om rutinen inte följs", "för att inte ...": no finding
            # the control or its result as the subject: "Resultatet har inte redovisats";
            # the subject is after a label's colon or a report verb's "att" ("Genomgången
            # visade att beslut inte anmälts")
            subject = begin
            for x in range(begin, min(k, verb)):
                if doc[x].text == ":" or doc[x].norm_ == "att":
                    subject = x + 1
            if any(self._names_a_control(t.norm_) or t.norm_.startswith(
                    ("resultat", "rapport", "enkat", "svar", "atgard", "arbete"))
                   for t in doc[subject:min(k, verb)]):
                continue
            lo, hi = min(k, verb), max(k, verb)
            # "Vid något tillfälle hade kvittens inte lämnats": the report's word for few
            code = "mindre_avvikelser" if self._minor_in(doc[begin:end]) else "avvikelser"
            out.append(Hit(code, 2, doc[lo].idx, doc[hi].idx + len(doc[hi]),
                           "phrase:negated_verb", NEGATED_VERB_CONFIDENCE))
        return out


# "Ingen attestant hade uppdaterat sin behörighet", "ingen enhet har fullständiga
# personalakter": no one did what all should have, or has what all should have
ACTIVE_SUPINE = re.compile(r"\w{3,}(at|it|tt)$")
HAVE_RIGHT = frozenset(("fullstandig", "fullstandiga", "fullstandigt", "aktuell", "aktuella",
                        "aktuellt", "giltig", "giltiga", "giltigt", "korrekt", "korrekta",
                        "uppdaterad", "uppdaterade", "uppdaterat", "komplett", "kompletta",
                        "godkand", "godkanda", "godkant", "dokumenterad", "dokumenterade"))
NEGATED_SUBJECT_WINDOW = 4   # words of the negated subject
# what happens of itself: "Inga incidenter har inträffat" is nothing wrong happening
EVENT_STEMS = ("intraff", "tillkom", "forekom", "uppstat", "hant", "inkom", "kom", "okat",
               "minskat", "forandrat", "upphort", "drabbat", "berort", "overklag", "anmalt",
               "paverkat", "orsakat", "lett", "resulterat", "medfort", "gett", "givit")


class NegatedSubjects:
    """Mixin: a negated subject that did not do, or has not, what it should."""

    def negated_subject_hits(self, doc, taken) -> list:
        out = []
        n = len(doc)
        for k in range(n):
            if doc[k].norm_ not in ("ingen", "inget", "inga") or taken[k]:
                continue
            prev = doc[k - 1] if k > 0 else None
            if prev is not None and not (prev.is_punct or prev.is_space or prev.norm_ in (
                    "att", "och")):
                continue       # the head of a clause only
            aux = next((x for x in range(k + 1, min(n, k + 2 + NEGATED_SUBJECT_WINDOW))
                        if doc[x].norm_ in ("har", "hade")), None)
            if aux is None or aux + 1 >= n or any(
                    self._is_boundary(t) or taken[t.i] or t.norm_ == "av"
                    or self._names_a_control(t.norm_) or self._cue_kind(t.norm_) == "deviation"
                    for t in doc[k + 1:aux]) or aux == k + 1:
                continue
            pred = doc[aux + 1]
            end = self._clause_after(doc, aux)
            clause = doc[aux + 1:end]
            if taken[pred.i] or any(self._cue_kind(t.norm_) == "deviation"
                                    or t.norm_ in VERB_NEGATORS or t.norm_ == "utan"
                                    for t in clause):
                continue
            active = (ACTIVE_SUPINE.fullmatch(pred.norm_) and not pred.norm_.startswith(
                NOT_FINDING_STEMS + EVENT_STEMS) and aux + 2 < n
                and not doc[aux + 2].is_punct)
            if not (active or pred.norm_ in HAVE_RIGHT):
                continue
            out.append(Hit("avvikelser", 2, doc[k].idx, pred.idx + len(pred),
                           "phrase:negated_subject", NEGATED_VERB_CONFIDENCE))
        return out
