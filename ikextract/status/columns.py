"""What a status column or label says: a finding ("Inga avvikelser", "Avvikelse (Ja/Nej)": Ja,
"Ej godkänd", a colour through the legend) or only progress ("Genomförd", "Pågår").

The kind comes from the heading (status_headings.tsv) and the value (status_values.tsv): a
heading such as "Genomförd (Ja/Nej)" says what "Ja" means; a plain "Status" heading leaves it
to the value ("Genomförd" is progress, "Avvikelse" a finding).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..model import STATUS_CODES
from .normalize import fold
from .windows import CONTROL_PREFIXES
from .vocabulary import read_tsv

PROGRESS_CODES = ("pagar", "ej_paborjad", "ej_utford")
DONE = "done"
COUNT_VALUE = re.compile(r"(\d+)\s*(?:st\.?|stycken)?\s*(?:\(?\s*av\s+(\d+)\s*\)?)?\s*\.?")
NEGATED_HEADING = re.compile(r"(?i)\s*(utan|ej|inte|inga|ingen)\b")
COLUMN_CONFIDENCE = 0.97         # a vocabulary value under a heading that says what it is
FREE_TEXT_CAP = 0.9              # a status cell's free text, read by the text rules
DEFAULT_COLOUR_CONFIDENCE = 0.7  # a colour where the report has no legend
VALUE_MAX_WORDS = 6              # longer than a vocabulary value: free text
ANSWER_WORDS = frozenset(("ja", "nej", "delvis"))
REFINED_CONFIDENCE = 0.9         # an answer the words beside it refine, read by the rules
# what the words after a Ja / Nej may refine an answer into: a deviation graded minor, a
# control not carried out that is under way or not begun
REFINES = {"avvikelser": ("mindre_avvikelser",), "ej_utford": ("pagar", "ej_paborjad")}
MINOR_ONLY = re.compile(r"(?i)\W*(ringa|små|smärre|marginell[at]?|obetydlig[at]?|mindre)\W*")


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text or "")))


def _read_key(text: str) -> str:
    """The words of a short cell as the rules read them (normalize.py, surface.py): a
    scanned or abbreviated value ("Ej påbörjacl", "Ut- går", "Ej utf.") is the value."""
    from .rules import get_rules
    rules = get_rules()
    norms = [t.norm_ for t in rules.make_doc(text) if not (t.is_space or t.is_punct)]
    return " ".join(w for n in norms for w in re.findall(r"\w+", n))


@lru_cache(maxsize=1)
def _values() -> dict[str, tuple[str, str]]:
    return {_key(r["text"]): (r["code"], r["kind"]) for r in read_tsv("status_values.tsv")}


@dataclass(frozen=True)
class HeadingRule:
    words: tuple[str, ...]     # folded; a trailing * is a prefix
    kind: str                  # finding, progress, any
    yes: str
    no: str
    partial: str

    def matches(self, heading_words: list[str]) -> bool:
        if self.words[:1] and self.words[0].startswith("="):
            # "=ok": the heading is only these words (and what it asks: "OK (Ja/Nej)"),
            # not a sentence that has one ("Ok med mindre reservation")
            return [h for h in heading_words if h not in ANSWER_WORDS] == [
                w.lstrip("=") for w in self.words]
        return all(any(h.startswith(w[:-1]) if w.endswith("*") else h == w
                       for h in heading_words) for w in self.words)


@lru_cache(maxsize=1)
def _headings() -> list[HeadingRule]:
    return [HeadingRule(tuple(fold(w) for w in r["heading"].split()), r["kind"], r["yes"],
                        r["no"], r["partial"]) for r in read_tsv("status_headings.tsv")]


@lru_cache(maxsize=4096)
def heading_rule(heading: str) -> HeadingRule:
    """The rule of a heading (asked for every cell and label; a report has few headings)."""
    words = _key(heading).split()
    tried = [words]
    if heading and 0 < len(words) <= VALUE_MAX_WORDS:
        # a scanned heading ("Avvi- kelse (Ja/Nej)", "Geno- mförd"): its repaired words
        tried.append(_read_key(heading).split())
    for heading_words in tried:
        for rule in _headings():
            if rule.matches(heading_words):
                return rule
    return HeadingRule((), "any", "", "", "")


def read_value(text: str) -> Optional[tuple[str, str]]:
    """(code, kind) of a status value in the vocabulary; code may be yes/no/partial/done."""
    key = _key(text)
    hit = _values().get(key)
    if hit is None and 0 < len(key.split()) <= VALUE_MAX_WORDS:
        key = _read_key(text)
        hit = _values().get(key)
    if hit is None and key:
        # "Ja, se kommentar", "Nej." : the first word answers
        first = key.split()[0]
        if first in ("ja", "nej") and len(key.split()) <= 4:
            hit = _values()[first]
    if hit is None and len(key.split()) > 1 and key.startswith(CONTROL_PREFIXES):
        # "Kontroll OK", "Granskning klar", "Kontrollmoment utgår": the control named,
        # then its value (an answer alone says nothing of what it answers)
        rest = _values().get(key.split(" ", 1)[1])
        if rest is not None and rest[1] != "answer":
            hit = rest
    return hit


def prose_code(text: str) -> Optional[str]:
    """The code the rules read in text as prose, or None where they read none."""
    from .evidence import weigh
    from .rules import get_rules
    rules = get_rules()
    verdict = weigh(rules.hits(rules.make_doc(text)))
    return verdict.code if verdict is not None else None


def refined_answer(code: str, value: str) -> Optional[str]:
    """The code the words after an answer (Ja / Nej) give, where they say more of the same
    kind ("Ja, av mindre karaktär" is minor, "Nej, pågår" under way), else None."""
    rest = re.sub(r"(?i)^\s*(ja|nej)\b[\s,;:–-]*", "", value)
    if rest == value or not rest.strip() or code not in REFINES:
        return None
    if code == "avvikelser" and MINOR_ONLY.fullmatch(rest):
        return "mindre_avvikelser"          # "Avvikelse: Ja (ringa)"
    found = prose_code(rest)
    return found if found in REFINES[code] else None


@dataclass
class CellReading:
    heading: str
    text: str
    kind: str          # finding or progress
    code: str          # a status code, or DONE
    confidence: float
    via: str = ""      # how: legend, default colour, text rules

    @property
    def evidence(self) -> str:
        e = f"column '{self.heading}': {self.text.strip()}"
        return f"{e} ({self.via})" if self.via else e


def read_cell(heading: str, text: str, legend: Optional[dict] = None) -> Optional[CellReading]:
    """What one status column or label says, or None when it says nothing."""
    from .legend import colour_of, colour_words

    text = (text or "").strip()
    if not text:
        return None
    rule = heading_rule(heading)
    value = read_value(text)
    if value is not None:
        code, kind = value
        if code in ("yes", "no", "partial"):
            mapped = {"yes": rule.yes, "no": rule.no, "partial": rule.partial}[code]
            if not mapped:
                return None         # "Ja" under a heading that does not say what it answers
            refined = refined_answer(mapped, text)
            confidence = COLUMN_CONFIDENCE if refined is None else REFINED_CONFIDENCE
            mapped = refined or mapped
            kind = "progress" if mapped in PROGRESS_CODES + (DONE,) else "finding"
            if rule.kind == "progress":
                kind = "progress"
            return CellReading(heading, text, kind, mapped, confidence)
        return CellReading(heading, text, kind, code, COLUMN_CONFIDENCE)
    count = COUNT_VALUE.fullmatch(text)
    if count is not None and rule.yes in ("avvikelser", "mindre_avvikelser") and rule.no:
        # "Antal fel: 0 av 25", "Med anmärkning: 6": how many were found under a heading
        # that counts deviations
        found, of = int(count.group(1)), count.group(2)
        if NEGATED_HEADING.match(heading):
            # "Utan brister: 30 av 30": how many were clear; all of them is no deviation
            if of is None:
                return None
            code = rule.no if found == int(of) else rule.yes
        else:
            code = rule.no if found == 0 else rule.yes
        return CellReading(heading, text, "finding", code, COLUMN_CONFIDENCE)
    colour = colour_of(text)
    if colour is not None:
        worded = _without_colour(text)
        if worded:
            # "pågår (gul)": the cell's words say what the colour stands for
            reading = read_cell(heading, worded, legend)
            if reading is not None:
                return reading
        entry = (legend or {}).get(colour)
        if entry is not None:
            return CellReading(heading, text, entry.kind, entry.code, COLUMN_CONFIDENCE - 0.02,
                               f"legend: {entry.colour} = {entry.text}")
        default = next(c for w, (col, c) in colour_words().items() if col == colour)
        if default not in STATUS_CODES or default == "okand":
            return None      # grey, blue, white: only the report's legend says what they mean
        return CellReading(heading, text, "finding", default, DEFAULT_COLOUR_CONFIDENCE,
                           "no legend in the report; usual meaning")
    # Free text in a status cell ("Inga avvikelser noterade", "Arbetet pågår").
    from .classify import classify_text
    d = classify_text(text)
    if d.code == "okand":
        return None
    kind = "progress" if d.code in PROGRESS_CODES else "finding"
    return CellReading(heading, text, kind, d.code, min(d.confidence, FREE_TEXT_CAP))


def _without_colour(text: str) -> str:
    """A cell's text without its colour words and the brackets around them ("pågår (gul)"
    -> "pågår"), or "" where nothing but the colour is left."""
    from .legend import colour_words

    rest = re.sub(r"[^\W\d_]+", lambda m: "" if fold(m.group(0)) in colour_words()
                  else m.group(0), text)
    rest = re.sub(r"\(\s*\)|\[\s*\]", " ", rest).strip(" ,;:.-–—()")
    return rest if re.search(r"[^\W\d_]", rest) else ""
