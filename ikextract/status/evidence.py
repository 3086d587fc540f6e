"""Evidence hits (a code, its strength, where) and how a whole text's hits are weighed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

STRENGTH_CONFIDENCE = {3: 0.95, 2: 0.85, 1: 0.65}
DEVIATION_CODES = ("avvikelser", "mindre_avvikelser")


@dataclass
class Hit:
    """One piece of evidence: a code, how strongly the words say it, and where."""
    code: str
    strength: int
    start: int                  # character offsets in the text
    end: int
    rule: str
    cap: float = 1.0            # at most this confidence (a code a careful reader might not give)



FINDING_CODES = ("avvikelser", "mindre_avvikelser", "inga_avvikelser")
NOT_DONE_CODES = ("ej_utford", "pagar", "ej_paborjad")   # on a tie, the first wins ("pågår" has started)
SUBSTANTIVE = 2            # a hit this strong says the status; weaker ones only hint


@dataclass
class Verdict:
    """What the rules make of a whole text."""
    code: str
    confidence: float
    hit: Hit
    conflict: bool = False      # other evidence in the text points elsewhere


def weigh(hits: list[Hit]) -> Optional[Verdict]:
    """The whole text's evidence weighed, as the contract and the cost of errors ask:

    - a reported deviation wins over an all-clear anywhere in the text (a false all-clear is
      the costliest error), and is minor only where the minor statement is stronger than any
      plain deviation ("Mindre avvikelser ... saknade attest");
    - a control not done or under way wins over an all-clear of no greater strength;
    - conflicting evidence lowers the confidence.
    Returns None when no hit is substantive (the classifier may decide, or okand)."""
    strong = [h for h in hits if h.strength >= SUBSTANTIVE]
    if not strong:
        return None
    def best(code_hits):
        top = max(h.strength for h in code_hits)
        return min((h for h in code_hits if h.strength == top), key=lambda h: h.start)

    deviation = [h for h in strong if h.code in DEVIATION_CODES]
    clear = [h for h in strong if h.code == "inga_avvikelser"]
    not_done = [h for h in strong if h.code in NOT_DONE_CODES]
    reference = [h for h in strong if h.code == "okand"]
    if not_done and deviation and max(h.strength for h in not_done) > max(
            h.strength for h in deviation):
        # "underlag saknas, vilket medför att kontrollmomentet inte har möjliggjorts": the
        # control was not carried out; what is missing says why, it is not a finding.
        deviation = []
    if deviation:
        plain = [h for h in deviation if h.code == "avvikelser"]
        minor = [h for h in deviation if h.code == "mindre_avvikelser"]
        if minor and (not plain or max(h.strength for h in minor) > max(h.strength for h in plain)):
            chosen = best(minor)
        else:
            chosen = best(plain)
        conflict = bool(clear) and max(h.strength for h in clear) >= chosen.strength
        confidence = STRENGTH_CONFIDENCE[chosen.strength]
        if clear:
            confidence -= 0.2 if conflict else 0.1
        if minor and plain:
            confidence -= 0.1
        return Verdict(chosen.code, min(confidence, chosen.cap), chosen, conflict or bool(clear))
    if not_done:
        top = max(h.strength for h in not_done)
        # A share of the plan carried out says only that part is left; words saying what
        # became of it ("hittills", "flyttas", "pågår") decide first.
        chosen = min((h for h in not_done if h.strength == top),
                     key=lambda h: (h.rule == "number:plan", NOT_DONE_CODES.index(h.code),
                                    h.start))
        # The control itself not carried out outweighs an all-clear as strong; "ej
        # påbörjad" or "pågår" as strong as an explicit all-clear is about another step.
        clear_top = max((h.strength for h in clear), default=0)
        if top > clear_top or (top == clear_top and (chosen.code == "ej_utford" or top < 3)):
            confidence = STRENGTH_CONFIDENCE[top]
            if clear or len({h.code for h in not_done}) > 1:
                confidence -= 0.2
            return Verdict(chosen.code, min(confidence, chosen.cap), chosen, bool(clear))
    if clear:
        chosen = best(clear)
        confidence = min(STRENGTH_CONFIDENCE[chosen.strength], chosen.cap)
        if not_done:
            confidence -= 0.2
        return Verdict("inga_avvikelser", confidence, chosen, bool(not_done))
    chosen = best(reference)
    return Verdict("okand", STRENGTH_CONFIDENCE[chosen.strength] - 0.1, chosen)
