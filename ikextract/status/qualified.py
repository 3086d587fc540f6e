"""A good verdict qualified by a few exceptions is minor ("Förråden var i gott skick, men två
utgångna förpackningar hittades"), and a grave grading negated is minor ("Ingen av
avvikelserna bedöms som allvarlig", "Inte av allvarlig art"). A mixin of StatusRules,
through ClauseRules."""
from __future__ import annotations

from .evidence import Hit
from .universal import QUANTIFIERS
from .tokens import by_end, by_index

# "vid två tillfällen", "i ett fall": a few (three and more the writers read as deviations)
FEW_AT_MOST = 2
NOT_FEW = frozenset(("flera", "manga", "flertal", "flertalet", "samtliga", "alla", "helt",
                     "upprepade", "upprepats", "aterkommande", "systematiskt", "genomgaende"))
# "i två månader": a duration, not a count of cases
TIME_UNITS = ("dag", "dagar", "vecka", "veckor", "manad", "manader", "ar", "aret", "timmar",
              "kvartal", "tertial", "gang", "ganger")     # ("betalats två gånger": how often)
# "De flesta fakturor var korrekta": a verdict on most, not on the whole
MOST_WORDS = frozenset(("flesta", "merparten", "huvuddelen", "majoriteten", "flertalet",
                        "overvagande", "nastan"))
# "en"/"ett" count only as cases ("i ett fall", "ett ärende", "en (1)"), not as an article
ONE_CASE_NOUNS = ("fall", "arende", "tillfalle", "stickprov", "(", "1")
GRAVE_STEMS = ("allvarlig", "vasentlig", "grov", "grova", "graverande")
GRAVE_NOUNS_AFTER = frozenset(("art", "karaktar", "omfattning", "slag", "natur", "betydelse"))
GRAVE_NEGATORS = frozenset(("inte", "ej", "ingen", "inget", "inga", "ingenting", "icke"))
GRAVE_WINDOW = 5
DEVIATION_NOUNS = ("avvikelse", "brist", "fel", "anmarkning", "felaktighet", "differens")
# "Behörigheterna stämmer i stort", "Rutinen följs": a verdict on the whole control
GENERAL_CLEAR_STRENGTH = 2


class QualifiedClear:
    """Mixin: minor deviations read from how the report qualifies them."""

    def _few_in(self, tokens) -> bool:
        """A count of at most a few in tokens ("två", "ett par", "enstaka"), and no larger."""
        if any(t.norm_ in NOT_FEW for t in tokens):
            return False
        values = []
        for k, t in enumerate(tokens):
            v = self.value(t)
            after = tokens[k + 1].norm_.rstrip(".") if k + 1 < len(tokens) else ""
            if v is None or after.startswith(TIME_UNITS) or after in ("%", "procent", "kr",
                                                                       "kronor", "tkr"):
                continue
            if t.norm_ in ("en", "ett") and not after.startswith(ONE_CASE_NOUNS) and not (
                    k == 0 or tokens[k - 1].norm_ in ("dock", "men", "daremot")):
                continue      # an article inside ("visar på ett underskott"), not the subject
            values.append(v)
        if any(v > FEW_AT_MOST for v in values):
            return False
        return bool(values) or self._minor_in(tokens)

    def _general_verdict(self, doc, h, k: int) -> bool:
        """Is the all-clear hit h (at token k) a verdict on the control's findings, not its
        conduct ("Kontrollen genomfördes i enlighet med planen"), a handled deviation or what
        was checked ("Vi har kontrollerat att fakturorna stämmer")?"""
        if h.rule.startswith(("phrase:hanterade", "phrase:genomford", "phrase:universal")):
            return False
        lo, hi = self._clause_bounds(doc, k)
        if any(t.norm_ in QUANTIFIERS for t in doc[k:hi]):
            # "Samtliga fakturor var attesterade. I två fall saknades kvitto": all of them
            # right in one respect, wrong in another (writers call it a deviation)
            return False
        if any(t.norm_ in MOST_WORDS for t in doc[lo:hi]):
            return False
        head = doc[lo:k]
        if any(self._names_a_control(t.norm_) for t in head) and any(
                t.norm_ in self.done_words or t.norm_.startswith(self.done_prefixes)
                for t in head):
            return False
        return not any(t.norm_ == "att" and x > 0 and (doc[x - 1].norm_.startswith((
            "kontroller", "gransk", "undersok")) or doc[x - 1].norm_ in self.check_verbs)
                       for x, t in ((t.i, t) for t in head))

    def few_after_clear(self, doc, hits: list) -> list:
        """Deviations counted as few in a clause after a verdict that the control is in
        order make them minor; a count alone (no verdict before it) stays a deviation."""
        by_idx = by_index(doc)
        clear_ends = [k for h in hits if h.code == "inga_avvikelser"
                      and h.strength >= GENERAL_CLEAR_STRENGTH and h.rule.startswith("phrase:")
                      and (k := by_idx.get(h.start)) is not None
                      and self._general_verdict(doc, h, k)]
        if not clear_ends:
            return hits
        out = []
        for h in hits:
            k = by_idx.get(h.start)
            if (h.code != "avvikelser" or k is None or not h.rule.startswith("phrase:")
                    or not any(c < k and not self._same_clause(doc, c, k) for c in clear_ends)):
                out.append(h)
                continue
            lo, hi = self._clause_bounds(doc, k)
            clause = doc[lo:hi]
            if clause and clause[0].norm_ in ("vilket", "vilka", "som"):
                out.append(h)     # "..., vilket i två fall strider mot": the verdict is wrong
                continue
            if not self._few_in(clause) or any(
                    t.norm_.startswith(GRAVE_STEMS) or t.norm_ in self.check_verbs
                    or t.norm_.startswith(("gransk", "kontroller")) for t in clause):
                # ("två ärenden kunde inte granskas": what was not checked, no finding)
                out.append(h)
                continue
            out.append(Hit("mindre_avvikelser", h.strength, h.start, h.end,
                           h.rule + ":few_after_clear", min(h.cap, 0.85)))
        return out

    def minor_in_same_clause(self, doc, hits: list) -> list:
        """"En mindre differens på 300 kr kunde inte förklaras": a plain deviation phrase in
        the clause of one the report grades minor speaks of the same deviation."""
        by_idx = by_index(doc)
        # graded by the report's own word ("mindre", "enstaka"), not a need to improve
        ends = by_end(doc)
        minor = [by_idx[h.start] for h in hits if h.code == "mindre_avvikelser"
                 and h.rule.startswith("phrase:") and h.start in by_idx and h.end in ends
                 and any(t.norm_ in self.minor for t in
                         doc[by_idx[h.start]:ends[h.end] + 1])]
        if not minor:
            return hits
        out = []
        for h in hits:
            k = by_idx.get(h.start)
            if (h.code == "avvikelser" and k is not None and h.rule.startswith("phrase:")
                    and any(self._same_clause(doc, m, k) and not any(
                        self._is_boundary(t) for t in doc[min(m, k):max(m, k)])
                        for m in minor)
                    and not any(t.norm_.startswith(GRAVE_STEMS) for t in
                                doc[slice(*self._clause_bounds(doc, k))])):
                out.append(Hit("mindre_avvikelser", h.strength, h.start, h.end,
                               h.rule + ":minor_clause", h.cap))
                continue
            out.append(h)
        return out

    def _clause_bounds(self, doc, k: int) -> tuple[int, int]:
        lo = k
        while lo > 0 and not (doc[lo - 1].is_punct and doc[lo - 1].text not in ("%",)
                              or doc[lo - 1].is_space or doc[lo - 1].norm_ in ("men", "dock")):
            lo -= 1
        hi = k
        while hi < len(doc) and not (doc[hi].is_punct and doc[hi].text not in ("%",)
                                     or doc[hi].is_space):
            hi += 1
        return lo, hi

    def _same_clause(self, doc, a: int, b: int) -> bool:
        return self._clause_bounds(doc, a) == self._clause_bounds(doc, b)

    def counts_another_finding(self, doc, tokens) -> bool:
        """Is there a count in tokens that would be another finding ("Fel i 5 fall. Mindre
        fel i 2 fall.")? Not a count repeated in brackets ("saknade en (1) attest"), one
        that refers back ("De två avvikelserna var av mindre karaktär"), nor an article."""
        for t in tokens:
            if not (t.like_num or t.norm_ in self.number_words):
                continue
            prev = doc[t.i - 1] if t.i > 0 else None
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
                continue
            if prev is not None and prev.norm_ in ("de", "dessa") and nxt is not None \
                    and nxt.norm_.startswith(DEVIATION_NOUNS) \
                    and nxt.norm_.endswith(("na", "en", "et")):
                continue
            if t.norm_ in ("en", "ett") and not (nxt is not None
                                                 and nxt.norm_.startswith(ONE_CASE_NOUNS)):
                continue
            return True
        return False

    def negated_grave_hits(self, doc, taken) -> list:
        """"Ingen av avvikelserna bedöms som allvarlig", "Inte av allvarlig art", "Inget
        allvarligt": the report says the deviations are not grave, so minor."""
        out = []
        for g, t in enumerate(doc):
            if not t.norm_.startswith(GRAVE_STEMS) or taken[g]:
                continue
            negator = None
            for j in range(g - 1, max(-1, g - 1 - GRAVE_WINDOW), -1):
                if self._is_boundary(doc[j]) and doc[j].norm_ not in ("och",) \
                        or doc[j].norm_ == "utan":
                    break     # ("Inga smärre avvikelser utan allvarliga brister")
                if doc[j].norm_ in GRAVE_NEGATORS:
                    negator = j
                    break
            if negator is None:
                continue
            after = doc[g + 1] if g + 1 < len(doc) else None
            between = doc[negator + 1:g]
            if not (after is None or after.is_punct or after.is_space
                    or after.norm_.startswith(DEVIATION_NOUNS) or after.norm_ in GRAVE_NOUNS_AFTER
                    or any(x.norm_.startswith(DEVIATION_NOUNS) for x in between)):
                continue      # "inga allvarliga risker kvarstår": not of deviations
            out.append(Hit("mindre_avvikelser", 3, doc[negator].idx, t.idx + len(t),
                           "phrase:negated_grave"))
        return out
