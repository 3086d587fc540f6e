"""The label/value family: one small two-column table per control, the labels in the left
column ("Risk", "Kontrollmoment", "Resultat") and their text in the right; a heading or a
row spanning the table before it names the control. Adjacent tables are read as one run and
cut into controls where a control's first label comes again, so a PDF that prints several
borderless tables as one, or cuts one at a page break, gives the rows its DOCX gives."""
from __future__ import annotations

from dataclasses import dataclass, field

from ikextract.layouts.columns import origin_cells
from ikextract.layouts.family import Context, Proposal, chars, item_text
from ikextract.layouts.labels import (NUMBERED_NAME, SECTION_NUMBER, LabelCollector, add_labelled, area_before,
                                      field_for, label_by_content, place_title, read_label,
                                      title_level)
from ikextract.layouts.meaning import is_status_phrase, label_meaning
from ikextract.layouts.vocabulary import CORE_FIELDS, STATUS_CELL, STATUS_FIELDS
from ikextract.model import ControlRow, Document, Table, TextBlock
from ikextract.text.normalize import ends_sentence, join_fragments

MIN_KNOWN_LABELS = 2
MAX_LABEL_WORDS = 6
# A label/value table uses every row: it wins over the same table read as a grid.
WEIGHT = 1.5


@dataclass
class Record:
    """One control's label/value pairs, as read from one table or from a run of adjacent
    tables (a PDF may print several controls' borderless tables as one, or cut one at a page
    break)."""
    table: int                     # item index of the table it starts in
    page: int | None
    title: str | None
    pairs: list[tuple[str, str]] = field(default_factory=list)


class LabelValueFamily:
    name = "label_value"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        items = context.items
        read = {i: _pairs(t) for i, t in enumerate(items)
                if isinstance(t, Table) and t.nested_in is None and _pairs(t) is not None}
        candidates = set(read)
        out = []
        seen: set[int] = set()
        for i in sorted(candidates):
            if i in seen:
                continue
            run = [i]
            # Adjacent two-column tables continue the run: the rest of a table cut at a page
            # break (perhaps starting with the end of a value), or the next control's table.
            while isinstance(items[run[-1] + 1] if run[-1] + 1 < len(items) else None, Table):
                tail = _pairs(items[run[-1] + 1], tail=True)
                if tail is None:
                    break
                read[run[-1] + 1] = tail
                run.append(run[-1] + 1)
            seen |= set(run)
            proposal = self._run(context, run, read, candidates | set(run))
            if proposal is not None:
                out.append(proposal)
        return out

    def _run(self, context: Context, run: list[int], read: dict, tables: set[int]) -> Proposal | None:
        items = context.items
        records = _records(items, run, read)
        if records is None:
            return None
        used = set(run)
        head = _heading_before(items, run[0])
        untitled = sum(1 for r in records if r.title is None)
        if head is not None and (untitled > 1 or _heads_several(items, head, tables, read)):
            head = None     # a heading over several untitled controls' tables is their area
        rows, labels, parsed, inferred = [], [], [], []
        for k, record in enumerate(records):
            row = ControlRow(source_page=record.page,
                             source_table=context.table_index[record.table])
            warn = _fill(row, record.pairs, labels, parsed)
            title = record.title
            if k == 0 and title is None and head is not None:
                title = items[head].text
                used.add(head)
                if items[head].page is not None:
                    row.source_page = items[head].page
            if title is not None:
                place_title(row, title, labels)
            inferred += [f"table {context.table_index[record.table]}: {w}" for w in warn]
            rows.append(row)
        area = area_before(items, min(used), set())
        for row in rows:
            row.area = area
        # Labelled paragraphs after the tables ("Kommentar: ...") belong to the last control.
        collector = LabelCollector(rows[-1], title_level=title_level(items[head])
                                   if head is not None else None)
        for j in range(run[-1] + 1, len(items)):
            item = items[j]
            if j in tables or not isinstance(item, TextBlock) or _opens_next(items, j, tables) \
                    or not collector.take(item):
                break
            used.add(j)
        labels += collector.labels
        parsed += collector.parsed
        content = chars(t for j in used for t in item_text(items[j])) - chars(labels)
        in_extra = chars(v for row in rows for v in row.extra.values())
        last = context.table_index[records[-1].table]
        warnings = inferred + [f"table {last}: {w}" for w in collector.inferred]
        return Proposal(self.name, rows, frozenset(used), WEIGHT * max(0, content - in_extra),
                        labels=labels, parsed=parsed, warnings=warnings)


def _records(items: list, run: list[int], read: dict) -> list[Record] | None:
    """The controls in a run of tables: a title row, or a label the control already has
    printed again ("Process" after "Iakttagelser"), starts the next; a row with no label continues
    the value above. A piece too poor to be a control stays with the one before it."""
    records: list[Record] = []
    for i in run:
        title, pairs = read[i]
        table = items[i]
        if title is not None or not records:
            records.append(Record(i, table.page, title))
        for label, text, r in pairs:
            current = records[-1]
            if label is None:            # a title row: the next control
                records.append(Record(i, table.row_page(r), text))
                continue
            if not label:
                if current.pairs:
                    last_label, last_text = current.pairs[-1]
                    current.pairs[-1] = (last_label, join_fragments(last_text, text) or "")
                continue
            if current.pairs and any(_same_label(label, seen) for seen, _ in current.pairs):
                records.append(Record(i, table.row_page(r), None))
                current = records[-1]
            current.pairs.append((label, text))
    merged: list[Record] = []
    for record in records:
        if merged and not _is_control(record.pairs) and record.title is None:
            merged[-1].pairs += record.pairs
        else:
            merged.append(record)
    if not merged or not all(_is_control(r.pairs) for r in merged):
        return None
    return merged


def _same_label(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _is_control(pairs: list[tuple[str, str]]) -> bool:
    fields = set()
    for label, text in pairs:
        meaning = label_meaning(label)
        if meaning is not None:
            fields.add(meaning.field)
    return len(fields - STATUS_FIELDS) >= MIN_KNOWN_LABELS and bool(fields & (CORE_FIELDS | {"result"}))


def _fill(row: ControlRow, pairs: list[tuple[str, str]], labels: list, parsed: list) -> list[str]:
    """A control's pairs into its row; the mappings not from the vocabulary, for warnings."""
    inferred = []
    verdicts = _verdict_labels(pairs)
    for label, text in pairs:
        meaning = label_meaning(label)
        field_name = field_for(row, meaning, text) if meaning is not None else None
        if label in verdicts:
            field_name = STATUS_CELL
            inferred.append(f"label '{label}' read as a status: its text is a verdict or "
                            f"progress word and '{verdicts[label]}' holds the result")
        elif meaning is not None and not meaning.from_vocabulary:
            inferred.append(f"label '{label}' read as "
                            f"{'a status' if field_name in STATUS_FIELDS else field_name}: "
                            f"{meaning.reason}")
        if field_name is None and meaning is None:
            field_name = label_by_content(row, label, text)
            if field_name is not None:
                inferred.append(f"label '{label}' read as "
                                f"{'a status' if field_name in STATUS_FIELDS else field_name}: "
                                f"its text reads as one")
        if field_name is None:
            inferred.append(f"label '{label}' not recognised; its text is kept in extra")
        labels.append(label)
        add_labelled(row, label, field_name, text, parsed)
    return inferred


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


def _heads_several(items: list, head: int, tables: set[int], read: dict) -> bool:
    """The heading stands over two or more label/value tables with no title of their own:
    it names their area, not one control."""
    count = 0
    for j in range(head + 1, len(items)):
        if j in tables:
            if j not in read or read[j][0] is None:
                count += 1
        elif isinstance(items[j], TextBlock) and (
                items[j].kind == "heading" or _heading_before(items, j + 1) == j
                and j + 1 in tables):
            break
    return count >= 2


def _pairs(table: Table, tail: bool = False) -> tuple[str | None, list[tuple[str, str, int]]] | None:
    """(title, [(label, text, row)]) for a table whose rows are label | value, else None;
    label None marks a title row opening the next control further down.
    tail: the table continues one before it: its first row may have no label (the end of a
    value cut at a page break), and it needs no labels of its own that the vocabulary knows."""
    if table.n_cols < 2 or table.n_rows < (1 if tail else 2):
        return None
    title = None
    pairs = []
    for r in range(table.n_rows):
        cells = [c for _, c in origin_cells(table.rows[r]) if c.row == r]
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            continue
        if len(cells) == 1 and (r == 0 or pairs) or (
                len(filled) == 1 and filled[0] is cells[0]
                and NUMBERED_NAME.match(filled[0].text.strip())):
            # A row spanning the table, or "Kontrollpunkt 3" alone in the label column (a
            # borderless title row as a PDF gives it): the title of the control it opens,
            # the table's own or, in tables joined over a page break, the next one's.
            if not pairs and title is None:
                title = filled[0].text.strip()
            else:
                pairs.append((None, filled[0].text.strip(), r))
            continue
        if len(cells) != 2:
            return None
        label, text = cells[0].text.strip(), cells[1].text.strip()
        if not label and tail and not pairs and title is None:
            pairs.append(("", text, r))          # the value above, continued
            continue
        if not label or len(label.split()) > MAX_LABEL_WORDS:
            return None
        pairs.append((label.rstrip(":").strip(), text, r))
    named = [p for p in pairs if p[0] is not None and p[0]]
    known = [p for p in named if label_meaning(p[0]) is not None]
    if not tail and (len(known) < MIN_KNOWN_LABELS or len(known) < len(named) / 2):
        return None
    if tail and (not pairs or len(known) < len(named) / 2):
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
