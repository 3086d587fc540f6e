"""The plain data that flows between stages.

read/*    path              -> Document (pages, text blocks, tables of cells)
tables    Document          -> Document with tables split over pages joined
layouts   Document          -> list[ControlRow]
meta      Document          -> ReportMeta
text      ControlRow        -> ControlRow with clean text
status    ControlRow        -> ControlRow with status, confidence, evidence
link      rows of reports   -> rows with risk_key
store     reports, rows     -> Parquet datasets

Everything here is a dataclass of builtins so a stage can be tested with a hand-made input.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Optional, Union

# Contract fields of a control row that layouts fill, in contract order.
ROW_FIELDS = (
    "area", "number", "process", "risk", "risk_value", "risk_level", "handling", "control",
    "responsible", "frequency", "method", "result", "comment", "follows_plan",
)
# The fields holding free text (everything but risk_value and follows_plan).
TEXT_FIELDS = tuple(f for f in ROW_FIELDS if f not in ("risk_value", "follows_plan"))

STATUS_CODES = (
    "inga_avvikelser", "mindre_avvikelser", "avvikelser", "pagar", "ej_paborjad", "ej_utford",
    "okand",
)


@dataclass
class BBox:
    """A box in page coordinates: points from the top-left corner (as pdfplumber)."""
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Page:
    number: int                   # 1-based
    width: float = 0.0
    height: float = 0.0

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class TextBlock:
    """A paragraph or heading outside tables.

    kind is "heading" or "paragraph"; level is the heading level (1 = top) where known.
    Paragraph breaks inside one block are "\n".
    """
    text: str
    kind: str = "paragraph"
    level: Optional[int] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    font_size: Optional[float] = None
    bold: bool = False
    style: Optional[str] = None


@dataclass
class Cell:
    """One cell of a table grid. A merged cell appears at every grid position it covers
    (the same object), with row/col its top-left position and the spans its extent."""
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    bold: bool = False
    # PDF: the cell's last line is one word filling it to its edge (a page break may have
    # cut that word); set by geometry, read by the tables stage joining rows over pages.
    at_edge: bool = False


@dataclass
class Table:
    """A table as a full grid: rows[r][c] is the Cell covering position (r, c).

    page is the page the table starts on; row_pages[r] the page each row starts on (PDF).
    continued marks a table that continues one on an earlier page (set by the tables stage
    for fragments it could not join, and by readers that know).
    """
    rows: list[list[Cell]]
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    row_pages: list[Optional[int]] = field(default_factory=list)
    ruled: bool = True
    nested_in: Optional[int] = None   # index of the table item this one sits inside

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def row_page(self, r: int) -> Optional[int]:
        if r < len(self.row_pages) and self.row_pages[r] is not None:
            return self.row_pages[r]
        return self.page

    def row_texts(self, r: int) -> list[str]:
        return [c.text for c in self.rows[r]]


Item = Union[TextBlock, Table]


@dataclass
class Document:
    """One report as read: its items (text blocks and tables) in reading order."""
    path: str
    source_format: str                    # pdf, pdf_ocr, docx, doc, odt, rtf
    items: list[Item] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # Running headers/footers and title-page text that is not body text: metadata may use
    # it (the municipality is often only in the letterhead), layouts never do.
    margin_texts: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)   # core properties (title, ...)
    warnings: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [i for i in self.items if isinstance(i, Table)]

    @property
    def page_count(self) -> Optional[int]:
        return len(self.pages) or None


@dataclass
class ControlRow:
    """One control point or risk row, with the contract's fields."""
    area: Optional[str] = None
    number: Optional[str] = None
    process: Optional[str] = None
    risk: Optional[str] = None
    risk_value: Optional[int] = None
    risk_level: Optional[str] = None
    handling: Optional[str] = None
    control: Optional[str] = None
    responsible: Optional[str] = None
    frequency: Optional[str] = None
    method: Optional[str] = None
    result: Optional[str] = None
    comment: Optional[str] = None
    follows_plan: Optional[bool] = None
    # An explicit Status column's text, if the layout has one: it wins over free text.
    status_text: Optional[str] = None
    # Every column or label that states a status outright, as (heading, text) in document
    # order ("Status", "Genomförd", "Avvikelse (Ja/Nej)", "Bedömning", a colour ...). Layouts
    # fill it; the status stage decides from heading and values whether each states a
    # finding or only progress (vocabulary in ikextract/status/*.tsv).
    status_cells: list[tuple[str, str]] = field(default_factory=list)
    status: str = "okand"
    status_confidence: float = 0.0
    status_evidence: Optional[str] = None
    risk_key: Optional[str] = None
    source_page: Optional[int] = None
    source_table: int = 0
    # Text under headings or labels that map to no field: label -> text, in document order
    # (a dict keeps insertion order). The store writes it as the contract's `extra`
    # list<struct<label, text>>. Nothing of a control table or block may be dropped: what
    # is not in a field is here.
    extra: dict[str, str] = field(default_factory=dict)

    def fields_dict(self) -> dict:
        return {f: getattr(self, f) for f in ROW_FIELDS}


@dataclass
class ReportMeta:
    title: Optional[str] = None
    organisation: Optional[str] = None
    municipality: Optional[str] = None
    year: Optional[int] = None
    period: Optional[str] = None
    diarienummer: Optional[str] = None


@dataclass
class Report:
    """Everything one source file gave: its identity, metadata and rows."""
    report_id: str
    source_path: str
    source_sha256: str
    source_format: str
    meta: ReportMeta
    page_count: Optional[int]
    controls: list[ControlRow]
    warnings: list[str] = field(default_factory=list)
    # Share of the characters of the control tables and blocks that landed in contract
    # fields (the rest is in rows' extra); set by the layouts stage.
    text_coverage: float = 1.0


@dataclass
class Failure:
    source_path: str
    source_sha256: Optional[str]
    stage: str
    error_type: str
    message: str


class ExtractionError(Exception):
    """A report could not be read or understood; message says what, for the user."""

    def __init__(self, message: str, stage: str = "read", error_type: Optional[str] = None):
        super().__init__(message)
        self.stage = stage
        self.error_type = error_type or type(self).__name__


def replace_row(row: ControlRow, **changes) -> ControlRow:
    data = {f.name: getattr(row, f.name) for f in fields(row)}
    data.update(changes)
    return ControlRow(**data)
