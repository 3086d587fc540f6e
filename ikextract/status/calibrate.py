"""Calibration of the status confidence: what a reading's raw confidence means, per kind of
evidence, as the share of such readings that were right on development data.

    .venv/bin/python bench/status_calibrate.py      # rewrites calibration.tsv

Kinds: how the text was read (rules, a labelled value, the classifier, the all-clear guard,
nothing) x the code x the raw confidence bin. Each bin's confidence is a lower bound of its
share right (Wilson, one-sided z=1.645) so a small or lucky bin does not claim more than the
data shows, shrunk towards its parent (kind and code, then kind) where it has few rows (and given the
parent's value where it has few rows and does no worse than the parent); the
stage never raises a raw confidence, only lowers it. The development data: the dev split (the
hash-held-out fifth of every training file and fresh_holdout.tsv, none of it trained on;
the rules were tuned on it). The burned held-out sets of seven independent writers train, so
their dev fifth is the nearest this data comes to what the stage will meet; the held-out sets
not yet measured are never read.

    .venv/bin/python bench/status_calibrate.py      # rewrites calibration.tsv, prints it
"""
from __future__ import annotations

import csv
import math
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .vocabulary import HERE

CALIBRATION_FILE = HERE / "calibration.tsv"
RAW_BINS = (0.0, 0.6, 0.7, 0.8, 0.9, 0.95)   # lower edges
Z = 1.645
PRIOR_WEIGHT = 10      # rows of the parent's share a bin starts from
MIN_ROWS = 5
FEW_ROWS = 30          # a bin this small that does as well as its parent keeps the parent's value


def raw_bin(confidence: float) -> float:
    return max(lo for lo in RAW_BINS if confidence >= lo - 1e-9) if confidence >= 0 else 0.0


def key(by: str, code: str, confidence: float) -> str:
    return f"{by}:{code}:{raw_bin(confidence):.2f}"


def wilson_lower(k: float, n: float, z: float = Z) -> float:
    if n <= 0:
        return 0.0
    p = k / n
    d = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - margin) / d)


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    if not CALIBRATION_FILE.is_file():
        return {}
    with open(CALIBRATION_FILE, encoding="utf-8", newline="") as fh:
        return {r["kind"]: float(r["confidence"])
                for r in csv.DictReader(fh, delimiter="\t") if r["confidence"]}


def calibrated(by: str, code: str, confidence: float) -> float:
    """The confidence a reading of this kind earns: the table's value for its bin, or for
    its parent kind, never above the raw confidence."""
    t = table()
    if not t:
        return confidence
    for k in (key(by, code, confidence), f"{by}:{code}", by):
        if k in t:
            return round(min(confidence, t[k]), 3)
    return confidence


def fit(readings: list[tuple[str, str, float, bool]]) -> list[dict]:
    """readings: (by, code, raw confidence, right). Rows of the table, coarse to fine."""
    groups: dict[str, list[int]] = {}
    for by, code, conf, right in readings:
        for k in (by, f"{by}:{code}", key(by, code, conf)):
            n, r = groups.get(k, (0, 0))
            groups[k] = [n + 1, r + bool(right)]
    rows, values = [], {}
    for k in sorted(groups, key=lambda s: (s.count(":"), s)):
        n, r = groups[k]
        parent = k.rsplit(":", 1)[0] if ":" in k else None
        prior = groups.get(parent) if parent else None
        # shrink a small bin towards its parent's share
        if prior:
            share = prior[1] / prior[0]
            k_eff, n_eff = r + PRIOR_WEIGHT * share, n + PRIOR_WEIGHT
        else:
            k_eff, n_eff = r, n
        value = wilson_lower(k_eff, n_eff) if n >= MIN_ROWS or prior else None
        if (value is not None and prior and n < FEW_ROWS and values.get(parent) is not None
                and r / n >= prior[1] / prior[0]):
            # too few rows to say more than the parent does, and no worse than it
            value = max(value, values[parent])
        values[k] = value
        rows.append({"kind": k, "n": n, "right": r,
                     "share": f"{r / n:.3f}",
                     "confidence": f"{value:.3f}" if value is not None else ""})
    return rows


def development_readings() -> list[tuple[str, str, float, bool]]:
    from .classify import read_texts
    from .train import dev_rows
    rows = dev_rows()
    readings = read_texts([r.text for r in rows], calibrate=False)
    return [(x.by, x.code, x.confidence, r.accepts(x.code)) for r, x in zip(rows, readings)]


def write(path: Path = CALIBRATION_FILE) -> list[dict]:
    rows = fit(development_readings())
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["kind", "n", "right", "share", "confidence"],
                           delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    table.cache_clear()
    return rows

