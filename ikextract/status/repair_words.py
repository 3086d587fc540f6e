"""The words and marks OcrRepair (normalize.py) reads: what a scan makes of letters
(ocr_confusions.tsv), the negators, spoken forms (colloquial.tsv), every word of the
rules' vocabularies (rule_words) and the Swedish dictionary."""
from __future__ import annotations

from functools import lru_cache

from .vocabulary import HERE, read_tsv


@lru_cache(maxsize=1)
def ocr_confusions() -> tuple[tuple[str, str, bool, bool], ...]:
    """(printed, meant, also in short words, also towards any Swedish word) of
    ocr_confusions.tsv: what a scan makes of a letter or two."""
    return tuple((r["printed"], r["meant"], r["short"] == "yes", r["any_word"] == "yes")
                 for r in read_tsv("ocr_confusions.tsv"))


@lru_cache(maxsize=1)
def negator_words() -> tuple[str, ...]:
    return tuple(r["word"] for r in read_tsv("negators.tsv"))


@lru_cache(maxsize=1)
def colloquial_words() -> dict[str, str]:
    """colloquial.tsv: a spoken form -> the written word the rules know ("funkar")."""
    return {r["word"]: r["standard"] for r in read_tsv("colloquial.tsv")}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """function_words.tsv: short words that stand side by side in ordinary Swedish."""
    return frozenset(r["word"] for r in read_tsv("function_words.tsv"))


@lru_cache(maxsize=1)
def compound_starts() -> frozenset[str]:
    """The function words that also begin compounds ("om" of "omkontroll")."""
    return frozenset(r["word"] for r in read_tsv("function_words.tsv")
                     if r["compound_start"] == "yes")


@lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("number_words.tsv"))


@lru_cache(maxsize=1)
def cut_words() -> frozenset[str]:
    """cut_words.tsv: words read whole even where their halves are words of their own."""
    return frozenset(r["word"] for r in read_tsv("cut_words.tsv"))


def swedish_word(word: str) -> bool:
    """Is the (lower-case) word a Swedish word form (the hunspell dictionary)? A word of
    its own is never repaired into another one."""
    from ..text.hyphenation import swedish_words
    return swedish_words().known(word)


# vocabularies the rules read that are no words to repair towards
NOT_REPAIR_WORDS = ("classifier_stopwords.tsv", "ocr_confusions.tsv", "calibration.tsv",
                    "colloquial.tsv", "function_words.tsv", "cut_words.tsv")


@lru_cache(maxsize=1)
def rule_words() -> frozenset[str]:
    """Every word of the vocabularies beside this module (a column "word", "words" or
    "text"): a scan damages "flesta" or "grad" (clear_doubts.tsv) as it damages a phrase's
    word, and each is repaired towards the same words the rules know."""
    out = set()
    for path in sorted(HERE.glob("*.tsv")):
        if path.name in NOT_REPAIR_WORDS:
            continue
        for r in read_tsv(path.name):
            for column in ("word", "words", "text"):
                out.update(w for w in (r.get(column) or "").lower().split() if w.isalpha())
    return frozenset(out)
