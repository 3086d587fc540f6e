"""Legacy formats (.doc, .odt, .rtf): converted to DOCX by LibreOffice headless, then read
by the DOCX reader, so one reader serves them all."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ikextract.model import Document, ExtractionError

TIMEOUT_SECONDS = 120


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, outdir: Path) -> Path:
    """Convert path to `target` (e.g. "docx", "pdf") in outdir; returns the new file."""
    binary = soffice_binary()
    if binary is None:
        raise ExtractionError("LibreOffice (soffice) is not installed; it is needed to read "
                              f"{path.suffix} files", stage="convert", error_type="MissingTool")
    # A private profile per call: concurrent conversions otherwise fight over one profile.
    with tempfile.TemporaryDirectory(prefix="ikx_lo_") as profile:
        cmd = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir), str(path)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise ExtractionError(f"LibreOffice did not convert the file within "
                                  f"{TIMEOUT_SECONDS} s", stage="convert", error_type="Timeout")
    out = outdir / (path.stem + "." + target)
    if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        raise ExtractionError("LibreOffice could not convert the file"
                              + (f": {detail[-1]}" if detail else " (corrupt or not a document)"),
                              stage="convert", error_type="ConversionFailed")
    return out


def read_converted(path: Path, fmt: str) -> Document:
    from ikextract.read.docx import read_docx
    with tempfile.TemporaryDirectory(prefix="ikx_conv_") as tmp:
        converted = convert(path, "docx", Path(tmp))
        doc = read_docx(converted)
    doc.path = str(path)
    doc.source_format = fmt
    return doc
