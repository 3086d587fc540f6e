"""The text a row is recognised by across years, and how alike two such texts are.

A risk is reworded a little from one year's plan to the next (inflections, a word added, a
letter prefix "a)" dropped), and the same report read from PDF and from DOCX differs in a few
words and quote styles. The signature keeps only the topic words; the similarity mixes whole
words (stems) with character trigrams, so Swedish compounds still meet their parts
("övertidsrapporteringar" / "övertid rapporteras").
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

STOPWORDS_FILE = Path(__file__).with_name("stopwords.tsv")

# "a)", "b)", "d)" opening a sub-risk: the letter is the row's number, not its topic.
LETTER_PREFIX = re.compile(r"(?<![\w])[a-zåäö]\)", re.IGNORECASE)
WORD = re.compile(r"[a-z]+")
STEM_LENGTH = 6   # Swedish inflects at the end; six letters keep the stem of most nouns/verbs


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = set()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words.add(line.split("\t", 1)[0].strip())
    return frozenset(words)


def fold(text: str) -> str:
    """Lowercase ASCII: diacritics removed (å -> a, é -> e), other non-ASCII dropped."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")


def tokens(text: Optional[str]) -> list[str]:
    """Topic words of a text: folded, letter prefixes, numbers and stopwords dropped."""
    if not text:
        return []
    text = LETTER_PREFIX.sub(" ", text)
    stop = stopwords()
    return [w for w in WORD.findall(fold(text)) if len(w) > 1 and w not in stop]


def signature_text(process: Optional[str], risk: Optional[str], control: Optional[str]) -> str:
    """What a row is about: its risk as printed, else its process and control point."""
    if risk and tokens(risk):
        return risk
    return " ".join(t for t in (process, control) if t)


class Signature:
    """The pre-computed features of one text, so many comparisons stay cheap."""

    __slots__ = ("words", "stems", "trigrams", "norm")

    def __init__(self, text: Optional[str]):
        self.words = tokens(text)
        self.stems = frozenset(w[:STEM_LENGTH] for w in self.words)
        joined = " ".join(self.words)
        self.norm = joined
        padded = f" {joined} "
        self.trigrams = Counter(padded[i:i + 3] for i in range(len(padded) - 2))

    def __bool__(self) -> bool:
        return bool(self.words)


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(n * b[g] for g, n in a.items() if g in b)
    return dot / math.sqrt(sum(n * n for n in a.values()) * sum(n * n for n in b.values()))


@lru_cache(maxsize=65536)
def signature(text: Optional[str]) -> Signature:
    """Signature of a text, cached: a batch compares each stored row with every new report."""
    return Signature(text)


def similarity(a: Signature, b: Signature) -> float:
    """0..1: mean of stem-set Jaccard and character-trigram cosine."""
    if not a or not b:
        return 0.0
    jaccard = len(a.stems & b.stems) / len(a.stems | b.stems)
    return (jaccard + _cosine(a.trigrams, b.trigrams)) / 2
