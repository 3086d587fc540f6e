"""Folding: lower case with Swedish letters folded to ASCII, one character for one (a span
of the folded text is the same span of the original)."""
from __future__ import annotations

# å/ä/à/á/â -> a, ö/ó/ò/ô/ø -> o, é/è/ê/ë -> e, ü -> u: the letters OCR confuses in Swedish.
_FOLD = str.maketrans({
    "å": "a", "ä": "a", "à": "a", "á": "a", "â": "a", "ã": "a",
    "ö": "o", "ó": "o", "ò": "o", "ô": "o", "õ": "o", "ø": "o",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ü": "u", "í": "i", "ì": "i",
    "\u00a0": " ", "’": "'", "”": '"', "“": '"',
})
# the same pairs for str.replace: no letter folds to one that folds again, so one replace
# after another is the one translation; replace scans in C where translate looks each
# character up in the table, which is slow on a whole result
_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """Lower-case and fold diacritics, keeping the length (char i of the result is char i)."""
    low = text.lower()
    if low.isascii():              # most words: nothing to fold (every key of _FOLD is not ASCII)
        return low
    if len(low) == len(text):      # almost always: no letter whose lower case is longer
        for ch, folded in _FOLD_PAIRS:
            if ch in low:
                low = low.replace(ch, folded)
        return low
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        out.append(low)
    return "".join(out).translate(_FOLD)
