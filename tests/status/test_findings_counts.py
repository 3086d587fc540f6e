"""Counts and goals that carry the finding: a goal and its outcome across a semicolon, time
limits written in words."""
import pytest

from ikextract.status import classify_text


pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize("text, expected", [
    ("Målet om 85 % svar inom två dagar har inte nåtts; utfallet blev 64 %.", "avvikelser"),
    ("Målet att 90 % av fakturorna ska betalas i tid nåddes; utfallet blev 96 %.",
     "inga_avvikelser"),
    ("Väntetiden till hemtjänst var i genomsnitt sex veckor; målet är två veckor.",
     "avvikelser"),
])
def test_a_goal_and_its_outcome(text, expected):
    assert classify_text(text).code == expected


@pytest.mark.parametrize("text, expected", [
    ("I inget av de 15 ärendena hade handläggningstiden överskridits.", "inga_avvikelser"),
    ("Ingen av de sex skolorna hade en aktuell krisplan.", "avvikelser"),
    ("0 av 40 fakturor saknade attest.", "inga_avvikelser"),
    ("Endast 9 av 30 chefer hade genomgått utbildningen.", "avvikelser"),
])
def test_counts_and_quantifiers_over_the_cases(text, expected):
    assert classify_text(text).code == expected
