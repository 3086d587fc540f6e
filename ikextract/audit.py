"""For auditors: risks that come back year after year, and where each mention is printed.

    ikextract recur [DIR]                  risks seen in more than one year
    ikextract trace RISK_KEY [DIR]         every occurrence of one risk, to file and page
    ikextract report [DIR] -o FILE.html    one self-contained page: per board, the recurring
                                           risks and their status per year, linked to source

Everything is read from a processed folder (the Parquet datasets); nothing is re-extracted.
"""
from __future__ import annotations

import html
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union
from urllib.parse import quote

import click

from ikextract.link import risk_label
from ikextract.model import STATUS_CODES

DEFAULT_DIR = "data/processed"
SNIPPET_CHARS = 200
PathLike = Union[str, Path]

# How each status is shown: the phrase an auditor reads, and its cell colour.
STATUS_LOOK = {
    "inga_avvikelser": ("Inga avvikelser", "#b7dfb9"),
    "mindre_avvikelser": ("Mindre avvikelser", "#fbe58a"),
    "avvikelser": ("Avvikelser", "#f4a6a0"),
    "pagar": ("Pågår", "#b3d4f5"),
    "ej_paborjad": ("Ej påbörjad", "#d9c3e6"),
    "ej_utford": ("Ej utförd", "#f9c48f"),
    "okand": ("Okänd", "#dddddd"),
}
# Findings an auditor looks at first: a risk with these in two or more years.
DEVIATIONS = {"avvikelser", "mindre_avvikelser", "ej_utford"}


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


def load_histories(processed_dir: PathLike) -> list[RiskHistory]:
    """Every risk with its occurrences, ordered by board and label."""
    from ikextract.store import read_dataset

    reports = {r["report_id"]: r for r in read_dataset(processed_dir, "reports").to_pylist()}
    risks = {r["risk_key"]: r for r in read_dataset(processed_dir, "risks").to_pylist()}
    cols = ["control_id", "report_id", "year", "organisation", "municipality", "process",
            "risk", "control", "result", "comment", "status", "risk_key", "source_page",
            "source_table"]
    histories: dict[str, RiskHistory] = {}
    for c in read_dataset(processed_dir, "controls", cols).to_pylist():
        rep = reports.get(c["report_id"], {})
        key = c["risk_key"]
        if key not in histories:
            r = risks.get(key, {})
            histories[key] = RiskHistory(
                risk_key=key, organisation=r.get("organisation", c["organisation"]),
                municipality=r.get("municipality", c["municipality"]),
                label=r.get("label") or risk_label(c["process"], c["risk"], c["control"]),
                years=list(r.get("years") or []))
        histories[key].occurrences.append(Occurrence(
            year=c["year"], period=rep.get("period"), title=rep.get("title"),
            source_path=rep.get("source_path", "?"), source_format=rep.get("source_format", ""),
            page=c["source_page"], table=c["source_table"], status=c["status"],
            snippet=snippet(c["result"] or c["comment"]), control_id=c["control_id"],
            report_id=c["report_id"]))
    for h in histories.values():
        h.occurrences.sort(key=_sort_key)
        if not h.years:    # risks dataset not rebuilt yet
            h.years = sorted({o.year for o in h.occurrences if o.year is not None})
    return sorted(histories.values(), key=lambda h: (h.organisation or "", h.municipality or "",
                                                     h.label.casefold(), h.risk_key))


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
        if o.snippet:
            lines.append(f"    {o.snippet}")
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:.9em}
th{background:#f4f4f4;text-align:left}td.risk{max-width:34em}
td.none{background:#fafafa;color:#999;text-align:center}
a.cell{display:block;padding:2px 4px;margin:1px 0;border-radius:3px;color:#111;
text-decoration:none;white-space:nowrap}
a.cell:hover{outline:2px solid #555}
.key{color:#777;font-size:.8em;font-family:monospace}
.legend span{display:inline-block;padding:2px 6px;margin-right:4px;border-radius:3px}
.flag{color:#b00;font-weight:bold}
"""


def _href(o: Occurrence, html_dir: Optional[Path]) -> str:
    path = Path(o.source_path)
    if not path.is_absolute() and html_dir is not None and path.exists():
        target = os.path.relpath(path.resolve(), html_dir.resolve())
    else:
        target = o.source_path
    href = quote(target.replace(os.sep, "/"), safe="/:")
    if o.page and o.source_format.startswith("pdf"):
        href += f"#page={o.page}"
    return href


def _cell(o: Occurrence, risk_key: str, html_dir: Optional[Path]) -> str:
    label, colour = STATUS_LOOK.get(o.status, (o.status, "#ffffff"))
    where = o.source_path + (f", page {o.page}" if o.page else "") + f", table {o.table}"
    tip = "\n".join(t for t in (f"{o.year} {o.period or ''}".strip() + f": {label}",
                                o.title or "", where, o.snippet,
                                f"ikextract trace {risk_key}") if t)
    period = f" ({html.escape(o.period)})" if o.period else ""
    return (f'<a class="cell" style="background:{colour}" href="{html.escape(_href(o, html_dir))}"'
            f' title="{html.escape(tip)}">{html.escape(label)}{period}'
            + (f" p.{o.page}" if o.page else "") + "</a>")


def render_html(histories: list[RiskHistory], include_all: bool = False,
                html_dir: Optional[Path] = None, title: str = "Internal control: recurring risks"
                ) -> str:
    """The auditor's page. Every text is escaped; links are relative to html_dir."""
    shown = histories if include_all else recurring(histories)
    boards: dict[tuple, list[RiskHistory]] = defaultdict(list)
    board_years: dict[tuple, set[int]] = defaultdict(set)
    for h in histories:
        b = (h.organisation or "", h.municipality or "")
        board_years[b].update(y for y in h.years)
    for h in shown:
        boards[(h.organisation or "", h.municipality or "")].append(h)

    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{html.escape(title)}</h1>",
           f"<p>{len(recurring(histories))} of {len(histories)} risks appear in more than one "
           f"year. A cell shows the status a report gave the risk that year; it links to the "
           f"source file (and page, for PDF); hover for the result. Rows marked "
           f'<span class="flag">!</span> had deviations or missed controls in two or more '
           f"years.</p>", '<p class="legend">']
    for code in STATUS_CODES:
        label, colour = STATUS_LOOK[code]
        out.append(f'<span style="background:{colour}">{html.escape(label)}</span>')
    out.append("</p>")
    if not shown:
        out.append("<p>No risk appears in more than one year.</p>")
    for b in sorted(boards):
        years = sorted(board_years[b])
        out.append(f"<h2>{html.escape(_board(*b))}</h2>")
        out.append("<table><tr><th>Risk</th>"
                   + "".join(f"<th>{y}</th>" for y in years) + "</tr>")
        rows = sorted(boards[b], key=lambda h: (-h.deviation_years, -len(h.years),
                                                 h.label.casefold()))
        for h in rows:
            flag = '<span class="flag">! </span>' if h.deviation_years >= 2 else ""
            cells = []
            per_year = h.by_year()
            for y in years:
                if y in per_year:
                    cells.append("<td>" + "".join(_cell(o, h.risk_key, html_dir)
                                                  for o in per_year[y]) + "</td>")
                else:
                    cells.append('<td class="none" title="not in this year\'s reports">–</td>')
            out.append(f'<tr><td class="risk">{flag}{html.escape(h.label)}<br>'
                       f'<span class="key">{html.escape(h.risk_key)}</span></td>'
                       + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


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
@click.option("--all", "include_all", is_flag=True, help="Every risk, not only recurring ones.")
def report_command(processed_dir, output, include_all):
    """The auditor's page: recurring risks per board, status per year, linked to source."""
    histories = load_histories(processed_dir)
    output.parent.mkdir(parents=True, exist_ok=True)
    page = render_html(histories, include_all, html_dir=output.parent)
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, output)
    click.echo(f"{output}: {len(recurring(histories))} recurring risks of {len(histories)}")
