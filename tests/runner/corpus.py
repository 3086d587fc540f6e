"""Test and bench corpora made in code: copies of the committed fixtures with varied bytes
(each copy a different file, the same report), and the hostile files of issue 12."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
import zlib
from pathlib import Path

from tests.conftest import FIXTURES

DOCX = sorted((FIXTURES / "docx").glob("*__seed.docx"))
PDF = sorted((FIXTURES / "pdf").glob("*.pdf"))


def vary(src: Path, dst: Path, n: int) -> Path:
    """A copy of src whose bytes differ (so its report_id does) but reads the same: a zip
    comment for DOCX, a trailing PDF comment for PDF."""
    if src.suffix == ".docx":
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(info, zin.read(info.filename))
            zout.comment = f"copy {n}".encode()
    else:
        shutil.copyfile(src, dst)
        with open(dst, "ab") as fh:
            fh.write(f"\n% copy {n}\n".encode())
    return dst


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def mediabox_cycle_pdf() -> bytes:
    """A few hundred bytes: the page's MediaBox is an indirect reference to an object that
    refers back to it. pdfminer follows it forever."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Resources << >> "
                 b"/Contents 6 0 R >>",
                 b"5 0 R", b"4 0 R",
                 b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Internkontroll) Tj ET\n"
                 b"endstream"])


def many_operators_pdf(n: int = 200_000) -> bytes:
    """A small compressed page with n path operators (about 7 s per 50 000 in pdfminer)."""
    data = zlib.compress(b"0 0 m 1 1 l S\n" * n, 9)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> "
                 b"/Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                 + b"\nendstream"])


def _rewrite_docx(src: Path, dst: Path, document_xml: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = document_xml if info.filename == "word/document.xml" else zin.read(info)
            zout.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return dst


def zip_bomb_docx(src: Path, dst: Path, padding_mb: int = 64) -> Path:
    """document.xml padded with whitespace: compresses about 1000:1."""
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml")
    head, sep, tail = xml.partition(b"<w:body>")
    return _rewrite_docx(src, dst, head + sep + b" " * (padding_mb << 20) + tail)


def entity_docx(src: Path, dst: Path) -> Path:
    """document.xml with a billion-laughs DTD."""
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml")
    decl_end = xml.index(b"?>") + 2
    dtd = (b'<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return _rewrite_docx(src, dst, xml[:decl_end] + dtd + xml[decl_end:])


def sparse_zeros(path: Path, size: int = 2 << 30) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path
