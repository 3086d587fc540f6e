"""Ruling lines found in a page image: the table borders of a scanned page.

Long dark runs are kept by morphology: the ink mask is first closed along the run direction
(bridging the breaks blur and JPEG leave in a hairline), then opened with a long thin kernel,
which erases every letter (no glyph has a straight dark run that long) and keeps the rules.
Each remaining component is one Ruling, in PDF points, as a text layer's drawn lines are.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ikextract.geometry.page import Ruling

# Shortest run kept, in points: longer than any glyph stroke or dash at body sizes (an "l"
# at 12 pt is about 9 pt tall), shorter than the side of a one-line table cell.
MIN_HORIZONTAL_PT = 24.0
# A vertical rule of a one-line table row is barely taller than the line: stems of letters
# as tall are told apart by the words they stand in (_in_word).
MIN_VERTICAL_PT = 7.0
# Vertical runs at least this long are never letters (for taking rules out of letters' ink).
LETTER_SAFE_VERTICAL_PT = 14.0
# Thicker than this (points) is a filled box or a picture, not a rule.
MAX_THICKNESS_PT = 4.0
# Gaps along a rule that are still the same rule (points).
BRIDGE_PT = 0.6
# A horizontal run inside a line of words (a bold baseline, an underline) is text, not a
# rule, when words cover this share of it.
TEXT_COVER = 0.5


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """255 where the page is dark: Otsu on a cleaned page, never lighter than mid-grey."""
    import cv2
    level, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if level > 160:
        _, mask = cv2.threshold(gray, 160, 255, cv2.THRESH_BINARY_INV)
    return mask


def _runs(mask: np.ndarray, horizontal: bool, min_len_px: int, bridge_px: int) -> np.ndarray:
    import cv2
    if horizontal:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (max(bridge_px, 1), 1))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (min_len_px, 1))
    else:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(bridge_px, 1)))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_len_px))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    return cv2.morphologyEx(closed, cv2.MORPH_OPEN, keep)


def rule_runs(gray: np.ndarray, dpi: float, mask: np.ndarray | None = None):
    """The ink mask and its horizontal and vertical long runs (each a 0/255 image)."""
    mask = ink_mask(gray) if mask is None else mask
    px = dpi / 72.0
    bridge = int(round(BRIDGE_PT * px))
    horizontal = _runs(mask, True, int(round(MIN_HORIZONTAL_PT * px)), bridge)
    vertical = _runs(mask, False, int(round(MIN_VERTICAL_PT * px)), bridge)
    return mask, horizontal, vertical


def components(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the 8-connected components of a 0/255 image: the
    outer contours (RETR_CCOMP puts a component inside another's hole at the top level
    too). The same boxes as connectedComponentsWithStats, ten times faster on a sparse
    page, which it labels pixel by pixel."""
    import cv2
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    return [cv2.boundingRect(c) for c, h in zip(contours, hierarchy[0]) if h[3] < 0]


def find_rulings(gray: np.ndarray, dpi: float, words: Sequence = (), runs=None) -> list[Ruling]:
    """Horizontal and vertical rules of a (deskewed) grayscale page image, in points.

    `words` (PageWords in points, as OCR read the same image) veto horizontal runs that lie
    within a line of text and vertical runs that are letters' stems; `runs` is rule_runs()'s
    result when the caller has it already. The vetoes are array operations over all words
    at once (a page has hundreds of stem-sized vertical runs)."""
    _, h_runs, v_runs = runs if runs is not None else rule_runs(gray, dpi)
    scale = 72.0 / dpi
    boxes = np.array([(w.x0, w.top, w.x1, w.bottom) for w in words], dtype=np.float64) \
        .reshape(-1, 4)
    out: list[Ruling] = []
    for horizontal, runs_img in ((True, h_runs), (False, v_runs)):
        for x, y, w, h in components(runs_img):
            length, thickness = (w, h) if horizontal else (h, w)
            if thickness * scale > MAX_THICKNESS_PT or length < thickness * 4:
                continue
            if horizontal:
                mid = (y + h / 2) * scale
                rule = Ruling(x * scale, mid - 0.25, (x + w) * scale, mid + 0.25)
                if not _within_text(rule, boxes):
                    out.append(rule)
            else:
                mid = (x + w / 2) * scale
                rule = Ruling(mid - 0.25, y * scale, mid + 0.25, (y + h) * scale)
                if not _in_word(rule, boxes):
                    out.append(rule)
    out.sort(key=lambda r: (not r.horizontal, r.top, r.x0))
    return out


def _boxes(words) -> np.ndarray:
    if isinstance(words, np.ndarray):
        return words
    return np.array([(w.x0, w.top, w.x1, w.bottom) for w in words], dtype=np.float64) \
        .reshape(-1, 4)


def _within_text(rule: Ruling, words) -> bool:
    """Is a horizontal run mostly covered by words whose box it crosses?
    `words`: PageWords, or their boxes as rows of (x0, top, x1, bottom)."""
    b = _boxes(words)
    mid = (rule.top + rule.bottom) / 2
    crossing = (b[:, 1] + 0.5 < mid) & (mid < b[:, 3] - 0.5)
    overlap = np.minimum(b[:, 2], rule.x1) - np.maximum(b[:, 0], rule.x0)
    covered = float(np.clip(overlap[crossing], 0.0, None).sum())
    return covered >= TEXT_COVER * (rule.x1 - rule.x0)


def _in_word(rule: Ruling, words) -> bool:
    """Is a vertical run a letter's stem: inside a word's box for most of its height?"""
    b = _boxes(words)
    mid = (rule.x0 + rule.x1) / 2
    height = rule.bottom - rule.top
    across = (b[:, 0] - 0.5 <= mid) & (mid <= b[:, 2] + 0.5)
    overlap = np.minimum(b[:, 3], rule.bottom) - np.maximum(b[:, 1], rule.top)
    return bool(np.any(across & (overlap >= TEXT_COVER * height)))
