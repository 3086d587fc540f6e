"""Tesseract's TSV as PageWords: boxes tightened to ink, font sizes from ink height, one band per line."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

import numpy as np

from ikextract.geometry.page import PageWord
from ikextract.read.ocr_image import OCR_DPI

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
