"""The independent held-out set (data/heldout_independent.tsv, written by someone who had not
seen the rules, the model or the training data; never trained or tuned on).

The figures below are the ones measured once, after tuning had finished, by
`.venv/bin/python bench/status_eval.py --heldout --no-misses` (1 December 2026): the test
guards them against regressions, with a small margin. They are short of the issue's goals
(accuracy >= 0.92, precision of inga_avvikelser >= 0.97, right >= 97 % at confidence >= 0.9);
raising them means new data and rules written without looking at this file.
"""
import pytest

from ikextract.status.evaluate import evaluate_rows
from ikextract.status.train import INDEPENDENT_HELDOUT, read_labelled_file

MEASURED = {"n": 598, "accuracy": 0.871, "clear_precision": 0.843, "false_all_clear": 18,
            "at_least_90_n": 227, "at_least_90_right": 0.965}
MARGIN = 0.01

pytestmark = pytest.mark.skipif(not INDEPENDENT_HELDOUT.is_file(),
                                reason="no independent held-out set")


@pytest.fixture(scope="module")
def metrics():
    return evaluate_rows(read_labelled_file(INDEPENDENT_HELDOUT))


def test_heldout_figures_do_not_regress(metrics):
    assert metrics.n == MEASURED["n"]
    assert metrics.accuracy >= MEASURED["accuracy"] - MARGIN
    assert metrics.clear_precision >= MEASURED["clear_precision"] - MARGIN
    assert metrics.false_all_clear <= MEASURED["false_all_clear"] + 2


def test_heldout_calibration_does_not_regress(metrics):
    n, right = metrics.at_least_90
    assert n >= MEASURED["at_least_90_n"] * 0.9
    assert right >= MEASURED["at_least_90_right"] - MARGIN
    # confidence means something: the sure rows are right more often than the unsure ones
    by_bin = {lo: acc for lo, _, k, acc in metrics.calibration if k}
    assert by_bin[0.95] > by_bin[0.5]
