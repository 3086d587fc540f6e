"""Join words broken at line ends, deciding with a Swedish word list.

A line that ends in "grans-" and a next line starting "kas" is one word, "granskas"; but
"e-" / "tjänst", "Kompetens-" / "och", "5-" / "10" keep their hyphen, and a compound the
author wrote with a hyphen ("Kompetens-försörjning", both halves words of their own) is kept
as written. The word list is Debian's Swedish hunspell dictionary (stems and affix rules,
looked up by stripping suffixes as hunspell does), or, where that is not installed,
spaCy's Swedish lemma lookup table (every inflected form it knows). Loaded once, no network.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Collection, Optional

HUNSPELL_DIC = Path("/usr/share/hunspell/sv_SE.dic")
HUNSPELL_AFF = Path("/usr/share/hunspell/sv_SE.aff")
_DATA = Path(__file__).with_name("hyphen_keep_before.tsv")

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
    """Is a string a Swedish word form? Hunspell stems + suffix rules, or a form list."""

    def __init__(self, dic: Path = HUNSPELL_DIC, aff: Path = HUNSPELL_AFF,
                 forms: Optional[Collection[str]] = None):
        self.stems: dict[str, str] = {}          # stem -> its flags
        self.suffixes: dict[str, list] = {}      # added ending -> [(flag, strip, condition)]
        self.forms: frozenset[str] = frozenset(forms or ())
        self.forbidden = self.need_affix = self.only_in_compound = ""
        if forms is None and dic.exists() and aff.exists():
            self._load_hunspell(dic, aff)
        elif forms is None:
            self.forms = frozenset(_spacy_forms())
        self.max_suffix = max((len(k) for k in self.suffixes), default=0)

    def _load_hunspell(self, dic: Path, aff: Path) -> None:
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

    def _stem_ok(self, stem: str, flag: Optional[str]) -> bool:
        flags = self.stems.get(stem)
        if flags is None:
            return False
        if self.forbidden and self.forbidden in flags:
            return False
        if flag is None:   # the bare stem must be a word by itself
            return not any(f and f in flags for f in (self.need_affix, self.only_in_compound))
        return flag in flags

    def _known_exact(self, word: str) -> bool:
        if word in self.forms or self._stem_ok(word, None):
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
        if not word:
            return False
        return (self._known_exact(word) or self._known_exact(word.lower())
                or self._known_exact(word[:1].upper() + word[1:].lower()))


def _spacy_forms() -> set[str]:
    try:
        import spacy_lookups_data
    except ImportError:   # no word list at all: every hyphen is kept
        return set()
    path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
    table = json.load(gzip.open(path, "rt", encoding="utf-8"))
    return set(table) | set(table.values())


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
            and words.known(last_piece) and words.known(right_word):
        return COMPOUND
    return JOIN


def is_broken_word(left: str, right: str) -> bool:
    """Is left+right one word broken without a hyphen ("Kontrollmomen"+"t")? Yes when the
    word list knows the whole and not both pieces, or knows neither piece."""
    words = swedish_words()
    left_known, right_known = words.known(left), words.known(right)
    if words.known(left + right):
        return not (left_known and right_known)
    # pieces that are no words ("progressionsmät"+"ning", "antagningshandl"+"äggare")
    return not left_known and (not right_known or len(right) <= 3)
