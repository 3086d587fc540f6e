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

Parsing the .dic costs about a second and a compound search tens of milliseconds, paid again
by every fresh process. So every answer the dictionary gives is also remembered on disk
(`LookupMemo`: a per-user cache file named by a hash of the dictionary and the spylls
version, so a changed dictionary or spylls starts afresh), and the dictionary is parsed only
when a word's answer is not there yet. The answers are the dictionary's own: the result is
the same with or without the memo. IKEXTRACT_CACHE_DIR moves the cache; "off" disables it.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Collection

_HERE = Path(__file__).parent
from ikextract.text import SWEDISH_DICTIONARY as DICTIONARY   # sv_SE.aff + sv_SE.dic
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


CACHE_ENV = "IKEXTRACT_CACHE_DIR"
_MEMO_FORMAT = "1"      # bump when what a memo line means changes


def _cache_dir() -> Path | None:
    """Where the memo lives: $IKEXTRACT_CACHE_DIR ("off": nowhere), else the user's cache."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ikextract"


class LookupMemo:
    """The dictionary's answers remembered across processes: an append-only file of
    `kind<TAB>word<TAB>0|1` lines (kind c: the full lookup with compounds, s: affix forms
    only). Appends of one short line are atomic, so workers writing at once lose nothing;
    a torn or odd line is ignored. Any file error leaves the memo empty, never failing."""

    def __init__(self, path: Path | None):
        self.path = path
        self.answers: dict[tuple[str, str], bool] = {}
        self._fd: int | None = None
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        for line in text.split("\n"):
            parts = line.split("\t")
            if len(parts) == 3 and parts[0] in ("c", "s") and parts[2] in ("0", "1"):
                self.answers[parts[0], parts[1]] = parts[2] == "1"

    @classmethod
    def for_dictionary(cls, dictionary: Path) -> "LookupMemo":
        where = _cache_dir()
        if where is None:
            return cls(None)
        try:
            from importlib.metadata import version
            digest = hashlib.sha256(_MEMO_FORMAT.encode() + version("spylls").encode())
            for suffix in (".aff", ".dic"):
                digest.update(dictionary.with_suffix(suffix).read_bytes())
        except Exception:      # no readable dictionary or spylls metadata: no memo
            return cls(None)
        return cls(where / f"{dictionary.name}-{digest.hexdigest()[:16]}.lookups.tsv")

    def get(self, kind: str, word: str) -> bool | None:
        return self.answers.get((kind, word))

    def put(self, kind: str, word: str, answer: bool) -> None:
        self.answers[kind, word] = answer
        if self.path is None or "\t" in word or "\n" in word or "\r" in word:
            return
        try:
            if self._fd is None:         # opened once: a cold run appends hundreds of lines
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(self._fd, f"{kind}\t{word}\t{int(answer)}\n".encode("utf-8"))
        except OSError:
            self.path = None    # an unwritable cache: remember in this process only

    def __del__(self):
        if getattr(self, "_fd", None) is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass


class SwedishWords:
    """Is a string a Swedish word form? The hunspell dictionary through spylls (parsed on
    the first word the memo does not answer), or (for tests and tools) a given set of
    forms."""

    def __init__(self, dictionary: Path = DICTIONARY,
                 forms: Collection[str] | None = None, memo: LookupMemo | None = None):
        self.forms = frozenset(forms or ())
        self.dictionary_path = dictionary if forms is None else None
        self._dictionary = None
        self.memo = memo if memo is not None else (
            LookupMemo.for_dictionary(dictionary) if forms is None else LookupMemo(None))
        self.known = lru_cache(maxsize=1 << 16)(self._known)
        self.simple = lru_cache(maxsize=1 << 14)(self._simple)

    @property
    def dictionary(self):
        """spylls's hunspell lookup over the dictionary (ikextract.text.dictionary: the .dic
        indexed in milliseconds, a stem's entries parsed when first asked), on first need."""
        if self._dictionary is None and self.dictionary_path is not None:
            from ikextract.text.dictionary import open_lookup
            self._dictionary = open_lookup(self.dictionary_path)
        return self._dictionary

    def _lookup(self, word: str, compounds: bool = True) -> bool:
        if word in self.forms:
            return True
        if self.dictionary_path is None:
            return False
        kind = "c" if compounds else "s"
        answer = self.memo.get(kind, word)
        if answer is None:
            answer = self._ask_dictionary(word, compounds)
            self.memo.put(kind, word, answer)
        return answer

    def _ask_dictionary(self, word: str, compounds: bool) -> bool:
        lookup = self.dictionary          # a dictionary that cannot be read fails loudly
        try:
            if compounds:     # the full hunspell lookup (BREAK at hyphens, compounds ...)
                return bool(lookup(word))
            forms = lookup.good_forms(word, compound_forms=False)
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
