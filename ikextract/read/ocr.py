"""Tesseract OCR in Swedish as a word source: PDF pages -> PageGeometry (source "ocr").

Per page: rendered with PDFium at OCR_DPI (Tesseract reads 10-12 pt text best at about
300 dpi), deskewed (the angle whose horizontal projection profile is sharpest), cleaned
(paper to white by its own level, ink to black, speckle removed), then read by Tesseract
(`-l swe`, TSV; through its library, the model loaded once per process, or the command
line where the library cannot load: ikextract.read.ocr_tesseract), and once more for ink
that its page layout left out (a lone row number in a table cell, now and then a whole line). Words keep
Tesseract's box and confidence, converted to PDF points, and are given what a text layer
has: a font size from the ink height of their letters (snapped to the sizes the page is set
in), and one band per printed line from its baseline, so the geometry stage reads them as
text-layer words. bold is None: OCR cannot tell. Rulings (table borders) come from the same
cleaned image (ikextract.read.image_rulings), so a scanned ruled table goes through the grid
code like a born-digital one.

Parallelism: Tesseract runs on one thread per process (the library's wheel is built without
OpenMP; the command line gets OMP_THREAD_LIMIT=1). Pages of one file are spread over a
small process pool only when this process is not itself a pool worker (a batch ingest
already keeps every core busy with one file per worker); inside a worker, pages are read
one after another, unless the batch has no file left to give the other workers: then
the pages left are spread over the idle cores (ikextract.read.ocr_share, asked between
pages); each worker process loads its own Tesseract. IKEXTRACT_OCR_JOBS caps the pool (1 = serial).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ikextract.geometry.page import PageGeometry
from ikextract.read.ocr_image import (  # noqa: F401  (re-exported: tests, bench)
    MAX_SKEW_DEG, OCR_DPI, clean, deskew, prepare, render_page, skew_angle, text_ink)
from ikextract.read.ocr_missed import (  # noqa: F401
    MISSED_JOIN_PT, MISSED_MAX_BLOBS, MISSED_MAX_PT, MISSED_MAX_WIDTH_PT, MISSED_MIN_CONFIDENCE,
    MISSED_MIN_INK, MISSED_MIN_PT, MISSED_PAD_PT, _word_boxes, missed_text)
from ikextract.read.ocr_share import spare_cores
from ikextract.read.ocr_tesseract import (  # noqa: F401
    LANGUAGE, PSM, TESSERACT, TIMEOUT_S, OcrUnavailable, available, engine_fallback,
    run_tesseract,
    run_tesseract_cli, tessdata_dir, tesseract_env)
from ikextract.read.ocr_words import (  # noqa: F401
    ASCENDER_LETTERS, BASELINE_SHARE, DESCENDER_LETTERS, DESCENT_EM, INK_EM, INK_SPREAD_PT,
    OWN_BASELINE_EM, PARAGRAPH_SIZE_TOLERANCE, PITCH_SLACK_PT, RARE_SIZE_RATIO,
    RARE_SIZE_TOLERANCE, RULE_GLYPHS, SIZE_TOLERANCE, SURE_WORDS, X_HEIGHT_LETTERS, _ink_rows,
    _median, even_pitch, line_sizes, parse_tsv, size_from_ink)


@dataclass
class OcrPage:
    """One page as OCR saw it: the page model plus what the review reports about it."""
    page: PageGeometry
    skew_deg: float
    mean_confidence: float
    # Set when Tesseract ran as a command line (the library would not load), with the reason.
    fallback: Optional[str] = None


# ---------------------------------------------------------------- pages

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
    return OcrPage(page=page, skew_deg=angle, mean_confidence=confidence,
                   fallback=engine_fallback())


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
        err = OcrUnavailable("neither tesserocr nor tesseract is installed "
                             "(pyproject: tesserocr; Debian: tesseract-ocr tesseract-ocr-swe)")
        return {n: err for n, _, _ in todo}
    jobs = jobs or pool_size(len(todo))
    results: dict[int, OcrPage | Exception] = {}
    if jobs <= 1:
        for k, (n, w, h) in enumerate(todo):
            rest = todo[k:]
            spare = spare_cores() if len(rest) > 1 else 0
            if spare:       # other workers went idle: the pages left are spread over them
                results.update(_pooled(pdf_path, rest, min(1 + spare, len(rest))))
                return results
            try:
                results[n] = ocr_page(pdf_path, n, w, h)
            except Exception as exc:   # one bad page does not lose the others
                results[n] = exc
        return results
    results.update(_pooled(pdf_path, todo, jobs))
    return results


def _pooled(pdf_path, todo: list, jobs: int) -> dict[int, OcrPage | Exception]:
    results: dict[int, OcrPage | Exception] = {}
    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {n: pool.submit(_ocr_job, (str(pdf_path), n, w, h)) for n, w, h in todo}
        for n, fut in futures.items():
            try:
                results[n] = fut.result()
            except Exception as exc:
                results[n] = exc
    return results
