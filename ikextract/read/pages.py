"""Per-page review of a PDF's text layer, between the word source and the geometry stage.

The PDF reader calls review_pages() with the pages its word source produced; a page whose
text layer is missing or unusable may come back replaced by an OCR page (source "ocr"), so
the geometry stage reads OCR words exactly as text-layer words. Owned by the OCR work
(issue 9): until it lands, pages pass through unchanged.
"""
from __future__ import annotations

from pathlib import Path

from ikextract.geometry.page import PageGeometry


def review_pages(path: Path, pages: list[PageGeometry], options) -> list[PageGeometry]:
    """Pages to read: the given ones, with unusable text layers replaced by OCR pages."""
    return pages
