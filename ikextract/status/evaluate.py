"""Figures on data the classifier never trained on: the dev split tuned on (train.dev_rows),
the independent held-out set (data/heldout_independent.tsv, never trained or tuned on) and the
gold rows of the seed reports: accuracy, per-code precision and recall, the confusion matrix,
precision of inga_avvikelser and the calibration table."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from ..model import STATUS_CODES, ControlRow
from .classify import classify_texts, decide_rows
from .train import (INDEPENDENT_HELDOUT, Labelled, dev_rows, read_labelled,
                    read_labelled_file, split)

GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
SHORT = {"inga_avvikelser": "inga", "mindre_avvikelser": "mindre", "avvikelser": "avv",
         "pagar": "pagar", "ej_paborjad": "ej_pab", "ej_utford": "ej_utf", "okand": "okand"}


def confusion_table(gold: Sequence[str], predicted: Sequence[str]) -> str:
    counts = Counter(zip(gold, predicted))
    head = "gold \\ pred".ljust(12) + "".join(SHORT[c].rjust(8) for c in STATUS_CODES)
    lines = [head]
    for g in STATUS_CODES:
        lines.append(SHORT[g].ljust(12) + "".join(str(counts.get((g, p), 0) or ".").rjust(8)
                                                  for p in STATUS_CODES))
    return "\n".join(lines)


CALIBRATION_BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))


@dataclass
class Metrics:
    n: int
    accuracy: float
    per_code: dict            # code -> (precision, recall, n predicted, n gold)
    confusion: str
    clear_precision: float    # precision of inga_avvikelser: 1 - share of false all-clears
    false_all_clear: int
    calibration: list         # (lo, hi, n, accuracy)
    at_least_90: tuple        # (n, accuracy) of rows at confidence >= 0.9
    by_family: dict           # family -> (n, accuracy)
    by_kind: dict             # kind of evidence -> (n, accuracy, mean confidence)
    misses: list              # (text, label, acceptable, predicted, confidence)


def evaluate_rows(rows: Sequence[Labelled]) -> Metrics:
    """Rules + classifier on labelled texts. A prediction is right when it is the row's code
    or one of its acceptable codes; a right prediction counts as its own gold code in the
    confusion matrix and the per-code figures."""
    decisions = classify_texts([r.text for r in rows])
    predicted = [d.code for d in decisions]
    right = [r.accepts(p) for r, p in zip(rows, predicted)]
    gold = [p if ok else r.label for r, p, ok in zip(rows, predicted, right)]
    per_code = {}
    for c in STATUS_CODES:
        n_pred = sum(p == c for p in predicted)
        n_gold = sum(g == c for g in gold)
        hits = sum(p == c and g == c for p, g in zip(predicted, gold))
        per_code[c] = (hits / n_pred if n_pred else float("nan"),
                       hits / n_gold if n_gold else float("nan"), n_pred, n_gold)
    calibration = []
    for lo, hi in CALIBRATION_BINS:
        idx = [i for i, d in enumerate(decisions) if lo <= d.confidence < hi]
        calibration.append((lo, min(hi, 1.0), len(idx),
                            sum(right[i] for i in idx) / len(idx) if idx else float("nan")))
    top = [i for i, d in enumerate(decisions) if d.confidence >= 0.9]
    families: dict = {}
    for r, ok in zip(rows, right):
        fam = (r.family or "-").split("+")[0]
        n, k = families.get(fam, (0, 0))
        families[fam] = (n + 1, k + ok)
    kinds: dict = {}
    for d, ok in zip(decisions, right):
        n, k, c = kinds.get(d.kind or "-", (0, 0, 0.0))
        kinds[d.kind or "-"] = (n + 1, k + ok, c + d.confidence)
    n_clear = per_code["inga_avvikelser"][2]
    false_clear = sum(p == "inga_avvikelser" and not ok for p, ok in zip(predicted, right))
    return Metrics(
        n=len(rows), accuracy=sum(right) / len(rows) if rows else float("nan"),
        per_code=per_code, confusion=confusion_table(gold, predicted),
        clear_precision=(n_clear - false_clear) / n_clear if n_clear else float("nan"),
        false_all_clear=false_clear, calibration=calibration,
        at_least_90=(len(top), sum(right[i] for i in top) / len(top) if top else float("nan")),
        by_family={f: (n, k / n) for f, (n, k) in sorted(families.items())},
        by_kind={f: (n, k / n, c / n) for f, (n, k, c) in sorted(kinds.items())},
        misses=[(r.text, r.label, r.acceptable, d.code, d.confidence)
                for r, d, ok in zip(rows, decisions, right) if not ok])


def format_metrics(title: str, m: Metrics, *, misses: bool = False,
                   families: bool = True) -> list[str]:
    lines = [f"== {title}: {m.n} texts",
             f"accuracy (code or acceptable): {m.accuracy:.3f}",
             f"precision of inga_avvikelser:  {m.clear_precision:.3f}  "
             f"(false all-clears: {m.false_all_clear})",
             "", "per code         precision  recall   predicted  gold"]
    for c, (p, r, n_pred, n_gold) in m.per_code.items():
        lines.append(f"  {c:<17} {p:>7.3f}  {r:>7.3f}  {n_pred:>8}  {n_gold:>5}")
    lines += ["", "confusion (rows: gold, a right answer counted as its own code; columns: "
                  "predicted)", m.confusion, "", "calibration   confidence    n    right"]
    for lo, hi, n, acc in m.calibration:
        lines.append(f"  [{lo:.2f}, {hi:.2f}{']' if hi >= 1.0 else ')'}  {n:>8}  {acc:>7.3f}")
    n90, acc90 = m.at_least_90
    lines.append(f"  >= 0.90       {n90:>8}  {acc90:>7.3f}  "
                 + ("(goal >= 0.97: met)" if acc90 >= 0.97 else "(goal >= 0.97: NOT met)"))
    lines += ["", "calibration by kind of evidence (calibrate.py; table: "
                  "ikextract/status/calibration.tsv)", "  kind           n    right  mean confidence"]
    for f, (n, acc, conf) in m.by_kind.items():
        lines.append(f"  {f:<10} {n:>5}  {acc:>7.3f}  {conf:>7.3f}")
    if families:
        lines += ["", "by family      n    right"]
        for f, (n, acc) in m.by_family.items():
            lines.append(f"  {f:<28} {n:>5}  {acc:.3f}")
    if misses:
        lines += ["", "misses (gold [acceptable] -> predicted confidence: text)"]
        for text, g, acc, p, conf in m.misses:
            extra = f" [{'|'.join(acc)}]" if acc else ""
            lines.append(f"  {g}{extra} -> {p} {conf:.2f}: {text}")
    return lines


def held_out_report(data: Optional[Path] = None, rows=None) -> dict:
    held = rows if rows is not None else split(read_labelled(data))[1]
    m = evaluate_rows(held)
    return {"n": m.n, "combined_accuracy": m.accuracy, "combined_confusion": m.confusion,
            "misses": [(t, g, p) for t, g, _, p, _ in m.misses]}


def gold_rows(gold_dir: Path = GOLD_DIR) -> list[tuple[str, ControlRow, list[str]]]:
    """(id, row built from the gold fields, accepted codes) for every gold row."""
    out = []
    for f in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        for c in data["controls"]:
            row = ControlRow(result=c.get("result"), comment=c.get("comment"),
                             follows_plan=c.get("follows_plan"))
            accepted = c["status"] if isinstance(c["status"], list) else [c["status"]]
            out.append((f"{f.name[:3]}:{c['seq']}", row, accepted))
    return out


def gold_report(gold_dir: Path = GOLD_DIR) -> dict:
    items = gold_rows(gold_dir)
    decisions = decide_rows([row for _, row, _ in items])
    first = [acc[0] for _, _, acc in items]
    # A prediction inside the accepted list counts as its gold code for the matrix.
    predicted = [d.code for d in decisions]
    as_gold = [p if p in acc else acc[0] for p, (_, _, acc) in zip(predicted, items)]
    within = sum(p in acc for p, (_, _, acc) in zip(predicted, items))
    return {"n": len(items), "within_gold_list": within / len(items) if items else None,
            "confusion": confusion_table(first, [p if p in acc else p for p, (_, _, acc)
                                                 in zip(predicted, items)]),
            "misses": [(i, p, acc) for p, (i, _, acc) in zip(predicted, items) if p not in acc],
            "_as_gold": as_gold}


def print_report(data: Optional[Path] = None, gold_dir: Path = GOLD_DIR, echo=print, *,
                 heldout: bool = False, misses: bool = True,
                 heldout_file: Optional[Path] = None) -> None:
    """--heldout: the independent held-out set only (the figures the closing note quotes);
    otherwise the dev split tuned on and the gold rows of the seeds."""
    if heldout:
        # one file, or several measured as one set (heldout_v6a.tsv + heldout_v6b.tsv)
        given = heldout_file if isinstance(heldout_file, (list, tuple)) else [heldout_file]
        paths = [Path(p) for p in given if p is not None] or [INDEPENDENT_HELDOUT]
        rows = []
        for path in paths:
            if not path.is_file():
                raise SystemExit(f"no {path}")
            rows += read_labelled_file(path)
        for line in format_metrics(f"independent held-out ({' + '.join(p.name for p in paths)})",
                                   evaluate_rows(rows), misses=misses):
            echo(line)
        return
    rows = split(read_labelled(data))[1] if data else dev_rows()
    for line in format_metrics("dev split (hash-held-out fifth + fresh_holdout.tsv)",
                               evaluate_rows(rows), misses=misses):
        echo(line)
    if Path(gold_dir).is_dir():
        g = gold_report(gold_dir)
        echo("")
        echo(f"== gold rows of the seeds: {g['n']} (not training data)")
        echo(f"within gold list: {g['within_gold_list']:.3f}")
        echo("(rows: first gold code; columns: predicted)")
        echo(g["confusion"])
        for i, p, acc in g["misses"]:
            echo(f"  miss: {i} predicted {p}, gold {acc}")
