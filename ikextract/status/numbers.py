"""Number rules: shares and counts tied to a cue ("7 av 8 chefer"), and goals met or missed."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from .evidence import Hit
from .phrases import AFTER_NEGATORS
from .tokens import _fraction, _number

# "mindre" means minor only before a deviation word ("mindre fel"), not in "mindre än hälften"
DEVIATION_WORDS = frozenset(("avvikelse", "avvikelser", "brist", "brister", "fel",
                             "felaktigheter", "anmarkning", "anmarkningar", "avvikelserna"))
CUE_WINDOW = 10              # words between a number and the cue it is about
CUE_BEFORE_WINDOW = 6        # "saknades i 4 av 15 ärenden": a cue before the count
TOTAL_WINDOW = 8             # "Av 60 kontrollerade verifikationer saknade 5 attest"
GOAL_WINDOW = 4              # words between a goal word and its percentage
GOAL_UNITS = {"%": "%", "procent": "%", "dagar": "dagar", "dag": "dagar", "veckor": "veckor",
              "vecka": "veckor", "manader": "manader", "timmar": "timmar"}
LIMIT_UNITS = frozenset(("dagar", "veckor", "manader"))   # handling times: lower is better
AT_LEAST_WORDS = frozenset(("minst", "lagst", "atminstone"))
SAMPLE_LINKS = frozenset(("pa", "om", "av", "omfattade", "omfattar", "omfattande", "motsvarade",
                          "motsvarar", "motsvarande", "till"))
# words between "av" and a count's total: "10 av planerade 30", "5 av de totalt 40"
COUNT_TOTAL_WORDS = frozenset(("de", "totalt", "sammanlagt", "dessa", "alla", "samtliga",
                               "planerade", "planerat", "tankta", "avsedda", "beslutade"))
CASE_WORDS = frozenset(("fall", "arenden", "tillfallen", "stickprov"))
PRONOUN_TOTALS = frozenset(("dem", "dessa", "de"))
PRONOUN_SHARE = 50.0         # "fyra av dem": some, not all; how many the text does not say
PRONOUN_CAP = 0.8
SMALL_SHARE = 10.0           # at most this % with a finding ...
SMALL_SHARE_CONFIDENCE = 0.85  # ... is a deviation said less surely (minor or not?)


def earlier_value(doc, i: int) -> bool:
    """"ökade från 88 % till 100 %": the value a change started from, not the finding."""
    if i == 0 or doc[i - 1].norm_ != "fran":
        return False
    return any(t.norm_ == "till" and k + 1 < len(doc) and doc[k + 1].like_num
               for k, t in ((k, doc[k]) for k in range(i + 1, min(len(doc), i + 4))))


class NumberRules:
    """The number rules of StatusRules (which holds the vocabularies they read: cues,
    number_words, share_words, goal_words, planned/done words, control_nouns)."""

    def _cue_kind(self, norm: str) -> Optional[str]:
        try:
            return self._cue_cache[norm]
        except KeyError:
            kind = self._cue_cache[norm] = self._find_cue_kind(norm)
            return kind

    def _find_cue_kind(self, norm: str) -> Optional[str]:
        if norm.startswith(("genomforande", "utforande")):
            return None      # "Genomförandeplaner saknades för 14 av 40": a noun, no verb
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
            # ("0 avvikelser": the 0 is a count, read as one, not a negator here)
            negated = any(x.norm_ in self.negators and not x.like_num
                          for x in doc[max(lo, j - 2):j])
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
        elif self._minor_in(sentence) or any(
                t.norm_ in self.minor and t.i + 1 < len(doc)
                and doc[t.i + 1].norm_ in DEVIATION_WORDS for t in sentence) or (
                self._graded_minor(doc, hi + 1)):
            # the report's own word for minor decides ("ett par", "vilket bedöms som mindre")
            code = "mindre_avvikelser"
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
        # "av kommunens 14 förskolor": a genitive between; "av de granskade 30 ärendena"
        if i > 1 and (doc[i - 1].norm_ in ("totalt", "sammanlagt", "de", "dessa")
                      or (doc[i - 1].norm_.endswith("s") and len(doc[i - 1].norm_) > 3
                          and doc[i - 1].norm_.isalpha())) and doc[i - 2].norm_ == "av":
            return True
        if i > 1 and doc[i - 2].norm_ == "av" and doc[i - 1].norm_.endswith(("ade", "da")):
            return True          # "av granskade 15 ärenden"
        return i > 2 and doc[i - 3].norm_ == "av" and doc[i - 2].norm_ in ("de", "dessa") \
            and doc[i - 1].norm_.endswith(("ade", "da", "na", "ta"))

    def _planned(self, norm: str) -> bool:
        return norm in self.planned_words or norm.startswith(self.planned_prefixes)

    def _counts_the_plan(self, doc, number: int, cue: int, sentence) -> bool:
        """Does a completion count measure the control's own plan ("91 % av de planerade
        inspektionerna har genomförts", "Kontrollen har genomförts på 15 av 60 enheter")
        rather than what the control found ("7 av 8 chefer har gått utbildningen")?"""
        if any(self._planned(t.norm_) for t in sentence):
            return True
        verb = doc[cue].norm_
        if number < cue and (verb in self.done_words or verb.startswith(self.done_prefixes)) \
                and any(t.norm_ in self.control_nouns for t in doc[number:cue]):
            return True     # "Ett av två stickprov har genomförts"
        verb = doc[cue].norm_
        begin = self._sentence_start(doc, cue)
        # "Genomförd för två av tre verksamheter": the verb first, its subject the control
        return cue < number and (verb in self.done_words or verb.startswith(self.done_prefixes)) \
            and (cue == begin or any(t.norm_ in self.control_nouns for t in doc[begin:cue]))


    def number_hits(self, doc: Doc) -> list[Hit]:
        """Shares and counts tied to a deviation or completion word in the same sentence:
        "12 % med anmärkning", "7 av 8 chefer har gått", "I 4 av 15 avtal stämde inte",
        "Av 60 kontrollerade verifikationer saknade 5 attest", "85 % mot målet 95 %"."""
        hits = []
        n = len(doc)
        used = set()
        hits.extend(self._goal_hits(doc, used))
        number_words, share_words = self.number_words, self.share_words
        for i, t in enumerate(doc):
            if not (t.like_num or t.norm_ in number_words or t.norm_ in share_words
                    or "/" in t.text):
                continue     # no number of any kind (most tokens: asked once, cheaply)
            if i in used or earlier_value(doc, i):
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
            pronoun = False
            if t.norm_ in self.share_words:
                share, q_end = value, i + 2
            elif fraction is not None:
                share, q_end = fraction, i + 1
            elif nxt is not None and (nxt.text == "%" or nxt.norm_ == "procent"):
                if not t.like_num:
                    continue
                share, q_end = value, i + 2
            elif (nxt is not None and nxt.norm_ == "av" and i + 2 < n
                  and doc[i + 2].norm_ in PRONOUN_TOTALS
                  and not (i + 3 < n and self.value(doc[i + 3]) is not None)):
                # "Fyra av dem följer rutinen, en kände inte till den": a part of a whole named
                # before, so not all of it (or none: "0 av dessa")
                share, q_end, pronoun = (0.0 if value == 0 else PRONOUN_SHARE), i + 3, True
            elif (nxt is not None and nxt.norm_ in CASE_WORDS and i + 3 < n
                  and doc[i + 2].norm_ == "av" and t.like_num
                  and self.value(doc[i + 3]) is not None):
                # "I 9 fall av 10 fanns beslutet diariefört"
                total = self.value(doc[i + 3])
                if not total or value > total:
                    continue
                share, q_end = 100.0 * value / total, i + 4
                used.add(i + 3)
            elif nxt is not None and nxt.norm_ == "av" and (i == 0 or doc[i - 1].norm_ != "av"):
                k = i + 2
                while k < n and k < i + 4 and doc[k].norm_ in COUNT_TOTAL_WORDS:
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
                # ("Inga avvikelser, men kontrollen omfattade bara två av fem enheter": not
                # across a comma)
                lo = max(begin, i - CUE_BEFORE_WINDOW)
                lo = max([lo] + [x + 1 for x in range(lo, i) if doc[x].text == ","])
                cue = self._cue_near(doc, lo, i)
            if cue is not None:
                hit = self._share_hit(doc, share, i, cue)
                if pronoun:
                    hit.cap = min(hit.cap, PRONOUN_CAP)
                hits.append(hit)
        return hits

    def _goal_hits(self, doc: Doc, used: set) -> list[Hit]:
        """A percentage against a stated goal in the same sentence: short of it is a finding."""
        hits = []
        # measures: a number and its unit ("85 %", "12 dagar"); a goal compares like units
        unit_of = {}
        for i, t in enumerate(doc[:-1]):
            if (t.like_num and _number(t.text) is not None) or (
                    t.norm_ in self.number_words and t.norm_ not in ("en", "ett")):
                unit = GOAL_UNITS.get(doc[i + 1].norm_ if doc[i + 1].text != "%" else "%")
                if unit:
                    unit_of[i] = unit     # "85 %", "nio veckor"
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
            if unit in LIMIT_UNITS and not any(doc[x].norm_ in AT_LEAST_WORDS
                                               for x in range(g, goal_at)):
                at_most = True   # "12 dagar mot målet 10 dagar": a time goal is a limit
            actual = [p for p in percents if begin <= p < end and p != goal_at
                      and unit_of[p] == unit]
            if not actual and begin > 0:
                # "94 procent av inköpen gjordes mot avtal. Målet för året var 90 procent."
                before = self._sentence_start(doc, begin - 1)
                actual = [p for p in percents if before <= p < begin and unit_of[p] == unit][-1:]
            if not actual and end < len(doc) and doc[end].text == ";":
                # "Målet om 90 % inom tio veckor har inte nåtts; utfallet blev 71 %."
                after = self._sentence_end(doc, end + 1)
                actual = [p for p in percents if end < p < after and unit_of[p] == unit][:1]
            if not actual:
                continue
            a = min(actual, key=lambda p: abs(p - g))
            goal, value = self.value(doc[goal_at]), self.value(doc[a])
            short = value > goal if at_most else value < goal
            lo, hi = min(a, goal_at), max(a, goal_at) + 1
            hits.append(Hit("avvikelser" if short else "inga_avvikelser", 3 if short else 2,
                            doc[lo].idx, doc[hi].idx + len(doc[hi]), "number:goal"))
            used.update((a, goal_at))
        return hits
