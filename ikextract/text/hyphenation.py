"""Join words broken at line ends, deciding with a Swedish dictionary.

A line that ends in "grans-" and a next line starting "kas" is one word, "granskas"; but
"e-" / "tjänst", "Kompetens-" / "och", "5-" / "10" keep their hyphen, and a compound the
author wrote with a hyphen ("Kompetens-försörjning", both halves words of their own) is kept
as written. Compounds hyphenated inside a part ("perso-nalförening", "hälsoinspi-ratörer")
are joined: the dictionary knows the compound by hunspell's compound rules.

The dictionary is the Swedish hunspell dictionary shipped inside this package
(sv_SE.aff/.dic, see sv_SE.LICENSE.txt), read by spylls (a full hunspell implementation:
affixes, compound rules, forbidden words), so the result never depends on what a machine
has installed. Where the dictionary does not know a word, the document's own spelling
decides (`seen`). Loaded once per process, on first use; lookups cached.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Collection

_HERE = Path(__file__).parent
DICTIONARY = _HERE / "sv_SE"          # sv_SE.aff + sv_SE.dic
_DATA = _HERE / "hyphen_keep_before.tsv"

HYPHENS = "-\u2010\u2011"
SOFT_HYPHEN = "\u00ad"
# Each half of a compound the author may have hyphenated on purpose is at least this long;
# shorter pieces ("för-", "-te") are syllables of one word split by hyphenation.
MIN_COMPOUND_PART = 4


def _read_keep_words() -> frozenset[str]:
    words = set()
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.split("\t")[0].lower())
    return frozenset(words)


class SwedishWords:
    """Is a string a Swedish word form? The hunspell dictionary through spylls, or (for
    tests and tools) a given set of forms."""

    def __init__(self, dictionary: Path = DICTIONARY,
                 forms: Collection[str] | None = None):
        self.forms = frozenset(forms or ())
        self._dictionary = None
        if forms is None:
            from spylls.hunspell import Dictionary
            self._dictionary = Dictionary.from_files(str(dictionary))
        self.known = lru_cache(maxsize=1 << 16)(self._known)
        self.simple = lru_cache(maxsize=1 << 14)(self._simple)

    def _lookup(self, word: str, compounds: bool = True) -> bool:
        if word in self.forms:
            return True
        if self._dictionary is None:
            return False
        try:
            if compounds:     # the full hunspell lookup (BREAK at hyphens, compounds ...)
                return bool(self._dictionary.lookup(word))
            forms = self._dictionary.lookuper.good_forms(word, compound_forms=False)
            return next(forms, None) is not None
        except Exception:     # spylls on an odd string (digits, symbols): not a word
            return False

    def _known(self, word: str) -> bool:
        """A word form, compounds by the dictionary's compound rules included (hunspell's
        lookup tries the word's capitalisation variants itself). The affix forms first:
        the compound search is slow, and most words need none."""
        word = word.strip()
        return bool(word) and (self.simple(word) or self._lookup(word))

    def _simple(self, word: str) -> bool:
        """A word form in its own right, not only as a compound ("omsättning", not
        "fredsställande")."""
        word = word.strip()
        if not word:
            return False
        return self._lookup(word, False) or (word != word.lower()
                                             and self._lookup(word.lower(), False))


@lru_cache(maxsize=1)
def swedish_words() -> SwedishWords:
    return SwedishWords()


@lru_cache(maxsize=1)
def _keep_before() -> frozenset[str]:
    return _read_keep_words()


_LEADING_WORD = re.compile(r"^[^\W\d_]+", re.UNICODE)
_TRAILING_PUNCT = re.compile(r"[\W_]+$", re.UNICODE)


def _is_abbreviation(piece: str) -> bool:
    letters = [c for c in piece if c.isalpha()]
    return len(letters) <= 1 or (len(letters) >= 2 and all(c.isupper() for c in letters))


# How a line-end break is read (classify_break):
SPACE = "space"            # two words: "Kompetens- och", "riskerna är"
KEEP = "keep"              # one word with its hyphen: "e-tjänst", "5-10"
JOIN = "join"              # one word split by hyphenation: "grans-kas"
COMPOUND = "compound"      # both halves words: "personal-omsättning", either reading


def join_hyphenated(left: str, right: str, *, seen: Collection[str] = (),
                    hyphenated_document: bool = False) -> str:
    """The text of `left` (the last word of a line) followed by `right` (the first word of
    the next line), joined as a reader would: "grans-"+"kas" -> "granskas",
    "e-"+"tjänst" -> "e-tjänst", "Kompetens-"+"och" -> "Kompetens- och",
    "5-"+"10" -> "5-10", "ansvarsområde/"+"process" -> "ansvarsområde/process",
    otherwise the two words with a space between.

    A compound broken at its seam ("personal-"+"omsättning") keeps its hyphen unless the
    document shows it was hyphenated by its word processor (`hyphenated_document`: some
    other line end split a word where no hyphen can be, as "grans-kas"), or `seen` (the
    lower-cased forms the document writes on one line) holds the solid or hyphenated form.
    """
    kind = classify_break(left, right, seen=seen)
    if kind == SPACE:
        return f"{left} {right}" if left and right else left + right
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if kind == JOIN or (kind == COMPOUND and hyphenated_document):
        return left[:-1] + right if left[-1] in HYPHENS else left + right
    return left + right


def classify_break(left: str, right: str, *, seen: Collection[str] = ()) -> str:
    """SPACE, KEEP, JOIN or COMPOUND for a line ending in `left` followed by `right`."""
    if not left or not right:
        return SPACE
    if left.endswith(SOFT_HYPHEN):
        return JOIN
    if left[-1] in "/+" and len(left) > 1:
        return KEEP                         # ansvarsområde/process, SAM+SSA
    if left[-1] not in HYPHENS or len(left) == 1:
        return SPACE
    stem = left[:-1]
    first = _LEADING_WORD.match(right)
    right_word = first.group(0) if first else ""
    # "Kompetens- och utvecklingsfrågor": a suspended compound, the space stays.
    if right_word.lower() in _keep_before() and right_word == right_word.lower() \
            and _TRAILING_PUNCT.sub("", right).lower() == right_word.lower():
        return SPACE
    if not right_word or stem[-1:].isdigit() or right[:1].isdigit():
        return KEEP                         # 5-10, 2023-24
    if not stem[-1:].isalpha():
        return KEEP
    last_piece = re.split(f"[{HYPHENS}]", stem)[-1]
    if _is_abbreviation(last_piece) or right_word[:1].isupper():
        return KEEP                         # e-tjänst, IT-stöd, SAM-möte, Norrtälje-Roslagen
    core_joined = stem + right_word
    if seen:
        if (stem + "-" + right_word).lower() in seen:
            return KEEP
        if core_joined.lower() in seen:
            return JOIN
    words = swedish_words()
    if not words.known(core_joined):
        return KEEP
    if len(last_piece) >= MIN_COMPOUND_PART and len(right_word) >= MIN_COMPOUND_PART \
            and words.simple(last_piece) and words.simple(right_word):
        return COMPOUND
    return JOIN


def is_broken_word(left: str, right: str) -> bool:
    """Is left+right one word broken without a hyphen at a column edge ("Kontrollmomen"+"t",
    "Förvaltnings"+"chef")? Yes when the dictionary knows the whole, or knows neither
    piece."""
    words = swedish_words()
    # The caller has seen `left` fill its line: where the whole is a word, a compound broken
    # at the edge ("Förvaltnings" / "chef", "Gemensam" / "t") is likelier than a compound
    # written apart; two words stay apart where they make none ("ekonomiskt" / "bistånd").
    if words.known(left + right):
        return True
    # pieces that are no words ("progressionsmät"+"ning", "antagningshandl"+"äggare")
    return not words.known(left) and (not words.known(right) or len(right) <= 3)
