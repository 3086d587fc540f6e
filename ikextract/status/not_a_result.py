"""Sentences that are not a result: the risk of a control point, its risk score, its goal or
scope, a page header, a column header, a colour legend, a norm (StatusRules.hits, a pass
over what phrases and numbers found; vocabulary in not_a_result.tsv)."""
from __future__ import annotations

from .evidence import DEVIATION_CODES, Hit
from .folding import fold
from .windows import (ANSWERS, AUXILIARIES, NEUTRALIZED, NORMS, SCORE_FOLLOWERS,
                      RISK_FOLLOWERS, GOAL_FOLLOWERS, HEAD_LABEL_WORDS, ITEM_MARKS,
                      SUBJECT_NEGATORS, UNKNOWN_CODE, CONDITIONS,
                      CONDITION_SUBJECTS, VERB_NEGATORS)
from .tokens import WordSequences, by_index, first_at

NOTHING_LINKS = frozenset(("till", "om", "for", "fran"))
FUTURE_WORDS = frozenset(("kommer", "ska", "skall"))
STRONG_PAST = frozenset(("deltog", "fick", "gick", "kom", "tog", "gav", "sag", "gjorde", "drog", "skrev",
                         "forekom", "inkom", "fanns", "saknades"))
NOT_VERBS = frozenset(("nagra", "sina", "alla", "andra", "flera", "samma", "egna", "hela", "nya",
                       "gamla", "mera", "dessa", "vissa", "enda", "sista", "forsta"))
LEVEL_WORDS = frozenset(("lag", "hog", "medelhog", "medel", "stor", "liten", "okad", "viss",
                         "betydande", "begransad", "mycket"))
POSSIBLE_VERBS = frozenset(("forekomma", "uppsta", "ske", "intraffa", "bli", "leda", "finnas"))
RULE_VERBS = frozenset(("ar", "innebar", "anger", "sager", "foreskriver", "kraver", "stadgar"))
EXISTENCE_VERBS = frozenset(("fanns", "finns", "saknas", "saknades", "gavs", "kom"))

NORMS_BUT_MAY = NORMS - {"far"}      # "får inte" is _forbids's


def _sequences(kinds: dict, kind: str) -> "WordSequences":
    # sorted: a set's order changes with the process's hash seed, and a reading must not
    return WordSequences(tuple(fold(w).split()) for w in sorted(kinds.get(kind, ())))


class NotAResultRules:
    """Mixin of StatusRules: what a text says that is no finding (not_a_result.tsv)."""

    def _load_not_a_result(self, rows) -> None:
        kinds: dict[str, set] = {}
        for r in rows:
            kinds.setdefault(r["kind"], set()).add(r["word"])
        self.not_result = {k: frozenset(fold(w) for w in v) for k, v in kinds.items()}
        self.consequences = _sequences(kinds, "consequence")
        self.periods = _sequences(kinds, "period")
        self.methods = _sequences(kinds, "method")
        self.gone = _sequences(kinds, "gone")
        self.proposals = _sequences(kinds, "proposal")
        # a sentence with one of these reports (a result): report verbs, "occurred" words
        self._reported_words = frozenset(self.report_verbs | self.not_result.get(
            "occurred", frozenset()))

    def _head(self, norms: list[str], kind: str, followers) -> bool:
        """Does the sentence open with a word of kind, followed by one of followers (or
        by a number), or name it as the label of the sentence ("Beskrivning av risk: ...")?"""
        words = self.not_result.get(kind, frozenset())
        if len(norms) > 1 and norms[0] in LEVEL_WORDS and norms[1] in words:
            norms = norms[1:]      # "Medelhög risk att avtal förlängs felaktigt"
        if norms and norms[0] in words and (
                len(norms) == 1 or norms[1] in followers or norms[1][:1].isdigit()):
            return True
        if ":" not in norms[1:HEAD_LABEL_WORDS + 1]:
            return False     # (most sentences: no label's colon near their start)
        return any(norms[k] in words and norms[k + 1] == ":"
                   for k in range(min(HEAD_LABEL_WORDS, len(norms) - 1)))

    def _sentence_kind(self, doc, a: int, b: int):
        """What the sentence doc[a:b] is when it is no result, else None."""
        toks = [t for t in doc[a:b] if not t.is_space]
        while toks and (toks[0].is_punct or (len(toks) > 1 and toks[0].like_num
                                             and toks[1].text in (".", ")"))):
            toks = toks[1:]       # "• Risk för ...", "1. Risk att ...", "(Risk: ...)"
        norms = [t.norm_ for t in toks]
        words = set(norms)
        nr = self.not_result
        if not norms:
            return None
        if (norms[0] in nr.get("page_head", ()) and len(norms) == 4 and toks[1].like_num
                and norms[2] in ("av", "/") and toks[3].like_num):
            return "page"
        if not self._reported_words.isdisjoint(words):
            return None
        if (len(norms) > 3 and norms[0] == "det" and norms[1] in ("finns", "foreligger")
                and any(w in nr.get("risk_head", ()) for w in norms[2:4])):
            return "risk"      # "Det föreligger risk för att beslut fattas utan stöd"
        if self._head(norms, "risk_head", RISK_FOLLOWERS) or self._head(
                norms, "score_head", SCORE_FOLLOWERS):
            return "risk"
        if norms[0] in ("nar", "innan", "efter", "sa") and words & FUTURE_WORDS:
            return "condition"     # "När systemet är på plats kommer alla ... att vara korrekta"
        if norms[0] == "om" and (words & nr.get("risk_head", frozenset())
                                 or words & self.modals or self._consequence(norms) is not None):
            return "condition"     # "Om rutinen inte följs finns risk för felaktiga utbetalningar"
        if self._head(norms, "goal_head", GOAL_FOLLOWERS) and not words & nr.get(
                "achieved", frozenset()) and sum(1 for t in toks if t.text[:1].isdigit()) <= 1:
            return "goal"
        if norms[0] in nr.get("scope_head", ()):
            return "scope"
        if len(norms) > 2 and norms[0] in nr.get("intent_head", ()) and (
                norms[1] == ":" or norms[1:3] == ["ar", "att"]):
            return "goal"      # "Planen är att införa en digital blankett under 2026"
        at = self._find(norms, self.proposals)
        if at is not None and not any(self._is_boundary(t) for t in toks[:at]):
            return "plan"      # "Förvaltningen föreslår att kontrollen behålls i planen"
        if (len(norms) > 3 and norms[0] in nr.get("rule_noun", ()) and norms[2] == "att"
                and norms[1] in RULE_VERBS):
            return "norm"      # "Rutinen är att rektor anmäler ... samma dag"
        if norms[0] in SUBJECT_NEGATORS and any(w in NORMS for w in norms[1:4]):
            return "norm"      # "Inga fakturor får betalas utan attest", "Ingen får ..."
        if norms[0] == "enligt" and any(w in NORMS for w in norms[1:]) and not any(
                w in ("har", "hade", "var", "blev") for w in norms):
            return "norm"      # "Enligt rutinen får ingen attestera egna utlägg"
        if self._nothing_to_check(toks, norms):
            return "nothing"
        words_only = [w for w in norms if w not in (".", "!")]
        if (len(words_only) >= 2 and words_only[0] in SUBJECT_NEGATORS
                and words_only[1] in self.info_nouns
                and (len(words_only) == 2 or words_only[2] in NOTHING_LINKS or (
                    len(words_only) > 3 and words_only[2] in ("har", "hade")
                    and words_only[3] in self.not_result.get("happened", ())))):
            return "no_word"      # "Inget svar från enheten": nothing said, no finding
        if len(norms) > 2 and norms[0] in nr.get("label_head", ()) and norms[1] == ":":
            return "method"    # "Underlag: utdrag ur Treserva"
        if self._forbids(norms):
            return "norm"      # "Attestant får inte attestera egna utlägg", "Korrekt attest krävs för"
        if norms[0] in nr.get("method_head", ()) and sum(
                1 for t in toks if t.text[:1].isdigit()) <= 1:
            return "method"
        return None

    def _nothing_to_check(self, toks, norms: list[str]) -> bool:
        """"Ingen upphandling har genomförts under perioden", "Inga sökande till tjänsten
        under perioden": no such thing in the period (the subject no control, no deviation
        word), its verb none or one of happening."""
        if (len(norms) > 5 and norms[0] == "det" and norms[1] in ("har", "hade")
                and norms[2] in ("inte", "ej") and norms[3] in self.not_result.get("happened", ())
                and norms[4] in ("nagra", "nagon", "nagot")):
            norms = ["inga"] + norms[5:] + [norms[3]]   # "Det har inte förekommit några X"
        if len(norms) < 3 or norms[0] not in SUBJECT_NEGATORS or self._names_a_control(
                norms[1]) or self._cue_kind(norms[1]) == "deviation" or norms[1] in AUXILIARIES:
            return False
        if self._find(norms, self.gone) is not None and "utan" not in norms:
            return True      # "Inga drivmedelskort finns längre"
        at = self._find(norms, self.periods)
        if at is None or "utan" in norms:
            return False       # ("Ingen upphandling har genomförts utan annonsering")
        # ("i år" folds to the words of "i är")
        # (the longest period there: "under perioden", not a shorter one inside it)
        period = max(len(w) for w in self.periods if tuple(norms[at:at + len(w)]) == w)
        norms = norms[:at] + norms[at + period:]
        if set(norms) & self.not_result.get("happened", frozenset()):
            return True
        # no verb: "Inga sökande till tjänsten under perioden" ("Inga kvitton fanns för
        # uttagen under perioden" is a finding)
        words = [w for w in norms if w.isalpha()]
        if any(w in AUXILIARIES or w.endswith(("ts", "des", "tes", "ade")) or w in EXISTENCE_VERBS
               or w in STRONG_PAST for w in words[1:]):
            return False
        # ("Inga nya anställningar under perioden": an adjective and its noun, nothing more)
        return (len(norms) > 2 and norms[2] in NOTHING_LINKS) or len(words) <= 3

    @staticmethod
    def _find(norms: list[str], sequences):
        """The first position where one of the word sequences starts, or None."""
        first = sequences.by_first
        if first.keys().isdisjoint(norms):
            return None      # (most texts: no first word of any, asked in C)
        for k, norm in enumerate(norms):
            for words in first.get(norm, ()):
                if tuple(norms[k:k + len(words)]) == words:
                    return k
        return None

    def _possible_after(self, doc, k_end: int) -> bool:
        """"(fel) kan förekomma", "(brister) skulle kunna uppstå" just after a hit, in its
        clause ("saknades underskrift, vilket kan leda till tvister" is a finding)."""
        after = []
        for t in doc[k_end:k_end + 4]:
            if self._is_boundary(t):
                break
            after.append(t.norm_)
        for j, w in enumerate(after[:3]):
            if w in ("kan", "kunna", "riskerar") and j + 1 < len(after) \
                    and after[j + 1] in POSSIBLE_VERBS:
                return True
        return False

    @staticmethod
    def _forbids(norms: list[str]) -> bool:
        """"får inte attestera", "får ej vara": may not, before a verb (not "får inte det
        stöd": receives); "krävs för": is required for."""
        for k in range(len(norms) - 2):
            if norms[k] == "far" and norms[k + 1] in ("inte", "ej") and norms[k + 2].endswith("a") \
                    and norms[k + 2] not in NOT_VERBS:
                return True
            if norms[k] in ("kravs", "erfordras") and norms[k + 1] in ("for", "av", "vid"):
                return True
        return False

    def _consequence(self, norms: list[str]):
        return self._find(norms, self.consequences)

    def _legend(self, doc, norms=None) -> bool:
        """"Grön = inga avvikelser, gul = mindre avvikelser": two colours or more, each
        followed by what it means ("Grön enligt teckenförklaringen, inga avvikelser" is a
        result)."""
        from .legend import colour_words
        colours = colour_words()
        if norms is not None and colours.keys().isdisjoint(norms):
            return False     # (most texts: no colour word at all)
        named = set()
        for t in doc:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.norm_ in colours and nxt is not None and (
                    nxt.text in ITEM_MARKS or nxt.text == "=" or nxt.norm_ in ("innebar", "betyder")):
                named.add(colours[t.norm_][0])
        return len(named) >= 2

    def _column_header(self, doc, k_end: int) -> bool:
        """"Avvikelse (Ja/Nej)" with no answer after it: the heading of a column."""
        # ("Avvikelse ja/nej", "Avvikelse (Ja / Nej)")
        rest = [t.norm_ for t in doc[k_end:] if not (t.is_space or t.text in "()")]
        return len(rest) == 3 and rest[0] in ANSWERS and rest[1] == "/" and rest[2] in ANSWERS

    def _measure_in_clause(self, doc, k: int, k_end: int) -> bool:
        """A measure taken ("informerats", "påmints") in the clause of the hit."""
        lo, hi = self._clause_start(doc, k), k_end
        while hi < len(doc) and not self._is_boundary(doc[hi]):
            hi += 1
        measures = self.not_result.get("measure", frozenset())
        return any(t.norm_ in measures for t in doc[lo:hi])

    def _norm_negated(self, doc, k: int) -> bool:
        """"Den som kontrollerar ska inte själv ha attesterat": a negation after "ska",
        "bör", "måste" just before the deviation is what the rule forbids."""
        for j in (k - 1, k):
            if 0 < j < len(doc) and doc[j].norm_ in VERB_NEGATORS \
                    and doc[j - 1].norm_ in NORMS_BUT_MAY:
                return True
        return False

    def _not_a_result(self, doc, found: list[Hit]) -> list[Hit]:
        """Hits in a sentence that is no result become neutral; where no sentence of the
        text is a result, a neutral marker says so (no share or classifier reads it)."""
        if not doc:
            return found
        by_idx = by_index(doc)
        norms = [t.norm_ for t in doc]
        legend = self._legend(doc, norms)
        sentences = [(a, b) for a, b in self._sentence_spans(doc)
                     if any(not (t.is_space or t.is_punct) for t in doc[a:b])]
        starts = {by_idx.get(h.start) for h in found if h.code != UNKNOWN_CODE}
        # "Risken kvarstår", "Målet uppnåddes": a phrase from the head on is about it
        hit_tokens = {by_idx.get(h.start) for h in found}
        kinds = [None if (a in starts and kind in ("risk", "goal")) or (
                     kind == "method" and any(a <= k < b for k in hit_tokens if k is not None))
                 else kind
                 for (a, b), kind in ((s, self._sentence_kind(doc, *s)) for s in sentences)]
        proposed = []    # (from, to): the clause of a proposal, to the sentence end
        for a, b in sentences:
            at = self._find(norms[a:b], self.proposals)
            if at is not None:
                proposed.append((self._clause_start(doc, a + at, floor=a), b))
        clauses = []     # (from, to) token ranges of a consequence clause
        for a, b in sentences:
            words = norms[a:b]
            if not self.report_verbs.isdisjoint(words):
                continue
            c = self._consequence(words)
            if c is not None:
                clauses.append((self._clause_start(doc, a + c, floor=a), b))

        def neutral(h: Hit) -> bool:
            k = by_idx.get(h.start)
            if k is None or h.code == UNKNOWN_CODE:
                return False
            if legend:
                return True
            k_end = first_at(doc, h.end)      # the first token at or after its end
            if h.code in DEVIATION_CODES and self._column_header(doc, k_end):
                return True
            if h.code in DEVIATION_CODES and h.strength <= 2 and self._norm_negated(doc, k):
                return True
            if h.code == "ej_paborjad" and h.strength <= 2 and self._find(
                    [t.norm_ for t in doc[k_end:k_end + 3]], self.methods) == 0:
                return True     # "ska genomföras genom stickprov": the method
            if h.strength <= 2 and any(lo <= k < hi for lo, hi in clauses):
                return True
            if any(lo <= k < hi for lo, hi in proposed):
                return True     # "... och kontrollmomentet föreslås utgå ur nästa års plan"
            if h.code in DEVIATION_CODES and h.strength <= 2 and self._possible_after(doc, k_end):
                return True     # "felaktiga utbetalningar kan förekomma": a possibility
            if h.code == "inga_avvikelser" and h.strength <= 2 and self._measure_in_clause(doc, k, k_end):
                return True     # "Samtliga chefer har informerats om det nya reglementet"
            if h.code == "inga_avvikelser" and h.strength <= 2 and any(
                    norms[j] == c[0] and tuple(norms[j:j + len(c)]) == c
                    and j + len(c) < len(doc) and norms[j + len(c)] in CONDITION_SUBJECTS
                    for c in CONDITIONS for j in range(k + 1, min(k_end + 1, len(doc)))):
                # "Rutinen följs om alla moment genomförs": on a condition ("beslut om
                # arvode" is no condition: a clause follows a condition's "om")
                return True
            for (a, b), kind in zip(sentences, kinds):
                if not a <= k < b or kind is None:
                    continue
                if kind == "goal" and h.rule.startswith("number:"):
                    return False
                if kind == "method":
                    return False
                if kind == "risk":
                    reason = next((j for j in range(a, k) if doc[j].norm_ in self.reason_words), None)
                    if reason is not None and not any(
                            t.norm_ in self.modals for t in doc[reason:b]):
                        # "Risken bedöms som låg eftersom samtliga 30 var korrekta": the
                        # reason states a finding (not "eftersom fel kan ske")
                        return False
                if h.strength > 2 and kind not in ("page", "goal", "plan"):
                    return False     # "Risken bedöms som låg och ingen kontroll har gjorts"
                if kind == "scope":
                    # "Gäller samtliga enheter": its first clause names the scope
                    return h.code == "inga_avvikelser" and h.strength <= 2 and not any(
                        self._is_boundary(t) for t in doc[a:k])
                return True
            return False

        out = []
        for h in found:
            if neutral(h):
                out.append(Hit(UNKNOWN_CODE, 1, h.start, h.end, NEUTRALIZED))
            else:
                out.append(h)
        if (legend or all(k is not None for k in kinds)) and sentences and not any(
                h.rule == NEUTRALIZED for h in out):
            out.append(Hit(UNKNOWN_CODE, 1, doc[0].idx, doc[-1].idx + len(doc[-1]), NEUTRALIZED))
        return out
