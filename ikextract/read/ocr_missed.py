"""The second pass over ink Tesseract's page layout left out (lone row numbers, dropped lines)."""
from __future__ import annotations

import numpy as np

from ikextract.read.ocr_image import OCR_DPI
from ikextract.read.ocr_tesseract import run_tesseract

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
