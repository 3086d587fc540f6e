"""Confidence calibration per kind of evidence (ikextract/status/calibrate.py)."""
from ikextract.status import calibrate
from ikextract.status.calibrate import fit, raw_bin, wilson_lower


def test_wilson_lower_bound_is_below_the_share_and_grows_with_rows():
    assert wilson_lower(10, 10) < 1.0
    assert wilson_lower(100, 100) > wilson_lower(10, 10)
    assert wilson_lower(0, 10) == 0.0
    assert wilson_lower(90, 100) < 0.9


def test_fit_gives_a_bin_with_misses_less_than_a_clean_one():
    readings = ([("rules", "avvikelser", 0.95, True)] * 200
                + [("rules", "inga_avvikelser", 0.95, True)] * 90
                + [("rules", "inga_avvikelser", 0.95, False)] * 10)
    table = {r["kind"]: float(r["confidence"]) for r in fit(readings) if r["confidence"]}
    assert table["rules:avvikelser:0.95"] > table["rules:inga_avvikelser:0.95"]
    assert table["rules:inga_avvikelser:0.95"] < 0.9


def test_calibrated_never_raises_a_raw_confidence():
    for kind in calibrate.table():
        by, _, rest = kind.partition(":")
        code, _, lo = rest.partition(":")
        if lo:
            raw = float(lo)
            assert calibrate.calibrated(by, code, raw) <= raw


def test_bins():
    assert raw_bin(0.95) == 0.95 and raw_bin(0.85) == 0.8 and raw_bin(0.3) == 0.0


def test_the_stage_loads_a_table():
    assert calibrate.CALIBRATION_FILE.is_file()
    assert calibrate.table()
