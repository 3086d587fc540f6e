"""risk_key: one key for the rows about one risk, across the reports of one board.

The linking itself is LinkIndex (index.py); this module keeps the batch entry point the
pipeline has always called, the threshold and the readable label of a risk.

LINK_THRESHOLD (0.53), calibrated on tests/fixtures/link: 3 boards x 3-4 years, 99 rows, 36
risks reworded year to year, near misses such as "körkort" / "legitimation vid anställning"
and "leverantörsbetalningar" / "löneutbetalningar". Figures from
`python -m tests.fixtures.link.build --calibrate` (row_similarity of every pair of rows of
one board in two different reports):
- same risk (99 pairs, any two years): median 0.88, 5th percentile 0.57, lowest 0.55
  ("Ofullständig social dokumentation i personakter" / "Risk för bristande social
  dokumentation i verksamhetssystemet");
- different risks (1163 pairs): 99th percentile 0.45, highest 0.49 ("Bristande kontroll av
  körkort vid anställning" / "Avsaknad av kontroll av legitimation vid nyanställning"), but
  one at 0.57 ("Bristande återrapportering av delegationsbeslut" / "Beslut fattas utan
  giltig delegation"), which the one-to-one assignment keeps apart because both risks are
  in the same reports;
- pairwise precision / recall of the keys: 1.00 / 1.00 at 0.45-0.55, 1.00 / 0.96 at 0.60,
  1.00 / 0.88 at 0.65.
0.53 sits between the lowest same-risk pair and the near misses. Every same-risk pair, not
only the adjacent years, clearing the threshold is what makes the grouping independent of
the order reports arrive in (see index.py). A missed link shows in `ikextract trace`; a
false one would silently merge two histories. On ../shared/gold every same-risk pair scores
>= 0.9 and different risks of one board in different reports < 0.5
(tests/link/test_keys.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ikextract.link.index import DEFAULT_THRESHOLD, LinkIndex, norm, slug
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
