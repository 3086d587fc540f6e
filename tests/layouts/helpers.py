"""Hand-made tables for layout tests: a grid from lists of strings, with merges."""
from ikextract.model import Cell, Table


def make_table(rows, *, spans=None, vmerge=None, bold=(), pages=None):
    """rows: list of lists of str. spans: {(r, c): n} horizontal spans; vmerge: {(r, c)} cells
    that continue the cell above; bold: {(r, c)}."""
    spans = spans or {}
    vmerge = vmerge or set()
    grid = []
    for r, texts in enumerate(rows):
        row = []
        c = 0
        for text in texts:
            if (r, c) in vmerge:
                cell = grid[r - 1][c]
                cell.row_span += 1
            else:
                cell = Cell(text=text, row=r, col=c, col_span=spans.get((r, c), 1),
                            bold=(r, c) in bold)
            for _ in range(spans.get((r, c), 1)):
                row.append(cell)
                c += 1
        grid.append(row)
    return Table(rows=grid, page=pages[0] if pages else None, row_pages=list(pages or []))
