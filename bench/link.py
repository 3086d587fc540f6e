"""Per-report linking time against 100 and against 2,000 stored reports (synthetic rows).

    .venv/bin/python bench/link.py [--small 100] [--large 2000] [--new 40] [--repeat 3]

A synthetic archive: boards of ten yearly reports, 15 risk rows each, the risks reworded a
little from year to year (a word swapped, a framing word added, a number changed), as in
tests/fixtures/link. Each size is written as a processed folder (one Parquet file per report
in controls/ and reports/, as the store writes them), then:
- from_store: LinkIndex.from_store(DIR), once per batch;
- assign: the mean time of LinkIndex.assign over `--new` further reports (one more year of
  existing boards, spread over all boards), each on a fresh copy of the index;
- legacy: assign_risk_keys([report], store.known_controls(DIR)), the per-report call the
  runner made before LinkIndex: it reads every stored controls file again for each report.
Figures are CPU time (time.process_time) of this process, medians over --repeat runs,
printed per size with the ratio large / small. Goal: assign flat (ratio near 1).
"""
from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

ROWS_PER_REPORT = 15
YEARS_PER_BOARD = 10
FIRST_YEAR = 2015

FRAMING = ["Risk för", "Bristande", "Risk att", "Brister i", "Avsaknad av", ""]
TOPICS = ["attest av fakturor", "leverantörsbetalningar", "löneutbetalningar", "körkort vid anställning",
          "legitimation vid nyanställning", "avtalstrohet vid inköp", "delegationsbeslut",
          "representation", "brandskyddsarbete", "personuppgifter enligt GDPR",
          "registerutdrag vid rekrytering", "orosanmälningar", "läkemedelshantering",
          "genomförandeplaner", "social dokumentation", "hot och våld mot personal",
          "skolskjutsbeslut", "elevfrånvaro", "kränkande behandling", "specialkost",
          "ekonomiskt bistånd", "diarieföring", "krisberedskap", "IT-system", "arkivering",
          "mutor vid upphandling", "bisysslor", "jäv i myndighetsutövning", "kontanthantering",
          "inventarier", "fordonsbokning", "drivmedelskort", "telefoni", "kompetensförsörjning"]
EXTRAS = ["i verksamheten", "inom förvaltningen", "vid hembesök", "i hemtjänsten",
          "på skolorna", "enligt riktlinjerna", "i tid", "under året"]


def synthetic_reports(n_reports: int, seed: int = 1):
    from ikextract.model import ControlRow, Report, ReportMeta
    rng = random.Random(seed)
    n_boards = max(1, n_reports // YEARS_PER_BOARD)
    reports = []
    for b in range(n_boards):
        org = f"Nämnd {b:04d}"
        muni = f"Kommun {b % 50:02d}"
        topics = rng.sample(TOPICS, ROWS_PER_REPORT + 3)
        for y in range(YEARS_PER_BOARD + 1):         # the last year is the "new" one
            rows = []
            for i, topic in enumerate(topics[y % 3: y % 3 + ROWS_PER_REPORT]):
                risk = f"{rng.choice(FRAMING)} {topic}".strip()
                if rng.random() < 0.5:
                    risk += " " + rng.choice(EXTRAS)
                rows.append(ControlRow(area="Ekonomi", number=str(i + 1), process=topic.split()[0],
                                       risk=risk, control=f"Stickprov {rng.randint(5, 30)} ärenden",
                                       result="Inga avvikelser.", status="inga_avvikelser"))
            rid = f"{b:06d}{y:02d}".ljust(16, "0")
            reports.append(Report(rid, f"{org}/{y}.pdf", rid.ljust(64, "0"), "pdf",
                                  ReportMeta(title="Uppföljning", organisation=org,
                                             municipality=muni, year=FIRST_YEAR + y),
                                  None, rows))
    stored = [r for r in reports if r.meta.year < FIRST_YEAR + YEARS_PER_BOARD][:n_reports]
    new = [r for r in reports if r.meta.year == FIRST_YEAR + YEARS_PER_BOARD]
    return stored, new


def write_store(stored, out: Path) -> None:
    """Key the stored reports (one index, as a batch would) and write them as the store
    lays them out: one controls and one reports file per report."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ikextract.link import LinkIndex
    from ikextract.store import CONTROLS_SCHEMA, REPORTS_SCHEMA
    from ikextract.store.datasets import control_records, report_record
    index = LinkIndex()
    for name in ("controls", "reports"):
        (out / name).mkdir(parents=True, exist_ok=True)
    for rep in stored:
        index.assign(rep)
        for name, rows, schema in (("controls", control_records(rep), CONTROLS_SCHEMA),
                                   ("reports", [report_record(rep, "bench")], REPORTS_SCHEMA)):
            table = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows],
                                         schema=schema)
            pq.write_table(table, out / name / f"{rep.report_id}.parquet")


def measure(n_stored: int, n_new: int, repeat: int) -> dict:
    from ikextract.link import LinkIndex, assign_risk_keys
    from ikextract.store import known_controls
    stored, new = synthetic_reports(n_stored)
    step = max(1, len(new) // n_new)
    new = new[::step][:n_new]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_store(stored, out)
        legacy_n = max(1, n_new // 4)       # the old way is slow at 2,000: fewer reports
        from_store, assign, legacy = [], [], []
        for _ in range(repeat):
            t = time.process_time()
            index = LinkIndex.from_store(out)
            from_store.append(time.process_time() - t)
            reports = [copy.deepcopy(r) for r in new]
            t = time.process_time()
            for rep in reports:
                index.assign(rep)
            assign.append((time.process_time() - t) / len(reports))
            reports = [copy.deepcopy(r) for r in new[:legacy_n]]
            t = time.process_time()
            for rep in reports:
                assign_risk_keys([rep], known_controls(out))
            legacy.append((time.process_time() - t) / len(reports))
    return {"stored": len(stored), "rows": len(stored) * ROWS_PER_REPORT,
            "from_store": statistics.median(from_store), "assign": statistics.median(assign),
            "legacy": statistics.median(legacy)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=100)
    ap.add_argument("--large", type=int, default=2000)
    ap.add_argument("--new", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    results = [measure(n, args.new, args.repeat) for n in (args.small, args.large)]
    print(f"{'stored reports':>15} {'rows':>7} {'from_store s':>13} {'assign ms/report':>17} "
          f"{'legacy ms/report':>17}")
    for r in results:
        print(f"{r['stored']:>15} {r['rows']:>7} {r['from_store']:>13.3f} "
              f"{r['assign'] * 1000:>17.2f} {r['legacy'] * 1000:>17.2f}")
    small, large = results
    print(f"ratio {large['stored']}/{small['stored']}: assign "
          f"{large['assign'] / small['assign']:.2f}x, legacy {large['legacy'] / small['legacy']:.2f}x, "
          f"from_store (once per batch) {large['from_store'] / small['from_store']:.1f}x "
          f"(goal: assign flat, ~1x)")


if __name__ == "__main__":
    main()
