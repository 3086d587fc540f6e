"""Page images for OCR: render a PDF page, deskew it, clean it, and take the rules out of its ink."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

OCR_DPI = 300
# Skew search: the scans we see are off by at most a few degrees.
MAX_SKEW_DEG = 3.0


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


def text_ink(ink: np.ndarray, h_runs: np.ndarray, v_runs: np.ndarray) -> np.ndarray:
    """The ink of letters: rules removed with a pixel of margin (a blurred rule's edge left
    on a word touching it would make the word taller)."""
    import cv2
    from ikextract.read.image_rulings import LETTER_SAFE_VERTICAL_PT
    # Short vertical runs may be letter stems ("l", "k"): only long ones are surely rules.
    length = int(round(LETTER_SAFE_VERTICAL_PT * OCR_DPI / 72))
    long_v = cv2.morphologyEx(v_runs, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    rules = cv2.dilate(h_runs | long_v, np.ones((5, 5), np.uint8))
    return ink & ~rules
