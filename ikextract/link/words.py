"""The words a risk text is compared by: stemmed, compound-split, synonyms merged.

Year to year a board rewords its risks: inflections change ("felaktiga" / "felaktigt"), a
compound is written out ("leverantörsbetalningar" / "betalningar till leverantörer"), a
synonym replaces a word ("anställning" / "nyrekrytering"), numbers change ("14 dagar" /
"två veckor"), clauses are reordered. A text becomes a bag of concepts:

1. words (letters only: numbers, "a)" prefixes and stopwords.tsv dropped), lowercased;
2. each word taken to its word-list form ("kassan" -> kassa, "registret" -> register;
   compounds.tsv's endings and rewrites) and split into compound parts against the Swedish
   hunspell word list (WORD_LISTS, stems only) plus compounds.tsv's own parts:
   "leverantörsbetalningar" -> leverantör + betalning, "löneutbetalningar" -> lön +
   utbetalning; a weak prefix is stripped ("nyrekrytering" -> rekrytering);
3. each part stemmed (Snowball, Swedish; a verbal noun cut to its verb: "handläggning" /
   "handläggs") and folded to ASCII;
4. synonyms.tsv maps stems to one concept ("rekrytering", "anställning" -> anstallning);
5. weights.tsv lowers framing words ("felaktig", "följs", "i strid med"): two risks that
   share only their framing are not alike.

All vocabulary is in the .tsv files next to this module.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

import snowballstemmer

from ikextract.text import SWEDISH_DICTIONARY

HERE = Path(__file__).parent
# The Swedish word list shipped with the package (ikextract/text); without it only
# compounds.tsv's parts are known and fewer compounds split (held-out recall 0.78 -> 0.56,
# see keys.py).
WORD_LISTS = (SWEDISH_DICTIONARY.with_suffix(".dic"),)
LETTER_PREFIX = re.compile(r"(?<![\w])[a-zåäö]\)", re.IGNORECASE)
WORD = re.compile(r"[a-zåäöéü]+", re.IGNORECASE)
MIN_SPLIT_LENGTH = 9      # shorter words are rarely compounds worth splitting
MIN_MODIFIER = 3
MIN_HEAD = 3
# A word in the word list itself is split only before a long head, and after a long
# modifier or a joining letter ("register|utdrag", "löne|utbetalning"), so that "kontroll"
# never becomes "kon" + "troll" nor "handläggning" "hand" + "läggning".
MIN_PART_OF_KNOWN_WORD = 5


def fold(text: str) -> str:
    """Lowercase ASCII: diacritics removed (å -> a, é -> e), other non-ASCII dropped."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(r[0].strip() for r in _tsv("stopwords.tsv"))


@lru_cache(maxsize=1)
def _compound_rules() -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {"prefix": [], "link": [], "ending": [], "part": [],
                                   "rewrite": []}
    for kind, value, *_ in _tsv("compounds.tsv"):
        rules[kind].append(value.strip().lower())
    rules["ending"].sort(key=len, reverse=True)
    return rules


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Known Swedish words (lowercase, base forms) the compound splitter may cut into."""
    words = set(_compound_rules()["part"])
    dic = next((p for p in WORD_LISTS if p.exists()), None)
    if dic is not None:
        with open(dic, encoding="utf-8", errors="replace") as fh:
            next(fh, None)                       # first line: the entry count
            for line in fh:
                w = line.split("/", 1)[0].strip()
                if w.isalpha() and w.islower():  # proper nouns and abbreviations left out
                    words.add(w)
    return frozenset(words)


_STEMMER = snowballstemmer.stemmer("swedish")


def _known(part: str, vocab: frozenset[str]) -> bool:
    if part in vocab:
        return True
    return len(part) >= MIN_HEAD and base_form(part) in vocab


def _modifier(part: str, vocab: frozenset[str]) -> tuple[Optional[str], bool]:
    """The first part of a compound as a word, its joining letter removed (None where it is
    no word), and whether a joining letter was there ("leverantör-s-", "lön-e-")."""
    if len(part) >= MIN_MODIFIER and part in vocab:
        return part, False
    for link in _compound_rules()["link"]:
        if part.endswith(link) and len(part) - len(link) >= MIN_MODIFIER and \
                part[:-len(link)] in vocab:
            return part[:-len(link)], True
    return None, False


def base_form(word: str) -> str:
    """The word list's form of a lowercase word: an inflection ending stripped where what
    remains is a listed word ("kassan" -> "kassa", "fritidsgårdar" -> "fritidsgård")."""
    vocab = vocabulary()
    if word in vocab:
        return word
    for ending in _compound_rules()["ending"]:
        rest = word[:-len(ending)]
        if word.endswith(ending) and len(rest) >= 3 and rest in vocab:
            return rest
    for rule in _compound_rules()["rewrite"]:
        ending, replacement = rule.split(">")
        rest = word[:-len(ending)] + replacement
        if word.endswith(ending) and len(rest) >= 4 and rest in vocab:
            return rest
    return word


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """A lowercase word cut into its parts ("leverantörsbetalningar" -> ("leverantör",
    "betalning")); the word itself when it is not a compound the word list explains.
    Every inflection of a word splits alike: the decision is taken on its base form."""
    vocab = vocabulary()
    word = base_form(word)
    for prefix in _compound_rules()["prefix"]:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 6 and _known(rest, vocab):
            return split_compound(rest)
    if len(word) < MIN_SPLIT_LENGTH:
        return (word,)
    whole_known = word in vocab
    # Longest head first: the head carries the meaning, the modifier narrows it.
    for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        first, head = word[:i], word[i:]
        if not _known(head, vocab):
            continue
        modifier, linked = _modifier(first, vocab)
        if modifier is None or fold(modifier) in stopwords():
            continue        # "genomförande", "efterlevnad", "uppföljning" are not compounds
        if whole_known and (len(base_form(head)) < MIN_PART_OF_KNOWN_WORD or
                            (not linked and len(modifier) < MIN_PART_OF_KNOWN_WORD)):
            continue        # a listed word is cut before a long head, at a joining letter
            #                 ("löne|utbetalning") or after a long modifier ("register|utdrag"),
            #                 never "hand|läggning", "rekryte|ring"
        return split_compound(modifier) + split_compound(head)
    return (word,)


PLURAL_ENDINGS = ("er", "ar", "or")


# Nouns made from verbs meet their verb: "handläggning" / "handläggs", "debitering" /
# "debiteras", "betalning" / "betalas" (Snowball keeps the -ning/-ing).
VERBAL_NOUN_ENDINGS = ("ning", "ing")
MIN_VERBAL_STEM = 4


def stem(word: str) -> str:
    """Snowball's stem, folded; a plural it leaves ("elever") cut to its word ("elev"), a
    verbal noun cut to its verb's stem."""
    s = _STEMMER.stemWord(word)
    if s.endswith(PLURAL_ENDINGS) and len(s) >= 6 and s[:-2] in vocabulary():
        s = s[:-2]
    for ending in VERBAL_NOUN_ENDINGS:
        if s.endswith(ending) and len(s) - len(ending) >= MIN_VERBAL_STEM:
            s = s[:-len(ending)]
            break
    return fold(s)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for concept, words, *_ in _tsv("synonyms.tsv"):
        for w in words.split():
            out[stem(w.lower())] = concept.strip()
            out[fold(w.lower())] = concept.strip()
    return out


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    out = {}
    for word, weight, *_ in _tsv("weights.tsv"):
        out[_concept(word.strip())] = float(weight)
    return out


def _concept(part: str) -> str:
    syn = _synonyms()
    folded = fold(part)
    return syn.get(folded) or syn.get(stem(part)) or stem(part)


@lru_cache(maxsize=65536)
def word_concepts(word: str) -> tuple[str, ...]:
    """The concepts of one lowercase word (stopwords give none)."""
    stop = stopwords()
    if fold(word) in stop:
        return ()
    syn = _synonyms()
    whole = syn.get(fold(word)) or syn.get(stem(word))
    if whole:                                   # a listed word is not split further
        return (whole,)
    out = []
    for part in split_compound(word):
        if fold(part) in stop or len(part) < 2:
            continue
        concept = _concept(part)
        if concept not in stop:             # "förande" stems to "for"
            out.append(concept)
    return tuple(out)


@lru_cache(maxsize=65536)
def concepts(text: Optional[str]) -> tuple[str, ...]:
    """The concepts of a text, in order, repeats removed."""
    if not text:
        return ()
    text = LETTER_PREFIX.sub(" ", text)
    out: dict[str, None] = {}
    for w in WORD.findall(text.lower()):
        if len(w) < 2:
            continue
        for c in word_concepts(w):
            out.setdefault(c, None)
    return tuple(out)


def weight(concept: str) -> float:
    return _weights().get(concept, 1.0)


@lru_cache(maxsize=4096)
def has_cue(text: Optional[str]) -> bool:
    """The text says its risk was in an earlier plan ("kvarstår från föregående år")."""
    if not text:
        return False
    folded = " " + " ".join(WORD.findall(fold(text))) + " "
    return any(f" {phrase} " in folded for phrase in _cue_phrases())


@lru_cache(maxsize=1)
def _cue_phrases() -> tuple[str, ...]:
    return tuple(r[0].strip() for r in _tsv("cues.tsv"))
