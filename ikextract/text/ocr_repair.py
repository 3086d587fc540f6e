"""Repair a text layer made by OCR without Swedish: "paborjad" -> "påbörjad", "Lépande" ->
"Löpande", "l&rande" -> "lärande", "awvikelser" -> "avvikelser", "fér" -> "för".

A word the Swedish lexicon does not know is tried with the misreadings an English-only OCR
makes of Swedish letters (ocr_confusions.tsv: bare vowels for å/ä/ö, é for ö, & for ä, w for
vv ...); the known reading with the fewest changes wins, earlier alternatives first. On a
page already judged bad, words that such a layer turns into other real words ("for",
"pa", "ar": ocr_misreadings.tsv) are put back too. Case and punctuation around the word are
kept. The lexicon is the Swedish hunspell word list shipped in ikextract/text, with
compounds (parts the list marks as compound beginnings/middles, a linking s) and a few
frequent forms it lacks (common_words.tsv). Lookups go through AffixWords, a cheap reading
of the same sv_SE files (the full hunspell lookup is too slow for trying readings).
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
# Pieces of one word split by a text layer touch (closer than this, in font sizes; a word
# space is about 0.28); at most
# this many are joined.
MAX_PIECE_GAP_EM = 0.12
MAX_PIECES = 12
MAX_JOINED_CHARS = 32
# A layer sloping less than this (points per point, about 0.06 degrees) is level.
MIN_SLOPE = 0.001
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


class AffixWords:
    """Swedish word forms from the hunspell dictionary by its stems and one level of suffix
    rules, without compounds (Lexicon adds those). Far cheaper per lookup than the full
    hunspell lookup of ikextract.text.hyphenation (spylls), which matters here: repairing a
    page tries hundreds of readings. Same sv_SE files, read once."""

    def __init__(self, dic: Path, aff: Path):
        self.stems: dict[str, str] = {}          # stem -> its flags
        self.suffixes: dict[str, list] = {}      # added ending -> [(flag, strip, condition)]
        self.forbidden = self.need_affix = self.only_in_compound = ""
        for line in aff.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "FORBIDDENWORD":
                self.forbidden = parts[1]
            elif parts[0] == "NEEDAFFIX":
                self.need_affix = parts[1]
            elif parts[0] == "ONLYINCOMPOUND":
                self.only_in_compound = parts[1]
            elif parts[0] == "SFX" and len(parts) >= 5:
                flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
                add = add.split("/", 1)[0]
                add = "" if add == "0" else add
                strip = "" if strip == "0" else strip
                condition = None if cond == "." else re.compile("(?:" + cond + ")$")
                self.suffixes.setdefault(add, []).append((flag, strip, condition))
        with dic.open(encoding="utf-8") as f:
            next(f)  # the first line is the entry count
            for line in f:
                word, _, flags = line.rstrip("\n").partition("/")
                if word:
                    self.stems[word] = self.stems.get(word, "") + flags
        self.max_suffix = max((len(k) for k in self.suffixes), default=0)

    def _stem_ok(self, stem: str, flag: Optional[str]) -> bool:
        flags = self.stems.get(stem)
        if flags is None or (self.forbidden and self.forbidden in flags):
            return False
        if flag is None:   # the bare stem must be a word by itself
            return not any(f and f in flags for f in (self.need_affix, self.only_in_compound))
        return flag in flags

    def _exact(self, word: str) -> bool:
        if self._stem_ok(word, None):
            return True
        for k in range(1, min(len(word), self.max_suffix) + 1):
            for flag, strip, condition in self.suffixes.get(word[-k:], ()):
                stem = word[:-k] + strip
                if stem and (condition is None or condition.search(stem)) \
                        and self._stem_ok(stem, flag):
                    return True
        return False

    def known(self, word: str) -> bool:
        word = word.strip()
        return bool(word) and (self._exact(word) or self._exact(word.lower())
                               or self._exact(word[:1].upper() + word[1:].lower()))


def _dictionary_files() -> tuple[Path, Path]:
    """The sv_SE hunspell files shipped in the package (the one word list every stage reads)."""
    from ikextract.text import SWEDISH_DICTIONARY
    dic, aff = SWEDISH_DICTIONARY.with_suffix(".dic"), SWEDISH_DICTIONARY.with_suffix(".aff")
    if dic.is_file() and aff.is_file():
        return dic, aff
    raise FileNotFoundError(f"the package's Swedish hunspell dictionary is missing ({dic})")


class Lexicon:
    """Does Swedish have this word form? The hunspell list, its compounds, frequent forms."""

    def __init__(self, words=None):
        if words is None:
            words = AffixWords(*_dictionary_files())
        self.words = words
        self.stems: dict = getattr(words, "stems", {}) or {}
        self.linking = _linking_rules() if self.stems else {}
        self._cache: dict[str, bool] = {}
        self.restored: dict[tuple, str] = {}

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
    rules: dict = {}
    try:
        _, aff = _dictionary_files()
    except FileNotFoundError:
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
    key = (word, bad_layer)
    hit = lex.restored.get(key)
    if hit is None:
        hit = lex.restored[key] = _restore(word, lex, bad_layer)
    return hit


def _restore(word: str, lex: Lexicon, bad_layer: bool) -> str:
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


def _tight(a, b) -> bool:
    """Does word b follow word a on its line with less room than a word space?"""
    size = a.size or max(a.bottom - a.top, 1.0)
    return abs(b.top - a.top) < 0.3 * size and -0.2 * size <= b.x0 - a.x1 < MAX_PIECE_GAP_EM * size


def _joined(pieces: list[str], lex: Lexicon) -> Optional[str]:
    """The word letter-spaced pieces ("p er", "ap ri l", "2 02 5") make, if they make one."""
    text = "".join(pieces)
    if all(p.isdigit() for p in pieces) or all(len(p) == 1 and p.isupper() for p in pieces):
        return text                         # "2 02 5" is 2025, "K S" is KS
    cores = [(_CORE.match(p).group(2) if _CORE.match(p) else p) for p in pieces]
    if all(c and lex.known(c) and len(c) > 1 for c in cores):
        return None                         # words of their own ("in om" is not "inom")
    if len(text) > MAX_JOINED_CHARS:
        return None
    fixed = restore(text, lex, bad_layer=True)
    m = _CORE.match(fixed)
    core = m.group(2) if m else fixed
    return fixed if core and lex.known(core) else None


def join_pieces(words, lex: Optional[Lexicon] = None):
    """Words a text layer split into letter-spaced pieces, joined where the whole is a word
    (an OCR layer's stretched glyphs read back with gaps between them)."""
    lex = lex or lexicon()
    out, i = [], 0
    while i < len(words):
        run = 1                       # how many words from i follow each other tightly
        while i + run < len(words) and run < MAX_PIECES and _tight(words[i + run - 1], words[i + run]):
            run += 1
        for k in range(run, 1, -1):
            text = _joined([w.text for w in words[i:i + k]], lex)
            if text:
                first, last = words[i], words[i + k - 1]
                out.append(replace(first, text=text, x1=last.x1,
                                   top=min(w.top for w in words[i:i + k]),
                                   bottom=max(w.bottom for w in words[i:i + k])))
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


def level_words(words):
    """Words of a skewed layer (an OCR layer over a scan printed askew follows the slant)
    put level: the median slope from each word to the next on its line, sheared out around
    the page's middle. Level words come back as they were."""
    slopes = []
    for a, b in zip(words, words[1:]):
        size = a.size or max(a.bottom - a.top, 1.0)
        dx = (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2
        dy = b.bottom - a.bottom
        if dx > size and abs(dy) < 0.3 * size:
            slopes.append(dy / dx)
    if len(slopes) < 10:
        return list(words)
    slopes.sort()
    slope = slopes[len(slopes) // 2]
    if abs(slope) < MIN_SLOPE:
        return list(words)
    middle = sorted((w.x0 + w.x1) / 2 for w in words)[len(words) // 2]
    return [replace(w, top=w.top - slope * ((w.x0 + w.x1) / 2 - middle),
                    bottom=w.bottom - slope * ((w.x0 + w.x1) / 2 - middle)) for w in words]


def repair_page(page, lex: Optional[Lexicon] = None):
    """A copy of a PageGeometry with its words restored (put level, pieces joined, å/ä/ö
    put back); and how many words changed."""
    lex = lex or lexicon()
    joined = join_pieces(level_words(page.words), lex)
    words, changed = [], len(page.words) - len(joined)
    for w in joined:
        fixed = restore(w.text, lex, bad_layer=True)
        if fixed != w.text:
            changed += 1
            w = replace(w, text=fixed)
        words.append(w)
    return replace(page, words=words, warnings=list(page.warnings)), changed
