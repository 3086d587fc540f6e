"""Rulings found in page images: table borders kept, letters and underlined text dropped."""
import numpy as np

from ikextract.geometry.page import PageWord
from ikextract.read.image_rulings import find_rulings

DPI = 300


def _grid_image() -> np.ndarray:
    img = np.full((1200, 1000), 250, np.uint8)
    for y in (100, 300, 500):                 # three horizontal borders, 2 px thick
        img[y:y + 2, 100:900] = 20
    for x in (100, 500, 898):                 # three vertical borders
        img[100:502, x:x + 2] = 20
    img[150:175, 150:154] = 20                # a letter stem: short, not a rule
    img[700:703, 100:400] = 20                # a rule outside the table
    img[900:904, 120:700] = 20                # a run inside a text line (bold baseline)
    return img


def test_borders_become_rulings_in_points():
    rules = find_rulings(_grid_image(), DPI)
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    assert len(horizontal) == 5 and len(vertical) == 3
    top = horizontal[0]
    assert abs(top.x0 - 100 * 72 / DPI) < 1 and abs(top.x1 - 900 * 72 / DPI) < 1
    assert abs((top.top + top.bottom) / 2 - 101 * 72 / DPI) < 1
    assert all(abs(v.bottom - v.top - 402 * 72 / DPI) < 1 for v in vertical)


def test_runs_within_text_lines_are_not_rules():
    s = 72 / DPI
    words = [PageWord("understruken", 110 * s, 880 * s, 710 * s, 910 * s, 11.0)]
    rules = find_rulings(_grid_image(), DPI, words)
    assert len([r for r in rules if r.horizontal]) == 4
    assert all(not (880 * s < r.top < 910 * s) for r in rules)


def test_blank_page_has_none():
    assert find_rulings(np.full((500, 400), 255, np.uint8), DPI) == []


def test_stems_of_letters_inside_words_are_not_rules():
    img = np.full((600, 600), 250, np.uint8)
    img[100:150, 200:204] = 20                # a tall letter stem ("l" of a heading)
    img[300:345, 100:102] = 20                # the side of a one-line table cell
    s = 72 / DPI
    words = [PageWord("Kapital", 180 * s, 95 * s, 320 * s, 152 * s, 14.0)]
    rules = find_rulings(img, DPI, words)
    assert [round(r.x0 / s) for r in rules] == [100]
