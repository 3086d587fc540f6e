"""Status figures: per-code precision and recall, confusion matrix, accuracy, precision of
inga_avvikelser and the calibration table.

    .venv/bin/python bench/status_eval.py            # dev split (tuned on) and gold rows
    .venv/bin/python bench/status_eval.py --heldout  # the independent held-out set
    .venv/bin/python bench/status_eval.py --heldout-file PATH [PATH ...]   # other held-out sets, as one

A prediction is right when it is the row's code or one of its acceptable codes.
"""
import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ikextract.status.evaluate import GOLD_DIR, print_report  # noqa: E402

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--heldout", action="store_true",
                    help="the independent held-out set (ikextract/status/data/heldout_independent.tsv)")
    ap.add_argument("--heldout-file", type=Path, nargs="+", default=None,
                    help="held-out TSVs (text, code, acceptable, family, source), measured as "
                         "one set; implies --heldout; default "
                         "ikextract/status/data/heldout_independent.tsv")
    ap.add_argument("--no-misses", action="store_true")
    args = ap.parse_args()
    print_report(args.data, args.gold, heldout=args.heldout or args.heldout_file is not None,
                 misses=not args.no_misses, heldout_file=args.heldout_file)
