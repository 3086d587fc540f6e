"""Lines into paragraphs (in a cell, a column or the page body) and headings.

A new paragraph starts after a vertical gap clearly larger than the line pitch, at a
bullet, at a change of size or weight, or after a line that stopped short although the next
line's first word would have fit (the writer pressed Enter there). Words broken at line ends
are joined as the Swedish dictionary and the document's own spelling decide
(ikextract.text.hyphenation); a word too long for its column, broken without a hyphen, is
joined where the room left on the line shows the next letter did not fit.
"""
from __future__ import annotations

import statistics
from typing import Collection, Optional

from ikextract.geometry.lines import Line, word_size
from ikextract.geometry.page import PageGeometry, PageWord
from ikextract.geometry.settings import GeometrySettings
from ikextract.model import BBox, TextBlock
from ikextract.text.hyphenation import JOIN, classify_break, is_broken_word, join_hyphenated

DEFAULT = GeometrySettings()
BULLETS = ("•", "·", "–", "-", "▪", "◦", "*", "")
SENTENCE_END = (".", "!", "?", ":", ";")
_STRIP = ".,;:()!?\"”“'"


def one_line_forms(pages: list[PageGeometry]) -> set[str]:
    """Lower-cased words the document writes whole on one line (with or without hyphen)."""
    return {w.text.lower().strip(_STRIP) for p in pages for w in p.words
            if not w.text.endswith(("-", "\u00ad"))}


def looks_hyphenated(page_lines: list[list[Line]], seen: Collection[str] = (),
                     settings: GeometrySettings = DEFAULT) -> bool:
    """Does some line end split a word where no hyphen belongs (as "grans-kas")? Then the
    document was hyphenated by its word processor, and compounds broken at their seam are
    joined too."""
    for lines in page_lines:
        for a, b in zip(lines, lines[1:]):
            if a.words[-1].text.endswith("-") and b.top - a.bottom < a.size:
                # only the word under the broken one counts (same column)
                below = [w for w in b.words
                         if abs(w.x0 - a.x0) < settings.below_word_em * a.size]
                if below and classify_break(a.words[-1].text, below[0].text) == JOIN:
                    return True
    return False


class Joiner:
    """Joins lines of one paragraph, words broken at the line end decided by the dictionary
    and the document's own spelling (`seen`)."""

    def __init__(self, seen: Collection[str] = frozenset(), hyphenated: bool = False):
        self.seen, self.hyphenated = seen, hyphenated

    def join(self, lines: list[str], splits: Collection[int] = ()) -> str:
        """`splits` holds the indexes of lines that continue a word the line before had to
        break without a hyphen (a word longer than the column is wide)."""
        text = ""
        for i, line in enumerate(lines):
            line = line.strip()
            if not line:
                continue
            if not text:
                text = line
                continue
            head, _, last = text.rpartition(" ")
            first, _, rest = line.partition(" ")
            if i in splits:
                joined = last + first
            else:
                joined = join_hyphenated(last, first, seen=self.seen,
                                         hyphenated_document=self.hyphenated)
            text = (head + " " if head else "") + joined + (" " + rest if rest else "")
        return text


def line_pitch(lines: list[Line], settings: GeometrySettings = DEFAULT) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:])
             if 0 < b.top - a.top < settings.pitch_steps_em * a.size]
    if steps:   # rows of one line each would pass for the pitch: cap it by the font size
        return min(statistics.median(steps),
                   settings.max_pitch_em * statistics.median(ln.size for ln in lines))
    return settings.single_line_pitch_em * (lines[0].size if lines else settings.default_size)


def paragraph_step(pitch: float, size: float, settings: GeometrySettings = DEFAULT) -> float:
    """The distance between line tops beyond which a gap separates paragraphs."""
    return pitch + max(settings.paragraph_gap, settings.paragraph_gap_em * size)


def would_have_fit(above: Line, ln: Line, right_edge: float,
                   settings: GeometrySettings = DEFAULT) -> bool:
    """Would `ln`'s first word have fit at the end of `above`?"""
    first = ln.words[0]
    if above.words[-1].text.endswith(("-", "/", "\u00ad")):
        return False
    return right_edge - above.x1 > first.width + settings.word_space_em * word_size(first) \
        + settings.fit_slack


def paragraph_break(prev: Line, ln: Line, right_edge: float, pitch: float,
                    settings: GeometrySettings = DEFAULT) -> bool:
    if ln.top - prev.top > paragraph_step(pitch, ln.size, settings):
        return True
    first = ln.words[0]
    if first.text in BULLETS or first.text[:1] in "•▪◦":
        return True
    if abs(prev.size - ln.size) > settings.size_change or prev.bold != ln.bold:
        return True
    last = prev.words[-1].text
    # a short line is a paragraph end only where a sentence may end or a new one starts
    opens = first.text[:1].isupper() or first.text[:1].isdigit() or last.endswith(SENTENCE_END)
    return opens and would_have_fit(prev, ln, right_edge, settings)


def fills_to_edge(line: Line, right_edge: float, letter: Optional[float] = None,
                  settings: GeometrySettings = DEFAULT) -> bool:
    """Is `line` one word that fills the column so far that another letter (of width
    `letter`, by default one of its own) would not fit? Then the word may be cut."""
    word = line.words[-1]
    if len(line.words) != 1 or not word.text[-1:].isalpha():
        return False
    if letter is None:
        letter = word.width / max(1, len(word.text))
    room = right_edge - line.x1
    return room < max(settings.edge_room_em * line.size,
                      settings.edge_letters * letter + settings.edge_slack)


def broken_at_edge(prev: Line, right_edge: float, first: PageWord,
                   seen: Optional[Collection[str]] = (),
                   settings: GeometrySettings = DEFAULT) -> bool:
    """Does `prev` end in a word broken at the column edge that `first` continues? The
    dictionary decides, or the document writing the whole word elsewhere (`seen`; None:
    geometry alone). A whole word can fill a line as well ("ekonomiskt" / "bistånd")."""
    if not (first.text[:1].isalpha() and first.text[:1].islower()):
        return False
    letter = first.width / max(1, len(first.text))
    if not fills_to_edge(prev, right_edge, letter, settings):
        return False
    last = prev.words[-1].text
    tail = first.text.rstrip(".,;:)")
    if seen is None or (last + tail).lower().strip(_STRIP) in seen:
        return True
    return is_broken_word(last, tail)


def paragraphs(lines: list[Line], right_edge: float, joiner: Joiner,
               pitch: Optional[float] = None, lexical: bool = True,
               settings: GeometrySettings = DEFAULT) -> list[str]:
    """Lines of one cell or text column as paragraph texts."""
    if not lines:
        return []
    pitch = pitch or line_pitch(lines, settings)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:]):
        if paragraph_break(prev, ln, right_edge, pitch, settings):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    seen = joiner.seen if lexical else None
    out = []
    for g in groups:
        splits = {i for i in range(1, len(g))
                  if broken_at_edge(g[i - 1], right_edge, g[i].words[0], seen, settings)}
        text = joiner.join([ln.text for ln in g], splits)
        if text:
            out.append(text)
    return out


def heading_sizes(lines: list[Line], body_size: float,
                  settings: GeometrySettings = DEFAULT) -> list[float]:
    """The sizes, largest first, that body lines larger than the body text are set in."""
    return sorted({ln.size for ln in lines if ln.size >= body_size * settings.heading_ratio},
                  reverse=True)


def text_blocks(page: int, lines: list[Line], joiner: Joiner, body_size: float,
                sizes: list[float], right_margin: float,
                settings: GeometrySettings = DEFAULT) -> list[tuple[float, TextBlock]]:
    """Lines outside tables as paragraphs and headings, each with its top."""
    if not lines:
        return []
    pitch = line_pitch(lines, settings)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:]):
        if paragraph_break(prev, ln, right_margin, pitch, settings) \
                or abs(ln.x0 - prev.x0) > settings.indent_break:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    out = []
    for g in groups:
        text = joiner.join([ln.text for ln in g])
        if not text:
            continue
        size = max(ln.size for ln in g)
        bold = all(ln.bold for ln in g)
        kind, level = "paragraph", None
        if size >= body_size * settings.heading_ratio and len(text) < settings.heading_max_chars:
            kind = "heading"
            level = min(sizes.index(size) + 1 if size in sizes else 1, 6)
        elif bold and len(text) < settings.bold_heading_max_chars \
                and not text.endswith((".", ",")):
            kind = "heading"
            level = len(sizes) + 1
        box = BBox(min(ln.x0 for ln in g), g[0].top, max(ln.x1 for ln in g), g[-1].bottom)
        out.append((g[0].top, TextBlock(text, kind=kind, level=level, page=page, bbox=box,
                                        font_size=size, bold=bold)))
    return out
