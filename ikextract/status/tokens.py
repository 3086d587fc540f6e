"""Light tokens the rules index (Tok, tokens_of) and the numbers written in a token."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from .windows import SENTENCE_ENDS


class Tok:
    """The few attributes of a spaCy token the rules use, with i its index in the list."""
    __slots__ = ("text", "norm_", "idx", "i", "is_punct", "is_space", "like_num",
                 "whitespace_", "is_alpha")

    def __init__(self, token, i: int, norm: Optional[str] = None):
        self.text, self.idx, self.i = token.text, token.idx, i
        self.norm_ = token.norm_ if norm is None else norm
        self.is_punct, self.is_space, self.like_num = token.is_punct, token.is_space, token.like_num
        self.whitespace_, self.is_alpha = token.whitespace_, token.is_alpha

    def __len__(self) -> int:
        return len(self.text)


class Toks(list):
    """tokens_of's list: the passes of hits() each look tokens up by character offset
    (by_index) and by sentence (sentence_bounds), so those are made once per text.
    """
    __slots__ = ("by_idx", "by_end_", "bounds", "starts")


class WordSequences(tuple):
    """Word sequences of one kind ("kan leda till", "föreslås"), indexed by first word so a
    text is searched for them in one pass."""

    def __new__(cls, sequences):
        self = super().__new__(cls, sequences)
        self.by_first = {}
        for words in self:
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        return self


# doc.user_data key of the rules' token list, made with the doc (rules.make_doc)
RULE_TOKENS = "ikextract.rule_tokens"


def plain_tokens(doc) -> list[Tok]:
    """Every token of a spaCy doc as a Tok, i its index in the doc."""
    return [Tok(t, k) for k, t in enumerate(doc)]


def rule_tokens(tokens: list[Tok]) -> "Toks":
    """The tokens the rules index (plain_tokens of a finished doc): spaces within a line
    ("Inga  avvikelser") are no tokens to them, a line break is; i is renumbered."""
    out = Toks()
    for t in tokens:
        if t.is_space and "\n" not in t.text:
            continue
        t.i = len(out)
        out.append(t)
    out.by_idx = out.by_end_ = out.bounds = out.starts = None
    return out


def tokens_of(doc) -> list[Tok]:
    """The rules' token list of a doc: the one made with it (make_doc keeps it in
    user_data; nothing changes a doc or its list once made), else made now."""
    found = doc.user_data.get(RULE_TOKENS) if hasattr(doc, "user_data") else None
    return found if found is not None else rule_tokens(plain_tokens(doc))


def _kept(doc, slot: str, make):
    """make(doc), kept in the token list's slot: the passes of hits() ask for the same
    index of a text many times over (a list not made by tokens_of is indexed each time)."""
    found = getattr(doc, slot, None)
    if found is None:
        found = make(doc)
        if isinstance(doc, Toks):
            setattr(doc, slot, found)
    return found


def by_index(doc) -> dict[int, int]:
    """{character offset: token index} of a token list (read only)."""
    return _kept(doc, "by_idx", lambda d: {t.idx: t.i for t in d})


def by_end(doc) -> dict[int, int]:
    """{character offset where a token ends: token index} of a token list (read only)."""
    return _kept(doc, "by_end_", lambda d: {t.idx + len(t.text): t.i for t in d})


def first_at(doc, offset: int) -> int:
    """Index of the first token at or after character offset (len(doc) if none): the tokens
    of a character span [a, b) are doc[first_at(doc, a):first_at(doc, b)]."""
    # (offsets rise token by token)
    return bisect_left(_kept(doc, "starts", lambda d: [t.idx for t in d]), offset)


def sentence_bounds(doc) -> tuple[list[int], list[int]]:
    """Per token index: where its sentence starts, where it ends (a sentence end or a line
    break)."""
    return _kept(doc, "bounds", _bounds)


def _bounds(doc) -> tuple[list[int], list[int]]:
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
    return starts, ends


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
