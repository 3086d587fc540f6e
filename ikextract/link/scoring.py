"""Scoring a report's rows against its board's candidate keys, and the one-to-one assignment
of rows to keys (LinkIndex.assign's two steps; see index.py's docstring for the method)."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import numpy as np

from ikextract.link.board import Board
from ikextract.link.similarity import (SOFT_MIN_LENGTH, WITHOUT_MAIN_OVERLAP, RowText,
                                       SoftNeighbours, score_bound, text_similarity, with_cues)

ASSIGNMENT_POWER = 4
ASSIGNMENT_FLOOR = 0.05
# Rounding: a pair is skipped only when its score bound is this far below the threshold.
BOUND_MARGIN = 1e-9


def score_candidates(board: Board, candidates: list[str], rows: list[RowText],
                     year: Optional[int], threshold: float) -> np.ndarray:
    """scores[n, j]: the best row_similarity of rows[n] with any member of candidates[j]
    (live members, else its ghosts), wherever it can reach the threshold; 0 elsewhere,
    which links as little as any other score below the threshold.

    Each distinct member text is compared once per row, whatever number of keys and
    years hold it (a risk is often worded alike year after year), and only where the
    two main texts share a concept, exactly or softly: without one a pair scores at
    most WITHOUT_MAIN_OVERLAP, below any threshold above it."""
    # By identity: row_text gives one object per wording (cached), and equal texts
    # that are distinct objects are merely compared twice.
    distinct: dict[int, int] = {}
    member_texts: list[RowText] = []
    holders: list[list[tuple[int, list]]] = []      # text -> [(candidate, years)]
    for j, k in enumerate(candidates):
        entry = board.keys[k]
        years_of: dict[int, list] = {}
        for m in entry.live() or entry.members:
            t = distinct.get(id(m.text))
            if t is None:
                t = distinct[id(m.text)] = len(member_texts)
                member_texts.append(m.text)
                holders.append([])
            years_of.setdefault(t, []).append(m.year)
        for t, years in years_of.items():
            holders[t].append((j, years))
    near = board.neighbours()
    for a in rows:
        near.add_text(a)
    scores = np.zeros((len(rows), len(candidates)))
    for n, (a, hits) in enumerate(zip(rows, overlapping(rows, member_texts, near,
                                                               threshold))):
        for t in hits:
            b = member_texts[t]
            s = text_similarity(a, b, near)
            for j, years in holders[t]:
                best = max(with_cues(s, a, b, year, y) for y in years)
                if best > scores[n, j]:
                    scores[n, j] = best
    return scores


def overlapping(rows: list[RowText], member_texts: list[RowText], near: SoftNeighbours,
                threshold: float) -> list[list[int]]:
    """For each row, the member texts (indices) that can reach the threshold with it:
    their main texts share concepts (exactly or as soft matches) of enough weight
    (similarity.score_bound); every one of them when the threshold is too low for the
    shortcut."""
    if threshold <= WITHOUT_MAIN_OVERLAP + BOUND_MARGIN:
        return [list(range(len(member_texts)))] * len(rows)
    posting: dict[str, list[int]] = defaultdict(list)
    for t, b in enumerate(member_texts):
        for c in b.main.concepts:
            posting[c].append(t)
    out = []
    for a in rows:
        # Per text, the weight of a's concepts it has or has a soft match of: at most
        # what bag_similarity can find shared.
        shared: dict[int, float] = defaultdict(float)
        for c, w in zip(a.main.concepts, a.main.weights):
            found = set(posting.get(c, ()))
            if len(c) >= SOFT_MIN_LENGTH:
                for d in near.of(c):
                    found.update(posting.get(d, ()))
            for t in found:
                shared[t] += w
        total = a.main.total
        out.append(sorted(
            t for t, weight in shared.items()
            if score_bound(weight, total, member_texts[t].main.total) + BOUND_MARGIN
            >= threshold))
    return out


def assign_pairs(scores: np.ndarray, candidates: list[str],
                 threshold: float) -> list[Optional[str]]:
    # Pairs below the threshold cannot be chosen. The rest are weighed by a steep power of
    # their margin, so one clear match outweighs two middling ones: a row that restates a
    # key keeps it even where giving it to a looser row would link one row more.
    usable = scores >= threshold
    if (usable.sum(axis=0) <= 1).all() and (usable.sum(axis=1) <= 1).all():
        # No row and no key with two choices (the usual report): every best assignment
        # takes each usable pair, as every usable pair weighs more than nothing.
        return [candidates[int(np.argmax(u))] if u.any() else None for u in usable]
    from scipy.optimize import linear_sum_assignment
    weights = np.where(usable, (scores - threshold + ASSIGNMENT_FLOOR) ** ASSIGNMENT_POWER,
                       0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    keys: list[Optional[str]] = [None] * scores.shape[0]
    for i, j in zip(rows, cols):
        if usable[i, j]:
            keys[i] = candidates[j]
    return keys
