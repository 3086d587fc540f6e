"""Words into lines, lines into column segments; the body text's font size."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ikextract.geometry.page import PageWord
from ikextract.geometry.settings import GeometrySettings
from ikextract.model import BBox

DEFAULT = GeometrySettings()


def word_size(w: PageWord) -> float:
    """The word's font size, or its box height where the source does not know it (OCR)."""
    return w.size if w.size is not None else round(w.height, 1)


@dataclass
class Line:
    words: list[PageWord]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(word_size(w) for w in self.words)

    @property
    def bold(self) -> bool:
        """Bold only where every word is known to be bold (unknown is not bold)."""
        return all(w.bold is True for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def make_lines(words: Iterable[PageWord], settings: GeometrySettings = DEFAULT) -> list[Line]:
    """Words grouped into lines top to bottom, each line's words left to right."""
    lines: list[list[PageWord]] = []
    for w in sorted(words, key=lambda w: (round(w.bottom, 0), w.x0)):
        if lines:
            last = lines[-1]
            ref = max(x.bottom for x in last)
            if abs(w.bottom - ref) <= max(settings.line_join, settings.line_join_em * word_size(w)):
                last.append(w)
                continue
        lines.append([w])
    return [Line(sorted(ws, key=lambda w: w.x0)) for ws in lines]


# List bullets: the gap after one is a list's hanging indent, not a column gap.
BULLETS = frozenset("•·–-▪◦*\uf0b7\uf0a7\u2013\u25aa\u25cf\u2022\u2023\u2043\u25e6\u0095")


def segments(ln: Line, settings: GeometrySettings = DEFAULT) -> list[list[PageWord]]:
    """A line's words split where they stand apart by more than a column gap (not after a
    list bullet)."""
    parts = [[ln.words[0]]]
    for a, b in zip(ln.words, ln.words[1:]):
        if b.x0 - a.x1 > settings.column_gap_em * max(word_size(a), word_size(b)) \
                and not (len(parts[-1]) == 1 and a.text in BULLETS):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts


def body_font_size(words: Iterable[PageWord], settings: GeometrySettings = DEFAULT) -> float:
    """The size most of the text is set in (by characters)."""
    sizes: Counter = Counter()
    for w in words:
        sizes[word_size(w)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else settings.default_size


def inside(w: PageWord, box: BBox, tol: float = DEFAULT.inside) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box.x0 - tol <= cx <= box.x1 + tol and box.top - tol <= cy <= box.bottom + tol
