"""Running headers and footers: text at the same place near the top or bottom of most pages,
and page numbers ("1 (5)", "Sida 2 av 7"), kept apart from the body."""
from __future__ import annotations

import re

from ikextract.geometry.lines import Line, segments
from ikextract.geometry.page import PageGeometry
from ikextract.geometry.settings import GeometrySettings

# Page-number lines that are margin text even on a single page.
PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|page|s\.)\s*)?\d{1,4}\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/|of)\s*\d{1,4})?$",
    re.IGNORECASE)


def margin_lines(pages: list[PageGeometry], page_lines: dict[int, list[Line]],
                 settings: GeometrySettings = GeometrySettings()) -> set[int]:
    """ids of the lines that are running headers/footers or page numbers: only the lines
    from a page's top or bottom edge up to its first body line."""
    zone_share = settings.margin_zone

    def zone(p: PageGeometry, ln: Line) -> bool:
        return ln.bottom <= p.height * zone_share or ln.top >= p.height * (1 - zone_share)

    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.lower())

    where: dict[str, list[tuple[int, float]]] = {}
    for p in pages:
        for ln in page_lines[p.number]:
            if zone(p, ln):
                where.setdefault(key(ln), []).append((p.number, ln.top))
    need = max(2, (len(pages) + 1) // 2)

    def is_margin(p: PageGeometry, ln: Line) -> bool:
        if not zone(p, ln):
            return False
        if PAGE_NUMBER.match(ln.text.strip()):
            return True
        if len(segments(ln, settings)) >= settings.margin_max_segments:
            return False     # a repeated table header row, not a running head
        same_place = {n for n, top in where.get(key(ln), ())
                      if abs(top - ln.top) <= settings.margin_same_place}
        return len(pages) > 1 and len(same_place) >= need

    margins: set[int] = set()
    for p in pages:
        lines = page_lines[p.number]
        for run in (lines, lines[::-1]):
            for ln in run:
                if not is_margin(p, ln):
                    break
                margins.add(id(ln))
    return margins
