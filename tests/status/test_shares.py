"""Bare shares and counts of a positive outcome, with no goal and no cue (shares.py)."""
import pytest

from ikextract.status.classify import classify_text


@pytest.mark.parametrize("text, codes", [
    ("100 % av de granskade avtalen var underskrivna.", {"inga_avvikelser"}),
    ("92 % av fakturorna var attesterade inom en vecka.", {"mindre_avvikelser", "avvikelser"}),
    ("Omkring 65 % av cheferna har genomfört utbildningen.", {"avvikelser"}),
    ("I 8 av 10 ärenden gjordes uppföljningen inom tidsfristen.", {"avvikelser"}),
    ("Fem av fem enheter hade en aktuell krisplan.", {"inga_avvikelser"}),
])
def test_bare_share_is_a_finding(text, codes):
    d = classify_text(text)
    assert d.code in codes, (text, d)
    if d.kind == "share":
        assert d.confidence < 0.9   # said less surely than a rule reading the finding


@pytest.mark.parametrize("text", [
    "Sjukfrånvaron minskade från 6,2 % till 5,9 %.",          # a statistic
    "Stickprovet omfattade 15 % av ärendena.",                # a sample's size
    "Svarsfrekvensen var 40 %, så några säkra slutsatser går inte att dra.",
])
def test_a_percentage_that_is_no_finding_is_not_a_deviation(text):
    assert classify_text(text).code not in ("avvikelser", "mindre_avvikelser", "inga_avvikelser")


def test_parts_of_the_control_counted_are_progress_not_a_finding():
    assert classify_text("Tre av fyra delmoment är klara.").code not in (
        "avvikelser", "mindre_avvikelser", "inga_avvikelser")
