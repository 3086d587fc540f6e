"""`ingest --scheduler` on a Dask cluster gives the same datasets as a local run, and a file
that hangs is stopped there too (each Dask worker reads in an isolated child)."""
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from ikextract.cli import main
from tests.runner.corpus import DOCX, mediabox_cycle_pdf

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as c:
        yield c


def _frames(out):
    reports = pd.read_parquet(out / "reports").sort_values("source_path").reset_index(drop=True)
    controls = pd.read_parquet(out / "controls").sort_values("control_id").reset_index(drop=True)
    failures = pd.read_parquet(out / "failures").sort_values("source_path").reset_index(drop=True)
    risks = pd.read_parquet(out / "risks").sort_values("risk_key").reset_index(drop=True)
    return reports, controls, failures[["source_path", "stage", "error_type"]], risks


def test_a_dask_run_gives_the_same_datasets_as_a_local_run(cluster, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for p in DOCX:
        shutil.copy(p, src / p.name)
    (src / "cycle.pdf").write_bytes(mediabox_cycle_pdf())
    local, remote = tmp_path / "local", tmp_path / "dask"
    # pdfplumber: the word source that never finishes the cycle (a stuck file on a worker)
    common = ["--timeout", "5", "--word-source", "pdfplumber"]
    a = CliRunner().invoke(main, ["ingest", str(src), "-o", str(local), "--workers", "2",
                                  *common])
    b = CliRunner().invoke(main, ["ingest", str(src), "-o", str(remote), *common,
                                  "--scheduler", cluster.scheduler_address])
    assert a.exit_code == b.exit_code == 3, (a.output, b.output)
    for got, want in zip(_frames(remote), _frames(local)):
        pd.testing.assert_frame_equal(got.drop(columns=["source_mtime_ns"], errors="ignore"),
                                      want.drop(columns=["source_mtime_ns"], errors="ignore"))
    failures = pd.read_parquet(remote / "failures")
    assert list(failures.error_type) == ["Timeout"]
