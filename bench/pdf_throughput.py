"""Pages per second of `ikextract ingest` over the PDF fixtures, against pdfplumber's bare
`extract_tables()` on the same pages, measured in the same run.

    .venv/bin/python bench/pdf_throughput.py [--repeat N] [PDF...]

Goal: the whole pipeline takes at most 1.5 times as long as pdfplumber's table extraction.
Both sides run in this process, one core, after one warm-up pass (imports, the word list
and the status model loaded once, as in a real batch). The ingest side is the CLI's code path
(ikextract.pipeline.ingest, --workers 1) into a fresh temporary folder each repetition.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pdfplumber

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
FIXTURES = REPO / "tests" / "fixtures" / "pdf"


def bare_tables(paths: list[Path]) -> int:
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
                page.close()
    return pages


def pipeline(paths: list[Path]) -> None:
    from ikextract.pipeline import ingest
    with tempfile.TemporaryDirectory(prefix="ikx_bench_") as out:
        summary = ingest(paths, out, workers=1, force=True)
    failed = getattr(summary, "failed", None) or getattr(summary, "failures", None)
    if failed:
        print(f"warning: failures in ingest: {failed}", file=sys.stderr)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    warnings.simplefilter("ignore")
    pages = bare_tables(paths)          # warm-up, and the page count
    pipeline(paths)
    t_bare = best_of(lambda: bare_tables(paths), args.repeat)
    t_pipe = best_of(lambda: pipeline(paths), args.repeat)
    print(f"{len(paths)} PDFs, {pages} pages, best of {args.repeat}")
    print(f"pdfplumber extract_tables(): {t_bare:6.2f} s  {pages / t_bare:6.1f} pages/s")
    print(f"ikextract ingest (pipeline): {t_pipe:6.2f} s  {pages / t_pipe:6.1f} pages/s")
    ratio = t_pipe / t_bare
    print(f"ratio pipeline/pdfplumber: {ratio:.2f} (goal <= 1.5) -> "
          f"{'OK' if ratio <= 1.5 else 'over goal'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
