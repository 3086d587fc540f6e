"""How alike two rows of one board are, 0..1: their texts (words.py) and the reports' cues.

The main text is the risk as printed, else the process and control point (a control-point
grid has no risk column). Process and control, where both rows have them, weigh a quarter.
Cues add a little: the same number, the same area, and a later row saying its risk was in an
earlier plan ("kvarstår från föregående år", "återkommer"). They only tip pairs near the
threshold: a number or an area alone never links two risks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

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
    # concept -> weight, made once: a bag is compared many times.
    lookup: dict = field(init=False, compare=False, hash=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "lookup", dict(zip(self.concepts, self.weights)))

    def __bool__(self) -> bool:
        return bool(self.concepts)


@lru_cache(maxsize=1 << 18)
def _soft(c: str, d: str) -> float:
    """How alike two concepts are (normalised Indel similarity): the same few hundred
    concept pairs recur in every comparison of one board's rows."""
    return Indel.normalized_similarity(c, d)


class SoftNeighbours:
    """The concepts of a set of rows (a board's), each with those it may match softly (both
    SOFT_MIN_LENGTH long or more, likeness from SOFT_MATCH). Each concept is compared with
    the others once, when it is added; bag_similarity then compares a concept only with its
    neighbours instead of with every concept of the other text."""

    # The bulk comparison works in floating point of its own: a hair of margin, so that
    # every pair bag_similarity would match is a neighbour (extra ones cost nothing).
    MARGIN = 1e-4

    def __init__(self):
        self._known: list[str] = []
        self._near: dict[str, set[str]] = {}
        self._texts: dict[int, RowText] = {}     # added already (held, so ids stay unique)

    def add(self, concepts: Iterable[str]) -> None:
        new = sorted({c for c in concepts if len(c) >= SOFT_MIN_LENGTH and c not in self._near})
        if not new:
            return
        import numpy as np
        from rapidfuzz import process
        for c in new:
            self._near[c] = set()
        pool = self._known + new
        matrix = process.cdist(new, pool, scorer=Indel.normalized_similarity,
                               score_cutoff=SOFT_MATCH - self.MARGIN, dtype=np.float64)
        for q, p in zip(*np.nonzero(matrix)):
            c, d = new[q], pool[p]
            if c != d:
                self._near[c].add(d)
                self._near[d].add(c)
        self._known.extend(new)

    def add_text(self, text: "RowText") -> None:
        if self._texts.get(id(text)) is text:
            return
        self.add((*text.main.concepts, *text.process.concepts, *text.control.concepts))
        self._texts[id(text)] = text

    def has(self, concept: str) -> bool:
        """Whether the concept has any neighbour (an unknown concept raises KeyError)."""
        return bool(self._near[concept])

    def of(self, concept: str) -> set[str]:
        return self._near[concept]


@lru_cache(maxsize=65536)
def bag(text: Optional[str]) -> Bag:
    cs = concepts(text)
    ws = tuple(weight(c) for c in cs)
    return Bag(cs, ws, sum(ws))


def bag_similarity(a: Bag, b: Bag, near: Optional["SoftNeighbours"] = None) -> float:
    """Shared weight over shared plus unshared weight (see below), near-identical concepts
    matching softly: each concept of a not in b, in a's order, takes the first of b's
    unmatched concepts most like it, where that likeness reaches SOFT_MATCH.

    near: the soft neighbours of every concept of a and b (SoftNeighbours), so that only
    those are compared; the result is the same."""
    if not a or not b:
        return 0.0
    if a.concepts == b.concepts and a.weights == b.weights:
        return 1.0 if a.total else 0.0      # what the sums below give for one bag twice
    common = 0.0
    b_left = b.lookup.copy()
    a_left = []
    for c, w in zip(a.concepts, a.weights):
        if c in b_left:
            common += min(w, b_left.pop(c))
        elif len(c) >= SOFT_MIN_LENGTH and (near is None or near.has(c)):
            a_left.append((c, w))
    long_b = [d for d in b_left if len(d) >= SOFT_MIN_LENGTH] if a_left else None
    for c, w in a_left:
        if not long_b:
            break
        if near is None:
            choices = long_b
        else:
            mine = near.of(c)
            choices = [d for d in long_b if d in mine]
        best, best_c = 0.0, None
        for d in choices:
            s = _soft(c, d)
            if s > best:
                best, best_c = s, d
        if best >= SOFT_MATCH:
            common += best * min(w, b_left.pop(best_c))
            long_b.remove(best_c)
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


def text_similarity(a: RowText, b: RowText, near: Optional["SoftNeighbours"] = None) -> float:
    main = bag_similarity(a.main, b.main, near)
    secondary = [bag_similarity(x, y, near) for x, y in ((a.process, b.process),
                                                         (a.control, b.control)) if x and y]
    if not secondary:
        return main
    return (1 - SECONDARY_WEIGHT) * main + SECONDARY_WEIGHT * sum(secondary) / len(secondary)


ALL_CUES = NUMBER_CUE + AREA_CUE + CARRY_OVER_CUE


def score_bound(shared: float, total_a: float, total_b: float) -> float:
    """The most row_similarity can give two rows whose main bags (weights total_a and
    total_b) share at most `shared` weight: bag_similarity grows with the weight shared,
    the secondary texts add at most their share and every cue may apply. LinkIndex skips
    pairs whose bound is below the threshold."""
    low, high = min(total_a, total_b), max(total_a, total_b)
    shared = min(shared, low)
    denominator = ELABORATION_COST * high + low - ELABORATION_COST * shared
    main = shared / denominator if denominator > 0 else 0.0
    return min(main + SECONDARY_WEIGHT * (1 - main) + ALL_CUES, 1.0)


# The most two rows can score when their main texts share no concept (exactly or softly).
WITHOUT_MAIN_OVERLAP = score_bound(0.0, 1.0, 1.0)


def row_similarity(a: RowText, b: RowText, year_a: Optional[int] = None,
                   year_b: Optional[int] = None) -> float:
    """0..1: text similarity plus the reports' cues (symmetric in a and b)."""
    return with_cues(text_similarity(a, b), a, b, year_a, year_b)


def with_cues(s: float, a: RowText, b: RowText, year_a: Optional[int] = None,
              year_b: Optional[int] = None) -> float:
    """row_similarity from the text similarity s of a and b (computed once for all the
    years a text was seen in)."""
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
