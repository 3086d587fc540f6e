"""Start-up: `ikextract --version` against `python -c "import click"`, interleaved.

    .venv/bin/python bench/startup.py [--repeat 15]

Both are fresh processes of the same interpreter; the figure is the median wall time of
each and their ratio (goal: within 3x). Heavy libraries (spaCy, pyarrow, pdfplumber) must
only be imported by the commands that need them.

Then, also in fresh processes, interleaved, CPU seconds (median): the workers' fork server
warming up (`import ikextract.runner.preload`: the stages after reading, the status rules and
model; no format library), and the Swedish dictionary opened for a first lookup, as
ikextract opens it (ikextract.text.dictionary.open_lookup) against spylls's own
`Dictionary.from_files` (which parses every entry first).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 3.0
REPO = Path(__file__).resolve().parents[1]


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    script = Path(sys.executable).with_name("ikextract")
    ours = [str(script), "--version"] if script.exists() else \
        [sys.executable, "-m", "ikextract", "--version"]
    base = [sys.executable, "-c", "import click"]
    times = {"ikextract --version": [], "import click": []}
    for _ in range(args.repeat):
        times["ikextract --version"].append(_time(ours))
        times["import click"].append(_time(base))
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in med.items():
        print(f"{k:22s} {v * 1000:7.1f} ms (median of {args.repeat})")
    ratio = med["ikextract --version"] / med["import click"]
    print(f"ratio {ratio:.2f} (goal <= {GOAL})")
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", *ours[1:]] if ours[0] == sys.executable else
        [sys.executable, "-X", "importtime", "-c",
         "import sys; sys.argv=['ikextract','--version']; from ikextract.cli import main; main()"],
        capture_output=True, text=True, cwd=REPO).stderr
    import re
    heavy = [m for m in ("spacy", "pyarrow", "pdfplumber", "pandas", "numpy", "docx")
             if re.search(rf"\|\s+{m}$", imported, re.M)]
    print("heavy modules imported by --version:", ", ".join(heavy) or "none")
    worker_figures(args.repeat)
    return 0 if ratio <= GOAL else 1


CPU = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
start = cpu()
exec(sys.argv[1])
print(cpu() - start, cpu())
"""

WORKER_SIDES = {
    "fork server warm-up (preload)": "import ikextract.runner.preload",
    "dictionary, ikextract open_lookup": (
        "from ikextract.text import SWEDISH_DICTIONARY as D\n"
        "from ikextract.text.dictionary import open_lookup\n"
        "assert open_lookup(D)('personalförening')"),
    "dictionary, spylls from_files": (
        "from ikextract.text import SWEDISH_DICTIONARY as D\n"
        "from spylls.hunspell import Dictionary\n"
        "assert Dictionary.from_files(str(D)).lookup('personalförening')"),
}


def worker_figures(repeat: int) -> None:
    """CPU seconds of each side's statement (imports included) in a fresh process, and of
    the whole process, median of `repeat` interleaved runs."""
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in WORKER_SIDES}
    for _ in range(max(3, repeat // 3)):
        for name, code in WORKER_SIDES.items():
            out = subprocess.run([sys.executable, "-c", CPU, code], check=True, cwd=REPO,
                                 capture_output=True, text=True).stdout.split()
            runs[name].append((float(out[-2]), float(out[-1])))
    print("in a fresh process, CPU seconds (the statement; the whole process), median:")
    for name, got in runs.items():
        print(f"  {name:36s} {statistics.median(g[0] for g in got):5.2f}  "
              f"{statistics.median(g[1] for g in got):5.2f}")
    modules = subprocess.run(
        [sys.executable, "-c", "import sys, ikextract.runner.preload; print(' '.join(m for m in "
         "('docx', 'pdfplumber', 'pdfminer', 'spylls', 'pandas', 'pyarrow') if m in "
         "sys.modules))"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    print("format and store libraries the fork server imports:", modules or "none")


if __name__ == "__main__":
    sys.exit(main())
