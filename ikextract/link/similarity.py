"""How alike two rows of one board are, 0..1: their texts (words.py) and the reports' cues.

The main text is the risk as printed, else the process and control point (a control-point
grid has no risk column). Process and control, where both rows have them, weigh a quarter.
Cues add a little: the same number, the same area, and a later row saying its risk was in an
earlier plan ("kvarstår från föregående år", "återkommer"). They only tip pairs near the
threshold: a number or an area alone never links two risks.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz.distance import Indel

from ikextract.link.words import concepts, fold, has_cue, weight

SECONDARY_WEIGHT = 0.1
NUMBER_CUE = 0.03
AREA_CUE = 0.03
CARRY_OVER_CUE = 0.06
# Two concepts this alike (normalised Indel similarity) count as one, at their weight times
# the likeness: OCR damage ("lopande"/"lapande") and stems that Snowball cuts differently.
SOFT_MATCH = 0.84
SOFT_MIN_LENGTH = 5
ELABORATION_COST = 0.5


@dataclass(frozen=True)
class Bag:
    """A text's concepts with their weights, ready to compare."""
    concepts: tuple[str, ...]
    weights: tuple[float, ...]
    total: float

    def __bool__(self) -> bool:
        return bool(self.concepts)


@lru_cache(maxsize=65536)
def bag(text: Optional[str]) -> Bag:
    cs = concepts(text)
    ws = tuple(weight(c) for c in cs)
    return Bag(cs, ws, sum(ws))


def bag_similarity(a: Bag, b: Bag) -> float:
    """Shared weight over shared plus unshared weight (see below), near-identical concepts
    matching softly."""
    if not a or not b:
        return 0.0
    common = 0.0
    b_left = {c: w for c, w in zip(b.concepts, b.weights)}
    a_left = []
    for c, w in zip(a.concepts, a.weights):
        if c in b_left:
            common += min(w, b_left.pop(c))
        else:
            a_left.append((c, w))
    for c, w in a_left:
        if len(c) < SOFT_MIN_LENGTH or not b_left:
            continue
        best, best_c = 0.0, None
        for d in b_left:
            if len(d) >= SOFT_MIN_LENGTH:
                s = Indel.normalized_similarity(c, d)
                if s > best:
                    best, best_c = s, d
        if best >= SOFT_MATCH:
            common += best * min(w, b_left.pop(best_c))
    # What only one side has: an elaboration ("... och följs upp") if only one side has
    # any, a substitution ("körkort" / "legitimation") if both do. A substitution is what
    # tells two risks apart, so it costs fully; an elaboration half.
    only_a, only_b = a.total - common, b.total - common
    denominator = common + ELABORATION_COST * max(only_a, only_b) + min(only_a, only_b)
    return common / denominator if denominator else 0.0


@dataclass(frozen=True)
class RowText:
    """What one row is compared by (built once per row, see row_text)."""
    main: Bag
    process: Bag
    control: Bag
    number: str
    area: str
    carries_over: bool


def main_text(process: Optional[str], risk: Optional[str], control: Optional[str]) -> str:
    """What a row is about: its risk as printed, else its process and control point."""
    if risk and concepts(risk):
        return risk
    return " ".join(t for t in (process, control) if t)


@lru_cache(maxsize=65536)
def row_text(process: Optional[str], risk: Optional[str], control: Optional[str],
             number: Optional[str] = None, area: Optional[str] = None,
             cue_text: Optional[str] = None) -> RowText:
    """cue_text: the row's result and comment, where a report says a risk carries over."""
    has_risk = bool(risk and concepts(risk))
    return RowText(
        main=bag(main_text(process, risk, control)),
        # Without a risk the process and control are the main text already.
        process=bag(process) if has_risk else Bag((), (), 0.0),
        control=bag(control) if has_risk else Bag((), (), 0.0),
        number=fold(number or "").strip(),
        area=" ".join(fold(area or "").split()),
        carries_over=has_cue(risk) or has_cue(control) or has_cue(cue_text),
    )


def text_similarity(a: RowText, b: RowText) -> float:
    main = bag_similarity(a.main, b.main)
    secondary = [bag_similarity(x, y) for x, y in ((a.process, b.process),
                                                   (a.control, b.control)) if x and y]
    if not secondary:
        return main
    return (1 - SECONDARY_WEIGHT) * main + SECONDARY_WEIGHT * sum(secondary) / len(secondary)


def row_similarity(a: RowText, b: RowText, year_a: Optional[int] = None,
                   year_b: Optional[int] = None) -> float:
    """0..1: text similarity plus the reports' cues (symmetric in a and b)."""
    s = text_similarity(a, b)
    if s == 0.0:
        return 0.0
    if a.number and a.number == b.number:
        s += NUMBER_CUE
    if a.area and a.area == b.area:
        s += AREA_CUE
    if year_a is not None and year_b is not None and year_a != year_b:
        later = a if year_a > year_b else b
        if later.carries_over:
            s += CARRY_OVER_CUE
    return min(s, 1.0)
