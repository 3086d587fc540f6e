"""Repair a text layer made by OCR without Swedish: "paborjad" -> "påbörjad", "Lépande" ->
"Löpande", "l&rande" -> "lärande", "awvikelser" -> "avvikelser", "fér" -> "för".

A word the Swedish lexicon does not know is tried with the misreadings an English-only OCR
makes of Swedish letters (ocr_confusions.tsv: bare vowels for å/ä/ö, é for ö, & for ä, w for
vv ...); the known reading with the fewest changes wins, earlier alternatives first. On a
page already judged bad, words that such a layer turns into other real words ("for",
"pa", "ar": ocr_misreadings.tsv) are put back too. Case and punctuation around the word are
kept. The lexicon is the Swedish hunspell word list of ikextract.text.hyphenation, with
compounds (parts the list marks as compound beginnings/middles, a linking s) and a few
frequent forms it lacks (common_words.tsv).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
# At most this many misreadings are undone in one word (candidates grow fast).
MAX_CHANGES = 3
MAX_CANDIDATES = 400
# Compound parts are at least this long; a compound has at most this many parts.
MIN_PART = 3
MAX_PARTS = 4
_CORE = re.compile(r"^([^\w&|]*)(.*?)([^\w&|°]*)$", re.UNICODE)


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c for c in line.split("\t") if c])
    return out


@lru_cache(maxsize=1)
def confusions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(misread, alternatives), longest misreading first so "dé" is tried before "d"."""
    rows = [(r[0], tuple(r[1:])) for r in _rows("ocr_confusions.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def misreadings() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("ocr_misreadings.tsv")}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows("common_words.tsv"))


class Lexicon:
    """Does Swedish have this word form? The hunspell list, its compounds, frequent forms."""

    def __init__(self, words=None):
        if words is None:
            from ikextract.text.hyphenation import swedish_words
            words = swedish_words()
        self.words = words
        self.stems: dict = getattr(words, "stems", {}) or {}
        self.linking = _linking_rules() if self.stems else {}
        self._cache: dict[str, bool] = {}

    def known(self, word: str) -> bool:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = self._known(word)
        return hit

    def _known(self, word: str) -> bool:
        if not word:
            return False
        lower = word.lower()
        if lower in common_words() or self.words.known(word):
            return True
        return self._compound(lower, 0)

    def _begins(self, part: str, first: bool) -> bool:
        """May `part` stand before another part of a compound? A stem flagged to begin (or
        sit in the middle of) compounds, or a form made for that ("avstämning"+"s")."""
        need = "X" if first else "U"
        flags = self.stems.get(part)
        if flags is not None and (need in flags or "X" in flags):
            return True
        for add, rules in self.linking.items():
            if not part.endswith(add) or len(part) <= len(add):
                continue
            for flag, strip, condition, roles in rules:
                stem = part[:len(part) - len(add)] + strip
                stem_flags = self.stems.get(stem)
                if stem_flags and flag in stem_flags and (need in roles or "X" in roles) \
                        and (condition is None or condition.search(stem)):
                    return True
        return False

    def _compound(self, word: str, depth: int) -> bool:
        if depth >= MAX_PARTS - 1 or len(word) < 2 * MIN_PART or not self.stems:
            return False
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if not self._begins(head, depth == 0):
                continue
            if self.words.known(tail) or tail in common_words() \
                    or self._compound(tail, depth + 1):
                return True
        return False


@lru_cache(maxsize=1)
def _linking_rules() -> dict:
    """Suffix rules whose forms begin or continue compounds (hunspell flags X, U in the
    rule's continuation): added ending -> [(flag, strip, condition, roles)]."""
    from ikextract.text import hyphenation
    aff = Path(getattr(hyphenation, "HUNSPELL_AFF", ""))
    local = HERE / "sv_SE.aff"
    aff = local if local.exists() else aff
    rules: dict = {}
    if not aff.is_file():
        return rules
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        add, _, roles = add.partition("/")
        if not ({"X", "U"} & set(roles)):
            continue
        add = "" if add == "0" else add
        strip = "" if strip == "0" else strip
        condition = None if cond == "." else re.compile("(?:" + cond + ")$")
        rules.setdefault(add, []).append((flag, strip, condition, roles))
    return rules


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()


def _sites(word: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Where in `word` a misreading could be undone: (position, misread, alternatives)."""
    sites, taken = [], set()
    for misread, alternatives in confusions():
        start = word.find(misread)
        while start >= 0:
            span = set(range(start, start + len(misread)))
            if not span & taken:
                sites.append((start, misread, alternatives))
                taken |= span
            start = word.find(misread, start + 1)
    return sorted(sites)


def candidates(word: str, max_changes: int = MAX_CHANGES):
    """Readings of `word` with 1..max_changes misreadings undone, fewest changes first."""
    sites = _sites(word)
    produced = 0
    for n in range(1, min(max_changes, len(sites)) + 1):
        for chosen in itertools.combinations(sites, n):
            for picks in itertools.product(*(alts for _, _, alts in chosen)):
                out, last = [], 0
                for (pos, misread, _), right in zip(chosen, picks):
                    out.append(word[last:pos])
                    out.append(right)
                    last = pos + len(misread)
                out.append(word[last:])
                produced += 1
                if produced > MAX_CANDIDATES:
                    return
                yield "".join(out), n


def _with_case(template: str, word: str) -> str:
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    return word


def restore(word: str, lex: Optional[Lexicon] = None, *, bad_layer: bool = False) -> str:
    """The Swedish word an English-only OCR's `word` stands for; `word` if none is found."""
    lex = lex or lexicon()
    m = _CORE.match(word)
    lead, core, trail = m.groups() if m else ("", word, "")
    if not core or not any(c.isalpha() for c in core):
        return word
    if "-" in core.strip("-"):          # "IT-omradet": each part on its own
        return lead + "-".join(restore(p, lex, bad_layer=bad_layer) if p else p
                               for p in core.split("-")) + trail
    if bad_layer:
        swap = misreadings().get(core.lower())
        if swap:
            fixed = swap if core.islower() else (swap.upper() if core.isupper() and len(core) > 1
                                                 else swap[:1].upper() + swap[1:])
            return lead + fixed + trail
    if lex.known(core) or any(c.isdigit() for c in core if c not in "016"):
        return word
    for candidate, _ in candidates(core):
        if lex.known(candidate):
            return lead + _with_case(core, candidate) + trail
    return word


def lost_letters(word: str, lex: Optional[Lexicon] = None) -> bool:
    """Is `word` unknown as printed but a Swedish word once its å/ä/ö are put back?"""
    lex = lex or lexicon()
    m = _CORE.match(word)
    core = m.group(2) if m else word
    if len(core) < 2 or lex.known(core):
        return False
    return any(lex.known(c) for c, _ in candidates(core, max_changes=2))


def repair_text(text: str, lex: Optional[Lexicon] = None, *, bad_layer: bool = True) -> str:
    return " ".join(restore(w, lex, bad_layer=bad_layer) for w in text.split(" "))


def repair_page(page, lex: Optional[Lexicon] = None):
    """A copy of a PageGeometry with its words restored; and how many words changed."""
    lex = lex or lexicon()
    words, changed = [], 0
    for w in page.words:
        fixed = restore(w.text, lex, bad_layer=True)
        if fixed != w.text:
            changed += 1
            w = replace(w, text=fixed)
        words.append(w)
    return replace(page, words=words, warnings=list(page.warnings)), changed
