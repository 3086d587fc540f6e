"""Tesseract OCR in Swedish as a word source: PDF pages -> PageGeometry (source "ocr").

Per page: rendered with PDFium at OCR_DPI (Tesseract reads 10-12 pt text best at about
300 dpi), deskewed (the angle whose horizontal projection profile is sharpest), cleaned
(paper to white by its own level, ink to black, speckle removed), then read by the
`tesseract` command line (`-l swe`, TSV output), and once more for ink that its page layout
left out (a lone row number in a table cell, now and then a whole line). Words keep
Tesseract's box and confidence, converted to PDF points, and are given what a text layer
has: a font size from the ink height of their letters (snapped to the sizes the page is set
in), and one band per printed line from its baseline, so the geometry stage reads them as
text-layer words. bold is None: OCR cannot tell. Rulings (table borders) come from the same
cleaned image (ikextract.read.image_rulings), so a scanned ruled table goes through the grid
code like a born-digital one.

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
import tempfile
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
TIMEOUT_S = 180
# A table's vertical rule read as a "word".
RULE_GLYPHS = re.compile(r"^[|¦!\[\]{}_—–=~-]+$")
# Ink height above the baseline per point of font size by the tallest letter of a word, and
# the descenders' depth; and what blur and thresholding add to any ink height (points).
# Fitted on the scan fixtures against their born-digital sizes, 9-14 pt, regular and bold
# (Liberation/DejaVu faces as LibreOffice prints them).
INK_EM = {"capital_ring": 0.9, "ascender": 0.745, "ring": 0.75, "dot": 0.733, "t": 0.69,
          "x": 0.523, "descender": 0.175}
INK_SPREAD_PT = 0.57
# A text layer's word box reaches this far below the baseline (font sizes).
DESCENT_EM = 0.21
X_HEIGHT_LETTERS = set("acemnorsuvwxz")
ASCENDER_LETTERS = set("bdfhkl")
DESCENDER_LETTERS = set("gjpqy")
# A line with few measurable words within this share of a well-measured size takes it.
SIZE_TOLERANCE = 0.08
# A row of a word holding at least this share of its fullest row's ink is on the baseline.
BASELINE_SHARE = 0.3
# Missed text (second pass): ink blobs (marks joined into lines) this tall (points), at most
# this wide, with this many ink pixels, at most this many per page; words kept above this
# confidence. Word boxes are grown by MISSED_PAD_PT before their ink is taken away; marks
# closer than MISSED_JOIN_PT (a word space, less than a column gap) are one blob: a line.
MISSED_MIN_PT, MISSED_MAX_PT, MISSED_MAX_WIDTH_PT = 4.0, 20.0, 600.0
MISSED_MIN_INK = 40
MISSED_MAX_BLOBS = 40
MISSED_MIN_CONFIDENCE = 60.0
MISSED_PAD_PT = 1.0
MISSED_JOIN_PT = 6.0
# A size held by RARE_SIZE_RATIO times fewer lines than a size within RARE_SIZE_TOLERANCE of
# the line's measure is that size.
RARE_SIZE_RATIO = 3
RARE_SIZE_TOLERANCE = 0.085
# A word whose own baseline is this far (font sizes) from its line's is on another line.
OWN_BASELINE_EM = 0.45
# Lines of one paragraph this close to their usual pitch (points) are set at it.
PITCH_SLACK_PT = 0.9
# Lines of one Tesseract paragraph within this share of its size take its size.
PARAGRAPH_SIZE_TOLERANCE = 0.12
# A line (or paragraph) measured on this many words has a size of its own.
SURE_WORDS = 3


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


def _ink_rows(ink: Optional[np.ndarray], x0: int, top: int, x1: int, bottom: int):
    """A word's ink inside its box (rules removed): first row, last row + 1, and where its
    letters stand (the last row at least BASELINE_SHARE as inked as the word's fullest row:
    round letters' overshoot and stray pixels below it do not move the baseline)."""
    if ink is None:
        return top, bottom, bottom
    crop = ink[max(top, 0):bottom, max(x0, 0):x1]
    counts = np.count_nonzero(crop, axis=1) if crop.size else np.zeros(0)
    rows = np.flatnonzero(counts)
    if len(rows) == 0:
        return top, bottom, bottom
    origin = max(top, 0)
    standing = np.flatnonzero(counts >= BASELINE_SHARE * counts.max())
    return origin + int(rows[0]), origin + int(rows[-1]) + 1, origin + int(standing[-1]) + 1


def parse_tsv(tsv: str, dpi: int = OCR_DPI, ink: Optional[np.ndarray] = None) -> list[PageWord]:
    """Words of Tesseract's TSV as PageWords in points; top/bottom are the line's.

    `ink` (the page's ink mask without its rules) tightens each word's box to its own ink:
    Tesseract's box of a word touching a table border takes the border in."""
    scale = 72.0 / dpi
    lines: dict[tuple, tuple[int, int]] = {}
    words = []
    standing: dict[int, int] = {}       # word index -> the row its letters stand on
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
                top, bottom, stand = _ink_rows(ink, left, top, left + width, top + height)
                words.append((key, text, left, top, left + width, bottom, conf))
                standing[len(words) - 1] = stand
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
    # A line with few measurable words takes its Tesseract paragraph's estimate (a table
    # cell's lines are often one word each, and one word's ink is a noisy measure).
    by_paragraph: dict[tuple, list[float]] = {}
    for key, found in estimates.items():
        by_paragraph.setdefault(key[:3], []).extend(found)
    raw, counts = {}, {}
    for key, (t, b) in lines.items():
        found = sorted(estimates.get(key, ()))
        para = sorted(by_paragraph.get(key[:3], ()))
        # One paragraph is one size unless a line plainly differs (a heading run in).
        if len(para) > len(found) and (
                len(found) < SURE_WORDS
                or abs(_median(found) - _median(para))
                <= PARAGRAPH_SIZE_TOLERANCE * _median(para)):
            found = para
        if found:
            raw[key] = _median(found)
        else:   # nothing measurable ("Process/", "5-10"): the band, as ascender to descender
            raw[key] = max((b - t) * scale - INK_SPREAD_PT, 1.0) \
                / (INK_EM["ascender"] + INK_EM["descender"])
        counts[key] = len(found)
    sizes = line_sizes(raw, counts)
    # Boxes as a text layer has them: one band per line, from the baseline (the ink bottom
    # of its words without descenders) up one font size, DESCENT_EM of it below.
    base_bottoms: dict[tuple, list[int]] = {}
    for n, (key, text, x0, top, x1, bottom, conf) in enumerate(words):
        if not any(c in DESCENDER_LETTERS or c in ",;()[]{}QJ" for c in text):
            base_bottoms.setdefault(key, []).append(standing.get(n, bottom))
    baselines = {}
    for key, (line_top, line_bottom) in lines.items():
        size = sizes.get(key) or 10.0
        found = base_bottoms.get(key)
        baselines[key] = (_median(found) * scale if found
                          else line_bottom * scale - INK_EM["descender"] * size)
    baselines = even_pitch(baselines, sizes)
    out = []
    for n, (key, text, x0, top, x1, bottom, conf) in enumerate(words):
        size = sizes.get(key) or round((bottom - top) * scale, 1)
        baseline = baselines[key]
        # Tesseract now and then runs two printed lines into one (text hugging a table
        # border): a word standing far off its line's baseline keeps its own.
        own = (standing.get(n, bottom) * scale
               if not any(c in DESCENDER_LETTERS or c in ",;()[]{}QJ" for c in text)
               else bottom * scale - INK_EM["descender"] * size)
        if abs(own - baseline) > OWN_BASELINE_EM * size:
            baseline = own
        band_bottom = baseline + DESCENT_EM * size
        out.append(PageWord(text=text, x0=x0 * scale, top=band_bottom - size, x1=x1 * scale,
                            bottom=band_bottom, size=size, bold=None,
                            confidence=round(conf / 100.0, 3)))
    return out


def even_pitch(baselines: dict, sizes: dict, slack: float = PITCH_SLACK_PT) -> dict:
    """Baselines of the lines of one paragraph set at one pitch, as they were printed.

    A scan's baselines are found to a pixel or two (at 200 dpi, 0.4 pt), and the geometry
    stage tells paragraphs apart by the room between lines. Within each of Tesseract's
    paragraphs, consecutive lines of one size whose distance is within `slack` of that
    size's usual pitch on the page are placed at that pitch around their mean."""
    paragraphs: dict[tuple, list] = {}
    for key in baselines:
        paragraphs.setdefault(key[:3], []).append(key)
    steps: dict[float, list[float]] = {}
    runs = []
    for keys in paragraphs.values():
        keys.sort(key=lambda k: baselines[k])
        run = [keys[0]]
        for a, b in zip(keys, keys[1:]):
            if sizes.get(a) == sizes.get(b) and 0 < baselines[b] - baselines[a] < 2 * (sizes.get(a) or 10):
                steps.setdefault(sizes.get(a), []).append(baselines[b] - baselines[a])
                run.append(b)
            else:
                runs.append(run)
                run = [b]
        runs.append(run)
    pitch = {size: _median(found) for size, found in steps.items()}
    out = dict(baselines)
    for run in runs:
        if len(run) < 2 or sizes.get(run[0]) not in pitch:
            continue
        step = pitch[sizes.get(run[0])]
        if any(abs(baselines[b] - baselines[a] - step) > slack for a, b in zip(run, run[1:])):
            continue
        mean = sum(baselines[k] for k in run) / len(run)
        for i, key in enumerate(run):
            out[key] = mean + (i - (len(run) - 1) / 2) * step
    return out


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def size_from_ink(text: str, height: float) -> Optional[float]:
    """A font size from one word's ink height (points), from what its letters reach: the
    x-height, "t", i/j dots, ascenders and capitals, å/ä/ö, Å/Ä/Ö, and descenders below.
    None for a word of other characters ("-", "(som", "10 %")."""
    if text.endswith((",", ";")):   # a comma hangs below the baseline, less than a "g"
        return None
    core = text.strip(".:!?\"'»«”“")
    if not core or not core.isalnum():
        return None
    if any(c in "ÅÄÖ" for c in core):
        top = INK_EM["capital_ring"]
    elif any(c.isupper() or c.isdigit() or c in ASCENDER_LETTERS for c in core):
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
    return max(height - INK_SPREAD_PT, 0.0) / (top + down) or None


def line_sizes(estimates: dict, weights: dict, tolerance: float = SIZE_TOLERANCE) -> dict:
    """A whole-point font size per line from its words' size estimates (their median).

    The geometry stage reads a size change of half a point as a new paragraph, so jitter
    must not survive: a line with few measurable words takes the size of the page's
    well-measured lines it is within `tolerance` of; reports are set in whole sizes."""
    sure = sorted({float(round(v)) for k, v in estimates.items() if weights.get(k, 0) >= SURE_WORDS})
    out = {}
    for key, value in estimates.items():
        size = float(round(value))
        if weights.get(key, 0) < SURE_WORDS and sure:
            near = min(sure, key=lambda s: abs(s - value))
            # a line with no measurable word at all is the vaguest: snap it further
            slack = tolerance if weights.get(key, 0) else 2 * tolerance
            if abs(near - value) <= slack * near:
                size = near
        out[key] = size
    # A size few lines have, next to one many lines have, is that size measured high or low
    # (a bold header row of a table set in 9 pt reads 9.6).
    lines_per_size: dict[float, int] = {}
    for size in out.values():
        lines_per_size[size] = lines_per_size.get(size, 0) + 1
    for key, value in estimates.items():
        mine = lines_per_size[out[key]]
        common = [s for s, n in lines_per_size.items()
                  if n >= RARE_SIZE_RATIO * mine and abs(s - value) <= RARE_SIZE_TOLERANCE * s]
        if common:
            out[key] = max(common, key=lambda s: lines_per_size[s])
    return out


# ---------------------------------------------------------------- pages

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


def _word_boxes(tsv: str):
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            yield tuple(int(c) for c in cols[6:10])


def missed_text(image: np.ndarray, letters: np.ndarray, tsv: str, dpi: int = OCR_DPI) -> str:
    """TSV rows for text Tesseract's page layout left out, read in a second pass.

    Its page segmentation drops small lone marks, such as the row number alone in the
    first cell of a ruled table ("2", "3"), and now and then whole lines it took for a
    picture. Ink no word box covers, joined into lines of text size, is cut out, the pieces
    stacked into one small image and read as one block; words read with confidence come
    back in page coordinates, each piece a line of its own."""
    import cv2
    from ikextract.read.image_rulings import components
    px = dpi / 72.0
    leftover = letters.copy()
    pad = int(round(MISSED_PAD_PT * px))
    for left, top, width, height in _word_boxes(tsv):
        leftover[max(top - pad, 0):top + height + pad, max(left - pad, 0):left + width + pad] = 0
    joined = cv2.dilate(leftover, np.ones((1, int(round(MISSED_JOIN_PT * px))), np.uint8))
    blobs = []
    for x, y, w, h in components(joined):
        if MISSED_MIN_PT * px <= h <= MISSED_MAX_PT * px and w <= MISSED_MAX_WIDTH_PT * px \
                and np.count_nonzero(leftover[y:y + h, x:x + w]) >= MISSED_MIN_INK:
            blobs.append((x, y, w, h))
    if not blobs:
        return ""
    blobs = sorted(blobs, key=lambda b: (b[1], b[0]))[:MISSED_MAX_BLOBS]
    margin = int(round(6 * px))
    gap = int(round(14 * px))
    width = max(w for _, _, w, _ in blobs) + 2 * margin
    height = sum(h + gap for _, _, _, h in blobs) + gap
    sheet = np.full((height, width), 255, np.uint8)
    placed, y0 = [], gap
    for x, y, w, h in blobs:
        sheet[y0:y0 + h, margin:margin + w] = image[y:y + h, x:x + w]
        placed.append((y0, x, y, h))
        y0 += h + gap
    rows = []
    for n_line, row in enumerate(run_tesseract(sheet, dpi, psm=6).splitlines()[1:]):
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        if float(cols[10]) < MISSED_MIN_CONFIDENCE or not any(c.isalnum() for c in cols[11]):
            continue
        left, top, w, h = (int(c) for c in cols[6:10])
        for k, (sy, bx, by, bh) in enumerate(placed):
            if sy - margin <= top + h / 2 <= sy + bh + margin:
                page_left, page_top = left - margin + bx, top - sy + by
                key = f"1\t{9000 + k}\t1\t1"
                rows.append(f"4\t{key}\t0\t{page_left}\t{page_top}\t{w}\t{h}\t-1\t")
                rows.append(f"5\t{key}\t1\t{page_left}\t{page_top}\t{w}\t{h}\t"
                            f"{cols[10]}\t{cols[11]}")
                break
    return "".join(r + "\n" for r in rows)


def ocr_page(pdf_path: str | Path, number: int, width: float, height: float,
             dpi: int = OCR_DPI) -> OcrPage:
    """OCR page `number` (1-based) of a PDF whose page measures width x height points."""
    import cv2
    threads = cv2.getNumThreads()
    cv2.setNumThreads(1)        # one thread per worker, as Tesseract: less CPU per page
    try:
        return _ocr_page(pdf_path, number, width, height, dpi)
    finally:
        cv2.setNumThreads(threads)


def _ocr_page(pdf_path, number: int, width: float, height: float, dpi: int) -> OcrPage:
    from ikextract.read.image_rulings import find_rulings
    from ikextract.read.image_rulings import rule_runs
    gray = render_page(pdf_path, number - 1, dpi)
    image, angle = prepare(gray)
    tsv = run_tesseract(image, dpi)
    runs = rule_runs(image, dpi)
    ink, h_runs, v_runs = runs
    letters = text_ink(ink, h_runs, v_runs)
    tsv += missed_text(image, letters, tsv, dpi)
    words = parse_tsv(tsv, dpi, letters)
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
