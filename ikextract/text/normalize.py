"""Clean text as the contract wants it: lines within a paragraph joined with a space,
paragraphs separated by "\\n", no stray whitespace."""
from __future__ import annotations

import re
import unicodedata

from ikextract.model import TEXT_FIELDS, ControlRow

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_SENTENCE_END = (".", "!", "?", ":", ")", '"', "”")
# A word whose tail was capitalised by accident ("deklARATIONER"), as in pasted text.
_BROKEN_CASE = re.compile(r"\b([a-zåäö]{3,})([A-ZÅÄÖ]{3,})\b")


def clean_paragraph(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "")   # soft hyphen
    text = _SPACES.sub(" ", text.replace("\r", " ")).strip()
    return _BROKEN_CASE.sub(lambda m: (m.group(1) + m.group(2)).lower(), text)


def clean_text(text: str | None) -> str | None:
    """Paragraphs kept ("\\n"), blank ones dropped, each paragraph's spaces collapsed."""
    if text is None:
        return None
    paras = [clean_paragraph(p) for p in text.split("\n")]
    out = "\n".join(p for p in paras if p)
    return out or None


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def join_fragments(first: str | None, second: str | None) -> str | None:
    """Join a cell's text with its continuation (a row split over a page break): a fragment
    that ends mid-sentence continues with a space, one that ends a sentence with a new
    paragraph."""
    if not first:
        return second
    if not second:
        return first
    sep = "\n" if ends_sentence(first) else " "
    return first.rstrip() + sep + second.lstrip()


def clean_row(row: ControlRow) -> ControlRow:
    for name in TEXT_FIELDS:
        setattr(row, name, clean_text(getattr(row, name)))
    # extra and status cells are text of the report as much as the fields are.
    extra = {}
    for label, text in row.extra.items():
        label, text = " ".join(label.split()), clean_text(text)
        if text:
            extra[label] = text if label not in extra else extra[label] + "\n" + text
    row.extra = extra
    row.status_cells = [(" ".join(h.split()), clean_text(t)) for h, t in row.status_cells
                        if clean_text(t)]
    return row
