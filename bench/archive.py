"""An archive-sized batch: files/s at 1 and 2 workers, the speed-up, memory per worker, a
second unchanged run, and whether the parent's cost per file grows with the archive.

    .venv/bin/python bench/archive.py [--files 500] [--scans 2] [--rounds 5] [--keep DIR]

The corpus is made from the committed fixtures: DOCX copies with their board renamed (about
REPORTS_PER_BOARD reports per board, as an archive of many boards over a few years), PDFs
printed by the fixtures' reportlab renderers with renamed boards, LibreOffice PDF fixtures and
a few scans (tests/fixtures/scans, OCR) copied with varied bytes, and broken files
(tests/fixtures/bad), in a shuffled but fixed order. Each figure is measured in this run
against its own baseline:

- files/s with 1 and with 2 workers, each into its own folder, wall time of ingest() (the
  fork server is warmed first, so neither side pays its start-up); the ratio (goal >= 1.8).
  The corpus is read in --rounds slices, each slice with 1 and with 2 workers in turn, so
  other load on a shared machine falls on both sides alike;
- peak resident memory of any one worker;
- the second run over the same folder (everything unchanged) against the first;
- the parent's cost per file over the first and the last 100 results of the 2-worker run
  (wall time between results, and the parent's own CPU time): flat when the parent does no
  per-report work that grows with the archive;
- the time of each run before its first result (opening the store, starting workers, the
  first files) and after its last (rebuilding risks, stopping workers), summed over the
  rounds: the part after the last result is serial, paid by both sides alike.

On a shared machine other load moves wall times; the CPU line gives the bound that the
parent's own work sets on 2 free cores, whatever the load.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.runner.corpus import vary  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
GOAL = 1.8


# Board names for the copies: an archive holds a few years of many boards, so each board
# gets about REPORTS_PER_BOARD reports (identical copies of one board's report would make
# linking, whose cost follows the size of the report's board, the whole benchmark).
REPORTS_PER_BOARD = 8
_PREFIXES = ["Kultur", "Fritids", "Miljö", "Bygg", "Social", "Teknik", "Utbildnings",
             "Omsorgs", "Hälso", "Trafik", "Valnämnd", "Gymnasie", "Vuxenutbildnings",
             "Samhällsbyggnads", "Överförmyndar", "Räddnings"]
ORIGINAL_BOARDS = ("Arbetsmarknadsnämnden", "Kommunstyrelsen")


def board_name(i: int) -> str:
    p = _PREFIXES
    if i < len(p):
        return f"{p[i]}nämnden"
    a, b = divmod(i - len(p), len(p))
    return f"{p[a % len(p)]}- och {p[b].lower()}nämnden"


def _replace_boards(text: str, board: str) -> str:
    for old in ORIGINAL_BOARDS:
        text = text.replace(old, board).replace(old.lower(), board[0].lower() + board[1:])
    return text


def docx_for_board(src: Path, dst: Path, board: str, n: int) -> None:
    import zipfile
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".xml"):
                data = _replace_boards(data.decode("utf-8"), board).encode("utf-8")
            zout.writestr(info, data)
        zout.comment = f"copy {n}".encode()


def _deep_replace(value, board: str):
    if isinstance(value, str):
        return _replace_boards(value, board)
    if isinstance(value, list):
        return [_deep_replace(v, board) for v in value]
    if isinstance(value, dict):
        return {k: _deep_replace(v, board) for k, v in value.items()}
    return value


def pdf_for_board(stem: str, dst: Path, board: str, n: int, cache: dict) -> None:
    """A reportlab print of a gold report with its board renamed (tests/fixtures/build_pdf)."""
    import json
    from tests.conftest import GOLD
    from tests.fixtures.build_pdf import RENDERERS
    key = (stem, board)
    if key not in cache:
        gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        tmp = dst.with_suffix(".render.pdf")
        RENDERERS[stem](_deep_replace(gold, board)).save(tmp)
        cache[key] = tmp.read_bytes()
        tmp.unlink()
    dst.write_bytes(cache[key] + f"\n% copy {n}\n".encode())


def build_corpus(folder: Path, n: int, scans: int, seed: int = 12) -> dict[str, int]:
    from tests.fixtures.build_pdf import RENDERERS
    docx = sorted((FIXTURES / "docx").glob("*.docx"))
    pdf = sorted((FIXTURES / "pdf").glob("*.pdf"))
    scan = sorted((FIXTURES / "scans").glob("*.pdf"))[:scans] if scans else []
    bad = sorted((FIXTURES / "bad").glob("*"))
    n_bad = max(1, n // 40)
    n_pdf = n // 4
    n_pdf_orig = min(len(pdf) * 2, n_pdf // 3)      # LibreOffice prints, original boards
    n_docx = n - n_pdf - n_bad - len(scan)
    stems = sorted(RENDERERS)
    plan = ([("docx", docx[i % len(docx)]) for i in range(n_docx)]
            + [("pdf", pdf[i % len(pdf)]) for i in range(n_pdf_orig)]
            + [("pdf_board", stems[i % len(stems)]) for i in range(n_pdf - n_pdf_orig)]
            + [("scan", s) for s in scan]
            + [("bad", bad[i % len(bad)]) for i in range(n_bad)])
    random.Random(seed).shuffle(plan)
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    renders: dict = {}
    for i, (kind, src) in enumerate(plan):
        board = board_name(i // REPORTS_PER_BOARD)
        suffix = ".pdf" if kind == "pdf_board" else src.suffix
        dst = folder / f"{i:04d}_{kind}{suffix}"
        if kind == "bad":
            shutil.copyfile(src, dst)
        elif kind == "docx":
            docx_for_board(src, dst, board, i)
        elif kind == "pdf_board":
            pdf_for_board(src, dst, board, i, renders)
        else:
            vary(src, dst, i)
        counts[kind] = counts.get(kind, 0) + 1
    return counts


class Timeline:
    """A progress sink recording when each file came back, and the parent's CPU then."""

    def __init__(self):
        self.stamps: list[tuple[float, float]] = []

    def start(self, total):
        self.stamps = [(time.perf_counter(), _cpu())]

    def file_done(self, path, outcome):
        self.stamps.append((time.perf_counter(), _cpu()))

    def tick(self, busy):
        pass

    def close(self):
        pass

    def per_file(self, first: bool, n: int = 100) -> tuple[float, float]:
        """Wall and parent CPU per result over the first or last n results (from the first
        result on: the run's set-up, reading the stored index once, is not per file)."""
        results = self.stamps[1:]
        s = results[: n + 1] if first else results[-(n + 1):]
        k = max(len(s) - 1, 1)
        return (s[-1][0] - s[0][0]) / k, (s[-1][1] - s[0][1]) / k


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


PIPELINE = "default"


def run(src: Path, out: Path, workers: int, timeline=None):
    from ikextract.pipeline import ingest, load_pipeline
    from ikextract.runner.workers import Limits
    t = time.perf_counter()
    summary = ingest([src], out, workers=workers, limits=Limits(timeout=300),
                     progress=timeline, spec=load_pipeline(PIPELINE))
    return time.perf_counter() - t, summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--scans", type=int, default=2, help="scanned PDFs (OCR) in the corpus")
    ap.add_argument("--rounds", type=int, default=5,
                    help="slices of the corpus, each read with 1 and with 2 workers in turn")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    ap.add_argument("--pipeline", default="default",
                    help="pipeline to run (nolink: without the parent's linking)")
    args = ap.parse_args()
    global PIPELINE
    PIPELINE = args.pipeline
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"pipeline {PIPELINE}")

    tmp = Path(tempfile.mkdtemp(prefix="ikx_bench_"))
    src = args.keep or tmp / "archive"
    counts = build_corpus(src, args.files, args.scans)
    n = sum(counts.values())
    print(f"corpus: {n} files ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}) "
          f"in {src}")

    warm = tmp / "warm"
    warm.mkdir()
    vary(sorted((FIXTURES / "docx").glob("*.docx"))[0], warm / "w.docx", 0)
    run(warm, tmp / "warm_out", 2)              # starts the fork server: no side pays it

    # Rounds: the corpus in slices, each ingested with 1 and with 2 workers (alternating
    # which goes first) into two folders that grow as one archive each. Load from other
    # processes on a shared machine then falls on both sides alike.
    files = sorted(src.iterdir())
    size = -(-len(files) // args.rounds)
    rounds = []
    for k in range(args.rounds):
        part = tmp / "rounds" / f"{k:02d}"
        part.mkdir(parents=True)
        for f in files[k * size:(k + 1) * size]:
            os.symlink(f, part / f.name)
        rounds.append(part)
    seconds = {1: 0.0, 2: 0.0}
    cpu = {1: 0.0, 2: 0.0}
    peak = 0
    lines = []
    timelines = []
    parent_cpu = 0.0
    serial = {1: [0.0, 0.0], 2: [0.0, 0.0]}    # before the first result, after the last
    for k, part in enumerate(rounds):
        took = {}
        for workers in ((1, 2) if k % 2 == 0 else (2, 1)):
            tl = Timeline()
            began = time.perf_counter()
            t, summary = run(part, tmp / f"out_{workers}", workers, tl)
            took[workers] = t
            seconds[workers] += t
            cpu[workers] += summary.stats.get("cpu_seconds", 0.0)
            peak = max(peak, summary.stats.get("peak_rss_kb", 0))
            if len(tl.stamps) > 1:
                serial[workers][0] += tl.stamps[1][0] - began
                serial[workers][1] += began + t - tl.stamps[-1][0]
            if workers == 2:
                timelines.append(tl)
                parent_cpu += tl.stamps[-1][1] - tl.stamps[1][1]
        lines.append(f"  round {k + 1}: {len(list(part.iterdir()))} files, 1 worker "
                     f"{took[1]:.1f} s, 2 workers {took[2]:.1f} s, ratio {took[1] / took[2]:.2f}, "
                     f"load {os.getloadavg()[0]:.1f}")
    print("\n".join(lines))
    one, two = seconds[1], seconds[2]
    print(f"files/s: 1 worker {n / one:.2f}, 2 workers {n / two:.2f}; "
          f"speed-up {one / two:.2f} (goal >= {GOAL})")
    print(f"peak memory of one worker: {peak / 1024:.0f} MB")
    print("time before the first result (start-up and the first files) / after the last "
          "(rebuilding risks, stopping workers), all rounds: "
          + ", ".join(f"{w} worker{'s' if w > 1 else ''} {a:.2f} / {b:.2f} s"
                      for w, (a, b) in serial.items()))

    again, summary = run(tmp / "rounds", tmp / "out_2", 2)
    print(f"second run, unchanged: {again:.2f} s against {two:.1f} s for the first "
          f"({again / two:.3f}); {summary.unchanged} unchanged, "
          f"{summary.skipped_failures} failures not retried")
    worker_cpu = cpu[2] / n
    parent = parent_cpu / n
    bound = 2 * worker_cpu / (worker_cpu + parent) if worker_cpu else 0.0
    print(f"CPU per file (2 workers): workers {worker_cpu * 1000:.1f} ms, parent "
          f"{parent * 1000:.1f} ms: on 2 free cores the parent allows at most {bound:.2f}x")
    merged = Timeline()             # the 2-worker results of all rounds, one after another
    for tl in timelines:
        base = merged.stamps[-1] if merged.stamps else (0.0, 0.0)
        w0, c0 = tl.stamps[1]
        merged.stamps.extend((base[0] + w - w0, base[1] + c - c0) for w, c in tl.stamps[1:])
    merged.stamps.insert(0, merged.stamps[0])
    w1, c1 = merged.per_file(first=True)
    w2, c2 = merged.per_file(first=False)
    print(f"per file, 2 workers: first 100 {w1 * 1000:.1f} ms wall / {c1 * 1000:.2f} ms parent "
          f"CPU, last 100 {w2 * 1000:.1f} ms wall / {c2 * 1000:.2f} ms parent CPU")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
