"""Legacy formats go through LibreOffice to DOCX and give the same rows as the DOCX."""
import shutil
from pathlib import Path

import pytest

from ikextract.pipeline import extract_file
from ikextract.read.convert import convert, soffice_binary
from tests.conftest import fixture_entries

pytestmark = pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice not installed")


@pytest.mark.parametrize("target", ["odt", "rtf", "doc"])
def test_legacy_format_gives_the_docx_rows(tmp_path, target):
    seed = next(e["path"] for e in fixture_entries("docx")
                if e["variant"] == "seed" and e["path"].name.startswith("003"))
    legacy = convert(seed, target, tmp_path)
    report = extract_file(legacy)
    original = extract_file(seed)
    assert report.source_format == target
    assert len(report.controls) == len(original.controls) == 12
    assert [r.number for r in report.controls] == [r.number for r in original.controls]
    assert report.controls[2].result == original.controls[2].result
    assert report.meta == original.meta
