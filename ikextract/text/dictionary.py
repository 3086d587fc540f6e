"""The Swedish hunspell dictionary, opened in milliseconds for spylls to search.

spylls (a full hunspell implementation) reads a .dic by parsing all of its 152,000 lines into
word objects before the first lookup: about 1.2 s, paid again by every fresh process, while a
report's line-end questions touch a few hundred stems. `open_lookup` gives spylls's own
lookup (`spylls.hunspell.algo.lookup.Lookup`, affixes, compound rules, forbidden words: the
authority, unchanged) over `LazyDic`, a stand-in for spylls's `Dic` that knows from the raw
text only which lines hold which stem (an index built in about 70 ms) and has spylls's own
reader (`read_dic`) parse a stem's lines the first time the lookup asks for them. The lookup
reads a Dic only through `homonyms` and `has_flag`, so its answers are spylls's answers
(tests/text/test_dictionary.py holds the index to spylls's and the answers to a full
`Dictionary` on a sample of words).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spylls.hunspell import readers
from spylls.hunspell.algo.capitalization import Type as CapType
from spylls.hunspell.algo.lookup import AffixForm, Lookup
from spylls.hunspell.data.dic import Dic
from spylls.hunspell.readers.dic import COUNT_REGEXP
from spylls.hunspell.readers.file_reader import FileReader

# Lines whose stem is not simply the text before its one "/": surrounding white space (the
# reader strips it), a data tag or tab, an escaped slash, a leading slash, two slashes. Their
# stems are read by spylls's reader itself.
_ODD_LINE = re.compile(r"^(?:[^\S\n].*|.*[^\S\n]|/.*|.*[\\:\t].*|[^/\n]*/[^/\n]*/.*)$", re.M)
_STEM = re.compile(r"^[^/\n]*", re.M)


class LazyDic(Dic):
    """spylls's Dic over the raw .dic text: `homonyms(stem)` parses that stem's lines (with
    spylls's reader, in file order) on first need. `words` stays empty: only suggestion, which
    is not used here, walks every word."""

    def __init__(self, text: str, aff, context):
        super().__init__(words=[])
        self.aff, self.context = aff, context
        self.lines = text.split("\n")
        stems: list[str | None] = _STEM.findall(text)
        assert len(stems) == len(self.lines)
        self._words: dict[int, object] = {}
        self._lowercase_lines: dict[bool, dict[str, list[int]]] | None = None
        n = at = 0
        for m in _ODD_LINE.finditer(text):
            n, at = n + text.count("\n", at, m.start()), m.start()
            stems[n] = self._read_stem(n)
        if self.lines and COUNT_REGEXP.match(self.lines[0].strip()):
            stems[0] = None                   # line 1: the entry count, skipped by the reader
        # "": a blank line, which the reader skips (any other line has a stem: a line
        # starting with "/" is odd, its stem is the whole line)
        stems = [s or None for s in stems]
        self.stems = stems
        self._lines_of: dict[str | None, int | list[int]] = dict(zip(stems, range(len(stems))))
        shared = {stem for stem, count in Counter(stems).items() if count > 1}
        shared.discard(None)
        for stem in shared:                 # homonyms: every line, in file order
            self._lines_of[stem] = []
        for n, stem in enumerate(stems):
            if stem in shared:
                self._lines_of[stem].append(n)  # type: ignore[union-attr]
        self._lines_of.pop(None, None)

    def _parse(self, n: int):
        """The Word spylls's reader makes of line n (0-based), once."""
        word = self._words.get(n)
        if word is None and self.lines[n].strip():     # the reader skips blank lines
            got = readers.read_dic([(n + 1, self.lines[n].strip())], aff=self.aff,
                                   context=self.context)
            word = self._words[n] = got.words[0] if got.words else None
        return word

    def _read_stem(self, n: int) -> str | None:
        word = self._parse(n)
        return None if word is None else word.stem

    def _line_numbers(self, stem: str) -> list[int]:
        got = self._lines_of.get(stem)
        if got is None:
            return []
        return [got] if isinstance(got, int) else got

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list:
        lines = (self._lowercase_index(len(stem) == 1).get(stem, []) if ignorecase
                 else self._line_numbers(stem))
        return [w for w in map(self._parse, lines) if w is not None]

    def _lowercase_index(self, single_letters: bool) -> dict[str, list[int]]:
        """The reader's lowercase index (asked for an all-capitals word), exactly as spylls
        builds it: a stem with capitals under its lower-cased forms, a stem without under
        each of its letters (spylls iterates the string). Only the latter file anything
        under one letter, and they are most stems: that part is built only when a
        one-letter stem is asked for."""
        if self._lowercase_lines is None:
            self._lowercase_lines = {}
            self._lowercase_lines[False] = self._lowercase_keys(
                [n for n, stem in enumerate(self.stems)
                 if stem is not None and not stem.islower()], single_letters=False)
        if single_letters and True not in self._lowercase_lines:
            self._lowercase_lines[True] = self._lowercase_keys(
                [n for n, stem in enumerate(self.stems) if stem is not None],
                single_letters=True)
        return self._lowercase_lines[single_letters]

    def _lowercase_keys(self, lines: list[int], single_letters: bool) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        casing = self.aff.casing
        for n in lines:
            stem = self.stems[n]
            captype = casing.guess(stem)
            lower = casing.lower(stem) if captype != CapType.NO else stem
            for key in lower:
                if (len(key) == 1) == single_letters:
                    index.setdefault(key, []).append(n)
        return index

    def __repr__(self):
        return f"LazyDic(... {len(self._lines_of)} stems ...)"


class CachedLookup(Lookup):
    """spylls's Lookup with its two innermost loops remembered: which affixes end (begin) a
    string, and whether an affix has the flags a compound position requires. A compound
    search asks both hundreds of thousands of times for the same strings and flags; spylls
    recomputes them each time. Everything else, and every decision, is spylls's code: the two
    methods below are spylls's own with only the candidate affixes taken from the caches."""

    def __init__(self, aff, dic):
        super().__init__(aff, dic)
        self._suffixes_of = lru_cache(maxsize=1 << 16)(
            lambda reversed_word: tuple(self.aff.suffixes_index.lookup(reversed_word)))
        self._prefixes_of = lru_cache(maxsize=1 << 16)(
            lambda word: tuple(self.aff.prefixes_index.lookup(word)))
        self._good: dict[tuple, frozenset[int]] = {}

    def _fitting(self, kind: str, word: str, required_flags, forbidden_flags,
                 crossproduct: bool) -> list:
        """spylls's good_suffix / good_prefix over the affixes that end (kind "s", `word`
        reversed) or begin (kind "p") `word`; every affix of the kind judged once per set of
        flags (a few dozen sets, a few hundred affixes)."""
        key = (kind, tuple(required_flags), tuple(forbidden_flags), crossproduct)
        good = self._good.get(key)
        if good is None:
            table = self.aff.SFX if kind == "s" else self.aff.PFX
            good = self._good[key] = frozenset(
                id(affix) for affixes in table.values() for affix in affixes
                if (not crossproduct or affix.crossproduct)
                and all(f in affix.flags for f in required_flags)
                and all(f not in affix.flags for f in forbidden_flags))
        affixes = self._suffixes_of(word) if kind == "s" else self._prefixes_of(word)
        return [affix for affix in affixes if id(affix) in good]

    def desuffix(self, word, required_flags, forbidden_flags, nested=False,
                 crossproduct=False):
        for suffix in self._fitting("s", word[::-1], required_flags, forbidden_flags,
                                    crossproduct):
            stem = suffix.replace_regexp.sub(suffix.strip, word)
            if not suffix.cond_regexp.search(stem):
                continue
            yield AffixForm(word, stem, suffix=suffix)
            if not nested:
                for form2 in self.desuffix(stem, required_flags=[suffix.flag, *required_flags],
                                           forbidden_flags=forbidden_flags, nested=True,
                                           crossproduct=crossproduct):
                    yield form2.replace(suffix2=suffix, text=word)

    def deprefix(self, word, required_flags, forbidden_flags, nested=False):
        for prefix in self._fitting("p", word, required_flags, forbidden_flags, False):
            stem = prefix.replace_regexp.sub(prefix.strip, word)
            if not prefix.cond_regexp.search(stem):
                continue
            yield AffixForm(word, stem, prefix=prefix)
            if not nested and self.aff.COMPLEXPREFIXES:
                for form2 in self.deprefix(stem, required_flags=[prefix.flag, *required_flags],
                                           forbidden_flags=forbidden_flags, nested=True):
                    yield form2.replace(prefix2=prefix, text=word)


def read_aff(dictionary: Path):
    return readers.read_aff(FileReader(str(dictionary.with_suffix(".aff"))))


@lru_cache(maxsize=4)
def open_lookup(dictionary: Path) -> Lookup:
    """spylls's lookup for `dictionary` (the path without .aff/.dic), its .dic read lazily."""
    aff, context = read_aff(dictionary)
    text = dictionary.with_suffix(".dic").read_text(encoding=context.encoding,
                                                    errors="surrogateescape")
    return CachedLookup(aff, LazyDic(text, aff, context))
