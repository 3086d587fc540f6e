"""Report metadata (title, organisation, municipality, year, period, diarienummer) read from
the document: the title, the lines around it, the letterhead, and the first paragraphs.
The Swedish words are in meta.tsv."""
from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ikextract.model import Document, ReportMeta, Table, TextBlock

FRONT_BLOCKS = 12          # text blocks read as the report's front matter
SHORT_LINE_WORDS = 8
BODY_MENTIONS = 2          # times a board is named in the body to count as the report's       # a bare diarienummer stands on a short line (under a title, a date)
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
# After a label the series letters may be missing ("Dnr 2022/114").
DIARIENUMMER_NUMBER = r"((?:[A-ZÅÄÖ]{1,6}[ .]?)?\d{2,4}[-/.:]\d{1,6}(?:[-/.:]\d+)?)(?![\w/])"
# A bare one ("BUN 2023/77") must look like a board's series and a year: capitals, a space,
# a four-digit year, a separator and a serial number.
BARE_DIARIENUMMER = re.compile(r"(?<![\w/.-])([A-ZÅÄÖ]{2,6} (?:19|20)\d{2}[-/.]\d{1,5})(?![\w/])")
WORD = r"[^\W\d_]"


@lru_cache(maxsize=1)
def _vocab() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    with open(Path(__file__).with_name("meta.tsv"), encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("# ")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        out.setdefault(row["kind"], []).append((row["word"], row["value"]))
    return out


def _words(kind: str) -> list[str]:
    return [w for w, _ in _vocab().get(kind, [])]


def read_meta(doc: Document) -> ReportMeta:
    blocks = _front_blocks(doc)
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
        diarienummer=_diarienummer(title, front, margins, body_text),
    )


def _front_blocks(doc: Document) -> list[TextBlock]:
    """The text blocks, with the cells of tables among the front matter (a letterhead or a
    Datum/Dnr box printed as a table) read as lines of it."""
    out: list[TextBlock] = []
    for item in doc.items:
        if isinstance(item, TextBlock):
            out.append(item)
        elif isinstance(item, Table) and len(out) < FRONT_BLOCKS and item.n_rows <= 6:
            seen = set()
            for row in item.rows:
                line = [c.text for c in row if id(c) not in seen and not seen.add(id(c))
                        and c.text.strip()]
                if line:
                    out.append(TextBlock("  ·  ".join(" ".join(t.split()) for t in line)))
    return out


# ---------------------------------------------------------------- title

def _title(doc: Document, blocks: list[TextBlock]) -> str | None:
    front = blocks[:FRONT_BLOCKS]
    lines = [" ".join(b.text.split()) for b in front]
    # The document's own title property, where the front page prints it.
    prop = " ".join((doc.properties.get("title") or "").split())
    if prop and prop in lines:
        return prop
    # A heading or bold line that reads as a report title ("Uppföljning av
    # internkontrollplan 2022"), before any other heading.
    words = tuple(w.lower() for w in _words("title_word"))
    candidates = [(b, line) for b, line in zip(front, lines)
                  if (b.kind == "heading" or b.bold) and any(w in line.lower() for w in words)
                  and len(line.split()) <= 16]
    if candidates:
        # A covering letter (tjänsteskrivelse) names the matter in a heading ("Uppföljning av
        # intern kontroll 2024 för överförmyndarnämnden"); the report's own title, printed in
        # the document's title style (level 0) further on, is the title.
        titled = [" ".join(b.text.split()) for b in blocks[:2 * FRONT_BLOCKS]
                  if b.kind == "heading" and b.level == 0]
        first = candidates[0]
        if titled and not (first[0].kind == "heading" and first[0].level == 0) \
                and first[1].lower().startswith(titled[0].lower()):
            return titled[0]
        return first[1]
    headings = [b for b in front if b.kind == "heading"]
    if headings:
        top = min(h.level if h.level is not None else 9 for h in headings)
        for h in headings:
            if (h.level if h.level is not None else 9) == top:
                return " ".join(h.text.split())
    if prop:
        return prop
    return lines[0] if lines else None


# ---------------------------------------------------------------- organisation

@lru_cache(maxsize=1)
def _board_pattern() -> re.Pattern:
    """A board's name: an optional coordination ("Miljö- och ", "Gymnasie- och "), an
    optional adjective before a bare head ("Tekniska nämnden"), and a word ending in a
    board word (nämnden, styrelsen ...), perhaps in the genitive."""
    suffixes = "|".join(re.escape(w) for w in sorted(_words("organisation_suffix"), key=len,
                                                    reverse=True))
    joins = "|".join(re.escape(w) for w in _words("coordinator"))
    coordination = rf"(?:{WORD}+-\s*(?:,\s*{WORD}+-\s*)*\s(?:{joins})\s+)"
    return re.compile(
        rf"(?<![\w-])(?P<coord>{coordination})?(?P<adj>{WORD}{{5,}}a\s+)?"
        rf"(?P<head>{WORD}*(?:{suffixes}))(?P<gen>s)?(?![\w-])", re.I)


def _format_board(match: re.Match) -> str | None:
    names = dict(_vocab()["organisation_name"])
    head = match.group("head")
    coord, adj = match.group("coord") or "", match.group("adj") or ""
    bare = head.lower() in _words("organisation_suffix")
    if bare:
        # "nämnden" alone is any board; only a capitalised adjective makes it a name.
        if not adj or not adj[:1].isupper() or coord:
            return None
        text = adj + head
    else:
        text = coord + head
    text = " ".join(text.split()).lower()
    if text in names:
        return names[text]
    return text[:1].upper() + text[1:]


def find_board(text: str, whole_line: bool = False) -> str | None:
    """The first board named in text ("SOCIALNÄMNDEN" -> "Socialnämnden")."""
    for m in _board_pattern().finditer(text or ""):
        if whole_line and (text[:m.start()].strip(" \t:·,") or text[m.end():].strip(" \t.·,")):
            continue
        name = _format_board(m)
        if name:
            return name
    names = dict(_vocab()["organisation_name"])
    for token in re.findall(rf"{WORD}+", text or ""):
        low = token.lower()
        low = low[:-1] if low.endswith("s") and low[:-1] in names else low
        if low in names and (not whole_line or text.strip(" \t:·,.").lower() in (low, low + "s")):
            return names[low]
    return None


def _organisation(title, front, margins, body_text) -> str | None:
    # A line, or a part of a line ("Tekniska nämnden, 2022-02-10", "Nämnd: ..."), that is
    # only a board's name (under the title, or in the letterhead) is best.
    for line in [b.text for b in front] + margins.split("\n"):
        for part in re.split(r"\t+|\s{3,}|\s·\s|,\s", line):
            part = re.sub(rf"^{WORD}+:\s*", "", part.strip())
            part = _without_municipality(part)
            name = find_board(part.strip(), whole_line=True)
            if name:
                return name
    for text in (title, margins):
        name = find_board(text or "")
        if name:
            return name
    # Named in running text: only a board named more than once is the report's own (a
    # report also cites others: "Kommunstyrelsen har uppsiktsplikt").
    counts = Counter(_format_board(m) for m in _board_pattern().finditer(body_text or ""))
    counts.pop(None, None)
    # A board named once in passing ("i samråd med Socialnämnden") is not the report's own.
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= BODY_MENTIONS else None


def _without_municipality(part: str) -> str:
    """"Socialnämnden i Dalby kommun" -> "Socialnämnden": a board's line may say where."""
    for m in _municipality_pattern().finditer(part):
        if not part[m.end():].strip(" ."):
            before = part[:m.start()].rstrip()
            words = before.split()
            if words and words[-1].lower() in _words("place_preposition"):
                return " ".join(words[:-1])
    return part


# ---------------------------------------------------------------- municipality

@lru_cache(maxsize=1)
def _municipality_pattern() -> re.Pattern:
    kinds = "|".join(re.escape(w) for w in _words("municipality_word"))
    name = r"[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?"
    caps = r"[A-ZÅÄÖÉ]{3,}(?:[- ][A-ZÅÄÖÉ]{3,})?"
    return re.compile(rf"\b(?:(?P<name>{name}) (?P<kind>{kinds})|(?P<caps>{caps}) "
                      rf"(?P<capskind>{kinds.upper()}))\b")


def _municipality(texts: list[str]) -> str | None:
    generic = set(_words("not_municipality"))
    for text in texts:
        for m in _municipality_pattern().finditer(text or ""):
            if m.group("name"):
                name, kind = m.group("name"), m.group("kind")
            else:
                name, kind = m.group("caps").title(), m.group("capskind").lower()
            # "SOCIALNÄMNDEN LINDESFORS KOMMUN" (a letterhead's tab lost): the board's name
            # is no part of the municipality's.
            words = name.split()
            if len(words) == 2 and find_board(words[0], whole_line=True):
                name = words[1]
            if name.lower() not in generic:
                return f"{name} {kind}"
    return None


# ---------------------------------------------------------------- year, period

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
    """From the title: a numbered period ("delår 2"), else a month after "per" (in the title
    or the front matter: "per augusti"), else a period word ("helår"); an annual follow-up
    of the plan unless it says otherwise."""
    text = (title or "").lower()
    phrases = sorted(_vocab()["period"], key=lambda t: -len(t[0]))

    def found(word: str) -> bool:
        return bool(re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)) or (
            " " not in word and len(word) > 6 and word in text)

    for word, value in phrases:
        if re.search(r"\d", word) and found(word):
            return value
    months = _words("month")
    m = re.search(r"\bper\s+(?:\d{1,2}\s+)?(" + "|".join(months) + r")\b",
                  (title or "") + "\n" + front_text, re.I)
    if m:
        return m.group(1).lower()
    for word, value in phrases:
        if found(word):
            return value
    return "helår"


# ---------------------------------------------------------------- diarienummer

@lru_cache(maxsize=1)
def _diarienummer_pattern() -> re.Pattern:
    labels = "|".join(re.escape(w) for w in sorted(_words("diarienummer_label"), key=len,
                                                  reverse=True))
    return re.compile(rf"\b(?:{labels})\s*[:.]?\s*{DIARIENUMMER_NUMBER}", re.I)


def _diarienummer(title, front, margins, body_text) -> str | None:
    for text in (title or "", margins, "\n".join(b.text for b in front), body_text):
        m = _diarienummer_pattern().search(text or "")
        if m:
            return " ".join(m.group(1).split())
    # Printed bare near the title or the date: a short front line, or the letterhead.
    not_series = set(_words("not_diarienummer"))
    lines = [b.text for b in front] + margins.split("\n")
    for line in lines:
        for part in re.split(r"\t+| · |\s{3,}|,", line):
            if len(part.split()) > SHORT_LINE_WORDS:
                continue
            for m in BARE_DIARIENUMMER.finditer(part):
                if m.group(1).split()[0] not in not_series:
                    return m.group(1)
    return None
