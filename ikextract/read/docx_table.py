"""DOCX tables: a w:tbl as a full Cell grid, horizontal and vertical merges resolved."""
from __future__ import annotations

from ikextract.model import Cell, Table, TextBlock

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _children(element, tag: str):
    """Child elements with `tag`, looking through content controls (w:sdt) and custom XML
    that Word may wrap around rows or cells."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _children(content, tag)


def read_table(tbl, styles: dict[str, str], nested: list) -> Table:
    """A w:tbl as a full grid with horizontal and vertical merges resolved."""
    grid_rows: list[list[Cell]] = []
    open_vmerge: dict[int, Cell] = {}   # grid column -> cell a vMerge continues
    for r, tr in enumerate(_children(tbl, W + "tr")):
        row: list[Cell] = []
        col = 0
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            before = trpr.find(W + "gridBefore")
            if before is not None and before.get(W + "val", "").isdigit():
                for _ in range(int(before.get(W + "val"))):
                    row.append(Cell(text="", row=r, col=col))
                    col += 1
        for tc in _children(tr, W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None and gs.get(W + "val", "").isdigit():
                    span = max(1, int(gs.get(W + "val")))
                vm = tcpr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val") or "continue"
                hm = tcpr.find(W + "hMerge")   # legacy horizontal merge: widen the left cell
                if hm is not None and (hm.get(W + "val") or "continue") == "continue" and row:
                    prev = row[-1]
                    prev.col_span += 1
                    row.append(prev)
                    col += 1
                    continue
            if vmerge == "continue" and col in open_vmerge:
                cell = open_vmerge[col]
                cell.row_span = r - cell.row + 1
            else:
                text, bold = _cell_text(tc, styles, nested)
                cell = Cell(text=text, row=r, col=col, col_span=span, bold=bold)
                if vmerge == "restart":
                    for c in range(col, col + span):
                        open_vmerge[c] = cell
                else:
                    for c in range(col, col + span):
                        open_vmerge.pop(c, None)
            for _ in range(span):
                row.append(cell)
            col += span
        grid_rows.append(row)
    width = max((len(r) for r in grid_rows), default=0)
    for r, row in enumerate(grid_rows):
        while len(row) < width:   # ragged rows (gridAfter, short rows): pad with empty cells
            row.append(Cell(text="", row=r, col=len(row)))
    return Table(rows=grid_rows, ruled=_has_borders(tbl))


def _cell_text(tc, styles, nested: list) -> tuple[str, bool]:
    from ikextract.read.docx import _BodyReader   # the body walker reads a cell's content
    inner = _BodyReader(styles)
    inner.read_container(tc)
    parts: list[str] = []
    bolds: list[bool] = []
    for item in inner.items:
        if isinstance(item, TextBlock):
            parts.append(item.text)
            bolds.append(item.bold)
        elif isinstance(item, Table):
            nested.append(item)
            # Keep the nested table's words in the cell too, so none are lost.
            for r in range(item.n_rows):
                seen = []
                for c in item.rows[r]:
                    if c.text and (not seen or seen[-1] is not c):
                        seen.append(c)
                line = " | ".join(c.text for c in seen)
                if line:
                    parts.append(line)
    text = "\n".join(p.strip() for p in parts if p.strip())
    return text, bool(bolds) and all(bolds)


def _has_borders(tbl) -> bool:
    """True when the table draws cell borders (directly or through its style)."""
    tblpr = tbl.find(W + "tblPr")
    if tblpr is not None:
        borders = tblpr.find(W + "tblBorders")
        if borders is not None:
            vals = [b.get(W + "val") for b in borders]
            return any(v not in (None, "nil", "none") for v in vals)
        style = tblpr.find(W + "tblStyle")
        if style is not None and "grid" in (style.get(W + "val") or "").lower():
            return True
    return False
