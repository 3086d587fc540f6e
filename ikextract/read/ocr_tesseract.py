"""Tesseract on one page image, its TSV back: through its library (tesserocr), once loaded
per process, or the `tesseract` command line where the library cannot load.

The library keeps the Swedish model loaded between pages: the command line loads
swe.traineddata anew for every image it reads (every page, and again for the second pass
over missed ink). Both give the same TSV for the same image (same words, boxes and
confidences on every page of the scan fixtures; the wheel's libtesseract is 5.3, as
Debian's). The command line stays only as the fallback, with a warning saying so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Optional

import numpy as np

from ikextract.model import ExtractionError
from ikextract.read.ocr_image import OCR_DPI

LANGUAGE = "swe"
TESSERACT = "tesseract"
# Page segmentation: 3 = fully automatic (columns, table cells as blocks).
PSM = 3
TIMEOUT_S = 180
# Where Debian (tesseract-ocr-swe) and other installs keep the language data, after
# TESSDATA_PREFIX: the library has no default of its own.
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
              "height\tconf\ttext\n")


class OcrUnavailable(ExtractionError):
    def __init__(self, message: str):
        super().__init__(message, stage="read", error_type="OcrUnavailable")


def available() -> bool:
    """Can OCR run here at all: the library, or the command line."""
    import importlib.util
    return importlib.util.find_spec("tesserocr") is not None or shutil.which(TESSERACT) is not None


def tesseract_env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def tessdata_dir(lang: str = LANGUAGE) -> Optional[str]:
    """The folder holding `lang`.traineddata: TESSDATA_PREFIX (the folder or its parent)
    first, then the usual system places."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = ([prefix, os.path.join(prefix, "tessdata")] if prefix else []) + list(TESSDATA_DIRS)
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, f"{lang}.traineddata")):
            return folder
    return None


class _LibraryUnavailable(Exception):
    pass


_local = threading.local()      # one engine per thread (a TessBaseAPI is not thread-safe)


def _engine(lang: str):
    """This process's and thread's loaded TessBaseAPI for `lang` (a forked worker loads its
    own); raises _LibraryUnavailable when tesserocr or the language data is missing."""
    held = getattr(_local, "engine", None)
    if held is not None and held[0] == os.getpid() and held[1] == lang:
        if isinstance(held[2], _LibraryUnavailable):    # tried once in this process
            raise held[2]
        return held[2]
    try:
        api = _load_engine(lang)
    except _LibraryUnavailable as exc:
        _local.engine = (os.getpid(), lang, exc)
        raise
    _local.engine = (os.getpid(), lang, api)
    return api


def _load_engine(lang: str):
    # One thread, as the command line gets: the library reads this when OpenMP starts (the
    # PyPI wheel's libtesseract is built without OpenMP and runs on one thread anyway).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError as exc:
        raise _LibraryUnavailable(f"tesserocr is not installed ({exc})") from exc
    folder = tessdata_dir(lang)
    if folder is None:
        raise _LibraryUnavailable(f"no {lang}.traineddata in TESSDATA_PREFIX or "
                                  + ", ".join(TESSDATA_DIRS))
    try:
        api = tesserocr.PyTessBaseAPI(path=folder + os.sep, lang=lang, psm=tesserocr.PSM.AUTO)
    except RuntimeError as exc:
        raise _LibraryUnavailable(f"tesserocr could not load '{lang}' from {folder}: {exc}") \
            from exc
    return api


def _library_tsv(api, image: np.ndarray, dpi: int, psm: int) -> str:
    image = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = image.shape
    api.SetPageSegMode(psm)
    api.SetImageBytes(image.tobytes(), width, height, 1, width)
    api.SetSourceResolution(dpi)
    # Each image read as the command line reads it: nothing learnt from the one before.
    api.ClearAdaptiveClassifier()
    try:
        if not api.Recognize(TIMEOUT_S * 1000):
            raise ExtractionError(f"OCR failed or timed out after {TIMEOUT_S} s",
                                  error_type="OcrFailed")
        return TSV_HEADER + api.GetTSVText(0)
    finally:
        api.Clear()


def engine_fallback(lang: str = LANGUAGE) -> Optional[str]:
    """Why this process reads through the command line instead of the library, or None when
    the library is loaded (or not yet tried): the reason goes into the page's warnings."""
    held = getattr(_local, "engine", None)
    if held is not None and held[0] == os.getpid() and held[1] == lang \
            and isinstance(held[2], _LibraryUnavailable):
        return str(held[2])
    return None


def run_tesseract(image: np.ndarray, dpi: int = OCR_DPI, lang: str = LANGUAGE,
                  psm: int = PSM) -> str:
    """Tesseract's TSV for one grayscale image, as `tesseract IMAGE stdout -l LANG --psm PSM
    --dpi DPI tsv` prints it. `dpi` is stated (Tesseract's own estimate, about 426 on these
    pages, reads tables worse)."""
    try:
        api = _engine(lang)
    except _LibraryUnavailable as exc:
        if shutil.which(TESSERACT) is None:
            raise OcrUnavailable(f"OCR cannot run: {exc}, and tesseract is not installed "
                                 "(Debian: tesseract-ocr tesseract-ocr-swe)") from exc
        warnings.warn(f"OCR through the tesseract command line, a process per image "
                      f"(slower): {exc}", RuntimeWarning, stacklevel=2)
        return run_tesseract_cli(image, dpi, lang, psm)
    return _library_tsv(api, image, dpi, psm)


def run_tesseract_cli(image: np.ndarray, dpi: int = OCR_DPI, lang: str = LANGUAGE,
                      psm: int = PSM) -> str:
    """Tesseract's TSV for one grayscale image from the command line.

    The image goes to Tesseract as an uncompressed BMP file in a temporary directory (in
    memory where the system has /dev/shm): Leptonica reads BMP rows whole, while PGM is read
    a pixel at a time and stdin a byte at a time (together 0.3 s a page, measured)."""
    if shutil.which(TESSERACT) is None:
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
