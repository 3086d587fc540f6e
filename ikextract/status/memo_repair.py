"""OcrRepair with its answers kept. Making a doc asks the repair about every token and every
pair of neighbours ("Ej p åbörjad", "pa- går", "Ejpåbörjad"), and the same words come back in
every report; each answer is a pure function of the words and the vocabulary, so it is kept
(functools.lru_cache) instead of worked out again. Anything not listed is OcrRepair's own."""
from __future__ import annotations

from functools import lru_cache

# the questions surface.py and rules.make_doc ask, each of strings only
KEPT = ("glued", "space_joined", "hyphen_joined", "joined", "lost_letters")
SIZE = 1 << 16


class MemoRepair:
    def __init__(self, repair):
        self._repair = repair
        # its data (vocabulary, short forms ...) as attributes of this object: asked for
        # every token, they should not go through __getattr__
        self.__dict__.update({k: v for k, v in vars(repair).items() if k not in KEPT})
        for name in dir(type(repair)):
            if not name.startswith("__") and name not in KEPT and callable(
                    getattr(type(repair), name, None)):
                setattr(self, name, getattr(repair, name))
        self._call = lru_cache(maxsize=SIZE)(repair.__call__)
        for name in KEPT:
            setattr(self, name, lru_cache(maxsize=SIZE)(getattr(repair, name)))

    def __call__(self, text: str) -> str:
        return self._call(text)

    def __getattr__(self, name: str):
        return getattr(self._repair, name)
