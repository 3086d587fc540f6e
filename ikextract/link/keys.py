"""risk_key: one key for the rows about one risk, across the reports of one board.

The linking itself is LinkIndex (index.py); this module keeps the batch entry point the
pipeline has always called, the threshold and the readable label of a risk.

LINK_THRESHOLD (0.50), calibrated on tests/fixtures/link/build.py: 3 boards x 3-4 years, 99
rows, 36 risks reworded year to year, near misses such as "körkort" / "legitimation vid
anställning" and "leverantörsbetalningar" / "löneutbetalningar". Figures from
`python -m tests.fixtures.link.build --calibrate` (row_similarity of every pair of rows of
one board in two different reports):
- same risk (99 pairs, any two years): median 0.88, 5th percentile 0.59, lowest 0.55
  ("Ofullständig social dokumentation i personakter" / "Risk för bristande social
  dokumentation i verksamhetssystemet");
- different risks (1163 pairs): 99th percentile 0.46; highest 0.49 but two pairs of the
  delegation risks ("Bristande återrapportering av delegationsbeslut" / "Beslut fattas utan
  giltig delegation" 0.62, "Delegerade beslut återrapporteras inte" / the same 0.52), kept
  apart by the one-to-one assignment while both risks are in a report;
- pairwise precision / recall of the keys: 1.00 / 1.00 from 0.45 to 0.60, 1.00 / 0.95 at
  0.65; with any one row removed (99 runs, so a near miss loses its true match) one run
  links falsely (the 0.62 pair), worst precision 0.97.
Two held-out sets, 3 boards x 3 years each, with harder paraphrases ("svinn i kassan" /
"kontanthantering", "olämpliga ställföreträdare förordnas" / "lämplighetsprövning"):
- holdout.py (46 rows, 17 risks), written after the tuning set was fixed: recall 0.61 at
  first run; 0.78 after general word-form fixes and vocabulary made while looking at it;
- fresh.py (41 rows, 15 risks), written after those: recall 0.73 at its first run; 0.86
  after four word-form rules and framing weights made while looking at it;
precision 1.00 on both throughout (different risks score at most 0.43 and 0.26). So expect
about three quarters of real rewordings to link on first sight of a new board's style: the
vocabulary (synonyms.tsv, weights.tsv, compounds.tsv) is meant to grow. 0.50 keeps the
tuning set's near misses but the two delegation pairs below the threshold at no cost in
held-out recall. Without any Swedish word list (words.WORD_LISTS) fewer compounds split
(tuning 1.00 / 0.98, holdout recall 0.56, fresh 0.68). A missed link shows in `ikextract
trace`; a false one would silently merge two histories, so the threshold leans to precision.

Order: when every pair of a risk's rows clears the threshold, the grouping does not depend
on the order reports arrive in (20 shuffles of the tuning set: one grouping). Where one
year's wording is close only to its neighbours, a middle year arriving last may find two
keys already made and join one of them (holdout.py: 8 of 20 shuffles give another grouping
than the chronological one).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ikextract.link.board import norm, slug
from ikextract.link.index import DEFAULT_THRESHOLD, LinkIndex
from ikextract.link.similarity import main_text
from ikextract.model import Report

LINK_THRESHOLD = DEFAULT_THRESHOLD


@lru_cache(maxsize=4096)
def board(organisation: Optional[str], municipality: Optional[str]) -> tuple[str, str]:
    """The comparison group of a row: folded, whitespace-collapsed organisation and municipality."""
    return norm(organisation), norm(municipality)


def _report_order(report: Report) -> tuple:
    m = report.meta
    return (*board(m.organisation, m.municipality), m.year or 0, m.period or "", report.report_id)


def assign_risk_keys(reports: list[Report], known=None, threshold: float = LINK_THRESHOLD) -> None:
    """Set row.risk_key on every row of `reports` (in place). Kept for pipeline.ingest, which
    calls it once per report; a batch should use LinkIndex instead (same keys, read once):

        index = LinkIndex.from_store(out_dir)      # before the first report of the batch
        index.assign(report)                       # per report, replaces
                                                   #   assign_risk_keys([report], known_controls(out))
        index.forget(old_report_id)                # when write_report replaced a report

    known: the rows already stored (a pyarrow Table with risk_key, organisation, municipality,
    year, process, risk, control, report_id, seq; area, number, result, comment used when
    present), or None. Only rows of the batch's organisations are read. A report already
    stored (same report_id) gets its old keys back where its rows are unchanged. Reports of a
    batch are linked in a fixed order (board, year, period, report_id); identical copies
    (same report_id twice) get identical keys.
    """
    orgs = {norm(r.meta.organisation) for r in reports}
    if known is not None and known.num_rows and "organisation" in known.column_names:
        import pyarrow as pa
        import pyarrow.compute as pc
        names = [o for o in pc.unique(known.column("organisation")).to_pylist() if norm(o) in orgs]
        known = known.filter(pc.is_in(known.column("organisation"), pa.array(names, pa.string())))
    index = LinkIndex.from_table(known, threshold, orgs)
    first_copy: dict[str, Report] = {}
    for report in sorted(reports, key=_report_order):
        copy_of = first_copy.setdefault(report.report_id, report)
        if copy_of is not report and len(copy_of.controls) == len(report.controls):
            # The same bytes under a second path: the store keeps one report, same keys.
            for row, twin in zip(report.controls, copy_of.controls):
                row.risk_key = twin.risk_key
            continue
        index.assign(report)


def risk_label(process: Optional[str], risk: Optional[str], control: Optional[str],
               max_chars: int = 120) -> str:
    """A readable name for a risk: its text without a letter prefix, shortened at a word."""
    text = main_text(process, risk, control) if (risk or process or control) else ""
    text = re.sub(r"^\s*[a-zåäö]\)\s*", "", " ".join(text.split()), flags=re.IGNORECASE)
    if len(text) > max_chars:
        cut = text[:max_chars - 1]
        space = cut.rfind(" ")
        if space > max_chars // 2:
            cut = cut[:space]
        text = cut.rstrip(" ,;:.-") + "…"
    return text or "(utan text)"


__all__ = ["assign_risk_keys", "risk_label", "board", "slug", "LINK_THRESHOLD", "LinkIndex"]
