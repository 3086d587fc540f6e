"""Hostile packages refused before they cost: checks run on a file before a reader opens it.

A DOCX is a zip of XML parts. A zip bomb (a 7 MB file whose document.xml unpacks to 1.2 GB)
or XML declaring entities (billion laughs, external entities) would cost memory and time far
beyond any real report, so such a package is refused from its zip directory and the first
bytes of its XML parts, without unpacking it. PDFs that never finish are the runner's job
(the per-file time limit, ikextract.runner.workers).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ikextract.model import ExtractionError

# Real reports: document.xml of a 200-page report is about 20 MB, images compress ~1:1 and
# WordprocessingML ~1:10. Limits far above that, far below what hurts a worker.
MAX_MEMBER_BYTES = 256 << 20
MAX_TOTAL_BYTES = 1 << 30
MAX_MEMBERS = 10_000
MAX_RATIO = 200              # uncompressed / compressed, for members big enough to matter
RATIO_MIN_BYTES = 1 << 20
XML_HEAD_BYTES = 4096
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse(message: str) -> ExtractionError:
    return ExtractionError(message, error_type="HostilePackage")


def check_zip_package(path: str | Path) -> None:
    """Raise ExtractionError(HostilePackage) for a zip whose parts are too big, too many,
    compressed suspiciously well, or XML with a DTD or entity declarations."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return          # not a zip: the reader says what it is
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(f"zip package with {len(infos)} members (limit {MAX_MEMBERS})")
        total = 0
        for info in infos:
            size = info.file_size
            total += size
            if size > MAX_MEMBER_BYTES:
                raise _refuse(f"package part {info.filename} unpacks to {size >> 20} MB "
                              f"(limit {MAX_MEMBER_BYTES >> 20} MB): refused as a zip bomb")
            if size >= RATIO_MIN_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
                raise _refuse(f"package part {info.filename} is compressed "
                              f"{size // max(info.compress_size, 1)}:1 (limit {MAX_RATIO}:1): "
                              "refused as a zip bomb")
        if total > MAX_TOTAL_BYTES:
            raise _refuse(f"package unpacks to {total >> 20} MB in all "
                          f"(limit {MAX_TOTAL_BYTES >> 20} MB): refused as a zip bomb")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and not info.is_dir():
                _check_xml_head(zf, info)


def _check_xml_head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DTD can only stand before the root element, so the head of a part shows it."""
    try:
        with zf.open(info) as fh:
            head = fh.read(XML_HEAD_BYTES)
    except Exception:
        return          # unreadable part: the reader reports the corrupt package
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _DTD.search(head):
        raise _refuse(f"package part {info.filename} declares a DTD or entities "
                      "(entity expansion / external entities): refused")


def parse_xml_safely(data: bytes):
    """An ElementTree root from untrusted XML: no DTD, no entities (defusedxml)."""
    from defusedxml import ElementTree
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except Exception as exc:
        raise _refuse(f"XML refused: {type(exc).__name__}: {exc}") from exc
