"""The contract's precedence and the row interface."""

import pytest

from ikextract.model import STATUS_CODES, ControlRow
from ikextract.status import StatusDecision, apply, classify_row, classify_text
from ikextract.status import classify as classify_module


def test_finding_column_wins_over_progress_column():
    # "Följer plan" states a finding; "Pågår" only progress (contract).
    row = ControlRow(status_text="Pågår", follows_plan=True, result="Inga avvikelser.")
    d = classify_row(row)
    assert d.code == "inga_avvikelser" and "Följer plan" in d.evidence


def test_progress_column_decides_progress_codes():
    row = ControlRow(status_text="Pågår", result="Inga avvikelser hittills.")
    d = classify_row(row)
    assert d.code == "pagar" and d.evidence == "column 'Status': Pågår"


def test_follows_plan_ja_wins_over_free_text():
    row = ControlRow(follows_plan=True, comment="Det är kvar att göra. Vi har en avvikelse?")
    d = classify_row(row)
    assert d.code == "inga_avvikelser" and "Följer plan" in d.evidence


def test_follows_plan_nej_is_avvikelser():
    assert classify_row(ControlRow(follows_plan=False, result="Inga avvikelser.")).code == "avvikelser"


def test_result_before_comment():
    row = ControlRow(result="Inga avvikelser identifierade.", comment="Ej påbörjad.")
    assert classify_row(row).code == "inga_avvikelser"


def test_comment_when_result_is_empty():
    row = ControlRow(result=None, comment="Kontrollmomentet flyttas till 2025.")
    d = classify_row(row)
    assert d.code == "ej_utford" and "flyttas" in d.evidence


def test_empty_row_is_okand_never_none():
    d = classify_row(ControlRow())
    assert d == StatusDecision("okand", 1.0, None)


def test_apply_sets_status_confidence_evidence_on_every_row():
    rows = [ControlRow(result="Mindre avvikelser."), ControlRow(follows_plan=True),
            ControlRow(comment="Pågår."), ControlRow()]
    out = apply(rows)
    assert [r.status for r in out] == ["mindre_avvikelser", "inga_avvikelser", "pagar", "okand"]
    for r in out:
        assert r.status in STATUS_CODES
        assert 0.0 <= r.status_confidence <= 1.0
    assert out[0].status_evidence == "result: 'Mindre avvikelser.'"
    assert rows[0].status == "okand"   # inputs untouched


def test_textcat_decides_what_rules_leave_open():
    if classify_module.get_textcat() is None:
        pytest.skip("models/status not built")
    d = classify_text("Hälften av enheterna saknar en aktuell krisplan.")
    assert d.code in STATUS_CODES and 0.0 <= d.confidence <= 1.0


def test_a_missing_model_is_an_error_not_a_silent_fallback(tmp_path, monkeypatch):
    monkeypatch.setenv(classify_module.MODEL_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(classify_module.StatusModelMissing, match="nowhere"):
        classify_module.get_textcat()


def test_rules_alone_only_when_asked_for(monkeypatch):
    monkeypatch.setenv(classify_module.MODEL_ENV, "rules")
    assert classify_module.get_textcat() is None
    assert classify_text("Inga avvikelser.").code == "inga_avvikelser"
    assert classify_text("Någonting helt annat om lokalerna.").code == "okand"
