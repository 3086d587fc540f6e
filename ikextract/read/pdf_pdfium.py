"""Word source: a PDF's text layer through PDFium (pypdfium2's raw API).

Per page, each page and text page closed after use: the characters with their box, font
size and font name, grouped into words as pdfplumber does (one line of characters within
3 pt, a new word at a space, a gap over 2 pt, or a change of font or size), and the ruling
segments of the page's path objects (straight pieces of stroked paths, thin filled
rectangles, the sides of stroked rectangles).

A character's box spans its font size from the baseline up (PDFium's loose box for the
x extent), so every word source gives lines of the same height.
"""
from __future__ import annotations

import ctypes
import math
from pathlib import Path

from ikextract.geometry.page import PageGeometry, PageWord, Ruling, is_rule_box
from ikextract.read.pdf_errors import BOLD_FONT, corrupt_page, open_error

NAME = "pdfium"
# Characters on one line: tops within this (points); words: gaps wider than this.
Y_TOLERANCE = 3.0
X_TOLERANCE = 2.0
# PDFium's stand-ins for a hyphen at a line end and for spaces it did not find in the file.
_HYPHEN_MARKS = {0x02: "-", 0xFFFE: "-"}
# Characters turned at most this far from level are upright: an OCR text layer sets each word
# along the scanned line (a degree or two off level, a one-letter word up to ~20 degrees);
# turned text (a 90-degree column head, a 45-degree watermark) stays out.
UPRIGHT_TOLERANCE = math.radians(25)


def read_pages(path: str | Path) -> tuple[list[PageGeometry], dict[str, str]]:
    """The pages of words and rulings, and the document's metadata (lower-cased keys)."""
    import pypdfium2 as pdfium
    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:
        raise open_error(path, exc) from exc
    pages: list[PageGeometry] = []
    try:
        properties = {k.lower(): v.strip() for k, v in pdf.get_metadata_dict().items()
                      if isinstance(v, str) and v.strip()}
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except Exception as exc:
                raise corrupt_page(index + 1, exc) from exc
            try:
                pages.append(read_page(page, index + 1))
            except Exception as exc:
                raise corrupt_page(index + 1, exc) from exc
            finally:
                page.close()
    except Exception as exc:
        raise open_error(path, exc) from exc
    finally:
        pdf.close()
    return pages, properties


def read_page(page, number: int) -> PageGeometry:
    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    to_page = _display(rotation, width, height)
    if rotation in (90, 270):       # the page as displayed
        width, height = height, width
    textpage = page.get_textpage()
    try:
        words = _words(textpage.raw, to_page, math.radians(rotation))
    finally:
        textpage.close()
    rulings = _rulings(page, to_page)
    return PageGeometry(number, float(width), float(height), words, rulings, source=NAME)


def _display(rotation: int, width: float, height: float):
    """PDF user space (y up) to the displayed page's points from its top-left corner, for
    a page turned `rotation` degrees clockwise (/Rotate), as pdfplumber sees it."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


# ---------------------------------------------------------------- characters and words

class _Font:
    __slots__ = ("name", "size", "bold", "upright")

    def __init__(self, name: str, size: float, upright: bool):
        self.name, self.size, self.upright = name, size, upright
        self.bold = bool(BOLD_FONT.search(name))


def _font_of(raw, tp, i: int, buf, turn: float = 0.0) -> _Font:
    flags = ctypes.c_int()
    n = raw.FPDFText_GetFontInfo(tp, i, buf, len(buf), ctypes.byref(flags))
    name = buf.raw[:max(0, n - 1)].decode("utf-8", "replace") if n > 0 else ""
    name = name.split("+", 1)[-1]
    size = round(float(raw.FPDFText_GetFontSize(tp, i)), 1)
    # upright on the displayed page: PDFium's angle (clockwise) plus the page's clockwise turn
    angle = (raw.FPDFText_GetCharAngle(tp, i) + turn + math.pi) % (2 * math.pi) - math.pi
    upright = abs(angle) < UPRIGHT_TOLERANCE
    return _Font(name, size, upright)


def _page_text(raw, tp, n: int) -> str:
    """The text page's n characters in one call (UTF-16), one str character each."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = raw.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[:max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    # characters outside the BMP come as surrogate pairs: one call per character then
    return "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))


_TEXT_OBJECT = []


def _text_object_address():
    """FPDFText_GetTextObject returning the object's address as an int: a cheap key for the
    font cache (casting pypdfium2's pointer result for each character costs more than the
    rest of the character's reading)."""
    if not _TEXT_OBJECT:
        import pypdfium2.raw as raw
        address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
        proto = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _TEXT_OBJECT.append(proto(address))
    return _TEXT_OBJECT[0]


def _chars(tp, to_page, turn: float = 0.0) -> list[tuple]:
    """(text, x0, x1, top, bottom, font) of the page's printed characters, in stream order;
    a space (in the file or one PDFium inferred) as None, a word break."""
    import pypdfium2.raw as raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = _page_text(raw, tp, n)
    out = []
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    buf = ctypes.create_string_buffer(256)
    fonts: dict[int, _Font] = {}
    text_object, loose_box, origin = (_text_object_address(), raw.FPDFText_GetLooseCharBox,
                                      raw.FPDFText_GetCharOrigin)
    for i, ch in enumerate(text):
        if ch.isspace():
            out.append(None)
            continue
        ch = _HYPHEN_MARKS.get(ord(ch), ch)
        key = text_object(tp, i) or 0
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font_of(raw, tp, i, buf, turn)
        if not font.upright:
            continue
        loose_box(tp, i, box)
        origin(tp, i, ox, oy)
        if turn:
            x0, _ = to_page(box.left, box.bottom)
            x1, _ = to_page(box.right, box.top)
            x0, x1 = min(x0, x1), max(x0, x1)
        else:
            x0, x1 = box.left, box.right
        baseline = to_page(ox.value, oy.value)[1]
        out.append((ch, x0, x1, baseline - font.size, baseline, font))
    return out


def _words(tp, to_page, turn: float = 0.0) -> list[PageWord]:
    # a space breaks a word: the characters either side of it get a word id apart
    chars, word = [], 0
    for c in _chars(tp, to_page, turn):
        if c is None:
            word += 1
        else:
            chars.append(c + (word,))
    # lines: tops clustered within the tolerance, each line's characters left to right
    chars.sort(key=lambda c: c[3])
    lines: list[list[tuple]] = []
    for c in chars:
        if lines and c[3] - lines[-1][-1][3] <= Y_TOLERANCE:
            lines[-1].append(c)
        else:
            lines.append([c])
    words: list[PageWord] = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        current: list[tuple] = []
        for c in line:
            if current:
                prev = current[-1]
                if c[6] != prev[6] or c[1] > prev[2] + X_TOLERANCE or c[1] < prev[1] - X_TOLERANCE \
                        or c[5].name != prev[5].name or c[5].size != prev[5].size:
                    _emit(current, words)
                    current = []
            current.append(c)
        _emit(current, words)
    return words


def _emit(chars: list[tuple], words: list[PageWord]) -> None:
    if not chars:
        return
    font = chars[0][5]
    words.append(PageWord("".join(c[0] for c in chars), chars[0][1], min(c[3] for c in chars),
                          max(c[2] for c in chars), max(c[4] for c in chars), size=font.size,
                          bold=font.bold, font=font.name or None))


# ---------------------------------------------------------------- rulings

def _rulings(page, to_page) -> list[Ruling]:
    import pypdfium2.raw as raw
    out: list[Ruling] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=0):
        handle = obj.raw
        raw.FPDFPath_GetDrawMode(handle, fill, stroke)
        stroked, filled = bool(stroke.value), fill.value != 0
        m = obj.get_matrix()
        a, b, c, d, e, f = m.get()
        subpaths: list[list[tuple[float, float]]] = []
        curved: list[bool] = []
        for k in range(raw.FPDFPath_CountSegments(handle)):
            seg = raw.FPDFPath_GetPathSegment(handle, k)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            kind = raw.FPDFPathSegment_GetType(seg)
            px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
            point = to_page(px, py)
            if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append([point])
                curved.append(False)
            else:
                subpaths[-1].append(point)
                curved[-1] = curved[-1] or kind == raw.FPDF_SEGMENT_BEZIERTO
            if raw.FPDFPathSegment_GetClose(seg) and subpaths[-1][0] != point:
                subpaths[-1].append(subpaths[-1][0])
        for pts, bent in zip(subpaths, curved):
            out.extend(_subpath_rulings(pts, bent, stroked, filled))
    return out


def _subpath_rulings(pts, bent: bool, stroked: bool, filled: bool) -> list[Ruling]:
    """As pdfplumber reads them: a straight line; a rectangle thin enough to be a rule, or
    the four sides of a stroked one (a filled box is shading); a stroked curve's pieces."""
    if len(pts) < 2:
        return []
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if len(pts) == 2 and not bent:
        return [Ruling(x0, top, x1, bottom)]
    axis_box = not bent and len({round(v, 2) for v in xs}) <= 2 \
        and len({round(v, 2) for v in ys}) <= 2 and len(pts) in (4, 5)
    if axis_box:
        if is_rule_box(x1 - x0, bottom - top):
            return [Ruling(x0, top, x1, bottom)]
        if stroked:
            return [Ruling(x0, top, x1, top), Ruling(x0, bottom, x1, bottom),
                    Ruling(x0, top, x0, bottom), Ruling(x1, top, x1, bottom)]
        return []
    if not stroked:
        return []
    return [Ruling(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
            for p, q in zip(pts, pts[1:])]
