"""The Swedish words of layouts, loaded from the .tsv files beside this module (one loader)."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
# Fields a table must map (at least one) to count as a control table.
CORE_FIELDS = {"control", "risk", "result", "process", "method"}
# Pseudo-fields of columns and labels that state a status. Their text goes to
# ControlRow.status_cells (the status stage reads it) and to extra, never to a contract field.
# STATUS, a "Status" column, also fills ControlRow.status_text as before; STATUS_CELL is any
# other ("Genomförd", "Avvikelse (Ja/Nej)", a colour, a verdict "Bedömning").
STATUS = "status_text"
STATUS_CELL = "status_cell"
STATUS_FIELDS = {STATUS, STATUS_CELL}


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    with open(HERE / name, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("# ")]
    return tuple(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def normalise_heading(text: str) -> str:
    """Heading text as matched: lower case, words wrapped with a hyphen rejoined
    ("Risk-\\nvärde" -> "riskvärde"), trailing colons and stray punctuation dropped."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = re.sub(r"(\w)-\s+(?=[a-zåäö])", r"\1", text)
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"[:;*()\[\]\"”“]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,-")
    return text


def fold(text: str) -> str:
    """Case, punctuation and diacritics folded ("Åtgärd:" -> "atgard"), for matching forms
    that OCR or a template spelled differently."""
    text = unicodedata.normalize("NFKD", normalise_heading(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class HeadingEntry:
    phrase: str
    field: str
    fallback: str | None
    exact: bool


@lru_cache(maxsize=1)
def heading_entries() -> tuple[HeadingEntry, ...]:
    out = []
    for row in read_tsv("headers.tsv"):
        out.append(HeadingEntry(normalise_heading(row["phrase"]) or row["phrase"], row["field"],
                                row["fallback"] or None, row["match"] == "exact"))
    return tuple(out)


@dataclass(frozen=True)
class HeadingMatch:
    field: str
    fallback: str | None
    score: float


def match_heading(text: str) -> HeadingMatch | None:
    """The field a column heading names in the vocabulary, or None. Longest phrase wins; a
    phrase at the start of the heading beats one further in ("Risk i verksamheten ...
    ansvarsområde/process")."""
    norm = normalise_heading(text)
    if not norm or len(norm) > 160:
        return None
    best: HeadingMatch | None = None
    for e in heading_entries():
        if e.exact:
            if norm != e.phrase:
                continue
            score = 1000 + len(e.phrase)
        else:
            m = re.search(r"(?<![\wåäö])" + re.escape(e.phrase) + r"(?![\wåäö])", norm)
            if not m:
                continue
            score = len(e.phrase) + (500 if m.start() == 0 else 0) + (500 if norm == e.phrase else 0)
        if best is None or score > best.score:
            best = HeadingMatch(e.field, e.fallback, score)
    return best


@lru_cache(maxsize=1)
def paragraph_labels() -> dict[str, str]:
    return {normalise_heading(r["label"]): r["field"] for r in read_tsv("labels.tsv")}


@lru_cache(maxsize=None)
def value_words(kind: str) -> dict[str, str]:
    """values.tsv words of one kind (folded) -> their value."""
    return {fold(r["word"]): r["value"] for r in read_tsv("values.tsv") if r["kind"] == kind}


def follows_plan_value(text: str | None) -> bool | None:
    if not text:
        return None
    words = value_words("yes_no")
    word = fold(text.split("\n")[0])
    value = words.get(word)
    if value is None:
        value = words.get(word.split(" ")[0] if word else "")
    return None if value is None else value == "true"
