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


class _Conn:
    def __init__(self):
        self.sent = []

    def send(self, job):
        self.sent.append(job)


def test_the_last_file_may_spread_its_ocr_pages_over_the_idle_workers(tmp_path):
    """While files wait, each goes out with 1 OCR process; once the queue is empty, the file
    sent gets the slots no other file will fill."""
    from collections import deque

    from ikextract.runner.workers import _Worker
    pool = WorkerPool(PipelineSpec("default"), workers=3)
    a, b, c = (_Worker(process=None, conn=_Conn()) for _ in range(3))
    pool._workers = [a, b, c]
    queue = deque(enumerate(["one.pdf", "two.pdf"]))
    pool._dispatch(queue)
    hints = sorted(w.conn.sent[0][2] for w in (a, b, c) if w.conn.sent)
    assert hints == [1, 2]          # the first waits on nothing; the second: itself + 1 idle
    assert not any(len(w.conn.sent) > 1 for w in (a, b, c))     # no core given twice
    # the file with the idle core finishes: that core is offered to the one still reading
    done = next(w for w in (a, b, c) if w.conn.sent and w.conn.sent[0][2] == 2)
    still = next(w for w in (a, b, c) if w.conn.sent and w.conn.sent[0][2] == 1)
    done.job = None
    pool._dispatch(queue)
    assert still.conn.sent[1:] == [("spare", 2)] and still.cores == 3
    pool._dispatch(queue)
    assert len(still.conn.sent) == 2                    # offered once per file
    # one file, --workers 2: one worker started, both cores for its pages
    lone = WorkerPool(PipelineSpec("default"), workers=1, page_slots=2)
    w = _Worker(process=None, conn=_Conn())
    lone._workers = [w]
    lone._dispatch(deque([(0, "scan.pdf")]))
    assert w.conn.sent == [(0, "scan.pdf", 2)]      # a scan read alone uses both


def test_page_jobs_reach_the_ocr_pool_size(monkeypatch):
    from ikextract.read import ocr
    from ikextract.runner.workers import OCR_JOBS_ENV, set_page_jobs
    monkeypatch.delenv(OCR_JOBS_ENV, raising=False)
    set_page_jobs(2)
    assert ocr.pool_size(10) == 2 and ocr.pool_size(1) == 1
    set_page_jobs(0)
    assert ocr.pool_size(10) == 1


def test_a_busy_worker_reads_offers_and_keeps_other_messages():
    from collections import deque
    from multiprocessing import Pipe

    from ikextract.runner.workers import _spare_offered
    parent, child = Pipe()
    pending = deque()
    assert _spare_offered(child, pending) == 0
    parent.send(("spare", 1))
    parent.send(None)
    parent.send(("spare", 2))
    assert _spare_offered(child, pending) == 2 and list(pending) == [None]


def test_ocr_spreads_the_pages_left_once_cores_are_offered(monkeypatch):
    from ikextract.read import ocr, ocr_share
    calls = []
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_page", lambda path, n, w, h: calls.append(("serial", n)) or n)
    monkeypatch.setattr(ocr, "_pooled", lambda path, rest, jobs: calls.append(
        ("pool", [n for n, _, _ in rest], jobs)) or {n: n for n, _, _ in rest})
    offers = iter([0, 0, 1])
    ocr_share.set_probe(lambda: next(offers, 0))
    try:
        out = ocr.ocr_pages("x.pdf", [(n, 595, 842) for n in range(1, 7)], jobs=1)
    finally:
        ocr_share.set_probe(None)
    assert calls == [("serial", 1), ("serial", 2), ("pool", [3, 4, 5, 6], 2)]
    assert sorted(out) == [1, 2, 3, 4, 5, 6]
