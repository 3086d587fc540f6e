"""The labelled-paragraphs family: controls written with no table at all, as a heading
("3.2 Attest av leverantörsfakturor") followed by labelled paragraphs ("Risk: ...",
"Kontrollmoment: ...", "Resultat: ..."), the label perhaps bold or on its own line."""
from __future__ import annotations

from ikextract.layouts.family import Context, Proposal, chars, item_text
from ikextract.layouts.labels import (LabelCollector, area_before, is_title, place_title,
                                      title_level)
from ikextract.layouts.vocabulary import CORE_FIELDS
from ikextract.model import ControlRow, Document, TextBlock

MIN_LABELS = 2
WEIGHT = 1.0


class LabelledParagraphsFamily:
    name = "labelled_paragraphs"

    def propose(self, doc: Document, context: Context) -> list[Proposal]:
        items = context.items
        titles = {i for i in range(len(items)) if is_title(items, i)}
        out = []
        for i in sorted(titles):
            proposal = self._section(context, i, titles)
            if proposal is not None:
                out.append(proposal)
        return out

    def _section(self, context: Context, i: int, titles: set[int]) -> Proposal | None:
        items = context.items
        row = ControlRow(source_page=items[i].page, source_table=context.unit_index(i))
        collector = LabelCollector(row, title_level=title_level(items[i]), styled_unknown=True)
        used = {i}
        for j in range(i + 1, len(items)):
            item = items[j]
            if j in titles or not isinstance(item, TextBlock) or not collector.take(item):
                break
            used.add(j)
        # A control: labels with text, one of them naming what is checked or found (a
        # "Resultat" heading over a table is no control section).
        if len(collector.labels) < MIN_LABELS or not collector.filled & (CORE_FIELDS | {"result"}):
            return None
        # The title's words are content here (they land in a field), not a label; a word
        # naming the record ("Risk" in "Risk 1 – ...") is one.
        title_words: list[str] = []
        place_title(row, items[i].text, title_words)
        labels = collector.labels + title_words
        row.area = area_before(items, i, titles)
        content = chars(t for j in used for t in item_text(items[j])) - chars(labels)
        in_extra = chars(row.extra.values())
        warnings = [f"section '{items[i].text.strip()[:60]}': {w}" for w in collector.inferred]
        return Proposal(self.name, [row], frozenset(used), WEIGHT * max(0, content - in_extra),
                        labels=labels, parsed=collector.parsed, warnings=warnings)
