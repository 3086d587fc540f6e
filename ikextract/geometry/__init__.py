"""Page geometry: from pages of words and rulings (any word source) to the document model.

page.py holds the public page model; the functions that build lines, margins, ruled grids,
borderless tables, paragraphs and headings from it live beside it, one module each.
"""
from ikextract.geometry.page import PageGeometry, PageWord, Ruling

__all__ = ["PageGeometry", "PageWord", "Ruling"]
