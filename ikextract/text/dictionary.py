"""The Swedish hunspell dictionary, opened in milliseconds for spylls to search.

spylls (a full hunspell implementation) reads a .dic by parsing all of its 152,000 lines into
word objects before the first lookup: about 1.2 s, paid again by every fresh process, while a
report's line-end questions touch a few hundred stems. `open_lookup` gives spylls's own
lookup (affixes, compound rules, forbidden words: the authority) over `LazyDic`, a stand-in
for spylls's `Dic` that knows from the raw text only which lines hold which stem and has
spylls's own reader (`read_dic`) parse a stem's lines the first time the lookup asks for
them. The lookup reads a Dic only through `homonyms` and `has_flag`, so its answers are
spylls's answers. Which stem a line holds is the text before its "/", but for a few lines
the reader reads otherwise, and some stems are on several lines: `sv_SE.index.tsv`, shipped
beside the dictionary and made by spylls's reader (`python -m ikextract.text.dictionary`),
lists those, so opening costs about 70 ms; for any other .dic (or a changed one: the index
names the .dic's fingerprint) they are found at run time (about 170 ms).

`CachedLookup` is spylls's Lookup with the affix candidates of a string and the affix flag
checks remembered: a compound search asks the same ones hundreds of thousands of times.

tests/text/test_dictionary.py holds the index to spylls's and the answers to a full spylls
`Dictionary` on a sample of words.
"""
from __future__ import annotations

import re
import zlib
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


class DicIndex:
    """Where a .dic's stems are beyond the text before each line's "/": the lines whose stem
    spylls's reader reads otherwise (`odd`: line -> stem, None for a line it skips), the
    stems on more than one line (`shared`: stem -> lines, in file order), and, if known, the
    reader's lowercase index under keys of two letters or more (`lowercase`, see
    LazyDic._lowercase_index; rows "key<TAB>line,line", parsed when first needed)."""

    def __init__(self, odd: dict[int, str | None], shared: dict[str, list[int]],
                 lowercase_rows: list[str] | None = None):
        self.odd, self.shared, self.lowercase_rows = odd, shared, lowercase_rows

    def __eq__(self, other):
        return isinstance(other, DicIndex) and (self.odd, self.shared, self.lowercase()) == (
            other.odd, other.shared, other.lowercase())

    def lowercase(self) -> dict[str, list[int]] | None:
        if self.lowercase_rows is None:
            return None
        index = {}
        for row in self.lowercase_rows:
            key, _, lines = row.partition("\t")
            index[key] = [int(n) for n in lines.split(",")]
        return index

    def completed(self, stems: list) -> "DicIndex":
        shared = {stem for stem, count in Counter(stems).items() if count > 1 and stem}
        lines: dict[str, list[int]] = {stem: [] for stem in shared}
        for n, stem in enumerate(stems):
            if stem in shared:
                lines[stem].append(n)
        return DicIndex(self.odd, lines, self.lowercase_rows)


def _fast_stems(text: str) -> list:
    """Each line's text before its first "/" ("" for a blank line): the stem of every line
    that is not odd."""
    return _STEM.findall(text)


class LazyDic(Dic):
    """spylls's Dic over the raw .dic text: `homonyms(stem)` parses that stem's lines (with
    spylls's reader, in file order) on first need. `words` stays empty: only suggestion, which
    is not used here, walks every word. `index` (the shipped one, see `shipped_index`) saves
    finding the odd lines and the shared stems; without it they are found here."""

    def __init__(self, text: str, aff, context, index: DicIndex | None = None):
        super().__init__(words=[])
        self.aff, self.context = aff, context
        self.lines = text.split("\n")
        self._words: dict[int, object] = {}
        self._homonyms: dict[str, list] = {}
        self._lowercase_lines: dict[bool, dict[str, list[int]]] | None = None
        stems: list[str | None] = _fast_stems(text)
        assert len(stems) == len(self.lines)
        if index is None:
            index = self._find_index(text, stems)
        for n, stem in index.odd.items():
            stems[n] = stem
        self.stems = stems                  # "" or None: no word on the line
        self._lines_of: dict[str | None, int | list[int]] = dict(zip(stems, range(len(stems))))
        self._lines_of.update(index.shared)  # homonyms: every line, in file order
        self._lines_of.pop(None, None)
        self._lines_of.pop("", None)        # blank lines (a line starting "/" is odd)
        self._index = index

    def _find_index(self, text: str, stems: list) -> DicIndex:
        odd: dict[int, str | None] = {}
        n = at = 0
        for m in _ODD_LINE.finditer(text):
            n, at = n + text.count("\n", at, m.start()), m.start()
            odd[n] = self._read_stem(n)
        if self.lines and COUNT_REGEXP.match(self.lines[0].strip()):
            odd[0] = None                   # line 1: the entry count, skipped by the reader
        for k, stem in odd.items():
            stems[k] = stem
        return DicIndex(odd, {}).completed(stems)

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

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list:
        if ignorecase:
            lines = self._lowercase_index(len(stem) == 1).get(stem, [])
            return [w for w in map(self._parse, lines) if w is not None]
        got = self._lines_of.get(stem)
        if got is None:                   # most stems a lookup tries are none
            return []
        words = self._homonyms.get(stem)
        if words is None:
            lines = [got] if isinstance(got, int) else got
            words = self._homonyms[stem] = [w for w in map(self._parse, lines) if w is not None]
        return words

    def _lowercase_index(self, single_letters: bool) -> dict[str, list[int]]:
        """The reader's lowercase index (asked for an all-capitals word), exactly as spylls
        builds it: a stem with capitals under its lower-cased forms, a stem without under
        each of its letters (spylls iterates the string). Only the latter file anything
        under one letter, and they are most stems: that part is built only when a
        one-letter stem is asked for."""
        if self._lowercase_lines is None:
            self._lowercase_lines = {}
            self._lowercase_lines[False] = self._index.lowercase() or self._lowercase_keys(
                [n for n, stem in enumerate(self.stems)
                 if stem and not stem.islower()], single_letters=False)
        if single_letters and True not in self._lowercase_lines:
            self._lowercase_lines[True] = self._lowercase_keys(
                [n for n, stem in enumerate(self.stems) if stem],
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


FORMS_KEPT = 1 << 17     # affix_forms answers remembered (a few hundred per question)


class CachedLookup(Lookup):
    """spylls's Lookup with what a compound search asks again and again remembered: which
    affixes end (begin) a string, whether an affix has the flags a compound position
    requires (hundreds of thousands of times for the same strings and flags), and the affix
    forms of a part at a position (spylls's own affix_forms, its results kept). Everything
    else, and every decision, is spylls's code: desuffix and deprefix below are spylls's own
    with only the candidate affixes taken from the caches. Written against spylls 0.1.7 (the
    pinned version); tests/text/test_dictionary.py compares the answers with spylls's."""

    def __init__(self, aff, dic):
        super().__init__(aff, dic)
        self._leaves = {"s": lru_cache(maxsize=1 << 16)(
                            lambda reversed_word: self._path(aff.suffixes_index, reversed_word)),
                        "p": lru_cache(maxsize=1 << 16)(
                            lambda word: self._path(aff.prefixes_index, word))}
        self._good: dict[tuple, dict[int, tuple]] = {}
        self._forms: dict[tuple, tuple] = {}

    @staticmethod
    def _path(trie, key: str) -> tuple:
        """The trie's nodes along `key` that hold affixes, in spylls's Trie.lookup order."""
        return tuple(leaf for _, leaf in trie.traverse(trie.root, key) if leaf.payloads)

    def _fitting(self, kind: str, word: str, required_flags, forbidden_flags,
                 crossproduct: bool) -> list:
        """spylls's good_suffix / good_prefix over the affixes that end (kind "s", `word`
        reversed) or begin (kind "p") `word`, in spylls's order; each trie node's affixes
        judged once per set of flags (a few dozen sets)."""
        key = (kind, tuple(required_flags), tuple(forbidden_flags), crossproduct)
        judged = self._good.get(key)
        if judged is None:
            judged = self._good[key] = {}
        out: list = []
        for leaf in self._leaves[kind](word):
            good = judged.get(id(leaf))
            if good is None:
                good = judged[id(leaf)] = tuple(
                    affix for affix in leaf.payloads
                    if (not crossproduct or affix.crossproduct)
                    and all(f in affix.flags for f in required_flags)
                    and all(f not in affix.flags for f in forbidden_flags))
            out.extend(good)
        return out

    def affix_forms(self, word, captype, allow_nosuggest=True, prefix_flags=(),
                    suffix_flags=(), forbidden_flags=(), compoundpos=None,
                    with_forbidden=False):
        """spylls's affix_forms, its forms remembered per string and position: a compound
        search asks for the same parts again and again."""
        key = (word, captype, allow_nosuggest, tuple(prefix_flags), tuple(suffix_flags),
               tuple(forbidden_flags), compoundpos, with_forbidden)
        forms = self._forms.get(key)
        if forms is None:
            if len(self._forms) >= FORMS_KEPT:
                self._forms.clear()
            forms = self._forms[key] = tuple(super().affix_forms(
                word, captype, allow_nosuggest, list(prefix_flags), list(suffix_flags),
                list(forbidden_flags), compoundpos, with_forbidden))
        return iter(forms)

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


def _read_dic(dictionary: Path, encoding: str) -> tuple[str, str]:
    """The .dic as spylls's reader sees it (universal newlines), and its fingerprint."""
    raw = dictionary.with_suffix(".dic").read_bytes()
    text = raw.decode(encoding, errors="surrogateescape")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, f"{zlib.crc32(raw):08x}-{len(raw)}"


# The index shipped beside the dictionary, `index_path(dictionary)`: a line naming the .dic it
# was made from (its fingerprint), then "odd<TAB>line<TAB>stem" ("odd<TAB>line" alone: no
# word), "shared<TAB>stem<TAB>line,line,..." and "lower<TAB>key<TAB>line,line,...". A stem
# holds no tab (the reader splits data off there) and no newline.
INDEX_FORMAT = "ikextract-dic-index 1"


def index_path(dictionary: Path) -> Path:
    return dictionary.with_name(dictionary.name + ".index.tsv")


def exact_index(dictionary: Path) -> tuple[DicIndex, str]:
    """The index made with spylls's reader on every line (about 2 s): what is shipped."""
    aff, context = read_aff(dictionary)
    text, fingerprint = _read_dic(dictionary, context.encoding)
    lines = text.split("\n")
    fast = _fast_stems(text)
    stems: list[str | None] = []
    for n, line in enumerate(lines):
        got = readers.read_dic([(n + 1, line.strip())], aff=aff, context=context) \
            if line.strip() else None
        stems.append(got.words[0].stem if got is not None and got.words else None)
    odd = {n: stem for n, stem in enumerate(stems) if stem != (fast[n] or None)}
    index = DicIndex(odd, {}).completed(stems)
    lowercase = LazyDic(text, aff, context, index)._lowercase_index(False)
    index.lowercase_rows = [f"{key}\t{','.join(map(str, lines))}"
                            for key, lines in sorted(lowercase.items())]
    return index, fingerprint


def write_index(dictionary: Path) -> Path:
    index, fingerprint = exact_index(dictionary)
    rows = [f"{INDEX_FORMAT}\t{fingerprint}"]
    rows += [f"odd\t{n}" + ("" if stem is None else f"\t{stem}")
             for n, stem in sorted(index.odd.items())]
    rows += [f"shared\t{stem}\t{','.join(map(str, lines))}"
             for stem, lines in sorted(index.shared.items())]
    rows += [f"lower\t{row}" for row in index.lowercase_rows or ()]
    path = index_path(dictionary)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def shipped_index(dictionary: Path, fingerprint: str) -> DicIndex | None:
    """The shipped index if it was made from this very .dic; else None (found at run time)."""
    try:
        rows = index_path(dictionary).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if rows[0] != f"{INDEX_FORMAT}\t{fingerprint}":
        return None
    odd: dict[int, str | None] = {}
    shared: dict[str, list[int]] = {}
    lowercase: list[str] = []
    for row in rows[1:]:
        kind, _, rest = row.partition("\t")
        if kind == "lower":
            lowercase.append(rest)
            continue
        parts = rest.split("\t")
        if kind == "odd":
            odd[int(parts[0])] = parts[1] if len(parts) > 1 else None
        elif kind == "shared":
            shared[parts[0]] = [int(n) for n in parts[1].split(",")]
    return DicIndex(odd, shared, lowercase)


@lru_cache(maxsize=4)
def open_lookup(dictionary: Path) -> Lookup:
    """spylls's lookup for `dictionary` (the path without .aff/.dic), its .dic read lazily."""
    aff, context = read_aff(dictionary)
    text, fingerprint = _read_dic(dictionary, context.encoding)
    dic = LazyDic(text, aff, context, shipped_index(dictionary, fingerprint))
    # CachedLookup copies two of spylls's methods: under another spylls, spylls's own
    lookup = CachedLookup if _spylls_version() == SPYLLS_COPIED else Lookup
    return lookup(aff, dic)


SPYLLS_COPIED = "0.1.7"      # the spylls whose desuffix/deprefix CachedLookup repeats


def _spylls_version() -> str | None:
    try:
        from importlib.metadata import version
        return version("spylls")
    except Exception:
        return None


if __name__ == "__main__":      # python -m ikextract.text.dictionary: rewrite the shipped index
    from ikextract.text import SWEDISH_DICTIONARY
    print(write_index(SWEDISH_DICTIONARY))
