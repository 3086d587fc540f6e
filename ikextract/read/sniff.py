"""A file's format from its first bytes, not only its name.

Archives hold PDFs named .doc, Word files without an extension and zip files named .docx.
`sniff_format` looks at the bytes and returns the contract's format name, or None where the
bytes say nothing certain (the caller then goes by the extension and the reader explains).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Optional

HEAD_BYTES = 2048
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# An OOXML file saved with a password is an OLE container holding this stream.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
UTF8_BOM = b"\xef\xbb\xbf"


def sniff_bytes(head: bytes) -> Optional[str]:
    """Format from the first bytes alone (zip packages need the file: see sniff_format)."""
    stripped = head[len(UTF8_BOM):] if head.startswith(UTF8_BOM) else head
    # PDF readers accept the header anywhere in the first kilobyte (junk before it).
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if stripped.lstrip().startswith(RTF_MAGIC):
        return "rtf"
    if head.startswith(OLE_MAGIC):
        return "docx" if ENCRYPTED_PACKAGE in head else "doc"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return None


def sniff_format(path: str | Path) -> Optional[str]:
    """pdf, docx, doc, odt, rtf, or None when the bytes do not tell."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    kind = sniff_bytes(head)
    if kind == "doc":
        # The directory sits anywhere in the compound file: look for the encrypted stream.
        with open(path, "rb") as fh:
            if ENCRYPTED_PACKAGE in fh.read(1 << 20):
                return "docx"
    if kind != "zip":
        return kind
    # odt stores an uncompressed "mimetype" member first: its bytes are in the head.
    if head[30:38] == b"mimetype" and ODT_MIMETYPE in head[38:120]:
        return "odt"
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200 and \
                    zf.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


# Formats whose readers would take any bytes (LibreOffice imports anything as text; pdfminer
# scans a whole file of zeros for an xref): without their signature the file is refused.
NEEDS_SIGNATURE = {"pdf", "doc", "rtf", "odt"}


def format_of(path: str | Path, by_extension: dict[str, str]) -> Optional[str]:
    """The format to read `path` as: its bytes first, then its extension. None when neither
    names a format ikextract reads; ExtractionError when the extension promises a format
    the bytes are not."""
    from ikextract.model import ExtractionError
    sniffed = sniff_format(path)
    if sniffed is not None:
        return sniffed
    named = by_extension.get(Path(path).suffix.lower())
    if named in NEEDS_SIGNATURE and Path(path).stat().st_size > 0:
        raise ExtractionError(f"not a {named.upper()} file: its bytes do not start like one "
                              "(truncated, or another kind of file renamed)",
                              error_type="CorruptFile")
    return named
