"""Speed of the status stage: 10,000 result texts classified on one core (goal: < 5 s).

    .venv/bin/python bench/status_speed.py [N]

Texts are made, seeded, from the labelled sentences and the gold results (1-4 sentences
each, like real result cells). Baseline in the same run: tokenising the same texts with a
blank Swedish pipeline, the least any spaCy-based classifier has to do.
"""
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy  # noqa: E402

from ikextract.status import classify_texts  # noqa: E402
from ikextract.status.classify import get_textcat  # noqa: E402
from ikextract.status.evaluate import GOLD_DIR, gold_rows  # noqa: E402
from ikextract.status.rules import get_rules  # noqa: E402
from ikextract.status.train import read_labelled  # noqa: E402


def make_texts(n: int, seed: int = 0) -> list[str]:
    pieces = [r.text for r in read_labelled()]
    if GOLD_DIR.is_dir():
        pieces += [row.result for _, row, _ in gold_rows() if row.result]
    rng = random.Random(seed)
    return [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(n)]


def main(n: int = 10_000) -> None:
    texts = make_texts(n)
    t0 = time.perf_counter()
    get_rules(), get_textcat()
    load = time.perf_counter() - t0

    nlp = spacy.blank("sv")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    decisions = classify_texts(texts)
    took = time.perf_counter() - t0
    by_textcat = sum(1 for d in decisions if d.confidence not in (0.95, 0.85, 0.75, 0.65, 0.55))
    chars = sum(map(len, texts))
    print(f"texts: {n}, {chars / n:.0f} chars on average; model load {load:.2f} s")
    print(f"baseline (blank sv tokenizer only): {baseline:.2f} s")
    print(f"classify_texts (rules + textcat):   {took:.2f} s  = {n / took:,.0f} texts/s, "
          f"{took / baseline:.1f}x baseline; about {by_textcat} left to textcat")
    print("PASS" if took < 5 else "FAIL", "(goal: 10,000 texts in under 5 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
