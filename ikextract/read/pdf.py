"""Read a born-digital PDF into a Document from its page geometry alone.

Per page (pdfplumber, each page released after use): the words with position, size and
font, and the ruling lines (lines, thin or stroked rectangles, straight curve segments).
Then, over the whole document:

- running headers and footers (text at the same place near the top or bottom of most
  pages, page numbers "1 (5)", "Sida 2 av 7") go to margin_texts;
- ruled tables: cell boundaries from the rulings; a missing boundary between two grid units
  makes a merged cell, at every position it covers as the same Cell;
- borderless tables: column starts from a header line whose words stand apart, extended down
  the page while the lines keep to those columns; a new row where the first column and every
  other column start a new block together;
- text outside tables: lines grouped into paragraphs (vertical gap, font change, or a line
  that stops short of the right edge when the next word would have fit), headings by size
  and weight;
- a table continuing on the next page (same columns, at the top of the page) is joined: a
  repeated header row is dropped, and a row split by the page break is joined into one.

Words hyphenated at line ends are joined with the Swedish word list
(ikextract.text.hyphenation).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable, Optional

from ikextract.model import BBox, Cell, Document, ExtractionError, Page, Table, TextBlock
from ikextract.text.hyphenation import JOIN, classify_break, is_broken_word, join_hyphenated

# Words further apart than this many font sizes are in different table columns.
COLUMN_GAP_EM = 1.2
# Top and bottom share of a page where running headers/footers live.
MARGIN_ZONE = 0.13
# Page-number lines that are margin text even on a single page.
PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|page|s\.)\s*)?\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/|of)\s*\d{1,4})?$",
    re.IGNORECASE)
BULLETS = ("•", "·", "–", "-", "▪", "◦", "*", "")
SENTENCE_END = (".", "!", "?", ":", ";")
SUB_ITEM = re.compile(r"^(?:[a-zåäö]|\d{1,2})\)\s")
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    words: list[Word]

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
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Segment:
    """A straight ruling: horizontal (y fixed, a..b along x) or vertical (x fixed)."""
    pos: float
    a: float
    b: float


@dataclass
class PageData:
    number: int
    width: float
    height: float
    words: list[Word]
    horizontal: list[Segment]
    vertical: list[Segment]
    items: list = field(default_factory=list)   # (top, item) after layout
    # id(cell) -> (its last line, right edge) for cells whose last line is one word
    # reaching the edge: the page break may have cut that word
    cell_ends: dict = field(default_factory=dict)


# ---------------------------------------------------------------- reading pages

def read_pdf(path: str | Path) -> Document:
    import pdfplumber
    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer wraps everything; name what went wrong
        raise _open_error(path, exc) from exc
    pages: list[PageData] = []
    properties: dict[str, str] = {}
    try:
        for key, value in (pdf.metadata or {}).items():
            if isinstance(value, str) and value.strip():
                properties[key.lower()] = value.strip()
        for page in pdf.pages:
            try:
                pages.append(_read_page(page))
            except Exception as exc:
                raise ExtractionError(
                    f"corrupt PDF: page {page.page_number} cannot be parsed ({_describe(exc)})",
                    error_type="CorruptFile") from exc
            finally:
                page.close()   # releases the page's parsed objects: memory stays flat
    except ExtractionError:
        raise
    except Exception as exc:
        raise _open_error(path, exc) from exc
    finally:
        pdf.close()
    if not pages:
        raise ExtractionError("corrupt PDF: it has no pages", error_type="CorruptFile")
    if not any(p.words for p in pages):
        raise ExtractionError(
            f"no text layer: none of the {len(pages)} page(s) has text (a scan needs OCR)",
            error_type="NoTextLayer")
    doc = Document(path=str(path), source_format="pdf", properties=properties)
    doc.pages = [Page(p.number, p.width, p.height) for p in pages]
    lay_out(pages, doc)
    return doc


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _open_error(path: Path, exc: BaseException) -> ExtractionError:
    chain, seen = [exc], exc
    while seen is not None:
        nxt = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        nxt = nxt or seen.__cause__ or seen.__context__
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
        seen = nxt
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names:
        return ExtractionError("encrypted PDF: it needs a password to be read",
                               error_type="Encrypted")
    return ExtractionError(f"corrupt PDF: cannot be parsed ({_describe(exc)})",
                           error_type="CorruptFile")


def _read_page(page) -> PageData:
    words = []
    for w in page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False,
                                extra_attrs=["size", "fontname"]):
        if not w.get("upright", True) or not w["text"].strip():
            continue
        words.append(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]),
                          float(w["bottom"]), round(float(w["size"]), 1),
                          bool(BOLD_FONT.search(w["fontname"] or ""))))
    horizontal, vertical = [], []
    for obj in page.lines:
        _add_ruling(obj["x0"], obj["top"], obj["x1"], obj["bottom"], horizontal, vertical)
    for obj in page.rects:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if min(x1 - x0, bottom - top) <= 3:        # a rule drawn as a thin filled box
            _add_ruling(x0, top, x1, bottom, horizontal, vertical)
        elif obj.get("stroke"):                    # a stroked box: its four sides
            for edge in ((x0, top, x1, top), (x0, bottom, x1, bottom),
                         (x0, top, x0, bottom), (x1, top, x1, bottom)):
                _add_ruling(*edge, horizontal, vertical)
        # filled boxes (cell shading) are not rulings
    for obj in page.curves:
        if not obj.get("stroke"):
            continue
        pts = obj.get("pts") or []
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            _add_ruling(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by),
                        horizontal, vertical)
    return PageData(page.page_number, float(page.width), float(page.height), words,
                    horizontal, vertical)


def _add_ruling(x0, top, x1, bottom, horizontal, vertical) -> None:
    if bottom - top <= 3 and x1 - x0 > 3:
        horizontal.append(Segment((top + bottom) / 2, x0, x1))
    elif x1 - x0 <= 3 and bottom - top > 3:
        vertical.append(Segment((x0 + x1) / 2, top, bottom))


# ---------------------------------------------------------------- whole-document layout

def lay_out(pages: list[PageData], doc: Document) -> None:
    page_lines: dict[int, list[Line]] = {}
    grids: dict[int, list] = {}
    free_words: list[Word] = []
    for p in pages:
        grids[p.number] = _ruled_grids(p)
        free = [w for w in p.words if not any(_inside(w, g.box) for g in grids[p.number])]
        free_words.extend(free)
        page_lines[p.number] = make_lines(free)
    # the body text's size, from text outside ruled tables unless there is hardly any
    enough = sum(len(w.text) for w in free_words) >= 300
    body_size = _body_font_size(free_words if enough else [w for p in pages for w in p.words])
    margins = _margin_lines(pages, page_lines)
    doc.margin_texts = [ln.text for p in pages for ln in page_lines[p.number]
                        if id(ln) in margins]
    seen = _one_line_forms(pages)
    hyphenated = _looks_hyphenated(pages, page_lines, grids, seen)
    joiner = Joiner(seen, hyphenated)
    heading_sizes = _heading_sizes(pages, page_lines, margins, body_size)
    carry: Optional[list[float]] = None   # columns of a borderless table ending a page
    lone_header = None   # (page, line): a header line ending a page, its table on the next
    for p in pages:
        lines = [ln for ln in page_lines[p.number] if id(ln) not in margins]
        for grid in grids[p.number]:
            table = grid.to_table(p, joiner)
            if table is not None:
                p.items.append((grid.box.top, table))
        carry, used_carry, lone = _borderless_and_text(p, lines, joiner, body_size,
                                                       heading_sizes, carry)
        if lone_header is not None:
            before, line = lone_header
            if used_carry:
                header = _borderless_table(before, [line], [s[0].x0 for s in _segments(line)],
                                           joiner)
                before.items.append((line.top, header))
            else:
                _flush_text(before, [line], joiner, body_size, heading_sizes, line.x1)
            before.items.sort(key=lambda ti: ti[0])
        lone_header = (p, lone) if lone is not None else None
        p.items.sort(key=lambda ti: ti[0])
    if lone_header is not None:
        before, line = lone_header
        _flush_text(before, [line], joiner, body_size, heading_sizes, line.x1)
        before.items.sort(key=lambda ti: ti[0])
    # the lowest body content on any page: where a row cut by a page break ends
    body_bottom = max([ln.bottom for p in pages for ln in page_lines[p.number]
                       if id(ln) not in margins] +
                      [g.box.bottom for p in pages for g in grids[p.number]], default=0.0)
    doc.items = join_across_pages(pages, seen, body_bottom - body_size)


def _body_font_size(words: list[Word]) -> float:
    """The size most text outside ruled tables is set in."""
    sizes = Counter()
    for w in words:
        sizes[w.size] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _inside(w: Word, box: BBox, tol: float = 1.0) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box.x0 - tol <= cx <= box.x1 + tol and box.top - tol <= cy <= box.bottom + tol


def make_lines(words: Iterable[Word]) -> list[Line]:
    """Words grouped into lines top to bottom, each line's words left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.bottom, 0), w.x0)):
        if lines:
            last = lines[-1]
            ref = max(x.bottom for x in last)
            if abs(w.bottom - ref) <= max(2.0, 0.25 * w.size):
                last.append(w)
                continue
        lines.append([w])
    return [Line(sorted(ws, key=lambda w: w.x0)) for ws in lines]


def _margin_lines(pages: list[PageData], page_lines: dict[int, list[Line]]) -> set[int]:
    """ids of lines that are running headers/footers or page numbers."""
    def zone(p: PageData, ln: Line) -> bool:
        return ln.bottom <= p.height * MARGIN_ZONE or ln.top >= p.height * (1 - MARGIN_ZONE)

    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.lower())

    where: dict[str, list[tuple[int, float]]] = {}
    for p in pages:
        for ln in page_lines[p.number]:
            if zone(p, ln):
                where.setdefault(key(ln), []).append((p.number, ln.top))
    need = max(2, (len(pages) + 1) // 2)
    margins = set()

    def is_margin(p: PageData, ln: Line) -> bool:
        if not zone(p, ln):
            return False
        if PAGE_NUMBER.match(ln.text.strip()):
            return True
        if len(_segments(ln)) >= 3:      # a repeated table header row, not a running head
            return False
        same_place = {n for n, top in where.get(key(ln), ()) if abs(top - ln.top) <= 4}
        return len(pages) > 1 and len(same_place) >= need

    for p in pages:
        lines = page_lines[p.number]
        # only the lines from the page's top or bottom edge up to the first body line
        for run in (lines, lines[::-1]):
            for ln in run:
                if not is_margin(p, ln):
                    break
                margins.add(id(ln))
    return margins


def _one_line_forms(pages: list[PageData]) -> set[str]:
    """Lower-cased words the document writes whole on one line (with or without hyphen)."""
    return {w.text.lower().strip(".,;:()!?\"”“'") for p in pages for w in p.words
            if not w.text.endswith(("-", "\u00ad"))}


def _looks_hyphenated(pages, page_lines, grids, seen) -> bool:
    """Does some line end split a word where no hyphen belongs (as "grans-kas")? Then the
    document was hyphenated by its word processor, and compounds broken at their seam are
    joined too."""
    for p in pages:
        lines = page_lines[p.number]
        for a, b in zip(lines, lines[1:]):
            if a.words[-1].text.endswith("-") and b.top - a.bottom < a.size:
                # only the word under the broken one counts (same column)
                below = [w for w in b.words if abs(w.x0 - a.x0) < 2 * a.size]
                if below and classify_break(a.words[-1].text, below[0].text) == JOIN:
                    return True
    return False


class Joiner:
    """Joins lines of one paragraph, words broken at the line end decided by the word list."""

    def __init__(self, seen: set[str], hyphenated: bool):
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


def _heading_sizes(pages, page_lines, margins, body_size) -> list[float]:
    sizes = set()
    for p in pages:
        for ln in page_lines[p.number]:
            if id(ln) not in margins and ln.size >= body_size * 1.12:
                sizes.add(ln.size)
    return sorted(sizes, reverse=True)


# ---------------------------------------------------------------- paragraphs in a box

def paragraphs(lines: list[Line], right_edge: float, joiner: Joiner,
               pitch: Optional[float] = None, lexical: bool = True) -> list[str]:
    """Lines of one cell or text column as paragraph texts.

    A new paragraph starts after a vertical gap clearly larger than the line pitch, at a
    bullet, or after a line that stopped short although the next line's first word would
    have fit (the writer pressed Enter there).
    """
    if not lines:
        return []
    pitch = pitch or _line_pitch(lines)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:]):
        if paragraph_break(prev, ln, right_edge, pitch):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    seen = joiner.seen if lexical else None
    return [t for t in (joiner.join([ln.text for ln in g], _splits(g, right_edge, seen))
                        for g in groups) if t]


def _splits(lines: list[Line], right_edge: float,
            seen: Optional[Collection[str]] = ()) -> set[int]:
    """Lines continuing a word that was too long for the column and broken without a
    hyphen: the line before holds that one word alone, filled so far that the next letter
    would not fit. A whole word can fill a line as well ("ekonomiskt" / "bistånd"), so the
    word list must agree that the pieces make one word."""
    out = set()
    for i in range(1, len(lines)):
        if _broken_at_edge(lines[i - 1], right_edge, lines[i].words[0], seen):
            out.add(i)
    return out


def _broken_at_edge(prev: Line, right_edge: float, first: Word,
                    seen: Optional[Collection[str]] = ()) -> bool:
    """Does `prev` end in a word broken at the column edge that `first` continues? The word
    list decides, or the document writing the whole word elsewhere (`seen`; None: geometry
    alone)."""
    last = prev.words[-1].text
    if len(prev.words) != 1 or not (last[-1:].isalpha() and first.text[:1].isalpha()
                                    and first.text[:1].islower()):
        return False
    # room left on the line against the width of a wide letter of the next line's font
    letter = (first.x1 - first.x0) / max(1, len(first.text))
    if right_edge - prev.x1 >= max(0.6 * prev.size, 1.8 * letter + 1.0):
        return False
    tail = first.text.rstrip(".,;:)")
    if seen is None or is_broken_word(last, tail):
        return True
    return (last + tail).lower().strip(".,;:()!?\"”“'") in seen


def paragraph_break(prev: Line, ln: Line, right_edge: float, pitch: float) -> bool:
    if ln.top - prev.top > pitch + max(2.5, 0.25 * ln.size):
        return True
    first = ln.words[0]
    if first.text in BULLETS or first.text[:1] in "•▪◦":
        return True
    if abs(prev.size - ln.size) > 0.6 or prev.bold != ln.bold:
        return True
    space = 0.3 * first.size
    room = right_edge - prev.x1
    fits = (first.x1 - first.x0) + space < room - 1.5
    last = prev.words[-1].text
    # a short line is a paragraph end only where a sentence may end or a new one starts
    opens = first.text[:1].isupper() or first.text[:1].isdigit() or last.endswith(SENTENCE_END)
    if fits and opens and not last.endswith(("-", "/", "\u00ad")):
        return True
    return False


def _would_have_fit(above: Line, ln: Line, right_edge: float) -> bool:
    first = ln.words[0]
    if above.words[-1].text.endswith(("-", "/", "\u00ad")):
        return False
    return right_edge - above.x1 > (first.x1 - first.x0) + 0.3 * first.size + 1.5


def _line_pitch(lines: list[Line]) -> float:
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 3 * a.size]
    if steps:   # rows of one line each would pass for the pitch: cap it by the font size
        return min(statistics.median(steps), 1.3 * statistics.median(ln.size for ln in lines))
    return 1.2 * (lines[0].size if lines else 10)


# ---------------------------------------------------------------- ruled tables

@dataclass
class Grid:
    box: BBox
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]   # r0, c0, r1, c1 (exclusive ends)
    words: list[Word] = field(default_factory=list)

    def to_table(self, page: PageData, joiner: Joiner) -> Optional[Table]:
        by_cell: dict[int, list[Word]] = {}
        unit_cell = {}
        for i, (r0, c0, r1, c1) in enumerate(self.cells):
            for r in range(r0, r1):
                for c in range(c0, c1):
                    unit_cell[(r, c)] = i
        for w in self.words:
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            r = _index(self.ys, cy)
            c = _index(self.xs, cx)
            if (r, c) in unit_cell:
                by_cell.setdefault(unit_cell[(r, c)], []).append(w)
        if not by_cell:
            return None
        objects: list[Cell] = []
        for i, (r0, c0, r1, c1) in enumerate(self.cells):
            words = by_cell.get(i, [])
            box = BBox(self.xs[c0], self.ys[r0], self.xs[c1], self.ys[r1])
            lines = make_lines(words)
            pad = min((ln.x0 - box.x0 for ln in lines), default=2.0)
            right = box.x1 - max(1.0, min(pad, 8.0))
            text = "\n".join(paragraphs(lines, right, joiner))
            cell = Cell(text, r0, c0, r1 - r0, c1 - c0, page.number, box,
                        bold=bool(words) and all(w.bold for w in words))
            if lines and len(lines[-1].words) == 1:
                page.cell_ends[id(cell)] = (lines[-1], right)
            objects.append(cell)
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        rows = [[objects[unit_cell[(r, c)]] for c in range(n_cols)] for r in range(n_rows)]
        return Table(rows, page=page.number, bbox=self.box,
                     row_pages=[page.number] * n_rows, ruled=True)


def _index(bounds: list[float], v: float) -> int:
    for i in range(len(bounds) - 1):
        if v < bounds[i + 1]:
            return i
    return len(bounds) - 2


def _cluster(values: Iterable[float], tol: float = 2.0) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _merge_segments(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in sorted(segs, key=lambda s: (round(s.pos), s.a)):
        if out and abs(out[-1].pos - s.pos) <= 1.0 and s.a <= out[-1].b + 1.5:
            out[-1].b = max(out[-1].b, s.b)
        else:
            out.append(Segment(s.pos, s.a, s.b))
    return out


def _ruled_grids(p: PageData) -> list[Grid]:
    hs, vs = _merge_segments(p.horizontal), _merge_segments(p.vertical)
    if len(hs) < 2 or len(vs) < 2:
        return []
    # connected components of crossing rulings
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = 2.5
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.a - tol <= v.pos <= h.b + tol and v.a - tol <= h.pos <= v.b + tol:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 2:
            continue
        grid = _grid(gh, gv)
        if grid is None:
            continue
        grid.words = [w for w in p.words if _inside(w, grid.box)]
        if grid.words:
            grids.append(grid)
    return grids


def _covers(segs: list[Segment], pos: float, a: float, b: float) -> bool:
    need = (b - a) * 0.6
    covered = 0.0
    for s in segs:
        if abs(s.pos - pos) <= 2.0:
            covered += max(0.0, min(b, s.b) - max(a, s.a))
    return covered >= need


def _grid(hs: list[Segment], vs: list[Segment]) -> Optional[Grid]:
    ys = [y for y in _cluster(h.pos for h in hs)]
    xs = [x for x in _cluster(v.pos for v in vs)]
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 3]
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 3]
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find((r, c))] = find((r, c + 1))
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((r, c))] = find((r + 1, c))
    members: dict[tuple, list[tuple[int, int]]] = {}
    for u in parent:
        members.setdefault(find(u), []).append(u)
    cells = []
    covered = set()
    for units in sorted(members.values(), key=min):
        r0 = min(r for r, _ in units)
        c0 = min(c for _, c in units)
        r1 = max(r for r, _ in units) + 1
        c1 = max(c for _, c in units) + 1
        if any((r, c) in covered for r in range(r0, r1) for c in range(c0, c1)):
            continue   # not a rectangle: keep the units as they come
        covered.update((r, c) for r in range(r0, r1) for c in range(c0, c1))
        cells.append((r0, c0, r1, c1))
    for u in parent:
        if u not in covered:
            cells.append((u[0], u[1], u[0] + 1, u[1] + 1))
    return Grid(BBox(xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


# ---------------------------------------------------------------- borderless tables, text

def _segments(ln: Line) -> list[list[Word]]:
    """A line's words split where they stand apart by more than a column gap."""
    parts = [[ln.words[0]]]
    for a, b in zip(ln.words, ln.words[1:]):
        if b.x0 - a.x1 > COLUMN_GAP_EM * max(a.size, b.size):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts


def _fits_columns(ln: Line, cols: list[float], tol: float = 3.0) -> bool:
    """Every word of the line lies inside one column (none crosses a column start), and
    words in neighbouring columns stand further apart than a word space (running text
    whose words happen to fall either side of a column start is not a table line)."""
    for w in ln.words:
        for x in cols[1:]:
            if w.x0 < x - tol and w.x1 > x + 1.0:
                return False
    for a, b in zip(ln.words, ln.words[1:]):
        if b.x0 - a.x1 < 0.45 * max(a.size, b.size) and \
                any(a.x1 <= x + 1.0 and b.x0 >= x - tol for x in cols[1:]):
            return False
    return ln.x0 >= cols[0] - tol


def _starts_on_columns(ln: Line, cols: list[float], tol: float = 3.0) -> int:
    starts = [seg[0].x0 for seg in _segments(ln)]
    return sum(1 for s in starts if any(abs(s - x) <= tol for x in cols))


def _borderless_and_text(p: PageData, lines: list[Line], joiner: Joiner, body_size: float,
                         heading_sizes: list[float], carry: Optional[list[float]]):
    """Find borderless tables among the page's free lines; the rest become text blocks.
    Returns the columns of a borderless table running to the page bottom (for the next
    page), whether `carry` continued such a table here, and a lone table header line that
    ends the page (its table starts on the next page; the caller decides)."""
    i = 0
    text_run: list[Line] = []
    right_margin = max((ln.x1 for ln in lines), default=p.width)
    # a ruled table sits between text runs: lines above and below it are separate runs
    breaks = sorted(t for t, _ in p.items)
    ending_cols = None
    used_carry = False
    lone = None
    while i < len(lines):
        ln = lines[i]
        cols = None
        header_rows = 0
        if carry is not None and not text_run and i == 0 and _fits_columns(ln, carry) \
                and _starts_on_columns(ln, carry) >= 1 and ln.size < body_size * 1.12:
            cols = carry
        elif ln.size < body_size * 1.12:
            segs = _segments(ln)
            if len(segs) >= 2:
                cols = [seg[0].x0 for seg in segs]
                header_rows = 1
        if cols is not None:
            end, spans = _table_extent(lines, i, cols, header_rows)
            body = lines[i:end]
            if header_rows and end == i + 1 == len(lines) and len(cols) >= 3:
                _flush_text(p, text_run, joiner, body_size, heading_sizes, right_margin)
                text_run = []
                lone, ending_cols = ln, cols     # a header line alone at the page bottom
                i = end
                continue
            # a table going on from the page before may go on for a line only: every part
            # of it starts on one of the columns, and not all of it in the first
            carried = cols is carry and all(
                any(abs(seg[0].x0 - x) <= 3.0 for x in cols)
                for b in body for seg in _segments(b)) and any(
                b.x0 > cols[0] + 3.0 or len(_segments(b)) >= 2 for b in body)
            if (end - i >= 2 and _is_table(body, cols)) or carried:
                used_carry = used_carry or cols is carry
                _flush_text(p, text_run, joiner, body_size, heading_sizes, right_margin)
                text_run = []
                table = _borderless_table(p, body, cols, joiner, {k - i for k in spans})
                if table is not None:
                    p.items.append((body[0].top, table))
                ending_cols = cols if end == len(lines) else None
                i = end
                continue
        if text_run and any(text_run[-1].bottom <= t <= ln.top for t in breaks):
            _flush_text(p, text_run, joiner, body_size, heading_sizes, right_margin)
            text_run = []
        text_run.append(ln)
        ending_cols = None
        i += 1
    _flush_text(p, text_run, joiner, body_size, heading_sizes, right_margin)
    return ending_cols, used_carry, lone


def _table_extent(lines: list[Line], start: int, cols: list[float],
                  header_rows: int) -> tuple[int, set[int]]:
    """Index after the last line that still belongs to a borderless table from `start`."""
    ref = lines[start]
    end = start + 1
    # header words wrapped inside their cell: following lines starting on header columns
    while end < len(lines) and header_rows and lines[end].bold == ref.bold and ref.bold \
            and _fits_columns(lines[end], cols) and lines[end].top - lines[end - 1].bottom < ref.size:
        end += 1
    spans: set[int] = set()
    while end < len(lines):
        ln, prev = lines[end], lines[end - 1]
        if ln.top - prev.bottom > 2.2 * ln.size:
            break
        # text set larger than anything in the table so far is the text after it
        if ln.size > max(x.size for x in lines[start:end]) + 0.5:
            break
        if not _fits_columns(ln, cols):
            # a row spanning the table (a category row) when the columns go on after it
            nxt = end + 1
            if nxt < len(lines) and lines[nxt].top - ln.bottom <= 2.2 * ln.size \
                    and _fits_columns(lines[nxt], cols) \
                    and _starts_on_columns(lines[nxt], cols) >= 2 and len(_segments(ln)) == 1:
                spans.add(end)
                end += 1
                continue
            break
        end += 1
    return end, spans


def _is_table(body: list[Line], cols: list[float]) -> bool:
    """Enough lines use columns other than the first to be a table, not indented text."""
    multi = sum(1 for ln in body if _starts_on_columns(ln, cols) >= 2 or
                (ln.x0 > cols[0] + 3 and _starts_on_columns(ln, cols) >= 1))
    return multi >= 2 or (len(body) >= 2 and multi >= 1 and len(cols) >= 3)


def _column_of(w: Word, cols: list[float]) -> int:
    c = 0
    for j, x in enumerate(cols):
        if w.x0 >= x - 3.0:
            c = j
    return c


def _borderless_table(p: PageData, body: list[Line], cols: list[float],
                      joiner: Joiner, spans: set[int] = frozenset()) -> Optional[Table]:
    n = len(cols)
    # per line, the part of it in each column
    parts: list[dict[int, Line]] = []
    for ln in body:
        by_col: dict[int, list[Word]] = {}
        for w in ln.words:
            by_col.setdefault(_column_of(w, cols), []).append(w)
        parts.append({c: Line(ws) for c, ws in by_col.items()})
    pitch = _line_pitch(body)
    step = pitch + max(2.5, 0.25 * body[0].size)
    # a line starts a block in a column when that column was empty just above it
    # ... or when the line above it in that column stopped short of the column's edge
    # although this line's first word would have fit (the cell's text had ended)
    # The column whose text comes closest to the next column shows the gutter between them.
    reach = [max((part[j].x1 for part in parts if j in part), default=cols[j])
             for j in range(n)]
    gutter = min((cols[j + 1] - reach[j] for j in range(n - 1)), default=0.0)
    gutter = max(gutter, 0.2 * body[0].size)
    edges = [max(reach[j], cols[j + 1] - gutter) for j in range(n - 1)] + \
            [max(ln.x1 for ln in body)]
    last_seg: dict[int, Line] = {}
    starts: list[dict[int, bool]] = []
    for part in parts:
        flags = {}
        for c, seg in part.items():
            above = last_seg.get(c)
            flags[c] = above is None or seg.top - above.top > step or \
                _would_have_fit(above, seg, edges[c])
            last_seg[c] = seg
        starts.append(flags)
    row_starts = [0]
    for k in range(1, len(body)):
        flags = starts[k]
        if k in spans or k - 1 in spans:
            row_starts.append(k)
        elif body[k - 1].bold and not body[k].bold and all(body[j].bold for j in range(k)):
            row_starts.append(k)       # the bold header row ends here
        elif 0 in flags and flags[0] and all(flags.values()):
            row_starts.append(k)
        elif 0 not in flags and all(flags.values()) and len(flags) >= max(2, n - 1):
            row_starts.append(k)
    row_starts = _drop_paragraph_breaks(body, row_starts, step, spans)
    right_edges = [cols[j + 1] - 4.0 for j in range(n - 1)] + \
                  [max(ln.x1 for ln in body)]
    for j in range(n - 1):   # a column's text may end well before the next column starts
        xs = [part[j].x1 for part in parts if j in part]
        if xs:
            right_edges[j] = min(right_edges[j], max(xs))
    rows = []
    bounds = row_starts + [len(body)]
    for r, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if a in spans:
            box = BBox(cols[0], body[a].top, right_edges[-1], body[b - 1].bottom)
            text = joiner.join([ln.text for ln in body[a:b]])
            cell = Cell(text, r, 0, 1, n, p.number, box, bold=all(ln.bold for ln in body[a:b]))
            rows.append([cell] * n)
            continue
        row = []
        for c in range(n):
            segs = [parts[k][c] for k in range(a, b) if c in parts[k]]
            text = "\n".join(paragraphs(segs, right_edges[c], joiner, pitch, lexical=True))
            box = BBox(cols[c], body[a].top, cols[c + 1] if c + 1 < n else right_edges[-1],
                       body[b - 1].bottom)
            bold = bool(segs) and all(s.bold for s in segs)
            row.append(Cell(text, r, c, page=p.number, bbox=box, bold=bold))
        rows.append(row)
    if not rows:
        return None
    box = BBox(cols[0], body[0].top, max(ln.x1 for ln in body), body[-1].bottom)
    return Table(rows, page=p.number, bbox=box, row_pages=[p.number] * len(rows), ruled=False)


def _drop_paragraph_breaks(body: list[Line], row_starts: list[int], step: float,
                           spans: Collection[int]) -> list[int]:
    """Where most row boundaries (the header's end included) stand apart by more than the
    line pitch, a row start found without such a gap is a paragraph break that happens in
    every column on the same line, not a new row."""
    spaced = [k for k in row_starts[1:] if body[k].top - body[k - 1].top > step]
    # row starts known otherwise: a spanning row, the end of the bold header
    unspaced = [k for k in row_starts[1:] if k not in spaced and k not in spans
                and k - 1 not in spans and not body[k - 1].bold]
    if not spaced or len(spaced) <= len(unspaced):
        return row_starts
    return [k for k in row_starts if k not in unspaced]


def _flush_text(p: PageData, lines: list[Line], joiner: Joiner, body_size: float,
                heading_sizes: list[float], right_margin: float) -> None:
    if not lines:
        return
    pitch = _line_pitch(lines)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:]):
        if paragraph_break(prev, ln, right_margin, pitch) or ln.x0 > prev.x0 + 30 \
                or prev.x0 > ln.x0 + 30:
            groups.append([ln])
        else:
            groups[-1].append(ln)
    for g in groups:
        text = joiner.join([ln.text for ln in g])
        if not text:
            continue
        size = max(ln.size for ln in g)
        bold = all(ln.bold for ln in g)
        kind, level = "paragraph", None
        if size >= body_size * 1.12 and len(text) < 200:
            kind = "heading"
            level = min(heading_sizes.index(size) + 1 if size in heading_sizes else 1, 6)
        elif bold and len(text) < 120 and not text.endswith((".", ",")):
            kind = "heading"
            level = len(heading_sizes) + 1
        box = BBox(min(ln.x0 for ln in g), g[0].top, max(ln.x1 for ln in g), g[-1].bottom)
        p.items.append((g[0].top, TextBlock(text, kind=kind, level=level, page=p.number,
                                            bbox=box, font_size=size, bold=bold)))


# ---------------------------------------------------------------- tables over pages

def _same_columns(a: Table, b: Table) -> bool:
    if a.n_cols != b.n_cols or a.ruled != b.ruled:
        return False
    xa = _column_starts(a)
    xb = _column_starts(b)
    return all(abs(x - y) <= 4.0 for x, y in zip(xa, xb))


def _column_starts(t: Table) -> list[float]:
    starts = []
    for c in range(t.n_cols):
        xs = [row[c].bbox.x0 for row in t.rows if c < len(row) and row[c].bbox
              and row[c].col == c]
        starts.append(min(xs) if xs else 0.0)
    return starts


def join_across_pages(pages: list[PageData], seen: Collection[str] = (),
                      cut_below: float = 0.0) -> list:
    """cut_below: a table fragment ending below this may end in a row the break cut."""
    """Items in reading order, a table continued at the top of the next page joined."""
    items: list = []
    last_page_items: list = []
    cell_ends = {k: v for p in pages for k, v in p.cell_ends.items()}
    for p in pages:
        page_items = [it for _, it in p.items]
        if page_items and isinstance(page_items[0], Table) and last_page_items \
                and isinstance(last_page_items[-1], Table) \
                and _same_columns(last_page_items[-1], page_items[0]):
            _append_rows(last_page_items[-1], page_items[0], cell_ends, seen, cut_below)
            page_items = page_items[1:]
            if not page_items:   # the whole page continues the same table
                last_page_items = last_page_items[-1:]
                continue
        if page_items and last_page_items and _continues_paragraph(last_page_items[-1],
                                                                   page_items[0]):
            before = last_page_items[-1]
            before.text = before.text.rstrip() + " " + page_items[0].text
            page_items = page_items[1:]
        items.extend(page_items)
        last_page_items = page_items or last_page_items
    return items


def _continues_paragraph(before, after) -> bool:
    """A paragraph the page break cut: same style, no sentence end, goes on in lower case."""
    return (isinstance(before, TextBlock) and isinstance(after, TextBlock)
            and before.kind == after.kind == "paragraph" and before.bold == after.bold
            and not _ends_sentence(before.text) and after.text[:1].islower())


def _append_rows(first: Table, cont: Table, cell_ends: Optional[dict] = None,
                 seen: Collection[str] = (), cut_below: float = 0.0) -> None:
    rows = cont.rows
    row_pages = list(cont.row_pages)
    header = [c.text for c in first.rows[0]]
    if rows and [c.text for c in rows[0]] == header:
        rows, row_pages = rows[1:], row_pages[1:]
    split_row: list[Cell] = []
    # a fragment that is only the header row, ending well above the page's body bottom, was
    # not cut: the next row did not fit whole (a category row, a row kept together)
    cut = len(first.rows) > 1 or first.bbox is None or first.bbox.bottom >= cut_below
    if rows and cut and _continues_row(first.rows[-1], rows[0], first.ruled):
        split_row = rows[0]
        _merge_row(first.rows[-1], rows[0], cell_ends or {}, seen)
        rows, row_pages = rows[1:], row_pages[1:]
    base = len(first.rows)
    done = set()
    for r, row in enumerate(rows):
        for cell in row:
            if id(cell) not in done:
                cell.row += base - (cont.n_rows - len(rows))
                done.add(id(cell))
    if rows:
        _continue_merged_cells(first, rows, split_row)
    first.rows.extend(rows)
    first.row_pages.extend(row_pages)


def _continue_merged_cells(first: Table, rows: list[list[Cell]], split_row: list[Cell]) -> None:
    """A cell merged down over rows that the page break cuts prints its text on the first
    page only: the empty cell below the break is the same cell. Taken so where the empty
    cell was itself merged down from the split row, or where the column merges cells
    elsewhere in the table (its empty cells mean "as above")."""
    last = first.rows[-1]
    for c in range(min(len(last), len(rows[0]))):
        above, top = last[c], rows[0][c]
        if top is above or top.text.strip() or not above.text.strip() \
                or top.col_span != 1 or above.col_span != 1 or top.col != c or above.col != c:
            continue
        from_split = c < len(split_row) and split_row[c] is top
        merges = any(row[c].row_span > 1 for row in first.rows + rows if c < len(row))
        if not (from_split or merges):
            continue
        covered = 0
        for row in rows:
            if c < len(row) and row[c] is top:
                row[c] = above
                covered += 1
        above.row_span += covered


def _continues_row(last: list[Cell], nxt: list[Cell], ruled: bool) -> bool:
    """Is `nxt` (first row on the new page) the rest of `last`, split by the page break?
    Not when a cell opens a new sub-item ("b) ..."). When its first cell (number, key) goes
    on mid-sentence, yes. When its first cell is empty: in a borderless table yes (rows are
    found by their first cell); in a ruled one, when some cell goes on mid-sentence."""
    if not nxt or not last or not last[0].text.strip():
        return False
    filled = [c for c, cell in enumerate(nxt) if cell.text.strip()]
    if not filled or any(SUB_ITEM.match(nxt[c].text) for c in filled):
        return False
    if nxt[0].text.strip():
        return nxt[0].text[:1].islower() and not _ends_sentence(last[0].text)
    if not ruled:
        return True
    return any(last[c].text.strip() and (not _ends_sentence(last[c].text)
                                         or nxt[c].text[:1].islower()) for c in filled)


def _broken_over_pages(above: Cell, cell: Cell, end: tuple, seen: Collection[str]) -> bool:
    """Did the page break cut a word too long for the column ("ekonomisk" / "t bistånd")?"""
    line, right = end
    head = cell.text.split(None, 1)[0]
    letter = line.words[0].x1 - line.words[0].x0
    letter /= max(1, len(line.words[0].text))
    first = Word(head, 0.0, letter * len(head), 0.0, 0.0, line.size, False)
    return above.text.rstrip().endswith(line.words[0].text) and \
        _broken_at_edge(line, right, first, seen)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def _merge_row(last: list[Cell], nxt: list[Cell], cell_ends: dict,
               seen: Collection[str] = ()) -> None:
    for c, cell in enumerate(nxt):
        if c >= len(last) or not cell.text.strip():
            continue
        above = last[c]
        if not above.text.strip():
            above.text = cell.text
        elif id(above) in cell_ends and _broken_over_pages(above, cell, cell_ends[id(above)],
                                                           seen):
            above.text = above.text.rstrip() + cell.text.lstrip()
        elif _ends_sentence(above.text) and cell.text[:1].isupper():
            above.text = above.text.rstrip() + "\n" + cell.text
        else:
            above.text = above.text.rstrip() + " " + cell.text
