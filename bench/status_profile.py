"""Where the status stage spends its time: a sampling profile (every millisecond of CPU, each
ikextract function on the stack counted once: inclusive shares) over texts made as in
status_speed.py, after a warm-up round; the time per text by its length in words; and the
time the cyclic garbage collector takes in a batch of 10,000 (gc.callbacks), by generation.

    .venv/bin/python bench/status_profile.py [N]
"""
import collections
import os
import signal
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.status_speed import make_texts  # noqa: E402
from ikextract.status.reading import read_texts  # noqa: E402

SHOWN = 30


def sample(texts: list[str]) -> tuple[int, collections.Counter]:
    inclusive: collections.Counter = collections.Counter()
    total = [0]

    def on_tick(_sig, frame):
        total[0] += 1
        seen = set()
        while frame is not None:
            name = f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}"
            if "/ikextract/" in frame.f_code.co_filename and name not in seen:
                inclusive[name] += 1
                seen.add(name)
            frame = frame.f_back

    signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    try:
        read_texts(texts)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
    return total[0], inclusive


def per_word(texts: list[str]) -> tuple[float, float]:
    """Seconds per word and per text, from one batch of short and one of long texts."""
    short = [t for t in texts if len(t.split()) <= 15]
    long_ = [t for t in texts if len(t.split()) >= 30]
    took = []
    for batch in (short, long_):
        t0 = time.process_time()
        read_texts(batch)
        took.append((time.process_time() - t0, sum(len(t.split()) for t in batch), len(batch)))
    (s_t, s_w, s_n), (l_t, l_w, l_n) = took
    # time = a * words + b * texts, from the two batches
    det = s_w * l_n - l_w * s_n
    a = (s_t * l_n - l_t * s_n) / det
    b = (s_w * l_t - l_w * s_t) / det
    return a, b


def collector_time(texts: list[str]) -> tuple[float, float, dict]:
    """(seconds of the batch, seconds in the cyclic collector, {generation: collections})."""
    import gc
    spent, counts, started = [0.0], collections.Counter(), [0.0]

    def on_collect(phase, info):
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]
            counts[info["generation"]] += 1

    gc.callbacks.append(on_collect)
    try:
        t0 = time.perf_counter()
        read_texts(texts)
        took = time.perf_counter() - t0
    finally:
        gc.callbacks.remove(on_collect)
    return took, spent[0], dict(sorted(counts.items()))


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    read_texts(make_texts(3000, 0))               # warm: the models and the kept answers
    total, inclusive = sample(make_texts(n, 2))
    print(f"{total} samples of 1 ms CPU over {n} texts; share of time in (inclusive):")
    for name, count in inclusive.most_common(SHOWN):
        print(f"  {count / total:6.1%}  {name}")
    a, b = per_word(make_texts(n, 3))
    print(f"time per word {a * 1e6:.0f} µs, per text besides {b * 1e3:.2f} ms")
    took, in_gc, counts = collector_time(make_texts(10_000, 4))
    print(f"cyclic collector: {in_gc:.2f} s of {took:.2f} s ({in_gc / took:.1%}); "
          f"collections by generation {counts}")
