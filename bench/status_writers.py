"""Status figures across writers: each set written by one writer who never saw the code is
left out of the classifier's training in turn, a model trained without it, and the whole
stage (rules, classifier, second opinion) measured on it. The rules were tuned on most of these
sets, so the figure is an upper bound for the rules and an honest one for the classifier: it
says how much the classifier adds on a writer it has not read. The fresh held-out sets
(heldout*.tsv not yet measured) are never used.

    .venv/bin/python bench/status_writers.py                  # every writer's set (~2 min each)
    .venv/bin/python bench/status_writers.py --sets heldout_v5 dev_v6d

Prints per set: texts, accuracy of the stage with the left-out model, the same without the
second opinion, the classifier alone, and precision of inga_avvikelser.
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ikextract.status import reading, train  # noqa: E402
from ikextract.status.evaluate import evaluate_rows  # noqa: E402
from ikextract.status.rules import get_rules  # noqa: E402
from ikextract.status.textcat import MODEL_ENV, _load_textcat  # noqa: E402

WRITER_SETS = ("heldout_independent", "heldout_v2", "heldout_v3", "heldout_v5", "dev_v3_lead",
               "dev_v4_lead", "dev_v6c", "dev_v6d", "dev_v6e", "dev_v6f", "dev_v6g", "dev_v6h",
               "dev_v6i")


def measure(name: str, workdir: Path) -> dict:
    left_out = f"{name}.tsv"
    rows = train.read_labelled_file(train.DATA_DIR / left_out)
    keep, keep_texts = train.measures_only, train.unmeasured_texts
    # the file out of training, and its texts out of every other file too (as the held-out
    # sets' texts are: a text two writers both wrote would otherwise train on itself)
    train.measures_only = lambda n: keep(n) or n == left_out
    train.unmeasured_texts = lambda: keep_texts() | {r.text for r in rows}
    try:
        model = workdir / name
        train.train(out=model)
    finally:
        train.measures_only, train.unmeasured_texts = keep, keep_texts
    os.environ[MODEL_ENV] = str(model)
    stage = evaluate_rows(rows)
    threshold = reading.SECOND_OPINION_MIN
    reading.SECOND_OPINION_MIN = 2.0
    try:
        no_second = evaluate_rows(rows)
    finally:
        reading.SECOND_OPINION_MIN = threshold
    nlp, rules = _load_textcat(str(model)), get_rules()
    # the classifier alone, on the text the stage gives it (questions left out)
    cats = reading._score_norms(nlp, [reading._norm_text(rules, rules.make_doc(r.text), r.text)
                                      for r in rows])
    alone = sum(c is not None and r.accepts(max(c, key=c.get))
                for r, c in zip(rows, cats)) / len(rows)
    return {"n": len(rows), "stage": stage.accuracy, "no_second": no_second.accuracy,
            "alone": alone, "clear_precision": stage.clear_precision,
            "false_all_clear": stage.false_all_clear}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="*", default=list(WRITER_SETS))
    args = ap.parse_args()
    before = os.environ.get(MODEL_ENV)
    print(f"{'set':22} {'n':>5} {'stage':>7} {'no 2nd':>7} {'alone':>7} {'inga prec':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            m = measure(name, Path(tmp))
            print(f"{name:22} {m['n']:5d} {m['stage']:7.3f} {m['no_second']:7.3f} "
                  f"{m['alone']:7.3f} {m['clear_precision']:6.3f} ({m['false_all_clear']})",
                  flush=True)
    if before is None:
        os.environ.pop(MODEL_ENV, None)
    else:
        os.environ[MODEL_ENV] = before
