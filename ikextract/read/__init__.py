"""Readers: one module per input format or word source, registered here.

A PDF page comes from a word source (text layer through pdfplumber or PDFium, or OCR) as a
geometry.PageGeometry; DOCX is read into a Document directly; legacy formats are converted
first. ReadOptions carries the user's choices (`--word-source`, `--ocr`) from the pipeline.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ikextract.model import Document, ExtractionError
from ikextract.read.sniff import format_of

# Extension -> the format name the contract uses for it.
FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".odt": "odt", ".rtf": "rtf"}

# PDF text-layer word sources: name -> "module:function", path -> (list[PageGeometry],
# metadata dict); read.pdf turns the pages into a Document (ikextract.geometry).
WORD_SOURCES = {
    "pdfplumber": "ikextract.read.pdf_plumber:read_pages",
    "pdfium": "ikextract.read.pdf_pdfium:read_pages",
}
DEFAULT_WORD_SOURCE = "pdfium"
OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class ReadOptions:
    word_source: str = DEFAULT_WORD_SOURCE
    ocr: str = "auto"            # auto: pages without a usable text layer; always; never

    @classmethod
    def from_settings(cls, settings: dict) -> "ReadOptions":
        ocr = settings.get("ocr") or ("always" if settings.get("force_ocr") else "auto")
        return cls(word_source=settings.get("word_source") or DEFAULT_WORD_SOURCE, ocr=ocr)


def supported(path: str | Path) -> bool:
    return Path(path).suffix.lower() in FORMATS


def read_document(path: str | Path, options: ReadOptions | None = None, *,
                  force_ocr: bool = False) -> Document:
    options = options or ReadOptions(ocr="always" if force_ocr else "auto")
    path = Path(path)
    fmt = format_of(path, FORMATS)     # the bytes first (read/sniff.py), then the name
    if fmt is None:
        raise ExtractionError(
            f"unsupported file type '{path.suffix or '(none)'}': ikextract reads "
            + ", ".join(sorted(FORMATS)), error_type="UnsupportedFormat")
    if path.stat().st_size == 0:
        raise ExtractionError("empty file (0 bytes)", error_type="EmptyFile")
    if fmt == "docx":
        from ikextract.read.docx import read_docx
        return read_docx(path)
    if fmt == "pdf":
        from ikextract.read import pdf
        return pdf.read_pdf(path, options)
    from ikextract.read.convert import read_converted
    return read_converted(path, fmt)
