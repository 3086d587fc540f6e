"""A result written as status labels and their values ("Avvikelse: Nej.", "Genomförd Ja
Avvikelser Nej", "Antal granskade: 25. Antal med fel: 0.", a colour alone), read as the columns
they are, before the rules read it as prose."""
from __future__ import annotations

import re
from typing import Optional

from ..model import STATUS_CODES
from .columns import (DEFAULT_COLOUR_CONFIDENCE, REFINED_CONFIDENCE, heading_rule, prose_code,
                      read_cell, read_value)
from .folding import fold
from .legend import colour_of, colour_words
from .text_reading import UNKNOWN, TextReading




# "Genomförd: Nej. Påbörjad: Nej.": not started says more than not carried out
LABEL_SEVERITY = ("avvikelser", "mindre_avvikelser", "ej_paborjad", "ej_utford", "pagar",
                  "okand", "inga_avvikelser")
_LABELLED = re.compile(r"\s*([^\W\d][\w ()/.-]{1,40}?)\s*:\s*([^:\n]{1,60}?)[.!]?\s*")


_STATED = re.compile(r"\s*([^\W\d][\w ()/-]{1,40}?)\s+(?:var|är|blev|uppgick till)\s+"
                     r"(\d+|noll)\s*(?:%|procent)?\s*[.!]?\s*")


COLOUR_CELL_CHARS = 60


def _deviation_colour(text: str) -> Optional[TextReading]:
    """A result that is only a colour ("Röd"): with no legend, its usual meaning where that
    is a deviation; a green alone is no all-clear (the report's legend may say otherwise)."""
    if len(text) > COLOUR_CELL_CHARS:
        return None     # a colour cell is a word or three
    colour = colour_of(text)
    if colour is None or not all(w in colour_words() for w in re.findall(r"\w+", fold(text))):
        return None     # "Gul – pågår": the words beside the colour say it
    code = next(c for w, (col, c) in colour_words().items() if col == colour)
    if code not in ("avvikelser", "mindre_avvikelser"):
        # a green alone says nothing sure without the report's legend, to the classifier
        # either (writers of training data read it both ways)
        return TextReading(UNKNOWN, 0.6, f"{text.strip()} [a colour, no legend]", "label")
    return TextReading(code, DEFAULT_COLOUR_CONFIDENCE, text.strip(), "label")


# A question and its answer side by side, as a narrow table prints them: "Genomförd Ja
# Avvikelser Nej", "Följer plan Ja", "Utförd Nej".
_ANSWER = re.compile(r"(?i)\s*((?:[^\W\d][\w()/-]*\.?\s+){1,3}?)(ja|nej|delvis)\b\s*[.,;]?")


_ANY_ANSWER = re.compile(r"(?i)\b(?:ja|nej|delvis)\b")


def _answered_pairs(text: str) -> Optional[str]:
    """"Genomförd Ja Avvikelser Nej" written as its labels ("Genomförd: Ja. Avvikelser:
    Nej"), or None when the text is not only questions and their answers."""
    if ":" in text or _ANY_ANSWER.search(text) is None:
        return None
    pairs, at = [], 0
    while at < len(text):
        m = _ANSWER.match(text, at)
        if m is None:
            return None if text[at:].strip() else (". ".join(pairs) or None)
        pairs.append(f"{m.group(1).strip()}: {m.group(2)}")
        at = m.end()
    return ". ".join(pairs) or None


def _labelled_value(text: str) -> Optional[TextReading]:
    """A text that is one status label and its value ("Avvikelse: Nej."), read as the
    column it is; None for anything else."""
    as_labels = _answered_pairs(text)
    if as_labels is not None:
        read = _labelled_value(as_labels)
        if read is not None:
            read.sentence = text.strip()
            return read
    value = read_value(text)
    if value is not None and value[0] in STATUS_CODES:   # "Planerad.", "Ej utförd."
        return TextReading(value[0], 0.95, text.strip(), "label")
    colour = _deviation_colour(text)
    if colour is not None:
        return colour
    stated = _STATED.fullmatch(text)
    if stated is not None:
        # "Felprocenten var 0.", "Antal fel blev 3": a count stated of a heading word
        cell = read_cell(stated.group(1), stated.group(2).replace("noll", "0"))
        if cell is not None and cell.code in STATUS_CODES:
            return TextReading(cell.code, min(cell.confidence, 0.95), text.strip(), "label")
    if ":" not in text:
        return None       # every label below has its colon
    # parts: sentences, and the cells of a row written out ("Granskade: 50 | Fel: 0")
    parts = [p for p in re.split(r"(?<=[.!])\s+|\s+\|\s+", text.strip()) if p]
    # every part a label, or a sentence that says no status ("Stickprov 30 st.")
    if len(parts) > 1 and any(_LABELLED.fullmatch(p) for p in parts) and all(
            _LABELLED.fullmatch(p) or prose_code(p) is None for p in parts):
        # "Antal granskade: 25. Antal med fel: 0.": the labels that state a status, the
        # most severe first (a false all-clear costs most)
        read = [r for r in (_labelled_value(p) for p in _this_year(parts)) if r is not None]
        if read:
            best = min(read, key=lambda r: LABEL_SEVERITY.index(r.code))
            if best.code == "ej_utford" and any(r.code == "pagar" for r in read):
                # "Genomförd: Nej. Påbörjad: Ja.": not done, but begun
                best = next(r for r in read if r.code == "pagar")
            return TextReading(best.code, best.confidence, text.strip(), "label")
        return None
    m = _LABELLED.fullmatch(text)
    if m is not None and m.group(1).count("(") != m.group(1).count(")"):
        return None    # "Inga avvikelser 2026 (2025: 5 avvikelser)": a remark in brackets
    if m is None or heading_rule(m.group(1)).kind == "any" and not re.fullmatch(
            r"(?i)\s*(status|bedömning|resultat|läge)\s*", m.group(1)):
        return None
    cell = read_cell(m.group(1), m.group(2))
    if cell is None or cell.code not in STATUS_CODES:
        return None
    # ("Avvikelse: Ja, av mindre karaktär", "Genomförd: Nej, pågår": read_cell refines
    # the answer by the words beside it, as it does a status column's cell)
    if cell.code == "avvikelser" and _graded_minor(m.group(1)):
        # "Mindre avvikelser: i 2 av 25 ärenden ...": the label grades what it heads
        return TextReading("mindre_avvikelser", min(cell.confidence, REFINED_CONFIDENCE),
                           text.strip(), "label")
    return TextReading(cell.code, min(cell.confidence, 0.95), text.strip(), "label")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _this_year(parts: list[str]) -> list[str]:
    """"Avvikelse 2023: ja. Avvikelse 2024: nej.": labels of earlier years are context;
    the latest year's labels (and those without a year) state the status."""
    years = {}
    for p in parts:
        m = _LABELLED.fullmatch(p)
        found = _YEAR.findall(m.group(1)) if m else []
        years[p] = max(found) if found else None
    latest = max((y for y in years.values() if y), default=None)
    return [p for p in parts if years[p] in (None, latest)]


def _graded_minor(heading: str) -> bool:
    """Does the label itself grade what it heads as minor ("Mindre avvikelser", "En enstaka
    brist noterades")? Read by the rules, as the sentence it is."""
    return prose_code(heading) == "mindre_avvikelser"
