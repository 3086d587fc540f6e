"""The one loader of the status stage's Swedish vocabularies: the .tsv files beside this module
(tab-separated, a header row, no quoting), each read once per process."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of vocabulary file `name` (read only: the rows are shared)."""
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
