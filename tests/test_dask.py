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


def risk_groups(controls: pd.DataFrame) -> list[list[str]]:
    """Which rows share a risk_key, whatever the keys are named."""
    return sorted(sorted(s) for _, s in controls.groupby("risk_key")["control_id"])


def _frames(out):
    # Results arrive in another order on the cluster: linking gives the same groups of
    # rows, but a key's name and the board warnings follow which report came first
    # (ikextract.link.index), so those are compared as groups / left out.
    reports = pd.read_parquet(out / "reports").sort_values("source_path").reset_index(drop=True)
    controls = pd.read_parquet(out / "controls").sort_values("control_id").reset_index(drop=True)
    failures = pd.read_parquet(out / "failures").sort_values("source_path").reset_index(drop=True)
    return (reports.drop(columns=["warnings", "source_mtime_ns"]),
            controls.drop(columns=["risk_key", "extra"]),
            failures[["source_path", "stage", "error_type"]]), risk_groups(controls)


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
    (got, got_groups), (want, want_groups) = _frames(remote), _frames(local)
    for g, w in zip(got, want):
        pd.testing.assert_frame_equal(g, w)
    assert got_groups == want_groups
    assert len(pd.read_parquet(remote / "risks")) == len(pd.read_parquet(local / "risks"))
    failures = pd.read_parquet(remote / "failures")
    assert list(failures.error_type) == ["Timeout"]
