"""Accuracy and confusion matrices of the status classifier on held-out data.

    .venv/bin/python bench/status_eval.py [--data PATH] [--gold DIR]

Held-out: every fifth labelled sentence (never trained on); gold: the rows of ../shared/gold
(never training data), scored as "predicted code within the gold list".
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ikextract.status.evaluate import GOLD_DIR, print_report  # noqa: E402

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    args = ap.parse_args()
    print_report(args.data, args.gold)
