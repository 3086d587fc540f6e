"""The report's own colour legend ("Grön = Inga avvikelser", "Röd = Väsentliga avvikelser"):
what each colour word in a status column means in this report.

A legend is a small table with one row per colour (a colour cell and a meaning cell), or a
paragraph / cell of "colour = meaning" pairs. Colour words are in colours.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..model import Document, Table, TextBlock
from .normalize import fold
from .vocabulary import read_tsv

LEGEND_TABLE_MAX_ROWS = 10   # a control table with a colour column is not a legend
MEANING_MAX_CHARS = 120


@dataclass(frozen=True)
class LegendEntry:
    colour: str          # canonical colour word ("röd")
    code: str            # a status code, or "done" (progress: finished)
    kind: str            # "finding" or "progress"
    text: str            # the meaning as printed


Legend = dict   # colour -> LegendEntry


@lru_cache(maxsize=1)
def colour_words() -> dict[str, tuple[str, str]]:
    """folded word -> (colour, default code)."""
    return {fold(r["word"]): (r["colour"], r["default_code"]) for r in read_tsv("colours.tsv")}


def colour_of(text: str) -> Optional[str]:
    """The colour a short cell names ("Röd", "Grönt.", "röd markering"), or None."""
    words = re.findall(r"\w+", fold(text or ""))
    if not words or len(words) > 3:
        return None
    found = {colour_words()[w][0] for w in words if w in colour_words()}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern:
    words = sorted(colour_words(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b\s*(?:[=:–—-]|innebär|betyder)\s*",
                      re.IGNORECASE)


def _pairs_in_text(text: str) -> list[tuple[str, str]]:
    """(colour, meaning) pairs written out in running text: "Grön = ..., Röd: ..."."""
    folded = fold(text)
    matches = list(_pair_pattern().finditer(folded))
    out = []
    for m, nxt in zip(matches, matches[1:] + [None]):
        end = nxt.start() if nxt else len(text)
        meaning = text[m.end():end].strip(" ,;.\n\t")
        meaning = meaning.split("\n")[0].strip(" ,;.")
        if meaning and len(meaning) <= MEANING_MAX_CHARS:
            out.append((colour_words()[m.group(1).lower()][0], meaning))
    return out


def _pairs_in_table(table: Table) -> list[tuple[str, str]]:
    out = []
    if table.n_rows > LEGEND_TABLE_MAX_ROWS:
        return out
    for r in range(table.n_rows):
        cells = []
        for c in table.rows[r]:
            if not cells or c is not cells[-1]:
                cells.append(c)
        texts = [c.text.strip() for c in cells if c.text and c.text.strip()]
        colours = [colour_of(t) for t in texts]
        if sum(1 for c in colours if c) == 1 and len(texts) >= 2:
            colour = next(c for c in colours if c)
            meaning = " ".join(t for t, c in zip(texts, colours) if not c)
            if len(meaning) <= MEANING_MAX_CHARS:
                out.append((colour, meaning))
        else:
            for t in texts:
                out.extend(_pairs_in_text(t))
    colours = [c for c, _ in out]
    # A legend names each colour once; a control table repeats them.
    if len(colours) != len(set(colours)):
        return []
    return out


def read_meaning(meaning: str) -> tuple[str, str]:
    """(code, kind) of a legend meaning, with the status column vocabulary first."""
    from .columns import read_value   # columns imports rules; no cycle at import time
    reading = read_value(meaning)
    if reading is not None and reading[0] not in ("yes", "no", "partial"):
        return reading
    from .classify import classify_text
    code = classify_text(meaning).code
    if code in ("pagar", "ej_paborjad", "ej_utford"):
        return code, "progress"
    return code, "finding"


def legend_from_pairs(pairs: list[tuple[str, str]]) -> Legend:
    legend: Legend = {}
    for colour, meaning in pairs:
        if colour in legend:
            continue
        code, kind = read_meaning(meaning)
        if code != "okand":
            legend[colour] = LegendEntry(colour, code, kind, meaning)
    return legend


def find_legend(doc: Document) -> Legend:
    """The colour legend of the report: from legend tables and "colour = meaning" text.
    Empty when the report has none (colours then keep their default, less sure, meaning)."""
    pairs: list[tuple[str, str]] = []
    for item in doc.items:
        if isinstance(item, Table):
            pairs.extend(_pairs_in_table(item))
        elif isinstance(item, TextBlock):
            pairs.extend(_pairs_in_text(item.text))
    return legend_from_pairs(pairs) if len({c for c, _ in pairs}) >= 2 else {}
