"""An all-clear that never says "avvikelse": all of the things checked are as they should be
("Samtliga bisysslor är anmälda och bedömda", "alla hade beslutats inom handläggningstiden",
"Rätt avgift debiteras"). A mixin of StatusRules, through ClauseRules."""
from __future__ import annotations

import re
from typing import Optional

from .evidence import Hit

QUANTIFIERS = frozenset(("samtliga", "alla", "varje", "samtl", "bada", "bagge"))
# before the quantifier: the head of a clause ("visade att alla ...", "Av 18 bisysslor var
# samtliga ..."); after a preposition ("på alla enheter") it names a scope, not a subject
SUBJECT_BEFORE = frozenset(("att", "var", "ar", "hade", "har", "och", "dar", "nu", "ocksa",
                            "aven"))
# a participle or a passive said of them: "anmälda", "bedömda", "utretts", "debiteras"
PARTICIPLE = re.compile(r"\w{3,}(?<!and|end)(ade|ad|ats|ts|tts|its|da|dda|de|des|vna|gna)$")
# (no present passive: of "samtliga X" it is the procedure, "Samtliga fakturor attesteras av
# två personer"; only of "rätt X" it says what is found, "Rätt avgift debiteras")
STATE_VERBS = frozenset(("ar", "var", "hade", "har", "blev", "blivit", "varit", "befanns",
                         "fanns", "finns"))
# have the right thing: "har aktuell behörighetsbeställning", "har rätt roll"
RIGHT_WORDS = frozenset(("ratt", "korrekt", "korrekta", "aktuell", "aktuella", "aktuellt",
                         "giltig", "giltiga", "giltigt", "fullstandig", "fullstandiga",
                         "godkand", "godkanda", "godkant", "avtalad", "avtalade", "behorig",
                         "behoriga", "beslutad", "beslutade", "upphandlad", "upphandlade"))
# the clause says what is checked or covered, or what should be, not how it was found
SCOPE_WORDS = frozenset(("omfattade", "omfattar", "omfattat", "galler", "gallde", "ingick",
                         "ingar", "berors", "berordes", "avses", "valdes"))
# what the rule or the control aims at: "för att säkerställa att alla", "Målet är att alla"
AIM_WORDS = frozenset(("sakerstalla", "sakerstalls", "syfte", "syftet", "syftar", "krav",
                       "kravet", "malet", "mal", "ambitionen", "avsikten", "forvantningen",
                       "risk", "risken", "eventuella", "rutin", "rutinen", "riktlinjen",
                       "avser", "avsag", "malsattning", "malsattningen", "onskat", "onskvart"))
# a label naming the control point or its aim: "Kontrollmoment: samtliga avtal är registrerade"
POINT_VERBS = ("kontroll", "sakerstall", "gransk", "verifier", "undersok")
POINT_LABELS = ("kontrollmoment", "kontrollpunkt", "moment", "syfte", "mal", "risk",
                "kontrollomrade", "beskrivning", "metod")
AIM_WINDOW = 4
MODAL_WORDS = frozenset(("ska", "skall", "bor", "maste", "behover", "kommer", "kan", "far",
                         "borde", "skulle"))
EXCEPTION_WORDS = frozenset(("utom", "forutom", "undantag", "bortsett", "men", "dock",
                             "daremot", "medan"))
EXIST_VERBS = frozenset(("finns", "fanns", "forelag", "foreligger"))
EXISTS_WINDOW = 5           # words from "finns" to "för alla"
CLAUSE_WINDOW = 14          # words from the quantifier to the end of what is said of it
UNIVERSAL_CONFIDENCE = 0.85


class UniversalClear:
    """"Samtliga/alla X är/hade/har <participle>" and "rätt X <passive>": an all-clear read
    from what is said of all of them, where nothing in the clause is negated, deviating,
    a norm, a scope or a check."""

    def _clause_after(self, doc, q: int) -> int:
        end = q + 1
        while end < len(doc) and end - q <= CLAUSE_WINDOW and not (
                doc[end].is_punct and doc[end].text not in ("%", "-", "–")
                or doc[end].is_space or doc[end].norm_ in EXCEPTION_WORDS):
            end += 1
        return end

    def control_point(self, doc, q: int) -> bool:
        """Is the sentence of q the control point or its aim, not a finding: "Att rätt avgift
        debiteras.", "Kontroll att ...", "Kontrollmoment: samtliga avtal är registrerade",
        "Kontrollen avser att alla beslut är korrekt fattade"?"""
        begin = self._sentence_start(doc, q)
        colon = next((x for x in range(begin, q) if doc[x].text == ":"), None)
        if colon is not None and any(t.norm_.startswith(POINT_LABELS)
                                     for t in doc[begin:colon]):
            return True
        head = [t.norm_ for t in doc[begin if colon is None else colon + 1:q]]
        if any(t.norm_ in self.report_verbs for t in doc[begin:self._sentence_end(doc, q)]):
            return False     # "Kontrollen av att ... visade överensstämmelse": reported
        if head[:1] == ["att"] or (len(head) >= 2 and head[0].startswith(POINT_VERBS) and (
                head[1] in ("att", "om") or head[1:3] in (["av", "att"], ["av", "om"]))):
            return True
        return any(a in ("avser", "avsag", "syftar") and b == "att"
                   for a, b in zip(head, head[1:]))

    def _clause_spoils(self, doc, q: int, hi: int) -> bool:
        begin = self._sentence_start(doc, q)
        if self.control_point(doc, q):
            return True
        lo = max(begin, q - AIM_WINDOW)
        if any(t.norm_ in AIM_WORDS for t in doc[lo:hi]):
            return True
        for t in doc[self._sentence_start(doc, q):hi]:
            n = t.norm_
            if (n in self.negators and n not in ("0", "noll")) or n in MODAL_WORDS \
                    or n in SCOPE_WORDS:
                return True
            if self._cue_kind(n) == "deviation" or n in ("sen", "sent", "sena") \
                    or n.startswith(("forsen", "felakt")):
                return True
        return False

    def _universal_predicate(self, doc, q: int, end: int) -> Optional[int]:
        """The index of the word that says what all of them are, or None."""
        if q > 0 and doc[q - 1].norm_ in STATE_VERBS and q + 1 < end and (
                doc[q + 1].norm_ in RIGHT_WORDS or PARTICIPLE.fullmatch(doc[q + 1].norm_)) \
                and doc[q + 1].norm_ not in self.check_verbs:
            return q + 1      # "Av 25 avtal var samtliga undertecknade"
        for k in range(q + 1, end):
            n = doc[k].norm_
            if n in STATE_VERBS and k + 1 < end:
                nxt = doc[k + 1].norm_
                if nxt in RIGHT_WORDS or (PARTICIPLE.fullmatch(nxt) and nxt not in STATE_VERBS):
                    return k + 1
                if n in ("har", "hade") and doc[k + 1].norm_ == "fatt":
                    # "har fått sina behörigheter borttagna"
                    return next((x for x in range(k + 2, min(end, k + 6))
                                 if PARTICIPLE.fullmatch(doc[x].norm_)), None)
            if k > q + 1 and PARTICIPLE.fullmatch(n) and doc[k - 1].norm_ not in (
                    "av", "de", "den", "det") and not doc[k - 1].like_num and any(
                    not doc[x].like_num for x in range(q + 1, k)):
                # "samtliga granskade beslut undertecknade", "alla hade beslutats"
                if any(doc[x].norm_ in STATE_VERBS or PARTICIPLE.fullmatch(doc[x].norm_)
                       is None for x in range(q + 1, k)):
                    return k
        return None

    def _done_verb(self, norm: str) -> bool:
        return norm in self.done_words or norm.startswith(self.done_prefixes) or norm in (
            "gjordes", "skedde", "skett", "togs")

    def scope_of_all(self, doc, start: int, end: int) -> bool:
        """"Kontrollen omfattade samtliga enheter", "Rutinen har gåtts igenom på alla
        enheter": all of them named as what was covered or checked, not as found right."""
        lo = self._clause_start(doc, start)
        q = next((k for k in range(start, end) if doc[k].norm_ in QUANTIFIERS), start)
        for k in range(lo, q):
            n = doc[k].norm_
            # all of them the object of a scope ("omfattade samtliga") or the place of a
            # check ("har gåtts igenom på alla enheter"), not the subject of a finding
            if k > 0 and doc[k - 1].norm_ in ("som", "har", "hade") and k > 1 and (
                    doc[k - 2].norm_ == "som" or doc[k - 1].norm_ == "som"):
                continue     # "ärendena som granskats": the things checked, named
            if n in SCOPE_WORDS or n in ("gatts", "gicks") or (
                    n.startswith(("gransk", "kontroller", "inventer")) and n.endswith("ats")):
                return True
        return False

    def universal_hits(self, doc, taken) -> list:
        out = []
        n = len(doc)
        for q in range(n):
            if doc[q].norm_ not in QUANTIFIERS or taken[q]:
                continue
            begin = self._sentence_start(doc, q)
            before = doc[q - 1].norm_ if q > begin else None
            if before is not None and before not in SUBJECT_BEFORE and not (
                    doc[q - 1].text in (",", ":")):
                continue
            end = self._clause_after(doc, q)
            if self._clause_spoils(doc, q, end):
                continue
            if self._in_clause(doc, q, self.purpose_words) is not None:
                continue     # "för att säkerställa att alla ..."
            k = self._universal_predicate(doc, q, end)
            if k is None:
                continue
            if doc[k].norm_ in self.check_verbs or doc[k].norm_.startswith(("gransk",
                                                                            "kontroller")):
                continue     # "Samtliga fakturor har granskats": what was checked
            if self._done_verb(doc[k].norm_) and not any(
                    t.norm_ in RIGHT_WORDS or t.norm_ in ("enligt", "inom", "tid")
                    for t in doc[k + 1:end]):
                continue     # "Samtliga kontroller gjordes i oktober": done, no finding
            out.append(Hit("inga_avvikelser", 2, doc[q].idx, doc[k].idx + len(doc[k]),
                           "phrase:universal", UNIVERSAL_CONFIDENCE))
        for q in range(2, n):
            # "genomförandeplaner finns för alla brukare", "fanns kvittens för alla nycklar":
            # what is required, there for all of them
            if doc[q].norm_ not in QUANTIFIERS or taken[q] or doc[q - 1].norm_ not in (
                    "for", "i", "hos", "pa", "vid"):
                continue
            lo = max(self._sentence_start(doc, q), q - EXISTS_WINDOW)
            there = [k for k in range(lo, q - 1) if doc[k].norm_ in EXIST_VERBS]
            end = self._clause_after(doc, q)
            if not there or any(self._is_boundary(t) for t in doc[there[-1]:q]) \
                    or self._clause_spoils(doc, there[-1], end) \
                    or self._in_clause(doc, there[-1], self.purpose_words) is not None:
                continue     # ("Säkerställa att avtal finns för samtliga inköp": an aim)
            out.append(Hit("inga_avvikelser", 2, doc[there[-1]].idx, doc[q].idx + len(doc[q]),
                           "phrase:universal:there", UNIVERSAL_CONFIDENCE))
        for r in range(n - 2):
            # "Rätt avgift debiteras", "rätt antal valsedlar har levererats"
            if doc[r].norm_ not in ("ratt", "korrekt") or taken[r] or (
                    r > 0 and doc[r - 1].norm_ in ("av", "till", "med", "pa", "i", "har",
                                                   "hade", "om")):
                continue
            end = self._clause_after(doc, r)
            # "Inte rätt belopp hade betalats ut": the right thing negated is a deviation
            negated = r > 0 and doc[r - 1].norm_ in ("inte", "ej") and not taken[r - 1]
            if negated and (self.control_point(doc, r) or any(
                    t.norm_ in MODAL_WORDS for t in doc[r:end])):
                continue
            if not negated and self._clause_spoils(doc, r, end):
                continue
            for k in range(r + 2, min(end, r + 6)):
                if len(doc[k].norm_) > 4 and doc[k].norm_.endswith(("as", "ts", "des")):
                    lo = r - 1 if negated else r
                    out.append(Hit("avvikelser" if negated else "inga_avvikelser", 2,
                                   doc[lo].idx, doc[k].idx + len(doc[k]),
                                   "phrase:universal:right", UNIVERSAL_CONFIDENCE))
                    break
        return out
