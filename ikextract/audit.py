"""For auditors: risks that come back year after year, and where each mention is printed.

    ikextract recur [DIR]                  risks seen in more than one year
    ikextract trace RISK_KEY [DIR]         every occurrence of one risk, to file and page
    ikextract report [DIR] -o FILE.html    the auditor's page (audit_page.py): per board a
                                           risk x year matrix, filters, full texts, sources

Everything is read from a processed folder (the Parquet datasets); nothing is re-extracted.
One report ingested in two formats (a DOCX and its PDF print: same board, year, period and
title) is one report here: its rows are shown once, from the preferred format
(FORMAT_PREFERENCE), and the other file is listed beside each occurrence.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

import click


DEFAULT_DIR = "data/processed"
SNIPPET_CHARS = 200
PathLike = Union[str, Path]

# Findings an auditor looks at first: a risk with these in two or more years.
DEVIATIONS = {"avvikelser", "mindre_avvikelser", "ej_utford"}
# Which copy of a report printed in two formats is shown: a PDF's text layer links to its
# page; OCR text is the least sure.
FORMAT_PREFERENCE = ("pdf", "docx", "odt", "doc", "rtf", "pdf_ocr")


@dataclass
class Source:
    """One file an occurrence is printed in."""
    path: str
    format: str
    page: Optional[int]
    table: Optional[int]


@dataclass
class Occurrence:
    """One row about a risk, with where it came from."""
    year: Optional[int]
    period: Optional[str]
    title: Optional[str]
    source_path: str
    source_format: str
    page: Optional[int]
    table: Optional[int]
    status: str
    snippet: str
    control_id: str
    report_id: str
    result: Optional[str] = None
    comment: Optional[str] = None
    evidence: Optional[str] = None
    confidence: Optional[float] = None
    process: Optional[str] = None
    risk: Optional[str] = None
    control: Optional[str] = None
    area: Optional[str] = None
    number: Optional[str] = None
    # The same row in the other format's file of the same report (see the module doc).
    also: list[Source] = field(default_factory=list)


@dataclass
class RiskHistory:
    risk_key: str
    organisation: Optional[str]
    municipality: Optional[str]
    label: str
    years: list[int]
    occurrences: list[Occurrence] = field(default_factory=list)

    def by_year(self) -> dict[int, list[Occurrence]]:
        out: dict[int, list[Occurrence]] = defaultdict(list)
        for o in self.occurrences:
            out[o.year].append(o)
        return out

    @property
    def deviation_years(self) -> int:
        return sum(any(o.status in DEVIATIONS for o in occ) for occ in self.by_year().values())


def snippet(text: Optional[str], limit: int = SNIPPET_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def _sort_key(o: Occurrence) -> tuple:
    return (o.year or 0, o.period or "", o.source_path, o.control_id)


def _same_report(rec: dict) -> tuple:
    """What makes two stored files one report printed in two formats."""
    def norm(s):
        return " ".join((s or "").casefold().split())
    return (norm(rec.get("organisation")), norm(rec.get("municipality")), rec.get("year"),
            norm(rec.get("period")), norm(rec.get("title")))


def format_twins(reports: dict[str, dict]) -> dict[str, str]:
    """report_id -> the report_id shown instead, for each report whose twin in a preferred
    format is stored (same board, year, period and title; a different format)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for rec in reports.values():
        if rec.get("title") and rec.get("year") is not None:
            groups[_same_report(rec)].append(rec)
    out = {}
    for recs in groups.values():
        if len({r.get("source_format") for r in recs}) < 2:
            continue      # two files of one format are two reports (a draft, a revision)
        def rank(r):
            fmt = r.get("source_format") or ""
            return (FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else 99,
                    r.get("source_path") or "", r["report_id"])
        keep, *rest = sorted(recs, key=rank)
        for r in rest:
            out[r["report_id"]] = keep["report_id"]
    return out


OCCURRENCE_COLUMNS = ["control_id", "report_id", "seq", "year", "organisation", "municipality",
                      "area", "number", "process", "risk", "control", "result", "comment",
                      "status", "status_confidence", "status_evidence", "risk_key",
                      "source_page", "source_table"]


def load_histories(processed_dir: PathLike, merge_formats: bool = True) -> list[RiskHistory]:
    """Every risk with its occurrences, ordered by board and label. merge_formats: a report
    stored in two formats counts once (its other file is in each occurrence's `also`)."""
    from ikextract.link import risk_label
    from ikextract.store import read_dataset

    reports = {r["report_id"]: r for r in read_dataset(processed_dir, "reports").to_pylist()}
    risks = {r["risk_key"]: r for r in read_dataset(processed_dir, "risks").to_pylist()}
    twins = format_twins(reports) if merge_formats else {}
    controls = read_dataset(processed_dir, "controls", OCCURRENCE_COLUMNS).to_pylist()
    controls.sort(key=lambda c: (c["report_id"], c["seq"] or 0))
    histories: dict[str, RiskHistory] = {}
    hidden: list[dict] = []
    for c in controls:
        if c["report_id"] in twins:
            hidden.append(c)
            continue
        rep = reports.get(c["report_id"], {})
        key = c["risk_key"]
        if key not in histories:
            r = risks.get(key, {})
            histories[key] = RiskHistory(
                risk_key=key, organisation=r.get("organisation", c["organisation"]),
                municipality=r.get("municipality", c["municipality"]),
                label=r.get("label") or risk_label(c["process"], c["risk"], c["control"]),
                years=[])
        histories[key].occurrences.append(Occurrence(
            year=c["year"], period=rep.get("period"), title=rep.get("title"),
            source_path=rep.get("source_path", "?"), source_format=rep.get("source_format", ""),
            page=c["source_page"], table=c["source_table"], status=c["status"],
            snippet=snippet(c["result"] or c["comment"]), control_id=c["control_id"],
            report_id=c["report_id"], result=c["result"], comment=c["comment"],
            evidence=c["status_evidence"], confidence=c["status_confidence"],
            process=c["process"], risk=c["risk"], control=c["control"], area=c["area"],
            number=c["number"]))
    # The other format's rows: beside the shown row of the same risk in the kept report.
    shown = {(o.report_id, h.risk_key): o for h in histories.values() for o in h.occurrences}
    for c in hidden:
        o = shown.get((twins[c["report_id"]], c["risk_key"]))
        rep = reports.get(c["report_id"], {})
        if o is not None:
            o.also.append(Source(rep.get("source_path", "?"), rep.get("source_format", ""),
                                 c["source_page"], c["source_table"]))
    for h in histories.values():
        h.occurrences.sort(key=_sort_key)
        h.years = sorted({o.year for o in h.occurrences if o.year is not None})
    _fill_municipalities(histories, controls)
    return sorted(histories.values(), key=lambda h: (h.organisation or "", h.municipality or "",
                                                     h.label.casefold(), h.risk_key))


def _fill_municipalities(histories: dict[str, RiskHistory], controls: list[dict]) -> None:
    """A risk's municipality where the risks dataset has none (its latest row is from a
    report that names none, linked into its board): the one its rows name most often."""
    named: dict[str, Counter] = defaultdict(Counter)
    for c in controls:
        if c["municipality"]:
            named[c["risk_key"]][c["municipality"]] += 1
    for key, h in histories.items():
        if not h.municipality and named.get(key):
            h.municipality = named[key].most_common(1)[0][0]
    # A risk seen only in such a report: its board's one municipality, as linking decided.
    per_org: dict[str, set] = defaultdict(set)
    for h in histories.values():
        if h.municipality:
            per_org[h.organisation or ""].add(h.municipality)
    for h in histories.values():
        only = per_org.get(h.organisation or "")
        if not h.municipality and only and len(only) == 1:
            h.municipality = next(iter(only))


def recurring(histories: list[RiskHistory]) -> list[RiskHistory]:
    return [h for h in histories if len(h.years) > 1]


def _board(organisation, municipality) -> str:
    return f"{organisation or '(no organisation)'}" + (f", {municipality}" if municipality else "")


# ---------------------------------------------------------------- text output

def format_recur(histories: list[RiskHistory], n_risks: Optional[int] = None) -> str:
    if not histories:
        total = f" ({n_risks} risks in all)" if n_risks is not None else ""
        return f"No risk appears in more than one year{total}."
    lines, board = [], None
    for h in histories:
        b = _board(h.organisation, h.municipality)
        if b != board:
            if board is not None:
                lines.append("")
            lines.append(b)
            lines.append("=" * len(b))
            board = b
        per_year = []
        for year, occ in sorted(h.by_year().items(), key=lambda kv: kv[0] or 0):
            statuses = "/".join(dict.fromkeys(o.status for o in occ))
            per_year.append(f"{year} {statuses}")
        lines.append(f"  {h.label}")
        lines.append(f"    {'  '.join(per_year)}")
        lines.append(f"    key: {h.risk_key}")
    lines.append("")
    lines.append(f"{len(histories)} risks seen in more than one year"
                 + (f" (of {n_risks})" if n_risks is not None else "") + ".")
    return "\n".join(lines)


def find_risk(histories: list[RiskHistory], key: str) -> tuple[Optional[RiskHistory], list[str]]:
    """The risk with this key, or the one key starting with it; else close suggestions."""
    by_key = {h.risk_key: h for h in histories}
    if key in by_key:
        return by_key[key], []
    starts = [k for k in by_key if k.startswith(key)]
    if len(starts) == 1:
        return by_key[starts[0]], []
    if starts:
        return None, sorted(starts)[:10]
    import difflib
    return None, difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.5)


def format_trace(h: RiskHistory) -> str:
    lines = [h.label, f"key: {h.risk_key}", f"board: {_board(h.organisation, h.municipality)}",
             f"years: {', '.join(map(str, h.years))}", ""]
    for o in h.occurrences:
        where = o.source_path
        if o.page:
            where += f", page {o.page}"
        where += f", table {o.table}" if o.table is not None else ""
        when = f"{o.year}" + (f" {o.period}" if o.period else "")
        lines.append(f"{when}  {o.status}  {o.title or ''}".rstrip())
        lines.append(f"    {where}  ({o.control_id})")
        for a in o.also:
            lines.append(f"    also {a.path}" + (f", page {a.page}" if a.page else "")
                         + (f", table {a.table}" if a.table is not None else ""))
        if o.snippet:
            lines.append(f"    {o.snippet}")
    return "\n".join(lines)


# ---------------------------------------------------------------- commands

def _dir_argument(f):
    return click.argument("processed_dir", metavar="[DIR]", required=False, default=DEFAULT_DIR,
                          type=click.Path(exists=True, file_okay=False))(f)


@click.command("recur")
@_dir_argument
def recur_command(processed_dir):
    """Risks seen in more than one year, per board."""
    histories = load_histories(processed_dir)
    click.echo(format_recur(recurring(histories), len(histories)))


@click.command("trace")
@click.argument("risk_key")
@_dir_argument
def trace_command(risk_key, processed_dir):
    """Every occurrence of one risk (a key or the start of one), to file and page."""
    h, suggestions = find_risk(load_histories(processed_dir), risk_key)
    if h is None:
        msg = f"ikextract: no risk with key {risk_key!r}"
        if suggestions:
            msg += "; did you mean:\n  " + "\n  ".join(suggestions)
        click.echo(msg, err=True)
        raise SystemExit(1)
    click.echo(format_trace(h))


@click.command("report")
@_dir_argument
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write.")
@click.option("--recurring", "only_recurring", is_flag=True,
              help="Only risks seen in more than one year.")
@click.option("--all", "include_all", is_flag=True, hidden=True,
              help="Every risk (the default; kept for older scripts).")
def report_command(processed_dir, output, only_recurring, include_all):
    """The auditor's page: per board a risk x year matrix by status, filters, full texts,
    links to each source file and page (relative to the page's folder)."""
    from ikextract.audit_page import render_page
    histories = load_histories(processed_dir)
    shown = recurring(histories) if only_recurring else histories
    output.parent.mkdir(parents=True, exist_ok=True)
    page = render_page(shown, html_dir=output.parent, processed_dir=Path(processed_dir))
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, output)
    click.echo(f"{output}: {len(shown)} risks, {len(recurring(histories))} of them in more "
               f"than one year")
