"""Per-page review of a PDF's text layer, between the word source and the geometry stage.

The PDF reader calls review_pages() with the pages its word source produced. Each page's
layer is measured (ikextract.read.textlayer: usable, none, or bad); then by options.ocr:
- "auto" (default): pages without a usable layer are replaced by OCR pages (source "ocr",
  ikextract.read.ocr), so the geometry stage reads OCR words exactly as text-layer words;
  a born-digital PDF costs only the measuring (a few milliseconds a page);
- "always": every page is OCR'd;
- "never": nothing is OCR'd; a bad layer is repaired with the Swedish lexicon
  (ikextract.text.ocr_repair: å/ä/ö restored, common OCR confusions undone).
Where OCR fails (no tesseract, a page it cannot read), a bad layer is repaired the same way.
Every decision that is not "usable, kept" is a warning on its page, with its figures.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ikextract.geometry.page import PageGeometry

# An OCR page whose words Tesseract is this unsure of (mean confidence) is worth a warning.
LOW_CONFIDENCE = 0.70


def review_pages(path: Path, pages: list[PageGeometry], options) -> list[PageGeometry]:
    """Pages to read: the given ones, with unusable text layers replaced by OCR pages."""
    from ikextract.read.textlayer import assess
    mode = getattr(options, "ocr", "auto") or "auto"
    quality = {p.number: assess(p) for p in pages}
    if mode == "always":
        todo = [p for p in pages]
    elif mode == "auto":
        todo = [p for p in pages if quality[p.number].needs_ocr]
    else:
        todo = []
    results = {}
    if todo:
        from ikextract.read.ocr import ocr_pages
        results = ocr_pages(path, [(p.number, p.width, p.height) for p in todo])
    out = []
    for page in pages:
        q = quality[page.number]
        done = results.get(page.number)
        if done is not None and not isinstance(done, Exception):
            out.append(_ocr_page(page, q, done, mode))
        else:
            out.append(_kept_page(page, q, done, mode))
    return out


def _ocr_page(page: PageGeometry, q, done, mode: str) -> PageGeometry:
    ocr = done.page
    why = "OCR forced (--ocr always)" if mode == "always" and not q.needs_ocr \
        else q.describe(page.number)
    note = (f"{why}: OCR in Swedish, {len(ocr.words)} words, mean confidence "
            f"{done.mean_confidence:.0%}, skew {done.skew_deg:+.2f}°")
    warnings = list(page.warnings) + [note]
    if getattr(done, "fallback", None):
        warnings.append(f"page {page.number}: Tesseract ran as a command line, a process per "
                        f"image (slower; same words): {done.fallback}")
    if ocr.words and done.mean_confidence < LOW_CONFIDENCE:
        warnings.append(f"page {page.number}: OCR is unsure of this page "
                        f"(mean confidence {done.mean_confidence:.0%}); check its rows")
    # The text layer's own rulings (if any) are exact; the image's are found anew.
    rulings = page.rulings if page.rulings else ocr.rulings
    return replace(ocr, number=page.number, width=page.width, height=page.height,
                   rulings=rulings, warnings=warnings)


def _kept_page(page: PageGeometry, q, error, mode: str) -> PageGeometry:
    if not q.needs_ocr and error is None:
        return page
    failed = f"OCR failed ({error})" if error is not None else None
    if q.verdict == "none":
        why = failed or "not OCR'd (--ocr never)"
        return replace(page, warnings=list(page.warnings) + [f"{q.describe(page.number)}; {why}"])
    if q.verdict == "usable":          # "always" asked, OCR failed: the layer is fine
        return replace(page, warnings=list(page.warnings)
                       + [f"page {page.number}: {failed}; its text layer is used"])
    from ikextract.text.ocr_repair import repair_page
    repaired, changed = repair_page(page)
    why = failed or "not OCR'd (--ocr never)"
    repaired.warnings.append(
        f"{q.describe(page.number)}; {why}: repaired with the Swedish lexicon, "
        f"{changed} of {len(page.words)} words changed (å/ä/ö restored, OCR confusions undone)")
    return repaired
