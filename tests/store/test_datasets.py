"""The processed folder keeps the contract: schemas, ids, incremental replacement, crashes."""
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from ikextract import store
from ikextract.evaluate import gold_report
from ikextract.link import assign_risk_keys
from ikextract.model import ControlRow, Failure, Report, ReportMeta
from ikextract.store.datasets import failure_file_name, path_key
from tests.conftest import CHECK_CONTRACT, GOLD as GOLD_DIR

GOLD = sorted(GOLD_DIR.glob("*.json"))
CHECK = CHECK_CONTRACT
VERSION = "0.1.0-test"
SEED_003 = "003_977ef8c6729c1ad8.pdf"


def gold_reports():
    reports = [gold_report(p) for p in GOLD]
    assign_risk_keys(reports, None)
    return reports


def write_all(out, reports):
    for r in reports:
        store.write_report(out, r, VERSION)
    store.rebuild_risks(out)


def check_contract(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(folder)], capture_output=True,
                          text=True)


def small_report(report_id="aaaa000000000001", path="in/a.pdf", year=2024, rows=None,
                 organisation="Kommunstyrelsen"):
    if rows is None:
        rows = [ControlRow(risk="Risk för felaktiga utbetalningar", status="avvikelser",
                           status_confidence=0.8, risk_key="k-1", source_page=2),
                ControlRow(risk="Bristande dokumentation", status="okand", risk_key="k-2")]
    return Report(report_id=report_id, source_path=path, source_sha256=report_id * 4,
                  source_format="pdf", meta=ReportMeta(title="Internkontroll",
                                                       organisation=organisation, year=year),
                  page_count=3, controls=rows)


@pytest.fixture
def gold_dir(tmp_path):
    out = tmp_path / "processed"
    write_all(out, gold_reports())
    return out


def test_gold_folder_keeps_the_contract(gold_dir):
    proc = check_contract(gold_dir)
    assert proc.returncode == 0, proc.stdout
    assert "contract kept" in proc.stdout


def test_every_file_has_exactly_the_dataset_schema(gold_dir):
    store.write_failure(gold_dir, Failure("x/broken.pdf", None, "read", "OSError", "nope"))
    for name, schema in store.SCHEMAS.items():
        files = sorted((gold_dir / name).glob("*.parquet"))
        assert files, name
        for f in files:
            assert pq.read_schema(f).remove_metadata().equals(schema), f


def test_all_null_and_empty_report_keep_types(tmp_path):
    out = tmp_path / "p"
    empty = small_report(rows=[])
    nulls = small_report("bbbb000000000002", "in/b.pdf",
                         rows=[ControlRow(risk_key="only-key")])  # every optional field null
    store.write_report(out, empty, VERSION)
    store.write_report(out, nulls, VERSION)
    store.rebuild_risks(out)
    assert check_contract(out).returncode == 0
    t = pq.read_table(out / "controls" / f"{path_key('in/b.pdf')}.parquet")
    assert t.schema.field("risk_value").type == pa.int16()
    assert t.schema.field("follows_plan").type == pa.bool_()
    assert t.column("source_table").to_pylist() == [0]
    assert pq.read_table(out / "controls" / f"{path_key('in/a.pdf')}.parquet").num_rows == 0
    reports = store.read_dataset(out, "reports").to_pylist()
    assert {r["report_id"]: r["n_controls"] for r in reports} == {
        "aaaa000000000001": 0, "bbbb000000000002": 1}


def test_control_rows_carry_ids_and_report_metadata(gold_dir):
    c = store.read_dataset(gold_dir, "controls").to_pandas()
    one = c[c.report_id == "977ef8c6729c1ad8"].sort_values("seq")
    assert list(one.seq) == list(range(1, 13))
    assert list(one.control_id) == [f"977ef8c6729c1ad8:{i}" for i in range(1, 13)]
    assert set(one.year) == {2024} and set(one.organisation) == {"Arbetsmarknadsnämnden"}
    assert one.iloc[0].area == "Verksamhet och organisation"
    ks = c[c.report_id == "3373f616eefb6ac1"].sort_values("seq")
    assert list(ks.risk_value) == [9, 9, 9, 8, 8, 8, 9, 9]
    assert ks.follows_plan.all()


def test_rewriting_the_same_report_gives_identical_files(tmp_path):
    out = tmp_path / "p"
    reports = gold_reports()
    write_all(out, reports)
    before = {f: f.read_bytes() for f in out.rglob("*.parquet")}
    write_all(out, reports)
    after = {f: f.read_bytes() for f in out.rglob("*.parquet")}
    assert before == after


def test_a_changed_file_replaces_only_its_own_rows(tmp_path):
    out = tmp_path / "p"
    store.write_report(out, small_report(), VERSION)
    other = small_report("cccc000000000003", "in/other.pdf")
    store.write_report(out, other, VERSION)
    other_bytes = (out / "controls" / f"{path_key('in/other.pdf')}.parquet").read_bytes()

    changed = small_report("dddd000000000004", "in/a.pdf", rows=[
        ControlRow(risk="Ny risk", status="pagar", risk_key="k-9")])
    store.write_report(out, changed, VERSION)
    store.rebuild_risks(out)

    # The new version took the path's files over: the old report is nowhere.
    assert {r["report_id"] for r in store.read_dataset(out, "reports").to_pylist()} == {
        "cccc000000000003", "dddd000000000004"}
    reports = store.read_dataset(out, "reports").to_pylist()
    assert sorted(r["source_path"] for r in reports) == ["in/a.pdf", "in/other.pdf"]
    rows = store.read_dataset(out, "controls").to_pylist()
    assert [r["risk"] for r in rows if r["report_id"] == "dddd000000000004"] == ["Ny risk"]
    assert (out / "controls" / f"{path_key('in/other.pdf')}.parquet").read_bytes() == other_bytes
    assert check_contract(out).returncode == 0


def test_known_reports_maps_paths_to_digests(gold_dir):
    known = store.known_reports(gold_dir)
    assert known["000_a8a4c6867aeb0241.pdf"] == "a8a4c6867aeb0241".ljust(64, "0")
    assert len(known) == len(GOLD)


def test_a_failure_is_recorded_once_per_path(tmp_path):
    out = tmp_path / "p"
    store.write_failure(out, Failure("in/bad.pdf", None, "read", "OSError", "first"))
    store.write_failure(out, Failure("in/bad.pdf", "ab" * 32, "layouts", "ValueError", "second"))
    store.write_failure(out, Failure("in/worse.xls", None, "read", "Unsupported", "not a report"))
    f = store.read_dataset(out, "failures").to_pandas().sort_values("source_path")
    assert list(f.source_path) == ["in/bad.pdf", "in/worse.xls"]
    assert list(f.message) == ["second", "not a report"]
    assert (out / "failures" / failure_file_name("in/bad.pdf")).exists()


def test_failure_after_success_keeps_old_rows_with_a_warning(tmp_path):
    out = tmp_path / "p"
    store.write_report(out, small_report(), VERSION)
    kept = store.write_failure(out, Failure("in/a.pdf", "ff" * 32, "read", "PDFSyntaxError",
                                            "broken xref"))
    assert kept == ["aaaa000000000001"]
    rep = store.read_dataset(out, "reports").to_pylist()[0]
    assert any(w.startswith("Later ingest of this file failed") for w in rep["warnings"])
    assert store.read_dataset(out, "controls").num_rows == 2
    # A failed path is not "known", so the next run tries it again ...
    assert "in/a.pdf" not in store.known_reports(out)
    # ... and a success clears the failure and the warning.
    store.write_report(out, small_report(), VERSION)
    assert store.read_dataset(out, "failures").num_rows == 0
    assert store.read_dataset(out, "reports").to_pylist()[0]["warnings"] == []
    assert store.known_reports(out) == {"in/a.pdf": "aaaa000000000001" * 4}


def test_identical_bytes_under_two_paths_are_one_report(tmp_path):
    out = tmp_path / "p"
    store.write_report(out, small_report(path="z/copy.pdf"), VERSION)
    store.write_report(out, small_report(path="a/orig.pdf"), VERSION)
    store.rebuild_risks(out)
    reports = store.read_dataset(out, "reports").to_pylist()
    assert len(reports) == 1
    assert reports[0]["source_path"] == "a/orig.pdf"
    assert reports[0]["duplicate_paths"] == ["z/copy.pdf"]
    assert set(store.known_reports(out)) == {"a/orig.pdf", "z/copy.pdf"}
    assert check_contract(out).returncode == 0
    # The copy changes: it becomes its own report, the original keeps its path.
    store.write_report(out, small_report("eeee000000000005", "z/copy.pdf"), VERSION)
    paths = {r["report_id"]: (r["source_path"], r["duplicate_paths"])
             for r in store.read_dataset(out, "reports").to_pylist()}
    assert paths == {"aaaa000000000001": ("a/orig.pdf", []),
                     "eeee000000000005": ("z/copy.pdf", [])}


def test_rebuild_risks_summarises_keys(tmp_path):
    out = tmp_path / "p"
    r23 = small_report("aaaa000000000001", "in/2023.pdf", 2023)
    r24 = small_report("bbbb000000000002", "in/2024.pdf", 2024, rows=[
        ControlRow(risk="b) Risk för felaktiga utbetalningar till leverantörer", status="pagar",
                   risk_key="k-1")])
    store.write_report(out, r24, VERSION)
    store.write_report(out, r23, VERSION)
    assert store.rebuild_risks(out) == 2
    risks = {r["risk_key"]: r for r in store.read_dataset(out, "risks").to_pylist()}
    assert risks["k-1"]["years"] == [2023, 2024]
    assert (risks["k-1"]["first_year"], risks["k-1"]["last_year"]) == (2023, 2024)
    assert risks["k-1"]["n_reports"] == 2
    # The label is the latest wording, without its letter prefix.
    assert risks["k-1"]["label"] == "Risk för felaktiga utbetalningar till leverantörer"
    assert risks["k-2"]["years"] == [2023] and risks["k-2"]["n_reports"] == 1
    assert [f.name for f in (out / "risks").iterdir()] == ["risks.parquet"]


def test_long_labels_are_shortened_at_a_word(tmp_path):
    out = tmp_path / "p"
    text = "Risk att " + " ".join(["mycket"] * 40) + " långt"
    store.write_report(out, small_report(rows=[ControlRow(risk=text, risk_key="k")]), VERSION)
    store.rebuild_risks(out)
    label = store.read_dataset(out, "risks").column("label")[0].as_py()
    assert len(label) <= 120 and label.endswith("mycket…")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_temp_file_left_by_a_crash_is_invisible_and_cleaned(gold_dir):
    pid = _dead_pid()
    junk = gold_dir / "controls" / f".aaaa.parquet.{pid}-1.tmp"
    junk.write_bytes(b"PAR1 half a file")
    expected = store.read_dataset(gold_dir, "controls").num_rows
    # Readers do not see it ...
    assert len(pd.read_parquet(gold_dir / "controls")) == expected
    assert ds.dataset(gold_dir / "controls", format="parquet").count_rows() == expected
    assert junk not in (gold_dir / "controls").glob("*.parquet")
    assert check_contract(gold_dir).returncode == 0
    # ... and the next writer removes it; a live writer's temp file is left alone.
    live = gold_dir / "controls" / f".bbbb.parquet.{os.getpid()}-1.tmp"
    live.write_bytes(b"in progress")
    store.ensure_layout(gold_dir)
    assert not junk.exists() and live.exists()


def test_a_killed_replace_leaves_orphans_that_rebuild_removes(gold_dir):
    # A run killed after removing a report file but before its controls file.
    (gold_dir / "reports" / f"{path_key(SEED_003)}.parquet").unlink()
    assert check_contract(gold_dir).returncode == 1
    store.rebuild_risks(gold_dir)
    assert not (gold_dir / "controls" / f"{path_key(SEED_003)}.parquet").exists()
    assert check_contract(gold_dir).returncode == 0


@pytest.mark.parametrize("name", ["reports", "controls", "risks", "failures"])
def test_common_readers_read_each_dataset(gold_dir, name):
    store.write_failure(gold_dir, Failure("x/broken.pdf", None, "read", "OSError", "nope"))
    expected = store.read_dataset(gold_dir, name).num_rows
    assert expected > 0
    assert len(pd.read_parquet(gold_dir / name)) == expected
    assert ds.dataset(gold_dir / name, format="parquet").to_table().num_rows == expected
    try:
        import duckdb
    except ImportError:
        return
    n = duckdb.sql(f"SELECT count(*) FROM '{gold_dir / name}/*.parquet'").fetchall()[0][0]
    assert n == expected


def test_contract_violations_are_refused(tmp_path):
    with pytest.raises(ValueError, match="status"):
        store.write_report(tmp_path, small_report(rows=[ControlRow(status="ok")]), VERSION)
    with pytest.raises(ValueError, match="year"):
        store.write_report(tmp_path, small_report(year=None), VERSION)
    assert store.read_dataset(tmp_path, "reports").num_rows == 0
    assert store.read_dataset(tmp_path, "controls").num_rows == 0


def test_a_run_where_everything_failed_still_gives_typed_datasets(tmp_path):
    out = tmp_path / "p"
    store.write_failure(out, Failure("in/x.xls", None, "read", "UnsupportedFormat", "no"))
    store.rebuild_risks(out)
    assert check_contract(out).returncode == 0
    for name, schema in store.SCHEMAS.items():
        frame = pd.read_parquet(out / name)
        assert list(frame.columns) == schema.names
        assert ds.dataset(out / name, format="parquet").schema.equals(schema)
    assert len(pd.read_parquet(out / "failures")) == 1


def test_linking_reads_stored_rows(gold_dir):
    known = store.known_rows(gold_dir)
    assert known.num_rows == 60
    assert {"risk_key", "organisation", "municipality", "year", "process", "risk", "control",
            "report_id"} <= set(known.column_names)
    assert store.known_rows(gold_dir.parent / "nothing") is None


KILLED_WRITER = """
import os, signal, sys
import pyarrow.parquet as pq
from ikextract import store
from ikextract.store import files
from ikextract.model import ControlRow, Report, ReportMeta

real_write = pq.write_table
def write_then_die(table, where, **kw):
    real_write(table, where, **kw)
    where.flush()
    os.kill(os.getpid(), signal.SIGKILL)     # kill -9 between writing and renaming
files.pq.write_table = write_then_die
report = Report("ffff000000000006", "in/new.pdf", "f" * 64, "pdf",
                ReportMeta(organisation="Kommunstyrelsen", year=2025), None,
                [ControlRow(risk="Ny risk", risk_key="k-new")])
store.write_report(sys.argv[1], report, "x")
"""


def test_kill_9_while_writing_leaves_no_visible_file(gold_dir):
    before = {f.relative_to(gold_dir): f.read_bytes() for f in gold_dir.rglob("*.parquet")}
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(gold_dir)])
    assert proc.returncode == -9
    temps = list(gold_dir.rglob(".*.tmp"))
    assert len(temps) == 1 and temps[0].parent.name == "controls"
    after = {f.relative_to(gold_dir): f.read_bytes() for f in gold_dir.rglob("*.parquet")}
    assert after == before
    assert check_contract(gold_dir).returncode == 0
    assert len(pd.read_parquet(gold_dir / "controls")) == 60
    assert "in/new.pdf" not in store.known_reports(gold_dir)   # so it is ingested again
    store.ensure_layout(gold_dir)
    assert not list(gold_dir.rglob(".*.tmp"))


def test_a_batch_syncs_folders_in_batches_not_per_report(tmp_path, monkeypatch):
    from ikextract.store import datasets
    calls = []
    monkeypatch.setattr(datasets, "fsync_dir", lambda folder: calls.append(folder))
    s = store.Store(tmp_path / "p", VERSION, sync_every=1000, sync_seconds=1e9)
    for i in range(20):
        s.write_report(small_report(f"{i:016x}", f"in/{i}.pdf"))
    assert calls == []                     # renames done, folders not yet synced
    s.close()
    assert sorted(p.name for p in calls) == ["controls", "reports"]
    assert store.read_dataset(tmp_path / "p", "reports").num_rows == 20


def test_a_folder_written_by_an_older_version_is_upgraded_in_place(tmp_path):
    out = tmp_path / "p"
    store.write_report(out, small_report(), VERSION)
    old = [f.name for f in store.SCHEMAS["controls"]][:-1]          # before `extra`
    for f in (out / "controls").glob("*.parquet"):
        pq.write_table(pq.read_table(f).select(old), f)
    store.ensure_layout(out)
    for f in (out / "controls").glob("*.parquet"):
        assert pq.read_schema(f).remove_metadata().equals(store.CONTROLS_SCHEMA)
    rows = store.read_dataset(out, "controls").to_pylist()
    assert rows and all(r["extra"] == [] for r in rows)
    store.rebuild_risks(out)
    assert check_contract(out).returncode == 0


def test_a_report_stored_under_the_old_report_id_name_is_replaced_not_doubled(tmp_path):
    out = tmp_path / "p"
    report = small_report()
    store.write_report(out, report, VERSION)
    stem = path_key(report.source_path)
    for name in ("reports", "controls"):           # the layout before one file per path
        (out / name / f"{stem}.parquet").rename(out / name / f"{report.report_id}.parquet")
    changed = small_report("dddd000000000004", report.source_path)
    store.write_report(out, changed, VERSION)
    reports = store.read_dataset(out, "reports").to_pylist()
    assert [r["report_id"] for r in reports] == ["dddd000000000004"]
    assert not (out / "controls" / f"{report.report_id}.parquet").exists()


def test_text_that_is_not_valid_utf8_is_stored_escaped(tmp_path):
    out = tmp_path / "p"
    broken = small_report(rows=[ControlRow(risk="Risk \ud835 trasig teckenkarta",
                                           status="okand", risk_key="k")])
    broken.warnings.append("fil r\udce5pport")
    store.write_report(out, broken, VERSION)
    store.write_failure(out, Failure("in/x.pdf", None, "read", "OSError",
                                     "Permission denied: 'r\udce5.pdf'"))
    assert store.read_dataset(out, "controls").column("risk")[0].as_py() == \
        "Risk \\ud835 trasig teckenkarta"
    assert "\\udce5" in store.read_dataset(out, "failures").column("message")[0].as_py()


def test_read_dataset_reads_what_pyarrow_dataset_reads(gold_dir, tmp_path):
    """The file-by-file reading gives pyarrow.dataset's rows, order and types; it skips
    hidden and temporary files as the dataset API does, and a file that does not read as
    the schema says is read through the dataset API instead (nulls for what it lacks)."""
    from ikextract.store.reading import _read_with_stems
    from ikextract.store.schema import SCHEMAS

    def dataset(root, name, columns=None):
        t = ds.dataset(root / name, schema=SCHEMAS[name], format="parquet").to_table(
            columns=columns)
        return t.select(columns) if columns else t

    (gold_dir / "controls" / ".hidden.parquet").write_bytes(b"not parquet")
    (gold_dir / "controls" / "_meta.parquet").write_bytes(b"not parquet")
    for name in ("reports", "controls", "failures", "risks"):
        table, expected = store.read_dataset(gold_dir, name), dataset(gold_dir, name)
        assert table.equals(expected)
        assert str(table.schema) == str(expected.schema)     # list items named alike
    cols = ["risk_key", "report_id", "seq", "year"]
    assert store.read_dataset(gold_dir, "controls", cols).equals(
        dataset(gold_dir, "controls", cols))
    stems = {r["_stem"] for r in _read_with_stems(gold_dir / "reports", SCHEMAS["reports"],
                                                  ["report_id"])}
    assert stems == {p.stem for p in (gold_dir / "reports").glob("*.parquet")} - {"empty"}

    old = tmp_path / "old"
    write_all(old, gold_reports()[:1])
    f = next(p for p in (old / "reports").glob("*.parquet") if p.stem != "empty")
    pq.write_table(pq.read_table(f).drop_columns(["text_coverage"]), f)
    table = store.read_dataset(old, "reports")
    assert table.equals(dataset(old, "reports"))
    assert table.column("text_coverage").null_count == 1


def test_a_batch_rereads_only_controls_files_changed_since_it_read_or_wrote_them(tmp_path):
    """Store.controls keeps each file's rows through a batch; a file another writer
    replaced or removed meanwhile is read again or left out, so risks are always rebuilt
    from what is on disk."""
    from ikextract.store.files import write_atomic
    from ikextract.store.reading import BATCH_COLUMNS, LINK_COLUMNS
    out = tmp_path / "out"
    s = store.Store(out, VERSION)
    s.write_report(small_report())
    s.write_report(small_report("aaaa000000000002", "in/b.pdf"))
    cols = ["risk_key", "report_id", "seq", "year"]
    assert s.controls.table(cols).equals(store.read_dataset(out, "controls", cols))
    written = {f"{path_key(p)}.parquet" for p in ("in/a.pdf", "in/b.pdf")}
    assert set(s.controls._files) == written | {"empty.parquet"}
    f = out / "controls" / f"{path_key('in/b.pdf')}.parquet"
    other = pq.read_table(f)
    other = other.set_column(other.schema.get_field_index("risk_key"), "risk_key",
                             pa.array(["changed"] * other.num_rows))
    write_atomic(other.cast(pq.read_schema(f)), f)  # another run replaces it
    assert "changed" in s.controls.table(cols).column("risk_key").to_pylist()
    (out / "controls" / f"{path_key('in/a.pdf')}.parquet").unlink()
    rows = s.controls.table(BATCH_COLUMNS)
    assert set(rows.column("report_id").to_pylist()) == {"aaaa000000000002"}
    s.rebuild_risks()
    s.close()
    risks = store.read_dataset(out, "risks")
    assert risks.column("risk_key").to_pylist() == ["changed"]
    assert s.controls.table(LINK_COLUMNS).equals(store.read_dataset(out, "controls",
                                                                    LINK_COLUMNS))
