"""Ruled tables: cell boundaries from the page's ruling segments.

Rulings that cross form one grid; its lines are the distinct ruling positions. A missing
border between two grid units makes a merged cell, present at every grid position it covers
as the same Cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ikextract.geometry.lines import inside, make_lines
from ikextract.geometry.page import PageGeometry, PageWord, Ruling
from ikextract.geometry.paragraphs import Joiner, fills_to_edge, paragraphs
from ikextract.geometry.settings import GeometrySettings
from ikextract.model import BBox, Cell, Table

DEFAULT = GeometrySettings()


@dataclass
class Segment:
    """A straight ruling: horizontal (y fixed, a..b along x) or vertical (x fixed)."""
    pos: float
    a: float
    b: float


@dataclass
class Grid:
    box: BBox
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]   # r0, c0, r1, c1 (exclusive ends)
    words: list[PageWord] = field(default_factory=list)


def split_rulings(rulings: Iterable[Ruling], settings: GeometrySettings = DEFAULT
                  ) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical segments; anything thicker than a ruling both ways is not one."""
    horizontal, vertical = [], []
    for r in rulings:
        w, h = r.x1 - r.x0, r.bottom - r.top
        thin = settings.ruling_width
        if min(w, h) > thin and min(w, h) <= settings.thick_ruling \
                and max(w, h) >= settings.ruling_aspect * min(w, h):
            thin = min(w, h)           # a thick border
        if h <= thin < w:
            horizontal.append(Segment((r.top + r.bottom) / 2, r.x0, r.x1))
        elif w <= thin < h:
            vertical.append(Segment((r.x0 + r.x1) / 2, r.top, r.bottom))
    return horizontal, vertical


def _merge_segments(segs: list[Segment], settings: GeometrySettings) -> list[Segment]:
    out: list[Segment] = []
    for s in sorted(segs, key=lambda s: (round(s.pos), s.a)):
        if out and abs(out[-1].pos - s.pos) <= settings.ruling_merge_pos \
                and s.a <= out[-1].b + settings.ruling_merge_gap:
            out[-1].b = max(out[-1].b, s.b)
        else:
            out.append(Segment(s.pos, s.a, s.b))
    return out


def ruled_grids(page: PageGeometry, settings: GeometrySettings = DEFAULT) -> list[Grid]:
    """The page's ruled grids that hold words, each with its words."""
    h_raw, v_raw = split_rulings(page.rulings, settings)
    hs, vs = _merge_segments(h_raw, settings), _merge_segments(v_raw, settings)
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))   # connected components of crossing rulings

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = settings.ruling_cross
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.a - tol <= v.pos <= h.b + tol and v.a - tol <= h.pos <= v.b + tol:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 2:
            continue
        grid = _grid(gh, gv, settings)
        if grid is None:
            continue
        grid.words = [w for w in page.words if inside(w, grid.box, settings.inside)]
        if grid.words:
            grids.append(grid)
    return grids


def _cluster(values: Iterable[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covers(segs: list[Segment], pos: float, a: float, b: float,
            settings: GeometrySettings) -> bool:
    covered = 0.0
    for s in segs:
        if abs(s.pos - pos) <= settings.border_pos:
            covered += max(0.0, min(b, s.b) - max(a, s.a))
    return covered >= (b - a) * settings.border_cover


def _grid(hs: list[Segment], vs: list[Segment], settings: GeometrySettings) -> Optional[Grid]:
    ys = _cluster((h.pos for h in hs), settings.grid_cluster)
    xs = _cluster((v.pos for v in vs), settings.grid_cluster)
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > settings.grid_min_step]
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > settings.grid_min_step]
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], ys[r], ys[r + 1], settings):
                parent[find((r, c))] = find((r, c + 1))
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], xs[c], xs[c + 1], settings):
                parent[find((r, c))] = find((r + 1, c))
    members: dict[tuple, list[tuple[int, int]]] = {}
    for u in parent:
        members.setdefault(find(u), []).append(u)
    cells = []
    covered = set()
    for units in sorted(members.values(), key=min):
        r0 = min(r for r, _ in units)
        c0 = min(c for _, c in units)
        r1 = max(r for r, _ in units) + 1
        c1 = max(c for _, c in units) + 1
        if any((r, c) in covered for r in range(r0, r1) for c in range(c0, c1)):
            continue   # not a rectangle: keep the units as they come
        covered.update((r, c) for r in range(r0, r1) for c in range(c0, c1))
        cells.append((r0, c0, r1, c1))
    for u in parent:
        if u not in covered:
            cells.append((u[0], u[1], u[0] + 1, u[1] + 1))
    return Grid(BBox(xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


def _index(bounds: list[float], v: float) -> int:
    for i in range(len(bounds) - 1):
        if v < bounds[i + 1]:
            return i
    return len(bounds) - 2


def grid_table(grid: Grid, page: int, joiner: Joiner,
               settings: GeometrySettings = DEFAULT) -> Optional[Table]:
    """The grid as a Table: each cell's words as paragraphs."""
    by_cell: dict[int, list[PageWord]] = {}
    unit_cell = {}
    for i, (r0, c0, r1, c1) in enumerate(grid.cells):
        for r in range(r0, r1):
            for c in range(c0, c1):
                unit_cell[(r, c)] = i
    for w in grid.words:
        r = _index(grid.ys, (w.top + w.bottom) / 2)
        c = _index(grid.xs, (w.x0 + w.x1) / 2)
        if (r, c) in unit_cell:
            by_cell.setdefault(unit_cell[(r, c)], []).append(w)
    if not by_cell:
        return None
    objects: list[Cell] = []
    for i, (r0, c0, r1, c1) in enumerate(grid.cells):
        words = by_cell.get(i, [])
        box = BBox(grid.xs[c0], grid.ys[r0], grid.xs[c1], grid.ys[r1])
        lines = make_lines(words, settings)
        pad = min((ln.x0 - box.x0 for ln in lines), default=settings.cell_pad_empty)
        right = box.x1 - max(settings.cell_pad_min, min(pad, settings.cell_pad_max))
        text = "\n".join(paragraphs(lines, right, joiner, settings=settings))
        cell = Cell(text, r0, c0, r1 - r0, c1 - c0, page, box,
                    bold=bool(words) and all(w.bold is True for w in words))
        cell.at_edge = bool(lines) and fills_to_edge(lines[-1], right, settings=settings)
        objects.append(cell)
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    rows = [[objects[unit_cell[(r, c)]] for c in range(n_cols)] for r in range(n_rows)]
    return Table(rows, page=page, bbox=grid.box, row_pages=[page] * n_rows, ruled=True)
