"""risk_key: one key for the rows about one risk, across the reports of one board.

Rows are compared only within one organisation and municipality. A row joins an existing key
when its signature (see signature.py) is close enough to a row already holding that key in
another report; each key takes at most one row of a report, so two rows of one report never
share a key. Keys are assigned greedily, best pairs first, and reports are taken in a fixed
order (board, year, period, report_id), so the result does not depend on the order files were
found in.

Threshold (LINK_THRESHOLD), calibrated on ../shared/gold (see tests/link/test_keys.py):
- the same report read as PDF and as DOCX (001/002): every row pair scores >= 0.90;
- different risks of one board in different years (003/004): <= 0.42;
- different risks inside one report (what a too-loose link would merge once one of them is
  dropped from a later plan): <= 0.63, except 000 rows 12/13 (0.74), where one NIS 2 risk
  text extends the other; best pairs first keeps them apart (each scores 1.0 with itself);
- usual year-to-year rewordings of one risk score 0.69-1.0 ("Avsaknad av kontroll av
  legitimation vid nyanställning" / "Bristande kontroll av legitimation vid nyanställningar"
  0.96, "Risk att medarbetare tar mutor eller bestickning vid upphandling" / "Risk för mutor
  och bestickning vid upphandlingar" 0.69).
0.66 sits between the two. A risk reworded more than that ("Brister i GDPR" / "Bristande
efterlevnad av GDPR", 0.50) starts a new key: a missed link shows in `ikextract trace`, a
false one would silently merge two histories.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import pyarrow as pa
import pyarrow.compute as pc

from ikextract.link.signature import (Signature, fold, signature, signature_text, similarity,
                                      tokens)
from ikextract.model import Report

LINK_THRESHOLD = 0.66
# The control text only orders candidates that tie on the signature (same risk printed twice).
CONTROL_WEIGHT = 0.1
CONTENT_SLUG_WORDS = 4
CONTENT_SLUG_CHARS = 40


@lru_cache(maxsize=4096)
def board(organisation: Optional[str], municipality: Optional[str]) -> tuple[str, str]:
    """The comparison group of a row: folded, whitespace-collapsed organisation and municipality."""
    def norm(s: Optional[str]) -> str:
        return " ".join(fold(s or "").split())
    return norm(organisation), norm(municipality)


def slug(text: Optional[str], max_chars: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text or "")).strip("-")
    return s[:max_chars].rstrip("-")


def content_slug(words: list[str]) -> str:
    """The first topic words, whole, within CONTENT_SLUG_CHARS."""
    out = ""
    for w in words[:CONTENT_SLUG_WORDS]:
        nxt = f"{out}-{slug(w)}" if out else slug(w)
        if len(nxt) > CONTENT_SLUG_CHARS:
            break
        out = nxt
    return out or slug(words[0], CONTENT_SLUG_CHARS) if words else "rad"


@dataclass
class _Member:
    report_id: str
    signature: Signature
    control: Signature


@dataclass
class _Cluster:
    key: str
    members: list[_Member] = field(default_factory=list)

    def score(self, sig: Signature, report_id: str) -> float:
        return max((similarity(sig, m.signature) for m in self.members
                    if m.report_id != report_id), default=0.0)

    def control_score(self, ctl: Signature, report_id: str) -> float:
        return max((similarity(ctl, m.control) for m in self.members
                    if m.report_id != report_id), default=0.0)


def _row_signature(process, risk, control) -> tuple[Signature, Signature]:
    return signature(signature_text(process, risk, control)), signature(control)


def _known_records(known, orgs: set[str]) -> list[dict]:
    """Stored rows whose folded organisation is in `orgs`, in a fixed order."""
    if known is None or known.num_rows == 0:
        return []
    cols = [c for c in ("risk_key", "organisation", "municipality", "year", "process", "risk",
                        "control", "report_id", "seq") if c in known.column_names]
    # Filter in Arrow first: a store holds many boards, a batch usually one or two.
    names = [o for o in pc.unique(known.column("organisation")).to_pylist()
             if board(o, None)[0] in orgs]
    known = known.filter(pc.is_in(known.column("organisation"), pa.array(names, pa.string())))
    records = known.select(cols).to_pylist()
    # The store's file order is not guaranteed: fix it so clusters are built the same way.
    records.sort(key=lambda r: (r.get("report_id") or "", r.get("seq") or 0, r.get("risk_key") or ""))
    return records


def _new_key(org: str, muni: str, sig: Signature, fallback: str, taken: set[str]) -> str:
    prefix = f"{slug(org, 30) or 'okand'}-{slug(muni, 30) or 'x'}-{content_slug(sig.words)}"
    seed = f"{org}|{muni}|{sig.norm}" if sig else f"{org}|{muni}|{fallback}"
    n = 0
    while True:
        digest = hashlib.sha1(f"{seed}#{n}".encode()).hexdigest()[:6] if n else \
            hashlib.sha1(seed.encode()).hexdigest()[:6]
        key = f"{prefix}-{digest}"
        if key not in taken:
            return key
        n += 1


def _report_order(report: Report) -> tuple:
    m = report.meta
    return (*board(m.organisation, m.municipality), m.year or 0, m.period or "", report.report_id)


def assign_risk_keys(reports: list[Report], known=None, threshold: float = LINK_THRESHOLD) -> None:
    """Set row.risk_key on every row of `reports` (in place).

    known: the rows already stored (a pyarrow Table with risk_key, organisation, municipality,
    year, process, risk, control, report_id, optionally seq), or None. A report that is
    stored already (same report_id) gets its old keys back where its rows are unchanged, so
    ingesting the same file again gives the same keys.
    """
    batch_ids = {r.report_id for r in reports}
    boards = {board(r.meta.organisation, r.meta.municipality) for r in reports}
    # Only rows of the batch's boards can be linked to: skip the rest before any text work.
    records = [rec for rec in _known_records(known, {b[0] for b in boards})
               if board(rec.get("organisation"), rec.get("municipality")) in boards]
    taken: set[str] = set()
    clusters: dict[tuple[str, str], dict[str, _Cluster]] = defaultdict(dict)
    # Old keys of reports in this batch, by exact signature text, in row order.
    previous: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if known is not None and "risk_key" in known.column_names:
        taken.update(k for k in known.column("risk_key").to_pylist() if k)
    for rec in records:
        key = rec.get("risk_key")
        if not key:
            continue
        sig, ctl = _row_signature(rec.get("process"), rec.get("risk"), rec.get("control"))
        if rec.get("report_id") in batch_ids:
            exact = signature_text(rec.get("process"), rec.get("risk"), rec.get("control"))
            previous[rec["report_id"]][exact].append(key)
            continue
        group = clusters[board(rec.get("organisation"), rec.get("municipality"))]
        group.setdefault(key, _Cluster(key)).members.append(
            _Member(rec.get("report_id") or "", sig, ctl))

    first_copy: dict[str, Report] = {}
    for report in sorted(reports, key=_report_order):
        copy_of = first_copy.setdefault(report.report_id, report)
        if copy_of is not report and len(copy_of.controls) == len(report.controls):
            # The same bytes under a second path: the store keeps one report, same keys.
            for row, twin in zip(report.controls, copy_of.controls):
                row.risk_key = twin.risk_key
            continue
        _assign_report(report, clusters, previous.get(report.report_id, {}), taken, threshold)


def _assign_report(report: Report, clusters, previous: dict[str, list[str]],
                   taken: set[str], threshold: float) -> None:
    org, muni = board(report.meta.organisation, report.meta.municipality)
    group = clusters[(org, muni)]
    rows = report.controls
    feats = [_row_signature(r.process, r.risk, r.control) for r in rows]
    keys: list[Optional[str]] = [None] * len(rows)
    used: set[str] = set()

    # 1. The same report stored before: give each unchanged row its old key back.
    for i, row in enumerate(rows):
        exact = signature_text(row.process, row.risk, row.control)
        queue = previous.get(exact)
        while queue:
            key = queue.pop(0)
            if key not in used:
                keys[i] = key
                used.add(key)
                break

    # 2. Rows of other reports of the same board: best pairs first, one row per key.
    candidates = []
    for i, (sig, ctl) in enumerate(feats):
        if keys[i] is not None or not sig:
            continue
        for key, cluster in group.items():
            if key in used:
                continue
            score = cluster.score(sig, report.report_id)
            if score >= threshold:
                tie = cluster.control_score(ctl, report.report_id) if ctl else 0.0
                candidates.append((-(score + CONTROL_WEIGHT * tie), i, key))
    for _, i, key in sorted(candidates):
        if keys[i] is None and key not in used:
            keys[i] = key
            used.add(key)

    # 3. Everything else is a risk seen for the first time.
    for i, (sig, ctl) in enumerate(feats):
        if keys[i] is None:
            keys[i] = _new_key(org, muni, sig, f"{report.report_id}:{i + 1}", taken)
            used.add(keys[i])
        taken.add(keys[i])
        rows[i].risk_key = keys[i]
        group.setdefault(keys[i], _Cluster(keys[i])).members.append(
            _Member(report.report_id, *feats[i]))


def risk_label(process: Optional[str], risk: Optional[str], control: Optional[str],
               max_chars: int = 120) -> str:
    """A readable name for a risk: its text without a letter prefix, shortened at a word."""
    text = signature_text(process, risk, control) if (risk or process or control) else ""
    text = re.sub(r"^\s*[a-zåäö]\)\s*", "", " ".join(text.split()), flags=re.IGNORECASE)
    if len(text) > max_chars:
        cut = text[:max_chars - 1]
        space = cut.rfind(" ")
        if space > max_chars // 2:
            cut = cut[:space]
        text = cut.rstrip(" ,;:.-") + "…"
    return text or "(utan text)"


__all__ = ["assign_risk_keys", "risk_label", "board", "slug", "LINK_THRESHOLD", "tokens"]
