"""Tesseract through its library (tesserocr) and through the command line: the same TSV for
the same image; the command line only where the library cannot load, with a warning."""
import importlib.util
import shutil
import warnings

import pytest

from ikextract.read import ocr, ocr_tesseract
from tests.conftest import FIXTURES

HAS_CLI = shutil.which("tesseract") is not None
HAS_LIB = importlib.util.find_spec("tesserocr") is not None and ocr.tessdata_dir() is not None


def _words(tsv: str):
    out = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            out.append((tuple(cols[1:10]), cols[11], round(float(cols[10]))))
    return out


@pytest.fixture(scope="module")
def page_image():
    image, _ = ocr.prepare(ocr.render_page(FIXTURES / "scans/004_6b10d17d9fb80832__scan.pdf", 0))
    return image


def _no_library(lang):
    raise ocr_tesseract._LibraryUnavailable("tesserocr switched off for this test")


@pytest.mark.skipif(not (HAS_CLI and HAS_LIB), reason="needs both tesserocr and tesseract")
def test_library_reads_a_page_as_the_command_line_does(page_image, monkeypatch):
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # the library path does not warn
        by_library = ocr.run_tesseract(page_image)
    by_cli = ocr.run_tesseract_cli(page_image)
    assert by_library.splitlines()[0] == by_cli.splitlines()[0]      # the TSV header
    words = _words(by_library)
    assert len(words) > 200 and "Arbetsmarknadsnämnden" in {w for _, w, _ in words}
    assert words == _words(by_cli)              # same words, boxes, confidences
    # a second image on the same engine (the second pass's psm 6) is read afresh
    sheet = page_image[:600]
    assert _words(ocr.run_tesseract(sheet, psm=6)) == _words(ocr.run_tesseract_cli(sheet, psm=6))


@pytest.mark.skipif(not HAS_CLI, reason="tesseract not installed")
def test_command_line_is_the_fallback_with_a_warning(page_image, monkeypatch):
    monkeypatch.setattr(ocr_tesseract, "_engine", _no_library)
    sheet = page_image[:400]
    with pytest.warns(RuntimeWarning, match="command line.*switched off"):
        tsv = ocr.run_tesseract(sheet, psm=6)
    assert _words(tsv) == _words(ocr.run_tesseract_cli(sheet, psm=6))


def test_no_library_and_no_command_line_is_ocr_unavailable(monkeypatch, page_image):
    monkeypatch.setattr(ocr_tesseract, "_engine", _no_library)
    monkeypatch.setattr(ocr_tesseract.shutil, "which", lambda name: None)
    with pytest.raises(ocr.OcrUnavailable, match="switched off"):
        ocr.run_tesseract(page_image[:100])


def test_tessdata_from_tessdata_prefix_first(tmp_path, monkeypatch):
    (tmp_path / "tessdata").mkdir()
    (tmp_path / "tessdata" / "xyz.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert ocr.tessdata_dir("xyz") == str(tmp_path / "tessdata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "tessdata"))
    assert ocr.tessdata_dir("xyz") == str(tmp_path / "tessdata")
    assert ocr.tessdata_dir("no-such-language") is None


@pytest.mark.skipif(importlib.util.find_spec("tesserocr") is None, reason="tesserocr not installed")
def test_language_data_the_library_cannot_load_is_tried_once(tmp_path, monkeypatch):
    import threading
    (tmp_path / "xyz.traineddata").write_bytes(b"not a model")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(ocr_tesseract, "_local", threading.local())
    with pytest.raises(ocr_tesseract._LibraryUnavailable, match="could not load 'xyz'") as first:
        ocr_tesseract._engine("xyz")
    monkeypatch.setattr(ocr_tesseract, "_load_engine", lambda lang: pytest.fail("loaded again"))
    with pytest.raises(ocr_tesseract._LibraryUnavailable) as again:
        ocr_tesseract._engine("xyz")
    assert again.value is first.value


def test_the_fallback_reason_is_known_to_the_page(monkeypatch):
    """The page's warnings name a command-line fallback (pages.py reads OcrPage.fallback)."""
    import os
    import threading
    monkeypatch.setattr(ocr_tesseract, "_local", threading.local())
    assert ocr_tesseract.engine_fallback() is None          # nothing tried yet
    ocr_tesseract._local.engine = (os.getpid(), ocr.LANGUAGE,
                                   ocr_tesseract._LibraryUnavailable("no tesserocr here"))
    assert ocr_tesseract.engine_fallback() == "no tesserocr here"
