"""Hand-made pages for geometry tests: words placed as a text layer or OCR would give them."""
from ikextract.geometry.page import PageGeometry, PageWord, Ruling

# Average advance of a letter, as a share of the font size (Helvetica-like).
LETTER = 0.5
SPACE = 0.28


def words_at(text: str, x: float, baseline: float, size: float = 10.0,
             bold: bool | None = False) -> list[PageWord]:
    """The words of one printed line starting at x, on a baseline (points from the top)."""
    out = []
    for word in text.split():
        width = LETTER * size * len(word)
        out.append(PageWord(word, x, baseline - size, x + width, baseline, size=size,
                            bold=bold))
        x += width + SPACE * size
    return out


def text_width(text: str, size: float = 10.0) -> float:
    return LETTER * size * len(text)


def page(words: list[PageWord], rulings: list[Ruling] = (), number: int = 1,
         width: float = 595.0, height: float = 842.0, source: str = "test") -> PageGeometry:
    return PageGeometry(number, width, height, list(words), list(rulings), source=source)


def wrap(text: str, width: float, size: float = 10.0) -> list[str]:
    """Lines of text no wider than width (greedy, as a word processor)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and text_width(trial, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def grid_rulings(xs: list[float], ys: list[float]) -> list[Ruling]:
    """A full ruled grid with column lines at xs and row lines at ys."""
    return [Ruling(xs[0], y, xs[-1], y) for y in ys] + \
           [Ruling(x, ys[0], x, ys[-1]) for x in xs]
