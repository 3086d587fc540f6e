"""The linking fixtures as DOCX files through the real `ingest` (runner, store, LinkIndex):
one run, two halves, one file at a time in reverse or shuffled order give one grouping; a
further year changes no stored key; re-ingesting with --force keeps every key."""
import itertools
import random
from pathlib import Path

import pytest

import ikextract
from ikextract.pipeline import ingest
from tests.fixtures.link.build import build, write_docx


@pytest.fixture(scope="module")
def docx_set(tmp_path_factory):
    raw = tmp_path_factory.mktemp("link-docx")
    paths = write_docx(raw)
    families = {Path(rec["source_path"]).stem: [c["family"] for c in rec["controls"]]
                for rec in build()}
    return paths, families


def keys_by_row(out) -> dict:
    data = ikextract.load(out)
    path_of = dict(zip(data.reports["report_id"], data.reports["source_path"]))
    return {(Path(path_of[rid]).stem, int(seq)): key for rid, seq, key in zip(
        data.controls["report_id"], data.controls["seq"], data.controls["risk_key"])}


def partition(keys: dict) -> list:
    groups = {}
    for row, key in keys.items():
        groups.setdefault(key, set()).add(row)
    return sorted(sorted(g) for g in groups.values())


def run(batches, out):
    for batch in batches:
        summary = ingest(batch, out, workers=0)
        assert not summary.failures, summary.failures


def test_one_run_halves_reverse_and_shuffled_give_one_grouping(docx_set, tmp_path):
    paths, families = docx_set
    run([paths], tmp_path / "one")
    expected = partition(keys_by_row(tmp_path / "one"))
    run([paths[:5], paths[5:]], tmp_path / "halves")
    run([[p] for p in reversed(paths)], tmp_path / "reverse")
    shuffled = list(paths)
    random.Random(3).shuffle(shuffled)
    run([shuffled[:3], shuffled[3:7], shuffled[7:]], tmp_path / "shuffled")
    for name in ("halves", "reverse", "shuffled"):
        assert partition(keys_by_row(tmp_path / name)) == expected, name
    # And it is the labelled grouping.
    keys = keys_by_row(tmp_path / "one")
    rows = [(families[stem][seq - 1], key) for (stem, seq), key in keys.items()]
    pairs = list(itertools.combinations(rows, 2))
    tp = sum(a[0] == b[0] and a[1] == b[1] for a, b in pairs)
    fp = sum(a[0] != b[0] and a[1] == b[1] for a, b in pairs)
    fn = sum(a[0] == b[0] and a[1] != b[1] for a, b in pairs)
    assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.92


def test_a_further_year_changes_no_stored_key(docx_set, tmp_path):
    paths, _ = docx_set
    last = max(int(p.stem.rsplit("_", 1)[1]) for p in paths)
    earlier = [p for p in paths if not p.stem.endswith(str(last))]
    later = [p for p in paths if p.stem.endswith(str(last))]
    out = tmp_path / "years"
    run([earlier], out)
    before = keys_by_row(out)
    run([later], out)
    after = keys_by_row(out)
    assert {row: after[row] for row in before} == before
    joined = {k for row, k in after.items() if row not in before} & set(before.values())
    assert joined                                  # the new year joined existing risks


def test_forced_reingest_keeps_every_key(docx_set, tmp_path):
    paths, _ = docx_set
    out = tmp_path / "again"
    run([paths], out)
    before = keys_by_row(out)
    summary = ingest(paths[:4], out, workers=0, force=True)
    assert not summary.failures
    assert keys_by_row(out) == before
