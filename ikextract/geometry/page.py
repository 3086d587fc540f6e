"""The page model every word source produces and the geometry stage consumes.

A word source (pdfplumber text layer, PDFium text layer, Tesseract OCR) turns one page into a
PageGeometry: words with their boxes and what is known of their font, and ruling segments
(table borders drawn as lines or thin rectangles, or found in a scanned image). Geometry code
never asks where a word came from: an OCR page and a text-layer page are read the same way.

Coordinates are PDF points from the page's top-left corner (as pdfplumber): x grows right,
top/bottom grow down. A source working in pixels converts (points = pixels * 72 / dpi).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class PageWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    # Font size in points; None where the source cannot tell (OCR gives the box height).
    size: Optional[float] = None
    # True/False from the font name; None where unknown (OCR): never guess False.
    bold: Optional[bool] = None
    # 0..1; 1.0 for a text layer, Tesseract's word confidence / 100 for OCR.
    confidence: float = 1.0
    font: Optional[str] = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


# A filled box is a rule, not shading, when it is at most THIN_RULE thick, or at most
# THICK_RULE thick and RULE_ASPECT times as long (a thick border drawn as a box).
THIN_RULE = 3.0
THICK_RULE = 6.0
RULE_ASPECT = 8.0


def is_rule_box(width: float, height: float) -> bool:
    """Is a filled box of this size a ruling (for word sources reading rectangles)?"""
    thin, long = min(width, height), max(width, height)
    return thin <= THIN_RULE or (thin <= THICK_RULE and long >= RULE_ASPECT * thin)


@dataclass
class Ruling:
    """A straight ruling segment; horizontal when it is wider than tall."""
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class PageGeometry:
    number: int                         # 1-based
    width: float
    height: float
    words: list[PageWord] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    source: str = "unknown"             # "pdfplumber", "pdfium", "ocr"
    # What the source wants a reader of the report to know about this page (text-layer
    # quality decisions, OCR confidence ...): ends in Document.warnings.
    warnings: list[str] = field(default_factory=list)
