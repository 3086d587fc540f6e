"""Isolated workers: a file that hangs, kills its worker or takes too much memory is one
failure row, and the files around it are read and returned as they finish."""
from dataclasses import replace

import pytest

from ikextract.model import Failure, Report
from ikextract.pipeline import PipelineSpec
from ikextract.runner.sources import Source
from ikextract.runner.workers import Limits, WorkerPool
from tests.runner.corpus import DOCX, vary

SPEC = PipelineSpec("misbehaving", stages=("tests.runner.stages:misbehave", "read", "tables",
                                           "layouts", "meta", "text", "status"))


def sources(tmp_path, names):
    out = []
    for i, name in enumerate(names):
        p = vary(DOCX[i % len(DOCX)], tmp_path / name, i)
        out.append(Source(str(p), str(p)))
    return out


def test_a_hanging_file_is_stopped_and_does_not_hold_back_the_others(tmp_path):
    files = sources(tmp_path, ["a_hang.docx", "b.docx", "c.docx", "d.docx", "e.docx"])
    pool = WorkerPool(SPEC, 2, Limits(timeout=4, max_memory_mb=None))
    order = [(s.source_path, r) for s, r in pool.run(files)]
    names = [p.rsplit("/", 1)[1] for p, _ in order]
    # The stuck file went first but comes back last: everything after it was not held.
    assert names[-1] == "a_hang.docx" and sorted(names[:-1]) == ["b.docx", "c.docx", "d.docx",
                                                                 "e.docx"]
    stuck = order[-1][1]
    assert isinstance(stuck, Failure) and stuck.error_type == "Timeout"
    assert "4 s" in stuck.message and stuck.stage == "worker"
    assert all(isinstance(r, Report) for _, r in order[:-1])
    assert pool.stats.killed_for_time == 1
    assert not any(w.process.is_alive() for w in pool._workers)


def test_a_file_that_kills_its_worker_is_a_failure_and_the_batch_goes_on(tmp_path):
    files = sources(tmp_path, ["a.docx", "b_die.docx", "c.docx"])
    pool = WorkerPool(SPEC, 1, Limits(timeout=60, max_memory_mb=None))
    results = {s.source_path.rsplit("/", 1)[1]: r for s, r in pool.run(files)}
    assert isinstance(results["a.docx"], Report) and isinstance(results["c.docx"], Report)
    died = results["b_die.docx"]
    assert died.error_type == "WorkerDied" and "SIGKILL" in died.message
    assert pool.stats.died == 1 and pool.stats.started_workers == 2


def test_memory_past_the_limit_is_a_failure_not_a_dead_machine(tmp_path):
    files = sources(tmp_path, ["a_hog.docx", "b.docx"])
    pool = WorkerPool(SPEC, 1, Limits(timeout=60, max_memory_mb=256))
    results = {s.source_path.rsplit("/", 1)[1]: r for s, r in pool.run(files)}
    hog = results["a_hog.docx"]
    assert isinstance(hog, Failure) and hog.error_type == "MemoryError", hog
    assert isinstance(results["b.docx"], Report)
    assert pool.stats.peak_rss_kb < 1 << 20          # never near the 8 GiB it asked for


def test_workers_are_recycled_after_n_files(tmp_path):
    files = sources(tmp_path, [f"{i}.docx" for i in range(5)])
    pool = WorkerPool(SPEC, 1, Limits(timeout=60, max_memory_mb=None, files_per_worker=2))
    results = [r for _, r in pool.run(files)]
    assert all(isinstance(r, Report) for r in results) and len(results) == 5
    assert pool.stats.started_workers == 3


def test_one_worker_kept_between_single_files(tmp_path):
    files = sources(tmp_path, ["a.docx", "b_die.docx", "c.docx"])
    pool = WorkerPool(SPEC, 1, Limits(timeout=60, max_memory_mb=None))
    try:
        out = [pool.run_one(s) for s in files]
    finally:
        pool.close()
    assert [type(r).__name__ for r in out] == ["Report", "Failure", "Report"]
    assert pool.stats.started_workers == 2


def test_reports_prepared_by_workers_give_the_files_of_reading_in_the_parent(tmp_path):
    """Workers prepare each report's files (store.prepared); the datasets are those of a
    run without workers, byte for byte, and nothing prepared is left behind."""
    import hashlib

    from ikextract.pipeline import ingest, load_pipeline
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        vary(DOCX[i % len(DOCX)], src / f"{i}.docx", i)
    digests = []
    for workers in (0, 1):
        out = tmp_path / f"out{workers}"
        summary = ingest([src], out, workers=workers, spec=load_pipeline("default"))
        assert summary.reports == 3 and not summary.failures
        digests.append({f"{d}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
                        for d in ("reports", "controls", "risks") for p in (out / d).iterdir()})
        assert not list((out / ".prepared").iterdir())
    assert digests[0] == digests[1]
