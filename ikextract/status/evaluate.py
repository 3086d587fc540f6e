"""Accuracy and confusion matrices on data the classifier never trained on: the held-out
sentences (train.is_held_out) and the gold rows of the seed reports (never training data)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from ..model import STATUS_CODES, ControlRow
from .classify import classify_texts, decide_rows, get_textcat
from .rules import get_rules
from .train import FRESH_HOLDOUT, read_labelled, split

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


def held_out_report(data: Optional[Path] = None, rows=None) -> dict:
    held = rows if rows is not None else split(read_labelled(data))[1]
    gold = [r.label for r in held]
    combined = [d.code for d in classify_texts([r.text for r in held])]
    out = {"n": len(held),
           "combined_accuracy": sum(g == p for g, p in zip(gold, combined)) / len(held),
           "combined_confusion": confusion_table(gold, combined),
           "misses": [(r.text, r.label, p) for r, p in zip(held, combined) if r.label != p]}
    nlp = get_textcat()
    if nlp is not None:
        rules = get_rules()
        docs = nlp.pipe([rules.norm_text(rules.make_doc(r.text)) for r in held])
        alone = [max(d.cats, key=d.cats.get) for d in docs]
        out["textcat_accuracy"] = sum(g == p for g, p in zip(gold, alone)) / len(held)
        out["textcat_confusion"] = confusion_table(gold, alone)
    return out


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


def print_report(data: Optional[Path] = None, gold_dir: Path = GOLD_DIR, echo=print) -> None:
    h = held_out_report(data)
    echo(f"held-out sentences: {h['n']} (never trained on)")
    echo(f"  rules + textcat accuracy: {h['combined_accuracy']:.3f}")
    echo(h["combined_confusion"])
    if "textcat_accuracy" in h:
        echo(f"  textcat alone accuracy:   {h['textcat_accuracy']:.3f}")
        echo(h["textcat_confusion"])
    for text, g, p in h["misses"]:
        echo(f"  miss: {g} -> {p}: {text}")
    if data is None and FRESH_HOLDOUT.is_file():
        f = held_out_report(rows=read_labelled(FRESH_HOLDOUT))
        echo(f"fresh hold-out ({FRESH_HOLDOUT.name}, written after tuning): {f['n']}")
        echo(f"  rules + textcat accuracy: {f['combined_accuracy']:.3f}")
        echo(f["combined_confusion"])
        if "textcat_accuracy" in f:
            echo(f"  textcat alone accuracy:   {f['textcat_accuracy']:.3f}")
        for text, g, p in f["misses"]:
            echo(f"  miss: {g} -> {p}: {text}")
    if Path(gold_dir).is_dir():
        g = gold_report(gold_dir)
        echo(f"gold rows of the seeds: {g['n']} (not training data)")
        echo(f"  within gold list: {g['within_gold_list']:.3f}")
        echo("  (rows: first gold code; columns: predicted)")
        echo(g["confusion"])
        for i, p, acc in g["misses"]:
            echo(f"  miss: {i} predicted {p}, gold {acc}")
