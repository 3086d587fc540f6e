"""Reports prepared by workers: the parent commits what fits and the files are the same."""
import copy
import hashlib
from pathlib import Path

from ikextract import store
from ikextract.runner.sources import Source
from ikextract.store.layout import PREPARED_DIR
from ikextract.store.prepared import PreparedReport, prepare
from tests.store.test_datasets import VERSION, small_report


def digests(out: Path) -> dict:
    return {f"{d}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
            for d in ("reports", "controls", "failures") for p in (out / d).iterdir()}


def source_of(report) -> Source:
    return Source(report.source_path, report.source_path, size=10, mtime_ns=20)


def test_a_prepared_report_is_committed_as_the_same_files(tmp_path):
    plain, fast = tmp_path / "plain", tmp_path / "fast"
    a, b = small_report(), small_report()
    prepared = prepare(b, source_of(b), str(store.ensure_layout(fast)), VERSION, 1)
    assert isinstance(prepared, PreparedReport) and prepared.report_file
    assert Path(prepared.report_file).parent == fast / PREPARED_DIR
    for r in (a, b):
        for row, key in zip(r.controls, ("k-9", "k-8")):
            row.risk_key = key                      # as linking sets them, after preparing
    s = store.Store(plain, VERSION)
    s.write_report(a, stamp=(10, 20))
    s.close()
    s = store.Store(fast, VERSION)
    s.write_report(b, stamp=(10, 20), prepared=prepared)
    s.close()
    prepared.discard()
    assert digests(plain) == digests(fast)
    assert not list((fast / PREPARED_DIR).iterdir())       # renamed into reports/


def test_a_prepared_row_that_no_longer_fits_is_replaced_and_removed(tmp_path):
    """Linking added a warning (or the report joins paths already stored): the parent
    writes its own row, and the prepared file goes."""
    plain, fast = tmp_path / "plain", tmp_path / "fast"
    a = small_report()
    b = copy.deepcopy(a)
    prepared = prepare(b, source_of(b), str(store.ensure_layout(fast)), VERSION, 1)
    for r in (a, b):
        r.warnings.append("municipality not named in the report")
    for out, r, p in ((plain, a, None), (fast, b, prepared)):
        s = store.Store(out, VERSION)
        s.write_report(r, stamp=(10, 20), prepared=p)
        s.close()
    assert digests(plain) == digests(fast)
    assert not list((fast / PREPARED_DIR).iterdir())


def test_a_prepared_file_not_committed_is_discarded_and_a_dead_parents_is_cleaned(tmp_path):
    out = store.ensure_layout(tmp_path / "out")
    r = small_report()
    prepared = prepare(r, source_of(r), str(out), VERSION, 1)
    prepared.discard()
    assert not list((out / PREPARED_DIR).iterdir())
    left = prepare(small_report(), source_of(r), str(out), VERSION, 2 ** 22 + 7)   # no such pid
    assert Path(left.report_file).exists()
    store.ensure_layout(out)
    assert not Path(left.report_file).exists()


def test_what_cannot_be_prepared_is_left_to_the_parent(tmp_path):
    bad = small_report()
    bad.controls[0].status = "not a code"
    assert prepare(bad, source_of(bad), str(tmp_path), VERSION, 1) is bad
    nowhere = prepare(small_report(), source_of(bad), str(tmp_path / "missing"), VERSION, 1)
    assert isinstance(nowhere, PreparedReport) and nowhere.report_file is None
    assert nowhere.controls() is not None
