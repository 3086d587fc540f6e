"""The Tesseract word source: TSV to page words in points, sizes, skew, one real page."""
import shutil

import numpy as np
import pytest

from ikextract.read import ocr
from tests.conftest import FIXTURES

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(rows) -> str:
    return TSV_HEADER + "".join("\t".join(map(str, r)) + "\n" for r in rows)


def test_tsv_words_in_points_with_line_bands_and_confidence():
    tsv = _tsv([
        (4, 1, 1, 1, 1, 0, 100, 100, 600, 50, -1, ""),
        (5, 1, 1, 1, 1, 1, 100, 105, 250, 33, 96.5, "Kontroll"),   # ascenders, no descender
        (5, 1, 1, 1, 1, 2, 380, 114, 100, 24, 91.0, "som"),        # x-height only
        (5, 1, 1, 1, 1, 3, 500, 105, 40, 40, 12.0, "|"),           # a table border, not a word
        (5, 1, 1, 1, 1, 4, 560, 120, 10, 10, -1, ""),
    ])
    words = ocr.parse_tsv(tsv, dpi=300)
    assert [w.text for w in words] == ["Kontroll", "som"]
    k, s = words
    assert k.x0 == pytest.approx(24.0) and k.x1 == pytest.approx(84.0)
    assert k.confidence == pytest.approx(0.965) and k.bold is None
    assert k.top == s.top and k.bottom == s.bottom            # one band per line
    assert k.size == s.size == pytest.approx(10.0)             # whole points
    assert k.bottom - k.top == pytest.approx(k.size)


def test_line_sizes_snap_jitter_and_keep_headings_apart():
    heights = {"h": 14.2, "b1": 11.3, "b2": 10.7, "b3": 11.0, "t": 9.1}
    sizes = ocr.line_sizes(heights, {k: 5 for k in heights})
    assert sizes["b1"] == sizes["b2"] == sizes["b3"] == 11.0
    assert sizes["h"] == 14.0 and sizes["t"] == 9.0


def test_skew_is_found_and_removed():
    import cv2
    img = np.full((1600, 1200), 255, np.uint8)
    for y in range(200, 1400, 45):                       # lines of "words"
        for x in range(150, 1050, 62):
            img[y:y + 12, x:x + 50] = 0
    h, w = img.shape
    tilted = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), 0.8, 1.0), (w, h),
                            borderValue=255)
    angle = ocr.skew_angle(tilted)
    assert abs(abs(angle) - 0.8) <= 0.1
    assert abs(ocr.skew_angle(ocr.deskew(tilted, angle))) <= 0.15


def test_pool_is_serial_inside_a_worker(monkeypatch):
    monkeypatch.setenv("IKEXTRACT_OCR_JOBS", "1")
    assert ocr.pool_size(12) == 1
    monkeypatch.delenv("IKEXTRACT_OCR_JOBS")
    assert 1 <= ocr.pool_size(12) <= 12 and ocr.pool_size(1) == 1


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_one_scanned_page_reads_as_swedish_with_rulings():
    page = ocr.ocr_page(FIXTURES / "scans/004_6b10d17d9fb80832__scan.pdf", 1, 595.3, 841.9)
    assert page.page.source == "ocr" and page.mean_confidence > 0.8
    text = " ".join(w.text for w in page.page.words)
    assert "Arbetsmarknadsnämnden" in text and "paborjad" not in text
    assert any(c in text for c in "åäö")
    assert all(w.bold is None for w in page.page.words)
    assert all(0 <= w.x0 < w.x1 <= 595.3 and 0 <= w.top < w.bottom <= 841.9
               for w in page.page.words)
