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
# Line heights within this share of each other are one font size (see line_sizes).
SIZE_TOLERANCE = 0.14


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

    Dark pixels of a quarter-size copy are sheared by candidate angles; the angle whose row
    histogram has the most variance (lines of text sharp, gaps empty) wins. Coarse then fine.
    """
    import cv2
    small = cv2.resize(gray, (gray.shape[1] // 4, gray.shape[0] // 4),
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
        rows = np.rint(ys - xs * math.tan(math.radians(deg))).astype(np.int64)
        rows = rows[(rows >= 0) & (rows < height)]
        hist = np.bincount(rows, minlength=height).astype(np.float64)
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


def parse_tsv(tsv: str, dpi: int = OCR_DPI) -> list[PageWord]:
    """Words of Tesseract's TSV as PageWords in points; top/bottom are the line's."""
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
            if text and conf >= 0:
                words.append((key, text, left, top, left + width, top + height, conf))
    heights = {key: (b - t) * scale / LINE_HEIGHT_PER_SIZE for key, (t, b) in lines.items()}
    counts: dict[tuple, int] = {}
    for key, *_ in words:
        counts[key] = counts.get(key, 0) + 1
    sizes = line_sizes({k: heights[k] for k in counts if k in heights}, counts)
    out = []
    for key, text, x0, top, x1, bottom, conf in words:
        line_top, line_bottom = lines.get(key, (top, bottom))
        size = sizes.get(key) or round((bottom - top) * scale, 1)
        out.append(PageWord(text=text, x0=x0 * scale, top=line_top * scale, x1=x1 * scale,
                            bottom=line_bottom * scale, size=size, bold=None,
                            confidence=round(conf / 100.0, 3)))
    return out


def line_sizes(heights: dict, weights: dict, tolerance: float = SIZE_TOLERANCE) -> dict:
    """A font size per line from the lines' ink heights, snapped to a few page-wide sizes.

    An ink box is taller where a line has ascenders, descenders or a ring (Å) and shorter
    where it has none, so raw heights jitter by 10 %; the geometry stage reads a size change
    of half a point as a new paragraph. Lines are grouped from the tallest down while within
    `tolerance` of their group's first height, and each group takes its weighted median,
    rounded to half a point.
    """
    order = sorted(heights, key=lambda k: -heights[k])
    groups: list[list] = []
    for key in order:
        if groups and heights[key] >= heights[groups[-1][0]] * (1 - tolerance):
            groups[-1].append(key)
        else:
            groups.append([key])
    out = {}
    for group in groups:
        expanded = sorted(h for k in group for h in [heights[k]] * max(weights.get(k, 1), 1))
        size = round(expanded[len(expanded) // 2] * 2) / 2
        for key in group:
            out[key] = size
    return out


# ---------------------------------------------------------------- pages

def ocr_page(pdf_path: str | Path, number: int, width: float, height: float,
             dpi: int = OCR_DPI) -> OcrPage:
    """OCR page `number` (1-based) of a PDF whose page measures width x height points."""
    from ikextract.read.image_rulings import find_rulings
    gray = render_page(pdf_path, number - 1, dpi)
    image, angle = prepare(gray)
    words = parse_tsv(run_tesseract(image, dpi), dpi)
    rulings = find_rulings(image, dpi, words)
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
