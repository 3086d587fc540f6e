"""Seconds per OCR'd page: ikextract's OCR word source against the bare tesseract command
line on the same page images, interleaved in one run.

    .venv/bin/python bench/ocr.py [--repeat N] [PDF[:PAGES] ...]

Default pages: the image-only scan fixtures' first pages (tests/fixtures/scans). Each page is
rendered once at 300 dpi (PDFium) to a PNG; then, per repetition and page, in alternating
order:
- ours: ikextract.read.ocr.ocr_page(pdf, page): render, deskew, clean, Tesseract (TSV), the
  second pass over ink Tesseract left out, rulings from the image, words into PageGeometry;
- bare: `tesseract page.png stdout -l swe tsv` on the rendered page (the goal's baseline);
- lib: the same PNG through Tesseract's library (tesserocr, the model loaded once, before
  timing), which ours uses: ours/lib is what ikextract adds to Tesseract itself, apart from
  the command line's cost of loading swe.traineddata per image and Debian's build (with
  OpenMP) being slower than the wheel's even on one thread.
All with OMP_THREAD_LIMIT=1. Time is CPU time (user + system of this process and its
children: Tesseract runs as a child on both sides), which other load on a shared machine
does not inflate; wall time is printed beside it. The figure per side is the median over
repetitions of the total over pages. Goal: ours / bare <= 1.1.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SCANS = REPO / "tests" / "fixtures" / "scans"
DEFAULT = [f"{SCANS / '000_a8a4c6867aeb0241__scan.pdf'}:2,3",
           f"{SCANS / '003_977ef8c6729c1ad8__scan.pdf'}:4,5",
           f"{SCANS / '004_6b10d17d9fb80832__scan.pdf'}:1,3"]
GOAL = 1.1


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn) -> tuple[float, float]:
    c, w = cpu(), time.perf_counter()
    fn()
    return cpu() - c, time.perf_counter() - w


def pages_of(specs: list[str]) -> list[tuple[Path, int]]:
    out = []
    for spec in specs:
        path, _, numbers = spec.partition(":")
        for n in (numbers.split(",") if numbers else ["1"]):
            out.append((Path(path), int(n)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfs", nargs="*", default=DEFAULT, help="PDF[:page,page] (1-based)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import cv2
    import pypdfium2 as pdfium
    from ikextract.read import ocr

    pages = pages_of(args.pdfs)
    with tempfile.TemporaryDirectory() as tmp:
        images, sizes = [], []
        for k, (path, n) in enumerate(pages):
            doc = pdfium.PdfDocument(str(path))
            w, h = doc[n - 1].get_size()
            doc.close()
            sizes.append((w, h))
            png = Path(tmp) / f"page{k}.png"
            cv2.imwrite(str(png), ocr.render_page(path, n - 1, ocr.OCR_DPI))
            images.append(png)

        def ours():
            for (path, n), (w, h) in zip(pages, sizes):
                ocr.ocr_page(path, n, w, h)

        def bare():
            for png in images:
                subprocess.run(["tesseract", str(png), "stdout", "-l", "swe", "tsv"],
                               check=True, capture_output=True, env=ocr.tesseract_env())

        sides = [("ours", ours), ("bare", bare)]
        try:
            import tesserocr
            api = tesserocr.PyTessBaseAPI(path=ocr.tessdata_dir() + os.sep, lang="swe")

            def lib():
                for png in images:
                    api.SetImageFile(str(png))
                    api.GetTSVText(0)
            sides.append(("lib", lib))
        except (ImportError, RuntimeError, TypeError) as exc:
            print(f"(no library side: {exc})")
        results = {name: [] for name, _ in sides}
        for r in range(args.repeat):
            order = sides if r % 2 == 0 else sides[::-1]
            for name, fn in order:
                results[name].append(timed(fn))
    n = len(pages)
    print(f"{n} pages, {args.repeat} repetitions, OMP_THREAD_LIMIT=1")
    med = {}
    for name, runs in results.items():
        c = statistics.median(x for x, _ in runs)
        w = statistics.median(y for _, y in runs)
        med[name] = c
        print(f"  {name:5s} {c / n:6.2f} s CPU/page   ({w / n:6.2f} s wall/page)")
    ratio = med["ours"] / med["bare"]
    print(f"ratio ours/bare (CPU): {ratio:.2f}  (goal <= {GOAL})")
    if "lib" in med:
        print(f"ratio ours/lib  (CPU): {med['ours'] / med['lib']:.2f}  (what ikextract adds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
