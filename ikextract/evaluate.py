"""Agreement of a processed folder with hand-annotated reports (../shared/gold format).

    ikextract eval data/processed ../shared/gold [--json]

Each gold file is matched to the processed reports made from its source: a report whose
source file name starts with the gold file's stem ("003_977ef8c6729c1ad8__seed.docx" for
"003_977ef8c6729c1ad8.json") or whose stem is the stem of the gold `source`. Every match (a
report may exist as PDF, DOCX and scan variants) is evaluated on its own.

Rows are aligned by text, not position: the word-bag Dice similarity of all text fields,
best pairs first, one-to-one, above ALIGN_THRESHOLD. Then, per report and overall:
- row recall (aligned / gold rows) and precision (aligned / extracted rows);
- per field, the share of aligned rows whose field agrees with gold: text similarity
  >= FIELD_THRESHOLD after normalisation (NFC, whitespace collapsed, quotes unified), both
  empty counting as agreement; risk_value and follows_plan must be equal;
- status agreement: the row's status is one of the gold row's acceptable codes;
- extra agreement, where gold lists a row's `extra` (label, text) pairs: the same labels with
  the same texts (after normalisation), in any order;
- metadata agreement: title, organisation, municipality, year, period, diarienummer equal
  after normalisation;
- risk-link agreement over pairs of aligned rows from different reports of one organisation:
  same risk_group in gold <-> same risk_key in the data.
"""
from __future__ import annotations

import itertools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional, Union

import click

from ikextract.model import ROW_FIELDS, ControlRow, Report, ReportMeta
# The matching library lives in evaluate_match; its names stay importable from here.
from ikextract.evaluate_match import (  # noqa: F401
    ALIGN_THRESHOLD, FIELD_THRESHOLD, META_FIELDS, PARITY_THRESHOLD, QUOTES, WORD, _as_int, _bag,
    _dice, _extra_map, align, compare_meta, compare_parity, compare_rows, extra_agrees,
    field_agrees, normalise, similarity, status_agrees)

PathLike = Union[str, Path]


# ---------------------------------------------------------------- gold files

def load_gold(path: PathLike) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def gold_paths(paths: list[PathLike]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return out


def gold_report(path: PathLike, report_id: Optional[str] = None,
                source_path: Optional[str] = None, source_format: str = "pdf") -> Report:
    """A Report holding a gold file's rows as a perfect extractor would give them.

    Each row's first acceptable status is taken; risk_key is left unset. Handy for tests of
    the later stages (link, store, audit) without running the readers.
    """
    gold = load_gold(path)
    stem = Path(path).stem
    rid = report_id or (stem.split("_", 1)[1][:16] if "_" in stem else stem)[:16]
    rows = []
    for g in gold["controls"]:
        row = ControlRow(**{f: g.get(f) for f in ROW_FIELDS})
        status = g.get("status")
        row.status = status[0] if isinstance(status, list) else (status or "okand")
        row.status_confidence = 1.0
        rows.append(row)
    meta = ReportMeta(**{f: gold["report"].get(f) for f in META_FIELDS})
    return Report(report_id=rid, source_path=source_path or f"{stem}.{source_format}",
                  source_sha256=rid.ljust(64, "0"), source_format=source_format, meta=meta,
                  page_count=None, controls=rows)


def matches_gold(source_path: str, gold_file: Path, gold: dict) -> bool:
    name = Path(source_path).name
    source_stem = Path(gold.get("source") or "").stem
    doc_id = gold.get("doc_id") or ""
    stem = Path(source_path).stem
    return (name.startswith(gold_file.stem) or (bool(source_stem) and stem == source_stem)
            or (bool(doc_id) and (stem == doc_id or stem.startswith(doc_id + "__"))))


# ---------------------------------------------------------------- whole folder

@dataclass
class ReportEval:
    gold_file: str
    report_id: str
    source_path: str
    n_gold: int
    n_rows: int
    n_aligned: int
    recall: float
    precision: float
    fields: dict[str, float]
    status: float
    metadata: dict[str, bool]
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    field_hits: dict[str, int] = field(default_factory=dict)
    status_hits: int = 0
    extra_hits: int = 0
    extra_n: int = 0             # aligned rows whose gold lists their extra


@dataclass
class LinkEval:
    pairs: int = 0               # aligned row pairs, different reports, one organisation
    agree: int = 0               # same group <-> same key
    gold_linked: int = 0         # pairs gold puts in one risk_group
    keyed_linked: int = 0        # pairs sharing a risk_key
    both_linked: int = 0         # pairs linked in gold and here

    @property
    def agreement(self) -> float:
        return self.agree / self.pairs if self.pairs else 1.0

    @property
    def recall(self) -> float:
        return self.both_linked / self.gold_linked if self.gold_linked else 1.0

    @property
    def precision(self) -> float:
        return self.both_linked / self.keyed_linked if self.keyed_linked else 1.0


@dataclass
class EvalResult:
    reports: list[ReportEval]
    unmatched_gold: list[str]
    links: LinkEval

    @property
    def n_gold(self) -> int:
        return sum(r.n_gold for r in self.reports)

    @property
    def n_rows(self) -> int:
        return sum(r.n_rows for r in self.reports)

    @property
    def n_aligned(self) -> int:
        return sum(r.n_aligned for r in self.reports)

    @property
    def recall(self) -> float:
        return self.n_aligned / self.n_gold if self.n_gold else 0.0

    @property
    def precision(self) -> float:
        return self.n_aligned / self.n_rows if self.n_rows else 0.0

    @property
    def fields(self) -> dict[str, float]:
        n = self.n_aligned
        return {f: (sum(r.field_hits.get(f, 0) for r in self.reports) / n if n else 0.0)
                for f in ROW_FIELDS}

    @property
    def status(self) -> float:
        n = self.n_aligned
        return sum(r.status_hits for r in self.reports) / n if n else 0.0

    @property
    def extra_agreement(self) -> Optional[float]:
        n = sum(r.extra_n for r in self.reports)
        return sum(r.extra_hits for r in self.reports) / n if n else None

    @property
    def metadata(self) -> dict[str, float]:
        n = len(self.reports)
        return {f: (sum(r.metadata[f] for r in self.reports) / n if n else 0.0)
                for f in META_FIELDS}

    def to_dict(self) -> dict:
        return {
            "overall": {
                "n_gold": self.n_gold, "n_rows": self.n_rows, "n_aligned": self.n_aligned,
                "recall": self.recall, "precision": self.precision, "fields": self.fields,
                "status": self.status, "extra_agreement": self.extra_agreement, "metadata": self.metadata,
                "links": {**asdict(self.links), "agreement": self.links.agreement,
                          "recall": self.links.recall, "precision": self.links.precision},
            },
            "reports": [asdict(r) for r in self.reports],
            "unmatched_gold": self.unmatched_gold,
        }


def evaluate(processed_dir: PathLike, gold_files: list[PathLike]) -> EvalResult:
    from ikextract.store import read_dataset   # keeps `ikextract eval --help` light

    reports = read_dataset(processed_dir, "reports").to_pylist()
    controls = read_dataset(processed_dir, "controls").to_pylist()
    rows_by_report: dict[str, list[dict]] = {}
    for c in sorted(controls, key=lambda c: (c["report_id"], c["seq"])):
        rows_by_report.setdefault(c["report_id"], []).append(c)

    results, unmatched = [], []
    # For links: (organisation, report_id, risk_group, risk_key) of every aligned row.
    linked: list[tuple[str, str, str, str]] = []
    for gf in gold_paths(gold_files):
        gold = load_gold(gf)
        matched = sorted((r for r in reports if matches_gold(r["source_path"], gf, gold)),
                         key=lambda r: r["source_path"])
        if not matched:
            unmatched.append(str(gf))
            continue
        for rep in matched:
            rows = rows_by_report.get(rep["report_id"], [])
            cmp = compare_rows(gold["controls"], rows)
            results.append(ReportEval(
                gold_file=str(gf), report_id=rep["report_id"], source_path=rep["source_path"],
                n_gold=cmp["n_gold"], n_rows=cmp["n_rows"], n_aligned=cmp["n_aligned"],
                recall=cmp["recall"], precision=cmp["precision"], fields=cmp["fields"],
                status=cmp["status"], metadata=compare_meta(gold["report"], rep),
                missing=cmp["missing"], extra=cmp["extra"], field_hits=cmp["field_hits"],
                status_hits=cmp["status_hits"], extra_hits=cmp["extra_hits"],
                extra_n=cmp["extra_n"]))
            for i, j, _ in cmp["pairs"]:
                linked.append((normalise(gold["report"].get("organisation")), rep["report_id"],
                               gold["controls"][i].get("risk_group"), rows[j]["risk_key"]))
    return EvalResult(results, unmatched, _link_eval(linked))


def _link_eval(linked: list[tuple[str, str, str, str]]) -> LinkEval:
    """Pairs of rows from different reports of one organisation (others are never linked)."""
    out = LinkEval()
    for (oa, ra, ga, ka), (ob, rb, gb, kb) in itertools.combinations(linked, 2):
        if oa != ob or ra == rb or ga is None:
            continue
        same_gold, same_key = ga == gb, ka == kb
        out.pairs += 1
        out.agree += same_gold == same_key
        out.gold_linked += same_gold
        out.keyed_linked += same_key
        out.both_linked += same_gold and same_key
    return out


# ---------------------------------------------------------------- output

def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_eval(result: EvalResult) -> str:
    lines = []
    for r in result.reports:
        lines.append(f"{Path(r.gold_file).name} <- {r.source_path} ({r.report_id})")
        lines.append(f"  rows: gold {r.n_gold}, extracted {r.n_rows}, aligned {r.n_aligned}; "
                     f"recall {_pct(r.recall)}, precision {_pct(r.precision)}")
        if r.missing:
            lines.append(f"  gold rows not found: {', '.join(map(str, r.missing))}")
        if r.extra:
            lines.append(f"  extracted rows not in gold: {', '.join(map(str, r.extra))}")
        weak = [f"{f} {_pct(v).strip()}" for f, v in r.fields.items() if v < 1.0]
        lines.append(f"  fields below 100%: {', '.join(weak) if weak else 'none'}")
        lines.append(f"  status {_pct(r.status)}")
        if r.extra_n:
            lines.append(f"  extra {_pct(r.extra_hits / r.extra_n)}")
        wrong = [f for f, ok in r.metadata.items() if not ok]
        lines.append(f"  metadata: {'all agree' if not wrong else 'differs in ' + ', '.join(wrong)}")
    for g in result.unmatched_gold:
        lines.append(f"{Path(g).name}: no processed report matches")
    lines.append("")
    lines.append(f"OVERALL ({len(result.reports)} reports)")
    lines.append(f"  rows: gold {result.n_gold}, extracted {result.n_rows}, aligned "
                 f"{result.n_aligned}; recall {_pct(result.recall)}, precision "
                 f"{_pct(result.precision)}")
    lines.append("  field agreement:")
    for f, v in result.fields.items():
        lines.append(f"    {f:<14}{_pct(v)}")
    lines.append(f"  status        {_pct(result.status)}")
    if result.extra_agreement is not None:
        lines.append(f"  extra         {_pct(result.extra_agreement)}")
    lines.append("  metadata:")
    for f, v in result.metadata.items():
        lines.append(f"    {f:<14}{_pct(v)}")
    lk = result.links
    lines.append(f"  risk links: {lk.pairs} row pairs across reports, agreement "
                 f"{_pct(lk.agreement)}; linked in gold {lk.gold_linked} "
                 f"(found {_pct(lk.recall).strip()}), linked here {lk.keyed_linked} "
                 f"(right {_pct(lk.precision).strip()})")
    return "\n".join(lines)


@click.command("eval")
@click.argument("processed_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_command(processed_dir, gold, as_json):
    """Agreement of DIR with hand-annotated reports (GOLD files or folders)."""
    files = gold_paths(list(gold))
    if not files:
        raise click.UsageError("no gold .json files in " + ", ".join(gold))
    result = evaluate(processed_dir, files)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_eval(result))
    if not result.reports:
        raise SystemExit(1)
