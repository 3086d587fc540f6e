"""The command line end to end: ingest into a processed folder, bad input, re-runs, show."""
import json
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from ikextract.cli import main
from tests.conftest import CHECK_CONTRACT, FIXTURES, fixture_entries

SEEDS = [e["path"] for e in fixture_entries("docx") if e["variant"] == "seed"]
BAD = FIXTURES / "bad"


def _ingest(args):
    return CliRunner().invoke(main, ["ingest", *map(str, args)])


def _table(out, name):
    return ds.dataset(out / name, format="parquet").to_table()


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for p in SEEDS:
        shutil.copy(p, src / p.name)
    out = tmp_path_factory.mktemp("processed")
    result = _ingest([src, "-o", out, "--workers", "2"])
    assert result.exit_code == 0, result.output
    return src, out, result


def test_ingest_writes_the_contract(processed):
    src, out, result = processed
    assert "5 reports ingested" in result.output and "0 failures" in result.output
    check = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout
    controls = pd.read_parquet(out / "controls")
    assert len(controls) == 12 + 8 + 8 + 26 + 6
    reports = pd.read_parquet(out / "reports")
    assert set(reports["source_format"]) == {"docx"}
    assert sorted(reports["source_path"]) == sorted(str(src / p.name) for p in SEEDS)


def test_reingest_is_idempotent_and_a_changed_file_replaces_its_rows(processed, tmp_path):
    src, out, _ = processed
    before = _table(out, "controls").sort_by("control_id")
    again = _ingest([src, "-o", out])
    assert again.exit_code == 0 and "unchanged" in again.output
    forced = _ingest([src, "-o", out, "--force", "--workers", "1"])
    assert forced.exit_code == 0
    assert _table(out, "controls").sort_by("control_id").equals(before)

    # A different file at the same path replaces that report's rows, nothing else.
    target = src / SEEDS[0].name
    old_id = pd.read_parquet(out / "reports").set_index("source_path").loc[str(target), "report_id"]
    variant = next(e["path"] for e in fixture_entries("docx")
                   if e["gold"] == SEEDS[0].name.split("__")[0] + ".json" and e["variant"] != "seed")
    shutil.copy(variant, target)
    changed = _ingest([src, "-o", out])
    assert changed.exit_code == 0
    reports = pd.read_parquet(out / "reports")
    assert len(reports) == 5 and old_id not in set(reports["report_id"])
    controls = pd.read_parquet(out / "controls")
    assert old_id not in set(controls["report_id"])
    assert len(controls) == len(before)
    shutil.copy(SEEDS[0], target)
    assert _ingest([src, "-o", out]).exit_code == 0


@pytest.mark.parametrize("name, error_type", [
    ("corrupt.docx", "CorruptFile"), ("empty.docx", "EmptyFile"), ("encrypted.docx", "Encrypted"),
    ("not_a_report.docx", "NotAReport"), ("notes.txt", "UnsupportedFormat"),
    ("empty.pdf", "EmptyFile"), ("encrypted.pdf", "Encrypted"), ("corrupt.pdf", "CorruptFile"),
])
def test_bad_input_is_a_failure_row_and_a_clear_line(tmp_path, name, error_type):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(BAD / name, src / name)
    shutil.copy(SEEDS[0], src / SEEDS[0].name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 3, result.output
    lines = [l for l in result.output.splitlines() if "FAILED" in l]   # stderr is mixed in
    assert len(lines) == 1 and name in lines[0]
    failures = pd.read_parquet(out / "failures")
    assert list(failures["source_path"]) == [str(src / name)]
    assert failures["error_type"][0] == error_type
    assert failures["message"][0]
    # The good report beside it was still ingested.
    assert len(pd.read_parquet(out / "reports")) == 1


def test_usage_error_exits_2(tmp_path):
    assert CliRunner().invoke(main, ["ingest"]).exit_code == 2
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "missing")]).exit_code == 2


def test_show_prints_rows_and_json():
    seed = next(p for p in SEEDS if p.name.startswith("003"))
    text = CliRunner().invoke(main, ["show", str(seed)])
    assert text.exit_code == 0 and "Arbetsmarknadsnämnden" in text.output
    assert "#12" in text.output and "Progressionsmätning genom BIP" in text.output
    data = json.loads(CliRunner().invoke(main, ["show", str(seed), "--json"]).output)
    assert data["year"] == 2024 and len(data["controls"]) == 12
    assert data["controls"][0]["area"] == "Verksamhet och organisation"


def test_sample_data_ingests_and_keeps_the_contract(tmp_path):
    """What `make run` does: data/raw into a processed folder that keeps the contract."""
    from tests.conftest import ROOT
    raw = ROOT / "data" / "raw"
    assert sorted(p.suffix for p in raw.iterdir()), "data/raw holds no sample reports"
    out = tmp_path / "processed"
    result = _ingest([raw, "-o", out])
    assert result.exit_code == 0, result.output
    check = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout


def test_eval_reports_agreement_with_gold(processed):
    from tests.conftest import GOLD
    _, out, _ = processed
    result = CliRunner().invoke(main, ["eval", str(out), str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    assert overall["recall"] == 1.0 and overall["precision"] == 1.0
    assert all(v == 1.0 for v in overall["fields"].values())
