"""The auditor's page (`ikextract report`): one self-contained HTML file, in Swedish.

Per board a risk x year matrix, each cell coloured by the status that year's report gave the
risk. Filters (board, status, year, which risks) and a free-text search run in inline
JavaScript; a cell opens its occurrence (full result and comment, evidence, the source file
at its page) as a panel that needs no script (an anchor and CSS :target), so the page also
reads where scripts are blocked. Nothing is fetched: CSS and JS are inline, links to source
files are relative to the page's folder, so the page and the reports can be sent on
together. Layout in templates/audit.html.j2.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from ikextract.audit import Occurrence, RiskHistory
from ikextract.model import STATUS_CODES

TEMPLATES = Path(__file__).with_name("templates")
TITLE = "Internkontroll: risker över åren"

# How each status is shown: the words an auditor reads, and its colour.
STATUS_LOOK = {
    "inga_avvikelser": ("Inga avvikelser", "#b7dfb9"),
    "mindre_avvikelser": ("Mindre avvikelser", "#fbe58a"),
    "avvikelser": ("Avvikelser", "#f4a6a0"),
    "pagar": ("Pågår", "#b3d4f5"),
    "ej_paborjad": ("Ej påbörjad", "#d9c3e6"),
    "ej_utford": ("Ej utförd", "#f9c48f"),
    "okand": ("Okänd", "#dddddd"),
}
FORMAT_NAMES = {"pdf": "PDF", "pdf_ocr": "PDF (OCR)", "docx": "Word", "doc": "Word (doc)",
                "odt": "OpenDocument", "rtf": "RTF"}


def locate_source(source_path: str, processed_dir: Optional[Path] = None) -> Path:
    """Where a stored source path is now. It was stored as found under its SRC, relative to
    the folder ingest ran in: the working folder if it is there, else the first folder above
    the processed folder that holds it (`ikextract report /repo/data/processed` run from
    elsewhere still finds data/raw/...), else the working folder."""
    path = Path(source_path)
    if path.is_absolute():
        return path
    if path.exists() or processed_dir is None:
        return Path(os.path.abspath(path))
    processed = Path(os.path.abspath(processed_dir))
    for base in (processed, *processed.parents):
        if (base / path).exists():
            return base / path
    return Path(os.path.abspath(path))


def relative_href(source_path: str, html_dir: Optional[Path], page: Optional[int] = None,
                  source_format: str = "", processed_dir: Optional[Path] = None) -> str:
    """A link from the page's folder to the source file (never absolute), at its page."""
    absolute = locate_source(source_path, processed_dir)
    base = Path(os.path.abspath(html_dir if html_dir is not None else "."))
    try:
        target = os.path.relpath(absolute, base)
    except ValueError:                 # another drive (Windows): the path as stored
        target = source_path
    href = quote(target.replace(os.sep, "/"), safe="/")
    if page and source_format.startswith("pdf"):
        href += f"#page={page}"
    return href


@dataclass
class Cell:
    id: str
    status: str
    label: str
    period: Optional[str]
    page: Optional[int]


@dataclass
class Detail:
    """One occurrence as its panel shows it."""
    id: str
    risk_label: str
    risk_key: str
    board: str
    year: Optional[int]
    period: Optional[str]
    title: Optional[str]
    status: str
    status_label: str
    confidence: Optional[float]
    evidence: Optional[str]
    fields: list[tuple[str, str]]          # (Swedish label, full text)
    href: str
    source_path: str
    source_name: str
    page: Optional[int]
    table: Optional[int]
    also: list[dict] = field(default_factory=list)


@dataclass
class RiskRow:
    key: str
    label: str
    years: list[int]
    cells: dict[int, list[Cell]]
    statuses: list[str]
    recurring: bool
    repeated: bool          # deviations or missed controls in two or more years


@dataclass
class Board:
    id: str
    name: str
    years: list[int]
    risks: list[RiskRow]


def board_name(organisation: Optional[str], municipality: Optional[str]) -> str:
    return (organisation or "(nämnd okänd)") + (f", {municipality}" if municipality else "")


def _paragraphs(text: Optional[str]) -> str:
    return "\n".join(p.strip() for p in (text or "").split("\n") if p.strip())


def _detail(o: Occurrence, h: RiskHistory, oid: str, html_dir: Optional[Path],
            processed_dir: Optional[Path]) -> Detail:
    label, _ = STATUS_LOOK.get(o.status, (o.status, "#fff"))
    fields = [(name, _paragraphs(value)) for name, value in (
        ("Område", o.area), ("Nummer", o.number), ("Process", o.process), ("Risk", o.risk),
        ("Kontrollmoment", o.control), ("Resultat", o.result), ("Kommentar", o.comment))
        if value]
    also = [{"href": relative_href(a.path, html_dir, a.page, a.format, processed_dir),
             "path": a.path,
             "format": FORMAT_NAMES.get(a.format, a.format), "page": a.page} for a in o.also]
    return Detail(
        id=oid, risk_label=h.label, risk_key=h.risk_key,
        board=board_name(h.organisation, h.municipality), year=o.year, period=o.period,
        title=o.title, status=o.status, status_label=label, confidence=o.confidence,
        evidence=o.evidence, fields=fields,
        href=relative_href(o.source_path, html_dir, o.page, o.source_format, processed_dir),
        source_path=o.source_path, source_name=Path(o.source_path).name, page=o.page,
        table=o.table, also=also)


def page_model(histories: list[RiskHistory], html_dir: Optional[Path] = None,
               processed_dir: Optional[Path] = None) -> tuple[list[Board], list[Detail]]:
    """Boards (with their risk rows, worst first) and the panel of every occurrence."""
    per_board: dict[tuple, list[RiskHistory]] = defaultdict(list)
    for h in histories:
        per_board[(h.organisation or "", h.municipality or "")].append(h)
    boards, details = [], []
    for n, (b, hs) in enumerate(sorted(per_board.items())):
        years = sorted({y for h in hs for y in h.years})
        rows = []
        hs = sorted(hs, key=lambda h: (-h.deviation_years, -len(h.years), h.label.casefold(),
                                       h.risk_key))
        for h in hs:
            cells: dict[int, list[Cell]] = defaultdict(list)
            for o in h.occurrences:
                oid = f"f{len(details) + 1}"
                details.append(_detail(o, h, oid, html_dir, processed_dir))
                cells[o.year].append(Cell(oid, o.status, STATUS_LOOK.get(
                    o.status, (o.status, ""))[0], o.period, o.page))
            rows.append(RiskRow(
                key=h.risk_key, label=h.label, years=h.years, cells=dict(cells),
                statuses=sorted({o.status for o in h.occurrences}, key=STATUS_CODES.index),
                recurring=len(h.years) > 1,
                repeated=h.deviation_years >= 2))
        boards.append(Board(id=f"b{n + 1}", name=board_name(b[0] or None, b[1] or None),
                            years=years, risks=rows))
    return boards, details


def render_page(histories: list[RiskHistory], html_dir: Optional[Path] = None,
                title: str = TITLE, processed_dir: Optional[Path] = None) -> str:
    """The page as one string. Every text from the reports is escaped (autoescape). Links
    go from html_dir to each source (see locate_source for relative stored paths)."""
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    boards, details = page_model(histories, html_dir, processed_dir)
    years = sorted({y for b in boards for y in b.years})
    return env.get_template("audit.html.j2").render(
        title=title, boards=boards, details=details, years=years,
        statuses=[(code, *STATUS_LOOK[code]) for code in STATUS_CODES],
        n_risks=sum(len(b.risks) for b in boards),
        n_recurring=sum(r.recurring for b in boards for r in b.risks),
        n_repeated=sum(r.repeated for b in boards for r in b.risks))


__all__ = ["render_page", "page_model", "relative_href", "locate_source", "STATUS_LOOK"]
