"""Row similarity: text first, the reports' cues only tip close pairs."""
from ikextract.link.keys import LINK_THRESHOLD
from ikextract.link.similarity import main_text, row_similarity, row_text


def sim(a, b, **kw):
    return row_similarity(row_text(None, a, None), row_text(None, b, None), **kw)


def test_rewordings_of_one_risk_score_above_the_threshold():
    assert sim("Bristande kontroll av körkort vid anställning",
               "Bristande kontroll av körkort vid nyrekrytering") == 1.0
    assert sim("Risk för felaktiga leverantörsbetalningar",
               "Risk för felaktigt hanterade betalningar till leverantörer") > 0.8
    assert sim("Avsaknad av kontroll av legitimation vid nyanställning",
               "Bristande kontroll av legitimation vid nyanställningar") > 0.9


def test_near_misses_score_below_it():
    assert sim("Bristande kontroll av körkort vid anställning",
               "Bristande kontroll av legitimation vid anställning") < LINK_THRESHOLD
    assert sim("Risk för felaktiga leverantörsbetalningar",
               "Risk för felaktiga löneutbetalningar") < LINK_THRESHOLD


def test_symmetric_and_bounded():
    a, b = "Risk att felaktig makulering av fakturor utförs", "Felaktig makulering av fakturor"
    assert sim(a, b) == sim(b, a) and 0.7 < sim(a, b) <= 1.0
    assert sim(a, "") == 0.0


def test_cues_tip_a_pair_but_never_link_alone():
    a = row_text("Lön", "Felaktiga utbetalningar av lön", None, "3", "Ekonomi")
    b = row_text("Lön", "Risk för felaktiga löneutbetalningar till anställda", None, "3",
                 "Ekonomi", "Risken kvarstår från föregående år.")
    plain = row_text("Lön", "Risk för felaktiga löneutbetalningar till anställda", None)
    assert row_similarity(a, b, 2023, 2024) > row_similarity(a, plain, 2023, 2024)
    other = row_text("Lön", "Hot och våld mot personal", None, "3", "Ekonomi",
                     "Risken kvarstår från föregående år.")
    assert row_similarity(a, other, 2023, 2024) < LINK_THRESHOLD


def test_main_text_is_the_risk_else_process_and_control():
    assert main_text("Inköp", "Risk för mutor", "Kontroll av fakturor") == "Risk för mutor"
    assert main_text("Inköp", None, "Fakturor mot avtal") == "Inköp Fakturor mot avtal"
    assert main_text("Lönekörning", "Risk", "Löneskulder") == "Lönekörning Löneskulder"


def _plain_bag_similarity(a, b):
    """bag_similarity as first written (every concept of b compared softly), to hold the
    faster one to."""
    from rapidfuzz.distance import Indel

    from ikextract.link import similarity as s
    if not a or not b:
        return 0.0
    common = 0.0
    b_left = {c: w for c, w in zip(b.concepts, b.weights)}
    a_left = []
    for c, w in zip(a.concepts, a.weights):
        if c in b_left:
            common += min(w, b_left.pop(c))
        else:
            a_left.append((c, w))
    for c, w in a_left:
        if len(c) < s.SOFT_MIN_LENGTH or not b_left:
            continue
        best, best_c = 0.0, None
        for d in b_left:
            if len(d) >= s.SOFT_MIN_LENGTH:
                x = Indel.normalized_similarity(c, d)
                if x > best:
                    best, best_c = x, d
        if best >= s.SOFT_MATCH:
            common += best * min(w, b_left.pop(best_c))
    only_a, only_b = a.total - common, b.total - common
    denominator = common + s.ELABORATION_COST * max(only_a, only_b) + min(only_a, only_b)
    return common / denominator if denominator else 0.0


def test_bag_similarity_with_and_without_neighbours_is_the_plain_definition():
    """Every pair of bags of the link fixtures (tuning and both held-out sets, OCR-damaged
    words among them): the identical-bag shortcut and the neighbour lists change no score
    by a single bit."""
    from ikextract.link.similarity import SoftNeighbours, bag_similarity
    from tests.fixtures.link import fresh, holdout
    from tests.fixtures.link.build import load
    bags = set()
    for labelled in (load(), holdout.load(), fresh.load()):
        for rep, _ in labelled:
            for r in rep.controls:
                t = row_text(r.process, r.risk, r.control)
                bags.update(x for x in (t.main, t.process, t.control) if x)
    bags = sorted(bags, key=lambda x: x.concepts)
    near = SoftNeighbours()
    for x in bags:
        near.add(x.concepts)
    soft_pairs = 0
    for a in bags:
        for b in bags:
            expected = _plain_bag_similarity(a, b)
            assert bag_similarity(a, b) == expected
            assert bag_similarity(a, b, near) == expected
            soft_pairs += any(near.of(c) & set(b.concepts) for c in a.concepts
                              if len(c) >= 5)
    assert soft_pairs > 0              # the soft path was exercised


def test_score_bound_is_never_below_a_score():
    """score_bound from the weight two rows' main texts could share (what LinkIndex counts
    from its posting lists) is at least their row_similarity, every cue included."""
    import itertools

    from ikextract.link.similarity import SoftNeighbours, score_bound
    from tests.fixtures.link import holdout
    from tests.fixtures.link.build import load
    rows = []
    for labelled in (load(), holdout.load()):
        for rep, _ in labelled:
            for r in rep.controls:
                cue = " ".join(t for t in (r.result, r.comment) if t) or None
                rows.append((row_text(r.process, r.risk, r.control, r.number, r.area, cue),
                             rep.meta.year))
    near = SoftNeighbours()
    for t, _ in rows:
        near.add_text(t)
    tight = 0
    for (a, ya), (b, yb) in itertools.combinations(rows, 2):
        shared = sum(w for c, w in zip(a.main.concepts, a.main.weights)
                     if c in b.main.lookup or (len(c) >= 5 and near.of(c) & set(b.main.concepts)))
        bound = score_bound(shared, a.main.total, b.main.total)
        score = row_similarity(a, b, ya, yb)
        assert score <= bound + 1e-12
        tight += bound < LINK_THRESHOLD
    assert tight > 0.5 * len(rows) * (len(rows) - 1) / 2   # it rules out most pairs
