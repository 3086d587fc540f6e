"""Light tokens the rules index (Tok, tokens_of) and the numbers written in a token."""
from __future__ import annotations

import re
from typing import Optional


class Tok:
    """The few attributes of a spaCy token the rules use, with i its index in the list."""
    __slots__ = ("text", "norm_", "idx", "i", "is_punct", "is_space", "like_num")

    def __init__(self, token, i: int):
        self.text, self.norm_, self.idx, self.i = token.text, token.norm_, token.idx, i
        self.is_punct, self.is_space, self.like_num = token.is_punct, token.is_space, token.like_num

    def __len__(self) -> int:
        return len(self.text)


class Toks(list):
    """tokens_of's list: the passes of hits() each look tokens up by character offset, so
    that index is made once per text (by_index), not once per pass."""
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
