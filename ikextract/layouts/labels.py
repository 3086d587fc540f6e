"""Labelled paragraphs ("Resultat: ...", a bold "Kommentar" on its own line) and the collector
that puts them into a row's fields, status_cells or extra."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ikextract.layouts.meaning import (Meaning, content_meaning, heading_meaning,
                                      is_risk_level_text, is_risk_statement, label_meaning)

from ikextract.layouts.vocabulary import STATUS, STATUS_CELL, STATUS_FIELDS, follows_plan_value
from ikextract.model import ControlRow, TextBlock
from ikextract.text.normalize import ends_sentence

# "Label: text": a label of one to five words before a colon, starting with a letter.
_COLON_LABEL = re.compile(r"^\s*([^\W\d_][^\n:]{0,45}?)\s*:\s*(.*)$", re.S)
_DASH_LABEL = re.compile(r"^\s*([^\W\d_][^\n\t–—:]{0,40}?)(?:\s+[–—-]\s+|\t+)(\S.*)$", re.S)
MAX_LABEL_WORDS = 5
MAX_UNKNOWN_LABEL_WORDS = 3
MAX_UNKNOWN_LABEL_CHARS = 25
MAX_OWN_LINE_WORDS = 4
OWN_LINE_EVIDENCE = ("vocabulary", "folded", "stem", "question")


@dataclass
class Label:
    text: str                  # the label as printed, without its colon
    field: str | None          # None: a label that names no field (its text goes to extra)
    rest: str                  # text after the label in the same paragraph
    meaning: Meaning | None = None


def read_label(block: TextBlock, allow_unknown: bool = False) -> Label | None:
    """The label a paragraph starts with, if it has one. allow_unknown: inside a control
    block, a short capitalised "Word:" that names no field is still a label (-> extra)."""
    text = block.text or ""
    if NAMED_TITLE.match(" ".join(text.split())):
        return None      # "Kontroll 1: Attest", "Risk 2 – ...": a title, not a label
    m = _COLON_LABEL.match(text)
    if m and len(m.group(1).split()) <= MAX_LABEL_WORDS and not re.search(r"https?$", m.group(1)):
        name = m.group(1).strip()
        meaning = label_meaning(name)
        # A word of a longer label that only shares a stem ("Noteringar om underlag") is too
        # weak: such a label is kept in extra under its own name.
        if meaning is not None and (meaning.from_vocabulary or meaning.whole):
            return Label(name, meaning.field, m.group(2).strip(), meaning)
        # An unknown one must look like a label, not a sentence ending in a colon ("Stickprov
        # visade följande: två fakturor ..."): few words, and its text starts anew.
        rest = m.group(2).strip()
        if allow_unknown and name[:1].isupper() and len(name.split()) <= MAX_UNKNOWN_LABEL_WORDS \
                and (not rest or rest[:1].isupper() or rest[:1].isdigit()):
            return Label(name, None, rest)
        return None
    # "Risk – text", "Resultat\ttext": a known label before a dash or a tab.
    m = _DASH_LABEL.match(text)
    if m and len(m.group(1).split()) <= MAX_OWN_LINE_WORDS:
        meaning = label_meaning(m.group(1))
        if meaning is not None and meaning.whole:
            return Label(m.group(1).strip(), meaning.field, m.group(2).strip(), meaning)
    # A label on its own line, without a colon: short, not a sentence, and the whole line is
    # the label ("Resultat", not a title holding a label word).
    line = " ".join(text.split())
    if line and "\n" not in text.strip() and len(line.split()) <= MAX_OWN_LINE_WORDS \
            and not ends_sentence(line):
        meaning = label_meaning(line)
        # Without a colon only the vocabulary's own words (in any inflection) make a label:
        # "Läkemedelshantering" is a title, not the label "hantering".
        if meaning is not None and meaning.whole and meaning.how in OWN_LINE_EVIDENCE:
            return Label(line, meaning.field, "", meaning)
    return None


def is_label_line(block: TextBlock) -> bool:
    """A line that is wholly a label the vocabulary knows ("Kontrollmoment", "Resultat"),
    whatever its font or heading style: a label by its words."""
    if re.match(r"\s*\d", block.text or ""):
        return False     # "6 Slutsats" is a numbered section of the report, not a label
    label = read_label(block)
    return label is not None and label.field is not None and not label.rest \
        and label.meaning is not None and label.meaning.whole


def looks_like_label(block: TextBlock) -> bool:
    """A short capitalised line with no digits or sentence marks ("Syfte", "Hur ofta"):
    shaped as a label, whatever its words."""
    line = " ".join((block.text or "").split()).rstrip(":")
    return 0 < len(line.split()) <= MAX_UNKNOWN_LABEL_WORDS - 1 and line[:1].isupper() \
        and not re.search(r"[.,;:!?()\d]", line) and len(line) <= MAX_UNKNOWN_LABEL_CHARS \
        and "\n" not in (block.text or "").strip()


class LabelCollector:
    """Puts a block's labelled paragraphs into its row. A paragraph without a label continues
    the label before it (a result of several paragraphs)."""

    def __init__(self, row: ControlRow, title_level: int | None = None,
                 styled_unknown: bool = False):
        self.row = row
        # styled_unknown: in a section of labelled paragraphs, a short line styled as its
        # labels are (bold, or a heading of the title's rank as a PDF prints them) is a
        # label even where no word of it is known ("Syfte", "Genomförande").
        self.styled_unknown = styled_unknown
        # Headings below the section's own title may be labels ("Resultat" as Heading 3);
        # a heading of the title's rank or above opens something else.
        self.title_level = title_level
        self.label: Label | None = None
        self.labels: list[str] = []
        self.parsed: list[str] = []
        self.inferred: list[str] = []
        self.filled: set[str] = set()     # fields that labelled text went to
        self._started = False

    def take(self, block: TextBlock, allow_unknown: bool = True) -> bool:
        """True if the paragraph belonged to the block."""
        # A heading printed as a label ("Resultat:", or, at the title's own rank, a line
        # that is wholly a known label, as a PDF's bold label lines read as headings of the
        # title's size) is one; another heading of the title's rank or above opens
        # something else ("Samlad bedömning" over the whole report).
        if block.kind == "heading" and not block.text.rstrip().endswith(":") and (
                self.title_level is None or block.level is None
                or block.level <= self.title_level) and not (
                block.level is not None and block.level == self.title_level
                and (is_label_line(block) or self.styled_unknown and looks_like_label(block))):
            return False
        label = read_label(block, allow_unknown=allow_unknown)
        if label is None and self.styled_unknown and looks_like_label(block) \
                and (block.bold or block.kind == "heading"):
            label = Label(" ".join(block.text.split()), None, "")
        if label is not None:
            self.label = label
            self._started = False
            self.labels.append(label.text)
            if label.field is None:
                self.inferred.append(f"label '{label.text}' not recognised; its text is kept "
                                     f"in extra")
            if label.rest:
                self._add(label.rest)
            return True
        if self.label is None or block.kind == "heading":
            return False
        if self._unknown_own_line_label(block):
            self.label = Label(" ".join(block.text.split()), None, "")
            self._started = False
            self.labels.append(self.label.text)
            self.inferred.append(f"label '{self.label.text}' not recognised; its text is kept "
                                 f"in extra")
            return True
        self._add(block.text)
        return True

    def _unknown_own_line_label(self, block: TextBlock) -> bool:
        """Where labels stand on their own lines, a short capitalised line after a label's
        text ("Analys") is the next label even if it names no field."""
        line = " ".join(block.text.split())
        own_line = self.label is not None and not self.label.rest
        return (own_line and self._started and 0 < len(line.split()) <= MAX_UNKNOWN_LABEL_WORDS - 1
                and line[:1].isupper() and not re.search(r"[.,;:!?)\d]", line)
                and len(line) <= MAX_UNKNOWN_LABEL_CHARS)

    def _add(self, text: str) -> None:
        label = self.label
        if label.field is None and label.meaning is None and not self._started:
            self._by_content(label, text)
        if label.field is not None and label.meaning is not None and not self._started:
            label.field = field_for(self.row, label.meaning, text)
            if not label.meaning.from_vocabulary:
                # Named once its text decided the field ("Förbättringsåtgärd" after a
                # Kontroll is the comment, not a second control).
                shown = "a status" if label.field in STATUS_FIELDS else label.field
                fallback = (f", and the row already holds {label.meaning.field}"
                            if label.field == label.meaning.fallback != label.meaning.field else "")
                self.inferred.append(f"label '{label.text}' read as {shown}: "
                                     f"{label.meaning.reason}{fallback}")
        self._started = True
        if label.field is not None and text.strip():
            self.filled.add(label.field)
        add_labelled(self.row, label.text, label.field, text, self.parsed)


    def _by_content(self, label: Label, text: str) -> None:
        field_name = label_by_content(self.row, label.text, text)
        if field_name is not None:
            label.field = field_name
            self.inferred = [w for w in self.inferred
                             if not w.startswith(f"label '{label.text}' not recognised")]
            self.inferred.append(f"label '{label.text}' read as "
                                 f"{'a status' if field_name in STATUS_FIELDS else field_name}: "
                                 f"its text reads as one")


# What an unknown label's text alone may show: one value is too little for an area or a
# free-text guess, enough for a frequency phrase, a role name, Ja/Nej or a progress word.
CONTENT_LABEL_FIELDS = {"frequency", "responsible", "risk_value", STATUS_CELL}


def label_by_content(row: ControlRow, label: str, text: str) -> str | None:
    """The field an unknown label's text reads as, if the row does not hold it yet."""
    taken = {f for f in ("frequency", "responsible", "risk_value") if getattr(row, f) is not None}
    m = content_meaning(label, [text], taken)
    if m is None or m.field not in CONTENT_LABEL_FIELDS or m.field in taken:
        return None
    return m.field


def field_for(row: ControlRow, meaning: Meaning, text: str) -> str:
    """The field a label's text goes to: its meaning's field, or its fallback where the row
    already holds that field ("Åtgärd" after "Kontrollmoment" is the comment); a risk-level
    label ("Bedömning") whose text is a verdict ("Godkänd"), not a level, states a status."""
    name = meaning.field
    if name not in STATUS_FIELDS and name is not None and meaning.fallback and getattr(row, name, None):
        name = meaning.fallback
    if name == "risk_level" and not is_risk_level_text(text):
        name = STATUS_CELL
    return name


def add_labelled(row: ControlRow, label: str, field: str | None, text: str,
                 parsed: list[str]) -> None:
    """Text under a label or heading into the row: its field, status_cells, or extra."""
    text = text.strip()
    if not text:
        return
    if field is None or field == "number":
        if field == "number" and row.number is None:
            row.number = text.strip(" .):")
            return
        row.extra[label] = text if label not in row.extra else row.extra[label] + "\n" + text
    elif field in STATUS_FIELDS:
        # A status column or label has no contract field of its own: the status stage reads
        # it from status_cells, and its words are kept in extra under their label.
        row.status_cells.append((label, text))
        if field == STATUS and row.status_text is None:
            row.status_text = text
        row.extra[label] = text if label not in row.extra else row.extra[label] + "\n" + text
    elif field == "follows_plan":
        value = follows_plan_value(text)
        if value is None or row.follows_plan is not None:
            row.extra[label] = text
        else:
            row.follows_plan = value
            parsed.append(text)
    elif field == "risk_value":
        m = re.fullmatch(r"\s*(\d{1,4})\s*", text)
        if m and row.risk_value is None:
            row.risk_value = int(m.group(1))
            parsed.append(text)
        else:
            from ikextract.layouts.grid import parse_risk_value   # grid imports this module
            if row.risk_value is None:
                row.risk_value = parse_risk_value(text)     # "3 x 4 = 12", "Hög (12)"
            row.extra[label] = text     # the words beside the number are kept
    else:
        current = getattr(row, field)
        setattr(row, field, text if not current else current + "\n" + text)


# ---------------------------------------------------------------- titles of control sections

# "3.2 Attest av leverantörsfakturor", "3.2. ...", "Kontroll 4:" is not a number.
SECTION_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?=\S)")
MAX_TITLE_WORDS = 18
# How many lines after a title's first, unknown label may come before a known one.
TITLE_LOOKAHEAD = 4


def title_level(block) -> int | None:
    """The heading level of a section's title; a bold or numbered paragraph title ranks
    below every heading style."""
    if isinstance(block, TextBlock) and block.kind == "heading":
        return block.level
    return 9


def is_title(items: list, i: int) -> bool:
    """A heading (or bold or numbered short paragraph) that opens a control section: the
    paragraph after it is a label naming a field, or a label/value table follows."""
    block = items[i]
    if not isinstance(block, TextBlock) or read_label(block) is not None:
        return False
    line = " ".join(block.text.split())
    if not line or "\n" in block.text.strip() or len(line.split()) > MAX_TITLE_WORDS:
        return False
    if not (block.kind == "heading" or block.bold or SECTION_NUMBER.match(line)):
        return False
    if block.kind != "heading" and not block.bold and ends_sentence(line):
        return False     # "27 av 30 ärenden var handlagda i tid." is a sentence, not a title
    nxt = items[i + 1] if i + 1 < len(items) else None
    if not isinstance(nxt, TextBlock):
        return False
    label = read_label(nxt)
    if label is not None and label.field is not None:
        return True
    # A first label no word of which is known ("Syfte"), styled as labels are, with a known
    # label in the lines after it.
    unknown = read_label(nxt, allow_unknown=True)
    if unknown is None:
        if not (looks_like_label(nxt) and (nxt.bold or nxt.kind == "heading")):
            return False
        # A label on its own line has its text below it; a line followed by a label is
        # itself a title ("Gata och park" over "Vinterväghållning", "Kontrollmoment:").
        after = items[i + 2] if i + 2 < len(items) else None
        if not isinstance(after, TextBlock) or read_label(after) is not None \
                or after.kind == "heading" or after.bold:
            return False
    for item in items[i + 2:i + 2 + TITLE_LOOKAHEAD]:
        if not isinstance(item, TextBlock):
            return False
        known = read_label(item)
        if known is not None and known.field is not None:
            return True
    return False


def split_number(title: str) -> tuple[str | None, str]:
    line = " ".join(title.split())
    m = SECTION_NUMBER.match(line)
    if m:
        return m.group(1), line[m.end():]
    return None, line


# "Kontrollpunkt 3", "Risk 2": a word and a number only, the word naming the kind of record.
NUMBERED_NAME = re.compile(r"^\s*([^\W\d_]+)\s+(\d{1,3}(?:\.\d{1,2})*)\s*:?\s*$")
# "Risk 1 – Felaktiga utbetalningar", "Kontroll 2: Attest": a word, a number, then the text.
NAMED_TITLE = re.compile(r"^([^\W\d_]+)\s+(\d{1,3}(?:\.\d{1,2})*)\s*[–—:-]\s*(\S.*)$")


def place_title(row: ControlRow, title: str, labels: list[str]) -> None:
    """A section title names the control's subject: its number goes to number, its words to
    the first of risk, process, control the labels left empty (else to extra); a title that
    is a name, not a risk statement, tries process before risk. A title that
    is only a word and a number ("Kontrollpunkt 3") gives the number; the word is a label."""
    m = NUMBERED_NAME.match(title)
    if m and row.number is None:
        row.number = m.group(2)
        labels.append(m.group(1))
        return
    named = NAMED_TITLE.match(" ".join(title.split()))
    if named and row.number is None:
        # "Risk 1 – Felaktiga utbetalningar": the word names what the text is, when it is a
        # subject field ("Risk"); the number is the row's.
        row.number = named.group(2)
        labels.append(named.group(1))
        text = named.group(3)
        meaning = label_meaning(named.group(1))
        order = ("risk", "process", "control") if is_risk_statement(text) \
            else ("process", "risk", "control")
        if meaning is not None and meaning.field in ("risk", "process"):
            order = (meaning.field,) + tuple(n for n in order if n != meaning.field)
    else:
        number, text = split_number(title)
        if number is not None and row.number is None:
            row.number = number
        elif number is not None:
            text = title
        order = ("risk", "process", "control") if is_risk_statement(text) \
            else ("process", "risk", "control")
    for name in order:
        if not getattr(row, name):
            setattr(row, name, text)
            return
    row.extra["heading"] = text


REPORT_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def area_before(items: list, i: int, skip: set[int]) -> str | None:
    """The heading a section at item i sits under: the nearest heading before it with a
    higher rank (lower level) than the section's own title, skipping section titles."""
    own = items[i]
    own_level = own.level if isinstance(own, TextBlock) and own.kind == "heading" else None
    for j in range(i - 1, -1, -1):
        item = items[j]
        if j in skip or not isinstance(item, TextBlock) or item.kind != "heading":
            continue
        label = read_label(item)
        if label is not None and not (label.field == "area" and not label.rest):
            continue    # a label heading ("Resultat") is no area; "Verksamhet" alone names one
        if own_level is not None and item.level is not None and item.level >= own_level:
            continue
        if item.level == 0 or REPORT_YEAR.search(item.text):
            return None   # the report's title ("Rapport intern kontroll 2022") is no area
        name = split_number(item.text)[1] or None
        if name and _names_the_controls(name):
            return None   # "Uppföljning av kontrollmomenten": a part of the report, no area
        return name
    return None


def _names_the_controls(heading: str) -> bool:
    """A heading that speaks of the controls themselves (their follow-up, results, points),
    not of an area of activity: its vocabulary words name a field of a control, by the
    heading's first word."""
    m = heading_meaning(heading)
    return m is not None and m.from_vocabulary and m.score >= 500 \
        and m.field not in ("area", "process", "risk", None)
