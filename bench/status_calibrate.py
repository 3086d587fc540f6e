"""Refit the status confidence calibration (ikextract/status/calibration.tsv) from the
development data and print it: kind of evidence, rows, right, share right, the confidence
the stage gives such a reading (a lower bound of the share, never above the raw confidence).
Run after every change to the rules or the model (train-status).

    .venv/bin/python bench/status_calibrate.py
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ikextract.status.calibrate import CALIBRATION_FILE, write  # noqa: E402

if __name__ == "__main__":
    print("kind\tn\tright\tshare\tconfidence")
    for row in write():
        print("\t".join(str(row[c]) for c in ("kind", "n", "right", "share", "confidence")))
    print(f"wrote {CALIBRATION_FILE}")
