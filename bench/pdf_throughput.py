"""The whole `ikextract ingest` on the PDF fixtures, against pdfplumber's bare
`extract_tables()` on the same pages, for each word source, interleaved in one run.

    .venv/bin/python bench/pdf_throughput.py [--repeat N] [--workers W] [--sources ...] [PDF...]

Both sides run as fresh subprocesses, so start-up (imports, the dictionary, the status
model) counts on each: `python -m ikextract ingest PDFS -o TMP --workers W --word-source S`
against `python -c "open each PDF with pdfplumber, extract_tables() on every page"`. Each
repetition runs every side once, in a rotating order (the machine's load hits all sides
alike); the figure per side is the median. Time is the subprocess's CPU time (user + system,
summed over the process tree, each process sampled every 5 ms), which other load on a
shared machine does not inflate; wall time is printed beside it. Goal: ingest / bare <= 0.6
for the default source.

The hyphenation dictionary's answers are remembered on disk across runs (a per-user memo,
ikextract.text.hyphenation.LookupMemo). The bench never uses the user's own: the sides run
with a memo of their own, filled by one untimed ingest first (what every run after a
user's first sees), and the default source is also timed cold, with an empty memo each
time (a first run: the dictionary opened, ikextract.text.dictionary, and every word asked
of it). The goal holds for both.

Then, in this process after a warm-up (the bench's memo), the reader alone per page and
word source: words and rulings, geometry, the tables stage, against extract_tables() on the
same pages: what this project's reading costs without start-up and the later stages.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
GOAL = 0.6

BARE = """
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            pages += 1
            page.close()
print(pages)
"""


def _timed(cmd: list[str], env: dict | None = None
           ) -> tuple[float, float, subprocess.CompletedProcess]:
    """CPU seconds of the command's whole process tree (each process sampled every few
    milliseconds until it ends: forkserver workers are not waited for by the command, so
    the kernel's child accounting misses them), wall seconds, and the finished process."""
    import psutil
    last: dict[int, float] = {}
    wall = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err, env=env)
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                tree = []
            for p in tree:
                try:
                    t = p.cpu_times()
                    last[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            time.sleep(0.005)
        wall = time.perf_counter() - wall
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(cmd, proc.returncode, out.read().decode(),
                                           err.read().decode())
    return sum(last.values()), wall, done


def run_bare(paths: list[Path]) -> tuple[float, float, int]:
    cpu, wall, proc = _timed([sys.executable, "-c", BARE, *map(str, paths)])
    proc.check_returncode()
    return cpu, wall, int(proc.stdout.split()[-1])


def run_ingest(paths: list[Path], source: str, workers: int, memo_dir: str
               ) -> tuple[float, float]:
    from ikextract.text.hyphenation import CACHE_ENV
    env = dict(os.environ, **{CACHE_ENV: memo_dir})
    with tempfile.TemporaryDirectory(prefix="ikx_bench_") as out:
        cpu, wall, proc = _timed([sys.executable, "-m", "ikextract", "ingest",
                                  *map(str, paths), "-o", out, "--workers", str(workers),
                                  "--word-source", source], env)
    if proc.returncode != 0:
        print(f"warning: ingest --word-source {source} exited {proc.returncode}: "
              f"{proc.stderr.strip()[-300:]}", file=sys.stderr)
    return cpu, wall


def reader_figures(paths: list[Path], sources: list[str]) -> None:
    import pdfplumber

    from ikextract.geometry import build_document
    from ikextract.read.pdf import word_source
    from ikextract.tables import join_tables
    from ikextract.text.hyphenation import swedish_words
    swedish_words()
    pages = 0
    start = time.process_time()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
                page.close()
    bare = (time.process_time() - start) / pages
    print(f"reader alone, in this process, ms per page (bare extract_tables {1000 * bare:.1f}):")
    for name in sources:                 # warm-up: imports, the dictionary's lookup cache
        for path in paths:
            join_tables(build_document(word_source(name)(path)[0], path))
    for name in sources:
        read = word_source(name)
        times = [0.0, 0.0, 0.0]
        for path in paths:
            t0 = time.process_time()
            got, _ = read(path)
            t1 = time.process_time()
            doc = build_document(got, path)
            t2 = time.process_time()
            join_tables(doc)
            t3 = time.process_time()
            times = [times[0] + t1 - t0, times[1] + t2 - t1, times[2] + t3 - t2]
        total = sum(times) / pages
        print(f"  {name:<10}: words+rulings {1000 * times[0] / pages:5.1f}  geometry "
              f"{1000 * times[1] / pages:5.1f}  tables {1000 * times[2] / pages:4.1f}  "
              f"= {1000 * total:5.1f}  ratio {total / bare:.2f}")


def main(argv=None) -> int:
    from ikextract.read import DEFAULT_WORD_SOURCE, WORD_SOURCES
    from ikextract.text.hyphenation import CACHE_ENV
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sources", nargs="+", default=sorted(WORD_SOURCES))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    paths = args.pdfs or sorted(FIXTURES.glob("*.pdf"))
    cold = DEFAULT_WORD_SOURCE + " cold"
    sides = ["bare"] + list(args.sources) + ([cold] if DEFAULT_WORD_SOURCE in args.sources
                                             else [])
    cpu: dict[str, list[float]] = {s: [] for s in sides}
    wall: dict[str, list[float]] = {s: [] for s in sides}
    pages = 0
    with tempfile.TemporaryDirectory(prefix="ikx_bench_memo_") as memo:
        for source in args.sources:          # untimed: fills the memo with these words
            run_ingest(paths, source, args.workers, memo)
        for rep in range(args.repeat):
            order = sides[rep % len(sides):] + sides[:rep % len(sides)]
            for side in order:
                if side == "bare":
                    c, w, pages = run_bare(paths)
                elif side == cold:
                    with tempfile.TemporaryDirectory(prefix="ikx_bench_cold_") as empty:
                        c, w = run_ingest(paths, DEFAULT_WORD_SOURCE, args.workers, empty)
                else:
                    c, w = run_ingest(paths, side, args.workers, memo)
                cpu[side].append(c)
                wall[side].append(w)
        os.environ[CACHE_ENV] = memo      # the reader figures below: the bench's memo too
        bare = statistics.median(cpu["bare"])
        print(f"{len(paths)} PDFs, {pages} pages; median of {args.repeat} interleaved runs, each "
              f"a fresh process (ingest --workers {args.workers}); CPU seconds (wall in brackets)")
        print(f"  pdfplumber extract_tables() (bare)           : {bare:6.2f} s "
              f"[{statistics.median(wall['bare']):6.2f}]  {pages / bare:6.1f} pages/s")
        for source in sides[1:]:
            t = statistics.median(cpu[source])
            ratio = t / bare
            mark = " (default)" if source == DEFAULT_WORD_SOURCE else (
                " (empty dictionary memo)" if source == cold else "")
            verdict = "OK" if ratio <= GOAL else "over goal"
            print(f"  ikextract ingest --word-source {source:<15}: {t:6.2f} s "
                  f"[{statistics.median(wall[source]):6.2f}]  {pages / t:6.1f} pages/s  "
                  f"ratio {ratio:.2f}{mark} (goal <= {GOAL}) -> {verdict}")
        reader_figures(paths, args.sources)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
