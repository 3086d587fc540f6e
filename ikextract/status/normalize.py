"""Text normalisation shared by the rules and the text classifier.

Both see the same folded text: lower case with Swedish letters folded to ASCII, one character
for one character, so a span of the folded text is the same span of the original (evidence is
quoted from the original). OCR often drops or swaps diacritics ("paborjad", "Lépande"), so a
token that is not a vocabulary word but has the consonant skeleton and length of exactly one
vocabulary word is read as that word.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .repair_words import (colloquial_words, compound_starts, function_words,  # noqa: F401
                           negator_words, number_words, ocr_confusions, rule_words,
                           swedish_word)
from .stemmer import stem  # noqa: F401  (rules.py, train.py and the tests import it from here)

# å/ä/à/á/â -> a, ö/ó/ò/ô/ø -> o, é/è/ê/ë -> e, ü -> u: the letters OCR confuses in Swedish.
_FOLD = str.maketrans({
    "å": "a", "ä": "a", "à": "a", "á": "a", "â": "a", "ã": "a",
    "ö": "o", "ó": "o", "ò": "o", "ô": "o", "õ": "o", "ø": "o",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ü": "u", "í": "i", "ì": "i",
    "\u00a0": " ", "’": "'", "”": '"', "“": '"',
})
_VOWELS = re.compile(r"[aeiouy]")
# the marks a wrong code page leaves for å/ä/ö; "?" only inside a word ("anm?rkningar"), not
# before a capital ("Varför?Inga svar" is a question without its space)
LOST_MARKS = "\ufffd?"
# "godkänd.Brister": two words, the second starting a sentence
_SENTENCE_GLUE = re.compile(r"([^\W\d_]{2,})\.([A-ZÅÄÖÉÜ][^\W\d_]+)")
_DOTTED_PIECE = re.compile(r"[^.]+\.?")
# "avvikelser.kontrollen": a lower-case text whose space after a full stop was lost
_WORD_DOT_WORD = re.compile(r"([^\W\d_]{3,})\.([^\W\d_]{3,})")
_LOST_LETTER_WORD = re.compile(r"(?:[^\W\d_]|\ufffd)*(?:[^\W\d_]\?(?=[a-zåäöéü])|\ufffd)(?:[^\W\d_]|\ufffd|\?(?=[a-zåäöéü]))*")


def fold(text: str) -> str:
    """Lower-case and fold diacritics, keeping the length (char i of the result is char i)."""
    low = text.lower()
    if len(low) == len(text):      # almost always: no letter whose lower case is longer
        return low.translate(_FOLD)
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        out.append(low)
    return "".join(out).translate(_FOLD)


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


def skeleton(word: str) -> str:
    """The consonants of a folded word: what survives when OCR mangles its vowels."""
    return _VOWELS.sub("", word)


class OcrRepair:
    """Maps a token to the vocabulary word it most likely is (folded), or to its own fold.

    A token is repaired only where the vocabulary word has å/ä/ö and the token has some other
    vowel there ("lépande" -> "löpande"), never where the word has a plain letter: "sökandes"
    is not "saknades" although both fold to the same skeleton.
    """

    MIN_LENGTH = 5   # shorter words have too many skeleton neighbours to guess safely
    DIACRITIC_LETTERS = "åäö"
    TYPO_LENGTH = 5  # a word this long has one vocabulary word one edit away, if any
    TYPO_NEGATORS = ("inte", "icke")   # negators whose misspelling is read as them
    GLUED_LENGTH = 6  # the shortest token read as two words run together ("Ejutförd")
    GLUED_PART = 3   # the shortest word of the language read out of a glued token
    GLUED_WORD = 5   # the shortest vocabulary word a function word may be read off

    def __init__(self, vocabulary: Iterable[str], abbreviations: Optional[dict] = None,
                 confusions: Optional[Iterable[tuple[str, str, bool]]] = None,
                 known: Optional[Callable[[str], bool]] = None,
                 negators: Optional[Iterable[str]] = None):
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
        # "in te", "in gen", "del vis": a negator or "delvis" cut in two is read whole
        # (space_joined), unless its halves are two words that stand side by side anyway
        # ("tagits ut än" is no "utan")
        self.doubting = frozenset(fold(w) for w in (
            negators if negators is not None else negator_words())) | {"delvis"}
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

    def __call__(self, raw: str) -> str:
        """raw: the token as printed (any case); returns the folded form to match on."""
        hit = self._cache.get(raw)
        if hit is None:
            hit = self._cache[raw] = self._repair(_unmangled(raw).lower())
        return hit

    def _repair(self, raw: str, typos: bool = True) -> str:
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
            return (self._confused(raw, folded) or typos and self._misspelt(raw, folded)
                    or folded)
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

    def _misspelt(self, raw: str, folded: str) -> Optional[str]:
        """A letter dropped, doubled, swapped or wrong ("avvikelsr", "genomförrd",
        "itne"): the vocabulary word one edit away, where every such word is one word
        (one stem: "avvikelse" and "avvikelser" are one, "genomförd" and "genomförs" are
        two) and the token is no Swedish word of its own. A short token only as a verb's
        negator: "ine" is "inte" (and were it not, a negator read in costs less than an
        all-clear read out)."""
        if not folded.isalpha() or len(folded) < 3:
            return None
        if len(folded) >= self.TYPO_LENGTH:
            pool = self._near_length(len(folded))
            found = [w for w, _, _ in process.extract(folded, pool, scorer=OSA.distance,
                                                      score_cutoff=1, limit=None)]
        else:
            # a short token: a negator one edit away, or any word two letters swapped
            # ("igna", "uatn", "tlil": a typist's slip, not a scan's)
            found = [w for w, _, _ in process.extract(folded, self.typo_negators,
                                                      scorer=OSA.distance, score_cutoff=1,
                                                      limit=None)]
            if len(folded) >= 4:      # "atg" is a short form, not a slip of a word
                found += [w for w in _swaps(folded) if w in self.vocabulary]
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
        words = set()
        for _, _, in_short, any_word, printed, meant in self.confusions:
            if not any_word or short and not in_short or printed not in raw:
                continue
            words.update(c for c in self._replacements(raw, printed, meant)
                         if c.isalpha() and self.known(c))
            if len(words) > 1:
                return None
        if len(words) != 1 or self.known(raw):
            return None
        return fold(words.pop())

    @staticmethod
    def _replacements(folded: str, printed: str, meant: str) -> set[str]:
        out = {folded.replace(printed, meant)}
        at = folded.find(printed)
        while at >= 0:
            out.add(folded[:at] + meant + folded[at + len(printed):])
            at = folded.find(printed, at + 1)
        return out

    def hyphen_joined(self, first: str, second: str) -> Optional[str]:
        """"pa- går", "Avvikel- se": a word hyphenated at a line break and the break then
        lost: the two halves (first without its hyphen) as the vocabulary word they make
        together, else None. Unlike joined(), a half may be a word of its own ("på", "se"):
        the hyphen says it is not. Also a word of the language ("faktu-\nrorna": the norm the
        other vocabularies and the classifier know), never a pair a hyphen shortens ("bygg-
        och miljö" makes no word)."""
        if not (first.isalpha() and second[:1].isalpha()
                and (second[:1].islower() or first.isupper() and second.isupper())):
            return None
        word = self.strict(first + second)
        if word in self.vocabulary or self.known((first + second).lower()):
            return word
        return None

    def glued(self, raw: str) -> Optional[list[str]]:
        """The pieces of a token that is several words run together, as printed, or None:
        a sentence end whose space was lost ("godkänd.Brister": the capital says a sentence
        begins), short forms without their spaces ("Utf.u.anm"), two vocabulary words at
        one place only ("Ejpåbörjad", "Avvikelserkvarstår") where the whole is no Swedish
        word (the dictionary knows the compounds: "avvikelserapport" stays one)."""
        folded = fold(raw)
        if folded in self.vocabulary or self.abbreviation(folded) is not None:
            return None
        if self(raw) != folded and "." not in raw:
            return None      # repaired into one word ("avvikelsehanterinqen")
        inner = raw.rstrip(".")
        if "." in inner:
            m = _SENTENCE_GLUE.fullmatch(raw) or _WORD_DOT_WORD.fullmatch(raw)
            if m is not None and (m.re is _SENTENCE_GLUE or all(
                    self._full_word(p) for p in m.groups())):
                # each side may itself be words run together ("Ingaanmärkningar.Rutinen...")
                return ((self.glued(m.group(1)) or [m.group(1)]) + ["."]
                        + (self.glued(m.group(2)) or [m.group(2)]))
            pieces = _DOTTED_PIECE.findall(raw)
            if "".join(pieces) == raw and all(self._is_word(p) for p in pieces) and any(
                    self.abbreviation(fold(p)) is not None for p in pieces):
                return pieces
            return None
        if not folded.isalpha() or len(folded) < self.GLUED_LENGTH:
            return None      # shorter: more often a fragment of a word cut at a space
        # one piece as written, the other may be damaged (a run of two damaged words is
        # too rare to pay for trying every cut)
        cuts = [k for k in range(2, len(raw) - 1)
                if (self._exact(raw[:k]) and self._is_word(raw[k:]))
                or (self._exact(raw[k:]) and self._is_word(raw[:k]))]
        if not cuts:
            # a short word of the language before or after a long vocabulary word
            # ("kontrollenav", "ikontrollen"), not one of two short words ("namn|den")
            cuts = [k for k in range(2, len(raw) - 1)
                    if (self._stop_and_word(raw[:k], raw[k:])
                        and fold(raw[:k]) not in self.compound_starts)
                    or self._stop_and_word(raw[k:], raw[:k])]
        if not cuts:
            # a vocabulary word run into a word of the language ("dockegna",
            # "befattningarnaförutom"): both at least GLUED_PART letters
            n = self.GLUED_PART
            cuts = [k for k in range(n, len(raw) - n + 1)
                    if (self._exact(raw[:k]) and self.known(raw[k:].lower()))
                    or (self._exact(raw[k:]) and self.known(raw[:k].lower()))]
        if len(cuts) != 1 or self.known(raw.lower()):
            return None
        return [raw[:cuts[0]], raw[cuts[0]:]]

    def _full_word(self, piece: str) -> bool:
        """A word written out, not a short form: "kontrollen", not "utf" or "kontr"."""
        folded = fold(piece)
        if self.abbreviation(folded) is not None:
            return False
        return folded in self.vocabulary or self.known(piece.lower())

    def _stop_and_word(self, stop: str, word: str) -> bool:
        return (fold(stop) in self.glue_stops and len(word) >= self.GLUED_WORD
                and fold(word) in self.vocabulary and fold(word) not in self.glue_stops)

    def _exact(self, piece: str) -> bool:
        folded = fold(piece)
        return ((folded in self.vocabulary or self.abbreviation(folded) is not None)
                and folded not in self.glue_stops)

    def strict(self, raw: str) -> str:
        """The token's repair without misspellings (_misspelt): for pieces and joins of
        tokens, where one letter off a word is more often another cut than a typo."""
        hit = self._strict.get(raw)
        if hit is None:
            hit = self._strict[raw] = self._repair(raw.lower(), typos=False)
        return hit

    def _is_word(self, piece: str) -> bool:
        """A vocabulary word or short form; repaired only where it is long enough to
        repair safely, and never as a misspelling (a piece one letter off a word is
        the other cut of the same run: "mindrea" + "vvikelser")."""
        folded = fold(piece)
        if folded in self.glue_stops:
            return False
        if folded in self.vocabulary or self.abbreviation(folded) is not None:
            return True
        if len(folded) < self.MIN_LENGTH:
            return False
        return self.strict(piece) in self.vocabulary

    def space_joined(self, first: str, second: str) -> Optional[str]:
        """"Avvikel ser", "in te": a word a scan split at a space (as printed), as the
        vocabulary word the two make together, else None. Joined where neither half is a
        vocabulary word (joined()), where one half is no Swedish word ("ga" of "In ga"), or
        where the word is a negator or "delvis" cut into halves too short to be words of
        their own in its place ("in te", "in gen", "del vis")."""
        word = self.joined(first, second)
        if word is not None:
            return word
        a, b = fold(first), fold(second)
        if not (a + b).isalpha():
            return None
        if not (a in self._prefixes or b in self._suffixes):
            # a word of the language cut where neither half is a word ("bety delse",
            # "che fer"): its norm is what the other vocabularies and the classifier know
            if (a not in self.vocabulary and b not in self.vocabulary
                    and self._no_word(first) and self._no_word(second)
                    and self.known((first + second).lower())):
                return self.strict(first + second)
            return None
        word = self.strict(first + second)
        if word not in self.vocabulary or word == self(first) or word == self(second):
            return None
        if any(self._no_word(h) for h in (first, second)):
            return word      # a half that is no word, nor repairs into one ("ga")
        if word in self.doubting and max(len(first), len(second)) <= 3 and not (
                first.lower() in function_words() and second.lower() in function_words()):
            return word
        return None

    def _no_word(self, piece: str) -> bool:
        """Neither a word as written (the dictionary, the vocabulary before folding: "ga"
        is not "gå") nor a token the repair reads as a word ("Srnå" is "små")."""
        low = piece.lower()
        return not (low in self.written or self.known(low)
                    or self.strict(piece) != fold(piece) and self.strict(piece) in self.vocabulary)

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

    def joined(self, first: str, second: str) -> Optional[str]:
        """"Ej p åbörjad", "Kontro llen": a word OCR split in two, where neither part is a
        vocabulary word and the two together are one (folded), else None."""
        a, b = fold(first), fold(second)
        if (a in self.vocabulary or b in self.vocabulary or not (a + b).isalpha()
                or len(a) + len(b) < self.MIN_LENGTH):
            return None
        word = self.strict(first + second)
        return word if word in self.vocabulary else None
