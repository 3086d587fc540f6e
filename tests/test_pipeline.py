"""Batches that never die (issues 7 and 12): a failure in any stage, linking and writing
included, is one failure row and a stderr line; full disks and read-only folders are
failures, not tracebacks; failed files are not retried unchanged; a changed file's rows are
replaced without a window; concurrent runs and SIGTERM leave consistent datasets."""
import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import docx
import pandas as pd
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from ikextract import pipeline, store
from ikextract.cli import main
from ikextract.model import ControlRow, Report, ReportMeta
from ikextract.store import datasets
from tests.conftest import CHECK_CONTRACT, FIXTURES, ROOT
from tests.runner.corpus import DOCX, PDF, vary

BOARD_WORDS = ("nämnd", "styrelse")


def contract_kept(out) -> bool:
    proc = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(out)], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout
    return True


def without_board(src, dst):
    """A seed with every board name taken out: the report names no board."""
    import re
    pattern = re.compile(r"\b\w*(" + "|".join(BOARD_WORDS) + r")\w*", re.I)
    d = docx.Document(src)
    paragraphs = list(d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                paragraphs.extend(c.paragraphs)
    for s in d.sections:
        for part in (s.header, s.footer, s.first_page_header):
            paragraphs.extend(part.paragraphs)
    for p in paragraphs:
        for r in p.runs:
            r.text = pattern.sub("", r.text)
    d.core_properties.title = d.core_properties.subject = d.core_properties.author = ""
    d.save(dst)
    return dst


def test_good_no_board_and_unreadable_give_exit_3_two_reports_one_failure(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DOCX[0], src / "good.docx")
    without_board(next(p for p in DOCX if p.name.startswith("003")), src / "noboard.docx")
    shutil.copy(FIXTURES / "bad" / "corrupt.docx", src / "unreadable.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 3, result.output
    reports = pd.read_parquet(out / "reports").set_index("source_path")
    assert len(reports) == 2
    noboard = reports.loc[str(src / "noboard.docx")]
    assert noboard.organisation is None or pd.isna(noboard.organisation)
    assert any("organisation" in w for w in noboard.warnings)
    failures = pd.read_parquet(out / "failures")
    assert list(failures.source_path) == [str(src / "unreadable.docx")]
    assert len(pd.read_parquet(out / "risks")) > 0
    import duckdb
    assert duckdb.sql(f"SELECT count(*) FROM '{out}/risks/*.parquet'").fetchall()[0][0] > 0
    assert contract_kept(out)


def _three(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, seed in (("a.docx", DOCX[0]), ("victim.docx", DOCX[2]), ("z.docx", DOCX[3])):
        shutil.copy(seed, src / name)
    return src


def _raise_for_victim(original):
    def stage(ctx, *args, **kwargs):
        target = getattr(ctx, "path", None) or getattr(ctx, "source_path", "")
        if "victim" in str(target):
            raise RuntimeError("injected failure")
        return original(ctx, *args, **kwargs)
    return stage


@pytest.mark.parametrize("stage", ["read", "tables", "layouts", "meta", "text", "status",
                                   "link", "store"])
def test_an_exception_in_any_stage_is_one_failure_and_the_batch_goes_on(tmp_path, monkeypatch,
                                                                         stage):
    src = _three(tmp_path)
    out = tmp_path / "out"
    if stage == "link":
        original = pipeline._Linker.assign
        monkeypatch.setattr(pipeline._Linker, "assign",
                            lambda self, r: _raise_for_victim(lambda r: original(self, r))(r))
    elif stage == "store":
        original = store.Store.write_report
        monkeypatch.setattr(store.Store, "write_report",
                            lambda self, r, *a, **k: _raise_for_victim(
                                lambda r: original(self, r, *a, **k))(r))
    else:
        monkeypatch.setitem(pipeline.STAGES, stage, _raise_for_victim(pipeline.STAGES[stage]))
    summary = pipeline.ingest([src], out, workers=0)      # in this process: patches apply
    assert [(f.source_path, f.stage) for f in summary.failures] == [
        (str(src / "victim.docx"), stage)]
    assert "injected failure" in summary.failures[0].message
    assert summary.reports == 2
    assert len(pd.read_parquet(out / "reports")) == 2
    assert len(pd.read_parquet(out / "risks")) > 0          # rebuilt, readable
    assert contract_kept(out)


def test_a_full_disk_while_writing_one_report_is_a_failure_row(tmp_path, monkeypatch):
    src = _three(tmp_path)
    out = tmp_path / "out"
    victim = datasets.path_key(str(src / "victim.docx"))
    real = datasets.write_temp

    def write_temp(table, path):
        if path.stem == victim and path.parent.name == "controls":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, path)
    monkeypatch.setattr(datasets, "write_temp", write_temp)
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 3, result.output
    line = next(l for l in result.output.splitlines() if "FAILED" in l)
    assert "victim.docx" in line and "No space left on device" in line and "[store/" in line
    failures = pd.read_parquet(out / "failures")
    assert list(failures.stage) == ["store"]
    assert len(pd.read_parquet(out / "reports")) == 2
    assert not list((out / "controls").glob(".*.tmp"))
    assert contract_kept(out)
    # Space again: the rerun writes it (a store failure says nothing about the file).
    monkeypatch.setattr(datasets, "write_temp", real)
    again = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert len(pd.read_parquet(out / "reports")) == 3 and len(pd.read_parquet(out / "failures")) == 0


def test_a_disk_full_for_everything_ends_with_a_message_not_a_traceback(tmp_path, monkeypatch):
    src = _three(tmp_path)
    out = tmp_path / "out"
    store.ensure_layout(out)

    def full(table, path):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(datasets, "write_temp", full)
    monkeypatch.setattr(store.files, "write_temp", full)
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    failed = [l for l in result.output.splitlines() if "FAILED" in l]
    assert len(failed) == 3 and all("could not be recorded" in l for l in failed)
    assert "risks/ could not be rebuilt" in result.output
    for name in ("reports", "controls", "failures"):
        assert pd.read_parquet(out / name).empty        # still readable


def test_a_read_only_output_folder_lists_every_file_and_exits_3(tmp_path, monkeypatch):
    src = _three(tmp_path)

    def read_only(out_dir):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(datasets, "ensure_layout", read_only)
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "cannot write to" in result.output and "Read-only file system" in result.output
    assert len([l for l in result.output.splitlines() if "FAILED" in l]) == 3


def test_an_output_path_under_a_file_is_a_message(tmp_path):
    src = _three(tmp_path)
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(main, ["ingest", str(src), "-o", str(tmp_path / "file" / "out")])
    assert result.exit_code == 3
    assert "cannot write to" in result.output and "Not a directory" in result.output


def test_failed_files_are_not_retried_unchanged_unless_asked(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(FIXTURES / "bad" / "corrupt.docx", src / "bad.docx")
    shutil.copy(DOCX[0], src / "good.docx")
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out)])
    assert first.exit_code == 3 and "FAILED" in first.output
    again = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out)])
    assert again.exit_code == 3 and "FAILED" not in again.output
    assert "1 failed before and unchanged, not retried" in again.output
    retried = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out), "--retry-failed"])
    assert retried.exit_code == 3 and "FAILED" in retried.output
    # A changed file is tried again without asking.
    shutil.copy(DOCX[1], src / "bad.docx")
    fixed = CliRunner().invoke(main, ["ingest", str(src), "-o", str(out)])
    assert fixed.exit_code == 0, fixed.output
    assert pd.read_parquet(out / "failures").empty


def _report(report_id, path, risk):
    return Report(report_id, path, report_id * 4, "docx",
                  ReportMeta(title="Internkontroll", organisation="Kommunstyrelsen", year=2024),
                  None, [ControlRow(risk=f"{risk} {i}", status="okand", risk_key=f"k{i}")
                         for i in range(3)])


def test_replacing_a_changed_file_has_no_window_with_both_versions_or_neither(tmp_path):
    out = tmp_path / "out"
    versions = [_report("aaaa00000000000" + str(i), "in/plan.docx", f"v{i}") for i in (1, 2)]
    other = _report("bbbb000000000000", "in/other.docx", "other")
    s = store.Store(out, "t")
    s.write_report(versions[0])
    s.write_report(other)
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            i += 1
            s.write_report(versions[i % 2])
    thread = threading.Thread(target=writer)
    thread.start()
    seen = set()
    try:
        for _ in range(150):
            rows = ds.dataset(out / "controls", format="parquet").to_table(
                columns=["report_id"]).column(0).to_pylist()
            ids = set(rows) - {other.report_id}
            assert len(ids) == 1 and len(rows) == 6, rows      # one version, all its rows
            seen |= ids
            reports = ds.dataset(out / "reports", format="parquet").to_table(
                columns=["source_path"]).column(0).to_pylist()
            assert sorted(reports) == ["in/other.docx", "in/plan.docx"]
    finally:
        stop.set()
        thread.join()
    assert seen == {v.report_id for v in versions}


def _cli(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "ikextract", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _corpus(folder, n_docx, n_pdf, start=0):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_docx):
        vary(DOCX[i % len(DOCX)], folder / f"d{start + i:03d}.docx", start + i)
    for i in range(n_pdf):
        vary(PDF[i % len(PDF)], folder / f"p{start + i:03d}.pdf", start + i)
    return folder


def _datasets(out):
    reports = pd.read_parquet(out / "reports").sort_values("source_path")
    controls = pd.read_parquet(out / "controls").sort_values("control_id")
    # Identity and structure: other columns follow the extractor's code, which other work
    # may change between two runs of this test; risk keys as groups of rows (a key's name
    # follows which report of its board was linked first).
    keep = ["report_id", "source_path", "source_sha256", "n_controls"]
    groups = sorted(sorted(s) for _, s in controls.groupby("risk_key")["control_id"])
    return (reports[keep].reset_index(drop=True),
            controls[["control_id", "report_id", "seq"]].reset_index(drop=True),
            pd.DataFrame({"risk_group": [" ".join(g) for g in groups]}))


def test_two_concurrent_runs_into_one_folder_keep_each_others_rows(tmp_path):
    a = _corpus(tmp_path / "a", 10, 0, start=0)
    b = _corpus(tmp_path / "b", 10, 0, start=100)
    out = tmp_path / "out"
    runs = [_cli("ingest", a, "-o", out, "--workers", "1"),
            _cli("ingest", b, "-o", out, "--workers", "1")]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    reports = pd.read_parquet(out / "reports")
    assert len(reports) == 20
    assert contract_kept(out)


def test_sigterm_mid_run_then_rerun_equals_an_uninterrupted_run(tmp_path):
    import psutil
    src = _corpus(tmp_path / "src", 10, 2)     # the PDFs (slower) sort last
    whole = tmp_path / "whole"
    done = _cli("ingest", src, "-o", whole, "--workers", "2")
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err

    out = tmp_path / "out"
    run = _cli("ingest", src, "-o", out, "--workers", "2")
    try:
        for line in run.stderr:              # plain lines: one per file
            if line.startswith("[1/"):
                break
        family = psutil.Process(run.pid).children(recursive=True)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 128 + signal.SIGTERM, err
    gone, alive = psutil.wait_procs(family, timeout=10)
    assert not alive                                    # the workers were stopped
    assert contract_kept(out)
    assert len(pd.read_parquet(out / "reports")) < 12   # it did stop early
    rerun = _cli("ingest", src, "-o", out, "--workers", "2")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    for got, want in zip(_datasets(out), _datasets(whole)):
        pd.testing.assert_frame_equal(got, want)
