"""Read a PDF: pages of words and rulings from a word source, reviewed page by page (OCR for
pages without a usable text layer, ikextract.read.pages), then the geometry stage builds
the Document (ikextract.geometry). Tables split over pages are left for the tables stage.

The word source is the user's choice (ReadOptions.word_source, `--word-source`), one of
ikextract.read.WORD_SOURCES: each is a function path -> (pages, metadata).
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Callable, Optional

from ikextract.geometry import GeometrySettings, build_document
from ikextract.geometry.page import PageGeometry
from ikextract.model import Document, ExtractionError


def word_source(name: str) -> Callable[[Path], tuple[list[PageGeometry], dict[str, str]]]:
    from ikextract.read import WORD_SOURCES
    if name not in WORD_SOURCES:
        raise ExtractionError(f"unknown word source '{name}': one of "
                              + ", ".join(sorted(WORD_SOURCES)), error_type="UsageError")
    module, _, func = WORD_SOURCES[name].partition(":")
    return getattr(import_module(module), func)


def read_pdf(path: str | Path, options=None,
             settings: Optional[GeometrySettings] = None) -> Document:
    from ikextract.read import ReadOptions
    from ikextract.read.pages import review_pages
    options = options or ReadOptions()
    path = Path(path)
    pages, properties = word_source(options.word_source)(path)
    if not pages:
        raise ExtractionError("corrupt PDF: it has no pages", error_type="CorruptFile")
    pages = review_pages(path, pages, options)
    if not any(p.words for p in pages):
        raise ExtractionError(
            f"no text layer: none of the {len(pages)} page(s) has text (a scan needs OCR)",
            error_type="NoTextLayer")
    return build_document(pages, path, "pdf", settings or GeometrySettings(), properties)
