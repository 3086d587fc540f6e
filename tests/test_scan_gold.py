"""Scanned reports (tests/fixtures/scans, made by tests/fixtures/build_scans.py) against
../shared/gold: OCR in Swedish through the same page geometry as born-digital PDFs.

Each fixture is read once per OCR mode in the session (OCR is the slow part: a few seconds a
page on a shared core). Agreement over a report: rows matched to gold rows (the evaluation's
alignment), gold cells (every contract field of every gold row; a row not matched counts
all its cells as missed) at normalised similarity >= 0.9, and status within gold."""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict, replace
from functools import lru_cache
from pathlib import Path

import pytest

from ikextract.evaluate import compare_rows, field_agrees, similarity
from ikextract.model import ROW_FIELDS, TEXT_FIELDS
from ikextract.pipeline import extract_file, load_pipeline
from tests.conftest import FIXTURES, GOLD, load_gold

SCANS = FIXTURES / "scans"
MANIFEST = json.loads((SCANS / "manifest.json").read_text(encoding="utf-8"))
IMAGE_ONLY = [e for e in MANIFEST if e["variant"] == "scan"]
ENGLISH_LAYER = [e for e in MANIFEST if e["variant"] == "scan_eng"]
CELL_SIMILARITY = 0.9

pytestmark = [
    pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold not beside the checkout"),
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed"),
]


@lru_cache(maxsize=None)
def report_of(name: str, ocr: str = "auto"):
    spec = load_pipeline("default")
    spec = replace(spec, settings={**spec.settings, "ocr": ocr})
    return extract_file(SCANS / name if (SCANS / name).exists() else FIXTURES / name, spec)


def agreement(report, gold: dict) -> dict:
    rows = [asdict(r) for r in report.controls]
    result = compare_rows(gold["controls"], rows)
    cells = hits = 0
    matched = {i: j for i, j, _ in result["pairs"]}
    for i, g in enumerate(gold["controls"]):
        for f in ROW_FIELDS:
            cells += 1
            if i not in matched:
                continue
            value = rows[matched[i]].get(f)
            if f in ("risk_value", "follows_plan"):
                hits += field_agrees(f, g.get(f), value)
            else:
                hits += similarity(g.get(f), value) >= CELL_SIMILARITY
    return {"rows": result["recall"], "cells": hits / cells, "status": result["status"],
            "n_gold": result["n_gold"], "n_aligned": result["n_aligned"],
            "n_rows": result["n_rows"], "missing": result["missing"]}


def _text(report) -> str:
    """The rows' text fields (not status codes such as "ej_paborjad")."""
    return " ".join(getattr(r, f) or "" for r in report.controls for f in TEXT_FIELDS)


def _name(entry) -> str:
    return Path(entry["file"]).name


def test_fixtures_are_scans_of_three_seeds_in_both_variants():
    assert len({e["gold"] for e in IMAGE_ONLY}) >= 3
    assert {e["gold"] for e in IMAGE_ONLY} == {e["gold"] for e in ENGLISH_LAYER}
    for e in MANIFEST:
        assert (FIXTURES / e["file"]).is_file(), e["file"]


@pytest.mark.parametrize("entry", IMAGE_ONLY, ids=_name)
def test_image_only_scan_matches_gold(entry):
    report = report_of(_name(entry))
    assert report.source_format == "pdf_ocr"
    assert any("no text layer: OCR in Swedish" in w for w in report.warnings)
    figures = agreement(report, load_gold(entry["gold"]))
    assert figures["rows"] >= 0.95, figures
    assert figures["cells"] >= 0.90, figures
    assert figures["status"] >= 0.90, figures


def test_all_26_rows_of_seed_000_from_its_scan():
    report = report_of("000_a8a4c6867aeb0241__scan.pdf")
    figures = agreement(report, load_gold("000_a8a4c6867aeb0241.json"))
    assert figures["n_aligned"] == figures["n_gold"] == 26, figures


def test_ocr_text_is_proper_swedish():
    report = report_of("000_a8a4c6867aeb0241__scan.pdf")
    text = _text(report)
    assert "påbörjad" in text or "pågår" in text
    for english_ocr in ("paborjad", "Lépande", "l&rande", "awvikelser", " fér "):
        assert english_ocr not in text


def test_english_ocr_layer_is_judged_bad_and_redone():
    entry = next(e for e in ENGLISH_LAYER if e["gold"].startswith("004"))
    report = report_of(_name(entry))
    assert report.source_format == "pdf_ocr"
    assert any("text layer bad" in w and "OCR in Swedish" in w for w in report.warnings)
    figures = agreement(report, load_gold(entry["gold"]))
    assert figures["rows"] >= 0.95 and figures["status"] >= 0.90, figures


def test_english_ocr_layer_repaired_without_ocr():
    """--ocr never: each bad page of the layer is repaired with the lexicon, and says so."""
    from ikextract.read import ReadOptions
    from ikextract.read.pages import review_pages
    from ikextract.read.pdf_plumber import read_pages
    from ikextract.read.textlayer import assess
    pages, _ = read_pages(SCANS / "000_a8a4c6867aeb0241__scan_eng.pdf")
    assert all(assess(p).verdict == "bad" for p in pages)
    repaired = review_pages(SCANS / "000_a8a4c6867aeb0241__scan_eng.pdf", pages,
                            ReadOptions(ocr="never"))
    assert all(p.source == "pdfplumber" for p in repaired)
    assert all("repaired with the Swedish lexicon" in p.warnings[0] for p in repaired)
    text = " ".join(w.text for p in repaired for w in p.words)
    assert "Löpande" in text and "Lépande" not in text and "per april 2025" in text
    assert "(diarienummer KS 2024-1528)" in text
    after = [assess(p) for p in repaired]
    assert sum(q.verdict == "usable" for q in after) >= 0.9 * len(after)


def test_born_digital_pdf_is_not_ocrd(monkeypatch):
    from ikextract.read import ocr

    def no_ocr(*args, **kwargs):
        raise AssertionError("a born-digital PDF was sent to OCR")

    monkeypatch.setattr(ocr, "ocr_pages", no_ocr)
    monkeypatch.setattr(ocr, "ocr_page", no_ocr)
    report = report_of.__wrapped__("pdf/000_a8a4c6867aeb0241__seed.pdf")
    assert report.source_format == "pdf"
    assert not any("OCR" in w or "text layer" in w for w in report.warnings)
    assert len(report.controls) == 26


def test_english_ocr_layer_read_whole_by_both_word_sources():
    """ocrmypdf sets each word along its scanned line, turned a degree or two (a one-letter
    word up to ~20 degrees): PDFium's reader keeps them as pdfplumber does, "till" and
    "att" included (it once kept only the lines that happened to be level)."""
    from ikextract.read.pdf_pdfium import read_pages as pdfium_pages
    from ikextract.read.pdf_plumber import read_pages as plumber_pages
    path = SCANS / "000_a8a4c6867aeb0241__scan_eng.pdf"
    by_pdfium, _ = pdfium_pages(path)
    by_plumber, _ = plumber_pages(path)
    for a, b in zip(by_pdfium, by_plumber):     # pdfplumber splits some words: count letters
        letters = [sum(len(w.text) for w in p.words) for p in (a, b)]
        assert letters[0] >= 0.99 * letters[1], (a.number, letters)
    first = [w.text for w in by_pdfium[0].words]
    assert "Flera" in first and "initierats," in first


@pytest.mark.parametrize("word_source", ["pdfium", "pdfplumber"])
def test_english_ocr_layer_without_ocr_gives_rows(word_source):
    """--ocr never on the English-OCR layer: the report reads (rows, a year), and its
    warnings say the layer was repaired with the lexicon."""
    spec = load_pipeline("default")
    spec = replace(spec, settings={**spec.settings, "ocr": "never", "word_source": word_source})
    report = extract_file(SCANS / "000_a8a4c6867aeb0241__scan_eng.pdf", spec)
    assert report.source_format == "pdf"
    assert report.controls
    assert any("repaired with the Swedish lexicon" in w for w in report.warnings)
