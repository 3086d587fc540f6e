"""A deviation said of something negated is none: "Det fanns inga beslut som inte hade
verkställts", "Inga utbetalningar har skett utan attest" (a mixin of StatusRules, through
ClauseRules)."""
from __future__ import annotations

from typing import Optional

from .evidence import DEVIATION_CODES, Hit
from .windows import AUXILIARIES, SUBJECT_NEGATORS, VERB_NEGATORS
from .tokens import by_end, by_index

# "Det fanns inga beslut som inte hade verkställts", "inte hittat någon leverantör som
# saknar ...": a negated head and a relative clause that states a deviation of it clear each
# other (nothing of the kind was found)
RELATIVE_MARKS = frozenset(("som", "dar", "vilka", "vilket", "vilken"))
# "inget som tyder på att rutinen inte följs": the complement of an evidence verb is the
# relative clause's own content
EVIDENCE_VERBS = frozenset(("tyder", "pekar", "indikerar", "visar", "visade", "pavisar",
                            "talar"))
QUANTIFIER_AFTER_NOT = frozenset(("nagon", "nagot", "nagra", "nagonting", "enda"))
# "som helhet", "som regel": no relative clause
NOT_RELATIVE = frozenset(("helhet", "regel", "planerat", "vanligt", "tidigare", "forvantat",
                          "mest", "framgar"))
HEAD_WINDOW = 6             # words from the negated head to its relative marker
HEAD_NEGATION_WINDOW = 3    # "inte hittat någon": the verb's negation before the quantifier
SUBJECT_PREDICATE_WINDOW = 12
# a deviation noun after a negated subject is its object ("Inga åtgärder har vidtagits
# mot bristerna"), not what is said of it
DEVIATION_NOUN_STARTS = ("avvikelse", "avvikelser", "brist", "fel", "problem", "anmarkning")
OBJECT_MARKS = frozenset(("trots", "mot", "kring", "rorande", "avseende"))
FINITE_DEVIATION_VERBS = ("sakna", "avvek", "brast")
DOUBLE_NEGATION_CONFIDENCE = 0.85


class NegatedHeads:
    """Mixin of StatusRules: a deviation said of something negated ("Inga utbetalningar har
    skett utan attest") is no deviation."""

    def _head_negator(self, doc, k: int) -> bool:
        """Is doc[k] a negated quantifier: "inga", "ingen", or "någon" after "inte"?"""
        norm = doc[k].norm_
        if norm in SUBJECT_NEGATORS or norm == "ingenting":
            return True
        if norm in QUANTIFIER_AFTER_NOT:
            for j in range(k - 1, max(-1, k - 1 - HEAD_NEGATION_WINDOW), -1):
                if self._is_boundary(doc[j]):
                    return False
                if doc[j].norm_ in VERB_NEGATORS or (
                        doc[j].norm_ == "utan" and doc[j + 1].norm_ == "att"):
                    return True      # ("utan att något har framkommit som ...")
        return False

    def _relative_head(self, doc, k: int) -> Optional[int]:
        """The negated head of the relative clause hit k stands in, or None."""
        begin = self._sentence_start(doc, k)
        j = k - 1
        while j > begin:
            norm = doc[j].norm_
            if doc[j].is_punct:
                return None      # (not across a comma: "inga anmärkningar ..., med undantag")
            if norm in ("men", "dock", "eftersom", "medan", "samt"):
                return None
            if norm == "att" and not (j >= 2 and doc[j - 1].norm_ == "pa"
                                      and doc[j - 2].norm_ in EVIDENCE_VERBS
                                      or doc[j - 1].norm_ in EVIDENCE_VERBS):
                return None      # "inga rutiner som säkerställer att fel upptäcks"
            if norm in RELATIVE_MARKS and not (norm == "som" and j + 1 < len(doc)
                                               and doc[j + 1].norm_ in NOT_RELATIVE):
                if self._relative_clause_ended(doc, j, k):
                    return None
                for h in range(j - 1, max(begin - 1, j - 1 - HEAD_WINDOW), -1):
                    if doc[h].is_punct:
                        break
                    if self._head_negator(doc, h):
                        return h
                return None
            j -= 1
        return None

    @staticmethod
    def _relative_clause_ended(doc, mark: int, k: int) -> bool:
        """"Ingen av de åtgärder som beslutades har genomförts och bristerna kvarstår": an
        "och" after the relative clause's verb starts a clause of its own."""
        verb = False
        for t in doc[mark + 1:k]:
            if t.norm_ == "och" and verb:
                return True
            if t.norm_ in AUXILIARIES or t.norm_ in ("fanns", "finns") or (
                    len(t.norm_) > 4 and t.norm_.endswith(("ts", "des"))):
                verb = True
        return False

    def _subject_head(self, doc, k: int) -> Optional[int]:
        """"Inga utbetalningar har skett utan godkänd attest", "Inte en enda av fakturorna
        saknade attest": the negated subject whose predicate hit k is, or None."""
        # ("Inga avvikelser har konstaterats då underlag saknas")
        lo = self._clause_start(doc, k, self.clause_breaks)
        if k - lo > SUBJECT_PREDICATE_WINDOW or lo >= k:
            return None
        head = lo
        if doc[lo].norm_ in VERB_NEGATORS and lo + 2 < k and (
                doc[lo + 1].norm_ in ("en", "ett") and doc[lo + 2].norm_ == "enda"
                or doc[lo + 1].norm_ in QUANTIFIER_AFTER_NOT):
            head = lo + 1
        elif doc[lo].norm_ in VERB_NEGATORS and lo + 3 < k and doc[
                lo + 1].norm_ in AUXILIARIES and doc[lo + 2].norm_ in QUANTIFIER_AFTER_NOT:
            head = lo + 2      # "Aldrig har någon faktura betalats utan attest"
        elif doc[lo].norm_ not in SUBJECT_NEGATORS:
            return None
        if doc[k].norm_.startswith(DEVIATION_NOUN_STARTS) or doc[k].norm_ in OBJECT_MARKS:
            return None
        between = [t.norm_ for t in doc[head + 1:k]]
        if any(w in OBJECT_MARKS or w in RELATIVE_MARKS or w == "att" for w in between):
            # ("Inga åtgärder har vidtagits för att rätta felen")
            return None
        aux = [x for x, w in enumerate(between) if w in AUXILIARIES or w in ("fanns", "finns")]
        inverted = head > lo and any(t.norm_ in AUXILIARIES for t in doc[lo:head])
        if not aux and not inverted and not doc[k].norm_.startswith(FINITE_DEVIATION_VERBS):
            return None   # ("Aldrig har någon faktura ...": the auxiliary before the subject)
        if aux and "av" in between[aux[0]:]:
            return None      # "Ingen uppföljning har gjorts av felen"
        return lo

    def _negated_heads(self, doc, hits: list) -> list:
        by_idx = by_index(doc)
        out, cleared = [], []
        for h in hits:
            k = by_idx.get(h.start)
            if (k is None or h.code not in DEVIATION_CODES
                    or h.strength < 2 or not h.rule.startswith("phrase:")):
                out.append(h)
                continue
            head = self._relative_head(doc, k)
            if head is None:
                head = self._subject_head(doc, k)
                if head is not None and doc[head + 1].norm_ != "av" and any(
                        g is not h and g.code in DEVIATION_CODES
                        and g.start <= doc[head].idx < g.end
                        # ("Inga inköp har gjorts utan beställning": done, but not without)
                        and not g.rule.startswith("phrase:genomford") for g in hits):
                    # "Ingen dokumentation fanns för hälften av besluten": the negated
                    # subject is itself what is missing
                    head = None
            if head is None:
                out.append(h)
                continue
            cleared.append(head)
            out.append(type(h)("inga_avvikelser", 2, doc[head].idx, h.end,
                               h.rule + ":negated_head", DOUBLE_NEGATION_CONFIDENCE))
        if not cleared:
            return hits
        # the head's own words ("fanns inga beslut", "Ingen av") are part of the clearing
        heads = {doc[c].idx for c in cleared}
        return [h for h in out if not (h.code in DEVIATION_CODES
                                       and any(h.start <= x < h.end for x in heads))]


# "Inga oattesterade fakturor hittades": nothing of a wrong kind found; but "Inga underlag
# hittades" is evidence missing, which the phrases read as a deviation
EVIDENCE_STEMS = ("underlag", "dokumentation", "beslut", "kvitto", "kvitton", "avtal", "attest",
                  "signatur", "underskrift", "intyg", "rutin", "plan", "protokoll", "kvittens",
                  "journal", "register", "forteckning", "verifikat", "bevis", "svar", "handling")
FOUND_PASSIVES = ("hittades", "hittats", "upptacktes", "upptackts", "noterades", "noterats",
                  "patraffades", "patraffats", "identifierades", "identifierats",
                  "konstaterades", "konstaterats", "aterfanns", "observerades", "framkom")
CASE_NOUNS = ("arende", "fall", "uppgift", "post", "traff", "resultat", "exempel", "objekt")
NONE_ANSWERS = frozenset(("inga", "ingen", "inget", "0", "noll"))
NEGATED_FIND_WINDOW = 6


class NegatedFinds:
    """Mixin: "Inga dubbla utbetalningar hittades", "Felaktiga utbetalningar: inga"."""

    def negated_find_hits(self, doc, taken) -> list:
        out = []
        n = len(doc)
        for k in range(n):
            if doc[k].norm_ not in SUBJECT_NEGATORS or taken[k]:
                continue
            for f in range(k + 2, min(n, k + 2 + NEGATED_FIND_WINDOW)):
                t = doc[f]
                if self._is_boundary(t) or taken[f]:
                    break
                if t.norm_ in FOUND_PASSIVES or (t.norm_ in self.found_verbs and any(
                        doc[x].norm_ in ("har", "hade", "kunde", "kunnat") for x in
                        range(k + 1, f))):
                    np = [x.norm_ for x in doc[k + 1:f]
                          if x.norm_ not in ("har", "hade", "kunde", "kunnat")]
                    if np and not any(w.startswith(EVIDENCE_STEMS) for w in np) and not all(
                            w.startswith(CASE_NOUNS) or w in ("nya", "ytterligare", "fler")
                            for w in np):
                        # ("Inga ärenden hittades för perioden": nothing to check)
                        out.append(Hit("inga_avvikelser", 2, doc[k].idx, t.idx + len(t),
                                       "phrase:negated_find", DOUBLE_NEGATION_CONFIDENCE))
                    break
        return out

    def answered_none(self, doc, hits: list) -> list:
        """"Felaktiga löneutbetalningar: inga under perioden": a deviation named as a label
        and answered none."""
        ends = by_end(doc)
        out = []
        for h in hits:
            k = ends.get(h.end)
            colon = None if k is None else next(
                (c for c in range(k + 1, min(len(doc), k + 4)) if doc[c].is_punct), None)
            if (h.code in DEVIATION_CODES and colon is not None
                    and h.rule.startswith("phrase:") and colon + 1 < len(doc)
                    and doc[colon].text == ":" and doc[colon + 1].norm_ in NONE_ANSWERS
                    and not any(doc[x].is_punct for x in range(self._sentence_start(doc, k),
                                                               k))):
                a = doc[colon + 1]
                out.append(Hit("inga_avvikelser", 3, h.start, a.idx + len(a),
                               h.rule + ":answered_none"))
                continue
            out.append(h)
        return out
