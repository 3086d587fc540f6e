"""Word source: a PDF's text layer through pdfplumber (pdfminer).

Per page, each released after use: the words with box, size and font (bold from the font
name), and the ruling segments (lines, thin or stroked rectangles, straight curve pieces).
"""
from __future__ import annotations

from pathlib import Path

from ikextract.geometry.page import PageGeometry, PageWord, Ruling, is_rule_box
from ikextract.read.pdf_errors import BOLD_FONT, corrupt_page, open_error

NAME = "pdfplumber"


def read_pages(path: str | Path) -> tuple[list[PageGeometry], dict[str, str]]:
    """The pages of words and rulings, and the document's metadata (lower-cased keys)."""
    import pdfplumber
    path = Path(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer wraps everything; name what went wrong
        raise open_error(path, exc) from exc
    pages: list[PageGeometry] = []
    properties: dict[str, str] = {}
    try:
        for key, value in (pdf.metadata or {}).items():
            if isinstance(value, str) and value.strip():
                properties[key.lower()] = value.strip()
        for page in pdf.pages:
            try:
                pages.append(read_page(page))
            except Exception as exc:
                raise corrupt_page(page.page_number, exc) from exc
            finally:
                page.close()   # releases the page's parsed objects: memory stays flat
    except Exception as exc:
        raise open_error(path, exc) from exc
    finally:
        pdf.close()
    return pages, properties


def read_page(page) -> PageGeometry:
    words = []
    for w in page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False,
                                extra_attrs=["size", "fontname"]):
        if not w.get("upright", True) or not w["text"].strip():
            continue
        font = w.get("fontname") or ""
        words.append(PageWord(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]),
                              float(w["bottom"]), size=round(float(w["size"]), 1),
                              bold=bool(BOLD_FONT.search(font)), font=font or None))
    rulings = [Ruling(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]))
               for o in page.lines]
    for o in page.rects:
        x0, top, x1, bottom = (float(o[k]) for k in ("x0", "top", "x1", "bottom"))
        if is_rule_box(x1 - x0, bottom - top):      # a rule drawn as a thin filled box
            rulings.append(Ruling(x0, top, x1, bottom))
        elif o.get("stroke"):                       # a stroked box: its four sides
            rulings += [Ruling(x0, top, x1, top), Ruling(x0, bottom, x1, bottom),
                        Ruling(x0, top, x0, bottom), Ruling(x1, top, x1, bottom)]
        # filled boxes (cell shading) are not rulings
    for o in page.curves:
        if not o.get("stroke"):
            continue
        pts = o.get("pts") or []
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            rulings.append(Ruling(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    width, height = float(page.width), float(page.height)
    if (getattr(page, "rotation", 0) or 0) % 180 == 90:
        width, height = height, width     # the words are placed on the page as displayed
    return PageGeometry(page.page_number, width, height, words, rulings, source=NAME)
