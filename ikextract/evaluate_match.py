"""Matching extracted rows to gold rows and scoring their agreement, field by field."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

from ikextract.model import ROW_FIELDS, TEXT_FIELDS

ALIGN_THRESHOLD = 0.5
FIELD_THRESHOLD = 0.95
META_FIELDS = ("title", "organisation", "municipality", "year", "period", "diarienummer")
QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"', "″": '"',
                        "’": "'", "‘": "'", "‚": "'", "´": "'", "`": "'"})
WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- text

def normalise(text) -> str:
    """NFC, quotes unified, whitespace collapsed (paragraph breaks included)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(QUOTES)
    return " ".join(text.split())


def similarity(a, b) -> float:
    """difflib ratio of two normalised texts; two empty texts are identical."""
    a, b = normalise(a), normalise(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _bag(row: dict) -> Counter:
    text = " ".join(normalise(row.get(f)) for f in TEXT_FIELDS).lower()
    return Counter(WORD.findall(text))


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


# ---------------------------------------------------------------- rows

def align(gold_rows: list[dict], rows: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, row index, score) pairs, best first, above ALIGN_THRESHOLD."""
    gold_bags = [_bag(g) for g in gold_rows]
    row_bags = [_bag(r) for r in rows]
    pairs = []
    for i, gb in enumerate(gold_bags):
        for j, rb in enumerate(row_bags):
            score = _dice(gb, rb)
            if score >= ALIGN_THRESHOLD:
                # Ties (rows printed twice) go to the pair closest in document order.
                pairs.append((-score, abs(i - j), i, j))
    used_g, used_r, out = set(), set(), []
    for neg, _, i, j in sorted(pairs):
        if i not in used_g and j not in used_r:
            used_g.add(i)
            used_r.add(j)
            out.append((i, j, -neg))
    return sorted(out)


def _as_int(v):
    try:
        return None if v is None or v == "" else int(v)
    except (TypeError, ValueError):
        return v


def field_agrees(name: str, gold, value) -> bool:
    if name == "risk_value":
        return _as_int(gold) == _as_int(value)
    if name == "follows_plan":
        return gold == value
    return similarity(gold, value) >= FIELD_THRESHOLD


def _extra_map(extra) -> dict[str, str]:
    """A row's extra as label -> text, from a dict (ControlRow) or a list of {label, text}
    (the stored column, the gold format)."""
    if not extra:
        return {}
    items = extra.items() if isinstance(extra, dict) else (
        (e.get("label"), e.get("text")) for e in extra)
    return {normalise(k): normalise(v) for k, v in items if normalise(v)}


def extra_agrees(gold_extra, extra) -> bool:
    return _extra_map(gold_extra) == _extra_map(extra)


def status_agrees(gold_status, status) -> bool:
    accepted = gold_status if isinstance(gold_status, (list, tuple)) else [gold_status]
    return status in accepted


def compare_rows(gold_rows: list[dict], rows: list[dict]) -> dict:
    """Compare one report's rows with its gold rows (dicts with the contract's field names).

    Returns counts, recall, precision, per-field agreement shares and agreeing counts,
    status agreement, the aligned pairs and the rows left over on each side.
    """
    pairs = align(gold_rows, rows)
    n = len(pairs)
    field_hits = {f: 0 for f in ROW_FIELDS}
    status_hits = 0
    extra_hits = extra_n = 0
    disagreements = []
    for i, j, _ in pairs:
        g, r = gold_rows[i], rows[j]
        if "extra" in g:
            extra_n += 1
            extra_hits += extra_agrees(g["extra"], r.get("extra"))
        for f in ROW_FIELDS:
            if field_agrees(f, g.get(f), r.get(f)):
                field_hits[f] += 1
            else:
                disagreements.append({"gold_seq": g.get("seq", i + 1), "seq": r.get("seq", j + 1),
                                      "field": f, "gold": g.get(f), "value": r.get(f)})
        status_hits += status_agrees(g.get("status"), r.get("status"))
    return {
        "n_gold": len(gold_rows),
        "n_rows": len(rows),
        "n_aligned": n,
        "recall": n / len(gold_rows) if gold_rows else 1.0,
        "precision": n / len(rows) if rows else (1.0 if not gold_rows else 0.0),
        "field_hits": field_hits,
        "fields": {f: (field_hits[f] / n if n else 0.0) for f in ROW_FIELDS},
        "status_hits": status_hits,
        "status": status_hits / n if n else 0.0,
        "extra_hits": extra_hits,
        "extra_n": extra_n,
        "extra_agreement": extra_hits / extra_n if extra_n else None,
        "pairs": pairs,
        "missing": [gold_rows[i].get("seq", i + 1) for i in range(len(gold_rows))
                    if i not in {p[0] for p in pairs}],
        "extra": [rows[j].get("seq", j + 1) for j in range(len(rows))
                  if j not in {p[1] for p in pairs}],
        "disagreements": disagreements,
    }


PARITY_THRESHOLD = 0.98


def compare_parity(rows_a: list[dict], rows_b: list[dict],
                   threshold: float = PARITY_THRESHOLD) -> list[str]:
    """Where two readings of one report (a DOCX and the PDF printed from it) differ, row by
    row in document order: every field and every extra text at least `threshold` similar,
    the same extra labels, typed values equal. Empty when they agree."""
    out = []
    if len(rows_a) != len(rows_b):
        out.append(f"{len(rows_a)} rows against {len(rows_b)}")
    for k, (a, b) in enumerate(zip(rows_a, rows_b), 1):
        for f in ROW_FIELDS:
            same = a.get(f) == b.get(f) if f in ("risk_value", "follows_plan") \
                else similarity(a.get(f), b.get(f)) >= threshold
            if not same:
                out.append(f"row {k} {f}: {a.get(f)!r:.80} against {b.get(f)!r:.80}")
        ea, eb = _extra_map(a.get("extra")), _extra_map(b.get("extra"))
        if list(ea) != list(eb) or any(similarity(ea[x], eb[x]) < threshold for x in ea):
            out.append(f"row {k} extra: {ea!r:.120} against {eb!r:.120}")
    return out


def compare_meta(gold_meta: dict, meta: dict) -> dict[str, bool]:
    out = {}
    for f in META_FIELDS:
        if f == "year":
            out[f] = _as_int(gold_meta.get(f)) == _as_int(meta.get(f))
        else:
            out[f] = normalise(gold_meta.get(f)) == normalise(meta.get(f))
    return out
