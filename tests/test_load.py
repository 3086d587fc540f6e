"""ikextract.load(DIR): DataFrames with the contract's types kept."""
import subprocess
import sys

import pandas as pd
import pytest

import ikextract
from ikextract.model import STATUS_CODES
from tests.fixtures.link.build import ingest_fixture


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    root = tmp_path_factory.mktemp("load")
    ingest_fixture(root / "processed", root / "raw")
    return root / "processed"


def test_load_returns_the_four_datasets(processed):
    data = ikextract.load(processed)
    assert data.keys() == ("reports", "controls", "risks", "failures")
    reports, controls, risks, failures = data
    assert data["controls"] is controls
    assert len(reports) == 11 and len(controls) == 99 + 11 and len(failures) == 0
    assert set(risks["risk_key"]) == set(controls["risk_key"])
    assert list(controls.columns[:3]) == ["control_id", "report_id", "seq"]


def test_int16_with_nulls_stays_int16(processed):
    controls = ikextract.load(processed).controls
    assert controls["risk_value"].isna().all()              # no risk values in the fixtures
    assert controls["risk_value"].dtype == pd.ArrowDtype(__import__("pyarrow").int16())
    assert controls["year"].dtype == pd.ArrowDtype(__import__("pyarrow").int16())
    pages = controls["source_page"]
    assert pages.isna().any() and pages.notna().any()       # the DOCX twin has no pages
    assert str(pages.dtype) == "int32[pyarrow]"
    assert str(controls["follows_plan"].dtype) == "bool[pyarrow]"
    assert str(controls["status_confidence"].dtype) == "float[pyarrow]"


def test_lists_and_strings_keep_their_arrow_types(processed):
    data = ikextract.load(processed)
    assert str(data.risks["years"].dtype) == "list<item: int16>[pyarrow]"
    assert str(data.reports["warnings"].dtype) == "list<item: string>[pyarrow]"
    assert str(data.controls["risk"].dtype) == "string[pyarrow]"
    assert data.controls["extra"].dtype.pyarrow_dtype.value_type.names == ["label", "text"]


def test_status_is_an_ordered_categorical_in_contract_order(processed):
    status = ikextract.load(processed).controls["status"]
    assert isinstance(status.dtype, pd.CategoricalDtype) and status.dtype.ordered
    assert list(status.cat.categories) == list(STATUS_CODES)
    assert (status >= "avvikelser").any()
    assert status.value_counts().index.size == len(STATUS_CODES)


def test_an_empty_folder_gives_typed_empty_frames(tmp_path):
    from ikextract import store
    store.ensure_layout(tmp_path)
    data = ikextract.load(tmp_path)
    assert len(data.controls) == 0
    assert str(data.controls["year"].dtype) == "int16[pyarrow]"
    assert isinstance(data.controls["status"].dtype, pd.CategoricalDtype)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="ikextract ingest"):
        ikextract.load(tmp_path / "nothing")


def test_importing_ikextract_does_not_import_pandas():
    code = "import sys, ikextract; assert 'pandas' not in sys.modules; ikextract.load; " \
           "assert callable(ikextract.load)"
    subprocess.run([sys.executable, "-c", code], check=True)
