"""The Swedish Snowball stemmer the text classifier and the misspelling repair use."""
from __future__ import annotations

# Swedish Snowball stemmer (snowballstem.org/algorithms/swedish), on folded words: the text
# classifier sees stems, so "avvikelserna" and "avvikelser", "genomförts" and "genomfört"
# are one feature and unseen inflections still count.
_STEM_VOWELS = set("aeiouyo")
_STEP1 = sorted("""a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern
ar er heter or as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast""".split(),
                key=len, reverse=True)
_S_ENDING = set("bcdfghjklmnoprtvy")
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")


def _r1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in _STEM_VOWELS and word[i - 1] in _STEM_VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    r1 = _r1(word)
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in _S_ENDING:
            word = word[:-1]
    if any(word.endswith(s) and len(word) - 2 >= r1 for s in _STEP2):
        word = word[:-1]
    for suffix, repl in (("fullt", "full"), ("lost", "los"), ("lig", ""), ("ig", ""), ("els", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + repl
            break
    return word
