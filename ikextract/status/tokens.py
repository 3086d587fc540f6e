"""Light tokens the rules index (Tok, tokens_of) and the numbers written in a token."""
from __future__ import annotations

import re
from typing import Optional

from .windows import SENTENCE_ENDS


class Tok:
    """The few attributes of a spaCy token the rules use, with i its index in the list."""
    __slots__ = ("text", "norm_", "idx", "i", "is_punct", "is_space", "like_num")

    def __init__(self, token, i: int):
        self.text, self.norm_, self.idx, self.i = token.text, token.norm_, token.idx, i
        self.is_punct, self.is_space, self.like_num = token.is_punct, token.is_space, token.like_num

    def __len__(self) -> int:
        return len(self.text)


class Toks(list):
    """tokens_of's list: the passes of hits() each look tokens up by character offset
    (by_index) and by sentence (sentence_bounds), so those are made once per text.
    """
    __slots__ = ("by_idx", "bounds")


def tokens_of(doc) -> list[Tok]:
    out = Toks()
    for t in doc:
        if t.is_space and "\n" not in t.text:
            continue
        out.append(Tok(t, len(out)))
    out.by_idx = out.bounds = None
    return out


def by_index(doc) -> dict[int, int]:
    """{character offset: token index} of a token list (read only)."""
    found = getattr(doc, "by_idx", None)
    if found is None:
        found = {t.idx: t.i for t in doc}
        if isinstance(doc, Toks):
            doc.by_idx = found
    return found



def sentence_bounds(doc) -> tuple[list[int], list[int]]:
    """Per token index: where its sentence starts, where it ends (a sentence end or a line
    break), made once per token list: the passes ask for them many times over."""
    found = doc.bounds
    if found is None:
        n = len(doc)
        is_end = [t.text in SENTENCE_ENDS or "\n" in t.text for t in doc]
        ends, nxt = [n] * (n + 1), n
        for j in range(n - 1, -1, -1):
            if is_end[j]:
                nxt = j
            ends[j] = nxt
        starts, cur = [0] * (n + 1), 0
        for i in range(1, n + 1):
            if is_end[i - 1]:
                cur = i
            starts[i] = cur
        found = doc.bounds = (starts, ends)
    return found


_FRACTION = re.compile(r"(\d+)/(\d+)")


def _fraction(text: str) -> Optional[float]:
    m = _FRACTION.fullmatch(text)
    if m is None or int(m.group(2)) == 0 or int(m.group(1)) > int(m.group(2)):
        return None
    return 100.0 * int(m.group(1)) / int(m.group(2))


def _number(text: str) -> Optional[float]:
    try:
        return float(text.replace(",", ".").replace("\u2009", "").replace(" ", ""))
    except ValueError:
        return None
