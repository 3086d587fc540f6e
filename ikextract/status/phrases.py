"""Phrase patterns of phrases.tsv (syntax: rules.py) compiled and matched over a text's norms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .normalize import fold

NEGATION_WINDOW = 3          # words before a phrase a negator may stand in
AFTER_NEGATORS = ("inte", "ej", "icke", "aldrig")   # "rutinen följs inte"
AFTER_NEGATION_WINDOW = 3
ADVERB_BREAKS = ("dock",)    # after a verb "dock" is an adverb, not a new clause
PAIRS_KEPT = 1 << 17         # (word, next word) pairs whose candidate phrases are kept


@dataclass(frozen=True)
class Phrase:
    family: str
    pattern: str
    code: str
    strength: int
    negated_code: Optional[str]
    negated_strength: int
    negation: str               # "before", "both" or "" (never negated)



def _literal_words(pattern: str) -> set[str]:
    words = set()
    for spec in pattern.split():
        if spec.lstrip("?").startswith("rx:"):
            continue
        for a in spec.lstrip("?").split("|"):
            if not a.endswith("*") and not a.startswith(("re:", "~")):
                words.add(a.lower())
    return words


@dataclass(frozen=True)
class TokenSpec:
    """One token of a pattern: folded words, folded prefixes, regular expressions."""
    words: frozenset
    prefixes: tuple
    regexes: tuple
    optional: bool = False
    gap: int = 0                # > 0: this spec is "~N", up to N words
    _seen: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def matches(self, norm: str) -> bool:
        if norm in self.words:
            return True
        if not (self.prefixes or self.regexes):
            return False
        hit = self._seen.get(norm)
        if hit is None:
            hit = self._seen[norm] = bool(
                (self.prefixes and norm.startswith(self.prefixes))
                or any(r.fullmatch(norm) for r in self.regexes))
        return hit


def parse_pattern(pattern: str) -> tuple[TokenSpec, ...]:
    out = []
    for spec in pattern.split():
        m = re.fullmatch(r"~(\d+)", spec)
        if m:
            out.append(TokenSpec(frozenset(), (), (), gap=int(m.group(1))))
            continue
        optional = spec.startswith("?")
        if spec.lstrip("?").startswith("rx:"):
            # one regular expression, "|" and all: "rx:(?!avvik|brist).*"
            out.append(TokenSpec(frozenset(), (), (re.compile(spec.lstrip("?")[3:]),), optional))
            continue
        alternatives = spec.lstrip("?").split("|")
        out.append(TokenSpec(
            frozenset(fold(a) for a in alternatives if not a.endswith("*") and not a.startswith("re:")),
            tuple(fold(a[:-1]) for a in alternatives if a.endswith("*")),
            tuple(re.compile(a[3:].lstrip("^").rstrip("$")) for a in alternatives if a.startswith("re:")),
            optional))
    return tuple(out)


class PhraseMatcher:
    """All phrases over a text's list of norms, in pure Python: each phrase is tried only at
    positions whose word can start it (an index by first word), which is what makes the
    rules fast; a gap ("~N") spans words only, never punctuation or a line break."""

    def __init__(self, phrases: list[Phrase]):
        self.specs = [parse_pattern(p.pattern) for p in phrases]
        self.by_first: dict[str, list[int]] = {}
        self.scan: list[int] = []        # first spec with prefixes or regexes
        # a phrase of words one after another (no gap, nothing optional) is matched by a
        # plain loop; only the others need _ends's search over gaps and options
        self.plain = [not any(s.gap or s.optional for s in specs) for specs in self.specs]
        # words a phrase cannot match without (each spec of exact words only, not optional):
        # a text that lacks one of them is not searched for the phrase at all (the specs
        # of fewest words first: the ones a text most often lacks)
        self.required = [tuple(sorted((s.words for s in specs[1:] if s.words and not (
            s.optional or s.gap or s.prefixes or s.regexes)), key=len)) for specs in self.specs]
        for i, specs in enumerate(self.specs):
            first = specs[0]
            if first.optional or first.gap or first.prefixes or first.regexes:
                self.scan.append(i)
                continue
            for w in first.words:
                self.by_first.setdefault(w, []).append(i)

    def _ends(self, specs, k: int, j: int, norms, is_word) -> list[int]:
        """Every end position of specs[k:] matched from token j."""
        if k == len(specs):
            return [j]
        spec = specs[k]
        n = len(norms)
        out = []
        if spec.gap:
            following = specs[k + 1] if k + 1 < len(specs) else None
            g = 0
            while True:
                at = j + g
                # only where the spec after the gap can match (the common case: a word)
                if following is None or following.optional or following.gap or (
                        at < n and is_word[at] and following.matches(norms[at])):
                    out.extend(self._ends(specs, k + 1, at, norms, is_word))
                if g == spec.gap or at >= n or not is_word[at]:
                    break
                g += 1
            return out
        if j < n and is_word[j] and spec.matches(norms[j]):
            out.extend(self._ends(specs, k + 1, j + 1, norms, is_word))
        if spec.optional:
            out.extend(self._ends(specs, k + 1, j, norms, is_word))
        return out

    @lru_cache(maxsize=None)
    def _starting(self, norm: str) -> tuple[int, ...]:
        return tuple(self.by_first.get(norm, [])) + tuple(
            q for q in self.scan if self.specs[q][0].matches(norm))

    @lru_cache(maxsize=PAIRS_KEPT)
    def _candidates(self, norm: str, following: Optional[str]) -> tuple[tuple[int, int], ...]:
        """(phrase, words) of the phrases _starting(norm) whose second spec can match the
        word after it (following; None where no word follows); words > 0: a plain phrase
        of that many words, matched already. Most phrases a word starts end at the next
        word, and the pair comes back in every report, so it is asked once."""
        return tuple((p, len(self.specs[p]) if self.plain[p] and len(self.specs[p]) <= 2
                      else 0)
                     for p in self._starting(norm) if self._second_fits(p, following))

    def _second_fits(self, p: int, following: Optional[str]) -> bool:
        specs = self.specs[p]
        if len(specs) < 2 or specs[0].optional or specs[0].gap:
            return True
        second = specs[1]
        if second.optional or second.gap:
            return True
        return following is not None and second.matches(following)

    def __call__(self, norms: list[str], is_word: list[bool]) -> list[tuple[int, int, int]]:
        """(phrase index, start, end) of the longest match of each phrase at each start."""
        found = []
        n = len(norms)
        present = set(norms)
        possible: dict[int, bool] = {}      # per phrase, once per text
        candidates, required, plain, specs = self._candidates, self.required, self.plain, self.specs
        for i, norm in enumerate(norms):
            if not is_word[i]:
                continue
            for p, words in candidates(norm, norms[i + 1] if i + 1 < n and is_word[i + 1]
                                       else None):
                if words:
                    found.append((p, i, i + words))
                    continue
                can = possible.get(p)
                if can is None:
                    can = True
                    for needed in required[p]:
                        if present.isdisjoint(needed):
                            can = False
                            break
                    possible[p] = can
                if not can:
                    continue
                if plain[p]:
                    # (three words or more) the first two matched: _candidates says so
                    end = i + 2
                    for spec in specs[p][2:]:
                        if end < n and is_word[end] and spec.matches(norms[end]):
                            end += 1
                        else:
                            end = -1
                            break
                    if end > i:
                        found.append((p, i, end))
                    continue
                ends = self._ends(specs[p], 0, i, norms, is_word)
                ends = [e for e in ends if e > i]
                if ends:
                    found.append((p, i, max(ends)))
        return found
