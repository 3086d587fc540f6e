"""Where one word ends and the next begins, when a scan or a typist got it wrong: words run
together ("Ejpåbörjad", "godkänd.Brister", "Utf.u.anm") and one word cut by a space or a
hyphen ("in te", "Avvikel- se"). A mixin of OcrRepair (normalize.py), whose repair and
vocabularies it uses; surface.py applies it to a document's tokens."""
from __future__ import annotations

import re
from typing import Optional

from .folding import fold
from .repair_words import function_words

# "godkänd.Brister": two words, the second starting a sentence
_SENTENCE_GLUE = re.compile(r"([^\W\d_]{2,})\.([A-ZÅÄÖÉÜ][^\W\d_]+)")
_DOTTED_PIECE = re.compile(r"[^.]+\.?")
# "avvikelser.kontrollen": a lower-case text whose space after a full stop was lost
_WORD_DOT_WORD = re.compile(r"([^\W\d_]{3,})\.([^\W\d_]{3,})")


class WordBoundaries:
    """Splits and joins of tokens, for OcrRepair."""

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
        n = self.GLUED_PART
        if not cuts and not any(self._exact(raw[:k]) or self._exact(raw[k:])
                                for k in range(n, len(raw) - n + 1)):
            return None
        # the dictionary is asked only now, and the whole first: a word of its own is
        # never cut ("avvikelserapport")
        if self.known(raw.lower()):
            return None
        if not cuts:
            # a vocabulary word run into a word of the language ("dockegna",
            # "befattningarnaförutom"): both at least GLUED_PART letters
            cuts = [k for k in range(n, len(raw) - n + 1)
                    if (self._exact(raw[:k]) and self.known(raw[k:].lower()))
                    or (self._exact(raw[k:]) and self.known(raw[:k].lower()))]
        if len(cuts) != 1:
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

    def joined(self, first: str, second: str) -> Optional[str]:
        """"Ej p åbörjad", "Kontro llen": a word OCR split in two, where neither part is a
        vocabulary word and the two together are one (folded), else None."""
        a, b = fold(first), fold(second)
        if (a in self.vocabulary or b in self.vocabulary or not (a + b).isalpha()
                or len(a) + len(b) < self.MIN_LENGTH):
            return None
        word = self.strict(first + second)
        return word if word in self.vocabulary else None
