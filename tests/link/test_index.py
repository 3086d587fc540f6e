"""LinkIndex: built from the store once, one report at a time, forget for replaced reports."""
import copy

from ikextract import store
from ikextract.link import LinkIndex
from ikextract.link import scoring as scoring_module
from ikextract.model import replace_row
from tests.fixtures.link.build import load


def test_from_store_reads_the_stored_keys_and_links_the_next_report(tmp_path):
    labelled = load()
    ks = sorted((x for x in labelled if x[0].meta.organisation == "Kommunstyrelsen"),
                key=lambda x: x[0].meta.year)
    index = LinkIndex.from_store(tmp_path / "none")          # nothing stored yet
    assert len(index) == 0
    for rep, _ in ks[:-1]:
        index.assign(rep)
        store.write_report(tmp_path, rep, "test")
    fresh = LinkIndex.from_store(tmp_path)
    assert len(fresh) == len(ks) - 1
    last, again = ks[-1][0], copy.deepcopy(ks[-1][0])
    index.assign(last)
    fresh.assign(again)
    assert [r.risk_key for r in again.controls] == [r.risk_key for r in last.controls]


def test_assigning_a_report_again_gives_back_its_keys():
    labelled = load()
    index = LinkIndex()
    for rep, _ in labelled:
        index.assign(rep)
    rep = labelled[4][0]
    old = [r.risk_key for r in rep.controls]
    again = copy.deepcopy(rep)
    for row in again.controls:
        row.risk_key = None
    index.assign(again)
    assert [r.risk_key for r in again.controls] == old


def test_a_replaced_report_keeps_its_keys_through_forget():
    labelled = load()
    index = LinkIndex()
    for rep, _ in labelled:
        index.assign(rep)
    old = labelled[0][0]
    new = copy.deepcopy(old)
    new.report_id = "f" * 16
    new.controls = [replace_row(r, risk_key=None) for r in new.controls]
    new.controls[0].risk = new.controls[0].risk + " och identitet"
    index.forget(old.report_id)
    assert old.report_id not in index
    index.assign(new)
    assert [r.risk_key for r in new.controls] == [r.risk_key for r in old.controls]


def test_two_rows_of_one_report_never_share_a_key():
    labelled = load()
    index = LinkIndex()
    for rep, _ in labelled:
        twin = copy.deepcopy(rep.controls[0])
        rep.controls.append(twin)                   # the same risk printed twice
        index.assign(rep)
        keys = [r.risk_key for r in rep.controls]
        assert len(keys) == len(set(keys))


def test_only_the_reports_board_is_compared(monkeypatch):
    labelled = load()
    index = LinkIndex()
    calls = []
    real = scoring_module.text_similarity

    def counting(a, b, *args):
        calls.append(1)
        return real(a, b, *args)

    monkeypatch.setattr(scoring_module, "text_similarity", counting)
    sn = [x for x in labelled if x[0].meta.organisation == "Socialnämnden"]
    rest = [x for x in labelled if x[0].meta.organisation != "Socialnämnden"]
    for rep, _ in sn[:-1]:
        index.assign(rep)
    calls.clear()
    index.assign(sn[-1][0])
    alone = len(calls)
    index2 = LinkIndex()
    for rep, _ in rest + sn[:-1]:
        index2.assign(rep)
    calls.clear()
    index2.assign(copy.deepcopy(sn[-1][0]))
    assert len(calls) == alone > 0           # other boards cost nothing


def test_a_report_assigned_again_keeps_keys_even_after_others_joined():
    labelled = load()
    index = LinkIndex()
    first = labelled[0][0]
    index.assign(first)
    old = [r.risk_key for r in first.controls]
    for rep, _ in labelled[1:]:
        index.assign(rep)
    again = copy.deepcopy(first)
    again.controls.reverse()                    # even in another row order
    index.assign(again)
    assert [r.risk_key for r in reversed(again.controls)] == old


def test_a_row_that_restates_a_key_keeps_it_over_two_looser_links():
    """Row A restates key K (close), row B is only loosely like K, and A is loosely like
    key L: A gets K, not L (maximising the plain sum of scores would swap them)."""
    import numpy as np
    index = LinkIndex(threshold=0.5)
    scores = np.array([[0.95, 0.6], [0.6, 0.0]])       # rows A, B x keys K, L
    assert index._assign(scores, ["K", "L"]) == ["K", None]


def test_board_names_differing_in_punctuation_or_case_are_one_board():
    labelled = load()
    bun = [rep for rep, _ in labelled if rep.meta.organisation.startswith("Barn")]
    bun[1].meta.organisation = "barn och utbildningsnämnden"
    index = LinkIndex()
    for rep in bun:
        index.assign(rep)
    first = {r.risk_key for r in bun[0].controls}
    assert sum(r.risk_key in first for r in bun[1].controls) >= 6


def test_forget_then_assign_the_same_report_keeps_every_key():
    """The runner forgets the stored version before assigning the new one, also when the
    bytes are the same (--force): every unchanged row gets its key back."""
    labelled = load()
    index = LinkIndex()
    for rep, _ in labelled:
        index.assign(rep)
    rep = labelled[2][0]
    old = [r.risk_key for r in rep.controls]
    index.forget(rep.report_id)
    again = copy.deepcopy(rep)
    again.controls.reverse()
    index.assign(again)
    assert [r.risk_key for r in reversed(again.controls)] == old


def test_a_changed_file_gets_its_old_versions_keys_for_unchanged_rows():
    labelled = load()
    index = LinkIndex()
    for rep, _ in labelled:
        index.assign(rep)
    old = labelled[6][0]
    new = copy.deepcopy(old)
    new.report_id = "0" * 16
    new.controls = [replace_row(r, risk_key=None) for r in new.controls]
    new.controls[0].risk = "Helt ny formulering om något annat"
    index.forget(old.report_id)
    index.assign(new)
    assert [r.risk_key for r in new.controls[1:]] == [r.risk_key for r in old.controls[1:]]


class _EveryPair(LinkIndex):
    """Scores every row against every member of every candidate (the definition), for
    holding LinkIndex's pruned, once-per-text scoring to it."""

    def _scores(self, board, candidates, rows, year):
        import numpy as np

        from ikextract.link.similarity import row_similarity
        scores = np.zeros((len(rows), len(candidates)))
        for j, k in enumerate(candidates):
            entry = board.keys[k]
            members = entry.live() or entry.members
            for n, a in enumerate(rows):
                scores[n, j] = max(row_similarity(a, m.text, year, m.year) for m in members)
        return scores


def test_pruned_scoring_gives_the_keys_of_scoring_every_pair():
    import random

    from tests.fixtures.link import fresh, holdout
    sets = [load(), holdout.load(), fresh.load()]
    for labelled in sets:
        orders = [labelled, labelled[::-1]]
        for seed in range(3):
            shuffled = labelled[:]
            random.Random(seed).shuffle(shuffled)
            orders.append(shuffled)
        for order in orders:
            fast, slow = LinkIndex(), _EveryPair()
            for n, (rep, _) in enumerate(order):
                a, b = copy.deepcopy(rep), copy.deepcopy(rep)
                assert fast.assign(a) == slow.assign(b)
                assert a.warnings == b.warnings
                if n % 4 == 3:             # a replaced report now and then
                    fast.forget(rep.report_id)
                    slow.forget(rep.report_id)
                    assert fast.assign(copy.deepcopy(rep)) == slow.assign(copy.deepcopy(rep))
