"""Report metadata (title, organisation, municipality, year, period, diarienummer) read from
the document: the title, the lines around it, the letterhead, and the first paragraphs."""
from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ikextract.model import Document, ReportMeta, Table, TextBlock

FRONT_BLOCKS = 12          # text blocks read as the report's front matter
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
DIARIENUMMER = re.compile(
    r"\b(?:diarienummer|diarienr|dnr|dnr\.)\s*[:.]?\s*([A-ZÅÄÖ]{1,6}[ .]?\d{2,4}[-/.:]\d{1,6}(?:[-/.:]\d+)?)",
    re.I)
MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?) (kommun|stad|region)\b")


@lru_cache(maxsize=1)
def _vocab() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    with open(Path(__file__).with_name("meta.tsv"), encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("# ")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        out.setdefault(row["kind"], []).append((row["word"], row["value"]))
    return out


def read_meta(doc: Document) -> ReportMeta:
    blocks = [i for i in doc.items if isinstance(i, TextBlock)]
    front = blocks[:FRONT_BLOCKS]
    title = _title(doc, blocks)
    front_text = "\n".join(b.text for b in front)
    margins = "\n".join(doc.margin_texts)
    body_text = "\n".join(b.text for b in blocks)
    return ReportMeta(
        title=title,
        organisation=_organisation(title, front, margins, body_text),
        municipality=_municipality([title or "", margins, front_text, body_text]),
        year=_year(title, front_text, margins, body_text),
        period=_period(title, front_text),
        diarienummer=_diarienummer([title or "", margins, front_text, body_text]),
    )


def _title(doc: Document, blocks: list[TextBlock]) -> str | None:
    headings = [b for b in blocks[:FRONT_BLOCKS] if b.kind == "heading"]
    if headings:
        top = min(h.level if h.level is not None else 9 for h in headings)
        for h in headings:
            if (h.level if h.level is not None else 9) == top:
                return " ".join(h.text.split())
    if doc.properties.get("title"):
        return doc.properties["title"].strip()
    return " ".join(blocks[0].text.split()) if blocks else None


def _organisation(title, front, margins, body_text) -> str | None:
    names = dict(_vocab()["organisation_name"])
    suffixes = tuple(w for w, _ in _vocab()["organisation_suffix"])
    word = re.compile(r"[A-ZÅÄÖa-zåäö-]+")

    def find(text: str, standalone_only: bool = False) -> str | None:
        for token in word.findall(text or ""):
            low = token.lower()
            # "Kommunstyrelsens" (genitive) names the board too
            base = low[:-1] if low.endswith("s") and (low[:-1] in names or low[:-1].endswith(suffixes)) else low
            if base in names:
                return names[base]
            if base.endswith(suffixes) and len(base) > 9 and not standalone_only:
                return base[:1].upper() + base[1:]
        return None

    # A line that is only a board's name (under the title, or in the letterhead) is best.
    for block in front:
        line = block.text.strip()
        if " " not in line and find(line):
            return find(line)
    for text in (title, margins):
        if find(text):
            return find(text)
    for block in front:
        if find(block.text):
            return find(block.text)
    counts = Counter(find(m) for m in re.findall(r"\S+", body_text or "") if find(m))
    return counts.most_common(1)[0][0] if counts else None


def _municipality(texts: list[str]) -> str | None:
    for text in texts:
        m = MUNICIPALITY.search(text or "")
        if m and m.group(1).lower() not in ("hela", "varje", "vår", "denna", "en", "den", "samma"):
            return f"{m.group(1)} {m.group(2)}"
    return None


def _year(title, front_text, margins, body_text) -> int | None:
    if title:
        years = YEAR.findall(title)
        if years:
            return int(years[-1])
    m = re.search(r"\bper\s+(?:\d{1,2}\s+)?[a-zåäö]+\s+(\d{4})\b", front_text + "\n" + body_text)
    if m:
        return int(m.group(1))
    for text in (front_text, margins, body_text):
        years = YEAR.findall(text or "")
        if years:
            # The plan year is the one most often named (reports also cite last year's).
            return int(Counter(years).most_common(1)[0][0])
    return None


def _period(title, front_text) -> str | None:
    text = (title or "").lower()
    for word, value in sorted(_vocab()["period"], key=lambda t: -len(t[0])):
        if word in text:
            return value
    months = [w for w, _ in _vocab()["month"]]
    m = re.search(r"\bper\s+(?:\d{1,2}\s+)?(" + "|".join(months) + r")\b",
                  (title or "") + "\n" + front_text, re.I)
    if m:
        return m.group(1).lower()
    # An annual follow-up of the plan unless it says otherwise.
    return "helår"


def _diarienummer(texts: list[str]) -> str | None:
    for text in texts:
        m = DIARIENUMMER.search(text or "")
        if m:
            return " ".join(m.group(1).split())
    return None
