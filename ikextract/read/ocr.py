"""Tesseract OCR in Swedish as a word source: PDF pages -> PageGeometry (source "ocr").

Per page: rendered with PDFium at OCR_DPI (Tesseract reads 10-12 pt text best at about
300 dpi), deskewed (the angle whose horizontal projection profile is sharpest), cleaned
(paper to white by its own level, ink to black, speckle removed), then read by the
`tesseract` command line (`-l swe`, TSV output). Words keep Tesseract's box and confidence,
converted to PDF points; their top/bottom are the line's, so every word of one printed line
shares one baseline band as text-layer words do. bold is None: OCR cannot tell. Rulings
(table borders) come from the same cleaned image (ikextract.read.image_rulings), so a
scanned ruled table goes through the grid code like a born-digital one.

Parallelism: Tesseract runs with OMP_THREAD_LIMIT=1 (one thread per process). Pages of one
file are spread over a small process pool only when this process is not itself a pool
worker (a batch ingest already keeps every core busy with one file per worker); inside a
worker, pages are read one after another. IKEXTRACT_OCR_JOBS caps the pool (1 = serial).
"""
from __future__ import annotations

import math
import multiprocessing
import os
import re
import shutil
import subprocess
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from ikextract.geometry.page import PageGeometry, PageWord
from ikextract.model import ExtractionError

OCR_DPI = 300
LANGUAGE = "swe"
TESSERACT = "tesseract"
# Page segmentation: 3 = fully automatic (columns, table cells as blocks).
PSM = 3
# Skew search: the scans we see are off by at most a few degrees.
MAX_SKEW_DEG = 3.0
# An OCR line's height (ascender to descender, in points) per point of font size: calibrated
# on LibreOffice prints of the seed reports (Liberation/DejaVu fonts).
LINE_HEIGHT_PER_SIZE = 1.0
TIMEOUT_S = 180
# A table's vertical rule read as a "word".
RULE_GLYPHS = re.compile(r"^[|¦!\[\]{}_—–-]+$")
# Ink height above the baseline per point of font size by the tallest letter of a word, and
# the descenders' depth: measured on the scan fixtures against their born-digital sizes
# (Liberation/DejaVu faces as LibreOffice prints them; blur included).
INK_EM = {"ascender": 0.807, "ring": 0.807, "dot": 0.785, "t": 0.742, "x": 0.575,
          "descender": 0.175}
DESCENT_EM = 0.21
X_HEIGHT_LETTERS = set("acemnorsuvwxz")
ASCENDER_LETTERS = set("bdfhkl")
DESCENDER_LETTERS = set("gjpqy")
# Line heights within this share of each other are one font size (see line_sizes).
SIZE_TOLERANCE = 0.08


class OcrUnavailable(ExtractionError):
    def __init__(self, message: str):
        super().__init__(message, stage="read", error_type="OcrUnavailable")


@dataclass
class OcrPage:
    """One page as OCR saw it: the page model plus what the review reports about it."""
    page: PageGeometry
    skew_deg: float
    mean_confidence: float


def available() -> bool:
    return shutil.which(TESSERACT) is not None


def tesseract_env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


# ---------------------------------------------------------------- images

def render_page(pdf_path: str | Path, index: int, dpi: int = OCR_DPI) -> np.ndarray:
    """Page `index` (0-based) as a grayscale uint8 array at `dpi`."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[index]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            arr = bitmap.to_numpy()
        finally:
            page.close()
    finally:
        doc.close()
    if arr.ndim == 3:   # some PDFium builds hand back BGR(A) even when asked for gray
        import cv2
        arr = cv2.cvtColor(arr[..., :3], cv2.COLOR_BGR2GRAY)
    return np.ascontiguousarray(arr)


def skew_angle(gray: np.ndarray, max_deg: float = MAX_SKEW_DEG) -> float:
    """The rotation (degrees, counter-clockwise positive as cv2) that makes text lines level.

    Dark pixels of a half-size copy are sheared by candidate angles; the angle whose row
    histogram has the most variance (lines of text sharp, gaps empty) wins. Coarse then fine.
    """
    import cv2
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2),
                       interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if len(xs) < 200:
        return 0.0
    if len(xs) > 60_000:            # a sample is as good and keeps this cheap
        pick = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)
    height = small.shape[0]

    def sharpness(deg: float) -> float:
        # Each pixel shared between its two nearest rows: no aliasing of whole-pixel rows.
        pos = ys - xs * math.tan(math.radians(deg))
        keep = (pos >= 0) & (pos < height - 1)
        pos = pos[keep]
        rows = np.floor(pos).astype(np.int64)
        frac = pos - rows
        hist = np.bincount(rows, 1 - frac, minlength=height) \
            + np.bincount(rows + 1, frac, minlength=height)
        return float(np.var(hist))

    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.25)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    best = max(fine, key=sharpness)
    # Rows at y - x*tan(a) line up when the text falls by tan(a) per pixel rightwards;
    # cv2 rotates counter-clockwise for positive angles, which levels such text.
    return float(-best) if abs(best) >= 0.05 else 0.0


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2
    if not angle:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def clean(gray: np.ndarray) -> np.ndarray:
    """Paper to white and ink to black by the page's own levels; speckle and JPEG noise
    removed with a 3x3 median (strokes at 300 dpi are 3+ pixels wide, dust is not)."""
    import cv2
    img = cv2.medianBlur(gray, 3)
    sample = img[::4, ::4]
    paper = float(np.percentile(sample, 60))
    ink = float(np.percentile(sample, 0.5))
    if paper - ink < 40:            # a blank or flat page: leave it be
        return img
    lut = np.clip((np.arange(256, dtype=np.float32) - ink) * 255.0 / (paper - ink - 8), 0, 255)
    return cv2.LUT(img, lut.astype(np.uint8))


def prepare(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Deskewed, cleaned image and the skew that was removed."""
    angle = skew_angle(gray)
    return clean(deskew(gray, angle)), angle


# ---------------------------------------------------------------- tesseract

def run_tesseract(image: np.ndarray, dpi: int = OCR_DPI, lang: str = LANGUAGE,
                  psm: int = PSM) -> str:
    """Tesseract's TSV for one grayscale image (fed as PGM on stdin, no temp files)."""
    if not available():
        raise OcrUnavailable("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-swe)")
    h, w = image.shape
    pgm = b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(image, dtype=np.uint8).tobytes()
    try:
        proc = subprocess.run(
            [TESSERACT, "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi),
             "tsv"], input=pgm, capture_output=True, env=tesseract_env(), timeout=TIMEOUT_S)
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


def _ink_rows(ink: Optional[np.ndarray], x0: int, top: int, x1: int, bottom: int):
    """The first and last pixel rows with ink inside a word's box (rules removed)."""
    if ink is None:
        return top, bottom
    crop = ink[max(top, 0):bottom, max(x0, 0):x1]
    rows = np.flatnonzero(crop.any(axis=1)) if crop.size else ()
    if len(rows) == 0:
        return top, bottom
    return max(top, 0) + int(rows[0]), max(top, 0) + int(rows[-1]) + 1


def parse_tsv(tsv: str, dpi: int = OCR_DPI, ink: Optional[np.ndarray] = None) -> list[PageWord]:
    """Words of Tesseract's TSV as PageWords in points; top/bottom are the line's.

    `ink` (the page's ink mask without its rules) tightens each word's box to its own ink:
    Tesseract's box of a word touching a table border takes the border in."""
    scale = 72.0 / dpi
    lines: dict[tuple, tuple[int, int]] = {}
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12:
            continue
        level = cols[0]
        key = tuple(cols[1:5])          # page, block, paragraph, line
        left, top, width, height = (int(c) for c in cols[6:10])
        if level == "4":
            lines[key] = (top, top + height)
        elif level == "5":
            text = unicodedata.normalize("NFC", cols[11]).strip()
            conf = float(cols[10])
            if text and conf >= 0 and not RULE_GLYPHS.match(text):
                top, bottom = _ink_rows(ink, left, top, left + width, top + height)
                words.append((key, text, left, top, left + width, bottom, conf))
    estimates: dict[tuple, list[float]] = {}
    for key, text, x0, top, x1, bottom, conf in words:
        size = size_from_ink(text, (bottom - top) * scale)
        if size:
            estimates.setdefault(key, []).append(size)
    # A line's band is its words' ink (not Tesseract's line box, which may hold a rule).
    bands: dict[tuple, tuple[int, int]] = {}
    for key, text, x0, top, x1, bottom, conf in words:
        t, b = bands.get(key, (top, bottom))
        bands[key] = (min(t, top), max(b, bottom))
    lines = bands
    raw = {}
    for key, (t, b) in lines.items():
        found = sorted(estimates.get(key, ()))
        raw[key] = found[len(found) // 2] if found else (b - t) * scale / LINE_HEIGHT_PER_SIZE
    counts = {key: len(estimates.get(key, ())) for key in raw}
    sizes = line_sizes(raw, counts)
    # Boxes as a text layer has them: one band per line, from the baseline (the ink bottom
    # of its words without descenders) up one font size, DESCENT_EM of it below.
    base_bottoms: dict[tuple, list[int]] = {}
    for key, text, x0, top, x1, bottom, conf in words:
        if not any(c in DESCENDER_LETTERS or c in ",;()[]{}QJ" for c in text):
            base_bottoms.setdefault(key, []).append(bottom)
    out = []
    for key, text, x0, top, x1, bottom, conf in words:
        line_top, line_bottom = lines.get(key, (top, bottom))
        size = sizes.get(key) or round((bottom - top) * scale, 1)
        found = sorted(base_bottoms.get(key, ()))
        if found:
            baseline = found[len(found) // 2] * scale
        else:
            baseline = line_bottom * scale - INK_EM["descender"] * size
        band_bottom = baseline + DESCENT_EM * size
        out.append(PageWord(text=text, x0=x0 * scale, top=band_bottom - size, x1=x1 * scale,
                            bottom=band_bottom, size=size, bold=None,
                            confidence=round(conf / 100.0, 3)))
    return out


def size_from_ink(text: str, height: float) -> Optional[float]:
    """A font size from one word's ink height (points), from what its letters reach: the
    x-height, "t", i/j dots, ascenders and capitals, å/ä/ö, and descenders below (INK_EM).
    None for a word of other characters ("-", "(som", "10 %")."""
    core = text.strip(".,:;!?\"'»«”“")
    if not core or not core.isalpha():
        return None
    if any(c.isupper() or c in ASCENDER_LETTERS for c in core):
        top = INK_EM["ascender"]
    elif any(c in "åäö" for c in core):
        top = INK_EM["ring"]
    elif any(c in "ij" for c in core):
        top = INK_EM["dot"]
    elif "t" in core:
        top = INK_EM["t"]
    elif all(c in X_HEIGHT_LETTERS for c in core):
        top = INK_EM["x"]
    else:
        return None
    down = INK_EM["descender"] if any(c in DESCENDER_LETTERS for c in core) else 0.0
    return height / (top + down)


def line_sizes(estimates: dict, weights: dict, tolerance: float = SIZE_TOLERANCE) -> dict:
    """A whole-point font size per line from its words' size estimates (their median).

    The geometry stage reads a size change of half a point as a new paragraph, so jitter
    must not survive: a line with few measurable words takes the size of the page's
    well-measured lines it is within `tolerance` of; reports are set in whole sizes."""
    sure = sorted({float(round(v)) for k, v in estimates.items() if weights.get(k, 0) >= 3})
    out = {}
    for key, value in estimates.items():
        size = float(round(value))
        if weights.get(key, 0) < 3 and sure:
            near = min(sure, key=lambda s: abs(s - value))
            if abs(near - value) <= tolerance * near:
                size = near
        out[key] = size
    return out


# ---------------------------------------------------------------- pages

def ocr_page(pdf_path: str | Path, number: int, width: float, height: float,
             dpi: int = OCR_DPI) -> OcrPage:
    """OCR page `number` (1-based) of a PDF whose page measures width x height points."""
    from ikextract.read.image_rulings import find_rulings
    from ikextract.read.image_rulings import rule_runs
    gray = render_page(pdf_path, number - 1, dpi)
    image, angle = prepare(gray)
    tsv = run_tesseract(image, dpi)
    runs = rule_runs(image, dpi)
    ink, h_runs, v_runs = runs
    words = parse_tsv(tsv, dpi, ink & ~(h_runs | v_runs))
    rulings = find_rulings(image, dpi, words, runs)
    confidence = (sum(w.confidence for w in words) / len(words)) if words else 0.0
    page = PageGeometry(number=number, width=width, height=height, words=words,
                        rulings=rulings, source="ocr")
    return OcrPage(page=page, skew_deg=angle, mean_confidence=confidence)


def _ocr_job(args) -> OcrPage:
    return ocr_page(*args)


def pool_size(n_pages: int) -> int:
    """Processes for OCR of one file's pages: 1 inside a batch worker, else up to the cores."""
    cap = os.environ.get("IKEXTRACT_OCR_JOBS")
    if cap and cap.isdigit():
        limit = int(cap)
    elif multiprocessing.parent_process() is not None:
        limit = 1
    else:
        limit = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    return max(1, min(limit, n_pages))


def ocr_pages(pdf_path: str | Path, pages: Iterable[tuple[int, float, float]],
              jobs: Optional[int] = None) -> dict[int, OcrPage | Exception]:
    """OCR the given (number, width, height) pages; each page's result or its error."""
    todo = list(pages)
    if not todo:
        return {}
    if not available():
        err = OcrUnavailable("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-swe)")
        return {n: err for n, _, _ in todo}
    jobs = jobs or pool_size(len(todo))
    results: dict[int, OcrPage | Exception] = {}
    if jobs <= 1:
        for n, w, h in todo:
            try:
                results[n] = ocr_page(pdf_path, n, w, h)
            except Exception as exc:   # one bad page does not lose the others
                results[n] = exc
        return results
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {n: pool.submit(_ocr_job, (str(pdf_path), n, w, h)) for n, w, h in todo}
        for n, fut in futures.items():
            try:
                results[n] = fut.result()
            except Exception as exc:
                results[n] = exc
    return results
