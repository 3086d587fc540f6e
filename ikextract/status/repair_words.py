"""The words and marks OcrRepair (normalize.py) reads: what a scan makes of letters
(ocr_confusions.tsv), the negators, spoken forms (colloquial.tsv), every word of the
rules' vocabularies (rule_words) and the Swedish dictionary."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def ocr_confusions() -> tuple[tuple[str, str, bool, bool], ...]:
    """(printed, meant, also in short words, also towards any Swedish word) of
    ocr_confusions.tsv: what a scan makes of a letter or two."""
    with open(HERE / "ocr_confusions.tsv", encoding="utf-8", newline="") as f:
        return tuple((r["printed"], r["meant"], r["short"] == "yes", r["any_word"] == "yes")
                     for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def negator_words() -> tuple[str, ...]:
    with open(HERE / "negators.tsv", encoding="utf-8", newline="") as f:
        return tuple(r["word"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def colloquial_words() -> dict[str, str]:
    """colloquial.tsv: a spoken form -> the written word the rules know ("funkar")."""
    with open(HERE / "colloquial.tsv", encoding="utf-8", newline="") as f:
        return {r["word"]: r["standard"]
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


@lru_cache(maxsize=1)
def _function_rows() -> tuple[dict, ...]:
    with open(HERE / "function_words.tsv", encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def function_words() -> frozenset[str]:
    """function_words.tsv: short words that stand side by side in ordinary Swedish."""
    return frozenset(r["word"] for r in _function_rows())


def compound_starts() -> frozenset[str]:
    """The function words that also begin compounds ("om" of "omkontroll")."""
    return frozenset(r["word"] for r in _function_rows() if r["compound_start"] == "yes")


@lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    with open(HERE / "number_words.tsv", encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f, delimiter="\t",
                                                            quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def cut_words() -> frozenset[str]:
    """cut_words.tsv: words read whole even where their halves are words of their own."""
    with open(HERE / "cut_words.tsv", encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f, delimiter="\t",
                                                            quoting=csv.QUOTE_NONE))


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
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                for column in ("word", "words", "text"):
                    out.update(w for w in (r.get(column) or "").lower().split()
                               if w.isalpha())
    return frozenset(out)
