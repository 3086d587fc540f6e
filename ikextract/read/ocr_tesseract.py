"""Running the tesseract command line on one page image and getting its TSV back."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from ikextract.model import ExtractionError
from ikextract.read.ocr_image import OCR_DPI

LANGUAGE = "swe"
TESSERACT = "tesseract"
# Page segmentation: 3 = fully automatic (columns, table cells as blocks).
PSM = 3
TIMEOUT_S = 180


class OcrUnavailable(ExtractionError):
    def __init__(self, message: str):
        super().__init__(message, stage="read", error_type="OcrUnavailable")


def available() -> bool:
    return shutil.which(TESSERACT) is not None


def tesseract_env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run_tesseract(image: np.ndarray, dpi: int = OCR_DPI, lang: str = LANGUAGE,
                  psm: int = PSM) -> str:
    """Tesseract's TSV for one grayscale image.

    The image goes to Tesseract as an uncompressed BMP file in a temporary directory (in
    memory where the system has /dev/shm): Leptonica reads BMP rows whole, while PGM is read
    a pixel at a time and stdin a byte at a time (together 0.3 s a page, measured).
    `dpi` is stated (Tesseract's own estimate, about 426 on these pages, reads tables worse)."""
    if not available():
        raise OcrUnavailable("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-swe)")
    import cv2
    ok, encoded = cv2.imencode(".bmp", np.ascontiguousarray(image, dtype=np.uint8))
    if not ok:
        raise ExtractionError("could not encode the page image for OCR", error_type="OcrFailed")
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="ikextract-ocr-", dir=scratch) as tmp:
        bmp = Path(tmp) / "page.bmp"
        bmp.write_bytes(encoded.tobytes())
        try:
            proc = subprocess.run(
                [TESSERACT, str(bmp), "stdout", "-l", lang, "--psm", str(psm),
                 "--dpi", str(dpi), "tsv"],
                capture_output=True, env=tesseract_env(), timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError(f"OCR timed out after {TIMEOUT_S} s",
                                  error_type="OcrFailed") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if any("Failed loading language" in m for m in message):
            raise OcrUnavailable(f"tesseract has no '{lang}' language data "
                                 "(Debian: tesseract-ocr-swe)")
        raise ExtractionError("tesseract failed: " + " ".join(message[-2:]),
                              error_type="OcrFailed")
    return proc.stdout.decode("utf-8", "replace")
