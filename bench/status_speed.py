"""Speed of the status stage: 10,000 result texts classified on one core (goal: < 5 s).

    .venv/bin/python bench/status_speed.py [N] [--without-freeze]

Texts are made, seeded, from the labelled sentences and the gold results (1-4 sentences
each, like real result cells). Baseline in the same run: tokenising the same texts with a
blank Swedish pipeline, the least any spaCy-based classifier has to do. Three rounds with
different texts (the machine is shared: the median is the figure; the ratio to the baseline
of the same round says how much is ours). --without-freeze: the same without
rules.settle_loaded's gc.freeze, to run in turn with a run with it.
"""
import os
import random
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy  # noqa: E402

from ikextract.status import classify as status_classify  # noqa: E402
from ikextract.status.evaluate import GOLD_DIR, gold_rows  # noqa: E402
from ikextract.status.rules import get_rules  # noqa: E402
from ikextract.status.train import read_labelled  # noqa: E402

GOAL_SECONDS = 5.0
ROUNDS = 3


@lru_cache(maxsize=1)
def _pieces() -> tuple[str, ...]:
    """The labelled sentences and the gold results the texts are made of (read once)."""
    pieces = [r.text for r in read_labelled()]
    if GOLD_DIR.is_dir():
        pieces += [row.result for _, row, _ in gold_rows() if row.result]
    return tuple(pieces)


def make_texts(n: int, seed: int = 0) -> list[str]:
    pieces = _pieces()
    rng = random.Random(seed)
    return [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(n)]


def main(n: int = 10_000) -> None:
    t0 = time.perf_counter()
    get_rules(), status_classify.get_textcat()
    load = time.perf_counter() - t0
    nlp = spacy.blank("sv")
    took, base, left = [], [], 0
    for seed in range(ROUNDS):
        texts = make_texts(n, seed)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        readings = status_classify.read_texts(texts)
        took.append(time.perf_counter() - t0)
        left = sum(r.by == "textcat" for r in readings)
    chars = sum(map(len, texts))
    median, median_base = statistics.median(took), statistics.median(base)
    print(f"texts: {n} per round, {chars / n:.0f} chars on average; model load {load:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("baseline (blank sv tokenizer only): " + ", ".join(f"{b:.2f}" for b in base) + " s")
    print("classify (rules + textcat):         " + ", ".join(f"{t:.2f}" for t in took) + " s")
    print(f"median {median:.2f} s = {n / median:,.0f} texts/s, {median / median_base:.1f}x "
          f"baseline; {left} of the last round's texts left to textcat")
    print("PASS" if median < GOAL_SECONDS else "FAIL", f"(goal: {n:,} texts in under "
          f"{GOAL_SECONDS:.0f} s on one core)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--without-freeze" in sys.argv:
        # what rules.settle_loaded's gc.freeze saves: run once with, once without
        from ikextract.status import rules, textcat
        rules.settle_loaded = textcat.settle_loaded = lambda: None
    main(int(args[0]) if args else 10_000)
