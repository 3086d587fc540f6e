"""Abbreviated headings spelled out where the report explains them: a register's 'S' and 'K'
columns, with the introduction saying "sannolikhet (S) och konsekvens (K)" or "S = sannolikhet".
Only the labels of extra change (the text under them is kept as printed); each expansion is
named in the warnings."""
from __future__ import annotations

import re

from ikextract.model import ControlRow, Document, TextBlock

MAX_ABBREVIATION = 3
_WORD = r"[A-Za-zÅÄÖåäöÉé][a-zåäöé-]{3,}"
_ABBR = r"[A-ZÅÄÖ]{1,%d}" % MAX_ABBREVIATION
# "sannolikhet (S)", "S = sannolikhet", "S: sannolikhet" (a legend line)
_LEGENDS = (re.compile(rf"(?<![\w-])(?P<word>{_WORD})\s*\((?P<abbr>{_ABBR})\)"),
            re.compile(rf"(?<![\w-])(?P<abbr>{_ABBR})\s*=\s*(?P<word>{_WORD})(?![\w-])"))


def legend(doc: Document) -> dict[str, str]:
    """Abbreviation -> the word the report's text spells it out as (first explanation wins)."""
    out: dict[str, str] = {}
    for item in doc.items:
        if not isinstance(item, TextBlock):
            continue
        for pattern in _LEGENDS:
            for m in pattern.finditer(item.text or ""):
                word = m.group("word")
                if word[:1].lower() != m.group("abbr")[:1].lower():
                    continue    # "Kontroll (S)": the letters must start the word
                out.setdefault(m.group("abbr"), word[:1].upper() + word[1:])
    return out


def spell_out_labels(doc: Document, rows: list[ControlRow]) -> list[str]:
    """Rename extra labels that are explained abbreviations; the warnings saying so."""
    short = {k for row in rows for k in row.extra
             if len(k) <= MAX_ABBREVIATION and k.isupper() and k.isalpha()}
    if not short:
        return []
    words = {k: v for k, v in legend(doc).items() if k in short}
    if not words:
        return []
    for row in rows:
        if any(k in words for k in row.extra):
            row.extra = {words.get(k, k): v for k, v in row.extra.items()}
    return [f"heading '{k}' labelled '{v}' in extra: the report spells it out so"
            for k, v in sorted(words.items())]
