"""Start-up: `ikextract --version` against `python -c "import click"`, interleaved.

    .venv/bin/python bench/startup.py [--repeat 15]

Both are fresh processes of the same interpreter; the figure is the median wall time of
each and their ratio (goal: within 3x). Heavy libraries (spaCy, pyarrow, pdfplumber) must
only be imported by the commands that need them.
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
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
