"""The label/value family: one small two-column table per control, the labels in the left
column ("Risk", "Kontrollmoment", "Resultat") and their text in the right; a heading or a
row spanning the table before it names the control."""
from __future__ import annotations

from ikextract.layouts.columns import origin_cells
from ikextract.layouts.family import Context, Proposal, chars, item_text
from ikextract.layouts.labels import (SECTION_NUMBER, LabelCollector, add_labelled, area_before,
                                      field_for, place_title, read_label, title_level)
from ikextract.layouts.meaning import is_status_phrase, label_meaning
from ikextract.layouts.vocabulary import CORE_FIELDS, STATUS_CELL, STATUS_FIELDS
from ikextract.model import ControlRow, Document, Table, TextBlock
from ikextract.text.normalize import ends_sentence

MIN_KNOWN_LABELS = 2
MAX_LABEL_WORDS = 6
# A label/value table uses every row: it wins over the same table read as a grid.
WEIGHT = 1.5


class LabelValueFamily:
    name = "label_value"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        items = context.items
        out = []
        candidates = [i for i, t in enumerate(items)
                      if isinstance(t, Table) and t.nested_in is None and _pairs(t) is not None]
        for i in candidates:
            proposal = self._control(context, i, set(candidates))
            if proposal is not None:
                out.append(proposal)
        return out

    def _control(self, context: Context, i: int, tables: set[int]) -> Proposal | None:
        items = context.items
        table = items[i]
        title, pairs = _pairs(table)
        row = ControlRow(source_page=table.page, source_table=context.table_index[i])
        labels, parsed, inferred = [], [], []
        fields = set()
        verdicts = _verdict_labels(pairs)
        for label, text in pairs:
            meaning = label_meaning(label)
            field = field_for(row, meaning, text) if meaning is not None else None
            if label in verdicts:
                field = STATUS_CELL
                inferred.append(f"label '{label}' read as a status: its text is a verdict or "
                                f"progress word and '{verdicts[label]}' holds the result")
            elif meaning is not None and not meaning.from_vocabulary:
                inferred.append(f"label '{label}' read as "
                                f"{'a status' if field in STATUS_FIELDS else field}: {meaning.reason}")
            if field is not None:
                fields.add(field)
            if field is None:
                inferred.append(f"label '{label}' not recognised; its text is kept in extra")
            labels.append(label)
            add_labelled(row, label, field, text, parsed)
        if len(fields - STATUS_FIELDS) < MIN_KNOWN_LABELS or not fields & (CORE_FIELDS | {"result"}):
            return None
        used = {i}
        head = _heading_before(items, i)
        if head is not None and _heads_several(items, head, tables):
            head = None     # a heading over several controls' tables is their area
        if title is None and head is not None:
            title = items[head].text
            used.add(head)
        if title is not None:
            place_title(row, title, labels)
            if items[head if head is not None and head in used else i].page is not None:
                row.source_page = items[head if head in used else i].page
        row.area = area_before(items, min(used), set())
        # Labelled paragraphs after the table ("Kommentar: ...") belong to the control.
        collector = LabelCollector(row, title_level=title_level(items[head]) if head is not None
                                   else None)
        for j in range(i + 1, len(items)):
            item = items[j]
            if j in tables or not isinstance(item, TextBlock) or _opens_next(items, j, tables) \
                    or not collector.take(item):
                break
            used.add(j)
        labels += collector.labels
        parsed += collector.parsed
        content = chars(t for j in used for t in item_text(items[j])) - chars(labels)
        in_extra = chars(row.extra.values())
        warnings = [f"table {context.table_index[i]}: {w}" for w in inferred + collector.inferred]
        return Proposal(self.name, [row], frozenset(used), WEIGHT * max(0, content - in_extra),
                        labels=labels, parsed=parsed, warnings=warnings)


def _verdict_labels(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Labels read as result whose text is only a verdict or progress word ("Utfall: Inga
    avvikelser") where another label holds the result's text ("Iakttagelser"): such a label
    states the status -> {verdict label: the result label}."""
    results = [(label, text) for label, text in pairs
               if (m := label_meaning(label)) is not None and m.field == "result"]
    prose = [label for label, text in results if not is_status_phrase(text)]
    if not prose:
        return {}
    return {label: prose[0] for label, text in results if is_status_phrase(text)}


def _heads_several(items: list, head: int, tables: set[int]) -> bool:
    """The heading stands over two or more label/value tables with no title of their own:
    it names their area, not one control."""
    count = 0
    for j in range(head + 1, len(items)):
        if j in tables:
            count += 1
        elif isinstance(items[j], TextBlock) and (
                items[j].kind == "heading" or _heading_before(items, j + 1) == j
                and j + 1 in tables):
            break
    return count >= 2


def _pairs(table: Table) -> tuple[str | None, list[tuple[str, str]]] | None:
    """(title, [(label, text)]) for a table whose rows are label | value, else None."""
    if table.n_cols < 2 or table.n_rows < 2:
        return None
    title = None
    pairs = []
    for r in range(table.n_rows):
        cells = [c for _, c in origin_cells(table.rows[r]) if c.row == r]
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            continue
        if len(cells) == 1 and r == 0 and not pairs:
            title = filled[0].text.strip()       # a row spanning the table: its title
            continue
        if len(cells) != 2:
            return None
        label, text = cells[0].text.strip(), cells[1].text.strip()
        if not label or len(label.split()) > MAX_LABEL_WORDS:
            return None
        pairs.append((label.rstrip(":").strip(), text))
    known = [p for p in pairs if label_meaning(p[0]) is not None]
    if len(known) < MIN_KNOWN_LABELS or len(known) < len(pairs) / 2:
        return None
    return title, pairs


def _heading_before(items: list, i: int) -> int | None:
    j = i - 1
    if j < 0 or not isinstance(items[j], TextBlock) or read_label(items[j]) is not None:
        return None
    block = items[j]
    line = " ".join(block.text.split())
    # A heading, a bold or numbered line, or a short line that is not a sentence.
    if block.kind == "heading" or block.bold or SECTION_NUMBER.match(line) or (
            len(line.split()) <= MAX_LABEL_WORDS and not ends_sentence(line)):
        return j
    return None


def _opens_next(items: list, j: int, tables: set[int]) -> bool:
    """A heading or short paragraph right before the next label/value table is its title."""
    return j + 1 in tables and _heading_before(items, j + 1) == j
