"""DOCX reader: the body in document order as TextBlocks and Tables.

Works on the WordprocessingML tree (python-docx gives us the parts and the XML) because the
high-level API hides what reports rely on: merged cells (gridSpan, vMerge), content controls
(w:sdt) wrapping paragraphs, rows or cells, text boxes, and nested tables.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ikextract.model import Document, ExtractionError, Table, TextBlock
from ikextract.read.docx_table import W, _cell_text, _children, _has_borders, read_table  # noqa: F401
from ikextract.read.safety import check_zip_package

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|överskrift)\s*(\d+)$", re.I)


def read_docx(path: str | Path) -> Document:
    path = Path(path)
    _check_container(path)
    check_zip_package(path)     # zip bombs, DTDs and entities refused (read/safety.py)
    import docx  # imported here so the other readers do not pay for it

    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ExtractionError(f"not a readable DOCX package: {exc}", error_type="CorruptFile")
    styles = _style_names(word)
    reader = _BodyReader(styles, _Numbering(word))
    reader.read_container(word.element.body)
    doc = Document(path=str(path), source_format="docx", items=reader.items)
    doc.margin_texts = _margin_texts(word)
    props = word.core_properties
    doc.properties = {k: v for k, v in {"title": props.title, "subject": props.subject,
                                         "author": props.author}.items() if v}
    return doc


def _check_container(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError("empty file (0 bytes)", error_type="EmptyFile")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        # Word stores password-protected .docx as an encrypted OLE compound file.
        raise ExtractionError("password-protected or encrypted DOCX (OLE container); "
                              "remove the password and ingest again", error_type="Encrypted")
    if not zipfile.is_zipfile(path):
        raise ExtractionError("not a DOCX (zip) package: the file is corrupt or truncated",
                              error_type="CorruptFile")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise ExtractionError("zip package without word/document.xml: not a Word document",
                                  error_type="CorruptFile")
        try:
            bad = zf.testzip()
        except Exception as exc:
            raise ExtractionError(f"corrupt zip package: {exc}", error_type="CorruptFile")
        if bad:
            raise ExtractionError(f"corrupt zip member {bad}", error_type="CorruptFile")


def _style_names(word) -> dict[str, str]:
    names = {}
    for style in word.styles:
        try:
            names[style.style_id] = style.name or style.style_id
        except Exception:
            continue
    return names


class _BodyReader:
    """Walks a container (body, cell, text box) and collects items in reading order."""

    def __init__(self, styles: dict[str, str], numbering: "_Numbering | None" = None):
        self.styles = styles
        self.numbering = numbering
        self.items: list = []

    def read_container(self, element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.read_container(content)
            elif tag in (W + "customXml", W + "smartTag", MC + "AlternateContent"):
                self.read_container(_choice(child) if tag == MC + "AlternateContent" else child)

    def _paragraph(self, p) -> None:
        text = paragraph_text(p)
        style = _paragraph_style(p, self.styles)
        level = _heading_level(p, style)
        bold = _all_bold(p)
        if self.numbering is not None:
            number = self.numbering.number(p)
            # Word numbers headings itself ("3.2" before "Attest av ..."): the number is
            # printed but not in the text, and a layout reads it as the control's number.
            if number and level is not None and text.strip() and not text.lstrip().startswith(number):
                text = f"{number} {text.strip()}"
        if text.strip():
            kind = "heading" if level is not None else "paragraph"
            self.items.append(TextBlock(text=text.strip(), kind=kind, level=level, bold=bold,
                                        style=style))
        # Text boxes anchored in this paragraph: read as separate blocks after it.
        for box in p.iter(W + "txbxContent"):
            if _inside_fallback(box):
                continue
            self.read_container(box)

    def _table(self, tbl) -> None:
        index = len(self.items)
        self.items.append(None)  # reserve the slot so nested tables follow their parent
        nested: list = []
        table = read_table(tbl, self.styles, nested)
        self.items[index] = table
        for inner in nested:
            inner.nested_in = index
            self.items.append(inner)


class _Numbering:
    """Word's automatic list numbering (numbering.xml), counted through the document."""

    def __init__(self, word):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # abstract -> levels
        self.abstract_of: dict[str, str] = {}                          # numId -> abstract
        self.style_num: dict[str, tuple[str, int]] = {}                # styleId -> (numId, ilvl)
        self.counts: dict[str, list[int]] = {}
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in numbering.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl", "0"))] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "",
                    int(start.get(W + "val")) if start is not None else 1)
            self.levels[aid] = levels
        for num in numbering.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(W + "numId")] = ref.get(W + "val")
        for style in word.styles.element.iter(W + "style"):
            ppr = style.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                nid, ilvl = numpr.find(W + "numId"), numpr.find(W + "ilvl")
                if nid is not None:
                    self.style_num[style.get(W + "styleId")] = (
                        nid.get(W + "val"), int(ilvl.get(W + "val")) if ilvl is not None else 0)

    def number(self, p) -> str | None:
        """The number Word prints before paragraph p ("3.2"), counting it; None if none or
        not a number (bullets)."""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        nid, ilvl = None, 0
        if numpr is not None:
            n, lvl = numpr.find(W + "numId"), numpr.find(W + "ilvl")
            nid = n.get(W + "val") if n is not None else None
            ilvl = int(lvl.get(W + "val")) if lvl is not None else 0
        elif ppr is not None and ppr.find(W + "pStyle") is not None:
            nid, ilvl = self.style_num.get(ppr.find(W + "pStyle").get(W + "val"), (None, 0))
        abstract = self.abstract_of.get(nid or "")
        levels = self.levels.get(abstract or "")
        if not levels or ilvl not in levels or nid == "0":
            return None
        counts = self.counts.setdefault(abstract, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt not in ("decimal", "decimalZero") or not text:
            return None

        def value(m) -> str:
            k = int(m.group(1)) - 1
            start = levels.get(k, ("", "", 1))[2]
            return str(max(counts[k], 1) + start - 1)
        label = re.sub(r"%(\d)", value, text).strip()
        return label.rstrip(".") if re.fullmatch(r"[\d.]+", label) else label


def _choice(alternate):
    choice = alternate.find(MC + "Choice")
    return choice if choice is not None else alternate


def _inside_fallback(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def paragraph_text(p) -> str:
    """The paragraph's visible text: runs, tabs, breaks; not deleted text, not text boxes."""
    out: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == W + "t":
            if not _in_textbox(node, p):
                out.append(node.text or "")
        elif tag == W + "tab" and node.getparent().tag == W + "r":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            if node.get(W + "type") in (None, "textWrapping") and not _in_textbox(node, p):
                out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _in_textbox(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (W + "txbxContent", MC + "Fallback"):
            return True
        parent = parent.getparent()
    return False


def _paragraph_style(p, styles) -> str | None:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return None
    ps = ppr.find(W + "pStyle")
    if ps is None:
        return None
    sid = ps.get(W + "val")
    return styles.get(sid, sid)


def _heading_level(p, style: str | None) -> int | None:
    ppr = p.find(W + "pPr")
    if ppr is not None:
        ol = ppr.find(W + "outlineLvl")
        if ol is not None and ol.get(W + "val", "").isdigit() and int(ol.get(W + "val")) < 9:
            return int(ol.get(W + "val")) + 1
    if not style:
        return None
    m = _HEADING_STYLE.match(style.strip())
    if m:
        return int(m.group(1))
    if style.strip().lower() in ("title", "rubrik", "titel"):
        return 0
    return None


def _all_bold(p) -> bool:
    runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(W + "rPr")
        b = rpr.find(W + "b") if rpr is not None else None
        if b is None or b.get(W + "val") in ("0", "false"):
            return False
    return True


def _margin_texts(word) -> list[str]:
    """Text of every header and footer part (letterheads, running titles, page numbers)."""
    texts: list[str] = []
    for rel in word.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        element = getattr(rel.target_part, "element", None)
        if element is None:
            continue
        reader = _BodyReader({})
        reader.read_container(element)
        for item in reader.items:
            if isinstance(item, TextBlock):
                texts.append(item.text)
            elif isinstance(item, Table):
                for r in range(item.n_rows):
                    texts.extend(c.text for c in item.rows[r] if c.text)
    return list(dict.fromkeys(t for t in texts if t.strip()))
