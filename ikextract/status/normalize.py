"""Text normalisation shared by the rules and the text classifier.

Both see the same folded text: lower case with Swedish letters folded to ASCII, one character
for one character, so a span of the folded text is the same span of the original (evidence is
quoted from the original). OCR often drops or swaps diacritics ("paborjad", "Lépande"), so a
token that is not a vocabulary word but has the consonant skeleton and length of exactly one
vocabulary word is read as that word.
"""
from __future__ import annotations

from functools import lru_cache

import re
from typing import Callable, Iterable, Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .repair_words import (colloquial_words, compound_starts, cut_words,  # noqa: F401
                           function_words, negator_words, number_words, ocr_confusions,
                           rule_words, swedish_word)
from .folding import fold  # noqa: F401  (imported from here across the package)
from .stemmer import stem  # noqa: F401  (rules.py and the tests import it from here)
from .word_boundaries import WordBoundaries

_VOWELS = re.compile(r"[aeiouy]")
# the marks a wrong code page leaves for å/ä/ö; "?" only inside a word ("anm?rkningar"), not
# before a capital ("Varför?Inga svar" is a question without its space)
LOST_MARKS = "\ufffd?"
_LOST_LETTER_WORD = re.compile(r"(?:[^\W\d_]|\ufffd)*(?:[^\W\d_]\?(?=[a-zåäöéü])|\ufffd)(?:[^\W\d_]|\ufffd|\?(?=[a-zåäöéü]))*")


def _unmangled(raw: str) -> str:
    """"pÃ¥gÃ¥r", "fÃ¶ljs": UTF-8 read as Windows-1252 turns each å/ä/ö into two
    characters; the word as written (a norm need not keep the token's length)."""
    if "Ã" not in raw:
        return raw
    try:
        return raw.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def _swaps(word: str) -> set[str]:
    return {word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(len(word) - 1)
            if word[k] != word[k + 1]}


def _drops_to(word: str, token: str) -> bool:
    """Is token the word with one letter left out?"""
    return any(word[:k] + word[k + 1:] == token for k in range(len(word)))


def skeleton(word: str) -> str:
    """The consonants of a folded word: what survives when OCR mangles its vowels."""
    return _VOWELS.sub("", word)


# OcrRepair's questions about a word or a pair of words whose answers are kept per process
KEPT_ANSWERS = ("glued", "space_joined", "hyphen_joined", "joined")
ANSWERS_KEPT = 1 << 16


class OcrRepair(WordBoundaries):
    """Maps a token to the vocabulary word it most likely is (folded), or to its own fold.

    A token is repaired only where the vocabulary word has å/ä/ö and the token has some other
    vowel there ("lépande" -> "löpande"), never where the word has a plain letter: "sökandes"
    is not "saknades" although both fold to the same skeleton.
    """

    MIN_LENGTH = 5   # shorter words have too many skeleton neighbours to guess safely
    DIACRITIC_LETTERS = "åäö"
    TYPO_LENGTH = 5  # a word this long has one vocabulary word one edit away, if any
    # negators whose misspelling in a short token is read as them ("itne", "ina", "utn"):
    # a typist's slip in the commonest words of a result
    TYPO_NEGATORS = ("inte", "icke", "inga", "ingen", "inget", "utan")
    CLEARING = ("inga", "ingen", "inget", "utan")   # negators that clear what follows
    GLUED_LENGTH = 6  # the shortest token read as two words run together ("Ejutförd")
    GLUED_PART = 3   # the shortest word of the language read out of a glued token
    GLUED_WORD = 5   # the shortest vocabulary word a function word may be read off

    def __init__(self, vocabulary: Iterable[str], abbreviations: Optional[dict] = None,
                 confusions: Optional[Iterable[tuple[str, str, bool]]] = None,
                 known: Optional[Callable[[str], bool]] = None):
        words = {w.lower() for w in vocabulary}
        # a table cell's short forms ("avv.", "Ej utf."): folded form -> folded word; one
        # written with its dot ("konst.") is a word of its own without it ("konst")
        self.abbreviations = {fold(k): fold(v) for k, v in (abbreviations or {}).items()
                              if not k.endswith(".")}
        # spoken forms read as the written word ("Funkar inte"), as a short form is
        self.abbreviations.update((fold(k), fold(v)) for k, v in colloquial_words().items())
        self.dotted = {fold(k): fold(v) for k, v in (abbreviations or {}).items()
                       if k.endswith(".")}
        # (printed, meant) folded for the vocabulary, as written for the dictionary
        self.confusions = tuple(
            (fold(c[0]), fold(c[1]), c[2], len(c) > 3 and c[3], c[0], c[1])
            for c in (ocr_confusions() if confusions is None else confusions))
        self.known = known or swedish_word
        # "in te", "in gen", "del vis": a negator or a cut word (cut_words.tsv) is read whole
        # (space_joined), unless its halves are two words that stand side by side anyway
        # ("tagits ut än" is no "utan")
        self.doubting = frozenset(fold(w) for w in negator_words()) | {
            fold(w) for w in cut_words()}
        self.vocabulary = frozenset(fold(w) for w in words)
        self.written = frozenset(words)
        # pieces a glued token is not split into: "namn|den" (a "nämnden" that lost its ä),
        # "Tre|serva" (a system's name), "om|kontroll" are one word each
        self.glue_stops = frozenset(fold(w) for w in function_words() | number_words())
        self.compound_starts = frozenset(fold(w) for w in compound_starts())
        by_key: dict[tuple[str, int], set[str]] = {}
        for word in words:
            folded = fold(word)
            if len(word) >= self.MIN_LENGTH and folded.isalpha():
                by_key.setdefault((skeleton(folded), len(word)), set()).add(word)
        # Only unambiguous skeletons are used for repair.
        self._by_key = {k: next(iter(v)) for k, v in by_key.items() if len(v) == 1}
        self._cache: dict[str, str] = {}
        self._strict: dict[str, str] = {}
        # the halves a word cut in two may start or end with (space_joined)
        self._prefixes = {w[:k] for w in self.vocabulary for k in range(1, len(w))}
        self._suffixes = {w[k:] for w in self.vocabulary for k in range(1, len(w))}
        self._words = sorted(w for w in words if any(c in self.DIACRITIC_LETTERS for c in w))
        self._by_length: dict[int, list[str]] = {}
        self._by_length_near: dict[int, list[str]] = {}
        self.typo_negators = [w for w in self.TYPO_NEGATORS if w in self.vocabulary]
        # Making a doc asks about every token and every pair of neighbours, and the same
        # words come back in every report; each answer is a pure function of the strings
        # and the vocabulary, so it is kept (as __call__ keeps its own in _cache).
        for name in KEPT_ANSWERS:
            setattr(self, name, lru_cache(maxsize=ANSWERS_KEPT)(getattr(self, name)))

    def __call__(self, raw: str) -> str:
        """raw: the token as printed (any case); returns the folded form to match on."""
        hit = self._cache.get(raw)
        if hit is None:
            hit = self._cache[raw] = self._repair(_unmangled(raw).lower(),
                                                  capital=raw[:1].isupper())
        return hit

    def _repair(self, raw: str, typos: bool = True, capital: bool = False) -> str:
        folded = fold(raw)
        if folded in self.vocabulary:
            return folded
        if "-" in folded.strip("-") and folded.replace("-", "") in self.vocabulary:
            return folded.replace("-", "")       # "pa-borjad": a hyphen OCR put in a word
        short = self.abbreviation(folded)
        if short is not None:
            return short
        # OCR reads "I" and "l" as "l", "1" or "|" ("lnga", "avvike1ser", "apri1")
        for damaged, repl in (("l", "i"), ("1", "l"), ("|", "l"), ("0", "o")):
            if damaged in folded and folded.replace(damaged, repl) in self.vocabulary \
                    and not folded.isdigit():
                return folded.replace(damaged, repl)
        if len(folded) < self.MIN_LENGTH:
            return (self._confused(raw, folded)
                    or typos and self._misspelt(raw, folded, capital) or folded)
        # one letter of them misread ("avvikeiser", "tilIämpas"): one position at a time
        for damaged, repl in (("i", "l"), ("l", "i"), ("1", "l"), ("|", "l")):
            at = folded.find(damaged)
            while at >= 0:
                candidate = folded[:at] + repl + folded[at + 1:]
                if candidate in self.vocabulary:
                    return candidate
                at = folded.find(damaged, at + 1)
        # OCR reads "vv" as "w" ("awikelser"), "m" as "rn" ("anrnärkning"), "fi" as a ligature
        for damaged, repl in (("w", "vv"), ("w", "v"), ("rn", "m"), ("ﬁ", "fi"), ("ﬂ", "fl")):
            if damaged in folded and folded.replace(damaged, repl) in self.vocabulary:
                return folded.replace(damaged, repl)
        confused = self._confused(raw, folded)
        if confused is not None:
            return confused
        word = self._by_key.get((skeleton(folded), len(folded)))
        if word is not None and all(fold(w) == f or w in self.DIACRITIC_LETTERS
                                    for w, f in zip(word, folded)):
            return fold(word)
        return typos and self._misspelt(raw, folded) or folded

    def _misspelt(self, raw: str, folded: str, capital: bool = False) -> Optional[str]:
        """A letter dropped, doubled, swapped or wrong ("avvikelsr", "genomförrd",
        "itne"): the vocabulary word one edit away, where every such word is one word
        (one stem: "avvikelse" and "avvikelser" are one, "genomförd" and "genomförs" are
        two) and the token is no Swedish word of its own. A short token only as one of the
        TYPO_NEGATORS ("ine" is "inte", "ina" is "inga": no other word is one edit away from
        them, and the dictionary keeps words of their own, "inre", "ena") or with two
        letters swapped."""
        if not folded.isalpha() or len(folded) < 3:
            return None
        short = len(folded) < self.TYPO_LENGTH
        # a short token: a negator one edit away, or any word two letters swapped ("igna",
        # "uatn", "tlil": a typist's slip, not a scan's); a capitalised one may be a name
        # ("Ina hittade brister" is no "inga ..."): not read as a negator that clears
        pool = ([w for w in self.typo_negators if not (capital and w in self.CLEARING)]
                if short else self._near_length(len(folded)))
        found = [w for w, _, _ in process.extract(folded, pool, scorer=OSA.distance,
                                                  score_cutoff=1, limit=None)]
        if short:
            if len(folded) >= 4:      # "atg" is a short form, not a slip of a word
                found += [w for w in _swaps(folded) if w in self.vocabulary]
            if len(folded) >= 4 and not capital:
                # or a letter dropped from a word of five letters ("föjs", "påår"); not
                # in a capitalised token, which may be a name ("Anna" is no "annat")
                found += [w for w in self._near_length(len(folded) + 1)
                          if len(w) == len(folded) + 1 and _drops_to(w, folded)]
        if capital:
            found = [w for w in found if w not in self.CLEARING]
        if not found or len({stem(w) for w in found}) != 1 or self.known(raw):
            return None
        return min(found, key=lambda w: (abs(len(w) - len(folded)), w))

    def _near_length(self, n: int) -> list[str]:
        if n not in self._by_length_near:
            self._by_length_near[n] = [w for w in self.vocabulary
                                       if abs(len(w) - n) <= 1 and w.isalpha()]
        return self._by_length_near[n]

    def abbreviation(self, folded: str) -> Optional[str]:
        """The word a short form stands for ("avv." -> avvikelser, "konst." -> konstaterade,
        not "konst"), or None."""
        if folded.endswith("."):
            hit = self.dotted.get(folded)
            if hit is not None:
                return hit
        return self.abbreviations.get(folded.rstrip("."))

    def _confused(self, raw: str, folded: str) -> Optional[str]:
        """The one vocabulary word the token is with a scan's confusion undone
        (ocr_confusions.tsv: "påqår", "påbörjacl", "Srnå"), at one place or at every place;
        in a word shorter than MIN_LENGTH only the confusions a Swedish word hardly has.
        None where none or several fit, or where the token is a Swedish word of its own."""
        short = len(folded) < self.MIN_LENGTH
        found = set()
        for printed, meant, in_short, _, _, _ in self.confusions:
            if short and not in_short or printed not in folded:
                continue
            found.update(c for c in self._replacements(folded, printed, meant)
                         if c in self.vocabulary)
            if len(found) > 1:
                return None
        if len(found) == 1:
            return None if self.known(raw) else found.pop()
        # no vocabulary word: a Swedish word, for the marks only a scan makes (the word's
        # norm is then what other vocabularies and the classifier know)
        marks = [c for c in self.confusions
                 if c[3] and not (short and not c[2]) and c[4] in raw]
        if not marks or self.known(raw):
            return None
        words = set()
        for _, _, _, _, printed, meant in marks:
            words.update(c for c in self._replacements(raw, printed, meant)
                         if c.isalpha() and self.known(c))
            if len(words) > 1:
                return None
        return fold(words.pop()) if len(words) == 1 else None

    @staticmethod
    def _replacements(folded: str, printed: str, meant: str) -> set[str]:
        out = {folded.replace(printed, meant)}
        at = folded.find(printed)
        while at >= 0:
            out.add(folded[:at] + meant + folded[at + len(printed):])
            at = folded.find(printed, at + 1)
        return out

    def lost_letters(self, text: str) -> str:
        """"P\ufffdg\ufffdr", "anm?rkningar": a text decoded in the wrong code page puts a
        mark where å/ä/ö was, which also splits the word; where exactly one vocabulary word
        has å/ä/ö at every mark and the word's other letters, the marks become its letters
        (one character for one, so offsets still hold)."""
        if "\ufffd" not in text and "?" not in text:
            return text
        return _LOST_LETTER_WORD.sub(self._restore, text)

    def _restore(self, match) -> str:
        raw = match.group(0)
        folded = fold(raw)
        key = len(folded)
        if key not in self._by_length:
            self._by_length[key] = [w for w in self._words if len(w) == key]
        fits = {w for w in self._by_length[key]
                if all(f in LOST_MARKS and w[k] in self.DIACRITIC_LETTERS or fold(w[k]) == f
                       for k, f in enumerate(folded))}
        if len(fits) != 1:
            # no word known: still one word (a letter for each mark), not a question or
            # three fragments
            return "".join("a" if r in LOST_MARKS else r for r in raw)
        word = next(iter(fits))
        return "".join(w if r in LOST_MARKS else r for r, w in zip(raw, word))
