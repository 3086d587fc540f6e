"""Page geometry: from pages of words and rulings (any word source) to the document model.

page.py holds the public page model; settings.py every tolerance; the functions that build
lines (lines.py), margins (margins.py), ruled grids (ruled.py), borderless tables
(borderless.py), paragraphs and headings (paragraphs.py) live beside it, and document.py
puts them together: build_document(pages, path, source_format, settings) -> Document.
"""
from ikextract.geometry.page import PageGeometry, PageWord, Ruling
from ikextract.geometry.settings import GeometrySettings
from ikextract.geometry.document import build_document  # noqa: E402  (after the model)

__all__ = ["PageGeometry", "PageWord", "Ruling", "GeometrySettings", "build_document"]
