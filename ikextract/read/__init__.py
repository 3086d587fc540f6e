"""Readers: one module per input format, each turning a file into a model.Document."""
from __future__ import annotations

from pathlib import Path

from ikextract.model import Document, ExtractionError

# Extension -> the format name the contract uses for it.
FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".odt": "odt", ".rtf": "rtf"}


def supported(path: str | Path) -> bool:
    return Path(path).suffix.lower() in FORMATS


def read_document(path: str | Path, *, force_ocr: bool = False) -> Document:
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
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
        if force_ocr:
            raise ExtractionError("OCR of PDFs is not available yet", error_type="NotImplemented")
        from ikextract.read import pdf
        return pdf.read_pdf(path)
    from ikextract.read.convert import read_converted
    return read_converted(path, fmt)
